"""The reviewed rules file (data/library/conditions.toml, issue 13): every rule cites a provision of the
library, quotes it verbatim and uses only the schema's needs, kinds, fields and operators (README: 政策找企业)."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from typing import Any

import pytest

from ingest import DEFAULT_LIBRARY, Library
from ingest.numerals import cn_to_int
from ingest.schema import Provision

RULES_FILE = DEFAULT_LIBRARY / "conditions.toml"

# The profile, the needs and the operators (README: 政策找企业; bot.match)
NEEDS = {"融资", "税费", "用工", "市场", "创新", "账款拖欠", "创业", "数字化"}
KINDS = {"企业", "个体工商户"}
OPS = {"==", "!=", "<", "<=", ">", ">=", "in", "contains", "confirm"}
NUMERIC_OPS = {"<", "<=", ">", ">="}
PROFILE_FIELDS = {
    "kind", "industry", "industry_class", "province", "city", "employees", "revenue_wan", "assets_wan",
    "taxable_income_wan", "vat_taxpayer", "monthly_sales_wan", "certifications", "age_years", "founder",
    "needs", "as_of",
}  # fmt: skip
NUMERIC_FIELDS = {"employees", "revenue_wan", "assets_wan", "taxable_income_wan", "monthly_sales_wan", "age_years"}
LIST_FIELDS = {"certifications", "founder", "needs"}
RULE_KEYS = {"id", "provision", "need", "kinds", "region", "benefit", "benefit_provision", "note", "when", "related"}
REQUIRED_RULE_KEYS = {"id", "provision", "need", "kinds", "benefit"}
WHEN_KEYS = {"field", "op", "value", "quote", "unit"}

_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_PERCENT_CN = re.compile(r"百分之([零〇一二两三四五六七八九十百]+)")
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百]+")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def figures(quote: str) -> list[float]:
    """The numbers a quote prints: Arabic (30万元, 1.5%) and Chinese below 1000 (五百万元, 百分之三十)."""
    text = _PERCENT_CN.sub(lambda m: f"{cn_to_int(m.group(1))}%", nfkc(quote))
    found = [float(x) for x in _ARABIC.findall(text)]
    for run in _CN_NUMBER.findall(_ARABIC.sub(" ", text)):
        try:
            found.append(float(cn_to_int(run)))
        except ValueError:
            continue
    return found


def load_rules() -> list[dict[str, Any]]:
    return tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))["rule"]


RULES = load_rules()


def rule_id(rule: dict[str, Any]) -> str:
    return str(rule.get("id", "?"))


def provision_of(library: Library, ref: str) -> Provision | None:
    doc_id, sep, number = ref.partition("#")
    if not sep or not number.isdigit():
        return None
    return library.provision(doc_id, int(number))


def test_the_file_has_rules_with_unique_ids() -> None:
    ids = [rule_id(r) for r in RULES]
    assert ids, "no [[rule]] in the file"
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"ids used more than once: {duplicates}"
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids), "ids: lower case words joined by -"


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_rule_is_well_formed(rule: dict[str, Any], library: Library) -> None:
    assert rule.keys() >= REQUIRED_RULE_KEYS, f"missing: {sorted(REQUIRED_RULE_KEYS - rule.keys())}"
    assert rule.keys() <= RULE_KEYS, f"unknown keys: {sorted(rule.keys() - RULE_KEYS)}"
    needs = rule["need"] if isinstance(rule["need"], list) else [rule["need"]]
    assert needs and set(needs) <= NEEDS, f"need {rule['need']!r}: one of {sorted(NEEDS)}, or a list of them"
    assert isinstance(rule.get("related", False), bool), "related: true or false"
    kinds = rule["kinds"]
    assert isinstance(kinds, list) and kinds, "kinds: a non-empty list"
    assert set(kinds) <= KINDS and len(set(kinds)) == len(kinds), f"kinds {kinds} (allowed: {sorted(KINDS)})"

    provision = provision_of(library, rule["provision"])
    assert provision is not None, f"{rule['provision']} is not a provision of the library"
    document = library.get(provision.doc_id)
    assert document is not None
    assert rule.get("region", "") == document.meta.region, (
        f"region {rule.get('region', '')!r}, but {provision.doc_id} is "
        f"{'for ' + document.meta.region if document.meta.region else 'national'}"
    )
    if "benefit_provision" in rule:
        assert provision_of(library, rule["benefit_provision"]) is not None, (
            f"{rule['benefit_provision']} is not a provision of the library"
        )


@pytest.mark.parametrize("rule", RULES, ids=rule_id)
def test_quotes_are_verbatim(rule: dict[str, Any], library: Library) -> None:
    provision = provision_of(library, rule["provision"])
    assert provision is not None, f"{rule['provision']} is not a provision of the library"
    text = nfkc(provision.full_text)
    for when in rule.get("when", []):
        quote = when.get("quote", "")
        assert quote.strip(), f"condition on {when.get('field')}: no quote"
        assert nfkc(quote) in text, f"quote not in {rule['provision']}: {quote!r}"

    benefit_ref = rule.get("benefit_provision", rule["provision"])
    benefit_provision = provision_of(library, benefit_ref)
    assert benefit_provision is not None, f"{benefit_ref} is not a provision of the library"
    benefit = rule["benefit"]
    assert benefit.strip(), "empty benefit"
    assert nfkc(benefit) in nfkc(benefit_provision.full_text), f"benefit not in {benefit_ref}: {benefit!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.get("when")], ids=rule_id)
def test_conditions_use_the_schema(rule: dict[str, Any]) -> None:
    for when in rule["when"]:
        if when.get("op") == "confirm":  # what to confirm, in words for people; no profile field, no value
            assert when.keys() == {"field", "op", "quote"}, f"a confirm condition has field, op and quote: {when}"
            assert when["field"] not in PROFILE_FIELDS, f"{when['field']!r} is a profile field: compare it instead"
            continue
        assert when.keys() >= {"field", "op", "value", "quote"}, f"condition missing keys: {when}"
        assert when.keys() <= WHEN_KEYS, f"unknown keys in a condition: {sorted(when.keys() - WHEN_KEYS)}"
        field, op, value = when["field"], when["op"], when["value"]
        assert field in PROFILE_FIELDS, f"{field!r} is not a profile field"
        assert op in OPS, f"op {op!r} (allowed: {sorted(OPS)})"
        if op in NUMERIC_OPS:
            assert isinstance(value, int | float) and not isinstance(value, bool), f"{field} {op}: not a number"
            assert field in NUMERIC_FIELDS, f"{field} is not a numeric field"
        if op == "in":
            assert isinstance(value, list) and value, f"{field} in: value must be a non-empty list"
        if op == "contains":
            words = value if isinstance(value, list) else [value]
            assert words and all(isinstance(w, str) and w for w in words), f"{field} contains: a word or a list of them"
            assert field in LIST_FIELDS or field == "industry", f"{field} is neither a list nor free text"


@pytest.mark.parametrize(
    "rule", [r for r in RULES if any(w.get("op") in NUMERIC_OPS for w in r.get("when", []))], ids=rule_id
)
def test_numeric_conditions_print_their_value(rule: dict[str, Any]) -> None:
    """The quote of a numeric condition prints the figure compared, and no other (不超过30万元 ↔ 30)."""
    for when in rule["when"]:
        if when["op"] not in NUMERIC_OPS:
            continue
        found = figures(when["quote"])
        assert found, f"{when['field']}: the quote prints no figure: {when['quote']!r}"
        assert all(f == float(when["value"]) for f in found), (
            f"{when['field']} {when['op']} {when['value']}: the quote prints {found}: {when['quote']!r}"
        )


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("年度应纳税所得额不超过30万元", [30.0]),
        ("资产总额不超过3000万元", [3000.0]),
        ("年应征增值税销售额未超过五百万元", [500.0]),
        ("担保费率原则上不超过1.5%", [1.5]),
        ("百分之三十以上", [30.0]),
        ("超过100人的企业达到15%", [100.0, 15.0]),
    ],
)
def test_figures_are_read_as_printed(quote: str, expected: list[float]) -> None:
    assert figures(quote) == expected

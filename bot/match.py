"""政策找企业: a company profile in, every provision whose printed conditions it meets out.

The conditions are data (``conditions.toml`` in the library folder, reviewed by staff): each rule is
one benefit a provision grants, with the conditions the text prints for it, every one quoted. This
module only compares: a profile's field with a rule's value. A rule applies when its document is in
force on the profile's day, its kinds and region fit, and every condition is met; it *needs* a field
when a condition cannot be decided because the profile does not give it, or is one no profile can state
(``confirm``); a rule without conditions applies to every enterprise of its kinds. Rules marked ``related``
(details and programmes around a main benefit) are listed apart, never as a benefit. Unknown fields are
reported, never guessed.

    >>> rule = Rule("r", ("d", 92), ("税费",), ("企业",), "", "减按20%", ("d", 92), (
    ...     Condition("taxable_income_wan", "<=", 300.0, "万元", "不超过300万元"),))
    >>> [c.state for c in check_rule(rule, Profile(taxable_income_wan=200))], check_rule(rule, Profile())[0].state
    (['met'], 'unknown')
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from bot.compose import Shelf
from ingest.schema import Provision

CONDITIONS_FILE = "conditions.toml"  # in the library folder
PROVINCES_FILE = Path(__file__).with_name("provinces.txt")
KINDS = ("企业", "个体工商户")
NEEDS = ("融资", "税费", "用工", "市场", "创新", "账款拖欠", "创业", "数字化")
OPERATORS = ("==", "!=", "<", "<=", ">", ">=", "in", "contains", "confirm")
NUMERIC_OPS = ("<", "<=", ">", ">=")


class RulesError(ValueError):
    """The rules file is not usable; the message names the rule and what to fix."""


class ProfileError(ValueError):
    """Some fields of a profile are wrong; ``problems`` maps each field to a message for people."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__("；".join(f"{k}：{v}" for k, v in problems.items()))
        self.problems = dict(problems)


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: Any
    unit: str
    quote: str  # the provision's own words for this condition


@dataclass(frozen=True)
class Rule:
    id: str
    provision: tuple[str, int]  # (doc_id, number): where the conditions are printed
    needs: tuple[str, ...]  # the owner's needs it serves; grouped under the first one asked for
    kinds: tuple[str, ...]
    region: str  # "" national; "北京市" local
    benefit: str  # quoted from benefit_provision
    benefit_provision: tuple[str, int]
    when: tuple[Condition, ...] = ()
    note: str = ""
    related: bool = False  # a further rule or service that elaborates a main one: listed apart, not as a benefit


# Numbers a profile may carry, with the range beyond which a value is a typo, not a company.
NUMBER_FIELDS = {
    "employees": (0, 10_000_000, "从业人数"),
    "revenue_wan": (0, 1e9, "年营业收入（万元）"),
    "assets_wan": (0, 1e9, "资产总额（万元）"),
    "taxable_income_wan": (-1e9, 1e9, "年度应纳税所得额（万元）"),
    "monthly_sales_wan": (0, 1e8, "月销售额（万元）"),
    "age_years": (0, 200, "成立年限（年）"),
}
CHOICE_FIELDS = {"kind": KINDS, "industry_class": ("工业", "其他"), "vat_taxpayer": ("小规模纳税人", "一般纳税人")}
TEXT_FIELDS = ("industry", "province", "city")
LIST_FIELDS = ("certifications", "founder", "needs")


@dataclass(frozen=True)
class Profile:
    kind: str | None = None
    industry: str | None = None
    industry_class: str | None = None
    province: str | None = None
    city: str | None = None
    employees: float | None = None
    revenue_wan: float | None = None
    assets_wan: float | None = None
    taxable_income_wan: float | None = None
    vat_taxpayer: str | None = None
    monthly_sales_wan: float | None = None
    certifications: tuple[str, ...] = ()
    age_years: float | None = None
    founder: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    as_of: dt.date | None = None

    def given(self, name: str) -> bool:
        value = getattr(self, name)
        return value is not None and value != ()

    def to_json(self) -> dict:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value == ():
                continue
            out[f.name] = (
                value.isoformat() if isinstance(value, dt.date) else list(value) if isinstance(value, tuple) else value
            )
        return out


PROFILE_FIELDS = tuple(f.name for f in fields(Profile))


def profile_from_json(data: object, provinces: Sequence[str] = ()) -> Profile:
    """A Profile from JSON; ProfileError naming every wrong field (unknown fields, types, ranges, choices,
    contradictions). ``provinces``: the province names known (empty: any)."""
    if not isinstance(data, dict):
        raise ProfileError({"profile": '需要一个 JSON 对象，例如 {"kind": "企业", "employees": 30}'})
    problems: dict[str, str] = {}
    values: dict[str, Any] = {}
    known = set(PROFILE_FIELDS)
    for name, raw in data.items():
        if name not in known:
            problems[str(name)[:40]] = f"没有这个字段；可用的有：{'、'.join(sorted(known))}"
        elif raw is None or raw == "" or raw == []:
            continue
        elif name in NUMBER_FIELDS:
            low, high, label = NUMBER_FIELDS[name]
            number = _number(raw)
            if number is None:
                problems[name] = f"{label}需要是数字，收到 {str(raw)[:30]!r}"
            elif not low <= number <= high:
                problems[name] = f"{label} {number:g} 不合常理（应在 {low:g} 到 {high:g} 之间）"
            else:
                values[name] = number
        elif name in CHOICE_FIELDS:
            if raw not in CHOICE_FIELDS[name]:
                problems[name] = f"只能是 {'、'.join(CHOICE_FIELDS[name])} 之一，收到 {str(raw)[:30]!r}"
            else:
                values[name] = raw
        elif name in TEXT_FIELDS:
            if not isinstance(raw, str) or len(raw) > 50:
                problems[name] = "需要是 50 字以内的文字"
            elif name == "province" and provinces and raw not in provinces:
                problems[name] = f"不认识“{raw}”：请写省级行政区的全称，例如 北京市、广东省"
            else:
                values[name] = raw.strip()
        elif name in LIST_FIELDS:
            items = [raw] if isinstance(raw, str) else raw
            if not isinstance(items, list) or not all(isinstance(x, str) and len(x) <= 30 for x in items):
                problems[name] = '需要是文字的列表，例如 ["高新技术企业"]'
            elif name == "needs" and (unknown := [x for x in items if x not in NEEDS]):
                problems[name] = f"不认识 {'、'.join(unknown)}；可选：{'、'.join(NEEDS)}"
            else:
                values[name] = tuple(dict.fromkeys(x.strip() for x in items))
        elif name == "as_of":
            try:
                values[name] = dt.date.fromisoformat(str(raw))
            except ValueError:
                problems[name] = f"日期需要写成 YYYY-MM-DD，收到 {str(raw)[:30]!r}"
    problems |= _contradictions(values)
    if problems:
        raise ProfileError(problems)
    if "industry" in values and "industry_class" not in values:  # 塑料制品制造 → 工业, by bot/profile_words.tsv
        told = [
            value
            for name, value, words in _profile_words()
            if name == "industry_class" and any(w in values["industry"] for w in words)
        ]
        if len(set(told)) == 1:
            values["industry_class"] = told[0]
    return Profile(**values)


def _number(raw: object) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw) if math.isfinite(raw) else None
    if isinstance(raw, str):
        try:
            value = float(raw.strip().replace(",", ""))
        except ValueError:
            return None
        return value if math.isfinite(value) else None
    return None


def _contradictions(values: Mapping[str, Any]) -> dict[str, str]:
    out = {}
    income, revenue = values.get("taxable_income_wan"), values.get("revenue_wan")
    if income is not None and revenue is not None and income > revenue:
        out["taxable_income_wan"] = f"应纳税所得额 {income:g} 万元大于营业收入 {revenue:g} 万元，请核对"
    if values.get("kind") == "个体工商户" and "高新技术企业" in values.get("certifications", ()):
        out["certifications"] = "个体工商户不能认定为高新技术企业，请核对类型或资质"
    return out


@functools.cache
def provinces() -> tuple[str, ...]:
    """The province-level names a profile's province may take (bot/provinces.txt; read once)."""
    lines = PROVINCES_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# ---- rules -------------------------------------------------------------------------------------


def load_rules(folder: Path) -> tuple[Rule, ...]:
    """The library's rules (empty when it has no conditions file); RulesError naming the rule to fix."""
    path = folder / CONDITIONS_FILE
    if not path.exists():
        return ()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: {exc}") from None
    rules = []
    for i, raw in enumerate(data.get("rule", []), start=1):
        where = f"{path.name}, rule {raw.get('id') or i}"
        try:
            when = tuple(
                Condition(
                    c["field"], c["op"], c["value"] if c["op"] != "confirm" else "", c.get("unit", ""), c["quote"]
                )
                for c in raw.get("when", [])
            )
            rule = Rule(
                id=raw["id"], provision=_ref(raw["provision"]), needs=_needs(raw["need"]),
                kinds=tuple(raw.get("kinds", KINDS)), region=raw.get("region", ""), benefit=raw["benefit"],
                benefit_provision=_ref(raw.get("benefit_provision", raw["provision"])), when=when,
                note=raw.get("note", ""), related=bool(raw.get("related", False)),
            )  # fmt: skip
        except KeyError as exc:
            raise RulesError(f"{where}: missing {exc.args[0]!r}") from None
        except ValueError as exc:
            raise RulesError(f"{where}: {exc}") from None
        bad = [
            c for c in when if c.op not in OPERATORS or (c.op in NUMERIC_OPS and not isinstance(c.value, int | float))
        ]
        if bad:
            raise RulesError(
                f"{where}: condition on {bad[0].field!r}: op must be one of {OPERATORS}, numbers for < <= > >="
            )
        rules.append(rule)
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise RulesError(f"{path.name}: rule ids repeat: {sorted({i for i in ids if ids.count(i) > 1})}")
    return tuple(rules)


def _needs(raw: object) -> tuple[str, ...]:
    needs = (raw,) if isinstance(raw, str) else tuple(raw) if isinstance(raw, list) else ()
    if not needs or any(n not in NEEDS for n in needs):
        raise ValueError(f"need {raw!r}: use one of {NEEDS}, or a list of them")
    return needs


def _ref(text: str) -> tuple[str, int]:
    doc_id, _, number = str(text).partition("#")
    if not doc_id or not number.isdigit():
        raise ValueError(f"{text!r} is not doc_id#number")
    return doc_id, int(number)


# ---- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    condition: Condition
    state: str  # met, unmet, unknown
    given: Any = None  # the profile's value it was compared with


def check_rule(rule: Rule, profile: Profile) -> list[Check]:
    return [_check(c, profile) for c in rule.when]


def _check(c: Condition, profile: Profile) -> Check:
    if c.op == "confirm" or not profile.given(c.field):  # confirm: a condition no profile field can state
        return Check(c, "unknown")
    given = getattr(profile, c.field)
    if c.op == "contains":  # a list field holds the item; free text has the word (any of a list of them)
        ok = any(word in given for word in (c.value if isinstance(c.value, list) else [c.value]))
    elif c.op == "in":
        ok = given in c.value
    elif c.op in ("==", "!="):
        ok = (given == c.value) == (c.op == "==")
    else:
        ok = {"<": given < c.value, "<=": given <= c.value, ">": given > c.value, ">=": given >= c.value}[c.op]
    return Check(c, "met" if ok else "unmet", list(given) if isinstance(given, tuple) else given)


@dataclass(frozen=True)
class Match:
    rule: Rule
    provision: Provision
    benefit_provision: Provision
    status: str  # applies, everyone, needs, related
    checks: tuple[Check, ...]
    missing: tuple[str, ...]  # fields to ask for (needs)
    to_confirm: tuple[Condition, ...] = ()  # printed conditions the owner must confirm (needs)

    def need(self, wanted: Sequence[str]) -> str:
        """The need it is listed under: the first of its needs the owner asked for."""
        return next((n for n in self.rule.needs if n in wanted), self.rule.needs[0])


@dataclass(frozen=True)
class MatchResult:
    profile: Profile
    day: dt.date
    matches: tuple[Match, ...]
    left_out: tuple[tuple[str, str], ...] = field(default=())  # (rule id, why): other places, old texts

    def by_need(self) -> dict[str, list[Match]]:
        out: dict[str, list[Match]] = {}
        for m in self.matches:
            out.setdefault(m.need(self.profile.needs), []).append(m)
        return out


def match(profile: Profile, rules: Sequence[Rule], shelf: Shelf) -> MatchResult:
    """Every rule whose provision is in force on the shelf's day and whose conditions the profile meets (or
    may meet, given more data); grouped and ordered: applies, everyone, needs; the profile's needs first."""
    found: list[Match] = []
    left_out: list[tuple[str, str]] = []
    for rule in rules:
        provision = shelf.library.provision(*rule.provision)
        benefit = shelf.library.provision(*rule.benefit_provision)
        if provision is None or benefit is None:
            left_out.append((rule.id, "the provision is not in the library"))
            continue
        if not (shelf.in_force(provision.doc_id) and shelf.in_force(benefit.doc_id)):
            left_out.append((rule.id, shelf.status(provision.doc_id).text))
            continue
        if profile.kind and profile.kind not in rule.kinds:
            continue
        if profile.needs and not set(rule.needs) & set(profile.needs):
            continue  # the owner said what they need: only that
        if rule.region and profile.province != rule.region:
            if profile.province is None:
                left_out.append((rule.id, f"only in {rule.region}: province not given"))
            continue
        checks = tuple(check_rule(rule, profile))
        if any(c.state == "unmet" for c in checks):
            continue
        unknown = [c.condition for c in checks if c.state == "unknown"]
        missing = tuple(dict.fromkeys(c.field for c in unknown if c.op != "confirm"))
        to_confirm = tuple(c for c in unknown if c.op == "confirm")
        if not profile.kind:
            missing = ("kind", *missing) if len(rule.kinds) < len(KINDS) else missing
        if rule.related:  # listed by name: nothing to ask for it
            missing, to_confirm = (), ()
        status = (
            "related" if rule.related else "needs" if missing or to_confirm else "applies" if rule.when else "everyone"
        )
        found.append(Match(rule, provision, benefit, status, checks, missing, to_confirm))
    wanted = profile.needs
    order = {"applies": 0, "everyone": 1, "needs": 2, "related": 3}
    found.sort(key=lambda m: (not set(m.rule.needs) & set(wanted), order[m.status], NEEDS.index(m.need(wanted))))
    return MatchResult(profile, shelf.day, tuple(found), tuple(left_out))


# ---- output ------------------------------------------------------------------------------------

FIELD_LABELS = {
    "kind": "类型", "industry": "行业", "industry_class": "行业类别（工业/其他）", "province": "所在省份",
    "city": "所在城市", "vat_taxpayer": "增值税纳税人类型", "certifications": "资质认定", "founder": "创办人",
    "needs": "需求", "as_of": "日期", **{k: v[2] for k, v in NUMBER_FIELDS.items()},
}  # fmt: skip
STATUS_TEXT = {
    "applies": "符合条件", "everyone": "适用于所有{kinds}", "needs": "可能适用，需补充或核实信息",
    "related": "相关规定",
}  # fmt: skip
STATUSES = tuple(STATUS_TEXT)


def benefit_lead(status: str) -> str:
    """How the quoted text is introduced: a benefit the company may claim, or what a related provision says."""
    return "条文规定" if status == "related" else "可享受"


CHECK_SIGN = {"met": "✓", "unknown": "？", "unmet": "✗"}


def status_text(m: Match) -> str:
    """符合条件 / 适用于所有企业、个体工商户 / 可能适用，需补充信息 — for the text, the JSON and the page."""
    return STATUS_TEXT[m.status].format(kinds="、".join(m.rule.kinds))


def to_json(result: MatchResult, shelf: Shelf, url: Any = None) -> dict:
    """The result for the API and the CLI; ``url(doc_id, number)`` links a provision (none: no links)."""

    def ref(p: Provision) -> dict:
        out = {"doc_id": p.doc_id, "number": p.number, "label": p.label, "title": p.title,
               "doc_title": shelf.metas[p.doc_id].citation_title, "citation": shelf.ref(p),
               "status": shelf.status(p.doc_id).text}  # fmt: skip
        return out | ({"url": url(p.doc_id, p.number)} if url else {})

    groups = []
    for need, items in result.by_need().items():
        groups.append({"need": need, "items": [
            {"rule": m.rule.id, "status": m.status, "status_text": status_text(m), "provision": ref(m.provision),
             "benefit": m.rule.benefit, "lead": benefit_lead(m.status),
             "benefit_provision": ref(m.benefit_provision),
             "conditions": [{"field": c.condition.field, "label": FIELD_LABELS.get(c.condition.field, c.condition.field),
                             "op": c.condition.op, "value": c.condition.value, "unit": c.condition.unit,
                             "quote": c.condition.quote, "state": c.state, "given": c.given} for c in m.checks],
             "missing": [{"field": f, "label": FIELD_LABELS.get(f, f)} for f in m.missing],
             "confirm": [{"what": c.field, "quote": c.quote} for c in m.to_confirm]}
            for m in items]})  # fmt: skip
    asked = [f for m in result.matches for f in m.missing]
    return {
        "as_of": result.day.isoformat(),
        "profile": result.profile.to_json(),
        "groups": groups,
        "ask_for": [
            {"field": f, "label": FIELD_LABELS.get(f, f), "rules": asked.count(f)}
            for f in sorted(dict.fromkeys(asked), key=lambda f: -asked.count(f))  # ties: in the order asked
        ],
        "counts": {s: sum(m.status == s for m in result.matches) for s in STATUSES},
    }


def shown(value: Any) -> str:
    """A profile value for people: 30, not 30.0; lists joined with 、."""
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _given_text(check: Check) -> str:
    if check.condition.op == "confirm":
        return "（需核实）"
    if check.state == "unknown":
        return "（未提供）"
    return f"（您：{shown(check.given)}{check.condition.unit}）"


def to_text(result: MatchResult, shelf: Shelf) -> str:
    """The result in words, for the CLI and the chat, by need: each provision that applies cited, its benefit
    quoted and every condition shown with the value it was compared with; then, one line each, those that
    need a field or a check; then the related provisions by name (the 政策匹配 page shows them in full)."""
    if not result.matches:
        return "按您提供的信息，政策库中现行有效的文件里没有找到条件相符的条款。可以补充行业、人数、收入、所在地等信息后再试。"
    lines = [
        f"按您提供的信息，政策库中{result.day.year}年{result.day.month}月{result.day.day}日有效的文件里，以下条款与您相关："
    ]
    for need, items in result.by_need().items():
        lines.append(f"\n【{need}】")
        for m in items:
            if m.status not in ("applies", "everyone"):
                continue
            where = "" if m.benefit_provision == m.provision else f"（{shelf.ref(m.benefit_provision)}）"
            lines.append(f"✓ {shelf.ref(m.provision)}：{status_text(m)}。可享受：“{m.rule.benefit}”{where}")
            lines.extend(f"    {CHECK_SIGN[c.state]} 条件“{c.condition.quote}”{_given_text(c)}" for c in m.checks)
        maybe: dict[tuple[str, str], list[str]] = {}
        for m in items:
            if m.status == "needs":
                asks = maybe.setdefault((shelf.ref(m.provision), m.rule.benefit), [])
                asks += [f"核实{c.field}" for c in m.to_confirm] + [f"补充{FIELD_LABELS.get(f, f)}" for f in m.missing]
        for (ref, benefit), asks in maybe.items():
            lines.append(f"？ {ref}：可能适用，需要{'、'.join(dict.fromkeys(asks))}。可享受：“{benefit}”")
        related = dict.fromkeys(shelf.ref(m.provision) for m in items if m.status == "related")
        if related:
            lines.append(f"· 相关规定：{'、'.join(related)}")
    return "\n".join(lines)


# ---- a profile told in a question --------------------------------------------------------------

WORDS_FILE = Path(__file__).with_name("profile_words.tsv")
_AMOUNT = r"(\d+(?:\.\d+)?)\s*(亿|万|千万|百万)?(?:元)?"
_NUMBERS = {
    "employees": re.compile(r"(\d+)\s*(?:多)?(?:个|名)?(?:人|员工|职工|工人)(?![民工])|(?:员工|职工|从业人数|人数)\s*(?:有|是|为|约|大概)?\s*(\d+)"),
    "taxable_income_wan": re.compile(r"应纳税所得额?\s*(?:是|为|有|约|大概|才)?\s*" + _AMOUNT),
    "monthly_sales_wan": re.compile(r"(?:每月|月)(?:销售额|营业额|收入)\s*(?:是|为|有|约|大概)?\s*" + _AMOUNT),
    "revenue_wan": re.compile(r"(?<![月])(?:年营业收入|营业收入|年收入|营收|年销售额|销售额|年营业额|营业额)\s*(?:是|为|有|约|大概)?\s*" + _AMOUNT),
    "assets_wan": re.compile(r"资产(?:总额)?\s*(?:是|为|有|约|大概)?\s*" + _AMOUNT),
    "age_years": re.compile(r"成立(?:了)?\s*(\d+)\s*年"),
}  # fmt: skip
_TO_WAN = {None: 1.0, "万": 1.0, "百万": 100.0, "千万": 1000.0, "亿": 10_000.0}
# A question that asks what applies to the company it describes.
_ASKS_WHAT_APPLIES = re.compile(
    r"(?:能|可以|可)(?:享受|申请|用|拿)(?:到)?(?:哪些|什么)|(?:符合|适用|适合)(?:哪些|什么)|哪些政策|什么政策|有(?:哪些|什么)(?:优惠|支持|扶持|补贴)"
)


def tsv_rows(path: Path) -> list[list[str]]:
    """The tab-separated rows of a data file, without blank and # comment lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@functools.cache
def _profile_words() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """bot/profile_words.tsv, read once: every question is checked against it."""
    return tuple(
        (name, value, tuple(sorted(words.split("|"), key=len, reverse=True)))
        for name, value, words in tsv_rows(WORDS_FILE)
    )


def profile_in_question(text: str) -> dict[str, Any]:
    """The profile fields a question states ("我们是一家30人的小型软件公司，去年应纳税所得额200万") — only what it
    says; nothing is inferred beyond the words of bot/profile_words.tsv."""
    found: dict[str, Any] = {}
    for name, pattern in _NUMBERS.items():
        m = pattern.search(text)
        if m:
            number, unit = (
                (m.group(1) or m.group(2)),
                (m.group(2) if name != "employees" and m.lastindex and m.lastindex >= 2 else None),
            )
            found[name] = float(number) * (_TO_WAN.get(unit, 1.0) if name.endswith("_wan") else 1.0)
    for name, value, words in _profile_words():
        said = next((w for w in words if w in text), None)
        if said:
            if name == "industry_class":
                found.setdefault("industry", said)  # the owner's own word: 软件, 餐饮
            if name in LIST_FIELDS:
                found[name] = [*found.get(name, []), value]
            else:
                found.setdefault(name, value)
    for province in provinces():
        short = province.removesuffix("省").removesuffix("市").removesuffix("特别行政区")
        if province in text or (len(short) >= 2 and short in text):
            found["province"] = province
            break
    return found


def profile_values(name: str) -> tuple[str, ...]:
    """The values bot/profile_words.tsv knows for a field (the app's choices for 资质认定, 创办人)."""
    return tuple(dict.fromkeys(value for field, value, _ in _profile_words() if field == name))


def asks_what_applies(text: str) -> bool:
    """The question describes its company — a figure (人数, 收入…), or two facts such as place, industry, taxpayer
    type, certification — and asks what it may claim. "小微企业贷款有什么支持？" describes no company."""
    if not _ASKS_WHAT_APPLIES.search(text):
        return False
    told = profile_in_question(text)
    facts = [k for k in told if k in ("industry_class", "province", "vat_taxpayer", "certifications", "founder")]
    return any(k in NUMBER_FIELDS for k in told) or len(facts) >= 2

"""Drafting 政策找企业 rules from any document's text (bot.rules_draft): thresholds tied to profile fields,
grants without a rule, one draft per item when items are alternatives — never loadable before review."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.match import RulesError, load_rules
from bot.rules_draft import draft, thresholds, to_toml
from ingest.schema import Library


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("年度应纳税所得额不超过30万元", [("taxable_income_wan", "<=", 30.0)]),
        ("从业人数100人以上的企业", [("employees", ">=", 100.0)]),
        ("从业人数超过100人", [("employees", ">", 100.0)]),  # 超过 excludes the figure
        ("营业收入不满2000万元", [("revenue_wan", "<", 2000.0)]),
        ("资产总额不超过1.5亿元", [("assets_wan", "<=", 15000.0)]),
        ("年应征增值税销售额未超过五百万元", [("revenue_wan", "<=", 500.0)]),
        ("从业人数达到30%", []),  # a share, not a head count
        ("例如从业人数25人的企业", []),  # no bounding words: an example, not a condition
    ],
)
def test_thresholds_read_legal_bounds(text: str, expected: list) -> None:
    assert [(t.field, t.op, t.value) for t in thresholds(text)] == expected


def test_a_made_up_law_gets_drafts_for_its_threshold_and_its_right(demo_library: Library) -> None:
    law = demo_library.get("demo-law-2023")
    assert law is not None
    drafts = {d.provision.number: d for d in draft(law)}
    income = drafts[5].thresholds[0]
    assert (income.field, income.op, income.value, income.quote) == (
        "taxable_income_wan", "<=", 500.0, "应纳税所得额不超过五百万元"
    )  # fmt: skip
    assert any("有权拒绝" in g for g in drafts[11].grants)
    assert 9 not in drafts  # government services in general: nothing a company claims by itself


def test_alternative_items_are_drafted_apart_and_a_draft_cannot_load(library: Library, tmp_path: Path) -> None:
    regulation = library.get("eit-regulation-2019")
    assert regulation is not None
    drafts = [d for d in draft(regulation) if d.provision.number == 92]
    assert [[(t.field, t.value) for t in d.thresholds] for d in drafts] == [
        [("taxable_income_wan", 30.0), ("employees", 100.0), ("assets_wan", 3000.0)],
        [("taxable_income_wan", 30.0), ("employees", 80.0), ("assets_wan", 1000.0)],
    ]
    text = to_toml(drafts)
    assert len(tomllib.loads(text)["rule"]) == 2 and text.count("待审核") == 2
    (tmp_path / "conditions.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match="need '待定'"):
        load_rules(tmp_path)  # a person has to choose the need (and check the rest) first

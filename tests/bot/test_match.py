"""政策找企业: profiles checked field by field, rules matched by validity, kind, region and printed conditions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.compose import Shelf
from bot.match import Profile, ProfileError, RulesError, load_rules, match, profile_from_json, to_json, to_text
from ingest.schema import Library

TODAY = dt.date(2026, 11, 30)
RULES = """
[[rule]]
id = "small-low-profit-industrial"
provision = "eit-regulation-2019#92"
need = "税费"
kinds = ["企业"]
benefit = "减按20％的税率征收企业所得税"
benefit_provision = "eit-law-2018#28"
[[rule.when]]
field = "industry_class"
op = "=="
value = "工业"
quote = "工业企业"
[[rule.when]]
field = "taxable_income_wan"
op = "<="
value = 30
unit = "万元"
quote = "年度应纳税所得额不超过30万元"

[[rule]]
id = "paid-within-60-days"
provision = "sme-payment-regulation-2025#9"
need = "账款拖欠"
kinds = ["企业", "个体工商户"]
benefit = "应当自货物、工程、服务交付之日起60日内支付款项"

[[rule]]
id = "beijing-only"
provision = "beijing-sme-promotion-regulation-2020#3"
need = "市场"
region = "北京市"
benefit = "中小企业"

[[rule]]
id = "acceptance-detail"
provision = "sme-payment-regulation-2025#10"
need = "账款拖欠"
kinds = ["企业"]
related = true
benefit = "付款期限应当自检验或者验收合格之日起算"

[[rule]]
id = "startup-loan"
provision = "guofa-2018-39#3"
need = ["创业", "融资"]
kinds = ["企业", "个体工商户"]
benefit = "可申请最高不超过15万元的创业担保贷款"
[[rule.when]]
field = "创业者本人符合创业担保贷款申请条件"
op = "confirm"
quote = "符合创业担保贷款申请条件的人员自主创业的"

[[rule]]
id = "farm-income"
provision = "eit-regulation-2019#86"
need = "税费"
kinds = ["企业"]
benefit = "企业的下列所得，可以免征、减征企业所得税"
benefit_provision = "eit-law-2018#27"
[[rule.when]]
field = "industry"
op = "contains"
value = ["种植", "养殖"]
quote = "企业从事农、林、牧、渔业项目的所得"
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    folder = tmp_path_factory.mktemp("rules")
    (folder / "conditions.toml").write_text(RULES, encoding="utf-8")
    return load_rules(folder)


def statuses(profile: Profile, rules: tuple, library: Library, day: dt.date = TODAY) -> dict[str, str]:
    return {m.rule.id: m.status for m in match(profile, rules, Shelf(library, day)).matches}


def test_a_threshold_is_met_at_the_line_and_not_above_it(rules: tuple, library: Library) -> None:
    at = Profile(kind="企业", industry_class="工业", taxable_income_wan=30)
    above = Profile(kind="企业", industry_class="工业", taxable_income_wan=30.01)
    assert statuses(at, rules, library)["small-low-profit-industrial"] == "applies"
    assert "small-low-profit-industrial" not in statuses(above, rules, library)
    assert "small-low-profit-industrial" not in statuses(Profile(kind="企业", industry_class="其他"), rules, library)


def test_an_unknown_field_is_asked_for_not_guessed(rules: tuple, library: Library) -> None:
    result = match(Profile(kind="企业", industry_class="工业"), rules, Shelf(library, TODAY))
    found = next(m for m in result.matches if m.rule.id == "small-low-profit-industrial")
    assert found.status == "needs" and found.missing == ("taxable_income_wan",)
    out = to_json(result, Shelf(library, TODAY))
    assert "年度应纳税所得额（万元）" in [a["label"] for a in out["ask_for"]]


def test_protections_for_every_sme_and_their_validity(rules: tuple, library: Library) -> None:
    assert statuses(Profile(kind="个体工商户"), rules, library)["paid-within-60-days"] == "everyone"
    before_2025 = statuses(Profile(kind="企业"), rules, library, dt.date(2024, 1, 1))
    assert "paid-within-60-days" not in before_2025  # the 2025 revision was not yet in force


def test_local_provisions_only_for_that_place(rules: tuple, library: Library) -> None:
    assert "beijing-only" in statuses(Profile(kind="企业", province="北京市"), rules, library)
    assert "beijing-only" not in statuses(Profile(kind="企业", province="广东省"), rules, library)


def test_the_text_quotes_each_condition_with_the_value_compared(rules: tuple, library: Library) -> None:
    result = match(Profile(kind="企业", industry_class="工业", taxable_income_wan=20), rules, Shelf(library, TODAY))
    text = to_text(result, Shelf(library, TODAY))
    assert "《中华人民共和国企业所得税法实施条例》第九十二条" in text and "“减按20％的税率征收企业所得税”" in text
    assert "条件“年度应纳税所得额不超过30万元”（您：20万元）" in text


def test_related_provisions_are_listed_apart_and_not_as_benefits(rules: tuple, library: Library) -> None:
    result = match(Profile(kind="企业", needs=("账款拖欠",)), rules, Shelf(library, TODAY))
    order = [(m.rule.id, m.status) for m in result.matches]
    assert order == [("paid-within-60-days", "everyone"), ("acceptance-detail", "related")]
    text = to_text(result, Shelf(library, TODAY))
    assert "· 相关规定：《保障中小企业款项支付条例》（2025年修订）第十条" in text and "验收合格之日起算" not in text
    assert to_json(result, Shelf(library, TODAY))["counts"]["related"] == 1


def test_a_condition_no_profile_can_state_is_left_to_confirm(rules: tuple, library: Library) -> None:
    profile = Profile(kind="个体工商户", founder=("高校毕业生",), needs=("融资",))
    result = match(profile, rules, Shelf(library, TODAY))
    loan = next(m for m in result.matches if m.rule.id == "startup-loan")
    assert loan.status == "needs" and loan.missing == () and result.by_need().keys() == {"融资"}
    assert "可能适用，需要核实创业者本人符合创业担保贷款申请条件。" in to_text(result, Shelf(library, TODAY))
    assert to_json(result, Shelf(library, TODAY))["groups"][0]["items"][0]["confirm"][0]["quote"].startswith("符合")


def test_free_text_industry_matches_any_word_the_rule_lists(rules: tuple, library: Library) -> None:
    assert statuses(Profile(kind="企业", industry="蔬菜种植"), rules, library)["farm-income"] == "applies"
    assert statuses(Profile(kind="企业", industry="淡水养殖"), rules, library)["farm-income"] == "applies"
    assert "farm-income" not in statuses(Profile(kind="企业", industry="农产品电商"), rules, library)
    assert statuses(Profile(kind="企业"), rules, library)["farm-income"] == "needs"


@pytest.mark.parametrize(
    ("raw", "field", "says"),
    [
        ({"employees": -3}, "employees", "不合常理"),
        ({"revenue_wan": 1e12}, "revenue_wan", "不合常理"),
        ({"employees": "三十"}, "employees", "需要是数字"),
        ({"kind": "公司"}, "kind", "只能是"),
        ({"province": "火星"}, "province", "不认识"),
        ({"needs": ["发财"]}, "needs", "不认识"),
        ({"as_of": "2026/11/30"}, "as_of", "YYYY-MM-DD"),
        ({"employes": 3}, "employes", "没有这个字段"),
        ({"taxable_income_wan": 500, "revenue_wan": 100}, "taxable_income_wan", "大于营业收入"),
    ],
)
def test_bad_fields_get_a_message_each(raw: dict, field: str, says: str) -> None:
    with pytest.raises(ProfileError) as error:
        profile_from_json(raw, provinces=("北京市", "广东省"))
    assert says in error.value.problems[field]


def test_a_broken_rules_file_names_the_rule(tmp_path: Path) -> None:
    (tmp_path / "conditions.toml").write_text('[[rule]]\nid = "x"\nprovision = "d#1"\n', encoding="utf-8")
    with pytest.raises(RulesError, match="rule x: missing 'need'"):
        load_rules(tmp_path)


def test_a_question_that_describes_the_company_turns_into_a_profile() -> None:
    from bot.match import asks_what_applies, profile_in_question

    question = "我们是一家30人的小型软件公司，去年应纳税所得额200万，能享受哪些政策？"
    assert asks_what_applies(question)
    told = profile_in_question(question)
    assert told["employees"] == 30 and told["taxable_income_wan"] == 200 and told["industry_class"] == "其他"
    assert profile_in_question("北京的个体户，月销售额8万元")["province"] == "北京市"
    assert profile_in_question("年营收1.2亿，资产3000万")["revenue_wan"] == 12000
    assert not asks_what_applies("小微企业想申请信用贷款，有什么支持？")  # a topic, not a company


def test_an_obvious_industry_class_is_read_from_the_industry() -> None:
    assert profile_from_json({"industry": "塑料制品制造"}).industry_class == "工业"
    assert profile_from_json({"industry": "软件开发"}).industry_class == "其他"
    assert profile_from_json({"industry": "养蜂"}).industry_class is None  # not obvious: asked for, not guessed

import pytest

from bot.calculate import worked_out

RULE = "双方对逾期利息的利率有约定的，约定利率不得低于合同订立时1年期贷款市场报价利率；未作约定的，按照每日利率万分之五支付逾期利息。"


@pytest.mark.parametrize(
    ("question", "result"),
    [
        ("客户欠我们货款50万，已经逾期30天了，能要多少利息？", "50万元 × 0.05% × 30日 ≈ 7500元"),
        ("尾款120万元拖了60天才付，逾期利息能要多少？", "120万元 × 0.05% × 60日 ≈ 3.6万元"),
        ("欠款两百万，超过约定期限十天，利息怎么算？", "200万元 × 0.05% × 10日 ≈ 1万元"),
    ],
)
def test_interest_at_the_daily_rate_is_worked_out_on_the_sum_and_days_told(question: str, result: str) -> None:
    assert result in worked_out(question, RULE)


@pytest.mark.parametrize(
    "question",
    [
        "客户欠我们货款五十多万，拖了四十来天，能要多少利息？",  # rough figures: nothing exact to work on
        "合同约定60天付款，货款50万，能要多少利息？",  # a term agreed, not days overdue
        "货款50万逾期30天，对方违约了怎么办？",  # no interest asked
        "欠50万，又欠30万，逾期30天，利息多少？",  # which sum is unclear
    ],
)
def test_nothing_is_worked_out_without_an_exact_sum_and_days_overdue(question: str) -> None:
    assert worked_out(question, RULE) == ""


def test_nothing_is_worked_out_from_a_rule_stating_no_daily_rate() -> None:
    assert worked_out("欠50万，逾期30天，利息多少？", "约定利率不得低于合同订立时1年期贷款市场报价利率。") == ""


@pytest.mark.parametrize(
    ("question", "rule", "result"),
    [
        (
            "公司工资总额300万，职工教育经费花了10万，能扣多少？",
            "企业发生的职工教育经费支出，不超过工资薪金总额2.5%的部分，准予扣除。",
            "按您说的工资总额300万元计算，工资薪金总额的2.5%为7.5万元。",
        ),
        (
            "今年利润总额80万，捐了12万，能扣多少？",
            "企业发生的公益性捐赠支出，在年度利润总额12％以内的部分，准予扣除；超过年度利润总额12％的部分，准予结转以后三年内扣除。",
            "按您说的利润总额80万元计算，年度利润总额的12%为9.6万元。",
        ),
    ],
)
def test_a_share_of_a_base_is_worked_out_on_the_amount_told_of_that_base(question: str, rule: str, result: str) -> None:
    assert worked_out(question, rule) == result


def test_no_share_is_worked_out_on_an_amount_told_of_something_else() -> None:
    rule = "企业拨缴的工会经费，不超过工资薪金总额2%的部分，准予扣除。"
    assert worked_out("工会经费交了5万，能扣多少？", rule) == ""  # (the wages are not told)
    assert worked_out("工资总额200万，工会经费交给谁？", rule) == ""  # (no amount asked)


@pytest.mark.parametrize(
    ("question", "rule", "verdict"),
    [
        ("约定验收后90天付款，这合法吗？", "付款期限最长不得超过60日。", "您说的90天超过了所引规定的60日。"),
        ("约定收货后20天付款，这合规吗？", "应当自交付之日起30日内支付款项。", "您说的20天没有超过所引规定的30日。"),
        ("收了1.2%的担保费，正常吗？", "收取的担保费率原则上不超过1%。", "您说的1.2%超过了所引规定的1%。"),
        ("合同写的是90天。这个90天合规吗？", "付款期限最长不得超过60日。", "您说的90天超过了所引规定的60日。"),
        ("约定45天付款，合规吗？", "机关应当30日内支付；大型企业应当60日内支付。", ""),  # the bounds disagree
        ("最长是60天吗？", "付款期限最长不得超过60日。", ""),  # asked to confirm, not told to be judged
    ],
)
def test_a_term_or_rate_told_to_be_judged_is_weighed_against_the_bounds_the_rule_sets(
    question: str, rule: str, verdict: str
) -> None:
    assert worked_out(question, rule) == verdict


def test_no_share_is_worked_out_of_a_rate_that_is_no_amount() -> None:
    rule = "对单户担保金额500万元及以下的小微企业收取的担保费率原则上不超过1%。"
    assert worked_out("我们要担保800万，担保费率最高多少？", rule) == ""

"""Working out what a quoted rule gives for the figures a question tells of its own case.

Only a rule the quote states is applied, to figures the asker states exactly (not 八十多万, 四十来天): late-payment
interest at a daily rate (…按照每日利率万分之五支付逾期利息) on a sum owed, for the days it is overdue, said to be an
estimate; a share of a base the rule names (不超过工资薪金总额14%的部分, 年度利润总额12%以内) of the amount the
question tells of that base (工资总额200万 → 28万元); and whether a term or a rate the question asks to be judged
(约定120天付款，合规吗？ 收了3%的担保费，合理吗？) is beyond the bounds the rule sets (最长不得超过60日, 不超过1%).
"""

from __future__ import annotations

import re

from bot.retrieve import asked_figures
from bot.route import cjk_bigrams
from bot.scope import compared_figures
from bot.verify import figures

# A daily rate a rule states: 每日利率万分之五, 按日加收万分之五 (the general forms of Chinese rules on interest and surcharges).
_DAILY_RATE = re.compile(
    r"(?:每日|按日)(?:利率|加收|计收)?(?:为|按)?((?:百分之|千分之|万分之)[零〇一二两三四五六七八九十\d.]+)"
)
_PER = {"%": 100, "‰": 1000, "‱": 10000}
# A sum of money the asker tells (80万, 80万元, 800000元, 八十万块), and a number of days (45天, 四十五日).
_SUM = re.compile(r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)\s*(?:万元|万块|万|元|块)")
_DAYS = re.compile(r"(?:\d+|[零〇一二两三四五六七八九十百]+)\s*(?:天|日)(?!内|以内|之内)")
# The days overdue, said so (逾期45天, 拖了45天, 晚了45天, 超过45天) — not a term agreed (约定60天付款).
_OVERDUE = re.compile(r"(?:逾期|拖欠?了?|晚了|迟延|延迟|超期|超过|过了)[^，。？?\d]{0,4}$")
_INTEREST = re.compile(r"利息|滞纳金|interest", re.IGNORECASE)
# A share of a base a rule states: 工资薪金总额14%, 年度利润总额12%, 当年销售(营业)收入的5‰, 发生额的60%.
# (an amount: …总额, …收入, …所得, …支出 — not a rate: 担保费率不超过1%)
_SHARE_OF = re.compile(r"([\u4e00-\u9fff()（）]{0,10}?(?:额|收入|所得|支出|费用))的?(\d+(?:\.\d+)?)\s*([%％‰])")
# What a sum the asker tells is of: the words before it in its clause (去年营业收入500万 → 去年营业收入).
_LABEL = re.compile(r"([\u4e00-\u9fff]{2,10})$")
# An upper bound a rule sets on a term or a rate: 最长不得超过60日, 60日内, 不超过1%, 降至1%以下.
_BOUND = re.compile(
    r"(?:不得超过|不超过|最长|最多|最高|至多)[^，。；\d]{0,4}?(\d+(?:\.\d+)?)\s*(日|天|%|％)"
    r"|(\d+(?:\.\d+)?)\s*(日|天|%|％)(?:以内|之内|内|以下)"
)
# A term or a rate the asker tells: 120天, 3%
_TOLD = re.compile(r"(\d+(?:\.\d+)?)\s*(天|日|%|％)")
_ASKS_AMOUNT = re.compile(r"多少|几[万千百]|能扣|可以扣|怎么算|算下来|how much", re.IGNORECASE)


def worked_out(question: str, quote: str) -> str:
    """What the quoted rules give for the figures the question tells: interest at a daily rate, shares of a base
    ('' when nothing can be worked out)."""
    return interest_worked_out(question, quote) + shares_worked_out(question, quote) + judged(question, quote)


def judged(question: str, quote: str) -> str:
    """Whether the term or rate a question tells of its case and asks to be judged is beyond the upper bounds the
    quote sets in that measure — said only when every such bound gives the same verdict ('' otherwise).

    >>> judged("合同约定验收后120天付款，合规吗？", "应当自交付之日起30日内支付款项；…付款期限最长不得超过60日。")
    '您说的120天超过了所引规定的30日、60日。'
    >>> judged("担保费收了0.8%，合理吗？", "担保费率原则上不超过1%。")
    '您说的0.8%没有超过所引规定的1%。'
    >>> judged("约定45天付款，合规吗？", "机关应当30日内支付；大型企业应当60日内支付。")  # one bound below, one above
    ''
    """
    compared = compared_figures(question)
    told = {(float(m.group(1)), _measure(m.group(2))) for m in _TOLD.finditer(question)}
    told = {(v, measure) for v, measure in told if ("%" if measure == "%" else "", v) in compared}
    if len(told) != 1:  # (the same figure said twice is one: 付款期限是75天。这个75天合规吗？)
        return ""
    ((value, measure),) = told
    bounds = [
        (float(m.group(1) or m.group(3)), m.group(2) or m.group(4))
        for m in _BOUND.finditer(quote)
        if _measure(m.group(2) or m.group(4)) == measure
    ]
    if not bounds:
        return ""
    shown = "、".join(dict.fromkeys(f"{b:g}{unit}" for b, unit in bounds))
    printed = f"{value:g}{'%' if measure == '%' else '天'}"
    if all(value > b for b, _ in bounds):
        return f"您说的{printed}超过了所引规定的{shown}。"
    if all(value <= b for b, _ in bounds):
        return f"您说的{printed}没有超过所引规定的{shown}。"
    return ""


def _measure(unit: str) -> str:
    return "%" if unit in "%％" else "天"


def interest_worked_out(question: str, quote: str) -> str:
    """A sentence working out the interest the quoted daily rate gives on the sum the question says is owed, for the
    days it says it is overdue ('' when the quote states no daily rate, or the question tells no exact sum and days).

    >>> interest_worked_out("欠我们80万，逾期45天了，利息能要多少？", "未作约定的，按照每日利率万分之五支付逾期利息。")
    '按每日利率万分之五估算：80万元 × 0.05% × 45日 ≈ 1.8万元（双方对利率另有约定的，按约定；以实际逾期天数为准）。'
    >>> interest_worked_out("欠我们八十多万，拖了四十来天，利息多少？", "按照每日利率万分之五支付逾期利息。")  # rough: not worked out
    ''
    >>> interest_worked_out("约定60天付款，欠80万，利息多少？", "按照每日利率万分之五支付逾期利息。")  # a term, not days overdue
    ''
    """
    rate = _DAILY_RATE.search(quote)
    if rate is None or not _INTEREST.search(question):
        return ""
    exact = asked_figures(question)  # (not rough amounts: 八十多万, 四十来天)
    sums = {v for m in _SUM.finditer(question) for v in _values(m.group(0)) if ("", v) in exact}
    days = {
        v
        for m in _DAYS.finditer(question)
        if _OVERDUE.search(question[: m.start()])
        for v in _values(m.group(0))
        if ("", v) in exact
    }
    ((kind, value),) = figures(rate.group(1))
    if len(sums) != 1 or len(days) != 1 or kind not in _PER:
        return ""
    owed, overdue, share = sums.pop(), days.pop(), value / _PER[kind]
    return (
        f"按每日利率{rate.group(1)}估算：{_money(owed)} × {share * 100:g}% × {overdue:g}日 ≈ {_money(owed * share * overdue)}"
        "（双方对利率另有约定的，按约定；以实际逾期天数为准）。"
    )


def shares_worked_out(question: str, quote: str) -> str:
    """Sentences working out each share of a base the quote states (不超过工资薪金总额14%的部分) on the amount the question
    tells of that base — a sum whose words before it share two characters in a row with the base's ('' when none).

    >>> shares_worked_out("工资总额200万，福利费能扣多少？", "企业发生的职工福利费支出，不超过工资薪金总额14%的部分，准予扣除。")
    '按您说的工资总额200万元计算，工资薪金总额的14%为28万元。'
    >>> shares_worked_out("我们公司去年营业收入500万，招待费花了10万，能扣多少？", "按照发生额的60%扣除，但最高不得超过当年销售(营业)收入的5‰。")
    '按您说的营业收入500万元计算，当年销售(营业)收入的5‰为2.5万元。'
    """
    if not _ASKS_AMOUNT.search(question):
        return ""
    exact = asked_figures(question)
    told = []  # (label, amount)
    for m in _SUM.finditer(question):
        label = _LABEL.search(re.split(r"[，,。；;？?！!、]", question[: m.start()])[-1])
        told += [(label.group(1), v) for v in _values(m.group(0)) if label and ("", v) in exact]
    worked = []
    for m in _SHARE_OF.finditer(quote):
        base, rate, sign = m.group(1), float(m.group(2)), "‰" if m.group(3) == "‰" else "%"
        base = re.sub(r"^(?:不超过|不得超过|超过|按照|按|最高|但|在|占)+", "", base)
        of_base = [(label, v) for label, v in told if _bigrams(label) & _bigrams(base)]
        if len(of_base) != 1:
            continue
        label, amount = of_base[0]
        label = label[min(label.find(b) for b in _bigrams(label) & _bigrams(base)) :]  # (去年营业收入 → 营业收入)
        result = amount * rate / (1000 if sign == "‰" else 100)
        worked.append(f"按您说的{label}{_money(amount)}计算，{base}的{rate:g}{sign}为{_money(result)}。")
    return "".join(dict.fromkeys(worked))


def _bigrams(text: str) -> set[str]:
    """The pairs of characters a base and a told amount's words may share, but for those naming no quantity."""
    return cjk_bigrams(text) - {"年度", "当年", "总额"}


def _values(text: str) -> list[float]:
    return [v for _, v in figures(text)]


def _money(amount: float) -> str:
    """80万元 / 1.8万元 / 3600元"""
    if amount >= 10000:
        return f"{round(amount / 10000, 2):g}万元"
    return f"{round(amount, 2):g}元"

from __future__ import annotations

import pytest

from bot.scope import RULES, ScopeFeatures, ScopeRule, asks_missing_figure, in_scope


@pytest.mark.parametrize(
    ("question", "measure_text", "missing"),
    [
        ("申请发明专利要交多少官费？", "推动发明专利审查提质增效，压减专利审查周期。", True),
        ("贷款利率是多少？", "持续加大小微企业首贷、续贷投放规模和力度。", True),
        ("纳税服务热线号码是多少？", "发挥全国12366纳税缴费服务热线作用。", False),
        ("服务月是几月？", "将每年六月设为全国中小企业服务月。", False),
        ("要打造多少个应用场景？", "打造100个可复制可推广赋能应用场景。", False),
        ("高新技术企业认定需要什么条件？", "推动发明专利审查提质增效。", True),
        ("环评手续能简化吗？", "减少应履行环评手续的中小企业项目数量。", False),
        ("小微企业信用贷款有什么支持？", "持续加大小微企业信用贷投放。", False),  # asks for no figure
    ],
)
def test_specifics_the_measure_does_not_state(question: str, measure_text: str, missing: bool) -> None:
    assert asks_missing_figure(question, measure_text) is missing


def features(dense: float, coverage: float, **kw: object) -> ScopeFeatures:
    return ScopeFeatures(dense=dense, coverage=coverage, words=5, missing_figure=False, **kw)  # type: ignore[arg-type]


def test_rule_thresholds() -> None:
    rule = {"zh": ScopeRule(0.9, 0.8, 0.5), "en": ScopeRule(0.8, 0.7, 0.3)}
    assert in_scope(features(0.91, 0.0), rule)
    assert in_scope(features(0.85, 0.6), rule)
    assert not in_scope(features(0.85, 0.4), rule)
    assert not in_scope(features(0.79, 0.9), rule)
    assert in_scope(features(0.75, 0.4, language="en"), rule)
    assert not in_scope(features(0.99, 1.0, other_task=True), rule)


def test_every_language_has_a_rule() -> None:
    assert set(RULES) == {"zh", "en"}

from __future__ import annotations

import pytest

from bot.verify import split_sentences, verify
from ingest.schema import Document


@pytest.fixture
def context(policy: Document) -> list:
    return [policy.measure(22), policy.measure(34), policy.measure(4)]


def test_good_answer_is_kept_and_renumbered(context: list) -> None:
    result = verify("将增设一批跨境电子商务综合试验区[1]。每年六月是全国中小企业服务月[2]。", context)
    assert result.kept == 2 and not result.too_little
    assert [m.number for m in result.cited] == [22, 34]
    result = verify("每年六月是全国中小企业服务月[2]。还会优化海外仓网络[1]。", context)
    assert result.text == "每年六月是全国中小企业服务月[1]。还会优化海外仓网络[2]。"  # numbered by first use
    assert [m.number for m in result.cited] == [34, 22]


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("将增设50个跨境电子商务综合试验区[1]。", "figure 50个"),
        ("服务月定在每年九月[2]。", "figure 九月"),
        ("跨境电商由国家发展改革委负责[1]。", "agency 发展改革委"),
        ("企业可申请跨境电商专项扶持基金[1]。", "name"),
        ("企业可以享受小微企业首贷贴息政策[9]。", "no valid citation marker"),
        ("企业可以享受小微企业首贷政策。", "no valid citation marker"),
    ],
)
def test_unsupported_sentences_are_removed(context: list, sentence: str, reason: str) -> None:
    result = verify(sentence + "优化覆盖全球的海外仓网络[1]。", context)
    assert result.kept == 1 and len(result.removed) == 1
    assert result.removed[0][1].startswith(reason)
    assert result.text == "优化覆盖全球的海外仓网络[1]。"


def test_figures_and_names_present_in_the_cited_text_pass(context: list) -> None:
    assert verify("发挥“贸法通”平台作用[1]。", context).kept == 1
    assert verify("由人民银行、银保监会等按职责分工负责[3]。", context).kept == 1
    assert verify("举办“创客中国”中小企业创新创业大赛[2]。", context).kept == 1


def test_a_figure_from_another_measure_does_not_count(context: list) -> None:
    assert verify("每年六月开展跨境电商推广[1]。", context).kept == 0  # 六月 is in [2], not in [1]


def test_too_little_survives(context: list) -> None:
    result = verify("甲政策[9]。乙政策。丙：优化海外仓网络[1]。", context)
    assert result.kept == 1 and result.total == 3 and result.too_little
    assert verify("没有任何标注。", context).too_little


def test_split_sentences() -> None:
    assert split_sentences("第一句[1]。第二句！[2]\n第三句") == ["第一句[1]。", "第二句！[2]", "第三句"]
    assert split_sentences("") == []

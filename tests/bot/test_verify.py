from __future__ import annotations

import pytest

from bot.verify import split_sentences, verify
from index.tokenize import PolicyTokenizer
from ingest import DEFAULT_LIBRARY
from ingest.agencies import AGENCY_FILE, AgencyRegistry
from ingest.schema import Document

AGENCIES = AgencyRegistry.load(DEFAULT_LIBRARY / AGENCY_FILE)
WORDS = PolicyTokenizer().content_words  # jieba loads on first use


@pytest.fixture
def context(notice: Document) -> list:
    return [notice.provision(22), notice.provision(34), notice.provision(4)]


def test_good_answer_is_kept_and_renumbered(context: list) -> None:
    result = verify(
        "将增设一批跨境电子商务综合试验区[1]。每年六月是全国中小企业服务月[2]。", context, AGENCIES, words=WORDS
    )
    assert result.kept == 2 and not result.rejected
    assert [m.number for m in result.cited] == [22, 34]
    result = verify("每年六月是全国中小企业服务月[2]。还会优化海外仓网络[1]。", context, AGENCIES, words=WORDS)
    assert result.text == "每年六月是全国中小企业服务月[1]。还会优化海外仓网络[2]。"  # numbered by first use
    assert [m.number for m in result.cited] == [34, 22]


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("将增设50个跨境电子商务综合试验区[1]。", "figure: 50"),
        ("服务月定在每年九月[2]。", "figure: 9"),
        ("跨境电商由国家发展改革委负责[1]。", "agency: 发展改革委"),
        ("企业可申请跨境电商专项扶持基金[1]。", "name:"),
        ("企业可以享受小微企业首贷贴息政策[9]。", "no valid citation marker"),
        ("企业可以享受小微企业首贷政策。", "no valid citation marker"),
    ],
)
def test_unsupported_sentences_are_removed(context: list, sentence: str, reason: str) -> None:
    result = verify(sentence + "优化覆盖全球的海外仓网络[1]。", context, AGENCIES, words=WORDS)
    assert result.kept == 1 and len(result.removed) == 1
    assert result.removed[0][1].startswith(reason)
    assert result.text == "优化覆盖全球的海外仓网络[1]。"


def test_figures_and_names_present_in_the_cited_text_pass(context: list) -> None:
    assert verify("发挥“贸法通”平台作用[1]。", context, AGENCIES, words=WORDS).kept == 1
    assert verify("由人民银行、银保监会等按职责分工负责[3]。", context, AGENCIES, words=WORDS).kept == 1
    assert verify("举办“创客中国”中小企业创新创业大赛[2]。", context, AGENCIES, words=WORDS).kept == 1


def test_a_figure_from_another_measure_does_not_count(context: list) -> None:
    assert (
        verify("每年六月开展跨境电商推广[1]。", context, AGENCIES, words=WORDS).kept == 0
    )  # 六月 is in [2], not in [1]


def test_rejected_survives(context: list) -> None:
    result = verify("甲政策[9]。乙政策。丙：优化海外仓网络[1]。", context, AGENCIES, words=WORDS)
    assert result.kept == 1 and result.total == 3 and result.rejected
    assert verify("没有任何标注。", context, AGENCIES, words=WORDS).rejected


def test_split_sentences() -> None:
    assert split_sentences("第一句[1]。第二句！[2]\n第三句") == ["第一句[1]。", "第二句！[2]", "第三句"]
    assert split_sentences("") == []


@pytest.mark.parametrize(
    ("number", "sentence"),
    [
        (11, "将打造10个可复制可推广赋能应用场景[1]。"),  # 100个 in the text, not 10
        (3, "每年为3个省份提供服务[1]。"),  # "3" only inside 12366
        (4, "贷款利率可下浮百分之二十[1]。"),
        (4, "担保费率降低至千分之五[1]。"),
        (4, "首贷额度可达五百万元[1]。"),
        (4, "企业可以向中国银行或工商银行申请信用贷款[1]。"),
        (4, "可向当地地方金融监管局申请[1]。"),
        (1, "可以申请中小企业发展专项资金补贴[1]。"),
        (7, "可使用省级中小企业融资信用服务平台[1]。"),
        (34, "将每年六月设为全国中小企业服务周[1]。"),
        (34, "举办“创客中国”国际创新创业大赛[1]。"),
    ],
)
def test_fabrications_are_removed(notice: Document, number: int, sentence: str) -> None:
    assert verify(sentence, [notice.provision(number)], AGENCIES, words=WORDS).kept == 0


@pytest.mark.parametrize(
    ("number", "sentence"),
    [
        (34, "每年6月是全国中小企业服务月[1]。"),  # 6月 = 六月
        (3, "可拨打１２３６６纳税缴费服务热线[1]。"),  # full-width digits
        (4, "1. 持续加大小微企业首贷、续贷投放[1]。"),  # a list number is not a figure
        (12, "企业可以通过这个平台获得数字化转型评价诊断服务[1]。"),  # 这个平台 names nothing
        (4, "支持金融机构运用大数据等技术；持续加大小微企业信用贷投放[1]。"),  # one sentence with ；
        (22, "依据工信部企业〔2021〕169号文件，将增设一批跨境电子商务综合试验区[1]。"),
    ],
)
def test_faithful_sentences_are_kept(notice: Document, number: int, sentence: str) -> None:
    facts = f"《{notice.meta.title}》{notice.meta.doc_number}2021年11月6日"
    assert (
        verify(sentence, [notice.provision(number)], AGENCIES, words=WORDS, facts_of=lambda provision: facts).kept == 1
    )

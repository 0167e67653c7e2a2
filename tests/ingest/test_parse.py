from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.agencies import AGENCIES
from ingest.numerals import cn_to_int, int_to_cn
from ingest.parse import ParseError, paragraphs, parse
from ingest.schema import Document


def test_document_facts(policy: Document) -> None:
    m = policy.meta
    assert m.title == "提升中小企业竞争力若干措施"
    assert m.doc_number == "工信部企业〔2021〕169号"
    assert m.issuer == "国务院促进中小企业发展工作领导小组办公室"
    assert (m.date, m.date_text) == ("2021-11-06", "2021年11月6日")
    assert m.approved_by == "国务院促进中小企业发展工作领导小组第八次会议"
    assert m.recipients[-2:] == ("教育部", "国务院国有资产监督管理委员会")
    assert m.preamble.startswith("中小企业能办大事") and m.closing.startswith("各部门、各地方")


def test_all_sections_and_measures(policy: Document) -> None:
    assert [s.number for s in policy.sections] == list(range(1, 12))
    assert [m.number for m in policy.measures] == list(range(1, 35))
    m12 = policy.measure(12)
    assert (m12.label, m12.title, m12.section) == ("（十二）", "加强工业互联网赋能", "四、提升数字化发展水平")
    assert policy.measure(34).section == "十一、加强服务体系建设"
    assert policy.measure(35) is None


@pytest.mark.parametrize(
    ("number", "joined"),
    [(3, "小微企业服务专线"), (23, "营造良好环境"), (30, "专业技术人员职称评定")],
)
def test_page_break_splits_are_repaired(policy: Document, number: int, joined: str) -> None:
    assert joined in policy.measure(number).text
    assert "\n" not in policy.measure(number).text


@pytest.mark.parametrize(
    ("number", "agencies"),
    [
        (1, ("财政部", "工业和信息化部", "各地方")),  # …等有关部门及各地方按职责分工负责
        (2, ("各地方",)),
        (3, ("税务总局",)),
        (30, ("人力资源社会保障部", "各地方")),  # …会同各地方…
        (32, ("国务院促进中小企业发展工作领导小组各成员单位",)),
        (4, ("人民银行", "银保监会", "财政部", "工业和信息化部", "知识产权局", "开发银行")),
    ],
)
def test_agencies_parsed_from_parenthetical(policy: Document, number: int, agencies: tuple[str, ...]) -> None:
    assert policy.measure(number).agencies == agencies


def test_every_measure_has_known_agencies_and_no_parenthetical_left(policy: Document) -> None:
    known = {a.name for a in AGENCIES}
    for m in policy.measures:
        assert m.agencies and set(m.agencies) <= known
        assert not re.search(r"[(（][^)）]*负责[)）]", m.text)


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t.replace("\n", "\r\n"),  # CRLF
        lambda t: t.replace("\n\n", "\n\u3000\n"),  # full-width spaces on blank lines
        lambda t: t.replace("(", "（").replace(")", "）"),  # full-width brackets
        lambda t: "\ufeff" + t,  # BOM
    ],
    ids=["crlf", "fullwidth-space", "fullwidth-brackets", "bom"],
)
def test_input_quirks_do_not_change_the_result(policy_text: str, policy: Document, variant) -> None:
    assert parse(variant(policy_text)) == policy


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("随便一段文字。", "section heading"),
        ("随便一段文字\n\n一、标题\n\n(一)措施。内容。(财政部负责)", "first line"),
        ("某办公室 关于印发某措施的通知\n\n某〔2021〕1号\n\n2021年1月1日\n\n正文。", "section heading"),
    ],
)
def test_parse_errors_say_what_is_missing(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse(text)


def test_measure_without_parenthetical_is_reported(policy_text: str) -> None:
    broken = policy_text.replace("(税务总局负责)", "")
    with pytest.raises(ParseError, match=r"measure \(三\) does not end with the responsible agencies"):
        parse(broken)


@pytest.mark.parametrize("n", range(1, 100))
def test_numerals_round_trip(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n


# ── property test: any well-formed notice survives render → (page breaks) → parse ──────────────

_HAN = st.text(alphabet="中小企业发展支持创新服务融资市场数字绿色人才质量品牌平台建设", min_size=2, max_size=8)
_AGENCY_NAMES = [a.name for a in AGENCIES]


@st.composite
def notices(draw: st.DrawFn) -> tuple[str, list[tuple[int, str, str, list[str]]], list[int]]:
    sections = draw(st.integers(1, 4))
    measures = []
    for s in range(1, sections + 1):
        for _ in range(draw(st.integers(1, 3))):
            title = draw(_HAN)
            body = "，".join(draw(st.lists(_HAN, min_size=1, max_size=6))) + "。"
            agencies = draw(st.lists(st.sampled_from(_AGENCY_NAMES[:19]), min_size=1, max_size=4, unique=True))
            measures.append((s, title, body, agencies))
    breaks = draw(st.lists(st.integers(1, 10_000), max_size=3))
    return _render(sections, measures), measures, breaks


def _render(sections: int, measures: list[tuple[int, str, str, list[str]]]) -> str:
    lines = [
        "某某领导小组办公室 关于印发测试措施的通知",
        "工信部企业〔2022〕7号",
        "各成员单位：",
        "《测试措施》已经某某领导小组第一次会议审议通过，现印发给你们。",
        "2022年1月2日",
        "测试措施",
        "为了测试，现提出以下措施：",
    ]
    n = 0
    for s in range(1, sections + 1):
        lines.append(f"{int_to_cn(s)}、第{s}部分标题")
        for sec, title, body, agencies in measures:
            if sec == s:
                n += 1
                lines.append(f"({int_to_cn(n)}){title}。{body}({'、'.join(agencies)}按职责分工负责)")
    return "\n\n".join(lines)


@settings(max_examples=60, deadline=None)
@given(notices())
def test_property_render_parse_round_trip(case) -> None:
    text, measures, breaks = case
    # A page break: a blank line inserted inside a measure's body text.
    for position in breaks:
        bodies = [m.start() for m in re.finditer(r"。", text)]
        cut = bodies[position % len(bodies)] - 1
        if text[cut] not in "。\n" and text[cut + 1] not in "。\n":
            text = text[:cut] + "\n\n" + text[cut:]
    doc = parse(text)
    assert [m.number for m in doc.measures] == list(range(1, len(measures) + 1))
    for parsed, (_, title, body, agencies) in zip(doc.measures, measures, strict=True):
        assert parsed.title == title
        assert parsed.text == body
        assert parsed.agencies == tuple(agencies)
    assert doc.meta.doc_number == "工信部企业〔2022〕7号"


def test_paragraphs_join_only_cut_text() -> None:
    assert paragraphs("一、标题\n\n二、标题") == ["一、标题", "二、标题"]


def test_unknown_agency_is_a_parse_error(policy_text: str) -> None:
    with pytest.raises(ParseError, match=r"measure \(三\): unknown agency '火星局'"):
        parse(policy_text.replace("(税务总局负责)", "(火星局负责)"))


def test_text_without_header_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="no header"):
        parse("一、标题\n\n(一)措施。内容。(财政部负责)")

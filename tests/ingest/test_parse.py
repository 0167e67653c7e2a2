"""The parser on every shape: a made-up corpus with an oracle written from the texts, the real
library against its MANIFEST, input quirks, refusals, and a round-trip property."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.agencies import AgencyRegistry
from ingest.numerals import int_to_cn
from ingest.parse import ParseError, parse
from ingest.schema import Document
from tests.conftest import DEMO_LIBRARY, SHARED

ORACLE = json.loads((DEMO_LIBRARY / "expected.json").read_text(encoding="utf-8"))
REAL = SHARED / "corpus" / "policies"


def _parse_file(path: Path, agencies: AgencyRegistry | None = None) -> Document:
    return parse(path.read_text(encoding="utf-8"), doc_id=path.stem, agencies=agencies)


@pytest.fixture(scope="module")
def demo_agencies() -> AgencyRegistry:
    return AgencyRegistry.load(DEMO_LIBRARY / "agencies.toml")


@pytest.mark.parametrize("name", sorted(ORACLE))
def test_made_up_documents_match_the_oracle(name: str, demo_agencies: AgencyRegistry) -> None:
    want = ORACLE[name]
    doc = _parse_file(DEMO_LIBRARY / "documents" / name, demo_agencies)
    meta = doc.meta
    assert meta.title == want["title"]
    assert meta.doc_number == want["doc_number"].removeprefix("中华人民共和国")
    printed_issuer = re.sub(r"第[^届]*届|第[^次]*次会议|中华人民共和国", "", want["issuer_printed"])
    assert meta.issuer and meta.issuer in printed_issuer
    assert meta.issued is not None and meta.issued.isoformat() == want["date_printed"]
    assert (meta.effective.isoformat() if meta.effective else "") == want["effective"]
    assert [title for title, _ in meta.repeals] == want["repeals"]
    chapters = doc.chapters()
    assert [(d.label.rstrip("、"), d.title, d.first, d.last) for d in chapters] == [
        (c["label"], c["title"], c["first"], c["last"]) for c in want["chapters"]
    ]
    sections = [d for d in doc.divisions if d.level == 2]
    assert [(d.label, d.title) for d in sections] == [
        (s["label"], s["title"]) for c in want["chapters"] for s in c["sections"]
    ]
    assert len(doc.provisions) == len(want["provisions"])
    for p, w in zip(doc.provisions, want["provisions"], strict=True):
        assert (p.number, p.label, p.title) == (w["number"], w["label"], w["lead_title"]), p.label
        assert len(p.paragraphs) == w["paragraphs"], p.label
        assert [i.label for para in p.paragraphs for i in para.items] == w["items"], p.label
        assert w["contains"] in p.text, p.label
        if w["agencies"]:
            assert [a for a in p.agencies] == [demo_agencies.canonical(a) or a for a in w["agencies"]], p.label


def test_an_agency_missing_from_the_agency_file_is_kept_and_reported(demo_agencies: AgencyRegistry) -> None:
    doc = _parse_file(DEMO_LIBRARY / "documents" / "demo-notice-2024.txt", demo_agencies)
    assert "示例发展促进中心" in doc.provision(5).agencies  # type: ignore[union-attr]
    assert any("示例发展促进中心" in w for w in doc.warnings)
    lead = doc.provision(6)
    assert lead is not None and lead.agencies[0] == "市场监管总局" and "牵头" in lead.responsibility


def test_restarting_items_carry_their_part(demo_agencies: AgencyRegistry) -> None:
    doc = _parse_file(DEMO_LIBRARY / "documents" / "demo-opinion-2022.txt", demo_agencies)
    assert [p.label for p in doc.provisions] == ["一（一）", "一（二）", "二（一）", "二（二）", "二（三）"]
    assert doc.provision(4).section == "二、重点任务"  # type: ignore[union-attr]
    assert "各地区、各部门要充分认识" in doc.meta.closing  # the closing text is not part of the last item


# The real library: what MANIFEST.tsv records of each document.
MANIFEST = {
    "miit-2021-169": ("notice", 34, 11),
    "sme-promotion-law-2017": ("law", 61, 10),
    "sme-payment-regulation-2020": ("law", 29, 0),
    "sme-payment-regulation-2025": ("law", 37, 5),
    "business-environment-regulation-2019": ("law", 72, 7),
    "individual-business-regulation-2016": ("law", 30, 0),
    "individual-business-promotion-regulation-2022": ("law", 39, 0),
    "guobanfa-2019-6": ("notice", 27, 8),
    "guofa-2018-39": ("notice", 15, 5),
    "vat-interim-regulation-2017": ("law", 28, 0),
    "vat-law-2024": ("law", 38, 6),
    "eit-law-2018": ("law", 60, 8),
    "eit-regulation-2019": ("law", 132, 8),
    "beijing-sme-promotion-regulation-2020": ("law", 52, 7),
}


@pytest.mark.parametrize("doc_id", sorted(MANIFEST))
def test_real_documents_have_the_counts_the_manifest_records(doc_id: str) -> None:
    path = next(REAL.glob(f"{doc_id}.*"))
    shape, provisions, chapters = MANIFEST[doc_id]
    doc = _parse_file(path)
    assert doc.meta.shape == shape
    assert [p.number for p in doc.provisions] == list(range(1, provisions + 1))
    assert len(doc.chapters()) == chapters
    assert all(p.text.strip() for p in doc.provisions)


def test_headers_of_the_real_library() -> None:
    law = _parse_file(REAL / "vat-law-2024.md")
    assert (law.meta.title, law.meta.issuer, str(law.meta.issued), str(law.meta.effective)) == (
        "中华人民共和国增值税法", "全国人民代表大会常务委员会", "2024-12-25", "2026-01-01",
    )  # fmt: skip
    assert law.meta.repeals == (("中华人民共和国增值税暂行条例", 38),)
    revised = _parse_file(REAL / "sme-payment-regulation-2025.md")  # its header line ends with a stray ）
    assert (revised.meta.doc_number, str(revised.meta.issued)) == ("国务院令第802号", "2025-03-17")
    opinion = _parse_file(REAL / "guobanfa-2019-6.txt")  # a title over three lines, signature and date at the end
    assert opinion.meta.title.startswith("国务院办公厅关于有效发挥政府性融资担保基金作用")
    assert (opinion.meta.doc_number, opinion.meta.issuer, str(opinion.meta.issued)) == (
        "国办发〔2019〕6号", "国务院办公厅", "2019-01-22",
    )  # fmt: skip
    assert len(opinion.provision(2).paragraphs) == 4  # type: ignore[union-attr]  # （二）基本原则 has four paragraphs
    notice = _parse_file(REAL / "miit-2021-169.txt")  # a notice that covers the measures it issues
    assert (notice.meta.title, notice.meta.doc_number) == ("提升中小企业竞争力若干措施", "工信部企业〔2021〕169号")
    assert notice.meta.approved_by == "国务院促进中小企业发展工作领导小组第八次会议"


def test_sections_of_a_chapter_and_items_with_sub_items() -> None:
    regulation = _parse_file(REAL / "eit-regulation-2019.md")
    assert regulation.provision(27).section == "第二章 应纳税所得额 第三节 扣除"  # type: ignore[union-attr]
    interim = _parse_file(REAL / "vat-interim-regulation-2017.md")
    rates = interim.provision(2)
    assert rates is not None and [i.label for i in rates.paragraphs[0].items] == [
        f"（{int_to_cn(n)}）" for n in range(1, 6)
    ]
    assert "1．粮食等农产品" in rates.paragraphs[0].items[1].text  # a sub-item stays with its item
    assert rates.paragraphs[-1].text == "税率的调整，由国务院决定。"  # a 款 after the items
    beijing = _parse_file(REAL / "beijing-sme-promotion-regulation-2020.md")  # 第一章　总　　则
    assert beijing.chapters()[0].heading == "第一章 总则"


def test_a_table_of_contents_is_not_the_text() -> None:
    law = parse(
        "中华人民共和国示例法\n目　　录\n第一章　总　　则\n第二章　附　　则\n"
        "第一章　总　　则\n第一条　为了示例，制定本法。\n第二章　附　　则\n第二条　本法自2024年1月1日起施行。\n",
        doc_id="toc",
    )
    assert [d.heading for d in law.chapters()] == ["第一章 总则", "第二章 附则"]
    assert law.provision(2).section == "第二章 附则"  # type: ignore[union-attr]


def test_a_page_break_inside_a_word_is_repaired() -> None:
    notice = _parse_file(REAL / "miit-2021-169.txt")
    assert all("\n\n" not in p.text for p in notice.provisions)
    assert any("专线" in p.text for p in notice.provisions)


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t.replace("\n", "\r\n"),
        lambda t: "\ufeff" + t,
        lambda t: t.replace("\n", "\n\n"),
        lambda t: t.replace(" ", "\u3000"),
    ],
    ids=["crlf", "bom", "blank-lines", "full-width-spaces"],
)
def test_input_quirks_do_not_change_the_provisions(variant) -> None:
    text = (REAL / "sme-promotion-law-2017.md").read_text(encoding="utf-8")
    plain = parse(text, "law")
    changed = parse(variant(text), "law")
    assert [(p.label, p.text) for p in changed.provisions] == [(p.label, p.text) for p in plain.provisions]


LAW = """# 示例条例

第一条 为了示例，制定本条例。

第二条 国家支持示例。

第三条 本条例自2020年1月1日起施行。
"""


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 0, "empty"),
        ("只有一段文字，没有任何条款。", 0, "no provisions"),
        (LAW.replace("第三条", "第五条"), 7, "第五条 where 第三条 was expected"),
        (LAW.replace("第二条", "第一条"), 5, "where 第二条 was expected"),
        ("示例通知\n一、总则\n（一）甲。乙。\n（三）丙。丁。", 4, "（三） where （二） was expected"),
        ("示例通知\n一、总则\n三、附则\n（一）甲。", 3, "part 三、 where 二、 was expected"),
        ("示例通知\n一、总则\n这里直接写了一段话。\n（一）甲。", 3, "between a part heading and its first item"),
    ],
)
def test_refusals_name_the_line_and_what_was_expected(text: str, line: int, message: str) -> None:
    with pytest.raises(ParseError, match=re.escape(message)) as info:
        parse(text, "x")
    assert info.value.line == line


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(
            st.text(alphabet="中小企业国家支持促进发展资金服务规定应当可以", min_size=2, max_size=30),
            min_size=1,
            max_size=3,
        ),
        min_size=1,
        max_size=25,
    )
)
def test_property_a_rendered_law_parses_back(articles: list[list[str]]) -> None:
    lines = ["# 生成的条例", ""]
    for n, paragraphs in enumerate(articles, start=1):
        lines.append(f"第{int_to_cn(n)}条 {paragraphs[0]}。")
        lines.extend(f"{p}。" for p in paragraphs[1:])
    doc = parse("\n\n".join(lines), "generated")
    assert [p.label for p in doc.provisions] == [f"第{int_to_cn(n)}条" for n in range(1, len(articles) + 1)]
    assert [[x.text for x in p.paragraphs] for p in doc.provisions] == [[f"{t}。" for t in a] for a in articles]

"""Extractive answers: short Chinese replies built from the cited measures' own sentences,
always naming the responsible agencies. Pure functions: no model, no index.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.agencies import BY_NAME
from ingest.numerals import int_to_cn
from ingest.schema import Answer, Citation, Document, Measure

MAX_QUOTED_SENTENCES = 2


def doc_ref(document: Document) -> str:
    """《提升中小企业竞争力若干措施》（工信部企业〔2021〕169号）"""
    return f"《{document.meta.title}》（{document.meta.doc_number}）"


def agency_phrase(agencies: Sequence[str]) -> str:
    """Agencies joined with 、, each followed by its note where it has one.

    >>> agency_phrase(["人民银行", "银保监会"])
    '人民银行、银保监会（2023年机构改革后，银保监会的职责由国家金融监督管理总局承担）'
    """
    parts = []
    for name in agencies:
        agency = BY_NAME.get(name)
        parts.append(f"{name}（{agency.note}）" if agency and agency.note else name)
    return "、".join(parts)


def responsibility_line(measure: Measure) -> str:
    how = "按职责分工负责" if "按职责分工" in measure.responsibility else "负责"
    return f"负责部门：{agency_phrase(measure.agencies)}（{how}）。"


def cite(measure: Measure, quote: str) -> Citation:
    return Citation(
        doc_id=measure.doc_id,
        measure=measure.number,
        label=measure.label,
        title=measure.title,
        section=measure.section,
        agencies=measure.agencies,
        quote=quote,
    )


def measure_answer(
    document: Document,
    primary: Measure,
    quote: Sequence[str],
    related: Sequence[tuple[Measure, str]] = (),
    *,
    wants_agencies: bool = False,
    full_text: bool = False,
) -> Answer:
    """Answer from one measure (quoted sentences) plus related measures (one sentence each)."""
    body = primary.text if full_text or not quote else "".join(quote)
    lines = []
    if wants_agencies:
        lines.append(f"措施{primary.label}“{primary.title}”由{agency_phrase(primary.agencies)}负责。")
        lines.append(f"依据：{doc_ref(document)}措施{primary.label}：{body}")
    else:
        lines.append(f"根据{doc_ref(document)}措施{primary.label}“{primary.title}”：{body}")
        lines.append(responsibility_line(primary))
    citations = [cite(primary, body)]
    if related:
        lines.append("相关措施：")
        for measure, sentence in related:
            lines.append(f"· 措施{measure.label}“{measure.title}”：{sentence}（{'、'.join(measure.agencies)}）")
            citations.append(cite(measure, sentence))
    return Answer("\n".join(lines), tuple(citations), kind="search")


def numbered_answer(document: Document, measures: Sequence[Measure], unknown: Sequence[int] = ()) -> Answer:
    """Measures asked for by number: full text and agencies of each; numbers that do not exist named."""
    lines, citations = [], []
    for m in measures:
        lines.append(f"{doc_ref(document)}第{int_to_cn(m.number)}条，即措施{m.label}“{m.title}”（属“{m.section}”）：")
        lines.append(m.text)
        lines.append(responsibility_line(m))
        citations.append(cite(m, m.text))
    if unknown:
        lines.append(_no_such_measures(document, unknown))
    return Answer("\n".join(lines), tuple(citations), kind="number")


def _no_such_measures(document: Document, numbers: Sequence[int]) -> str:
    total = len(document.measures)
    asked = "、".join(f"第{n}条" for n in numbers)
    return f"文件共有 {total} 条措施，编号为（一）至（{int_to_cn(total)}），没有{asked}。"


def listing_answer(heading: str, measures: Sequence[Measure], kind: str) -> Answer:
    """A complete, counted list of measures (by agency or by section)."""
    lines = [f"{heading}共 {len(measures)} 条："]
    citations = []
    for i, m in enumerate(measures, start=1):
        lines.append(f"{i}. 措施{m.label}“{m.title}”（{m.section}；负责：{'、'.join(m.agencies)}）")
        citations.append(cite(m, f"{m.title}。"))
    return Answer("\n".join(lines), tuple(citations), kind=kind)


def unknown_number_answer(document: Document, numbers: Sequence[int]) -> Answer:
    return Answer(
        f"{doc_ref(document)}{_no_such_measures(document, numbers)}您可以问“第一条是什么”，或直接描述想了解的事情。",
        out_of_scope=True,
        kind="unknown_number",
    )


def unknown_section_answer(document: Document, numbers: Sequence[int]) -> Answer:
    headings = "；".join(s.heading for s in document.sections)
    asked = "、".join(f"第{n}部分" for n in numbers)
    return Answer(
        f"{doc_ref(document)}共有 {len(document.sections)} 个部分，没有{asked}。各部分是：{headings}。",
        out_of_scope=True,
        kind="unknown_section",
    )


def doc_meta_answer(document: Document, facts: Sequence[str]) -> Answer:
    m = document.meta
    sentences = {
        "title": f"文件名称是《{m.title}》，随《{m.issuer}{m.notice_title}》印发。",
        "doc_number": f"文号是{m.doc_number}。",
        "issuer": f"发文机关是{m.issuer}。",
        "date": f"印发日期是{m.date_text}。",
        "count": (
            f"文件分 {len(document.sections)} 个部分，共 {len(document.measures)} 条措施"
            f"（一）至（{int_to_cn(len(document.measures))}）。"
        ),
        "approval": f"文件已经{m.approved_by}审议通过。",
        "recipients": f"主送：{'；'.join(m.recipients)}。",
        "sections": "文件的 {} 个部分是：{}。".format(
            len(document.sections), "；".join(s.heading for s in document.sections)
        ),
    }
    chosen = [sentences[f] for f in facts if f in sentences]
    if "issuer" in facts and "date" not in facts:
        chosen.append(sentences["date"])
    text = f"{doc_ref(document)}：" + "".join(chosen)
    return Answer(text, kind="doc_meta")


def clarify_answer(document: Document) -> Answer:
    """A follow-up with nothing to follow: ask which measure or topic is meant."""
    areas = "、".join(s.title for s in document.sections[:4])
    return Answer(
        f"您想了解哪一项措施或哪方面的政策？{doc_ref(document)}共 {len(document.measures)} 条措施，"
        f"涵盖{areas}等方面。可以这样问：“第十二条由谁负责？”“跨境电商有什么支持？”",
        kind="clarify",
    )


def out_of_scope_answer(document: Document, related: Measure | None) -> Answer:
    text = f"抱歉，{doc_ref(document)}没有涉及这个问题，我不能凭文件以外的信息作答。"
    if related is not None:
        text += (
            f"文件中与之最接近的是措施{related.label}“{related.title}”，"
            f"具体情况建议咨询{agency_phrase(related.agencies)}。"
        )
    else:
        text += "您可以问问融资、税费、创新、数字化、知识产权、市场开拓、人才、服务体系等方面的支持措施。"
    return Answer(text, out_of_scope=True, kind="out_of_scope")

"""Pure parser for a 若干措施-style policy notice: header facts, sections, numbered measures.

``parse(text)`` takes the document text as published (CRLF or LF, half- or full-width
brackets, page breaks that split a word over a blank line) and returns a ``Document``.
No file I/O here: ``ingest.load_policy`` reads the file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ingest.agencies import UnknownAgency, parse_responsibility
from ingest.numerals import cn_to_int, int_to_cn
from ingest.schema import DocMeta, Document, Measure, Section

_CN_NUM = "[一二三四五六七八九十]+"
SECTION_LINE = re.compile(rf"^({_CN_NUM})、(\S.*)$")
MEASURE_LINE = re.compile(rf"^[(（]({_CN_NUM})[)）](.+)$")
# The parenthetical that closes a measure: "(…负责)" at the very end of its paragraph.
RESPONSIBILITY = re.compile(r"[(（]([^()（）]*负责)[)）]$")
DOC_NUMBER = re.compile(r"^(\S+〔\d{4}〕\d+号)$")
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
NOTICE_HEADER = re.compile(r"^(\S+?)\s*(关于印发(.+?)的通知)$")
APPROVAL = re.compile(r"《(.+?)》已经(.+?会议)审议通过")
# A paragraph that ends like this is complete; anything else was cut by a page break.
_COMPLETE_END = "。：:；;）)》”！？!?"
# The published text lost its full-width commas in extraction; put them back between Chinese words.
_ASCII_COMMA = re.compile(r"(?<=[\u4e00-\u9fff”》）)]),\s*(?=\S)")


class ParseError(ValueError):
    """The text is not a policy notice of the expected shape; the message says what is missing."""


def normalise(text: str) -> str:
    """Unify line ends and spaces, and restore full-width commas between Chinese words.

    >>> normalise("a\\r\\nb\\u3000c\\ufeff 中,小")
    'a\\nb c 中，小'
    """
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    text = _ASCII_COMMA.sub("，", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs, with page-break splits joined back.

    A paragraph inside the body that does not end with closing punctuation continues in the
    next one (the source PDF put a page break in the middle of a word: 专 / 线).

    >>> paragraphs("一、标题\\n\\n(一)措施。内容专\\n\\n线作用。(某部负责)")
    ['一、标题', '(一)措施。内容专线作用。(某部负责)']
    """
    raw = [p for p in normalise(text).split("\n") if p]
    out: list[str] = []
    for p in raw:
        if out and _continues(out[-1], p):
            out[-1] += p
        else:
            out.append(p)
    return out


def _continues(previous: str, current: str) -> bool:
    if SECTION_LINE.match(current) or MEASURE_LINE.match(current):
        return False
    inside_measure = MEASURE_LINE.match(previous) is not None and not RESPONSIBILITY.search(previous)
    cut_paragraph = len(previous) > 40 and previous[-1] not in _COMPLETE_END and not NOTICE_HEADER.match(previous)
    return inside_measure or cut_paragraph


def parse(text: str, doc_id: str = "miit-2021-169") -> Document:
    """Parse the notice into a Document; ParseError names what is missing."""
    paras = paragraphs(unicodedata.normalize("NFC", text))
    if not paras:
        raise ParseError("the policy text is empty")
    first_section = next((i for i, p in enumerate(paras) if SECTION_LINE.match(p)), None)
    if first_section is None:
        raise ParseError("no section heading like '一、…' found: is this a 若干措施 notice?")
    if first_section == 0:
        raise ParseError("no header (issuer, 文号, date) before the first section")
    meta = _parse_header(paras[:first_section], doc_id)
    sections, measures, closing = _parse_body(paras[first_section:], doc_id)
    return Document(meta=replace(meta, closing=closing), sections=sections, measures=measures)


def _parse_header(paras: list[str], doc_id: str) -> DocMeta:
    notice = NOTICE_HEADER.match(paras[0])
    if not notice:
        raise ParseError(f"first line should be '<issuer> 关于印发…的通知', got {paras[0][:40]!r}")
    issuer, notice_title, title = notice.group(1), notice.group(2), notice.group(3)
    doc_number = _first_group(DOC_NUMBER, paras, "document number like 工信部企业〔2021〕169号")
    date_para = next((p for p in paras if DATE_LINE.match(p)), None)
    if date_para is None:
        raise ParseError("no date line like 2021年11月6日 in the header")
    y, mo, d = (int(x) for x in DATE_LINE.match(date_para).groups())  # type: ignore[union-attr]
    recipients_para = next((p for p in paras if p.endswith(("：", ":"))), "")
    recipients = tuple(r for r in re.split(r"[，,]", recipients_para.rstrip("：:")) if r)
    approval = next((APPROVAL.search(p) for p in paras if APPROVAL.search(p)), None)
    preamble = next((p for p in reversed(paras) if p.endswith(("：", ":")) and p != recipients_para), "")
    return DocMeta(
        doc_id=doc_id,
        title=approval.group(1) if approval else title,
        notice_title=notice_title,
        doc_number=doc_number,
        issuer=issuer,
        date=f"{y:04d}-{mo:02d}-{d:02d}",
        date_text=date_para,
        recipients=recipients,
        approved_by=approval.group(2) if approval else "",
        preamble=preamble,
        closing="",
    )


def _first_group(pattern: re.Pattern[str], paras: list[str], what: str) -> str:
    for p in paras:
        m = pattern.match(p)
        if m:
            return m.group(1)
    raise ParseError(f"no {what} in the header")


def _parse_body(paras: list[str], doc_id: str) -> tuple[tuple[Section, ...], tuple[Measure, ...], str]:
    sections: list[Section] = []
    measures: list[Measure] = []
    closing: list[str] = []
    for p in paras:
        if m := SECTION_LINE.match(p):
            number = cn_to_int(m.group(1))
            if number != len(sections) + 1:
                raise ParseError(f"section {m.group(1)}、 is out of order (expected {int_to_cn(len(sections) + 1)}、)")
            sections.append(Section(number=number, label=f"{m.group(1)}、", title=m.group(2)))
        elif m := MEASURE_LINE.match(p):
            measures.append(_parse_measure(m.group(1), m.group(2), sections, len(measures) + 1, doc_id))
        elif measures:
            closing.append(p)
        else:
            raise ParseError(f"text between a section heading and its first measure: {p[:40]!r}")
    if not measures:
        raise ParseError("no measures like '(一)标题。…(某部负责)' found")
    return tuple(sections), tuple(measures), "\n".join(closing)


def _parse_measure(numeral: str, rest: str, sections: list[Section], expected: int, doc_id: str) -> Measure:
    number = cn_to_int(numeral)
    if number != expected:
        raise ParseError(f"measure ({numeral}) is out of order (expected ({int_to_cn(expected)}))")
    title, sep, body = rest.partition("。")
    if not sep:
        raise ParseError(f"measure ({numeral}) has no title ending in '。'")
    resp = RESPONSIBILITY.search(body)
    if not resp:
        raise ParseError(f"measure ({numeral}) does not end with the responsible agencies '(…负责)'")
    try:
        agencies = parse_responsibility(resp.group(1))
    except UnknownAgency as exc:
        raise ParseError(f"measure ({numeral}): {exc}") from None
    return Measure(
        doc_id=doc_id,
        number=number,
        label=f"（{numeral}）",
        title=title.strip(),
        section=sections[-1].heading,
        text=body[: resp.start()].strip(),
        agencies=agencies,
        responsibility=resp.group(1),
    )

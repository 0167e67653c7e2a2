"""Pure parser: the text of one policy document → ``Document`` (header facts, chapters or parts,
provisions with their paragraphs, items and agencies).

Two shapes cover the common documents:
- **law** — laws, regulations, rules: 章 / 节 headings, 第X条 articles, unnumbered 款 paragraphs,
  （一） items, 1． sub-items. The article is the provision.
- **notice** — notices, opinions, measures: a title (possibly over several lines), a 文号 line,
  addressees, 一、 parts, （一） items numbered through the document or restarting in each part,
  lead titles (（三）明确支持范围。), closing (…负责) parentheticals, the signature and date. The item is
  the provision; restarting items carry their part in the label (二（三）).

Numbering that jumps or repeats is refused with the line and what was expected. No file I/O here
(``ingest.library`` reads files); no knowledge of any particular document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ingest.agencies import AgencyRegistry
from ingest.header import CLOSING_ADDRESS, Printed, effective_clause, read_header, repealed_titles
from ingest.numerals import int_to_cn
from ingest.schema import Division, DocMeta, Document, Item, Paragraph, Provision
from ingest.text import (
    ARTICLE,
    CHAPTER,
    DATE_ONLY,
    ITEM,
    PART,
    PUBLISHED_MARK,
    SUBCHAPTER,
    SUBITEM,
    Line,
    is_cut,
    lines,
    parse_number,
)

# A notice item's closing parenthetical: "(…负责)" at the very end of a paragraph.
RESPONSIBILITY = re.compile(r"[(（]([^()（）]*负责[^()（）]*)[)）]$")
# A notice item's lead title: a short first sentence without inner punctuation.
_LEAD_TITLE = re.compile(r"^([^，。；：,;:]{2,30})。")


class ParseError(ValueError):
    """The text is not a document of a known shape; the message names the line and what was expected."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


def detect_shape(body: Sequence[Line]) -> str:
    """'law' when the text numbers articles (第一条 …), 'notice' when it numbers parts or items."""
    if any((m := ARTICLE.match(line.text)) and parse_number(m.group(1)) == 1 for line in body):
        return "law"
    if any(PART.match(line.text) or ITEM.match(line.text) for line in body):
        return "notice"
    raise ParseError("no provisions found: expected articles (第一条 …) or numbered parts and items (一、 / （一）)")


def parse(text: str, doc_id: str, agencies: AgencyRegistry | None = None) -> Document:
    """Parse one document's text; ParseError says which line breaks which expectation."""
    all_lines = lines(text)
    if not all_lines:
        raise ParseError("the text is empty")
    registry = agencies or AgencyRegistry(())
    shape = detect_shape(all_lines)
    if shape == "law":
        start = next(i for i, line in enumerate(all_lines) if CHAPTER.match(line.text) or ARTICLE.match(line.text))
        head, body = all_lines[:start], all_lines[start:]
        body, tail = _split_trailer(body)
        divisions, provisions, warnings = _LawParser(doc_id, registry).run(body)
    else:
        start = next(i for i, line in enumerate(all_lines) if PART.match(line.text) or ITEM.match(line.text))
        head, body = all_lines[:start], all_lines[start:]
        divisions, provisions, tail, warnings = _NoticeParser(doc_id, registry).run(body)
    if not provisions:
        raise ParseError("no provisions found")
    printed = read_header(head, tail)
    return Document(_meta(doc_id, shape, printed, provisions), divisions, provisions, tuple(warnings))


def _split_trailer(body: list[Line]) -> tuple[list[Line], list[Line]]:
    """A law text may end with a signature and date (a regulation issued by notice): keep them apart."""
    end = len(body)
    while end and PUBLISHED_MARK.match(body[end - 1].text):
        end -= 1
    if end and DATE_ONLY.match(body[end - 1].text):
        end -= 1
        if end and len(body[end - 1].text) <= 30 and not re.search(r"[，。；：]", body[end - 1].text):
            end -= 1
        return body[:end], body[end:]
    return body, []


def _meta(doc_id: str, shape: str, printed: Printed, provisions: tuple[Provision, ...]) -> DocMeta:
    """DocMeta from what the text prints; every field found records its source."""
    effective, effective_in = printed.effective, 0
    # The article that prints it (本条例自…起施行), also where the header prints the same day
    for p in reversed(provisions[-3:]):
        if day := effective_clause(p.text, printed.issued):
            if effective in (None, day):
                effective, effective_in = day, p.number
            break
    repeals = tuple((title, p.number) for p in provisions for title in repealed_titles(p.text))
    effective_label = next((p.label for p in provisions if p.number == effective_in), "")
    values = {
        "title": printed.title,
        "doc_number": printed.doc_number,
        "issuer": printed.issuer,
        "issued": printed.issued,
        "effective": effective,
    }
    sources = []
    for name, value in values.items():
        if value:
            where = f"text: {effective_label}" if name == "effective" and effective_in else "text: header"
            sources.append((name, where))
    return DocMeta(
        doc_id=doc_id,
        shape=shape,
        history=tuple(e.text.strip("（()） ") for e in printed.history),
        notice_title=printed.notice_title,
        recipients=printed.recipients,
        approved_by=printed.approved_by,
        preamble=printed.preamble,
        closing=printed.closing,
        repeals=repeals,
        effective_in=effective_in,
        sources=tuple(sources),
        **values,  # type: ignore[arg-type]
    )


# ── laws and regulations ────────────────────────────────────────────────────────────────────────


@dataclass
class _OpenArticle:
    number: int
    line: int
    section: str
    paragraphs: list[tuple[str, list[Item]]] = field(default_factory=list)


def _without_contents(body: Sequence[Line]) -> Sequence[Line]:
    """The body from its last 第一章 before the first article: a table of contents (目录) lists the
    chapter headings once before the text repeats them."""
    first_article = next((i for i, line in enumerate(body) if ARTICLE.match(line.text)), len(body))
    starts = [
        i
        for i, line in enumerate(body[:first_article])
        if (m := CHAPTER.match(line.text)) and parse_number(m.group(1)) == 1
    ]
    return body[starts[-1] :] if starts else body


class _LawParser:
    """Chapters (章), their sections (节), articles (条) with paragraphs (款), items (项), sub-items (目)."""

    def __init__(self, doc_id: str, registry: AgencyRegistry) -> None:
        self.doc_id = doc_id
        self.registry = registry
        self.divisions: list[Division] = []
        self.provisions: list[Provision] = []
        self.chapter: tuple[int, str] | None = None  # (number, heading)
        self.subchapter: tuple[int, str] | None = None
        self.open_divisions: list[tuple[int, int, str, str, int]] = []  # (level, number, label, title, first)
        self.article: _OpenArticle | None = None

    def run(self, body: Sequence[Line]) -> tuple[tuple[Division, ...], tuple[Provision, ...], list[str]]:
        for line in _without_contents(body):
            self._line(line)
        self._close_article()
        self._close_divisions(level=1)
        return tuple(sorted(self.divisions, key=lambda d: (d.first, d.level))), tuple(self.provisions), []

    def _heading(self) -> str:
        parts = [
            h for h in (self.chapter[1] if self.chapter else "", self.subchapter[1] if self.subchapter else "") if h
        ]
        return " ".join(parts)

    def _line(self, line: Line) -> None:
        text = line.text
        if m := CHAPTER.match(text):
            number = parse_number(m.group(1))
            expected = self.chapter[0] + 1 if self.chapter else 1
            if number != expected:
                raise ParseError(f"第{m.group(1)}章 where 第{int_to_cn(expected)}章 was expected", line.number)
            self._close_article()
            self._close_divisions(level=1)
            self.chapter, self.subchapter = (number, f"第{m.group(1)}章 {m.group(2)}".strip()), None
            self.open_divisions.append((1, number, f"第{m.group(1)}章", m.group(2), len(self.provisions) + 1))
        elif m := SUBCHAPTER.match(text):
            number = parse_number(m.group(1))
            expected = self.subchapter[0] + 1 if self.subchapter else 1
            if number != expected:
                raise ParseError(f"第{m.group(1)}节 where 第{int_to_cn(expected)}节 was expected", line.number)
            self._close_article()
            self._close_divisions(level=2)
            self.subchapter = (number, f"第{m.group(1)}节 {m.group(2)}".strip())
            self.open_divisions.append((2, number, f"第{m.group(1)}节", m.group(2), len(self.provisions) + 1))
        elif m := ARTICLE.match(text):
            number = parse_number(m.group(1))
            expected = len(self.provisions) + (1 if self.article is None else 2)
            if number != expected:
                raise ParseError(
                    f"第{m.group(1)}条 where 第{int_to_cn(expected)}条 was expected (numbering jumps or repeats)",
                    line.number,
                )
            self._close_article()
            self.article = _OpenArticle(number, line.number, self._heading())
            if m.group(2).strip():
                self.article.paragraphs.append((m.group(2).strip(), []))
        elif self.article is None:
            raise ParseError(f"text before the first article: {text[:30]!r} (expected 第一条 …)", line.number)
        elif m := ITEM.match(text):
            self._add_item(line, parse_number(m.group(1)), f"（{m.group(1)}）", m.group(2).strip())
        elif (m := SUBITEM.match(text)) and self._last_items():
            items = self._last_items()
            last = items[-1]
            items[-1] = replace(last, text=f"{last.text}\n{m.group(1)}．{m.group(2)}")
        elif self.article.paragraphs and not self.article.paragraphs[-1][1] and is_cut(self.article.paragraphs[-1][0]):
            last, items = self.article.paragraphs[-1]
            self.article.paragraphs[-1] = (last + text, items)  # a paragraph cut by a page break
        else:
            self.article.paragraphs.append((text, []))

    def _last_items(self) -> list[Item]:
        assert self.article is not None
        return self.article.paragraphs[-1][1] if self.article.paragraphs else []

    def _add_item(self, line: Line, number: int, label: str, text: str) -> None:
        assert self.article is not None
        if not self.article.paragraphs:
            self.article.paragraphs.append(("", []))
        paragraphs = self.article.paragraphs
        if number > 1 and not paragraphs[-1][1] and len(paragraphs) > 1 and paragraphs[-2][1]:
            # A line inside an item (a formula, a note) between items (三) and (四): it belongs to (三).
            text_between, _ = paragraphs.pop()
            last = paragraphs[-1][1][-1]
            paragraphs[-1][1][-1] = replace(last, text=f"{last.text}\n{text_between}")
        items = paragraphs[-1][1]
        expected = items[-1].number + 1 if items else 1
        if number != expected:
            raise ParseError(
                f"item {label} where （{int_to_cn(expected)}） was expected in 第{int_to_cn(self.article.number)}条",
                line.number,
            )
        items.append(Item(label, number, text))

    def _close_article(self) -> None:
        a = self.article
        if a is None:
            return
        paragraphs = tuple(Paragraph(text, tuple(items)) for text, items in a.paragraphs)
        if not any(p.full_text for p in paragraphs):
            raise ParseError(f"第{int_to_cn(a.number)}条 has no text", a.line)
        provision = Provision(
            doc_id=self.doc_id,
            number=a.number,
            label=f"第{int_to_cn(a.number)}条",
            title="",
            section=a.section,
            paragraphs=paragraphs,
            line=a.line,
        )
        self.provisions.append(replace(provision, agencies=self.registry.named_in_document(provision.text)))
        self.article = None

    def _close_divisions(self, level: int) -> None:
        last = len(self.provisions)
        while self.open_divisions and self.open_divisions[-1][0] >= level:
            lvl, number, label, title, first = self.open_divisions.pop()
            self.divisions.append(Division(lvl, number, label, title, first, last))


# ── notices and opinions ────────────────────────────────────────────────────────────────────────


class _NoticeParser:
    """Parts (一、) and items (（一）); an item runs until the next item or part, or its parenthetical."""

    def __init__(self, doc_id: str, registry: AgencyRegistry) -> None:
        self.doc_id = doc_id
        self.registry = registry
        self.parts: list[tuple[int, str, str, int]] = []  # (number, numeral, title, first provision)
        self.items: list[dict] = []
        self.restarting: bool | None = None  # items restart in each part
        self.pending: list[Line] = []  # paragraphs after a closed item: closing text, unless structure resumes
        self.warnings: list[str] = []

    def run(self, body: Sequence[Line]) -> tuple[tuple[Division, ...], tuple[Provision, ...], list[Line], list[str]]:
        for line in body:
            self._line(line)
        provisions = tuple(self._provision(i) for i in self.items)
        divisions = []
        for k, (number, numeral, title, first) in enumerate(self.parts):
            last = self.parts[k + 1][3] - 1 if k + 1 < len(self.parts) else len(provisions)
            divisions.append(Division(1, number, f"{numeral}、", title, first, last))
        return tuple(divisions), provisions, self.pending, self.warnings

    def _line(self, line: Line) -> None:
        text = line.text
        if m := PART.match(text):
            self._resume(line)
            number = parse_number(m.group(1))
            if number != len(self.parts) + 1:
                raise ParseError(
                    f"part {m.group(1)}、 where {int_to_cn(len(self.parts) + 1)}、 was expected", line.number
                )
            self.parts.append((number, m.group(1), m.group(2).strip(), len(self.items) + 1))
        elif m := ITEM.match(text):
            self._resume(line)
            self._start_item(line, parse_number(m.group(1)), m.group(1), m.group(2).strip())
        elif not self.items:
            raise ParseError(f"text between a part heading and its first item: {text[:30]!r}", line.number)
        elif self.pending or self.items[-1]["closed"] or CLOSING_ADDRESS.match(text):
            self.pending.append(line)  # closing text, unless an item or part follows (see _resume)
        else:
            self._append(text)

    def _resume(self, line: Line) -> None:
        """Structure after paragraphs taken for closing text: they belonged to the item before."""
        if not self.pending:
            return
        if self.items[-1]["closed"]:
            raise ParseError(
                f"text after item {self.items[-1]['label']}'s closing parenthetical: {self.pending[0].text[:30]!r}",
                self.pending[0].number,
            )
        for pending in self.pending:
            self._append(pending.text)
        self.pending = []

    def _start_item(self, line: Line, number: int, numeral: str, text: str) -> None:
        in_part = [i for i in self.items if i["part"] == len(self.parts)]
        if self.restarting is None and self.items and not in_part:
            # The first item of a later part decides: (一) again means items restart in each part.
            self.restarting = number == 1
        expected = len(in_part) + 1 if self.restarting else len(self.items) + 1
        if number != expected:
            raise ParseError(f"item （{numeral}） where （{int_to_cn(expected)}） was expected", line.number)
        self.items.append(
            {"number": len(self.items) + 1, "label": f"（{numeral}）", "part": len(self.parts), "line": line.number,
             "paragraphs": [], "closed": False, "responsibility": ""}
        )  # fmt: skip
        self._append(text)

    def _append(self, text: str) -> None:
        item = self.items[-1]
        if m := RESPONSIBILITY.search(text):
            item["responsibility"] = m.group(1)
            item["closed"] = True
            text = text[: m.start()].strip()
        if text and item["paragraphs"] and is_cut(item["paragraphs"][-1]):
            item["paragraphs"][-1] += text  # a paragraph cut by a page break (专 / 线)
        elif text:
            item["paragraphs"].append(text)

    def _provision(self, item: dict) -> Provision:
        paragraphs = list(item["paragraphs"])
        title = ""
        if paragraphs and (m := _LEAD_TITLE.match(paragraphs[0])):
            title = m.group(1)
            paragraphs[0] = paragraphs[0][m.end() :].strip()
            if not paragraphs[0]:
                paragraphs.pop(0)
        part = self.parts[item["part"] - 1] if item["part"] else None
        label = f"{part[1]}{item['label']}" if self.restarting and part else item["label"]
        if item["responsibility"]:
            agencies, unknown = self.registry.parse_responsibility(item["responsibility"])
            self.warnings.extend(f"{label}: agency not in the agency file, kept as printed: {u}" for u in unknown)
        else:
            agencies = self.registry.named_in_document("\n".join(paragraphs))
        return Provision(
            doc_id=self.doc_id,
            number=item["number"],
            label=label,
            title=title,
            section=f"{part[1]}、{part[2]}" if part else "",
            paragraphs=tuple(_item_paragraphs(paragraphs)),
            agencies=agencies,
            responsibility=item["responsibility"],
            line=item["line"],
        )


def _item_paragraphs(paragraphs: list[str]) -> list[Paragraph]:
    """A notice item's paragraphs; sub-items (1．…) stay inside the paragraph before them."""
    out: list[Paragraph] = []
    for text in paragraphs:
        if (m := SUBITEM.match(text)) and out:
            last = out[-1]
            out[-1] = Paragraph(last.text, (*last.items, Item(f"{m.group(1)}．", int(m.group(1)), m.group(2))))
        else:
            out.append(Paragraph(text))
    return out

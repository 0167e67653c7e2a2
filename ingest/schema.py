"""Typed contracts between the stages: ingest → index → bot → edges (CLI, API, eval).

Everything here is a frozen dataclass; stages build new values (``dataclasses.replace``)
instead of mutating. Conversion to JSON, LangChain or Gradio shapes happens at the edges.

The library is the unit: a ``Library`` holds ``Document``s; a document holds ``Provision``s —
the article of a law or regulation (第九条), or the item of a notice or opinion (（十一）) — which
are the unit of retrieval and of citation, keyed ``(doc_id, number)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ingest.agencies import AgencyRegistry

# Status of a document on a given day (see ingest/validity.py).
IN_FORCE = "现行有效"
REPEALED = "已废止"
SUPERSEDED = "已被修订"
NOT_YET = "尚未施行"
EXPIRED = "已失效"


def plain_title(title: str) -> str:
    """The title without the country's name that national laws begin with.

    >>> plain_title("中华人民共和国增值税法")
    '增值税法'
    """
    return title.removeprefix("中华人民共和国")


@dataclass(frozen=True)
class Item:
    """A numbered item inside a provision: （二） of an article, or 1． under an item."""

    label: str  # （二）, 1．
    number: int
    text: str  # the item's text, without its label


@dataclass(frozen=True)
class Paragraph:
    """One 款 of an article (or one paragraph of a notice item) with the items that follow it."""

    text: str
    items: tuple[Item, ...] = ()

    @property
    def full_text(self) -> str:
        return "\n".join([self.text, *(f"{i.label}{i.text}" for i in self.items)]).strip()


@dataclass(frozen=True)
class Provision:
    """An article (第九条) or an item (（十一）): the unit of retrieval and of citation."""

    doc_id: str
    number: int  # article number; for notices the item's running number through the document
    label: str  # as printed: 第九条, （十一）; restarting items carry their section: 二（三）
    title: str  # a notice item's lead title (加强信贷支持); "" for articles
    section: str  # the heading path it sits under: 第二章 应纳税所得额 第三节 扣除 / 二、加大融资支持力度
    paragraphs: tuple[Paragraph, ...]  # 款 of an article; paragraphs of an item (after its lead title)
    agencies: tuple[str, ...] = ()  # bodies responsible (parenthetical) or named (articles), in printed order
    responsibility: str = ""  # a notice item's closing parenthetical as printed (…按职责分工负责)
    line: int = 0  # line of the source text where it starts

    @property
    def text(self) -> str:
        """The body: every paragraph and item, one per line, without label, lead title or parenthetical."""
        return "\n".join(p.full_text for p in self.paragraphs)

    @property
    def full_text(self) -> str:
        """Label, lead title, body and parenthetical, as the document prints it."""
        if self.label.startswith("第"):  # an article: 第九条 正文
            return f"{self.label} {self.text}"
        lead = f"{self.title}。" if self.title else ""
        tail = f"（{self.responsibility}）" if self.responsibility else ""
        return f"{self.label}{lead}{self.text}{tail}"

    @property
    def key(self) -> str:
        """Stable id across the library: ``doc_id#number``."""
        return f"{self.doc_id}#{self.number}"


@dataclass(frozen=True)
class Division:
    """A chapter (第二章), a section of a chapter (第一节) or a part of a notice (二、)."""

    level: int  # 1: 章 or notice part, 2: 节
    number: int
    label: str  # 第二章 / 第一节 / 二、
    title: str  # 应纳税所得额
    first: int  # provision numbers it spans
    last: int

    @property
    def heading(self) -> str:
        return f"{self.label}{self.title}" if self.label.endswith("、") else f"{self.label} {self.title}"


@dataclass(frozen=True)
class DocMeta:
    """What is known of one document: read from its text where printed, the rest from the
    library's metadata file. ``sources`` says where each field came from."""

    doc_id: str  # the file name stem, e.g. vat-law-2024
    title: str  # as printed, e.g. 中华人民共和国…法
    shape: str = "law"  # how the text is structured: "law" (第X条) or "notice" (一、 / （一）)
    edition: str = ""  # distinguishes versions that share a title: 2025年修订
    short_names: tuple[str, ...] = ()  # what people type instead of the title
    kind: str = ""  # 法律, 行政法规, 地方性法规, 国务院文件, 部门文件…
    issuer: str = ""
    doc_number: str = ""  # 文号: 国办发〔2019〕6号, 国务院令第802号
    issued: dt.date | None = None  # adopted/issued (the latest revision for revised texts)
    effective: dt.date | None = None
    repealed: dt.date | None = None  # from this day on the document is no longer in force
    repealed_by: str = ""  # doc_id of the document that repealed or replaced it
    repealed_in: int = 0  # the provision of ``repealed_by`` that prints the repeal (0: none printed)
    repeals: tuple[tuple[str, int], ...] = ()  # (title, provision) of documents this text repeals
    effective_in: int = 0  # the provision that prints the effective date (0: none)
    supersedes: tuple[str, ...] = ()  # doc_ids this document replaced
    implements: str = ""  # doc_id of the law an implementing regulation implements
    level: str = ""  # 国家 or 地方
    region: str = ""  # for local documents: 北京市
    status_note: str = ""  # e.g. measures with their own end dates
    history: tuple[str, ...] = ()  # header lines: adoption, revisions, promulgation
    notice_title: str = ""  # 关于印发…的通知, when the document came with a covering notice
    recipients: tuple[str, ...] = ()
    approved_by: str = ""  # 国务院促进中小企业发展工作领导小组第八次会议
    preamble: str = ""
    closing: str = ""
    source_file: str = ""
    sources: tuple[tuple[str, str], ...] = ()  # (field, where it came from)

    @property
    def plain_title(self) -> str:
        return plain_title(self.title)

    @property
    def citation_title(self) -> str:
        """《中华人民共和国增值税法》 / 《保障中小企业款项支付条例》（2025年修订） / …（国办发〔2019〕6号）"""
        if self.edition:
            return f"《{self.title}》（{self.edition}）"
        if self.doc_number and self.shape == "notice":
            return f"《{self.title}》（{self.doc_number}）"
        return f"《{self.title}》"

    def source_of(self, name: str) -> str:
        return next((where for f, where in self.sources if f == name), "")


@dataclass(frozen=True)
class Document:
    meta: DocMeta
    divisions: tuple[Division, ...]
    provisions: tuple[Provision, ...]
    warnings: tuple[str, ...] = ()  # things a maintainer should look at (unknown agencies, …)

    def provision(self, number: int) -> Provision | None:
        for p in self.provisions:
            if p.number == number:
                return p
        return None

    def chapters(self) -> tuple[Division, ...]:
        return tuple(d for d in self.divisions if d.level == 1)

    def label_kind(self) -> str:
        """条 for articles, 项 for notice items."""
        return "条" if self.meta.shape == "law" else "项"


@dataclass(frozen=True)
class Library:
    """The documents the assistant answers from, in the order of the metadata file."""

    documents: tuple[Document, ...]
    agencies: AgencyRegistry | None = field(default=None, repr=False, compare=False)
    problems: tuple[str, ...] = ()  # files left out, each with the reason
    provisions: tuple[Provision, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "provisions", tuple(p for d in self.documents for p in d.provisions))

    def get(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.meta.doc_id == doc_id), None)

    def provision(self, doc_id: str, number: int) -> Provision | None:
        doc = self.get(doc_id)
        return doc.provision(number) if doc else None

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(d.meta.doc_id for d in self.documents)

    def with_partners(self, docs: Sequence[str]) -> tuple[str, ...]:
        """The documents and the laws they implement or the regulations implementing them."""
        out = list(docs)
        for d in self.documents:
            if d.meta.implements in docs or (d.meta.doc_id in docs and d.meta.implements):
                out.append(d.meta.doc_id if d.meta.implements in docs else d.meta.implements)
        return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Hit:
    """A provision found by one retriever (or by fusion), with the retriever's score."""

    provision: Provision
    score: float
    source: str  # "dense", "bm25_words", "bm25_chars", "fusion", "exact"


@dataclass(frozen=True)
class Citation:
    doc_id: str
    number: int
    label: str
    doc_title: str  # 《…》 with edition or 文号, as cited
    title: str
    section: str
    agencies: tuple[str, ...]
    quote: str
    status: str  # the document's status on the day asked: 现行有效, 已废止（…）, 已被修订（…）

    def to_json(self) -> dict:
        """The citation object of the v2 answer format (``measure`` kept as an alias of ``number``)."""
        return {
            "doc_id": self.doc_id,
            "number": self.number,
            "measure": self.number,
            "label": self.label,
            "doc_title": self.doc_title,
            "title": self.title,
            "section": self.section,
            "agencies": list(self.agencies),
            "quote": self.quote,
            "status": self.status,
        }


@dataclass(frozen=True)
class Answer:
    text: str
    citations: tuple[Citation, ...] = ()
    out_of_scope: bool = False
    kind: str = "search"  # the route that produced it: number, agency, section, doc_meta, search, …
    generator: str = "extractive"  # "llm" when the text is a verified model answer
    fallback: str = ""  # why the model's answer was not used: timeout, connection, http_error, bad_response, empty, verification, not_in_force
    llm_sentences: tuple[int, int] = (0, 0)  # (kept, total) sentences of the model's reply, for eval
    as_of: dt.date | None = None  # the day whose law the answer states
    corrected: str = ""  # the question as answered, when its typos were repaired (您是不是想问：…)
    coverage: str = "full"  # "partial": part of what was asked (an amount, a procedure…) no document states
    # A refusal (out_of_scope) in plain words, for the staff's formal reply: what the library lacks
    # (《…》共 34 项…，没有第五十项。; "" when the question's topic is simply not covered), and the provision
    # it names as the closest, whose bodies are the ones to ask. Neither is a citation: nothing rests on them.
    finding: str = ""
    closest: Citation | None = None

    def to_json(self, question_id: str | None = None) -> dict:
        """The answer object of ../shared/eval/README.md, v2 (with ``id`` when given)."""
        d: dict = {} if question_id is None else {"id": question_id}
        d.update(answer=self.text, citations=[c.to_json() for c in self.citations], out_of_scope=self.out_of_scope)
        if self.as_of is not None:
            d["as_of"] = self.as_of.isoformat()
        if self.citations and not self.out_of_scope:
            d["coverage"] = self.coverage
        if self.corrected:
            d["corrected_question"] = self.corrected
        return d

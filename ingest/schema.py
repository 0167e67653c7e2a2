"""Typed contracts between the stages: ingest → index → bot → edges (CLI, eval).

Everything here is a frozen dataclass; stages build new values (``dataclasses.replace``)
instead of mutating. Conversion to JSON, LangChain or Gradio shapes happens at the edges.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class DocMeta:
    """Facts about one policy document, as printed in its header."""

    doc_id: str  # stable id used in citations, e.g. "miit-2021-169"
    title: str  # 提升中小企业竞争力若干措施
    notice_title: str  # 关于印发提升中小企业竞争力若干措施的通知
    doc_number: str  # 工信部企业〔2021〕169号
    issuer: str  # 国务院促进中小企业发展工作领导小组办公室
    date: str  # ISO date, 2021-11-06
    date_text: str  # as printed, 2021年11月6日
    recipients: tuple[str, ...]
    approved_by: str  # 国务院促进中小企业发展工作领导小组第八次会议
    preamble: str  # the paragraph before the first section
    closing: str  # the paragraph after the last measure


@dataclass(frozen=True)
class Section:
    number: int  # 1..11
    label: str  # 二、
    title: str  # 加大融资支持力度

    @property
    def heading(self) -> str:
        return f"{self.label}{self.title}"


@dataclass(frozen=True)
class Measure:
    """One numbered measure: the unit of retrieval and of citation."""

    doc_id: str
    number: int  # 1..34, in document order
    label: str  # （四）
    title: str  # 加强信贷支持
    section: str  # 二、加大融资支持力度
    text: str  # the measure's sentences after the title, without the parenthetical
    agencies: tuple[str, ...]  # canonical names, in the order the document lists them
    responsibility: str  # the closing parenthetical as printed, e.g. 人民银行、…按职责分工负责

    @property
    def full_text(self) -> str:
        """Title, body and parenthetical, as the document prints it."""
        return f"{self.label}{self.title}。{self.text}（{self.responsibility}）"


@dataclass(frozen=True)
class Document:
    meta: DocMeta
    sections: tuple[Section, ...]
    measures: tuple[Measure, ...]

    def measure(self, number: int) -> Measure | None:
        for m in self.measures:
            if m.number == number:
                return m
        return None


@dataclass(frozen=True)
class Hit:
    """A measure found by one retriever (or by fusion), with the retriever's score."""

    measure: Measure
    score: float
    source: str  # "dense", "bm25_words", "bm25_chars", "fusion", "exact"


@dataclass(frozen=True)
class Citation:
    doc_id: str
    measure: int
    label: str
    title: str
    section: str
    agencies: tuple[str, ...]
    quote: str

    def to_json(self) -> dict:
        d = asdict(self)
        d["agencies"] = list(self.agencies)
        return d


@dataclass(frozen=True)
class Answer:
    text: str
    citations: tuple[Citation, ...] = ()
    out_of_scope: bool = False
    kind: str = "search"  # the route that produced it: number, agency, section, doc_meta, search, …
    generator: str = "extractive"  # "llm" when the text is a verified model answer
    fallback: str = ""  # why the model's answer was not used: timeout, connection, http_error, empty, verification
    llm_sentences: tuple[int, int] = (0, 0)  # (kept, total) sentences of the model's reply, for eval

    def to_json(self, question_id: str | None = None) -> dict:
        """The answer object of ../shared/eval/README.md (with ``id`` when given)."""
        d: dict = {} if question_id is None else {"id": question_id}
        d.update(answer=self.text, citations=[c.to_json() for c in self.citations], out_of_scope=self.out_of_scope)
        return d

"""Facts a document prints about itself: title, 文号, issuer, dates, addressees, and the clauses
that say when it takes effect and what it repeals. Pure functions over lines of text.

    >>> entry = history_entry("2025年3月17日 中华人民共和国国务院令第802号修订）")
    >>> entry.date.isoformat(), entry.action, entry.issuer, entry.doc_number
    ('2025-03-17', '修订', '国务院', '国务院令第802号')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.text import DATE_ONLY, DOC_NUMBER, PUBLISHED_MARK, Line

_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
# "2019年10月22日 中华人民共和国国务院令第722号公布" / "2020年1月1日 施行"
_HISTORY = re.compile(rf"^{_DATE}\s*(.*?)(通过|修订|修正|公布|发布|施行|印发)[\s）)。]*$")
_DECREE = re.compile(
    r"(?:中华人民共和国)?(国务院|[\u4e00-\u9fff]{2,10}?(?:部|委员会|总局|局|署|行|人民政府))令\s*第\s*(\d+)\s*号"
)
# "北京市第十五届人民代表大会常务委员会第二十四次会议" → 北京市人民代表大会常务委员会
_CONGRESS = re.compile(
    r"^(.*?)第[一二三四五六七八九十百]+届((?:全国)?人民代表大会(?:常务委员会)?)第[一二三四五六七八九十百\d]+次"
)
_COUNCIL_MEETING = re.compile(r"^(国务院)第\s*\d+\s*次常务会议")
_DECISION = re.compile(r"《(国务院|全国人民代表大会常务委员会)关于")
_EFFECTIVE = re.compile(rf"自{_DATE}起(?:施行|实施|执行|生效)")
_EFFECTIVE_ON_ISSUE = re.compile(r"自(?:印发|发布|公布)之日起(?:施行|实施|执行|生效)")
_REPEAL_SENTENCE = re.compile(r"[^。；]*废止[^。；]*")
_QUOTED_TITLE = re.compile(r"《([^《》]{2,60})》")
_COVERING_NOTICE = re.compile(r"^(?:(\S+?)\s+)?(关于印发(?:《)?(.+?)(?:》)?的通知)$")
_APPROVAL = re.compile(r"《(.+?)》已经(.+?会议)审议通过")
_ADDRESSEES = re.compile(r"^[^。]{4,}[：:]$")
# A paragraph that closes a notice: it turns to every region and department ("各地区、各部门要…").
CLOSING_ADDRESS = re.compile(r"^(?:各地区|各地方|各部门|各有关部门|各地|各级|地方各级)[、，,\s]?[^。]{0,40}?要")


@dataclass(frozen=True)
class HistoryEntry:
    """One dated header line: adoption, revision, promulgation or the day it takes effect."""

    date: dt.date
    action: str  # 通过 修订 修正 公布 发布 施行 印发
    issuer: str  # the body that acted, when the line names one
    doc_number: str  # 国务院令第802号, when printed
    text: str  # the line as printed


def to_date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def issuer_from(text: str) -> str:
    """The body a header line or decree names.

    >>> issuer_from("第十届全国人民代表大会第五次会议"), issuer_from("国务院第66次常务会议")
    ('全国人民代表大会', '国务院')
    """
    text = text.strip()
    if m := _CONGRESS.match(text):
        return f"{m.group(1).strip()}{m.group(2)}"
    if m := _COUNCIL_MEETING.match(text):
        return m.group(1)
    if m := _DECREE.search(text):
        return m.group(1)
    if m := _DECISION.search(text):
        return m.group(1)
    return ""


def history_entry(text: str) -> HistoryEntry | None:
    m = _HISTORY.match(text)
    if not m:
        return None
    date = to_date(*m.group(1, 2, 3))
    if date is None:
        return None
    rest = m.group(4)
    decree = _DECREE.search(rest)
    number = f"{decree.group(1)}令第{decree.group(2)}号" if decree else ""
    return HistoryEntry(date, m.group(5), issuer_from(rest), number, text)


@dataclass(frozen=True)
class Printed:
    """What the text itself says about the document (empty where it says nothing)."""

    title: str = ""
    notice_title: str = ""
    doc_number: str = ""
    issuer: str = ""
    issued: dt.date | None = None
    effective: dt.date | None = None
    effective_in: int = 0  # the provision that prints the effective date
    history: tuple[HistoryEntry, ...] = ()
    recipients: tuple[str, ...] = ()
    approved_by: str = ""
    preamble: str = ""
    closing: str = ""
    repeals: tuple[tuple[str, int], ...] = ()  # (title of a repealed document, provision printing it)


def read_header(head: Sequence[Line], tail: Sequence[Line]) -> Printed:
    """Facts from the lines before the body (``head``) and after it (``tail``: closing, signature, date).

    The title is a markdown title line, or the lines before the 文号 line of a notice, or — for a
    notice that covers another document (关于印发X的通知) — X.
    """
    texts = [line.text for line in head]
    history = tuple(e for t in texts if (e := history_entry(t)))
    number_at = next((i for i, t in enumerate(texts) if DOC_NUMBER.match(t)), None)
    title, notice_title, issuer = "", "", ""
    if number_at is not None:
        title = "".join(t for t in texts[:number_at] if not history_entry(t))
    elif texts:
        title = texts[0]
    if m := _COVERING_NOTICE.match(title):
        issuer, notice_title, title = (m.group(1) or ""), m.group(2), m.group(3)
    approval = next((m for t in texts if (m := _APPROVAL.search(t))), None)
    if approval:
        title = approval.group(1)
    after_number = texts[number_at + 1 :] if number_at is not None else texts[1:]
    recipients_line = next((t for t in after_number if _ADDRESSEES.match(t) and not history_entry(t)), "")
    recipients = tuple(r for r in re.split(r"[，,]", recipients_line.rstrip("：:")) if r)
    dated = [(i, t) for i, t in enumerate(texts) if DATE_ONLY.match(t)]
    trailer = _read_trailer([line.text for line in tail])
    signature_date = trailer[1]
    if dated and signature_date is None:
        i, t = dated[0]
        signature_date = to_date(*DATE_ONLY.match(t).groups())  # type: ignore[union-attr]
        if i > 0 and not issuer and _looks_like_signature(texts[i - 1]):
            issuer = texts[i - 1]
    issuer = issuer or trailer[0]
    skip = {title, recipients_line, *(t for _, t in dated), *(e.text for e in history)}
    body_like = [
        t
        for t in after_number
        if t not in skip and not _looks_like_signature(t) and not (approval and approval.group(0) in t)
    ]
    preamble = "\n".join(t for t in body_like if t != title)
    promulgations = [e for e in history if e.action != "施行"]
    latest = promulgations[-1] if promulgations else None
    doc_number = ""
    if number_at is not None:
        m = DOC_NUMBER.match(texts[number_at])
        doc_number = f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"  # type: ignore[union-attr]
    else:
        doc_number = next((e.doc_number for e in reversed(promulgations) if e.doc_number), "")
    effective = next((e.date for e in history if e.action == "施行"), None)
    return Printed(
        title=title.strip(),
        notice_title=notice_title,
        doc_number=doc_number,
        issuer=issuer or next((e.issuer for e in reversed(promulgations) if e.issuer), ""),
        issued=signature_date or (latest.date if latest else None),
        effective=effective,
        history=history,
        recipients=recipients,
        approved_by=approval.group(2) if approval else "",
        preamble=preamble,
        closing=trailer[2],
    )


def _looks_like_signature(text: str) -> bool:
    """An issuer's name on a line of its own: short, no punctuation."""
    return 2 <= len(text) <= 30 and not re.search(r"[，。、：；,.:;《》“”\d]", text)


def _read_trailer(texts: list[str]) -> tuple[str, dt.date | None, str]:
    """(signature, date, closing paragraphs) from the lines after the last provision."""
    texts = [t for t in texts if not PUBLISHED_MARK.match(t)]
    signature, date = "", None
    if texts and (m := DATE_ONLY.match(texts[-1])):
        date = to_date(*m.groups())
        texts = texts[:-1]
        if texts and _looks_like_signature(texts[-1]):
            signature = texts[-1]
            texts = texts[:-1]
    return signature, date, "\n".join(texts)


def effective_clause(text: str, issued: dt.date | None) -> dt.date | None:
    """The day a provision says the document takes effect.

    >>> effective_clause("本法自2026年1月1日起施行。", None)
    datetime.date(2026, 1, 1)
    """
    if m := _EFFECTIVE.search(text):
        return to_date(*m.groups())
    if _EFFECTIVE_ON_ISSUE.search(text):
        return issued
    return None


def repealed_titles(text: str) -> tuple[str, ...]:
    """Titles of documents a provision repeals (…《X》同时废止).

    >>> repealed_titles("本条例自2022年11月1日起施行。《个体工商户条例》同时废止。")
    ('个体工商户条例',)
    """
    out: list[str] = []
    for sentence in _REPEAL_SENTENCE.findall(text):
        out.extend(_QUOTED_TITLE.findall(sentence))
    return tuple(dict.fromkeys(out))

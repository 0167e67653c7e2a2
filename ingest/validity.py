"""Validity as data: a document's status on a given day, and the version in force on that day.

Pure functions over ``DocMeta`` and a ``Library``; the dates and relations come from the texts
(自…起施行, 《…》同时废止) and the library's metadata file (see ``ingest.library``).

    >>> old = DocMeta("old", "甲条例", effective=dt.date(2011, 1, 1), repealed=dt.date(2022, 11, 1), repealed_by="new")
    >>> new = DocMeta("new", "乙条例", effective=dt.date(2022, 11, 1), supersedes=("old",))
    >>> status_on(old, dt.date(2026, 11, 30), {"new": new}).text
    '已废止（自2022年11月1日起，由《乙条例》取代）'
    >>> version_on("new", dt.date(2021, 6, 1), {"old": old, "new": new})
    'old'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ingest.numerals import int_to_cn
from ingest.schema import IN_FORCE, NOT_YET, REPEALED, SUPERSEDED, DocMeta


@dataclass(frozen=True)
class Status:
    code: str  # IN_FORCE, REPEALED, SUPERSEDED, NOT_YET, EXPIRED
    text: str  # for people: 现行有效 / 已废止（自…起，由《…》第…条废止）
    successor: str = ""  # doc_id of the document in force instead
    since: dt.date | None = None

    @property
    def in_force(self) -> bool:
        return self.code == IN_FORCE


def cn_date(day: dt.date) -> str:
    """2026年1月1日"""
    return f"{day.year}年{day.month}月{day.day}日"


def status_on(meta: DocMeta, day: dt.date, metas: Mapping[str, DocMeta]) -> Status:
    """The document's status on ``day``; ``metas`` holds the other documents by doc_id (for names)."""
    start = meta.effective or meta.issued
    if start is not None and day < start:
        return Status(NOT_YET, f"{NOT_YET}（自{cn_date(start)}起施行）", since=start)
    if meta.repealed is not None and day >= meta.repealed:
        successor = metas.get(meta.repealed_by)
        since = cn_date(meta.repealed)
        if successor is None:
            return Status(REPEALED, f"{REPEALED}（自{since}起）", since=meta.repealed)
        same_title = successor.title == meta.title
        if same_title:
            return Status(
                SUPERSEDED,
                f"{SUPERSEDED}（自{since}起施行{successor.citation_title}）",
                successor.doc_id,
                meta.repealed,
            )
        where = successor.citation_title
        if meta.repealed_in:
            where += f"第{int_to_cn(meta.repealed_in)}{'条' if successor.shape == 'law' else '项'}"
            return Status(REPEALED, f"{REPEALED}（自{since}起，由{where}废止）", successor.doc_id, meta.repealed)
        return Status(REPEALED, f"{REPEALED}（自{since}起，由{where}取代）", successor.doc_id, meta.repealed)
    if meta.status_note:
        return Status(IN_FORCE, f"{IN_FORCE}（{meta.status_note}）")
    return Status(IN_FORCE, IN_FORCE)


def version_on(doc_id: str, day: dt.date, metas: Mapping[str, DocMeta]) -> str:
    """The document of ``doc_id``'s line of succession that was in force on ``day`` (itself when none was).

    Follows successors forward and predecessors backward.
    """
    seen: set[str] = set()
    current = doc_id
    while current in metas and current not in seen:
        seen.add(current)
        meta = metas[current]
        start = meta.effective or meta.issued
        if start is not None and day < start:
            older = [m for m in metas.values() if m.repealed_by == current]
            if not older:
                return current
            current = older[0].doc_id
        elif meta.repealed is not None and day >= meta.repealed and meta.repealed_by in metas:
            current = meta.repealed_by
        else:
            return current
    return doc_id


def lineage(doc_id: str, metas: Mapping[str, DocMeta]) -> tuple[str, ...]:
    """Every document of ``doc_id``'s line of succession, oldest first."""
    first = doc_id
    seen = {first}
    while older := next((m.doc_id for m in metas.values() if m.repealed_by == first and m.doc_id not in seen), None):
        first = older
        seen.add(first)
    out = [first]
    while (nxt := metas[out[-1]].repealed_by) and nxt in metas and nxt not in out:
        out.append(nxt)
    return tuple(out)

"""The library as a catalogue for people: every document with its status on a day, filtered by status,
kind, issuer, agency or words of its title (the 政策库 tab, ``GET /api/documents``, ``/doc/{doc_id}``).

Pure functions over a ``Shelf`` (the library seen on one day) and the agency registry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.compose import Shelf
from ingest.agencies import AgencyRegistry
from ingest.schema import DocMeta, Document
from ingest.validity import Status


@dataclass(frozen=True)
class Entry:
    """One document of the catalogue."""

    meta: DocMeta
    status: Status
    provisions: int
    agencies: tuple[str, ...]  # the bodies its provisions name, most named first


def _agencies(document: Document) -> tuple[str, ...]:
    counts: dict[str, int] = {}
    for provision in document.provisions:
        for agency in provision.agencies:
            counts[agency] = counts.get(agency, 0) + 1
    return tuple(sorted(counts, key=lambda a: (-counts[a], a)))


def entry(shelf: Shelf, document: Document) -> Entry:
    meta = document.meta
    return Entry(meta, shelf.status(meta.doc_id), len(document.provisions), _agencies(document))


def catalogue(
    shelf: Shelf,
    agencies: AgencyRegistry,
    *,
    status: str | None = None,
    kind: str | None = None,
    issuer: str | None = None,
    agency: str | None = None,
    words: str | None = None,
) -> list[Entry]:
    """The documents that pass every filter given, in the library's order.

    ``status``: a status code (现行有效, 已废止, 已被修订, 尚未施行); ``kind``/``issuer``: equal or contained
    (法律, 国务院); ``agency``: any name or alias of a body one of its provisions names; ``words``: every
    whitespace-separated word found in its title, short names or 文号.
    """
    wanted: frozenset[str] | None = None
    if agency:
        name = agencies.canonical(agency.strip())
        wanted = agencies.family(name) if name else frozenset({agency.strip()})
    terms = (words or "").split()
    out = []
    for document in shelf.library.documents:
        item = entry(shelf, document)
        meta = item.meta
        searchable = " ".join((meta.title, *meta.short_names, meta.doc_number, meta.edition)).lower()
        if (
            (not status or item.status.code == status)
            and (not kind or kind in meta.kind)
            and (not issuer or issuer in meta.issuer)
            and (wanted is None or wanted & set(item.agencies))
            and all(t.lower() in searchable for t in terms)
        ):
            out.append(item)
    return out


def facets(entries: Sequence[Entry]) -> dict[str, list[str]]:
    """The values each filter can take over ``entries`` (for drop-downs), in first-seen order."""
    return {
        "status": list(dict.fromkeys(e.status.code for e in entries)),
        "kind": list(dict.fromkeys(e.meta.kind for e in entries if e.meta.kind)),
        "issuer": list(dict.fromkeys(e.meta.issuer for e in entries if e.meta.issuer)),
        "agency": list(dict.fromkeys(a for e in entries for a in e.agencies)),
    }

"""Query expansion: English and colloquial words → the document's own terms, appended to the
question for lexical retrieval (``bot/query_terms.tsv``; a table, not code).

    >>> expansion_terms("Does the policy cover cross-border e-commerce?")
    ['跨境', '电子商务', '电商']
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

QUERY_TERMS_FILE = Path(__file__).with_name("query_terms.tsv")


@functools.cache
def _table() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    rows = []
    for line in QUERY_TERMS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        surface, _, terms = line.partition("\t")
        surface = surface.strip().lower()
        if surface.isascii():
            pattern = re.compile(r"(?<![a-z0-9])" + re.escape(surface) + r"(?![a-z0-9])")
        else:
            pattern = re.compile(re.escape(surface))
        rows.append((len(surface), pattern, tuple(terms.split())))
    rows.sort(key=lambda r: -r[0])
    return tuple((pattern, terms) for _, pattern, terms in rows)


def expansion_matches(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(matched surface, document terms) for every table entry found in ``text``, longest first.

    >>> expansion_matches("想借钱")
    [('借钱', ('贷款', '融资'))]
    """
    hay = text.lower()
    taken = [False] * len(hay)
    out: list[tuple[str, tuple[str, ...]]] = []
    for pattern, terms in _table():
        for m in pattern.finditer(hay):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            out.append((m.group(0), terms))
    return out


def expansion_terms(text: str) -> list[str]:
    """Document terms for the words of ``text`` found in the table, without repeats."""
    out: list[str] = []
    for _, terms in expansion_matches(text):
        out.extend(t for t in terms if t not in out)
    return out


def expand(text: str) -> str:
    """The question followed by its expansion terms (unchanged when there are none)."""
    terms = expansion_terms(text)
    return f"{text} {' '.join(terms)}" if terms else text

"""Query expansion: English and everyday words → the documents' own terms, appended to the
question for lexical retrieval. The table is data (``query_terms.tsv`` in the library folder),
which a service center edits; nothing here knows any word of it.

    >>> expander = QueryExpander.from_lines(["借钱\\t贷款 融资", "cross-border\\t跨境"])
    >>> expander.expand("想借钱做cross-border生意")
    '想借钱做cross-border生意 跨境 贷款 融资'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

ENGLISH_WORD = re.compile(r"[a-z][a-z'&\-]+")  # a word of lower-cased English text

QUERY_TERMS_FILE = "query_terms.tsv"


# A phrasal verb of the table as a question writes it, its object between (hand it over, give them up): general
# English, none of the table's words.
_OBJECT_BETWEEN = r"\s+(?:(?:it|them|this|that|these|those)\s+|(?:the|a|an|our|my|your|their|its|this|that|these|those)\s+[a-z'\-]+\s+)?"


def _phrase(surface: str) -> str:
    """A pattern for an English table entry as a question may write it.

    >>> bool(re.fullmatch(_phrase("hand over"), "hand it over")), bool(re.fullmatch(_phrase("hand over"), "hand over"))
    (True, True)
    >>> bool(re.fullmatch(_phrase("carry forward"), "carry that loss forward"))
    True
    """
    return _OBJECT_BETWEEN.join(re.escape(word) for word in surface.split())


class QueryExpander:
    """Surface forms → document terms; matched case-insensitively, longest first, without overlaps."""

    def __init__(self, table: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        rows = []
        for surface, terms in table:
            surface = surface.strip().lower()
            if not surface or not terms:
                continue
            if surface.isascii():
                pattern = re.compile(r"(?<![a-z0-9])" + _phrase(surface) + r"(?![a-z0-9])")
            else:
                pattern = re.compile(re.escape(surface))
            rows.append((surface, pattern, tuple(terms)))
        rows.sort(key=lambda r: -len(r[0]))
        self._table = tuple(rows)
        # Every English word of the table: what the library knows of English at all
        self.english_words = frozenset(w for surface, _, _ in rows for w in ENGLISH_WORD.findall(surface))
        # first character → the rows starting with it (in table order): a question is checked against the rows
        # that can start at one of its characters, not against the whole table
        self._starting: dict[str, list[int]] = {}
        for i, (surface, _, _) in enumerate(self._table):
            self._starting.setdefault(surface[0], []).append(i)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> QueryExpander:
        table = []
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            surface, _, terms = line.partition("\t")
            table.append((surface, tuple(terms.split())))
        return cls(table)

    @classmethod
    def load(cls, path: Path) -> QueryExpander:
        """The table in ``path``; an empty table when the file does not exist."""
        path = Path(path)
        return cls.from_lines(path.read_text(encoding="utf-8").splitlines() if path.is_file() else [])

    def matches(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """(matched surface, document terms) for every table entry found in ``text``, longest first."""
        hay = text.lower()
        taken = [False] * len(hay)
        out: list[tuple[str, tuple[str, ...]]] = []
        candidates = sorted({i for c in set(hay) for i in self._starting.get(c, ())})  # longest first still
        for surface, pattern, terms in (self._table[i] for i in candidates):
            if surface.split(" ", 1)[0] not in hay:
                continue
            for m in pattern.finditer(hay):
                if any(taken[m.start() : m.end()]):
                    continue
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                out.append((m.group(0), terms))
        return out

    def terms(self, text: str) -> list[str]:
        """Document terms for the words of ``text`` found in the table, without repeats."""
        out: list[str] = []
        for _, terms in self.matches(text):
            out.extend(t for t in terms if t not in out)
        return out

    def expand(self, text: str) -> str:
        """The question followed by its expansion terms (unchanged when there are none)."""
        terms = self.terms(text)
        return f"{text} {' '.join(terms)}" if terms else text

"""Checks a model's answer against the measures it was given, before anything is shown.

Rules, per sentence of the model's text:
- ``[n]`` markers that point outside the numbered context are dropped;
- a sentence left without a marker is removed;
- a sentence is removed when a figure (number, amount, percentage, count), an agency or a named
  programme/platform in it does not appear in the measures it cites.
If no sentence survives, or fewer than half of them, the caller serves the extractive answer.
The kept sentences are renumbered so that ``[k]`` is the k-th citation, in order of first use.

    >>> m = Measure("d", 3, "（三）", "推动税费精准服务", "s", "发挥全国12366纳税缴费服务热线作用。", ("税务总局",), "税务总局负责")
    >>> verify("可拨打12366热线[1]。也可拨打12345[1]。", [m]).text
    '可拨打12366热线[1]。'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.agencies import BY_NAME, find_agencies
from ingest.schema import Measure

_MARKER = re.compile(r"\s*[\[【［](\d{1,2})[\]】］]")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+(?:[。！？!?；;]|$)(?:\s*[\[【［]\d{1,2}[\]】］])*")
# Figures: Arabic numbers (with units or %) and Chinese numbers with a counting unit.
_FIGURE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|万元|亿元|元|万|亿|个|项|家|条|天|日|月|年|倍|人|次|批)?|"
    r"[一二三四五六七八九十百千万两]+\s*(?:个|项|家|条|天|日|月|年|倍|人|次|批|成)"
)
# Named programmes and platforms: a run of Chinese ending in one of these words.
_NAMED = re.compile(
    r"[\u4e00-\u9fff“”\"]{2,16}?(?:平台|工程|计划|行动|基金|中心|系统|专线|热线|大赛|论坛|基地|试验区|名录|清单|模式|服务月)"
)


@dataclass(frozen=True)
class Verified:
    text: str  # kept sentences, markers renumbered to the citation order
    cited: tuple[Measure, ...]  # the measures the kept text cites, in order of first use
    kept: int
    total: int
    removed: tuple[tuple[str, str], ...]  # (sentence, reason)

    @property
    def too_little(self) -> bool:
        return self.kept == 0 or self.kept * 2 < self.total


def split_sentences(text: str) -> list[str]:
    """Sentences, each with the markers that follow its end punctuation.

    >>> split_sentences("甲[1]。乙。[2]丙")
    ['甲[1]。', '乙。[2]', '丙']
    """
    return [s.strip() for s in _SENTENCE.findall(text.strip()) if s.strip() and _MARKER.sub("", s).strip()]


def _unsupported(claim: str, sources: str, cited_agencies: set[str]) -> str | None:
    """Why the claim is not backed by the cited text, or None when it is."""
    for m in _FIGURE.finditer(claim):
        figure = re.sub(r"\s+", "", m.group(0))
        digits = re.match(r"\d+(?:\.\d+)?", figure)
        if figure not in sources and not (
            digits and digits.group(0) in sources and figure[len(digits.group(0)) :] in ("", "个")
        ):
            return f"figure {figure}"
    for agency in find_agencies(claim):
        mentioned = agency in sources or any(a in sources for a in BY_NAME[agency].aliases if not a.isascii())
        if agency not in cited_agencies and not mentioned:
            return f"agency {agency}"
    for m in _NAMED.finditer(claim):
        term = m.group(0).strip('“”"')
        # Accept when the name, or its last four characters or more, appears in the cited text.
        if not any(term[i:] in sources for i in range(0, max(1, len(term) - 3))):
            return f"name {term}"
    return None


def verify(text: str, context: Sequence[Measure]) -> Verified:
    kept: list[tuple[str, list[int]]] = []
    removed: list[tuple[str, str]] = []
    sentences = split_sentences(text)
    for sentence in sentences:
        numbers = [int(n) for n in _MARKER.findall(sentence)]
        valid = [n for n in dict.fromkeys(numbers) if 1 <= n <= len(context)]
        claim = _MARKER.sub("", sentence).strip()
        if not valid:
            removed.append((claim, "no valid citation marker"))
            continue
        cited = [context[n - 1] for n in valid]
        sources = "".join(m.full_text for m in cited)
        reason = _unsupported(claim, sources, {a for m in cited for a in m.agencies})
        if reason:
            removed.append((claim, reason))
            continue
        kept.append((claim, valid))

    order: list[int] = []
    for _, valid in kept:
        order.extend(n for n in valid if n not in order)
    renumber = {n: i for i, n in enumerate(order, start=1)}
    parts = []
    for claim, valid in kept:
        marks = "".join(f"[{renumber[n]}]" for n in valid)
        parts.append(claim[:-1] + marks + claim[-1] if claim[-1] in "。！？!?；;" else claim + marks)
    return Verified(
        text="".join(parts),
        cited=tuple(context[n - 1] for n in order),
        kept=len(kept),
        total=len(sentences),
        removed=tuple(removed),
    )

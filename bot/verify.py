"""Checks a model's answer against the provisions it was given, before anything is shown.

Rules, per sentence of the model's text:
- ``[n]`` markers that point outside the numbered context are dropped;
- a sentence left without a marker is removed;
- a sentence is removed when a figure (compared by value: 六月 = 6月), an agency, an organisation
  (…银行, …局) or a named programme/platform in it does not appear, whole, in the provisions it cites.
If no sentence survives, or fewer than half of them, the caller serves the extractive answer.
The kept sentences are renumbered so that ``[k]`` is the k-th citation, in order of first use.

    >>> m = Provision("d", 3, "（三）", "推动税费精准服务", "s", (Paragraph("发挥全国12366纳税缴费服务热线作用。"),), ("税务总局",), "税务总局负责")
    >>> verify("可拨打12366热线[1]。也可拨打12345[1]。", [m], AgencyRegistry(())).text
    '可拨打12366热线[1]。'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.agencies import AgencyRegistry
from ingest.schema import Paragraph, Provision  # noqa: F401  (Paragraph: doctest)

_MARKER = re.compile(r"\s*[\[【［](\d{1,2})[\]】］]")
# Sentences end at 。！？ or a line break (not at ；: a clause before ； shares the sentence's marker).
_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]|$)(?:\s*[\[【［]\d{1,2}[\]】］])*")
_ENUMERATOR = re.compile(r"^\s*(?:[0-9０-９]{1,2}[.、)．）]|[（(][0-9０-９]{1,2}[）)]|[一二三四五六七八九十][、.])\s*")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
# Figures: Arabic numbers, and Chinese numbers that are amounts (two characters or more, or one
# followed by a counting unit, or after 百分之/千分之). "进一步", "统一" are words, not figures.
_FIGURE = re.compile(
    r"(?:百分之|千分之|万分之)(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)|"
    r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]{2,}|"
    r"[一二两三四五六七八九十百千](?=\s*(?:个|项|家|条|天|日|月|年|倍|人|次|批|成|元|万|亿|周|季))"
)
# Organisations by their form (中国银行, 某某监管局…): checked like names, unless they are agencies.
_ORGANISATION = re.compile(r"[\u4e00-\u9fff]{2,12}(?:银行|监管局|管理局|委员会|厅|协会|商会|公司|集团|交易所)")
# Named programmes and platforms: a run of Chinese ending in one of these words.
_NAME_ENDINGS = (
    "平台|工程|计划|行动|基金|中心|系统|专线|热线|大赛|论坛|基地|试验区|名录|清单|模式|资金|补贴|贴息|奖励|"
    "创新券|专项|服务月|服务周|活动月|活动周|宣传周|宣传月"
)
_NAMED = re.compile(rf"[\u4e00-\u9fff“”\"]{{0,16}}(?:{_NAME_ENDINGS})")
_GENERIC = re.compile(rf"(?:这个|这些|这一|该|此|其|有关|相关|各类|各种|一个|一些|上述|本)(?:{_NAME_ENDINGS})$")
# What may stand before a name in a sentence ("可以通过…平台"): the rest of the run must be the name.
_LEAD_IN = re.compile(
    r"(?:提出|发挥|通过|利用|依托|借助|参加|参与|申请|获得|使用|加入|建设|推广|实施|开展|组织|举办|打造|设立|完善|"
    r"推进|支持|鼓励|引导|对接|进入|登录|向|在|由|与|和|及|为|对|把|将|可|可以|能|要|会|的|了|是|即|如|或)$"
)


def name_supported(name: str, sources: str) -> bool:
    """The longest tail of ``name`` found in ``sources`` must be all of it, or be preceded only by
    lead-in words; "省级中小企业融资信用服务平台" is not "全国中小企业融资综合信用服务平台".

    >>> name_supported("可以通过贸法通平台", "发挥贸法通平台作用"), name_supported("省级贸法通平台", "发挥贸法通平台作用")
    (True, False)
    """
    for i in range(len(name)):
        if name[i:] in sources:
            return i == 0 or (len(name) - i >= 3 and _LEAD_IN.search(name[:i]) is not None)
    return False


def _cn_value(token: str) -> float | None:
    """'五百万' → 5000000; '二十' → 20; None when it is not a number."""
    total, section, digit = 0, 0, None
    for ch in token:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        elif ch in _CN_BIG:
            total += (section + (digit or 0)) * _CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return float(total + section + (digit or 0))


def figures(text: str) -> set[tuple[str, float]]:
    """The figures in a text as (kind, value): kind is '%' for 百分之…, '‰' for 千分之…, '‱' for 万分之…, '' otherwise.

    >>> sorted(figures("打造100个场景，每年六月，百分之二十"))
    [('', 6.0), ('', 100.0), ('%', 20.0)]
    """
    out = set()
    for m in _FIGURE.finditer(text):
        token = m.group(0)
        kind = {"百分之": "%", "千分之": "‰", "万分之": "‱"}.get(token[:3], "")
        number = token[3:] if kind else token
        value = float(number) if number[0].isdigit() else _cn_value(number)
        if value is not None:
            out.add(("%" if text[m.end() : m.end() + 1] in "%％" and text[m.end() : m.end() + 1] else kind, value))
    return out


@dataclass(frozen=True)
class Verified:
    text: str  # kept sentences, markers renumbered to the citation order
    cited: tuple[Provision, ...]  # the provisions the kept text cites, in order of first use
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


def _unsupported(claim: str, sources: str, cited_agencies: set[str], agencies: AgencyRegistry) -> str | None:
    """Why the claim is not backed by the cited text, or None when it is."""
    missing = figures(claim) - figures(sources)
    if missing:
        kind, value = sorted(missing)[0]
        return f"figure {value:g}{kind}"
    for agency in agencies.find(claim):
        known = agencies.by_name.get(agency)
        mentioned = agency in sources or bool(known and any(a in sources for a in known.surfaces() if not a.isascii()))
        if agency not in cited_agencies and not mentioned:
            return f"agency {agency}"
    plain_sources = sources.replace("“", "").replace("”", "")
    for m in _ORGANISATION.finditer(claim):
        name = m.group(0)
        if not name_supported(name, plain_sources) and not agencies.find(name):
            return f"organisation {name}"
    for m in _NAMED.finditer(claim.replace("“", "").replace("”", "").replace('"', "")):
        term = m.group(0)
        if _GENERIC.search(term) or re.fullmatch(_NAME_ENDINGS, term):
            continue  # 这个平台, 有关资金: names nothing
        if not name_supported(term, plain_sources):
            return f"name {term}"
    return None


def verify(text: str, context: Sequence[Provision], agencies: AgencyRegistry, document_facts: str = "") -> Verified:
    """Check a model's reply against its numbered context; ``document_facts`` (title, 文号, date)
    may be cited along with any provision."""
    kept: list[tuple[str, list[int]]] = []
    removed: list[tuple[str, str]] = []
    sentences = split_sentences(text)
    for sentence in sentences:
        numbers = [int(n) for n in _MARKER.findall(sentence)]
        valid = [n for n in dict.fromkeys(numbers) if 1 <= n <= len(context)]
        claim = _ENUMERATOR.sub("", _MARKER.sub("", sentence)).strip()
        if not valid:
            removed.append((claim, "no valid citation marker"))
            continue
        cited = [context[n - 1] for n in valid]
        sources = unicodedata.normalize("NFKC", "".join(m.full_text for m in cited) + document_facts)
        # Compared in NFKC (１２３６６ = 12366), shown as the model wrote it.
        reason = _unsupported(
            unicodedata.normalize("NFKC", claim), sources, {a for m in cited for a in m.agencies}, agencies
        )
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

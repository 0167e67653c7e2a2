"""Routing: which questions are answered exactly from the document's structure, and what
the retrievers should search for the rest.

Exact routes are complete and counted: a measure by number, every measure of an agency or a
section, the document's own facts. Everything else is searched. Input is a cleaned question
(``bot.question.clean_question``): NFKC-folded and simplified.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ingest.agencies import alias_index, find_agencies
from ingest.numerals import cn_to_int
from ingest.schema import Document, Section

_NUM = r"([0-9]{1,3}|[一二三四五六七八九十百两〇零]{1,6})"
# 第十二条 / 第12项 / 第5点 / 第三个措施 — a suffix is required: 第八次会议, 第一个专利 are not measures.
_ORDINAL = re.compile(rf"第\s*{_NUM}\s*(?:条|项|点|款|个措施|个政策)")
# 第3到5条 / 第三至第五条 / 第3-5条
_RANGE = re.compile(rf"第\s*{_NUM}\s*(?:条|项)?\s*(?:到|至|-|~|—|－)\s*第?\s*{_NUM}\s*(?:条|项)")
# 措施（十二） / 措施12 / 措施第12 — not 措施一共 / 措施十分: a bare Chinese numeral is a word there.
_MEASURE_LABEL = re.compile(rf"措施\s*(?:第\s*{_NUM}|\(\s*{_NUM}\s*\)|([0-9]{{1,3}})(?![0-9]))")
_LEADING_LABEL = re.compile(rf"^\s*\(\s*{_NUM}\s*\)")
# 三十四条 / 12条 without 第, only where nothing but a request verb stands before it
# (稳经济33条, 这两条, 前三条, 推荐三条政策 are not measure numbers).
_BARE_ORDINAL = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff0-9])|(?<=说说|讲讲|看看|看下|问问|查查|请问|关于|解释|介绍|说下|讲下|一下|查询))"
    r"([0-9]{1,2}|[二三四五六七八九十][一二三四五六七八九十]{0,3})\s*条"
)
_LISTING_REQUEST = re.compile(r"推荐|列出|列举|最重要|挑|选几|前\S{0,2}条|后\S{0,2}条")
_ENGLISH_MEASURE = re.compile(r"\b(?:measure|article|item)\s*#?\s*([0-9]{1,3})\b", re.IGNORECASE)
_SECTION_ORDINAL = re.compile(rf"第\s*{_NUM}\s*(?:部分|章|节|大类|板块|方面|块)")
# 第三部分第二条: the second measure of section three
_SECTION_POSITION = re.compile(rf"第\s*{_NUM}\s*(?:部分|章|节)\s*(?:的|里|中|里面)?\s*第\s*{_NUM}\s*(?:条|项|个)")
_NEXT_PREVIOUS = re.compile(r"(下|上)一(条|项|个措施)")

_LIST_INTENT = re.compile(r"哪些|哪几|什么|几条|几项|多少|列出|清单|包括|包含|都有|有啥|涉及|list|which|what")
# An agency named together with one of these asks for that agency's complete list of measures.
_AGENCY_LIST = re.compile(
    r"哪些|哪几|几条|几项|多少条|多少项|所有|全部|列出|列一下|清单|干啥|干什么|做什么|做哪|负责什么|管什么|"
    r"参与什么|管哪|负责啥|which measures|what measures|\blist\b|responsible for"
)
# 除了人民银行，还有哪些部门…: asks about the other agencies, not about the named one.
_EXCEPT = re.compile(r"除了|除去|之外|以外|except|besides|other than")
_TOGETHER = re.compile(r"共同|一起|同时|联合|都负责|都参与|both")
_AREA_WORD = re.compile(r"方面|领域|部分|板块|这块|这一块|类|章节")
# Phrases that point at the document itself; dropped before matching a section title.
_DOC_FILLER = re.compile(r"这份文件|这个文件|本文件|文件里|文件中|文件|这份政策|这个政策|政策里|里面|当中|之中")
_WHO = re.compile(
    r"谁负责|谁来负责|谁管|谁牵头|哪个部门|哪些部门|什么部门|哪家|哪个单位|哪些单位|找谁|找哪|归谁|归哪|"
    r"牵头|主管部门|负责部门|负责单位|责任部门|负责的部门|由谁|who is responsible|who's responsible|"
    r"which agenc|which department|which ministr|who is in charge|who handles|\bresponsible\b|in charge"
)
_FULL_TEXT = re.compile(r"全文|原文|完整|全部内容|详细内容|具体内容|full text")

_DOC_REFERENCE = re.compile(
    r"文件|通知|这份|该文|本文|这个政策|这项政策|这份政策|政策文件|若干措施|这些措施|这套措施|发文|印发|"
    r"\bdocument\b|\bpolicy\b|\bnotice\b"
)
DOC_FACT_PATTERNS: dict[str, re.Pattern[str]] = {
    "doc_number": re.compile(r"文号|发文字号|发文号|文件编号|document number|reference number"),
    "issuer": re.compile(
        r"发文单位|发文机关|发文部门|印发单位|发布单位|发布机构|发布部门|落款单位|"
        r"(哪个|什么|哪家)(单位|部门|机关|机构)(印发|发布|发的|出台|制定)|谁(印发|发布|发的|出台|制定)|"
        r"issued by|who issued"
    ),
    "date": re.compile(
        r"日期|什么时候(发|印|出台|公布)|哪天(发|印|出台)|何时(发|印|出台)|哪一年|哪年|\bwhen\b|\bdate\b"
    ),
    "count": re.compile(r"多少条|几条|多少项|几项|多少个措施|几个措施|多少措施|共有多少|how many measures"),
    "approval": re.compile(r"审议通过|哪次会议|什么会议|会议审议"),
    "recipients": re.compile(r"印发给|主送|发给谁|发给哪|下发给"),
    "title": re.compile(r"标题|名称|叫什么|全称|\btitle\b"),
    "sections": re.compile(r"几个部分|多少个部分|几部分|哪几个部分|几大部分|几大块|文件结构|文件的结构|文件目录"),
}
# Facts that need no "this document" cue: nothing else in the policy has a 文号 or 发文机关.
_SELF_EVIDENT_FACTS = {"doc_number", "issuer", "recipients", "sections", "approval"}
# Not facts the document states (it has no expiry or deadline): left to the search and scope rule.
_NOT_A_DOC_FACT = re.compile(r"截止|有效期|过期|失效|到期")

_FOLLOW_UP_START = re.compile(
    r"^(那|那么|那个|还有|另外|再问|这条|这个|这项|这两|这几|这些|该条|该措施|它|上面|上述|刚才|刚刚|前面|上一|下一|"
    r"and\b|what about|how about)"
)
_FOLLOW_UP_REFERENCE = re.compile(
    r"这条|这项|这个措施|这两条|这几条|这些|该条|该措施|它|上面|上述|刚才|刚刚|前面|上一条|下一条|"
    r"this measure|\bit\b|\bthem\b|\bthese\b"
)
# "这个活动" / "该平台": a reference plus a generic noun names nothing new.
_REFERENCED_THING = re.compile(
    r"(这|那|该|此|上述)(个|项|条|些|两条|几条)?(活动|平台|行动|计划|项目|措施|政策|事情|事|工作|规定|条)"
)
# Words that ask something about an already chosen measure rather than name a topic.
_INTENT_ONLY = re.compile(
    r"^(那|那么|还有|另外|这条|这项|这个|这些|这两条|这几条|两条|该条|该措施|它|上面|上述|刚才|上一条|下一条|的|是|由|谁|"
    r"哪个|哪些|什么|部门|单位|负责|牵头|管|具体|详细|怎么|如何|做|办|申请|要求|内容|讲|说|呢|吗|啊|呀|吧|了|有|没有|"
    r"介绍|一下|全文|原文|完整|给我|看看|请|能|可以|哪里|找|咨询|落实|执行|分别|各自|都|各|又|再|英文|政策|措施|条|"
    r"english|what|about|who|whom|who's|which|is|are|the|it|its|this|that|these|them|and|for|of|in|charge|"
    r"responsible|full|text|more|details?|tell|me|say|says|do|does|measure|please|agenc(y|ies)|department|"
    r"\s|[?？!！。，,.、:：;；])+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Route:
    """What to answer: ``kind`` is one of number, unknown_number, unknown_section, agency,
    section, doc_meta, search."""

    kind: str
    topic: str  # text for the retrievers (after follow-up resolution)
    numbers: tuple[int, ...] = ()
    unknown_numbers: tuple[int, ...] = ()  # asked for, but the document has no such measure
    agencies: tuple[str, ...] = ()
    agencies_together: bool = False
    section: int | None = None
    facts: tuple[str, ...] = ()
    wants_agencies: bool = False
    wants_full_text: bool = False


def parse_number(token: str) -> int:
    """'12' or '十二' → 12."""
    return int(token) if token.isdigit() else cn_to_int(token.replace("两", "二").replace("〇", "零"))


def _first_group(m: re.Match[str]) -> str:
    return next(g for g in m.groups() if g)


def measure_numbers(text: str) -> tuple[int, ...]:
    """Measure numbers the question names explicitly, in order of mention (ranges expanded).

    >>> measure_numbers("第八条和措施(三十一)讲什么"), measure_numbers("第3到5条")
    ((8, 31), (3, 4, 5))
    """
    found: list[tuple[int, int]] = []
    covered: list[range] = []
    for m in _RANGE.finditer(text):
        try:
            low, high = parse_number(m.group(1)), parse_number(m.group(2))
        except ValueError:
            continue
        if 0 < high - low < 40:
            found += [(m.start(), n) for n in range(low, high + 1)]
            covered.append(range(m.start(), m.end()))
    patterns = [_ORDINAL, _MEASURE_LABEL, _LEADING_LABEL, _ENGLISH_MEASURE]
    if not _LISTING_REQUEST.search(text):
        patterns.append(_BARE_ORDINAL)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(m.start() in span for span in covered):
                continue
            try:
                found.append((m.start(), parse_number(_first_group(m))))
            except (ValueError, StopIteration):
                continue
    out: list[int] = []
    for _, n in sorted(found, key=lambda item: item[0]):
        if n not in out:
            out.append(n)
    return tuple(out)


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return {a + b for a, b in itertools.pairwise(chars)} | ({chars[0]} if len(chars) == 1 else set())


_SECTION_GENERIC = re.compile(r"提升|加强|加大|助力|落实落细|力度|能力|水平|素质|附加值|支持|发展|建设|创造|运用|和|、")


def match_section(text: str, sections: tuple[Section, ...]) -> Section | None:
    """The section whose heading the question's area phrase names, if one clearly does.

    The area phrase is the text before 方面/领域/部分…, or the whole question, without words
    that point at the document. A section matches when its distinctive title words (the title
    without 提升/加强/能力…) cover the phrase well: at least half of the phrase's character
    bigrams are in the title.
    """
    text = _DOC_FILLER.sub("", text)
    area = _AREA_WORD.split(text, maxsplit=1)[0] if _AREA_WORD.search(text) else text
    area_grams = _bigrams(re.sub(r"有哪些|哪些|什么|措施|政策|的|一共|总共|都|有|几条|多少条", "", area))
    if not area_grams:
        return None
    scored = []
    for section in sections:
        core = _bigrams(_SECTION_GENERIC.sub(" ", section.title).replace(" ", "")) | _bigrams(section.title)
        distinctive = _bigrams(_SECTION_GENERIC.sub("", section.title))
        overlap = len(area_grams & core)
        if overlap and area_grams & distinctive:
            scored.append((overlap / len(area_grams), overlap, section))
    if not scored:
        return None
    scored.sort(key=lambda s: (-s[0], -s[1], s[2].number))
    best = scored[0]
    if best[0] < 0.5 or (len(scored) > 1 and scored[1][:2] == best[:2]):
        return None
    return best[2]


def _doc_facts(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    if _NOT_A_DOC_FACT.search(lowered):
        return ()
    facts = tuple(name for name, pattern in DOC_FACT_PATTERNS.items() if pattern.search(lowered))
    if not facts:
        return ()
    if set(facts) & _SELF_EVIDENT_FACTS or _DOC_REFERENCE.search(lowered) or ("count" in facts and "措施" in text):
        return facts
    return ()


def is_follow_up(text: str) -> bool:
    """A question that leans on the conversation: 'this measure', 'what about X', or no topic at all."""
    lowered = text.lower().strip()
    return bool(_FOLLOW_UP_START.match(lowered) or _FOLLOW_UP_REFERENCE.search(lowered) or not has_own_topic(text))


def has_own_topic(text: str) -> bool:
    """False when the question only asks about something already chosen ('那谁负责？', '这个活动呢')."""
    return not _INTENT_ONLY.match(_REFERENCED_THING.sub(" ", text.lower().strip()))


def section_position(text: str, document: Document) -> tuple[int, ...]:
    """第三部分第二条 → the number of the second measure of section three (empty when none)."""
    m = _SECTION_POSITION.search(text)
    if not m:
        return ()
    try:
        section_number, position = parse_number(m.group(1)), parse_number(m.group(2))
    except ValueError:
        return ()
    if not 1 <= section_number <= len(document.sections):
        return ()
    heading = document.sections[section_number - 1].heading
    in_section = [x.number for x in document.measures if x.section == heading]
    return (in_section[position - 1],) if 1 <= position <= len(in_section) else ()


def route(text: str, document: Document) -> Route:
    """Route a cleaned question with no regard to history (see ``bot.engine`` for follow-ups)."""
    lowered = text.lower()
    wants_agencies = bool(_WHO.search(lowered))
    wants_full = bool(_FULL_TEXT.search(lowered))

    numbers = section_position(text, document) or measure_numbers(text)
    if numbers:
        total = len(document.measures)
        valid = tuple(n for n in numbers if 1 <= n <= total)
        unknown = tuple(n for n in numbers if not 1 <= n <= total)
        if not valid:
            return Route("unknown_number", text, unknown_numbers=unknown)
        return Route(
            "number", text, numbers=valid, unknown_numbers=unknown, wants_agencies=wants_agencies,
            wants_full_text=wants_full,
        )  # fmt: skip

    if m := _SECTION_ORDINAL.search(text):
        try:
            n = parse_number(m.group(1))
        except ValueError:
            n = 0
        if 1 <= n <= len(document.sections):
            return Route("section", text, section=n)
        return Route("unknown_section", text, unknown_numbers=(n,))

    agencies = find_agencies(text)
    if agencies and _EXCEPT.search(lowered):
        # "除了人民银行，还有哪些部门负责信贷支持？": who else is responsible for a topic.
        return Route("search", _strip_agencies(text, agencies), wants_agencies=True)
    if agencies and _AGENCY_LIST.search(lowered):
        section = match_section(_strip_agencies(text, agencies), document.sections)
        return Route(
            "agency",
            text,
            agencies=agencies,
            agencies_together=bool(_TOGETHER.search(lowered)) and len(agencies) > 1,
            section=section.number if section else None,
        )

    facts = _doc_facts(text)
    listing = _LIST_INTENT.search(lowered) and (_AREA_WORD.search(text) or "措施" in text)
    section = match_section(text, document.sections) if (listing or facts == ("count",)) else None
    if section is not None:
        return Route("section", text, section=section.number)  # 融资方面的措施有几条 counts a section
    if facts:
        return Route("doc_meta", text, facts=facts)
    return Route("search", text, wants_agencies=wants_agencies, wants_full_text=wants_full)


def next_or_previous(text: str, current: int) -> int | None:
    """下一条 / 上一条 relative to the measure under discussion."""
    m = _NEXT_PREVIOUS.search(text)
    if not m:
        return None
    return current + 1 if m.group(1) == "下" else current - 1


def _strip_agencies(text: str, agencies: tuple[str, ...]) -> str:
    out = text
    for surface, name in alias_index():
        if name in agencies:
            out = out.replace(surface, " ")
    return out

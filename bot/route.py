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

from ingest.agencies import find_agencies
from ingest.numerals import cn_to_int
from ingest.schema import Document, Section

_NUM = r"([0-9]{1,3}|[一二三四五六七八九十两〇零]{1,4})"
# 第十二条 / 第12项 / 第三十一个措施 / 第5点 — a "条/项/点/个" suffix is required: 第八次会议 is not a measure.
_ORDINAL = re.compile(rf"第\s*{_NUM}\s*(?:条|项|点|个|款)")
# 措施（十二） / 措施12 / 措施第12 / (二十) at the start of the question
_MEASURE_LABEL = re.compile(rf"措施\s*(?:第\s*)?\(?\s*{_NUM}\s*\)?")
_LEADING_LABEL = re.compile(rf"^\s*\(\s*{_NUM}\s*\)")
# 三十四条 / 12条措施 without 第. Not 一条/这两条/这一条/每条: those mean "a", "these two", "this".
_BARE_ORDINAL = re.compile(
    r"(?<![第0-9一二三四五六七八九十几两多这那每哪该同上下另其])"
    r"([0-9]{1,2}|[二三四五六七八九十][一二三四五六七八九十]{0,3})\s*条"
)
_ENGLISH_MEASURE = re.compile(r"\b(?:measure|article|item|point|no\.)\s*#?\s*([0-9]{1,3})\b", re.IGNORECASE)
_SECTION_ORDINAL = re.compile(rf"第\s*{_NUM}\s*(?:部分|章|节|大类|板块|方面|块)")

_LIST_INTENT = re.compile(r"哪些|哪几|什么|几条|几项|多少|列出|清单|包括|包含|都有|有啥|涉及|list|which|what")
# An agency named together with one of these asks for that agency's complete list of measures.
_AGENCY_LIST = re.compile(
    r"哪些|哪几|几条|几项|多少条|多少项|所有|全部|列出|列一下|清单|干啥|干什么|做什么|做哪|负责什么|管什么|"
    r"参与什么|管哪|负责啥|which measures|what measures|list|responsible for"
)
_TOGETHER = re.compile(r"共同|一起|同时|联合|都负责|都参与|both")
_AREA_WORD = re.compile(r"方面|领域|部分|板块|这块|这一块|类|章节")
_WHO = re.compile(
    r"谁负责|谁来负责|谁管|谁牵头|哪个部门|哪些部门|什么部门|哪家|哪个单位|哪些单位|找谁|找哪|归谁|归哪|"
    r"牵头|主管部门|负责部门|负责单位|责任部门|负责的部门|由谁|who is responsible|who's responsible|"
    r"which agenc|which department|which ministr|who is in charge|who handles|responsible"
)
_FULL_TEXT = re.compile(r"全文|原文|完整|全部内容|详细内容|具体内容|full text")

_DOC_REFERENCE = re.compile(
    r"文件|通知|这份|该文|本文|这个政策|这项政策|这份政策|政策文件|若干措施|这些措施|这套措施|发文|印发|document|policy|notice"
)
DOC_FACT_PATTERNS: dict[str, re.Pattern[str]] = {
    "doc_number": re.compile(r"文号|字号|发文号|编号|document number|reference number"),
    "issuer": re.compile(
        r"发文单位|发文机关|发文部门|印发单位|发布单位|发布机构|发布部门|落款单位|"
        r"(哪个|什么|哪家)(单位|部门|机关|机构)(印发|发布|发的|出台|制定)|谁(印发|发布|发的|出台|制定)|"
        r"issued by|who issued"
    ),
    "date": re.compile(r"日期|什么时候|哪天|何时|哪一年|哪年|几月|时间|when|date"),
    "count": re.compile(r"多少条|几条|多少项|几项|多少个措施|几个措施|多少措施|how many"),
    "approval": re.compile(r"会议|审议通过"),
    "recipients": re.compile(r"印发给|主送|发给谁|发给哪|下发给|对象是谁"),
    "title": re.compile(r"标题|名称|叫什么|全称|title"),
    "sections": re.compile(r"几个部分|多少个部分|几部分|哪几个部分|几大|结构|框架|目录|章节"),
}
# Facts that need no "this document" cue: nothing else in the policy has a 文号 or 发文机关.
_SELF_EVIDENT_FACTS = {"doc_number", "issuer", "recipients", "sections", "approval"}

_FOLLOW_UP_START = re.compile(
    r"^(那|那么|那个|还有|另外|再问|这条|这个|这项|该条|该措施|它|上面|上述|刚才|刚刚|前面|and|what about|how about)"
)
_FOLLOW_UP_REFERENCE = re.compile(r"这条|这项|这个措施|该条|该措施|它|上面|上述|刚才|刚刚|前面|这些|this measure|it\b")
# Words that ask something about an already chosen measure rather than name a topic.
_INTENT_ONLY = re.compile(
    r"^(那|那么|还有|另外|这条|这项|这个|该条|该措施|它|上面|上述|刚才|的|是|由|谁|哪个|哪些|什么|部门|单位|"
    r"负责|牵头|管|具体|详细|怎么|如何|做|办|申请|要求|内容|讲|说|呢|吗|啊|呀|吧|了|有|没有|介绍|一下|全文|原文|"
    r"完整|给我|看看|请|能|可以|哪里|找|咨询|落实|执行|英文|活动|事情|事|工作|政策|措施|项目|规定|条|平台|行动|计划|"
    r"english|what|about|who|which|is|the|it|this|and|"
    r"\s|[?？!！。，,.、:：;；])+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Route:
    """What to answer: ``kind`` is one of number, unknown_number, agency, section, doc_meta, search."""

    kind: str
    topic: str  # text for the retrievers (after follow-up resolution)
    numbers: tuple[int, ...] = ()
    agencies: tuple[str, ...] = ()
    agencies_together: bool = False
    section: int | None = None
    facts: tuple[str, ...] = ()
    wants_agencies: bool = False
    wants_full_text: bool = False
    follow_up: bool = False


def parse_number(token: str) -> int:
    """'12' or '十二' → 12."""
    return int(token) if token.isdigit() else cn_to_int(token.replace("两", "二").replace("〇", "零"))


def measure_numbers(text: str) -> tuple[int, ...]:
    """Measure numbers the question names explicitly, in order of mention.

    >>> measure_numbers("第八条和措施(三十一)讲什么")
    (8, 31)
    """
    found: list[tuple[int, int]] = []
    for pattern in (_ORDINAL, _MEASURE_LABEL, _LEADING_LABEL, _BARE_ORDINAL, _ENGLISH_MEASURE):
        for m in pattern.finditer(text):
            try:
                found.append((m.start(), parse_number(m.group(1))))
            except ValueError:
                continue
    out: list[int] = []
    for _, n in sorted(found):
        if n not in out:
            out.append(n)
    return tuple(out)


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return {a + b for a, b in itertools.pairwise(chars)} | ({chars[0]} if len(chars) == 1 else set())


_SECTION_GENERIC = re.compile(r"提升|加强|加大|助力|落实落细|力度|能力|水平|素质|附加值|支持|发展|建设|创造|运用|和|、")


def match_section(text: str, sections: tuple[Section, ...]) -> Section | None:
    """The section whose heading the question's area phrase names, if one clearly does.

    The area phrase is the text before 方面/领域/部分…, or the whole question. A section
    matches when its distinctive title words (the title without 提升/加强/能力…) cover the
    phrase well: at least half of the phrase's character bigrams are in the title.
    """
    area = _AREA_WORD.split(text, maxsplit=1)[0] if _AREA_WORD.search(text) else text
    area_grams = _bigrams(re.sub(r"有哪些|哪些|什么|措施|政策|的", "", area))
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
    facts = tuple(name for name, pattern in DOC_FACT_PATTERNS.items() if pattern.search(lowered))
    if not facts:
        return ()
    if set(facts) & _SELF_EVIDENT_FACTS or _DOC_REFERENCE.search(lowered):
        return facts
    return ()


def is_follow_up(text: str) -> bool:
    """A question that leans on the conversation: 'this measure', 'what about X', or no topic at all."""
    lowered = text.lower().strip()
    return bool(_FOLLOW_UP_START.match(lowered) or _FOLLOW_UP_REFERENCE.search(lowered) or _INTENT_ONLY.match(lowered))


def has_own_topic(text: str) -> bool:
    """False when the question only asks about something already chosen ('那谁负责？')."""
    return not _INTENT_ONLY.match(text.lower().strip())


def route(text: str, document: Document) -> Route:
    """Route a cleaned question with no regard to history (see ``bot.followup`` for that)."""
    lowered = text.lower()
    wants_agencies = bool(_WHO.search(lowered))
    wants_full = bool(_FULL_TEXT.search(lowered))

    numbers = measure_numbers(text)
    if numbers:
        total = len(document.measures)
        valid = tuple(n for n in numbers if 1 <= n <= total)
        if not valid:
            return Route("unknown_number", text, numbers=numbers)
        return Route("number", text, numbers=valid, wants_agencies=wants_agencies, wants_full_text=wants_full)

    if m := _SECTION_ORDINAL.search(text):
        try:
            n = parse_number(m.group(1))
        except ValueError:
            n = 0
        if 1 <= n <= len(document.sections):
            return Route("section", text, section=n)

    agencies = find_agencies(text)
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
    if facts:
        return Route("doc_meta", text, facts=facts)

    if _LIST_INTENT.search(lowered) and (_AREA_WORD.search(text) or "措施" in text):
        section = match_section(text, document.sections)
        if section is not None:
            return Route("section", text, section=section.number)

    return Route("search", text, wants_agencies=wants_agencies, wants_full_text=wants_full)


def _strip_agencies(text: str, agencies: tuple[str, ...]) -> str:
    from ingest.agencies import alias_index

    out = text
    for surface, name in alias_index():
        if name in agencies:
            out = out.replace(surface, " ")
    return out

"""What a question points at: documents (by title, short name or 文号), provisions (第九条,
第（十一）项, 第十条第二款), an edition (2020年那版, 旧版) and a past day (2024年的时候…).

Everything is read from the library itself — titles, short names and 文号 of its documents — plus
the general Chinese forms of these references; no document is named in code.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from ingest.schema import DocMeta, Library
from ingest.text import CN_NUM, parse_number
from ingest.validity import lineage, version_on

_NUM = rf"(\d{{1,3}}|{CN_NUM})"
# Words documents end their titles with: a partial title must end with one of them.
_KIND_WORDS = ("法", "条例", "意见", "措施", "办法", "规定", "通知", "决定", "细则", "规则", "准则", "纲要", "方案")
_PARTIAL_MIN = 4  # shorter partial titles ("本条例", "该办法") name nothing
# A word for a document after the start of its title (提升中小企业竞争力那个文件, 优化营商环境的文件)
_A_DOCUMENT = re.compile(r"(?:那个|这个|那份|这份|的)?(?:文件|文)(?![\u4e00-\u9fff]{0,1}(?:号|字))")
# Words that end a stretch of text before a document's name (按…条例, 跟…比, 北京的…).
_NAME_BOUNDARY = re.compile(r"[的和与及或按据在里跟同对比]|根据|依照|按照")
# Words no name begins with, that say which document or version is meant (那以前暂行条例时期: 暂行条例)
_NOT_A_NAMES_START = re.compile(r"^(?:[新旧这那该此本哪]|上述|现在|现行|目前|如今|以前|之前|原来|原先|过去|当时|早先)+")
# What a question tells before a name it heard of (听说新公司法…, 我还听说过…, 据说…), and words for a version before
# a kind (老版条例): general Chinese, no name. (Not 新 alone: 新加坡公司法, 新疆…条例.)
_TOLD_BEFORE_A_NAME = re.compile(r"^(?:我们?|还|我还)?(?:听说过?|听人说|听别人说|据说|有人说|网上说)")
_VERSION_BEFORE_A_NAME = re.compile(r"^(?:[新旧老]版的?|老的|现在的?|现行的?|目前的?)+")
MISSPELT_NAME_MIN = 4  # a shorter name one character off one of the library's is likelier another document
_CJK = re.compile(r"[\u4e00-\u9fff]")
NAME_OVERLAP = 0.6  # share of a name's bigrams another document name must have to be "the same name"
# Characters that begin no word running into a name: 新X法 is X法, 按X条例 is X条例.
_NOT_NAME_START = "新旧这那该此本按据在的和与及或跟对"

# 文号 as people type it: 国办发〔2019〕6号, 国办发2019年6号, 国发39号文, 6号文, 国务院令第802号
_DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,10})?\s*(?:[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]|(\d{4})\s*年)?\s*第?\s*(\d{1,4})\s*号\s*(文件|文|令)?"
)
_JOINING = "和与及跟同、，,或在按据照依从对向"  # (北京条例和6号文; a preposition: 人社部在39号文里负责什么？)
_OWN_NUMBER = re.compile(r"^(.*?)(?:〔(\d{4})〕)?第?(\d{1,4})号$")

# Provision references.
_ARTICLE = re.compile(rf"第\s*{_NUM}\s*条(?:\s*第\s*{_NUM}\s*款)?(?:\s*第\s*[（(]?\s*{_NUM}\s*[)）]?\s*项)?")
_ITEM_LABEL = re.compile(rf"(?:第|措施|^)\s*[（(]\s*{_NUM}\s*[)）](?:\s*项)?")
# Words that begin with a numeral (措施一共有几项？ 措施十分具体): no number after 措施.
_NUMERAL_WORDS = "一共 一起 一下 一般 一样 一直 一些 一定 一点 一律 一并 一切 一旦 一再 一概 十分".split()
# (the numeral alone begins the word: 措施十一共有几条 is 措施十一)
_NOT_A_NUMBER = "|".join(rf"(?<=[^零〇一二两三四五六七八九十百千]{w[0]}){w[1:]}" for w in _NUMERAL_WORDS)
# …and a numeral counting something is no number (这个措施一年能补多少？ 措施三年内…); atomic: no shorter number
_COUNTED = r"\s*(?:年|次|个|天|日|月|周|笔|批|份|家|项)"
_ITEM_WORD = re.compile(
    rf"措施\s*(?:第\s*)?(?>{_NUM})(?![0-9]|{_NOT_A_NUMBER}|{_COUNTED})|第\s*{_NUM}\s*(?:项|点|个措施|个政策|项措施)"
)
_RANGE = re.compile(rf"第\s*{_NUM}\s*(?:条|项)?\s*(?:到|至|-|~|—|－)\s*第?\s*{_NUM}\s*(条|项)")
_PART_POSITION = re.compile(rf"第\s*{_NUM}\s*(?:部分|大类|板块)\s*(?:的|里|中|里面)?\s*第\s*{_NUM}\s*(?:条|项|个)")
# 第二款 / 第二款第（一）项 written without an article of its own: a part of the one under discussion.
_PART_ALONE = re.compile(rf"(?<![条\d])第\s*{_NUM}\s*款(?:\s*第\s*[（(]?\s*{_NUM}\s*[)）]?\s*项)?")
_ENGLISH = re.compile(r"\b(article|item|measure)\s*(?:no\.?\s*)?#?\s*([0-9]{1,3})\b", re.IGNORECASE)
# 三十四条 / 12条 without 第, right after a request verb or a document name (稳经济33条 is a name).
_BARE = re.compile(
    r"(?:^|(?<=说说|讲讲|看看|看下|问问|查查|请问|关于|解释|介绍|说下|讲下|一下|查询))([0-9]{1,3}|[二三四五六七八九十百][一二三四五六七八九十百零]{0,4})\s*条"
)
_LISTING = re.compile(r"推荐|列出|列举|最重要|挑|选几|前\S{0,2}条|后\S{0,2}条")

# Editions and past days.
# (20年版, 20年那版: a year said by its last two digits, with 年)
_EDITION = r"(?:那版|版|的版本|版本|修订版|修订的|那一版|老版)"
# (2020年的条例里…: a year before a kind of document, with nothing between but 的 or 那个, names its edition too)
_EDITION_YEAR = re.compile(
    rf"(?<!\d)(\d{{4}}|\d{{2}}(?=\s*年))\s*(?:年)?\s*(?:{_EDITION}|的?(?:那个|那部|那份)?(?:版本|条例|法律|法(?!人)|文件|规定))"
)
_OLDER = re.compile(r"旧版|老版|原来的|原先的|以前的|之前的|修[订改](?:以|之)?前|过去的")
# A year written right beside a document's name: which version (2020年的《…》, 《…》（2020年）)
_YEAR_BEFORE_NAME = re.compile(r"(?<!\d)(\d{4})\s*年?\s*(?:的|版)?\s*[《「“]?$")
_YEAR_AFTER_NAME = re.compile(r"[》」”]?\s*[（(]\s*(\d{4})\s*年?\s*(?:的|版|修订|修订版)?\s*[）)]")
_NEWER = re.compile(r"新版|修订后|修改后|最新|现行|新的")
# …and the version in force said right beside the name (现行的《…》, 《…》现行版本的文号): not an edition year elsewhere
_CURRENT_BEFORE_NAME = re.compile(r"(?:现行|最新|现在|目前)的?\s*(?:版本?的?)?\s*[《「“]?$")
_CURRENT_AFTER_NAME = re.compile(
    r"[》」”]?\s*的?(?:现行|最新|现在的?|目前的?)的?(?:(?:有效|施行|适用|执行)的?(?:是)?(?:哪个|哪一|哪)?个?)?"
    r"(?:版本?|修订版|文本)"
)  # (《…》现行版本的文号, 《…》现在有效的是哪个版本？)
# Words before a document's name that say which version (按20年版的…, 以前老的…, 旧的…, 现行的…): part of the
# name, not of the question's topic.
_VERSION_BEFORE_NAME = re.compile(
    rf"(?:(?:按照?|根据|依照|依据)\s*)?(?:(?:\d{{2,4}}\s*年?\s*)?{_EDITION}|以前|之前|原来|原先|过去|早先|现行|现在|目前|最新)?"
    r"的?(?:老|旧|新)?的?\s*$"
)
# (and where in it: 169号文里, 促进法中 — not the 中 of 中小企业)
_VERSION_AFTER_NAME = re.compile(rf"(?:\s*(?:\d{{2,4}}\s*年?\s*)?{_EDITION})?(?:里面|里头|里边|里|中(?!小))?")
_DATE = r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日|(上旬|中旬|初))?(下旬|底|末|份)?)?"
# Before a day, said on its own (2025年6月以前，… / 增值税法施行以前，…): not 以前成立的, 前三季度, 前后.
_BEFORE = r"(?:以前|之前|前)(?=\s*(?:[，,。？?！!]|的时候|时候|时|呢|$))"
# Whether a document was in force on a day (…在2025年10月1日是否有效？ …2025年10月1日还有效吗？): that day is the one asked.
_VALID_THEN = r"(?:是否|是不是|还|仍然?|依然)?\s*有效"
_PAST_YEAR = re.compile(
    rf"(?:在|当时是|那是)?\s*{_DATE}\s*"
    rf"(?=的时候|那会|那时|时候|时，|时,|时\s|期间|那一年|那年|当年|全年|我们|我|公司|咱们|企业|，|,|{_BEFORE}|{_VALID_THEN})"
)
# A date opening the question dates all of it (2024年销售货物的税率是多少？), unless it asks about today.
# (after the 那 of a follow-up too: 那2020年呢？)
_OPENING_DATE = re.compile(rf"^\s*(?:那么?|那在)?\s*(?:在)?\s*{_DATE}")
_PART_OF_YEAR = re.compile(r"(\d{4})\s*年\s*(上半年|下半年|年初|初|年中|年底|底|年末|末)")
_YEAR_PART_MONTH = {
    "上半年": 6,
    "年中": 6,
    "下半年": 12,
    "年初": 1,
    "初": 1,
    "年底": 12,
    "底": 12,
    "年末": 12,
    "末": 12,
}
_EVENT_DATE = re.compile(_DATE)  # 2020年10月签的合同 — the day asked only when the question says 当时
# 当时 / 那时候: the time a question or the conversation is about
_THEN_WORD = r"当时|那时候?|那会儿?"
# The rules of then (按当时的规定 / 当时怎么规定), not a story's "then" (那时候没有登记, 那会不会…).
_THEN = re.compile(
    rf"(?:{_THEN_WORD})(?!不会)(?:的|是)?(?:\s|怎么|[^，,。？?！!\s]{{0,12}}?"
    r"(?:规定|条例|法规|法律|政策|标准|规则|文件|要求|适用|执行|依据|依照|版本|哪一?版))"
)
# Which of two rules applies (适用《增值税暂行条例》还是《增值税法》？): asked of an event dated in the question, the rules of
# that day
_CHOOSES_RULES = re.compile(r"(?:适用|按照?|依据|执行)[^，,。？?]{0,20}还是")
NOW_WORDS = r"现在|目前|如今|现行|今年|眼下"  # a question about today, not a past day
_NOW = re.compile(NOW_WORDS)
_PART_OF_MONTH = {"上旬": 10, "初": 10, "中旬": 20}  # the last day of it; 下旬, 底: the month's end
_RELATIVE_YEAR = re.compile(
    r"(去年|前年)(?:\s*(\d{1,2})\s*月份?)?(?=的时候|那会|那时|时|期间|那一年|我们|公司|咱们|呢)"
)
# 去年这个时候 / 前年的今天: the same day one or two years back
_YEARS_BACK = {"去年": 1, "前年": 2}
_SAME_DAY_YEARS_BACK = re.compile(r"(去年|前年)的?(?:这个时候|这时候?|这会儿?|今天|同期|此时|这一天)")
# A year that dates a document or an event of it, not the day the law is wanted for.
_DATES_A_DOCUMENT = re.compile(
    r"^\s*(?:那版|版|的版本|版本|那个版本|那一版|修订|颁布|发布|出台|通过|施行|实施|印发|发的|出的|底发|年底发)"
)


@dataclass(frozen=True)
class DocMention:
    """Documents a stretch of the question names; several when versions share the name."""

    doc_ids: tuple[str, ...]
    surface: str
    start: int
    end: int
    by_number: bool = False  # named by its 文号


@dataclass(frozen=True)
class ProvisionRef:
    """A provision asked for by number; ``form`` says how it was written."""

    number: int
    form: str  # "article" (第九条), "item" (（十一）, 第（十一）项, 措施12), "any" (bare numbers, English)
    paragraph: int = 0  # 第二款
    item: int = 0  # 第（二）项 of an article
    start: int = 0
    part: int = 0  # 第三部分第二项: the part, ``number`` is the position inside it


def _doc_number_parts(doc_number: str) -> tuple[str, int | None, int] | None:
    """'国办发〔2019〕6号' → ('国办发', 2019, 6); '国务院令第802号' → ('国务院令', None, 802)."""
    m = _OWN_NUMBER.match(doc_number.strip())
    if not m:
        return None
    return m.group(1), (int(m.group(2)) if m.group(2) else None), int(m.group(3))


MIN_TITLE_NAMED = 4  # characters: a shorter lead title is no name of its provision


class DocumentNames:
    """Every way the library's documents can be named in a question."""

    def __init__(
        self,
        library: Library,
        is_word: Callable[[str], bool] | None = None,
        translate: Callable[[str], Sequence[tuple[str, Sequence[str]]]] | None = None,
    ) -> None:
        """``is_word``: whether a string is a word of general Chinese (jieba's dictionary); with it, a name
        that ends a longer word (所得税法 in 个人所得税法) is not taken for the library's document.
        ``translate``: the query table's entries found in a text (QueryExpander.matches), which give the
        names of laws written in English."""
        self.is_word = is_word
        self.translate = translate
        self.metas: dict[str, DocMeta] = {d.meta.doc_id: d.meta for d in library.documents}
        # provisions by their lead titles (加大稳岗支持力度 names 国发〔2018〕39号第（一）项), per document
        self.titled: dict[str, list[tuple[str, ProvisionRef]]] = {
            d.meta.doc_id: [
                (p.title, ProvisionRef(p.number, "article" if p.label.startswith("第") else "item"))
                for p in d.provisions
                if len(p.title) >= MIN_TITLE_NAMED
            ]
            for d in library.documents
        }
        self.surfaces: dict[str, list[str]] = {}
        for meta in self.metas.values():
            for name in (meta.title, meta.plain_title, *meta.short_names):
                if len(name) >= 2:
                    self.surfaces.setdefault(name, [])
                    if meta.doc_id not in self.surfaces[name]:
                        self.surfaces[name].append(meta.doc_id)
        self.numbers = {doc_id: parts for doc_id, m in self.metas.items() if (parts := _doc_number_parts(m.doc_number))}
        regions = {r for m in self.metas.values() if m.region for r in (m.region, m.region.rstrip("省市"))}
        self.written = {surface: _written_with_region(surface, regions) for surface in self.surfaces}

    def by_title(self, text: str, docs: Sequence[str]) -> list[ProvisionRef]:
        """The provisions of ``docs`` a text names by their whole lead title (国发〔2018〕39号“加大稳岗支持力度”这一项)."""
        return [
            replace(ref, start=at)
            for d in docs
            for title, ref in self.titled.get(d, ())
            if (at := text.find(title)) >= 0
        ]

    # ── mentions ──────────────────────────────────────────────────────────────

    def mentions(self, text: str) -> list[DocMention]:
        """Documents the text names, in order; the longest name wins where names overlap."""
        found: list[DocMention] = []
        for m in _DOC_NUMBER.finditer(text):
            docs = self._by_number(m)
            if docs:
                # the words before the number name the document from its issuer's code on, or else from the
                # last word joining it to something else or a preposition (北京条例和6号文, 人社部在39号文; 国办6号文 and
                # 国务院6号文 are its own)
                words = m.group(1) or ""
                codes = [words.find(code) for d in docs if (code := self.numbers[d][0]) and code in words]
                joined = max((words.rfind(c) + 1 for c in _JOINING), default=0)
                start = m.start() + (min(codes) if codes else joined)
                found.append(DocMention(docs, text[start : m.end()].strip(), start, m.end(), by_number=True))
        for surface, docs in self.surfaces.items():
            for m in self.written[surface].finditer(text):
                if not (
                    self._inside_another_word(text, m.start(), m.end())
                    or self._runs_on(text, m.end())
                    or self._implementing_not_held(text, m.end(), docs)
                ):
                    found.append(DocMention(tuple(docs), m.group(), m.start(), m.end()))
        found.extend(self._named_in_english_held(text))
        quoted = [(m.start(1), m.end(1)) for m in _QUOTED_NAME.finditer(text) if not self.names_document(m.group(1))]
        # A piece of a title quoted in full (《…若干措施》) names only what the whole quote names.
        found.extend(p for p in self._partial_titles(text) if not any(a <= p.start and p.end <= b for a, b in quoted))
        found.extend(self._titles_begun(text))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        out: list[DocMention] = []
        for mention in found:
            if out and mention.start < out[-1].end:
                if mention.end - mention.start > out[-1].end - out[-1].start:
                    out[-1] = mention
                continue
            out.append(mention)
        return out

    def _named_in_english_held(self, text: str) -> list[DocMention]:
        """Where a text names a document of the library in English (under the old Interim VAT Regulations,
        the 2020 payment regulation): a query-table entry written as a name whose terms are the document's name."""
        out = []
        for surface, terms in self._english_names(text):
            docs = tuple(dict.fromkeys(d for term in terms for d in self.surfaces.get(term, ())))
            if docs and (m := re.search(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text, re.IGNORECASE)):
                out.append(DocMention(docs, m.group(0), m.start(), m.end()))
        return out

    def _english_names(self, text: str) -> list[tuple[str, Sequence[str]]]:
        """(surface, its terms) of each query-table entry that names a document in English in the text."""
        if self.translate is None:
            return []
        return [
            (surface, terms)
            for surface, terms in self.translate(text)
            if surface.isascii() and _ENGLISH_DOCUMENT_KIND.search(surface) and _written_as_a_name(surface, text)
        ]

    def named_in_english(self, text: str) -> list[str]:
        """The documents a text names in English, by their Chinese names: the terms of a query-table entry
        whose English ends in a kind of document, written as a name (the new Company Law, under company
        law, Company Law → 公司法; not law enforcement, labor law compliance)."""
        return [
            term
            for _, terms in self._english_names(text)
            for term in terms
            if _DOCUMENT_NAME.fullmatch(term) and not _NOT_A_NAME.search(term)
        ]

    def names_document(self, name: str) -> bool:
        """Whether ``name`` is (part of, or close to) the name of a document of the library.

        Close: most of its character bigrams are in one name (北京市中小企业促进条例 ~ 北京市促进中小企业
        发展条例), and it does not put another place in front (天津市的… is not 北京市…) or a word that
        runs into the name (个人所得税法 is not 所得税法).
        """
        name = name.strip()
        if (place := re.match(r"^.{1,4}?[省市区县州]", name)) and not any(
            r.rstrip("省市") in place.group(0) for m in self.metas.values() if (r := m.region)
        ):
            return False  # 天津市的…条例: a place the library holds no document of
        inside = [(at, at + len(s)) for s in self.surfaces if len(s) >= 3 and (at := name.find(s)) >= 0]
        if any(self._inside_another_word(name, start, end) for start, end in inside):
            return False  # 个人所得税法: ends like 所得税法, names another law
        if any(self._implementing_not_held(name, end, self.surfaces[name[start:end]]) for start, end in inside):
            return False  # a law + 实施条例 when the library holds the law only
        if self._containing(name) or inside:
            return True
        grams = _bigrams(name)
        return any(len(grams & _bigrams(surface)) >= NAME_OVERLAP * len(grams) for surface in self.surfaces)

    def misspelt(self, name: str, alike: Callable[[str, str], bool]) -> str | None:
        """The library's name that a name it does not hold was meant to be: one name of the same length, four
        characters or more, that differs from it in one Chinese character sounding or looking alike (``alike``:
        typed, meant): 增值锐法 → 增值税法; not 南京市…条例 for 北京市…条例, nor 个人所得税法 (two characters from
        企业所得税法). None when there is no such name, or more than one.

        >>> names = DocumentNames(Library(()))
        >>> names.surfaces = {"增值税法": ["vat"], "企业所得税法": ["eit"], "北京市促进条例": ["bj"]}
        >>> alike = lambda typed, meant: {typed, meant} == {"锐", "税"}
        >>> names.misspelt("增值锐法", alike), names.misspelt("个人所得税法", alike), names.misspelt("南京市促进条例", alike)
        ('增值税法', None, None)
        """
        if len(name) < MISSPELT_NAME_MIN:
            return None
        close = [
            surface
            for surface in self.surfaces
            if len(surface) == len(name)
            and len(differ := [(a, b) for a, b in zip(name, surface, strict=True) if a != b]) == 1
            and all(_CJK.fullmatch(c) for c in differ[0])
            and alike(*differ[0])
        ]
        return close[0] if len(close) == 1 else None

    def _by_number(self, m: re.Match[str]) -> tuple[str, ...]:
        """Documents whose 文号 the match gives: the issuer's code must match when a bracketed year
        is given (财税〔2019〕6号 is not 国办发〔2019〕6号); a bare number needs 文/令 after it (6号文)."""
        words, bracket_year, plain_year = (m.group(1) or ""), m.group(2), m.group(3)
        number, suffix = int(m.group(4)), m.group(5)
        year = bracket_year or plain_year
        docs = []
        for doc_id, (code, own_year, own_number) in self.numbers.items():
            if own_number != number or (year and own_year and int(year) != own_year):
                continue
            if (code and code in words) or (suffix and not bracket_year):
                docs.append(doc_id)
        return tuple(docs)

    def _partial_titles(self, text: str) -> list[DocMention]:
        """A stretch ending in a kind word (…条例, …法) that is part of a document's name: 款项支付条例."""
        out = []
        for end in range(len(text), 0, -1):
            if not any(text.endswith(word, 0, end) for word in _KIND_WORDS):
                continue
            best: tuple[int, tuple[str, ...]] | None = None
            for start in range(max(0, end - 30), end - _PARTIAL_MIN + 1):
                piece = text[start:end]
                docs = self._containing(piece, text[max(0, start - 6) : start]) or self._kind_apart(piece)
                if docs:
                    best = (start, docs)
                    break  # the longest piece that names something
            if (
                best
                and not self._tail_of_another_name(text[: best[0]], text[best[0] : end])
                and not self._inside_another_word(text, best[0], end)
                and not self._runs_on(text, end)
                and not self._implementing_not_held(text, end, best[1])
            ):
                out.append(DocMention(best[1], text[best[0] : end], best[0], end))
        return out

    def _titles_begun(self, text: str) -> list[DocMention]:
        """A document named by the start of its title and a word for a document (提升中小企业竞争力那个文件): the longest
        stretch before the word that begins one title only (that document's, or its versions')."""
        out = []
        for m in _A_DOCUMENT.finditer(text):
            for start in range(max(0, m.start() - 30), m.start() - _PARTIAL_MIN + 1):
                head = text[start : m.start()]
                docs = {
                    d
                    for d, meta in self.metas.items()
                    if head in (meta.title[: len(head)], meta.plain_title[: len(head)])
                }
                if len({self.metas[d].title for d in docs}) == 1 and _CJK.match(head):  # (one title: its versions)
                    out.append(DocMention(tuple(sorted(docs)), head, start, m.start()))
                    break
        return out

    def _kind_apart(self, piece: str) -> tuple[str, ...]:
        """The document a piece names with words left out before its kind word (竞争力措施, 提升中小企业竞争力措施 for
        提升中小企业竞争力若干措施): the words before the kind word, at least three, are in the name of that document
        only, and one of its names ends in that kind word."""
        kind = next((word for word in _KIND_WORDS if piece.endswith(word)), "")
        head = piece[: len(piece) - len(kind)]
        if not kind or len(head) < 3 or not _CJK.match(head):
            return ()
        docs = {d for name, holders in self.surfaces.items() if head in name for d in holders}
        if len(docs) != 1:
            return ()
        (doc,) = docs
        return (doc,) if any(name.endswith(kind) for name, holders in self.surfaces.items() if doc in holders) else ()

    def _inside_another_word(self, text: str, start: int, end: int) -> bool:
        """Whether the name at ``text[start:end]`` begins inside a word that starts before it (个人所得税 +
        法 is not 所得税法) and the longer stretch is part of no name of the library."""
        if self.is_word is None:
            return False
        for begin in range(max(0, start - 3), start):
            if text[begin] in _NOT_NAME_START:
                continue
            if any(self.is_word(text[begin:stop]) for stop in range(start + 1, end)):
                stretch = text[begin:end]
                return not any(stretch in name for name in self.surfaces)
        return False

    def implementing_not_held(self, text: str) -> list[str]:
        """The documents implementing one of the library's that the text names and the library does not hold
        (增值税法实施条例 while it holds the law only)."""
        spans = [
            (m.start(), kind.end())
            for surface, docs in self.surfaces.items()
            for m in re.finditer(re.escape(surface), text)
            if (kind := _IMPLEMENTING_KIND.match(text, m.end())) and not self._holds_implementing(docs)
        ]
        # the longest name only (款项支付条例实施细则, not also 支付条例实施细则)
        return [text[a:b] for a, b in spans if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)]

    def _implementing_not_held(self, text: str, end: int, docs: Sequence[str]) -> bool:
        """Whether a name of ``docs`` ending at ``end`` is followed by the kind of a document implementing it
        (增值税法 + 实施条例) and the library holds no such document: the question names another one."""
        return bool(_IMPLEMENTING_KIND.match(text, end)) and not self._holds_implementing(docs)

    def _holds_implementing(self, docs: Sequence[str]) -> bool:
        """Whether the library holds a document implementing one of ``docs``."""
        return any(m.implements in docs for m in self.metas.values())

    def _runs_on(self, text: str, end: int) -> bool:
        """Whether a name ending at ``end`` runs on into a longer word (增值税法规, 增值税法律: the VAT rules in
        general, not the law) — unless the next character also begins a word of its own (增值税法 + 规定)."""
        if self.is_word is None or end >= len(text):
            return False
        return self.is_word(text[end - 1 : end + 1]) and not self.is_word(text[end : end + 2])

    def _tail_of_another_name(self, before: str, piece: str) -> bool:
        """Whether ``piece`` (发展条例) ends a longer name the question gives (上海市促进中小企业发展条例)
        that names no document of the library."""
        stretch = re.search(r"[\u4e00-\u9fff]*$", before)
        lead = _NOT_A_NAMES_START.sub("", _NAME_BOUNDARY.split(stretch.group(0) if stretch else "")[-1])
        return len(lead) >= 2 and not self.names_document(lead + piece)

    def _containing(self, piece: str, before: str = "") -> tuple[str, ...]:
        """Documents whose name contains ``piece``; a local document's name only when the text
        ``before`` the piece does not name another place in its stead."""
        holders = [
            (name, docs)
            for name, docs in self.surfaces.items()
            if piece in name and self._same_place(name, piece, before)
        ]
        if not holders:
            return ()
        ending = [docs for name, docs in holders if name.endswith(piece)]
        chosen = ending or [docs for _, docs in holders]
        return tuple(dict.fromkeys(d for docs in chosen for d in docs))

    def _same_place(self, name: str, piece: str, before: str) -> bool:
        """False when ``name`` begins with a region the piece leaves out and the text before the piece
        names a place of its own (天津市的 + 中小企业促进条例 is not 北京…中小企业促进条例)."""
        prefix = name[: name.find(piece)]
        if piece[0] in "省市区县州":  # 上海 + 市促进…条例: the piece begins with the end of a place name
            before += piece[0]
        if not prefix or not before:
            return True
        regions = {m.region.rstrip("省市") for m in self.metas.values() if m.region}
        if not any(prefix.startswith(r) for r in regions):
            return True
        return any(r in before for r in regions) or not re.search(r"[省市区县州]", before)

    # ── choosing a version ────────────────────────────────────────────────────

    def resolve(self, mention: DocMention, text: str, day: dt.date) -> tuple[str, ...]:
        """The documents a mention means. A name several versions share (款项支付条例) means one of
        them: the edition the question asks for (2020年那版, 旧版), else the one in force on ``day``.
        A name only an old version has (增值税暂行条例) means that version."""
        by_line: dict[tuple[str, ...], list[str]] = {}
        for doc_id in mention.doc_ids:
            by_line.setdefault(lineage(doc_id, self.metas), []).append(doc_id)
        out = []
        for line, docs in by_line.items():
            if len(docs) == 1:
                out.append(docs[0])
                continue
            versions = [d for d in line if d in docs]
            current = version_on(versions[-1], day, self.metas)
            # (旧的/老的 right before the name: 旧的个体户条例, not 旧的设备 elsewhere in the question)
            if mention.surface.isascii():  # named in English: the words before it (the old…, the 2020…)
                english = _ENGLISH_VERSION_BEFORE_NAME.search(text[: mention.start]).group(0).lower()
                edition = self._english_edition(versions, english) or self._edition(
                    versions, text, day, bool(_ENGLISH_OLDER.search(english))
                )
            else:
                older = bool(re.search(r"[旧老]", _version_words_before(text, mention.start)))
                edition = self._year_beside(versions, text, mention)
                if edition is None and not self._current_beside(text, mention):
                    edition = self._edition(versions, text, day, older)
            out.append(edition or (current if current in versions else versions[-1]))
        return tuple(dict.fromkeys(out))

    def _year_beside(self, versions: Sequence[str], text: str, mention: DocMention) -> str | None:
        """The version a year written right beside the name names (2020年的《…条例》, 《…条例》（2020年的）)."""
        before = _YEAR_BEFORE_NAME.search(text[: mention.start])
        after = _YEAR_AFTER_NAME.match(text[mention.end :])
        found = before or after
        return self._edition_of(versions, int(found.group(1))) if found else None

    @staticmethod
    def _current_beside(text: str, mention: DocMention) -> bool:
        """Whether the words right beside the name ask for the version in force (现行的《…》, 《…》现行版本)."""
        return bool(
            _CURRENT_BEFORE_NAME.search(text[: mention.start]) or _CURRENT_AFTER_NAME.match(text[mention.end :])
        )

    def editions_by_year(self, line: Sequence[str], text: str) -> tuple[str, ...]:
        """The versions of ``line`` the text names by an edition year (2020年那版, 2025年修订版), in order."""
        years = self.edition_years(text)
        return tuple(dict.fromkeys(doc_id for year in years if (doc_id := self._edition_of(line, year))))

    def _edition_of(self, line: Sequence[str], year: int) -> str | None:
        """The version of ``line`` a year names: its edition, or the year it was issued or took effect."""
        for doc_id in line:
            meta = self.metas[doc_id]
            if str(year) in meta.edition or year in {d.year for d in (meta.issued, meta.effective) if d}:
                return doc_id
        return None

    @staticmethod
    def edition_years(text: str) -> list[int]:
        """The years a text names editions by (2020版, 2025年修订版, 20年的条例).

        >>> DocumentNames.edition_years("2020版是第几条？"), DocumentNames.edition_years("2025年的时候呢？")
        ([2020], [])
        >>> DocumentNames.edition_years("2020年那个版本还有效吗？")
        [2020]
        """
        return [int(m.group(1)) + (2000 if len(m.group(1)) == 2 else 0) for m in _EDITION_YEAR.finditer(text)]

    def edition_by_year(self, line: Sequence[str], text: str) -> str | None:
        """The version of ``line`` the first edition year names, None when none does."""
        return next(iter(self.editions_by_year(line, text)), None)

    def _english_edition(self, line: list[str], before: str) -> str | None:
        """The version of ``line`` the English words before its name ask for: by a year (the 2020 payment
        regulation, the 2020 version of the…), or the newest when they say new, revised or current."""
        years = (int(year) for year in re.findall(r"\b((?:19|20)\d\d)\b", before))
        if edition := next((doc_id for year in years if (doc_id := self._edition_of(line, year))), None):
            return edition
        return line[-1] if _ENGLISH_NEWER.search(before) else None

    def _edition(self, line: list[str], text: str, day: dt.date, older: bool = False) -> str | None:
        if (edition := self.edition_by_year(line, text)) is not None:
            return edition
        if len(line) > 1 and (older or _OLDER.search(text)):
            current = version_on(line[-1], day, self.metas)
            position = line.index(current) if current in line else len(line) - 1
            return line[max(0, position - 1)]
        if _NEWER.search(text):
            return line[-1]
        return None


# The kinds of document that implement a law or regulation (general terms of Chinese law).
_IMPLEMENTING_KIND = re.compile(r"\s*(?:实施条例|实施细则|实施办法)")
# A document named in the question: in 《》, or a law or regulation's name after a boundary ("新公司法要求…").
_QUOTED_NAME = re.compile(r"《([^《》]{2,60})》")
_BARE_NAME = re.compile(
    r"(?:^|(?<=[，。？！?、\s：:])|(?<=新|旧)|(?<=按照|根据|依据|依照))(?![新旧这那该此本哪]|按照|根据|依据|依照|上述|现在|现行|目前|如今|以前|之前|原来|过去)([\u4e00-\u9fff]{2,16}?(?:法|条例))"
    r"(?=规定|要求|里|中|第|的|对|关于|怎么|有|是|说|吗|呢|[，。？?])"
)
# Words that end in 法 or 条例 but name no document, and references (全国那部法, 国家那个条例); two documents
# joined (新条例和旧条例 is read 新 + 条例和旧条例: no name starts with its kind).
_NOT_A_NAME = re.compile(
    r"(?:执法|立法|守法|违法|合法|依法|办法|方法|做法|看法|说法|提法|讲法|叫法|想法|用法|算法|手法|写法|上位法|母法"
    r"|[这那该此本哪][部个份项一]?(?:法|条例))$"
    # (北京有条例规定… says there is one: 有 / 出台了 a regulation, not its name)
    r"|(?:有|出台了?|发布了?|颁布了?|制定了?)(?:个|部|项|一部|一个|一项)?(?:新的?)?(?:法|条例)$"
    r"|^(?:法|条例)(?:和|与|及|跟|同|或|还是)"
    # (…是大企业、不适用条例。 says a regulation does not apply: no name begins by denying (不动产登记暂行条例 does not))
    r"|^(?:不|未|没有?)(?:适用|属于|受|归|按|用|在)"
)


# An English name of a law or regulation ends in the kind of document (general words of English).
_ENGLISH_DOCUMENT_KIND = re.compile(r"\b(?:law|code|act|regulations?)$")
# The few English words right before a document's English name, where they say which version (the old, the
# original 2020, the 2020 version of the; general English).
_ENGLISH_VERSION_BEFORE_NAME = re.compile(r"(?:[\w'’()-]+\s+){0,5}$")
_ENGLISH_OLDER = re.compile(r"\b(?:old|older|original|previous|former|earlier|repealed|superseded|prior)\b")
_ENGLISH_NEWER = re.compile(r"\b(?:new|newer|revised|amended|current|latest|updated)\b")
_DOCUMENT_NAME = re.compile(r"[\u4e00-\u9fff]{1,16}(?:法|条例|法典)")
# …written as the name of a document: after "the" (and a word or two: the new, the PRC) or "under", "per",
# "according to" — or capitalised (Company Law) — not "labor law compliance".
_AFTER_NAMING_WORD = (
    r"(?:\bthe\s+(?:[\w'’-]+\s+){{0,2}}?|\b(?:under|per|according to|pursuant to)\s+)(?<![\w-]){}(?![\w-])"
)


def _written_with_region(name: str, regions: Iterable[str]) -> re.Pattern[str]:
    """How a name is written in a question: one that begins with a region may have 的 after it
    (北京市的条例 for 北京市条例).

    >>> _written_with_region("北京市条例", ["北京", "北京市"]).fullmatch("北京市的条例") is not None
    True
    """
    region = next((r for r in sorted(regions, key=len, reverse=True) if name.startswith(r) and name != r), "")
    return re.compile(re.escape(region) + ("的?" if region else "") + re.escape(name[len(region) :]))


def _written_as_a_name(surface: str, text: str) -> bool:
    """Whether the text writes ``surface`` (lower-case, as the table has it) as the name of a document."""
    if re.search(_AFTER_NAMING_WORD.format(re.escape(surface)), text, re.IGNORECASE):
        return True
    found = re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text, re.IGNORECASE)
    return any(all(word[:1].isupper() for word in m.group(0).split()) for m in found)


def _names_written(text: str, mentions: Iterable[DocMention]) -> list[str]:
    """The names of documents a question writes (in 《》, or a law or regulation's name) where it names none of
    the library's exactly."""
    covered = [(m.start, m.end) for m in mentions]
    out = []
    for pattern in (_QUOTED_NAME, _BARE_NAME):
        for m in pattern.finditer(text):
            name = m.group(1)
            if any(start <= m.start(1) < end or start < m.end(1) <= end for start, end in covered):
                continue
            if pattern is _BARE_NAME:
                if "的" in name or _NOT_A_NAME.search(name):  # 北京的条例 describes one
                    continue
                # (听说新公司法… names 新公司法, not 听说新公司法; 听说老版条例… names no document but a version of one)
                name = _VERSION_BEFORE_A_NAME.sub("", _TOLD_BEFORE_A_NAME.sub("", name))
                if not re.sub(r"(?:法|条例)$", "", name):  # (a kind alone names no document)
                    continue
            out.append(name)
    return out


def misspelt_documents(
    text: str, mentions: Iterable[DocMention], names: DocumentNames, alike: Callable[[str, str], bool]
) -> list[tuple[str, str]]:
    """(as typed, meant) for each name of a document the question writes one alike character off a name of
    the library's (增值锐法 → 增值税法, 企业所得锐法 → 企业所得税法): see ``DocumentNames.misspelt``."""
    return [(name, meant) for name in _names_written(text, mentions) if (meant := names.misspelt(name, alike))]


def unknown_documents(text: str, mentions: Iterable[DocMention], names: DocumentNames) -> tuple[str, ...]:
    """Names of documents the question cites that the library does not hold (《公司法》, 新公司法, the
    Company Law…).

    >>> unknown_documents("新公司法要求注册资本五年内实缴", [], DocumentNames(Library(())))
    ('公司法',)
    >>> unknown_documents("全国那部法里是怎么规定的？", [], DocumentNames(Library(())))
    ()
    >>> unknown_documents("保证金退还，新条例和旧条例的说法有什么区别", [], DocumentNames(Library(())))
    ()
    >>> unknown_documents("听说北京有条例规定遇到突发事件政府要帮中小企业", [], DocumentNames(Library(())))
    ()
    >>> unknown_documents("上位法是哪一条？", [], DocumentNames(Library(())))
    ()
    >>> unknown_documents("他们说我们是大企业、不适用条例。能找谁认定？", [], DocumentNames(Library(())))
    ()
    """
    out = [name for name in _names_written(text, mentions) if not names.names_document(name)]
    out += names.implementing_not_held(text)
    # (a question that also names, in English, a document the library holds is asked of that one)
    english = names.named_in_english(text)
    if not any(names.names_document(name) for name in english):
        out += english
    return tuple(dict.fromkeys(out))


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Where a text names provisions by number (第十条第二款, 第（八）项): its own words, never a typo.

    >>> reference_spans("6号文第（八）项对担保费率怎么规定")
    [(3, 8)]
    """
    return [m.span() for pattern in (_PART_POSITION, _RANGE, _ARTICLE, _ITEM_LABEL) for m in pattern.finditer(text)]


def provision_refs(text: str) -> list[ProvisionRef]:
    """Provision numbers a question names, in order of mention (ranges expanded).

    >>> [(r.number, r.form, r.paragraph) for r in provision_refs("增值税法第十条第二款和6号文第（十一）项")]
    [(10, 'article', 2), (11, 'item', 0)]
    >>> [r.number for r in provision_refs("第3到5条")]
    [3, 4, 5]
    """
    found: list[ProvisionRef] = []
    taken: list[range] = []

    def free(m: re.Match[str]) -> bool:
        return not any(m.start() in span or m.end() - 1 in span for span in taken)

    def number(token: str | None) -> int:
        return parse_number(token) if token else 0

    for m in _PART_POSITION.finditer(text):
        try:
            found.append(ProvisionRef(number(m.group(2)), "item", start=m.start(), part=number(m.group(1))))
        except ValueError:
            continue
        taken.append(range(m.start(), m.end()))
    for m in _RANGE.finditer(text):
        if not free(m):
            continue
        try:
            low, high = number(m.group(1)), number(m.group(2))
        except ValueError:
            continue
        if 0 < high - low < 40:
            form = "article" if m.group(3) == "条" else "item"
            found += [ProvisionRef(n, form, start=m.start()) for n in range(low, high + 1)]
            taken.append(range(m.start(), m.end()))
    patterns: list[tuple[re.Pattern[str], str]] = [(_ARTICLE, "article"), (_ITEM_LABEL, "item"), (_ITEM_WORD, "item")]
    if not _LISTING.search(text):
        patterns.append((_BARE, "any"))
    for pattern, form in patterns:
        for m in pattern.finditer(text):
            if not free(m):
                continue
            try:
                groups = [g for g in m.groups()]
                value = number(next(g for g in groups if g))
                paragraph = number(groups[1]) if form == "article" else 0
                item = number(groups[2]) if form == "article" else 0
            except (ValueError, StopIteration):
                continue
            found.append(ProvisionRef(value, form, paragraph, item, m.start()))
            taken.append(range(m.start(), m.end()))
    for m in _ENGLISH.finditer(text):
        if free(m):
            found.append(
                ProvisionRef(int(m.group(2)), "article" if m.group(1).lower() == "article" else "any", start=m.start())
            )
    found.sort(key=lambda r: r.start)
    out: list[ProvisionRef] = []
    for ref in found:
        if all((ref.number, ref.paragraph, ref.item, ref.part) != (r.number, r.paragraph, r.item, r.part) for r in out):
            out.append(ref)
    return out


def part_alone(text: str) -> tuple[int, int] | None:
    """(款, 项) of a paragraph named without its article (第二款呢？), None when there is none.

    >>> part_alone("那第二款呢？"), part_alone("第三款第（一）项是什么"), part_alone("第十条第二款")
    ((2, 0), (3, 1), None)
    """
    m = _PART_ALONE.search(text)
    if m is None:
        return None
    try:
        return parse_number(m.group(1)), parse_number(m.group(2)) if m.group(2) else 0
    except ValueError:
        return None


def past_day(text: str, today: dt.date) -> dt.date | None:
    """The day a question asks the law of, when it is in the past (2024年的时候… → 2024-12-31).

    >>> past_day("2024年的时候，大企业付款期限怎么规定？", dt.date(2026, 11, 30))
    datetime.date(2024, 12, 31)
    >>> past_day("2022年10月中旬，个体户想转成公司，当时适用哪部法规？", dt.date(2026, 11, 30))
    datetime.date(2022, 10, 20)
    >>> past_day("2020年那版条例现在还有效吗？", dt.date(2026, 11, 30)) is None
    True
    >>> past_day("2020年那个版本还有效吗？", dt.date(2026, 11, 30)) is None
    True
    >>> past_day("那2020年呢？", dt.date(2026, 11, 30))
    datetime.date(2020, 12, 31)
    >>> past_day("我们2020年10月签的合同，按当时的规定多少天内要付款？", dt.date(2026, 11, 30))
    datetime.date(2020, 10, 31)
    >>> past_day("2021年6月有企业来投诉，当时应该依据哪一版？", dt.date(2026, 11, 30))
    datetime.date(2021, 6, 30)
    >>> past_day("2025年6月以前，大企业付款期限怎么规定？", dt.date(2026, 11, 30))
    datetime.date(2025, 5, 31)
    >>> past_day("去年3月的时候呢？", dt.date(2026, 11, 30))
    datetime.date(2025, 3, 31)
    >>> past_day("去年这个时候呢？", dt.date(2026, 12, 1)), past_day("前年呢？", dt.date(2026, 12, 1))
    (datetime.date(2025, 12, 1), datetime.date(2024, 12, 31))
    >>> past_day("2025年上半年增值税纳税义务发生时间怎么确定？", dt.date(2026, 11, 30))
    datetime.date(2025, 6, 30)
    >>> past_day("We lost money in 2023, and this year we made a profit. Can we offset it?", dt.date(2026, 11, 30))
    >>> past_day("In 2023, how long could large firms take to pay?", dt.date(2026, 11, 30))
    datetime.date(2023, 12, 31)
    >>> past_day("2025年底发的文件还有效吗？", dt.date(2026, 11, 30)) is None
    True
    >>> past_day("增值税暂行条例在2025年10月1日是否有效？", dt.date(2026, 11, 30))
    datetime.date(2025, 10, 1)
    >>> past_day("In 2023, how many days did agencies have to pay?", dt.date(2026, 11, 30))
    datetime.date(2023, 12, 31)
    >>> past_day("back in March 2025, what was the rule?", dt.date(2026, 11, 30))
    datetime.date(2025, 3, 31)
    >>> past_day("I set up my company in 2022. Is the capital rule true?", dt.date(2026, 11, 30)) is None
    True
    >>> past_day("What was the VAT rate for goods in 2022?", dt.date(2026, 11, 30))
    datetime.date(2022, 12, 31)
    >>> past_day("去年我们亏了一笔，今年赚钱了，能拿今年的利润补吗？", dt.date(2026, 11, 30)) is None
    True
    """
    found = _past_day_at(text, today)
    if found and _NOW.search(text) and (m := _RELATIVE_YEAR.match(text, found[1][0])) and m.span() == found[1]:
        return None  # (去年我们亏了，今年赚了…: the year of a story asked about now — its words are still no topic)
    return found[0] if found else None


_THEN_WORDS = re.compile(rf"{_THEN_WORD}|彼时")
# From a year on (2026年以后, 2026年1月1日起): a time reaching to now
_SINCE_A_YEAR = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?\s*(?:以后|之后|往后|后|起|开始)")


def conversation_day(questions: Sequence[str], today: dt.date) -> dt.date | None:
    """The past day a conversation is about, which 那时候 / 当时 in a follow-up refers to: the one the latest
    earlier question naming a day names — none when a later one asks about now.

    >>> conversation_day(["小规模纳税人的标准是多少？", "2025年的时候呢？"], dt.date(2026, 12, 1))
    datetime.date(2025, 12, 31)
    >>> conversation_day(["2025年的时候呢？", "现在呢？"], dt.date(2026, 12, 1)) is None
    True
    >>> conversation_day(["2025年的时候呢？", "那2026年以后呢？"], dt.date(2026, 12, 1)) is None
    True
    """
    for question in reversed(questions):
        if _NOW.search(question) or _SINCE_A_YEAR.search(question):  # (那2026年以后呢？ asks about up to now)
            return None
        if (day := past_day(question, today)) is not None:
            return day
    return None


def day_since(text: str) -> dt.date | None:
    """The first day of a time a question asks about from a year on (那2026年以后呢？ → 2026-01-01).

    >>> day_since("那2026年以后呢？"), day_since("2025年7月起呢？"), day_since("2025年的时候呢？")
    (datetime.date(2026, 1, 1), datetime.date(2025, 7, 1), None)
    """
    if not (m := _SINCE_A_YEAR.search(text)):
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def refers_to_then(text: str) -> bool:
    """那时候 / 当时: the time the conversation is about."""
    return bool(_THEN_WORDS.search(text))


def day_before_named(
    text: str, mentions: Sequence[DocMention], names: DocumentNames, today: dt.date
) -> tuple[dt.date | None, tuple[DocMention, ...]]:
    """The day before a named document took effect, when the question asks about the time before it
    (增值税法施行以前… → 2025-12-31), or before it was repealed (个体工商户条例废止以前… → 2022-10-31), and the
    mentions that only date the question that way.

    A document named this way after 施行以前 is not what the question asks about: the versions in force then are."""
    if _NOW.search(text):
        return None, ()
    for mention in mentions:
        if _BEFORE_IT_WAS_REPEALED.match(text, mention.end):
            repealed = [r for d in names.resolve(mention, text, today) if (r := names.metas[d].repealed)]
            if repealed and (day := min(repealed) - dt.timedelta(days=1)) < today:
                return day, ()  # (the document itself is what was in force then)
            continue
        if not (m := _BEFORE_IT_TOOK_EFFECT.match(text, mention.end)):
            continue
        # Only a document that replaced another in the library: the one in force before it answers.
        named = [d for d in names.resolve(mention, text, today) if lineage(d, names.metas).index(d) > 0]
        effective = [e for d in named if (e := names.metas[d].effective)]
        if effective and (day := min(effective) - dt.timedelta(days=1)) < today:
            return day, (replace(mention, end=m.end()),)
    return None, ()


_BEFORE_IT_TOOK_EFFECT = re.compile(rf"\s*[》」”\"]?\s*(?:施行|实施|生效)\s*{_BEFORE}")
_BEFORE_IT_WAS_REPEALED = re.compile(rf"\s*[》」”\"]?\s*(?:被)?(?:废止|废除|失效)\s*{_BEFORE}")


def without_past_day(text: str, today: dt.date) -> str:
    """The text without the words that name the past day it asks about: they date the question, they
    are not its topic (2024年的时候卖货税率是多少？ asks about 卖货税率).

    >>> without_past_day("2024年的时候卖货税率是多少？", dt.date(2026, 11, 30))
    '卖货税率是多少？'
    """
    found = _past_day_at(text, today)
    if not found:
        return text
    start, end = found[1]
    when = _WHEN.match(text, end)
    return strip_spans(text, [(start, when.end() if when else end)]).lstrip("，,、 ")


_WHEN = re.compile(rf"{_BEFORE}|的时候|那会儿?|那时候?|时候|期间|那一年|那年|当年|时")


def _past_day_at(text: str, today: dt.date) -> tuple[dt.date, tuple[int, int]] | None:
    """The past day a question asks the law of, and where the words naming it are."""
    # A part of a year dates what is asked (2025年上半年…, 2024年底卖设备…), whatever follows.
    for m in _PART_OF_YEAR.finditer(text):
        if _DATES_A_DOCUMENT.match(text[m.end() :]) or not 1949 < int(m.group(1)) <= today.year:
            continue
        if (end := _month_end(int(m.group(1)), _YEAR_PART_MONTH[m.group(2)])) < today:
            return end, m.span()
    # A date of an event, when the question asks for the rules of then (2020年10月签的合同，按当时的规定…).
    dates = [
        _PAST_YEAR.finditer(text),
        _OPENING_DATE.finditer(text) if not _NOW.search(text) else (),
        _EVENT_DATE.finditer(text)
        if _THEN.search(text) or (_CHOOSES_RULES.search(text) and not _NOW.search(text))
        else (),
    ]
    for m in (m for found in dates for m in found):
        if _DATES_A_DOCUMENT.match(text[m.end() :]):
            continue
        year = int(m.group(1))
        if not 1949 < year <= today.year:
            continue
        month, day = int(m.group(2) or 12), int(m.group(3) or _PART_OF_MONTH.get(m.group(4), 0))
        try:
            end = dt.date(year, month, day) if day else _month_end(year, month)
            # 2025年6月以前: the day before the period begins (6月底以前: the period's end)
            if re.match(_BEFORE, text[m.end() :]) and not m.group(4) and m.group(5) in (None, "份"):
                end = dt.date(year, int(m.group(2) or 1), int(m.group(3) or 1)) - dt.timedelta(days=1)
        except ValueError:
            continue
        if end < today:
            return end, m.span()
    # In English: in 2023, back in March 2024, during 2022 (not the 2020 regulation: a document named by year) —
    # unless the question is about now (we lost money in 2023, and this year…: a story's year)
    # (and not a year told in a sentence of the story before the question: I registered a company in 2022. Is …?)
    for m in _ENGLISH_PAST.finditer(text) if not _ENGLISH_NOW.search(text) else ():
        if (end := _ENGLISH_SENTENCE_END.search(text, m.end())) and end.group(0) == "." and text[end.end() :].strip():
            continue
        month = _ENGLISH_MONTHS.index(m.group(1)[:3].lower()) + 1 if m.group(1) else 12
        if 1949 < int(m.group(2)) <= today.year and (end := _month_end(int(m.group(2)), month)) < today:
            return end, m.span()
    if m := _SAME_DAY_YEARS_BACK.search(text):
        back = _YEARS_BACK[m.group(1)]
        day = min(today.day, calendar.monthrange(today.year - back, today.month)[1])  # 2月29日
        return dt.date(today.year - back, today.month, day), m.span()
    if (m := _RELATIVE_YEAR.search(text)) and 1 <= (month := int(m.group(2) or 12)) <= 12:
        return _month_end(today.year - _YEARS_BACK[m.group(1)], month), m.span()
    return None


_ENGLISH_NOW = re.compile(
    r"\b(?:this year|now|currently|current|today|nowadays|at present|these days)\b", re.IGNORECASE
)
_ENGLISH_SENTENCE_END = re.compile(r"[.?!？。](?=\s|$)")
_ENGLISH_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ENGLISH_PAST = re.compile(
    rf"\b(?:in|during|back in|as of|throughout)\s+(?:((?:{'|'.join(_ENGLISH_MONTHS)})[a-z]*\.?)\s+)?"
    r"(\d{4})\b(?!\s*(?:version|edition|regulations?|law|rules?)\b)",
    re.IGNORECASE,
)


def _month_end(year: int, month: int) -> dt.date:
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def with_version_words(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each span of a document's name widened over the words before and after it that say which version it is
    (and over a 里 or 中 after it, saying where).

    >>> text = "按20年版的款项支付条例，多少天付款？"
    >>> [text[a:b] for a, b in with_version_words(text, [(6, 12)])]
    ['按20年版的款项支付条例']
    >>> text = "以前老的个体工商户条例里年报什么时候交？"
    >>> [text[a:b] for a, b in with_version_words(text, [(4, 11)])]
    ['以前老的个体工商户条例里']
    >>> text = "款项支付条例20年版，多少天付款？"
    >>> [text[a:b] for a, b in with_version_words(text, [(0, 6)])]
    ['款项支付条例20年版']
    >>> text = "小微企业按增值税法交多少？"
    >>> [text[a:b] for a, b in with_version_words(text, [(5, 9)])]
    ['按增值税法']
    """
    return [
        (start - len(_version_words_before(text, start)), _VERSION_AFTER_NAME.match(text, end).end())
        for start, end in spans
    ]


def _version_words_before(text: str, start: int) -> str:
    """The words right before a document's name at ``start`` that say which version (按20年版的, 以前老的; "" when none)."""
    return _VERSION_BEFORE_NAME.search(text[:start]).group(0)


def strip_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with the given spans blanked (a document's name is not the topic of a question)."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return re.sub(r"\s+", " ", "".join(chars)).strip()

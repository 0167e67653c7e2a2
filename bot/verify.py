"""Checks a model's answer against the provisions it was given, before anything is shown.

A sentence is served only when its cited provision entails it. Per sentence of the model's text
(every line and list item is a sentence; 。！？!? and an English "." end one; a ``[n]`` binds to the
text it follows on its line, or to the line's first sentence when it opens the line):
- ``[n]`` markers that point outside the numbered context are dropped; a sentence left without one
  is removed (a line with no content words, such as 具体如下：, is dropped quietly);
- a sentence saying the documents do not cover the question is removed: the bot's own scope decision
  says that, never a model's reply with a citation;
- a negation (不能, 不得, 没有, 无需…) the cited text does not contain, a negation of the clause it restates
  that it leaves out, or a permission (可以…) where the text prohibits → removed;
- a document or provision it names (《…》, 第十条, （十）) must be the one it cites, or one its text names;
- a figure (compared by value: 六月 = 6月) must be in the cited provision — its label and section and the
  document's own facts (文号, dates, status) only when the sentence is about the document;
- an agency must appear in the provision's text (its 负责 line included), an organisation (…银行, …局)
  or a named programme/platform whole in the cited text;
- most of the sentence's content words must come from the cited text (a word echoing the question counts
  twice), and a sentence copied from the text may not have a word put in.
If any sentence is removed (or none is left), the caller serves the extractive answer.
The kept sentences are renumbered so that ``[k]`` is the k-th citation, in order of first use.

    >>> m = Provision("d", 3, "（三）", "推动税费精准服务", "s", (Paragraph("发挥全国12366纳税缴费服务热线作用。"),), ("税务总局",), "税务总局负责")
    >>> words = lambda text: re.findall(r"[\u4e00-\u9fff]{2}|\\d+", text)  # the library's tokenizer, in use
    >>> verify("发挥12366纳税缴费服务热线作用[1]。也可拨打12345热线[1]。", [m], AgencyRegistry(()), words=words).removed
    (('也可拨打12345热线。', 'figure: 12345'),)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.question import to_simplified
from ingest.agencies import AgencyRegistry
from ingest.schema import Paragraph, Provision  # noqa: F401  (Paragraph: doctest)

_MARKER = re.compile(r"\s*[\[【［](\d{1,2})[\]】］]")
_ENUMERATOR = re.compile(r"^\s*(?:[0-9０-９]{1,2}[.、)．）]|[（(][0-9０-９]{1,2}[）)]|[一二三四五六七八九十][、.])\s*")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
# Figures: Arabic numbers, and Chinese numbers that are amounts (two characters or more, or one
# followed by a counting unit, or after 百分之/千分之). "进一步", "统一" are words, not figures.
_FIGURE = re.compile(
    r"(?:百分之|千分之|万分之)(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)|"
    r"\d+(?:\.\d+)?(?:\s*[万亿](?!分之))*|[零〇一二两三四五六七八九十百千万亿]{2,}|"
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


def _arabic_value(token: str) -> float:
    """'500万' → 5000000, as 五百万 is; '1.5' → 1.5."""
    number = token.rstrip("万亿 ")
    value = float(number)
    for ch in token[len(number) :]:
        value *= _CN_BIG.get(ch, 1)
    return value


def figures(text: str) -> set[tuple[str, float]]:
    """The figures in a text as (kind, value): kind is '%' for 百分之…, '‰' for 千分之…, '‱' for 万分之…, '' otherwise.

    >>> sorted(figures("打造100个场景，每年六月，百分之二十"))
    [('', 6.0), ('', 100.0), ('%', 20.0)]
    >>> figures("年销售额500万元") == figures("年销售额五百万元")  # whatever numerals write it
    True
    """
    out = set()
    for m in _FIGURE.finditer(text):
        token = m.group(0)
        kind = {"百分之": "%", "千分之": "‰", "万分之": "‱"}.get(token[:3], "")
        number = token[3:] if kind else token
        value = _arabic_value(number) if number[0].isdigit() else _cn_value(number)
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
    decisions: tuple[tuple[str, str], ...] = ()  # every sentence as split, with why it was removed ("" kept)

    @property
    def rejected(self) -> bool:
        """Serve the extractive answer instead: a sentence was not entailed, or nothing is left."""
        return self.kept == 0 or bool(self.removed)


# A sentence ends at 。！？!?, at an English full stop (followed by a space or the end, not inside 3.5),
# or at the end of its line; the markers right after it belong to it.
_SENTENCE = re.compile(
    r"(?:[^。！？!?.\n]|(?<=\d)\.|\.(?=\S))+(?:[。！？!?]|(?<!\d)\.|$)(?:\s*[\[【［]\d{1,2}[\]】］])*"
)
_LIST_ITEM = re.compile(
    r"^\s*(?:[-*•·]|[0-9０-９]{1,2}[.、)．）]|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,2}、)\s*"
)
_LEADING_MARKERS = re.compile(r"^(?:\s*[\[【［]\d{1,2}[\]】］])+")


def split_sentences(text: str) -> list[str]:
    r"""Sentences, each with the markers that follow it on its line; every line is at least one sentence,
    and markers opening a line belong to its first sentence.

    >>> split_sentences("甲[1]。乙。[2]丙\n[3]丁\n- 戊\n1. 己 2.5 倍[1]\nSMEs may borrow [1]. No fee [2].")
    ['甲[1]。', '乙。[2]', '丙', '丁[3]', '戊', '己 2.5 倍[1]', 'SMEs may borrow [1].', 'No fee [2].']
    """
    out = []
    for line in text.strip().splitlines():
        line = _LIST_ITEM.sub("", line)
        opening = _LEADING_MARKERS.match(line)
        line = line[opening.end() :] if opening else line
        pieces = [p.strip() for p in _SENTENCE.findall(line) if p.strip() and _MARKER.sub("", p).strip()]
        if opening and pieces:
            pieces[0] = _with_markers(pieces[0], opening.group(0).strip())
        elif opening:  # "[1] [2]" and nothing else: counted, and removed (it says nothing)
            pieces = [opening.group(0).strip()]
        out += pieces
    return out


def _with_markers(sentence: str, markers: str) -> str:
    return sentence[:-1] + markers + sentence[-1] if sentence[-1] in "。！？!?.；;" else sentence + markers


# A reply saying the documents are silent: the bot's scope decision says that, not a cited sentence.
_NOT_COVERED = re.compile(
    r"(?:没有|未|并未|不)(?:涉及|提及|提到|规定|说明|明确|包含|包括|相关)|无法(?:回答|确定|判断)|不清楚|"
    r"not (?:covered|mentioned|specified|addressed)|does not (?:say|mention|cover|specify)",
    re.I,
)
# Negations: a claim that denies must deny as its source does. A negating word counts as itself; a bare
# 不/没/未 with the character after it (不能, 未经), unless it starts an everyday word of _NOT_NEGATING.
_NEGATION = re.compile(
    r"不得|不予|无需|无须|无法|没有|禁止|严禁|[不没未](?=[\u4e00-\u9fff])|"
    r"\b(?:not|no|never|cannot|can't|don't|doesn't|without)\b",
    re.I,
)
# Bounds on a quantity (不得超过60日 = 最长60日) are left to the figure check.
_NOT_NEGATING = (
    "不断", "不少于", "不低于", "不超过", "不高于", "不仅", "不同", "不论", "不限于", "未来",
    "不得超过", "不得低于", "不得少于", "不得高于",
)  # fmt: skip
_CLAUSE = re.compile(r"[^，,；;。！？!?：:\n]+")
# The sentence is about the document itself (its 文号, date, issuer), so its header facts may support it.
_ABOUT_DOCUMENT = re.compile(
    r"文号|印发|发布|施行|生效|公布|发文|废止|修订|取代|〔\d{4}〕|号文|第[一二三四五六七八九十百零〇\d]+条|"
    r"第?[（(][一二三四五六七八九十]+[）)]项?|[该本此这]一?[条项款]|第[一二三四五六七八九十]+[章节]|现行有效|已失效"
)
# Words that frame a statement rather than state it (负责部门包括…, 这项规定出自…).
_FRAME_WORDS = frozenset(
    "包括 包含 部门 负责 出自 依据 根据 按照 提出 明确 指出 表示 介绍 如下 以下 主要 涉及 属于 条文 原文 "
    "这项 该项 此项 本项 这条 该条 此条 本条".split()
)
# A claim that something may be done, where the cited text prohibits something: only in the text's own words.
_PERMISSION = re.compile(r"(?:可以|可|能够|允许|有权)(?=[\u4e00-\u9fff])")
_PROHIBITION = re.compile(r"不得|禁止|严禁|不能|不予")
MIN_OWN_WORDS = 0.75
NEAR_COPY = 0.85  # a claim with this share of its words from one sentence of the text is a copy of it  # share of a sentence's content words that must come from the cited text


def negations(text: str) -> set[str]:
    """The negations in a text.

    >>> sorted(negations("不断加大力度，不得拖欠，企业无需审批，不能拿去"))
    ['不得', '不能', '无需']
    """
    out = set()
    for m in _NEGATION.finditer(text):
        if any(text.startswith(word, m.start()) for word in _NOT_NEGATING):
            continue
        out.add(m.group(0).lower() if len(m.group(0)) > 1 else text[m.start() : m.end() + 1])
    return out


def _dropped_negation(claim: str, sources: str, words: Callable[[str], list[str]]) -> str:
    """A negation of the source clause a claim clause restates that the claim clause leaves out ("" when none):
    "大型企业可以要求…" restating "大型企业不得要求…"."""
    source_clauses = [(c, set(words(c))) for c in _CLAUSE.findall(sources)]
    for clause in _CLAUSE.findall(claim):
        said = set(words(clause))
        if len(said) < 2 or not source_clauses:
            continue
        best, best_words = max(source_clauses, key=lambda c: len(said & c[1]) / len(said | c[1]))
        if len(said & best_words) * 2 < len(said):
            continue  # the clause restates no clause of the source closely enough to compare
        left_out = negations(best) - negations(clause)
        if left_out:
            return sorted(left_out)[0]
    return ""


NOT_COVERED = "says the documents do not cover it"
# A provision named in a sentence (第十条, 第（十）项): it must be one the sentence cites, or one its text names.
_TITLE = re.compile(r"《[^》]{2,60}》")
_REFERENCE = re.compile(r"第?[（(][一二三四五六七八九十百]+[）)]项?|第[一二三四五六七八九十百零〇两\d]+[条章节款项]")
_PROVISION_NAMED = re.compile(r"第[一二三四五六七八九十百零〇两\d]+[条章节]|[（(][一二三四五六七八九十百]+[）)]")


def _unsupported(
    claim: str, provisions: str, about: str, question: str, words: Callable[[str], list[str]],
    agencies: AgencyRegistry,
) -> str | None:  # fmt: skip
    """Why the claim is not entailed by the cited text, or None when it is. ``about``: what may also support a
    claim about the document or the provision itself (labels, 文号, dates, status)."""
    if _NOT_COVERED.search(claim):
        return NOT_COVERED
    for title in _TITLE.findall(claim):  # a document named must be the cited one's, or one its text names
        if title not in about and title not in provisions:
            return f"reference: {title} is not the document cited"
    for named in _PROVISION_NAMED.findall(claim):
        if named not in about and named not in provisions:
            return f"reference: {named} is not the provision cited"
    sources = provisions + about if _ABOUT_DOCUMENT.search(claim) else provisions
    denied = negations(claim) - negations(provisions)
    if denied:
        return f"negation: {sorted(denied)[0]}"
    dropped = _dropped_negation(claim, provisions, words)
    if dropped:
        return f"negation dropped: {dropped}"
    if _PROHIBITION.search(provisions):
        for m in _PERMISSION.finditer(claim):
            permitted = claim[m.start() : m.end() + 2]
            if permitted not in provisions:
                return f"permission where the text prohibits: {permitted}"
    missing = figures(claim) - figures(sources)
    if missing:
        kind, value = sorted(missing)[0]
        return f"figure: {value:g}{kind}"
    for agency in agencies.find(claim):
        known = agencies.by_name.get(agency)
        if agency not in sources and not (known and any(a in sources for a in known.surfaces() if not a.isascii())):
            return f"agency: {agency}"
    plain_sources = sources.replace("“", "").replace("”", "")
    for m in _ORGANISATION.finditer(claim):
        name = m.group(0)
        if not name_supported(name, plain_sources) and not agencies.find(name):
            return f"organisation: {name}"
    unreferenced = _REFERENCE.sub("，", claim)  # 第（八）项“发挥创新平台支撑作用”: the 平台 named is the title's
    for m in _NAMED.finditer(unreferenced.replace("“", "").replace("”", "").replace('"', "")):
        term = m.group(0)
        if _GENERIC.search(term) or re.fullmatch(_NAME_ENDINGS, term):
            continue  # 这个平台, 有关资金: names nothing
        if not name_supported(term, plain_sources):
            return f"name: {term}"
    content = [w for w in words(claim) if len(w) > 1 and w not in _FRAME_WORDS and w not in _CONNECTIVES]
    foreign = [w for w in content if w not in sources]
    echoed = [w for w in foreign if w in question]  # dictated by the question: count twice
    if content and len(foreign) + len(echoed) > (1 - MIN_OWN_WORDS) * len(content):
        where = "from the question" if echoed else "not in the provision"
        return f"{where}: {'、'.join((echoed or foreign)[:3])}"
    if foreign and _near_copy(content, foreign, provisions, words):
        # Copied from one sentence of the text with a word put in: the word changes what the text says.
        return f"a copied sentence changed: {'、'.join(foreign[:3])}"
    return None


def _near_copy(content: list[str], foreign: list[str], sources: str, words: Callable[[str], list[str]]) -> bool:
    """All but the foreign words of the claim come from one sentence of the sources."""
    own = set(content) - set(foreign)
    return any(len(own & set(words(s))) >= NEAR_COPY * len(set(content)) for s in re.split(r"[。；！？\n]", sources))


def verify(
    text: str, context: Sequence[Provision], agencies: AgencyRegistry, *, words: Callable[[str], list[str]],
    facts_of: Callable[[Provision], str] = lambda provision: "", question: str = "",
) -> Verified:  # fmt: skip
    """Check a model's reply against its numbered context. ``facts_of(provision)``: what its document says of
    itself (title, 文号, dates, status), which may support a sentence about it that cites it; ``question`` is
    what the model was asked (a claim may not rest on it); ``words`` gives a text's content words (the
    library's tokenizer)."""
    kept: list[tuple[str, list[int]]] = []
    removed: list[tuple[str, str]] = []
    decisions: list[tuple[str, str]] = []
    asked = unicodedata.normalize("NFKC", question)
    sentences = split_sentences(text)
    for sentence in sentences:
        numbers = [int(n) for n in _MARKER.findall(sentence)]
        valid = [n for n in dict.fromkeys(numbers) if 1 <= n <= len(context)]
        claim = _ENUMERATOR.sub("", _MARKER.sub("", sentence)).strip().lstrip("-*•·").strip()
        plain = to_simplified(unicodedata.normalize("NFKC", claim))
        if not valid:  # 具体如下：, a line leading into a list, is dropped quietly; a claim needs a citation
            says_something = numbers or (
                not plain.endswith((":", "：")) and [w for w in words(plain) if len(w) > 1 and w not in _CONNECTIVES]
            )
            decisions.append((sentence, "no valid citation marker" if says_something else "connective"))
            if says_something:
                removed.append((claim, "no valid citation marker"))
            continue
        if not plain:
            decisions.append((sentence, "markers without a sentence"))
            removed.append((sentence, "markers without a sentence"))
            continue
        cited = [context[n - 1] for n in valid]
        # Compared in NFKC (１２３６６ = 12366), simplified; shown as the model wrote it. A provision's label
        # (第十一条) supports a claim only about the provision, like the header facts.
        provisions = unicodedata.normalize("NFKC", "".join(m.full_text.removeprefix(m.label) for m in cited))
        about = unicodedata.normalize("NFKC", "".join(facts_of(m) + m.label + m.section for m in cited))
        reason = _unsupported(plain, provisions, about, asked, words, agencies)
        decisions.append((sentence, reason or ""))
        if reason:
            removed.append((claim, reason))
            continue
        kept.append((claim, valid))

    order: list[int] = []
    for _, valid in kept:
        order.extend(n for n in valid if n not in order)
    renumber = {n: i for i, n in enumerate(order, start=1)}
    parts = [_with_markers(claim, "".join(f"[{renumber[n]}]" for n in valid)) for claim, valid in kept]
    return Verified(
        text="".join(parts),
        cited=tuple(context[n - 1] for n in order),
        kept=len(kept),
        total=len(sentences),
        removed=tuple(removed),
        decisions=tuple(decisions),
    )


_CONNECTIVES = frozenset(
    "如下 具体 以下 主要 包括 根据 规定 回答 答复 总之 此外 另外 同时 因此 并且 而且 以及 其中".split()
)

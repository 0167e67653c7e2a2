"""Tokenisers for lexical retrieval: jieba words (with a user dictionary read from the library)
and character n-grams.

jieba is wrapped once here: a private ``jieba.Tokenizer`` (not the global one), its logger
quietened, its cache written where we say, and nothing done until the first ``words()`` call.

    >>> char_ngrams("信用贷款")
    ['信', '用', '贷', '款', '信用', '用贷', '贷款']
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import re
import threading
from collections.abc import Iterable
from pathlib import Path

from ingest import PROJECT_ROOT
from ingest.schema import Library

_CJK = re.compile(r"[\u4e00-\u9fff]+")
_LATIN_OR_DIGIT = re.compile(r"[a-z0-9][a-z0-9+.\-]*")
# Words that carry no topic: question scaffolding and the corpus-wide subject.
CHINESE_STOPWORDS = frozenset(
    "的 了 吗 呢 吧 啊 呀 么 和 与 及 或 等 是 有 在 对 为 把 被 将 给 从 向 也 都 就 还 又 "
    "我 我们 你 你们 他们 咱 咱们 公司 企业 单位 这 那 这个 那个 这条 那条 这些 哪些 什么 怎么 怎样 如何 "
    "能 能否 可以 可不可以 会 会不会 要 想 请问 请 一下 一些 有没有 没有 是否 多少 几 哪个 哪 谁 "
    "方面 相关 关于 具体 问题 文件 措施 规定 说 讲 提 提到 内容 情况".split()
)
# English words that say nothing about the topic (English questions meet the Chinese text only
# through bot/query_terms.tsv, so these are skipped when measuring coverage).
ENGLISH_STOPWORDS = frozenset(
    "the a an of to and or in on at for from by is are was were be been being what which who whom how why "
    "when where does do did done about with without policy policies document documents notice my our we us "
    "you your me i it its there their they them any anything this that these those say says said get gets "
    "got has have had can could would should will shall may might must please tell know want wants need "
    "needs there's what's some more much many also just only than then so if as into out up down over under "
    "very really china chinese company companies business businesses firm firms enterprise enterprises sme "
    "smes small medium help helps support supports offer offers provide provides give gives measure "
    "measures".split()
)
STOPWORDS = CHINESE_STOPWORDS | ENGLISH_STOPWORDS
# Words whose general-language IDF (log(total/frequency) in jieba's dictionary) is below this are
# everyday words; "specificity" counts only the rarity above it.
EVERYDAY_IDF = 8.5
# Words jieba tags as places that name no particular place.
_PLACE_ENDINGS = "省市区县州盟旗"
_ABOUT_A_PLACE = ("对", "的", "有", "给", "出", "关")
# A clause naming nothing but a place before 呢 asks of the place (那深圳呢？ 那在新加坡呢？ — not 那…的东西呢？).
_ONLY_A_PLACE_BEFORE = re.compile(r"(?:^|[，,。？?！!；;])\s*(?:那么?|换成|要是|如果是)?\s*在?\s*$")
_BEING_IN = ("在", "到", "去", "从", "回", "来", "住")
# An English place name in pinyin: a Latin word of five letters or more spelling a place of jieba's dictionary
# that is at least this common and is also listed as a province, city, district or county (广州市: not 建国, 三弄
# — a name, a word); "in/at/to/from Shenzhen" after I/we/our is being there.
_SPELLED = re.compile(r"\b[A-Za-z]{5,}\b")
_COMMON_PLACE = 100
_SPELLED_BEING_IN = re.compile(r"\b(?:in|at|to|from|near|into)\s+(?:the\s+)?$", re.IGNORECASE)
# …said of the asker's own business (I run a shop in Chengdu), not of what is asked (the minimum wage in Shenzhen)
_FIRST_PERSON = re.compile(r"\b(?:i|we|my|our|i'm|we're)\b", re.IGNORECASE)  # (not me, us: tell me…; the US)
# Places outside the mainland as English writes them (Singapore, Hong Kong, the EU): general geography, data.
ENGLISH_PLACES_FILE = PROJECT_ROOT / "data" / "language" / "english_places.tsv"
# What a place named right before it only qualifies — the asker's own (a Singapore company, a Hong Kong-based
# investor) or money (US dollars): not a place asked of.
_QUALIFIED_BY_A_PLACE = re.compile(
    r"^[\s-]*(?:based\s+)?(?:company|companies|firm|business|investor|investors|citizen|national|subsidiary|entity|parent"
    r"|dollars?)\b",
    re.IGNORECASE,
)
_NOT_PLACES = frozenset(
    "城市 地方 当地 本地 国内 国外 海外 境内 境外 内地 全国 各地 农村 城乡 中国 我国 中华人民共和国 社区 园区 东西".split()
)


def char_ngrams(text: str) -> list[str]:
    """CJK unigrams and bigrams per run of Chinese characters, plus Latin words and numbers."""
    out: list[str] = []
    for run in _CJK.findall(text):
        out.extend(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    out.extend(_LATIN_OR_DIGIT.findall(text.lower()))
    return out


TERMS_FILE = "terms.txt"  # in the library folder
_QUOTED = re.compile(r"[“\"]([\u4e00-\u9fff]{2,12})[”\"]")
_DEFINED = re.compile(r"所称([\u4e00-\u9fff]{2,12})[，,]?是指")


def library_vocabulary(library: Library, terms_file: Path | None = None) -> list[str]:
    """jieba user-dictionary lines ("word frequency"): what the documents themselves name — titles and
    short names, headings, quoted names (“专精特新”), defined terms (所称X，是指) — the agency file's names,
    and the service center's own word list (``terms.txt``)."""
    words: dict[str, int] = {}

    def add(word: str, frequency: int = 30000) -> None:
        word = re.sub(r"\s+", "", word)  # a dictionary line is "word frequency"
        if 2 <= len(word) <= 20 and not word.isascii():
            words[word] = max(words.get(word, 0), frequency)

    for document in library.documents:
        meta = document.meta
        for name in (meta.title, meta.plain_title, *meta.short_names):
            add(name, 50000)
        for division in document.divisions:
            if len(division.title) <= 8:
                add(division.title)
        for provision in document.provisions:
            for pattern in (_QUOTED, _DEFINED):
                for term in pattern.findall(provision.text):
                    add(term)
    if library.agencies is not None:
        for agency in library.agencies.agencies:
            for surface in agency.surfaces():
                add(surface, 50000)
    if terms_file is not None and terms_file.is_file():
        for line in terms_file.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                word, *rest = line.split()
                add(word, int(rest[0]) if rest and rest[0].isdigit() else 30000)
    return [f"{word} {frequency}" for word, frequency in sorted(words.items())]


def dictionary_fingerprint(dictionary: Iterable[str]) -> str:
    """sha256 of the user dictionary: part of the index manifest, so a new term rebuilds BM25."""
    return hashlib.sha256("\n".join(dictionary).encode("utf-8")).hexdigest()


class PolicyTokenizer:
    """jieba word tokeniser with the policy dictionary; loaded on first use, thread-safe."""

    def __init__(self, dictionary: Iterable[str] = (), cache_dir: Path | None = None) -> None:
        self.dictionary = tuple(dictionary)
        self._cache_dir = cache_dir
        self._jieba = None
        self._place_names: frozenset[str] | None = None
        self._qualifiers: frozenset[str] = frozenset()
        self._verbs: frozenset[str] = frozenset()
        self._counters: frozenset[str] = frozenset()
        self._spelled: dict[str, str] | None = None
        self._general: dict[str, int] = {}
        self._total = 1
        self._lock = threading.RLock()

    def _load(self):
        with self._lock:
            if self._jieba is None:
                import jieba  # heavy: builds a prefix dictionary

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                if self._cache_dir is not None:
                    self._cache_dir.mkdir(parents=True, exist_ok=True)
                    tokenizer.tmp_dir = str(self._cache_dir)
                tokenizer.initialize()
                entries = [line.split() for line in self.dictionary]
                # The general-language frequency of the words our dictionary overrides (see specificity).
                self._general = {w[0]: tokenizer.FREQ.get(w[0], 0) for w in entries}
                self._total = tokenizer.total
                for word, *rest in entries:
                    tokenizer.add_word(word, int(rest[0]) if rest else None)
                self._jieba = tokenizer
        return self._jieba

    def words(self, text: str) -> list[str]:
        """Search-mode jieba tokens, lower-cased, without punctuation and stopwords."""
        tokens = self._load().lcut_for_search(text.lower())
        return [t for t in tokens if _is_content(t)]

    def content_words(self, text: str) -> list[str]:
        """Precise-mode jieba words, lower-cased, without punctuation and stopwords — each once per place
        it stands (知识产权局 is not also 知识, 产权): for measuring how much of a sentence another text says."""
        return [t for t in self._load().lcut(text.lower()) if _is_content(t)]

    def words_many(self, texts: Iterable[str]) -> list[list[str]]:
        return [self.words(t) for t in texts]

    def is_general_word(self, word: str) -> bool:
        """Whether jieba's own dictionary (not the library's additions) has the word: 个人所得税 yes."""
        tokenizer = self._load()
        return self._general.get(word, tokenizer.FREQ.get(word, 0)) > 0

    def frequency(self, word: str) -> int:
        """The word's count in jieba's dictionary with the library's additions (0: not a word)."""
        return self._load().FREQ.get(word, 0)

    @property
    def total(self) -> int:
        return self._load().total

    def cut(self, text: str) -> list[str]:
        """Plain jieba segmentation (every character kept, new words guessed)."""
        return self._load().lcut(text)

    def specificity(self, word: str) -> float:
        """How much a word says about a topic, by its rarity in general Chinese (jieba's dictionary):
        0 for everyday words (按, 现在, 不能), high for terms (增值税, 反担保) and words jieba does not know.

        >>> t = PolicyTokenizer(); t.specificity("现在") == 0 and t.specificity("增值税") > 3
        True
        """
        tokenizer = self._load()
        frequency = self._general.get(word, tokenizer.FREQ.get(word, 0))
        return max(0.0, math.log(self._total / (frequency + 1)) - EVERYDAY_IDF)

    def names_a_thing(self, word: str) -> bool:
        """Whether a word can name what is asked about — a noun or verb (期限, 扣除), or a term jieba does not
        know (征收率) — not a word jieba's dictionary tags as an adjective, adverb, time or idiom (最长, 最晚).

        >>> t = PolicyTokenizer(); t.names_a_thing("期限"), t.names_a_thing("最长")
        (True, False)
        """
        return word not in self._tagged()[1]

    def names_an_object(self, word: str) -> bool:
        """Whether a word can be what a figure is a figure of — a noun (利率, 面额, 工资) or a term jieba does
        not know — not a verb (停业, 持股) nor a word that qualifies.

        >>> t = PolicyTokenizer(); t.names_an_object("利率"), t.names_an_object("停业"), t.names_an_object("最长")
        (True, False, False)
        """
        return self.names_a_thing(word) and word not in self._tagged()[2]

    def counts_or_points(self, word: str) -> bool:
        """Whether jieba's dictionary tags a word as a numeral, a measure word or a pronoun (一个, 这种) — a word that
        counts or points at a thing without naming one.

        >>> t = PolicyTokenizer(); t.counts_or_points("一个"), t.counts_or_points("这种"), t.counts_or_points("青年")
        (True, True, False)
        """
        return word in self._tagged()[3]

    def _tagged(self) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
        """Of jieba's own dictionary (its tags; not jieba's POS tagger): the place names (ns), the words that
        qualify rather than name (adjectives, adverbs, times, idioms, numerals, pronouns…), the verbs (v,
        not the nouns of action: vn) and, of the qualifying words, those that count or point (m, q, r)."""
        tokenizer = self._load()
        with self._lock:
            if self._place_names is None:
                places, qualifiers, verbs, counters = set(), set(), set(), set()
                with tokenizer.get_dict_file() as f:
                    for line in f:
                        row = line.decode("utf-8").split()
                        if len(row) < 3:
                            continue
                        if row[2] == "ns":
                            places.add(row[0])
                        elif row[2][0] in _QUALIFYING_TAGS:
                            qualifiers.add(row[0])
                            if row[2][0] in _COUNTING_TAGS:
                                counters.add(row[0])
                        elif row[2][0] == "v" and row[2] != "vn":
                            verbs.add(row[0])
                self._place_names, self._qualifiers, self._verbs, self._counters = (
                    frozenset(places),
                    frozenset(qualifiers),
                    frozenset(verbs),
                    frozenset(counters),
                )
            return self._place_names, self._qualifiers, self._verbs, self._counters

    def places(self, text: str) -> list[str]:
        """Places a text speaks of as places — a word jieba's dictionary tags as a place (ns) that ends
        like one (…省/市/区/县) or is followed by 对/的/有… ("深圳对…", "上海市的…"), not one someone is
        merely in ("在苏州办…").

        >>> PolicyTokenizer().places("深圳南山区对小企业有什么奖励？我在苏州办厂")
        ['南山区']
        >>> PolicyTokenizer().places("那在新加坡呢？")
        ['新加坡']
        """
        tokenizer = self._load()
        names = self._tagged()[0]
        out, position = self._spelled_places(text), 0
        for word in tokenizer.lcut(text):
            start, position = position, position + len(word)
            if word not in names or word in _NOT_PLACES or len(word) < 2:
                continue
            asked_alone = text[position : position + 1] == "呢" and _ONLY_A_PLACE_BEFORE.search(text[:start])
            if text[max(0, start - 1) : start] in _BEING_IN and not asked_alone:
                continue
            if word[-1] in _PLACE_ENDINGS or text[position : position + 1] in _ABOUT_A_PLACE or asked_alone:
                out.append(word)
        return out

    def _spelled_places(self, text: str) -> list[str]:
        """Places an English text spells in pinyin (Guangzhou → 广州) or names as the English places table does
        (Singapore → 新加坡), not ones the asker is merely in ("I run a shop in Hangzhou"; "the minimum wage in
        Shenzhen" is about Shenzhen) or is from ("a Singapore company").

        >>> PolicyTokenizer()._spelled_places("Does Guangzhou give rent subsidies? I work in Hangzhou.")
        ['广州']
        >>> PolicyTokenizer()._spelled_places("Can you tell me the minimum wage in Shenzhen?")
        ['深圳']
        >>> PolicyTokenizer()._spelled_places("We are a startup. What subsidies exist for us in Shenzhen?")
        []
        """
        if not re.search(r"[A-Za-z]", text):
            return []
        latin = list(_SPELLED.finditer(text))
        by_pinyin = self._places_by_pinyin() if latin else {}  # (its tables load only for a word that may spell one)
        spelled = [(m, place) for m in latin if (place := by_pinyin.get(m.group().lower()))]
        named = [(m, place) for pattern, place in english_places() for m in pattern.finditer(text)]
        return [
            place
            for m, place in sorted(spelled + named, key=lambda found: found[0].start())
            if not (_SPELLED_BEING_IN.search(text[: m.start()]) and _FIRST_PERSON.search(text[: m.start()]))
            and not _QUALIFIED_BY_A_PLACE.search(text[m.end() :])
        ]

    def _places_by_pinyin(self) -> dict[str, str]:
        """The common place names of jieba's dictionary by their toneless pinyin, the most common for each."""
        with self._lock:
            if self._spelled is None:
                from pypinyin import lazy_pinyin

                places = self._tagged()[0]
                frequency = self._load().FREQ
                common = sorted(
                    (
                        w
                        for w in places
                        if len(w) >= 2
                        and w not in _NOT_PLACES
                        and frequency.get(w, 0) >= _COMMON_PLACE
                        and any(w + ending in places for ending in "省市区县")
                    ),
                    key=lambda w: -frequency.get(w, 0),
                )
                spelled: dict[str, str] = {}
                for word in common:
                    spelled.setdefault("".join(lazy_pinyin(word)), word)
                self._spelled = spelled
            return self._spelled


@functools.cache
def english_places(path: Path = ENGLISH_PLACES_FILE) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(how a text writes the place, its Chinese name) for each row of the English places table: an acronym of
    three capitals or fewer as written (US, not us), any other name in any case, whole words.

    >>> [place for pattern, place in english_places() if pattern.search("What about the US and Hong Kong?")]
    ['香港', '美国']
    """
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else ():
        name, _, place = line.partition("\t")
        if line.startswith("#") or not name.strip() or not place.strip():
            continue
        name = name.strip()
        acronym = name.replace(".", "").isupper() and len(name.replace(".", "")) <= 3
        written = r"\s+".join(re.escape(word) for word in name.split())
        flags = 0 if acronym else re.IGNORECASE
        rows.append((re.compile(rf"(?<![A-Za-z]){written}(?![A-Za-z])", flags), place.strip()))
    return tuple(rows)


# jieba's tags of words that qualify rather than name: adjectives, adverbs, times, idioms and fixed phrases,
# numerals, measure words, pronouns, prepositions, conjunctions, particles, localities (以前, 之后).
_QUALIFYING_TAGS = frozenset("adtlimqrpcuyezf")
_COUNTING_TAGS = frozenset("mqr")  # numerals, measure words, pronouns


def _is_content(token: str) -> bool:
    token = token.strip()
    return bool(token) and token not in STOPWORDS and bool(_CJK.search(token) or _LATIN_OR_DIGIT.fullmatch(token))

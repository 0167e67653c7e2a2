"""Typo repair against the library's own words: 信代 → 信贷, 专立 → 专利, 跨竟 → 跨境.

A stretch of the question that is no word (jieba splits it into single characters or guesses a new
word; or cuts one its dictionary barely counts, where the documents print the meant word beside the same
character) and differs from a word of the library in one character is replaced by that word when the two
characters sound alike (same pinyin whatever the tone, or alike under the common z/zh, c/ch, s/sh and
-n/-ng confusions) or look alike (``similar_shapes.txt``, a table of 形近字). Nothing here names a
word of any document: the vocabulary is the library's, the sound and shape tables are general Chinese.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ingest import PROJECT_ROOT

SIMILAR_SHAPES_FILE = PROJECT_ROOT / "data" / "language" / "similar_shapes.txt"
WORD_LENGTHS = (4, 3, 2)  # longest first: 知识严权 → 知识产权 before any two-character repair
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_NUMERAL = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿]")
# An A-not-A question form (是不是, 能不能, 有没有): a character, 不 or 没, and a character
_A_NOT_A_TYPED = re.compile(r"([\u4e00-\u9fff])([不没])([\u4e00-\u9fff])")
# 几 before a measure word asks how many (能打几折: no typo of 打击's 击; 金融几构 is one of 机构's 机).
_ASKS_HOW_MANY = re.compile(r"几(?=[折个天年月日周项条次倍成点号家种档级岁名人万千百十块元])")
# How alike two characters are, best first; a repair takes the most alike candidate.
SAME_SOUND, SAME_SOUND_OTHER_TONE, NEAR_SOUND, SAME_SHAPE = 4, 3, 2, 1
# log P(typing this character for that one), by likeness: a repair is made when the repaired word,
# typo included, explains the text better than the words jieba finds in it (a noisy-channel choice).
TYPO_LOG_COST = {SAME_SOUND: -5.0, SAME_SOUND_OTHER_TONE: -6.0, NEAR_SOUND: -8.0, SAME_SHAPE: -8.0}
# log of how much likelier a word is where the documents print it with the question's neighbouring
# character (逾期利息 in 遇期利息怎么算, 微利企业 in 小型危利企业): the context of a general dictionary
# word in a question about the library.
IN_CONTEXT_LOG_GAIN = 2.0
# A word of the library is taken for a typo of another only when the documents use it this many times less.
RARER_BY = 4
# jieba's dictionary holds some 200,000 words counted this rarely or less — typos among them (注消, 条列,
# 增殖税): a stretch the library does not print is read as its characters, as a word jieba had to guess is.
RARE_IN_DICTIONARY = 3


@dataclass(frozen=True)
class Repair:
    """What a question became: the repaired text and each (typed, meant) word."""

    text: str
    changes: tuple[tuple[str, str], ...]


def load_similar_shapes(path: Path = SIMILAR_SHAPES_FILE) -> dict[str, frozenset[str]]:
    """Character → the characters listed with it in one group of the shapes table."""
    groups: dict[str, set[str]] = defaultdict(set)
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                continue
            chars = [c for c in line.split() if len(c) == 1]
            for c in chars:
                groups[c].update(x for x in chars if x != c)
    return {c: frozenset(others) for c, others in groups.items()}


@functools.lru_cache(maxsize=16384)
def _readings(char: str) -> tuple[frozenset[str], frozenset[str]]:
    """(readings with tone, readings without) of one character, all its pronunciations."""
    from pypinyin import Style, pinyin

    read = pinyin(char, style=Style.TONE3, heteronym=True, errors="ignore")  # (nothing for a character not Chinese)
    toned = frozenset(read[0] if read else ())
    plain = frozenset(r.rstrip("012345") for r in toned)
    return toned, plain


@functools.lru_cache(maxsize=16384)
def _usual_reading(char: str) -> str:
    """A character's commonest reading, with its tone (时 shi2, 提 ti2: 提 is also read shi2, rarely)."""
    from pypinyin import Style, pinyin

    return (pinyin(char, style=Style.TONE3, heteronym=False, errors="ignore") or [[""]])[0][0]


@functools.lru_cache(maxsize=16384)
def _readings_in(word: str) -> tuple[str, ...]:
    """Each character's reading in the word, with its tone (税款: shui4 kuan3; 银行: yin2 hang2)."""
    from pypinyin import Style, pinyin

    return tuple(r[0] for r in pinyin(word, style=Style.TONE3, heteronym=False, errors=lambda s: [[""]] * len(s)))


def _fuzzy(reading: str) -> str:
    """A reading under the confusions of many speakers and pinyin typists: zh/z, ch/c, sh/s, -ng/-n."""
    for retroflex, flat in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if reading.startswith(retroflex):
            reading = flat + reading[2:]
            break
    return reading[:-1] if reading.endswith("ng") and reading != "ng" else reading


def likeness(typed: str, meant: str, shapes: Mapping[str, Collection[str]], as_read: str = "") -> int:
    """How alike two characters are (0: not alike). A character typed for another is read as it is usually read:
    alike only through a rare reading of it (担 read jiē, beside 界 jiè), the two sound nearly alike at most. The
    meant character is read as its word reads it (``as_read``, when given): 拖款 is no 税款 typed, though 税 was
    once also read tuō."""
    typed_plain = _readings(typed)[1]
    meant_toned, meant_plain = ({as_read}, {as_read.rstrip("012345")}) if as_read else _readings(meant)
    usual = _usual_reading(typed)
    if usual in meant_toned:
        return SAME_SOUND
    if usual.rstrip("012345") in meant_plain:
        return SAME_SOUND_OTHER_TONE
    if {_fuzzy(r) for r in typed_plain} & {_fuzzy(r) for r in meant_plain}:
        return NEAR_SOUND
    return SAME_SHAPE if meant in shapes.get(typed, ()) else 0


# Function words jieba glues to the end of a character it has to guess a word for (付款方是 → 方是): a guessed word
# ending in one is no typo.
_GLUED_FUNCTION_WORDS = frozenset("是的了在")


def _glued_on(span: tuple[int, int], word: str, guessed: Collection[tuple[int, int]]) -> bool:
    """Whether a word jieba had to guess (its ``span`` among the ``guessed``) ends in a function word it glued on
    (方是 of 付款方是…, no typo of 方式)."""
    return span in guessed and word[-1] in _GLUED_FUNCTION_WORDS


class TypoRepairer:
    """Repairs questions against the library's ``vocabulary``. ``frequency`` and ``total`` are jieba's
    dictionary counts, ``is_everyday`` tells a word that names nothing in particular (内部, 一般),
    ``library_text`` is every provision's text, ``cut`` is jieba's segmentation, ``shapes`` the 形近字 table."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        frequency: Callable[[str], int],
        total: int,
        is_everyday: Callable[[str], bool],
        library_text: str,
        cut: Callable[[str], list[str]],
        shapes: Mapping[str, Collection[str]],
    ) -> None:
        self._frequency = frequency
        self._is_everyday = is_everyday
        self._library_text = library_text  # a stretch the documents themselves print is no typo
        self._uses = functools.lru_cache(maxsize=None)(library_text.count)  # how often the documents use a word
        self._log_total = math.log(total)
        self._library_scale = total / max(1, len(library_text))  # the documents' counts, as if as long as jieba's
        self._cut = cut
        self._shapes = shapes
        # (length, position, the word without the character there) → words of the vocabulary
        self._masked: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        self._words = frozenset(w for w in vocabulary if len(w) in WORD_LENGTHS and _CJK_RUN.fullmatch(w))
        for word in self._words:
            for i in range(len(word)):
                self._masked[(len(word), i, word[:i] + word[i + 1 :])].append(word)

    def warm_up(self) -> None:
        """Load the pinyin tables now (the first repair would: about 0.3 s)."""
        _readings("一")

    def alike(self, typed: str, meant: str) -> bool:
        """Whether one character may be typed for the other: alike in sound, or in shape (the 形近字 table)."""
        return likeness(typed, meant, self._shapes) > 0

    def repair(self, text: str, protected: Iterable[tuple[int, int]] = ()) -> Repair | None:
        """The question with its typos repaired (None when nothing was changed). Spans in ``protected``
        (document and agency names the question uses) are left as typed."""
        taken = [False] * len(text)
        for start, end in protected:
            for i in range(max(0, start), min(len(text), end)):
                taken[i] = True
        cut = self._cut(text)
        tokens = self._tokens(cut)
        guessed = self._guessed(text, cut)
        barely_known = self._barely_known(cut)
        replacements: list[tuple[int, str, str]] = []
        for length in WORD_LENGTHS:
            for run in _CJK_RUN.finditer(text):
                for start in range(run.start(), run.end() - length + 1):
                    end = start + length
                    typed, inside = text[start:end], tokens.get((start, end))
                    if inside is None or any(taken[start:end]) or typed in self._words:
                        continue
                    if _glued_on((start, end), typed, guessed):
                        continue
                    # (a word jieba barely knows is often a plain phrase it counted a few times — 哪部, 网店: read
                    # as a typo only of a word the documents print beside the same character, 条列第 → 条例第)
                    printed_so = any(a < end and start < b for a, b in barely_known)
                    meant = self._best(text, start, typed, inside, (start, end) in guessed, printed_so)
                    # Scanning the documents' text costs more than finding a candidate: only for candidates.
                    if (
                        meant is not None
                        and typed not in self._library_text
                        and not self._as_written(text, start, typed, meant)
                    ):
                        replacements.append((start, typed, meant))
                        for i in range(start, end):
                            taken[i] = True
        replacements += self._real_words_repaired(text, cut, taken, guessed)
        replacements += self._yes_or_no_repaired(text, taken)
        if not replacements:
            return None
        replacements.sort()
        out, position = [], 0
        for start, typed, meant in replacements:
            out += [text[position:start], meant]
            position = start + len(typed)
        out.append(text[position:])
        return Repair("".join(out), tuple((typed, meant) for _, typed, meant in replacements))

    def _yes_or_no_repaired(self, text: str, taken: list[bool]) -> list[tuple[int, str, str]]:
        """An A-not-A question typed with another character of the same sound for the second A (是不使 for 是不是,
        能不嫩 for 能不能) — unless that character begins a word with the next (是不适用: 适用)."""
        out = []
        for m in _A_NOT_A_TYPED.finditer(text):
            first, second = m.group(1), m.group(3)
            at = m.start(3)
            if (
                first != second
                and not any(taken[m.start() : m.end()])
                and likeness(second, first, {}, as_read=_usual_reading(first)) >= NEAR_SOUND
                and not self._frequency(text[at : at + 2])
            ):
                out.append((at, second, first))
        return out

    def _real_words_repaired(
        self, text: str, cut: list[str], taken: list[bool], guessed: Collection[tuple[int, int]] = ()
    ) -> list[tuple[int, str, str]]:
        """Words of the library — or words the documents never print (公会, a guild: 公会经费 for 工会经费) — typed for
        another that sounds the same (预期利息 for 逾期利息): a word jieba cuts whole is replaced by the one the documents
        print with the two characters after or before it, where they never print the typed word so, and use far
        more often."""
        out, position = [], 0
        for token in cut:
            start, position = position, position + len(token)
            unprinted = (
                token not in self._words
                and len(token) > 1
                and _CJK_RUN.fullmatch(token) is not None  # (not A股: a Latin letter has no reading)
                and token not in self._library_text
                and not _glued_on((start, position), token, guessed)
            )
            if (token in self._words or unprinted) and not any(taken[start:position]):
                meant = self._meant_instead(text, start, token, unprinted)
                if meant is not None:
                    out.append((start, token, meant))
        return out

    def _meant_instead(self, text: str, start: int, typed: str, unprinted: bool = False) -> str | None:
        # Cheapest checks first: most words differ from no far commoner word of the library in one character, or
        # stand as the documents print them; only then are the two read in pinyin (its tables load on first use).
        others = [
            (i, word)
            for i in range(len(typed))
            for word in self._masked.get((len(typed), i, typed[:i] + typed[i + 1 :]), ())
            # (a word the documents use about as often stays: 企业适用 is no typo of 企业使用)
            if word != typed and self._uses(typed) * RARER_BY <= self._uses(word)
        ]
        if not others:
            return None
        end = start + len(typed)
        before, after = text[max(0, start - 2) : start], text[end : end + 2]
        contexts = [(b, a) for b, a in ((before, ""), ("", after)) if len(b + a) == 2 and _CJK_RUN.fullmatch(b + a)]

        def printed(word: str) -> bool:
            return any(b + word + a in self._library_text for b, a in contexts)

        if not contexts or (not unprinted and printed(typed)):
            return None
        candidates = [  # (the sound first: reading the documents' text costs more)
            (self._log_p(word), word)
            for i, word in others
            if likeness(typed[i], word[i], self._shapes, _readings_in(word)[i]) >= SAME_SOUND_OTHER_TONE
            and printed(word)
        ]
        return max(candidates)[1] if candidates else None

    def _as_written(self, text: str, start: int, typed: str, meant: str) -> bool:
        """A character to be changed stands with the character after or before it, outside the span, as the
        documents write them, and the repaired character does not (申请纾困: 纾困 is the library's, though
        申请纾 is no word): not a typo. (创业单保: 业单 is printed in 就业单位, but so is 业担 in 创业担保.)"""
        for k, (a, b) in enumerate(zip(typed, meant, strict=True)):
            if a == b:
                continue
            i = start + k
            pairs = []
            if k == len(typed) - 1 and i + 1 < len(text):
                pairs.append((a + text[i + 1], b + text[i + 1]))
            if k == 0 and i > 0:
                pairs.append((text[i - 1] + a, text[i - 1] + b))
            if any(
                _CJK_RUN.fullmatch(as_typed) and as_typed in self._library_text and repaired not in self._library_text
                for as_typed, repaired in pairs
            ):
                return True
        return False

    def _in_context(self, text: str, start: int, word: str) -> bool:
        """The documents print ``word`` (put at ``start``) with the character of the text before or after it."""
        end = start + len(word)
        around = [text[start - 1] + word if start > 0 else "", word + text[end] if end < len(text) else ""]
        return any(_CJK_RUN.fullmatch(s) and s in self._library_text for s in around if len(s) > len(word))

    def _tokens(self, cut: list[str]) -> dict[tuple[int, int], list[str]]:
        """(start, end) → the tokens of jieba's ``cut`` of a text there, for every stretch of two or more whole
        tokens of at most the longest word length. A word jieba guessed (信代有: not in its dictionary), or one it
        barely knows that the library does not print (注消), counts as its characters."""
        spans, position = [], 0
        for token in cut:
            for piece in tuple(token) if self._no_word(token) else (token,):
                spans.append((position, position + len(piece), piece))
                position += len(piece)
        out: dict[tuple[int, int], list[str]] = {}
        for i, (start, _, _) in enumerate(spans):
            for j in range(i, len(spans)):
                end = spans[j][1]
                if end - start > WORD_LENGTHS[0]:
                    break
                inside = [t for _, _, t in spans[i : j + 1]]
                if len(inside) > 1:
                    out[(start, end)] = inside
        return out

    def _guessed(self, text: str, cut: list[str]) -> set[tuple[int, int]]:
        """(start, end) of the words jieba guessed (复责, 北经: two characters its dictionary does not hold as a word
        and glued together)."""
        out, position = set(), 0
        for token in cut:
            # (not beside a number: 第五十九条讲的什么 and 哪一版 glue a measure word, not a typo)
            before = text[position - 1 : position]
            if (
                len(token) > 1
                and not self._frequency(token)
                and _CJK_RUN.fullmatch(token)
                and not _NUMERAL.search(before + token)
            ):
                out.add((position, position + len(token)))
            position += len(token)
        return out

    def _barely_known(self, cut: list[str]) -> list[tuple[int, int]]:
        """(start, end) of the tokens of ``cut`` that are words jieba's dictionary barely counts (``_no_word``, though
        it holds them)."""
        out, position = [], 0
        for token in cut:
            if self._frequency(token) and self._no_word(token):
                out.append((position, position + len(token)))
            position += len(token)
        return out

    def _no_word(self, token: str) -> bool:
        """A token jieba had to guess, or one its dictionary counts so rarely (``RARE_IN_DICTIONARY``) that, unprinted
        by the library, it is as good as no word."""
        frequency = self._frequency(token)
        return not frequency or (
            frequency <= RARE_IN_DICTIONARY and token not in self._words and token not in self._library_text
        )

    def _log_p(self, word: str, as_the_library_uses_it: bool = False) -> float:
        """log P(word): by jieba's counts; with ``as_the_library_uses_it``, a term of the library of three characters
        or more is as common as the documents make it (征收率, which jieba barely counts, against 征收 + 律)."""
        in_library = 0.0
        if as_the_library_uses_it and len(word) >= 3 and word in self._words:
            in_library = self._uses(word) * self._library_scale
        return math.log(max(1, self._frequency(word), in_library)) - self._log_total

    def _best(
        self, text: str, start: int, typed: str, tokens: list[str], guessed: bool = False, printed_so: bool = False
    ) -> str | None:
        """The vocabulary word that differs from ``typed`` (at ``start`` of ``text``) in one character that
        sounds or looks alike and that explains the text better than jieba's tokens do, counting the
        typo's own improbability and whether the documents print the word beside the same character; a
        word printed so wins over one that is not (遇期利息: 逾期, not the commoner 预期), and a character
        alike only in shape is repaired only so (对转企有什么规定 stays: 转让 is not printed beside 对 or 有)."""
        as_typed = sum(self._log_p(t) for t in tokens)
        candidates = []
        for i, char in enumerate(typed):
            if _ASKS_HOW_MANY.match(text, start + i):
                continue
            for word in self._masked.get((len(typed), i, typed[:i] + typed[i + 1 :]), ()):
                everyday = self._is_everyday(word)
                if everyday and not guessed:
                    continue  # 那部 is not 内部 mistyped: only a word that names something is a repair
                if alike := likeness(char, word[i], self._shapes, _readings_in(word)[i]):
                    # (the library's own use counts for a word typed with a character that sounds the same, whatever the
                    # tone: 说 is read shuì only in 游说, and 减免说 is no 减免税)
                    prior = self._log_p(word, as_the_library_uses_it=alike >= SAME_SOUND_OTHER_TONE)
                    gain = prior + TYPO_LOG_COST[alike] - as_typed
                    in_context = gain + IN_CONTEXT_LOG_GAIN > 0 and self._in_context(text, start, word)
                    if in_context:
                        gain += IN_CONTEXT_LOG_GAIN
                    # The shapes table is broad (企 and 让 share a group): a shape alone is evidence enough
                    # only where the documents print the word beside the same character. An everyday word
                    # stands for a word jieba had to guess only when the two characters are read alike as
                    # they are usually read (医保局复责哪一条: 负责; not 交货时出了问题: 提出, 提 read shí only
                    # in 提防-like rare uses) or it is printed so (第五十九条讲的什么 stays: 讲, 件 differ).
                    if everyday and not (in_context or _usual_reading(char) == _usual_reading(word[i])):
                        continue
                    if gain > 0 and (in_context or (alike != SAME_SHAPE and not printed_so)):
                        candidates.append((in_context, gain, word))
        return max(candidates)[2] if candidates else None

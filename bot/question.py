"""The question as the user typed it → clean, simplified text the retrievers can use.

>>> clean_question("  綠色工廠\\x00怎麼申請？ ")
'绿色工厂怎么申请?'
"""

from __future__ import annotations

import re
import threading
import unicodedata

from ingest import PROJECT_ROOT

MAX_QUESTION_CHARS = 2000

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")


class QuestionError(ValueError):
    """The question cannot be answered as typed; the message is shown to the user as is."""


_t2s = None
_t2s_lock = threading.Lock()
COLLOQUIAL_FILE = PROJECT_ROOT / "data" / "language" / "colloquial.tsv"
_written: tuple[re.Pattern[str], dict[str, str]] | None = None
_written_lock = threading.Lock()


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (OpenCC tables shipped in the wheel, offline)."""
    global _t2s
    with _t2s_lock:
        if _t2s is None:
            import opencc

            _t2s = opencc.OpenCC("t2s")
        converter = _t2s
    return converter.convert(text)


def to_written_words(text: str) -> str:
    """Everyday and dialect words → their written forms (``data/language/colloquial.tsv``), so that
    啥时候施行的 is asked as 什么时候施行的.

    >>> to_written_words("这个条例啥时候施行的？咋申请？")
    '这个条例什么时候施行的？怎么申请？'
    """
    global _written
    with _written_lock:
        if _written is None:
            table = {}
            for line in COLLOQUIAL_FILE.read_text(encoding="utf-8").splitlines():
                surface, _, written = line.partition("\t")
                if surface and written and not surface.startswith("#"):
                    table[surface] = written.strip()
            longest_first = sorted(table, key=len, reverse=True)
            _written = (re.compile("|".join(map(re.escape, longest_first)) or "(?!)"), table)
        pattern, table = _written
    return pattern.sub(lambda m: table[m.group(0)], text)


def strip_controls(text: str) -> str:
    """Drop control and invisible formatting characters; newlines and tabs become spaces."""
    return _SPACES.sub(" ", _CONTROL.sub("", text.replace("\n", " ").replace("\t", " "))).strip()


def check_question(raw: object) -> str:
    """The question with control characters stripped; QuestionError when empty or too long."""
    if not isinstance(raw, str):
        raise QuestionError("问题需要是文字。请用一句话描述您想了解的政策内容。")
    text = strip_controls(raw)
    if not text:
        raise QuestionError("请输入您的问题，例如：“小微企业贷款有什么支持政策？”或“第十二条是什么？”")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"问题太长了（{len(text)} 字）。请把问题控制在 {MAX_QUESTION_CHARS} 字以内，或拆成几个小问题分别提问。"
        )
    return text


def clean_question(raw: object) -> str:
    """Checked, NFKC-folded (full-width → half-width), simplified-Chinese question text in written words.

    The length is checked again after folding: NFKC can expand one character into many (ﷺ).
    """
    text = check_question(unicodedata.normalize("NFKC", check_question(raw)))
    return to_written_words(in_digits(to_simplified(spaces_as_punctuation(text))))


# A space typed between Chinese words for punctuation, and the piece of text before it (back to the last space or
# punctuation).
_SPACE_BETWEEN_WORDS = re.compile(r"(?<=[\u4e00-\u9fff0-9])[ \t]+(?=[\u4e00-\u9fff])")
_PIECE_BEFORE = re.compile(r"[^,.;:!?，。；：！？\s]*$")


def spaces_as_punctuation(text: str) -> str:
    """A space typed between Chinese words after a piece that asks, written as the question mark it stands for
    (政府性融资担保的担保费率最高多少 单户500万以上的呢 还要不要反担保 asks three things); other spaces kept.

    >>> spaces_as_punctuation("公司捐了款 扣除比例多少 算不算"), spaces_as_punctuation("北京 海淀 的政策")
    ('公司捐了款 扣除比例多少?算不算', '北京 海淀 的政策')
    >>> spaces_as_punctuation("能补多少 以后的事 再说")
    '能补多少?以后的事 再说'
    """
    out, start = [], 0
    for m in _SPACE_BETWEEN_WORDS.finditer(text):
        if _asks(_PIECE_BEFORE.search(text, 0, m.start()).group()):
            out += [text[start : m.start()], "?"]
            start = m.end()
    return "".join(out) + text[start:]


def _asks(piece: str) -> bool:
    """Whether a piece of text asks: with a question word, in the A-not-A form (算不算, 有没有), or ending as a
    question does (…吗, …呢)."""
    return bool(_ASKS.search(piece) or A_NOT_A.search(piece)) or piece.rstrip().endswith(_QUESTION_ENDINGS)


A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1|有没有")  # asking yes or no: 算不算, 能不能, 有没有
_QUESTION_ENDINGS = ("吗", "呢", "么", "嘛")


# A number read out digit by digit (一二三六六 for 12366, 二〇二五年): four digits or more, no unit among them.
_SPELLED_DIGITS = re.compile(r"(?<![十百千万亿])[零〇一二三四五六七八九幺]{4,}(?![十百千万亿])")
_DIGITS = str.maketrans("零〇一二三四五六七八九幺", "001234567891")


def in_digits(text: str) -> str:
    """Numbers read out digit by digit written in digits, as the documents print them.

    >>> in_digits("打一二三六六问问"), in_digits("二〇二五年以前"), in_digits("一五一十地说"), in_digits("三百五十万")
    ('打12366问问', '2025年以前', '一五一十地说', '三百五十万')
    """
    return _SPELLED_DIGITS.sub(lambda m: m.group(0).translate(_DIGITS), text)


_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_POINTS_BACK = re.compile(r"这|(?<![应我你他她们就又也谁])该|此|那|上述|其")  # not 该 = should (我该去哪里投诉)
# A clause that only says who asks (财务问我， 老板让我问一下，): it names nothing the question is about.
_SPEECH_FRAME = re.compile(r"[^，,]{0,6}(?:问我们?|让我问|叫我问|要我问|托我问)(?:一下|问)?")
_WITHIN_IT = re.compile(r"^(?:那么?|这|另外)?(?:其中|里面|里头|当中)")
_CLAUSE = re.compile(r"[，,；;：:]")
_CLAUSE_OR_SENTENCE_END = re.compile(r"[，,。；;！!？?]")
_ASKS = re.compile(r"多少|多久|多长|几|哪|什么|啥|怎么|怎样|如何")


def split_clauses(text: str) -> list[str]:
    """The text cut at every comma, semicolon and sentence end (empty pieces kept).

    >>> split_clauses("听说有支持，能补多少？好的")
    ['听说有支持', '能补多少', '好的']
    """
    return _CLAUSE_OR_SENTENCE_END.split(text)


def asking_clauses(question: str) -> list[list[str]]:
    """The clauses of every sentence that asks (ends with ？, or the last one); asks listed with 、 are clauses
    of their own (要准备哪些材料、大概多久能办下来？), names listed with it are not (房产税、土地使用税减半吗？).

    >>> asking_clauses("这个能直接转吗？要准备哪些材料、多久能办下来？")
    [['这个能直接转吗？'], ['要准备哪些材料', '多久能办下来？']]
    """
    return [
        [a for c in _CLAUSE.split(x) if c.strip() for a in _asks_apart(c.strip())] or [x]
        for x in asking_sentences(question)
    ]


def asking_sentences(question: str) -> list[str]:
    """The sentences that ask (end with ？, or the last one — also beside others when it asks with a question word
    and ends unpunctuated, as typed in a hurry), as written.

    >>> asking_sentences("我们是小规模纳税人。征收率是多少？要带哪些材料、去哪办？")
    ['征收率是多少？', '要带哪些材料、去哪办？']
    >>> asking_sentences("标准是年销售额多少以下？征收率是多少"), asking_sentences("征收率是多少？谢谢")
    (['标准是年销售额多少以下？', '征收率是多少'], ['征收率是多少？'])
    """
    sentences = [x.strip() for x in _SENTENCE_END.split(question.strip()) if x.strip()]
    asking = [
        x
        for i, x in enumerate(sentences)
        if x[-1] in "？?" or (i == len(sentences) - 1 and x[-1] not in "。！!" and _ASKS.search(x))
    ]
    return asking or sentences[-1:] or [question]


def _asks_apart(clause: str) -> list[str]:
    pieces = [p for p in clause.split("、") if p.strip()]
    return pieces if len(pieces) > 1 and all(_ASKS.search(p) for p in pieces) else [clause]


def asks_within_another(sentence: str) -> bool:
    """Whether a sentence asks of a part of what another names (其中小微企业占多少？ 里面留给小微企业的又是多少？).

    >>> asks_within_another("那其中小微企业占多少？"), asks_within_another("这个基金的管理机构是哪家？")
    (True, False)
    """
    return bool(_WITHIN_IT.match(sentence))


# A speaker saying who they are (我是人社服务窗口的，… 我在税务局上班，…): who asks, not what is asked about.
_SELF_INTRODUCTION = re.compile(
    r"(?:^|(?<=[，,。！!；;]))\s*(?:你好|您好)?[，,]?我们?(?:是|在)[^，,。？?！!；;]{1,24}?(?:的|工作|上班)(?=[，,。！!；;])"
)


def without_self_introduction(question: str) -> str:
    """The question without the clauses in which the speaker says who they are or where they work.

    >>> without_self_introduction("我是人社服务窗口的，国发39号里哪些措施有期限？")
    '，国发39号里哪些措施有期限？'
    """
    return _SELF_INTRODUCTION.sub("", question)


def question_core(question: str) -> str:
    """The part of a question that asks: of every sentence that asks (ends with ？, or the last one),
    the last clause — with the clause before when the last is short or points back (这个政策…).
    A story told before the question does not count.

    >>> question_core("公司一边卖农产品一边卖家电，两种税率不一样，如果没有分开核算会怎么样？")
    '如果没有分开核算会怎么样？'
    >>> question_core("房产税可以减半征收，这个政策执行到哪年？我要具体日期。")
    '房产税可以减半征收，这个政策执行到哪年？'
    >>> question_core("一家上市公司拖欠我们50万货款快半年了，我该去哪里投诉？")
    '我该去哪里投诉？'
    >>> question_core("财务问我，这些电脑最少按几年折旧？")
    '这些电脑最少按几年折旧？'
    """
    parts = []
    for clauses in asking_clauses(question):
        core = clauses[-1]
        before = clauses[-2] if len(clauses) > 1 else ""
        if (
            before
            and not _SPEECH_FRAME.fullmatch(before)
            and (len(core.strip("？?！! ")) < 6 or _POINTS_BACK.search(core))
        ):
            core = f"{clauses[-2]}，{core}"
        parts.append(core)
    return "".join(parts)


def question_topic(question: str) -> str:
    """What the asking sentences are about: their last two clauses ("政府采购预留份额，法律要求占多少？")."""
    return "".join(sentence_topics(question))


def sentence_topics(question: str) -> list[str]:
    """What each asking sentence is about: its last two clauses (``question_topic`` sentence by sentence)."""
    return ["，".join(clauses[-2:]) for clauses in asking_clauses(question)]

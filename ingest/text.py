"""The text of a policy document as numbered lines, and the general Chinese forms its lines take.

Input quirks are normalised here, once: CRLF, BOM, full-width and non-breaking spaces, markdown
heading markers and comments (the library's .md files), ASCII commas between Chinese words, and
paragraphs cut by a page break (专 / 线). Nothing here knows any particular document.

    >>> [(line.number, line.text) for line in lines("## 第一章　总　　则\\r\\n\\r\\n第一条 内容,见下")]
    [(1, '第一章 总则'), (3, '第一条 内容，见下')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest.numerals import cn_to_int

CN_NUM = "[零〇一二三四五六七八九十百千两]+"
NUM = rf"(?:{CN_NUM}|\d{{1,3}})"

# Lines that start a unit of structure.
CHAPTER = re.compile(rf"^第({NUM})章(?:\s+|(?=[\u4e00-\u9fff]))([^，。；：]{{0,30}})$")
SUBCHAPTER = re.compile(rf"^第({NUM})节(?:\s+|(?=[\u4e00-\u9fff]))([^，。；：]{{0,30}})$")
ARTICLE = re.compile(rf"^第({NUM})条(?:\s+|(?![\s，、。：；]|规定|所称|第|和|至|或))(.*)$")
PART = re.compile(rf"^({CN_NUM})、\s*(\S.*)$")
ITEM = re.compile(rf"^[（(]({NUM})[)）]\s*(.*)$")
SUBITEM = re.compile(r"^(\d{1,2})\s*[．.、]\s*(\S.*)$")
STRUCTURAL = (CHAPTER, SUBCHAPTER, ARTICLE, PART, ITEM, SUBITEM)

# Header and trailer lines.
DATED_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")  # also header lines: 2019年10月22日 …公布
DATE_ONLY = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
DOC_NUMBER = re.compile(r"^([\u4e00-\u9fff]{1,15}?)\s*[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(?:第\s*)?(\d{1,4})\s*号$")
PUBLISHED_MARK = re.compile(r"^[（(]此件[^）)]*[）)]$")  # （此件公开发布）

_COMPLETE_END = "。：:；;）)》”！？!?"
_ASCII_COMMA = re.compile(r"(?<=[\u4e00-\u9fff”》）)]),\s*(?=\S)")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s*")
_HTML_COMMENT = re.compile(r"^<!--.*-->$")
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line of the source text where the paragraph starts
    text: str


def normalise(text: str) -> str:
    """Unify line ends and spaces, and restore full-width commas between Chinese words.

    >>> normalise("a\\r\\nb\\u3000c\\ufeff 中,小")
    'a\\nb c 中，小'
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    text = _ASCII_COMMA.sub("，", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def compact_heading(text: str) -> str:
    """'总 则' → '总则': spaces a typesetter put between the characters of a heading.

    >>> compact_heading("应纳税 所得额")
    '应纳税所得额'
    """
    return _SPACE_BETWEEN_CJK.sub("", text.strip())


def is_cut(paragraph: str) -> bool:
    """A paragraph that stops without closing punctuation: the next one continues it.

    >>> is_cut("发挥服务热线“小微企业服务专"), is_cut("制定本法。")
    (True, False)
    """
    return bool(paragraph) and paragraph[-1] not in _COMPLETE_END


def is_structural(text: str) -> bool:
    return any(p.match(text) for p in STRUCTURAL) or bool(DATED_LINE.match(text) or DOC_NUMBER.match(text))


def lines(text: str) -> list[Line]:
    """Non-empty paragraphs with their source line numbers; markdown markers dropped, headings
    compacted, and paragraphs cut by a page break joined back.

    A long paragraph that does not end with closing punctuation continues in the next one unless
    that one starts a unit of structure.
    """
    out: list[Line] = []
    for number, raw in enumerate(normalise(text).split("\n"), start=1):
        if not raw or _HTML_COMMENT.match(raw):
            continue
        content = _MARKDOWN_HEADING.sub("", raw).strip()
        if not content:
            continue
        if (m := CHAPTER.match(content) or SUBCHAPTER.match(content)) and len(content) <= 40:
            content = f"{content[: m.start(2)].strip()} {compact_heading(m.group(2))}".strip()
        previous = out[-1].text if out else ""
        if previous and len(previous) > 40 and is_cut(previous) and not is_structural(content):
            out[-1] = Line(out[-1].number, previous + content)
        else:
            out.append(Line(number, content))
    return out


def parse_number(token: str) -> int:
    """'12' or '十二' or '一百零五' → the number.

    >>> parse_number("一百三十二"), parse_number("07"), parse_number("两")
    (132, 7, 2)
    """
    token = token.strip()
    return int(token) if token.isdigit() else cn_to_int(token.replace("两", "二").replace("〇", "零"))

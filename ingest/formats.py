"""Policy document files → plain text: .txt/.md, .docx, .pdf and saved .html pages.

``extract_text(data, filename)`` returns the document's paragraphs one per line, in reading
order, for ``ingest.parse`` to take over. Everything here is a pure function of the bytes; the
format libraries (python-docx, pdfplumber, lxml) are imported only by the function that needs them.

>>> extract_text("第一条 为了促进中小企业发展，制定本法。".encode(), "law.txt")
'第一条 为了促进中小企业发展，制定本法。'
"""

from __future__ import annotations

import codecs
import io
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml.html import HtmlElement

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")


class FormatError(ValueError):
    """The file cannot be turned into text; the message names the file, the problem and the remedy.

    >>> str(FormatError("a.doc: unsupported file type '.doc'; save it as .docx"))
    "a.doc: unsupported file type '.doc'; save it as .docx"
    """


def extract_text(data: bytes, filename: str) -> str:
    """Plain text of a policy document file: one paragraph per line (blank lines allowed between), in reading order.

    The suffix of ``filename`` picks the format; FormatError says why a file cannot be read.

    >>> extract_text("\\ufeff# 标题\\n\\n正文。".encode(), "doc.md")
    '# 标题\\n\\n正文。'
    >>> extract_text(b"x", "scan.tiff")
    Traceback (most recent call last):
    ...
    ingest.formats.FormatError: scan.tiff: unsupported file type '.tiff'; save the document as one of .txt, .md, .docx, .pdf, .html, .htm and upload it again
    """
    name = PurePath(filename).name or filename
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "(no suffix)"
        raise FormatError(
            f"{name}: unsupported file type {shown}; save the document as one of "
            f"{', '.join(SUPPORTED_SUFFIXES)} and upload it again"
        )
    if not data.strip():
        raise FormatError(f"{name} is empty (no text at all); upload the file that holds the document text")
    if suffix in (".txt", ".md"):
        return _plain_text(data, name)
    if suffix == ".docx":
        text = _docx_text(data, name)
    elif suffix == ".pdf":
        text = _pdf_text(data, name)
    else:
        text = _html_text(data, name)
    if not text.strip():
        raise FormatError(f"{name} is empty: it holds no text paragraphs; check that this is the right file")
    return text


# ---------------------------------------------------------------------------------------------
# .txt / .md

_CJK_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Ideographs, CJK and full-width punctuation, and the general punctuation Chinese text uses (“”…—·).
_CJK_TEXTLIKE = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2010-\u2027\u2030-\u205e·×÷]"
)
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _plain_text(data: bytes, name: str) -> str:
    """Decode a .txt/.md file: UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030 Chinese text.

    >>> _plain_text("中小企业促进法".encode("gb18030"), "gbk.txt")
    '中小企业促进法'
    >>> _plain_text(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "image.txt")
    Traceback (most recent call last):
    ...
    ingest.formats.FormatError: image.txt is a binary file (it contains NUL bytes), not text; upload the document itself as .txt, .md, .docx, .pdf or .html
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data:
            raise FormatError(
                f"{name} is a binary file (it contains NUL bytes), not text; "
                "upload the document itself as .txt, .md, .docx, .pdf or .html"
            )
        text = _decode_text_bytes(data, name)
    if len(_BAD_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise FormatError(
            f"{name} is a binary file (full of control characters), not text; "
            "upload the document itself as .txt, .md, .docx, .pdf or .html"
        )
    if not text.strip():
        raise FormatError(f"{name} is empty (no text at all); upload the file that holds the document text")
    return text


def _decode_text_bytes(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # A UTF-8 file with a few broken bytes (cut short, one bad copy) is still UTF-8: GB18030 would
    # turn every Chinese character of it into other, wrong Chinese characters.
    lenient = data.decode("utf-8-sig", errors="replace")
    broken = lenient.count("\ufffd")
    decoded = sum(1 for c in lenient if ord(c) > 0x7F) - broken
    if broken <= max(1, len(lenient) // 1000) and decoded >= 20 * broken:
        return lenient
    for errors in ("strict", "replace"):
        try:
            text = data.decode("gb18030", errors=errors)
        except UnicodeDecodeError:
            continue
        if text.count("\ufffd") <= len(text) // 1000 and _clearly_chinese(text):
            return text
    raise FormatError(
        f"{name} is not UTF-8 or GB18030 (GBK) Chinese text (most of it cannot be decoded); "
        "save it as UTF-8 text, or upload the original .docx/.pdf"
    )


def _clearly_chinese(text: str) -> bool:
    """Most non-ASCII characters are Chinese ideographs or Chinese punctuation.

    >>> _clearly_chinese("第一条 本法所称中小企业，是指……"), _clearly_chinese("Ã©Ã¨ Ã¼")
    (True, False)
    """
    non_ascii = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if not non_ascii:
        return False
    ideographs = sum(1 for c in non_ascii if _CJK_IDEOGRAPH.match(c))
    textlike = sum(1 for c in non_ascii if _CJK_TEXTLIKE.match(c))
    return ideographs >= 0.5 * len(non_ascii) and textlike >= 0.9 * len(non_ascii)


# ---------------------------------------------------------------------------------------------
# Joining pieces of one paragraph

_ASCII_WORD_END = re.compile(r"[A-Za-z0-9,.;:!?)\]]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9(\[]")


def _join(left: str, right: str) -> str:
    """Join two pieces of one paragraph: no space between Chinese, one between Latin words or where one was.

    >>> _join("中小企业", "促进法"), _join("the State", "Council"), _join("办公室 ", "关于")
    ('中小企业促进法', 'the State Council', '办公室 关于')
    """
    if left[-1:].isspace() or right[:1].isspace():
        return f"{left.rstrip()} {right.lstrip()}" if left.strip() and right.strip() else left.strip() + right.strip()
    if left and right and _ASCII_WORD_END.search(left) and _ASCII_WORD_START.match(right):
        return f"{left} {right}"
    return left + right


def _join_all(pieces: Iterable[str]) -> str:
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if piece:
            out = _join(out, piece)
    return out


# ---------------------------------------------------------------------------------------------
# .docx

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _docx_text(data: bytes, name: str) -> str:
    """Body paragraphs (and table rows, cells joined by a space) in document order."""
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(_OLE_MAGIC):
        raise FormatError(
            f"{name} is an old Word .doc file or a password-protected .docx, not a plain .docx; "
            "open it in Word or WPS, remove any password and save it as .docx"
        )
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FormatError(
            f"{name} is not a readable .docx file ({type(exc).__name__}); open it in Word or WPS and save it again as .docx"
        ) from exc
    return "\n".join(line for line in _docx_blocks(document.element.body) if line)


def _docx_blocks(container: Any) -> Iterator[str]:
    from docx.oxml.ns import qn

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield _docx_paragraph(child)
        elif child.tag == qn("w:tbl"):
            for row in child.iterchildren(qn("w:tr")):
                cells = (" ".join(_docx_blocks(tc)) for tc in row.iterchildren(qn("w:tc")))
                yield " ".join(cell for cell in cells if cell)
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _docx_blocks(child)


def _docx_paragraph(p: Any) -> str:
    """The paragraph's text on one line: runs, hyperlinks, fields and insertions; not deletions or text boxes."""
    from docx.oxml.ns import qn

    text_tags = {qn("w:t"): None, qn("w:tab"): " ", qn("w:noBreakHyphen"): "-", qn("w:softHyphen"): ""}
    break_tags = {qn("w:br"), qn("w:cr")}
    skip = {
        qn("w:del"),
        qn("w:txbxContent"),
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
        qn("w:pPr"),
        qn("w:rPr"),
    }
    pieces = [""]

    def walk(element: Any) -> None:
        for node in element.iterchildren():
            tag = node.tag
            if not isinstance(tag, str) or tag in skip:
                continue
            if tag in text_tags:
                replacement = text_tags[tag]
                pieces[-1] += (node.text or "") if replacement is None else replacement
            elif tag in break_tags:
                if node.get(qn("w:type")) not in ("page", "column"):
                    pieces.append("")
            else:
                walk(node)

    walk(p)
    return _join_all(pieces)


# ---------------------------------------------------------------------------------------------
# .pdf


@dataclass
class _Line:
    """One visual line of a PDF page (coordinates in points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    page_height: float


def _pdf_text(data: bytes, name: str) -> str:
    """The text layer, page furniture dropped, visual lines joined back into paragraphs."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    pages: list[list[_Line]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages):
                visible = [
                    c
                    for c in page.chars
                    if c["x1"] > 0 and c["x0"] < page.width and c["bottom"] > 0 and c["top"] < page.height
                ]
                pages.append(_page_lines(visible, number, float(page.height)))
    except (PdfminerException, PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError) as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise FormatError(
                f"{name} is an encrypted PDF that cannot be opened without a password; "
                "save an unprotected copy (print to PDF, or remove the password) and upload that"
            ) from exc
        raise FormatError(f"{name} is not a readable PDF ({cause}); save or export it again as PDF") from exc
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
        raise FormatError(f"{name} is not a readable PDF ({exc}); save or export it again as PDF") from exc
    lines = [line for page in pages for line in page]
    text_chars = sum(len(re.sub(r"\s", "", line.text)) for line in lines)
    if text_chars == 0:
        raise FormatError(
            f"{name} has no text layer (a scanned or image-only PDF); run OCR on it first "
            "(e.g. ocrmypdf with chi_sim) or upload the original .docx"
        )
    unmapped = sum(len(m) for line in lines for m in re.findall(r"\(cid:\d+\)", line.text))
    if unmapped > 0.3 * text_chars:
        raise FormatError(
            f"{name} has a text layer without Unicode mappings (its fonts give only glyph numbers); "
            "run OCR on it first or upload the original .docx"
        )
    paragraphs = _pdf_paragraphs(_drop_page_furniture(pages))
    return "\n".join(paragraphs)


def _page_lines(chars: list[dict[str, Any]], page: int, height: float) -> list[_Line]:
    """Group the page's characters into visual lines, top to bottom, left to right."""
    if not chars:
        return []
    upright = [c for c in chars if c.get("upright", True)]
    if len(upright) >= len(chars) / 2:  # rotated watermark text is dropped, rotated pages kept
        chars = upright
    groups: list[list[dict[str, Any]]] = []
    bands: list[tuple[float, float]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        for index in range(len(groups) - 1, max(-1, len(groups) - 4), -1):
            top, bottom = bands[index]
            if top <= middle <= bottom:
                groups[index].append(char)
                if not char["text"].isspace():
                    bands[index] = (min(top, char["top"]), max(bottom, char["bottom"]))
                break
        else:
            groups.append([char])
            bands.append((char["top"], char["bottom"]))
    lines = [_make_line(group, page, height) for group in groups]
    return sorted((line for line in lines if line is not None), key=lambda line: line.top)


def _make_line(chars: list[dict[str, Any]], page: int, height: float) -> _Line | None:
    ordered = sorted(chars, key=lambda c: c["x0"])
    chars = []
    for char in ordered:  # fake bold: the same glyph drawn again a fraction of a point away
        if any(
            c["text"] == char["text"]
            and abs(c["x0"] - char["x0"]) < 0.25 * char["size"]
            and abs(c["top"] - char["top"]) < 0.25 * char["size"]
            for c in chars[-3:]
        ):
            continue
        chars.append(char)
    ink = [c for c in chars if not c["text"].isspace()]
    if not ink:
        return None
    text = ""
    previous: dict[str, Any] | None = None
    for char in chars:
        if previous is not None and not char["text"].isspace() and not previous["text"].isspace():
            gap = char["x0"] - previous["x1"]
            if gap > 0.5 * max(char["size"], previous["size"]):
                text += " "
        text += char["text"]
        previous = char
    return _Line(
        text=text,
        x0=min(c["x0"] for c in ink),
        x1=max(c["x1"] for c in ink),
        top=min(c["top"] for c in ink),
        bottom=max(c["bottom"] for c in ink),
        size=statistics.median(c["size"] for c in ink),
        page=page,
        page_height=height,
    )


_PAGE_NUMBER = re.compile(
    r"^(?:[-–—－~\s]*\d+[-–—－~\s]*"  # 3, - 3 -, — 3 —
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"  # 第 3 页, 第3页 共12页
    r"|\d+\s*/\s*\d+"  # 3/12
    r"|(?:page\s*)?\d+\s*(?:of|/)\s*\d+|page\s*\d+)$",  # Page 3 of 12
    re.IGNORECASE,
)


def _is_page_number(text: str) -> bool:
    """A page-number line: "- 3 -", "第 3 页", "3/12", "Page 3 of 12", a bare number.

    >>> [_is_page_number(t) for t in ("- 3 -", "— 12 —", "第 3 页 共 9 页", "3/12", "7", "第三条", "2019年")]
    [True, True, True, True, True, False, False]
    """
    import unicodedata

    return bool(_PAGE_NUMBER.match(unicodedata.normalize("NFKC", text).strip()))


def _furniture_key(line: _Line, from_top: bool) -> tuple[str, int]:
    """What repeats on every page: the text (page numbers masked) at the same height."""
    masked = re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))
    y = line.top if from_top else line.page_height - line.bottom
    return masked, round(y / 2)


def _drop_page_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop running headers/footers (the same text at the same height on half the pages) and page numbers."""
    counts: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        keys = {_furniture_key(line, True) for line in lines[:2]} | {_furniture_key(line, False) for line in lines[-2:]}
        counts.update(keys)
    threshold = max(2, len(pages) / 2)
    out: list[list[_Line]] = []
    for lines in pages:
        kept = list(lines)
        for edge in (slice(0, 2), slice(-2, None)):
            from_top = edge.start == 0
            for line in lines[edge]:
                if counts[_furniture_key(line, from_top)] >= threshold and line in kept:
                    kept.remove(line)
        while kept and _is_page_number(kept[-1].text):
            kept.pop()
        while kept and _is_page_number(kept[0].text):
            kept.pop(0)
        out.append(kept)
    return out


def _robust_edge(values: list[float], tolerance: float, lowest: bool) -> float:
    """The outermost value that at least three lines share (within tolerance): the text block's edge.

    >>> _robust_edge([90.0, 90.2, 122.0, 90.1, 40.0], 8.0, lowest=True)
    90.0
    """
    ordered = sorted(values, reverse=not lowest)
    support = min(3, len(ordered))
    for value in ordered:
        if sum(1 for v in ordered if abs(v - value) <= tolerance) >= support:
            return value
    return ordered[0]


_SENTENCE_END = re.compile(r"[。！？；：!?;:][”’」』）)》]*\s*$")


def _pdf_paragraphs(pages: list[list[_Line]]) -> list[str]:
    """Join visual lines into paragraphs by layout alone.

    A line continues in the next one when it runs to (near) the right edge of the text block, the
    next line starts at the left edge (no first-line indent, not centred) in the same font size, and
    no extra vertical space separates them. In justified text "near" means at the edge; in ragged
    text, within a few characters, and in a document without first-line indents, a line at least one
    character short of the edge that ends a sentence (。；： …) ends its paragraph. Wrapped
    display titles (larger than the body text and centred) continue in the next centred line.
    """
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    body_size = Counter(round(line.size, 1) for line in lines for _ in line.text).most_common(1)[0][0]
    em = body_size
    left = _robust_edge([line.x0 for line in lines], 0.5 * em, lowest=True)
    right = _robust_edge([line.x1 for line in lines], em, lowest=False)
    shift = {}
    for page in pages:
        if len(page) >= 5:  # mirrored margins: a page whose whole text block sits elsewhere
            page_left = _robust_edge([line.x0 for line in page], 0.5 * em, lowest=True)
            if abs(page_left - left) > 0.5 * em and sum(abs(line.x0 - page_left) < 0.5 * em for line in page) >= 3:
                shift[page[0].page] = page_left - left
    indents = sum(1 for line in lines if 1.5 * em <= line.x0 - left - shift.get(line.page, 0) <= 2.6 * em)
    indented = indents >= max(2, 0.05 * len(lines))
    deficits = [right + shift.get(line.page, 0) - line.x1 for line in lines]
    near = sum(1 for d in deficits if d < em)
    # Justified text: lines that continue end exactly at the edge, so any visible shortfall ends a paragraph.
    justified = near >= 5 and sum(1 for d in deficits if d <= 0.1 * em) >= 0.85 * near
    # Ragged text: a continuing line may end short of the edge when a long number or a line-breaking
    # rule pushed characters down. With first-line indents marking paragraphs, allow more of that;
    # without them, a line that is clearly short and ends a sentence ends its paragraph.
    tolerance = 0.3 * em if justified else (4 if indented else 3) * em
    ratios = sorted(
        (b.top - a.bottom) / a.size
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and b.top > a.bottom and abs(a.size - body_size) < 0.1 * body_size
    )
    usual = ratios[len(ratios) // 4] if ratios else 1.0  # line spacing inside paragraphs, in font sizes
    paragraph_gap = usual + max(0.35, 0.5 * usual)

    def continues(a: _Line, b: _Line) -> bool:
        a_left, a_right = left + shift.get(a.page, 0), right + shift.get(a.page, 0)
        b_left, b_right = left + shift.get(b.page, 0), right + shift.get(b.page, 0)
        if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
            return False
        if a.page == b.page and b.top - a.bottom > paragraph_gap * a.size:
            return False
        deficit = a_right - a.x1
        display = a.size > body_size * 1.1
        if deficit > (2 * a.size if display else tolerance):
            return False
        if not indented and deficit >= a.size and _SENTENCE_END.search(a.text):
            return False
        if b.x0 <= b_left + 0.5 * b.size:
            return True
        centred = abs((b.x0 - b_left) - (b_right - b.x1)) <= b.size
        return display and centred and a.x0 <= a_left + 1.5 * a.size

    paragraphs = [lines[0].text]
    for previous, line in itertools.pairwise(lines):
        if continues(previous, line):
            paragraphs[-1] = _join(paragraphs[-1], line.text)
        else:
            paragraphs.append(line.text)
    return [paragraph.strip() for paragraph in paragraphs]


# ---------------------------------------------------------------------------------------------
# .html / .htm

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}
_DROP_TAGS = frozenset(
    "script style noscript template nav aside iframe select button input textarea svg canvas object embed"
    " audio video map menu head title link meta".split()
)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure"
    " form h1 h2 h3 h4 h5 h6 header footer hr li main nav ol p pre section summary table tbody thead tfoot tr ul"
    " td th".split()
)
_MENU_HINTS = ("breadcrumb", "crumb", "navbar", "menu", "sidebar", "footer", "copyright", "toolbar", "share")
_MENU_TOKENS = frozenset({"nav", "navigation", "foot", "banner", "skip", "topbar"})
_MENU_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"})


def _html_charset(data: bytes) -> str:
    """The page's declared charset (BOM, then meta charset or http-equiv), UTF-8 by default.

    >>> _html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    'gb18030'
    >>> _html_charset(b"<p>no declaration</p>")
    'utf-8'
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    match = _META_CHARSET.search(data[:65536])
    if match:
        label = match.group(1).decode("ascii", "replace").lower()
        label = _CHARSET_ALIASES.get(label, label)
        try:
            return codecs.lookup(label).name if label != "utf-8-sig" else label
        except LookupError:
            pass
    return "utf-8"


def _decode_html(data: bytes) -> str:
    declared = _html_charset(data)
    for encoding in dict.fromkeys((declared, "utf-8", "gb18030")):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode(declared, errors="replace")


def _weight(text: str | None) -> int:
    """How much a piece of text counts towards being the page's content: its Chinese characters.

    >>> _weight("第一条 Article 1")
    3
    """
    if not text:
        return 0
    return len(_CJK_IDEOGRAPH.findall(text))


def _html_text(data: bytes, name: str) -> str:
    """Block-level text of the page's main content, one block per line."""
    import lxml.html
    from lxml import etree

    text = _decode_html(data)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise FormatError(f"{name} is not a readable HTML page ({exc}); save the page again as HTML") from exc
    weigh: Callable[[str | None], int] = _weight
    if not _CJK_IDEOGRAPH.search(root.text_content()):
        weigh = _letters
    _clean(root, weigh)
    content = _main_content(root, weigh)
    lines = _html_lines(content)
    title = _title_before(root, content, lines)
    if title:
        lines.insert(0, title)
    return "\n".join(lines)


def _letters(text: str | None) -> int:
    """The weight on a page without Chinese: its letters and digits."""
    return sum(1 for c in text or "" if c.isalnum())


def _clean(root: HtmlElement, weigh: Callable[[str | None], int]) -> None:
    """Drop comments, scripts, styles, hidden parts, navigation and menus; keep what holds the text."""
    from lxml import etree

    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _drop_keep_tail(node)
    total = max(1, weigh(root.text_content()))
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if _is_boilerplate(element) and weigh(element.text_content()) < 0.3 * total:
            _drop_keep_tail(element)


def _drop_keep_tail(node: Any) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _is_boilerplate(element: HtmlElement) -> bool:
    tag = element.tag
    if tag in _DROP_TAGS:
        return True
    if tag in ("header", "footer", "form"):
        # A page header/footer is boilerplate; an article's own <header> holds its title.
        return tag == "form" or not any(a.tag in ("article", "main") for a in element.iterancestors())
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", element.get("style", ""), re.IGNORECASE):
        return True
    if (element.get("role") or "").lower() in _MENU_ROLES:
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    tokens = set(re.split(r"[\s_\-]+", names))
    return bool(tokens & _MENU_TOKENS) or any(hint in names for hint in _MENU_HINTS)


def _owner(element: HtmlElement) -> HtmlElement:
    """The nearest block-level element (itself or an ancestor) whose inline flow holds element's text."""
    node = element
    while node.tag not in _BLOCK_TAGS and node.getparent() is not None:
        node = node.getparent()
    return node


def _in_link(element: HtmlElement) -> bool:
    return element.tag == "a" or any(a.tag == "a" for a in element.iterancestors())


def _main_content(root: HtmlElement, weigh: Callable[[str | None], int]) -> HtmlElement:
    """The element whose paragraphs hold the most non-link text (readability-style scoring)."""
    own: Counter[HtmlElement] = Counter()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.text and not _in_link(element):
            own[_owner(element)] += weigh(element.text)
        parent = element.getparent()
        if element.tail and parent is not None and not _in_link(parent):
            own[_owner(parent)] += weigh(element.tail)
    score: Counter[HtmlElement] = Counter()
    for block, weight in own.items():
        if not weight:
            continue
        # A <p> is one paragraph of its parent; a div whose text is split by <br>s holds paragraphs itself.
        children = [c.tag for c in block.iterchildren() if isinstance(c.tag, str)]
        holds_paragraphs = any(tag in _BLOCK_TAGS for tag in children) or (
            block.tag != "p" and children.count("br") >= 2
        )
        container = block if holds_paragraphs or block.getparent() is None else block.getparent()
        score[container] += weight
        grandparent = container.getparent()
        if grandparent is not None:
            score[grandparent] += weight / 2
    if not score:
        return root
    best = max(score, key=lambda e: (score[e], sum(1 for _ in e.iterancestors())))
    return best


def _html_lines(content: HtmlElement) -> list[str]:
    """Text of the element, one line per block (p, div, h1–h6, li, tr …) and per <br>."""
    parts: list[str] = []

    def flow(text: str, pre: bool) -> str:
        return text if pre else re.sub(r"[ \t\r\n\f]+", " ", text)

    def walk(node: HtmlElement, pre: bool) -> None:
        tag = node.tag
        if tag == "br":
            parts.append("\n")
            return
        block = tag in _BLOCK_TAGS and tag not in ("td", "th")
        parts.append("\n" if block else " " if tag in ("td", "th") else "")
        pre = pre or tag in ("pre", "textarea")
        if node.text:
            parts.append(flow(node.text, pre))
        for child in node.iterchildren():
            if isinstance(child.tag, str):
                walk(child, pre)
            if child.tail:
                parts.append(flow(child.tail, pre))
        parts.append("\n" if block else " " if tag in ("td", "th") else "")

    walk(content, False)
    lines = (re.sub(r" {2,}", " ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _title_before(root: HtmlElement, content: HtmlElement, lines: list[str]) -> str:
    """The page's title just before the content, when the content does not repeat it: an <h1>, else
    the last block with "title" in its class or id, else the last centred block."""
    scope = content.getparent()
    if scope is not None and scope.getparent() is not None:
        scope = scope.getparent()
    if scope is None:
        return ""
    inside = set(content.iter())
    order = {element: index for index, element in enumerate(root.iter())}
    before = [e for e in scope.iter() if isinstance(e.tag, str) and e not in inside and order[e] < order[content]]
    marked = [
        e
        for e in before
        if e.tag in _BLOCK_TAGS and "title" in re.split(r"[\s_\-]+", f"{e.get('class', '')} {e.get('id', '')}".lower())
    ]
    centred = [
        e
        for e in before
        if e.tag in _BLOCK_TAGS
        and (
            (e.get("align") or "").lower() == "center"
            or re.search(r"text-align\s*:\s*center", e.get("style", ""), re.I)
        )
        and not _in_link(e)
        and 4 <= len(e.text_content().strip()) <= 120
    ]
    candidates = [e for e in before if e.tag == "h1"] or marked[-1:] or centred[-1:]
    if not candidates:
        return ""
    title = re.sub(r"\s+", " ", candidates[0].text_content()).strip()
    opening = re.sub(r"\s+", "", "".join(lines[:8]))[:400]
    if not title or len(title) > 120 or re.sub(r"\s+", "", title) in opening:
        return ""
    return title

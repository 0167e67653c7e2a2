"""Test helpers: a plain policy text (one paragraph per line) → realistic .docx, .pdf and .html files.

How the lines are read (``blocks``): blank lines are skipped; the first line is the title; lines with
a markdown heading marker ("## 第一章 总则") or of the form "第…章"/"第…节" are headings; "<!-- … -->"
lines are markdown comments, which only HTML can carry (as HTML comments); every other line is a
body paragraph. A trailing "<issuer> / 2019年1月22日" pair is set as the signature block.

>>> [(b.kind, b.text) for b in blocks("# 条例\\n\\n<!-- INFO END -->\\n## 第一章 总则\\n第一条 内容。")]
[('title', '条例'), ('comment', '<!-- INFO END -->'), ('heading', '第一章 总则'), ('body', '第一条 内容。')]
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇\d]+([章节])(?:\s|\u3000|$)")
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


@dataclass(frozen=True)
class Block:
    """One paragraph of the source: kind is "title", "heading", "body", "signature" or "comment"."""

    kind: str
    text: str
    level: int = 0


def blocks(text: str) -> list[Block]:
    """The source text's paragraphs, classified (see the module docstring)."""
    out: list[Block] = []
    for raw in text.replace("\ufeff", "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("<!--") and line.endswith("-->"):
            out.append(Block("comment", line))
            continue
        marker = _MARKDOWN_HEADING.match(line)
        level = 0
        if marker:
            level, line = len(marker.group(1)), marker.group(2).strip()
        if not any(b.kind == "title" for b in out):
            out.append(Block("title", line, 1))
        elif marker or (_CHAPTER.match(line) and len(line) <= 30):
            chapter = _CHAPTER.match(line)
            out.append(
                Block("heading", line, level - 1 if marker else 1 if chapter and chapter.group(1) == "章" else 2)
            )
        else:
            out.append(Block("body", line))
    # The signature block: an issuer line and a date line among the last three paragraphs.
    for index in range(len(out) - 1, max(0, len(out) - 4), -1):
        if out[index].kind == "body" and _DATE.match(out[index].text):
            out[index] = Block("signature", out[index].text)
            before = out[index - 1]
            if before.kind == "body" and len(before.text) <= 16 and before.text[-1] not in "。：；）":
                out[index - 1] = Block("signature", before.text)
            break
    return out


# ---------------------------------------------------------------------------------------------
# .docx


def to_docx(text: str, path: Path) -> Path:
    """A Word file as an office would write it: Title and Heading styles, 仿宋 body with first-line indents,
    runs split inside paragraphs, a running header and a PAGE field in the footer."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "FangSong"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = (
        Mm(28),
        Mm(26),
        Mm(37),
        Mm(35),
    )
    items = blocks(text)
    title = next((b.text for b in items if b.kind == "title"), "")
    section.header.paragraphs[0].text = title
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    footer._p.append(field)
    footer.add_run(" -")
    for block in items:
        if block.kind == "comment":
            continue
        if block.kind == "title":
            document.add_paragraph(block.text, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "heading":
            document.add_heading(block.text, level=min(max(block.level, 1), 9)).alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "signature":
            document.add_paragraph(block.text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(32)
            lead = re.match(r"^(第\S+条|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)", block.text)
            rest = block.text
            if lead:
                paragraph.add_run(lead.group(1)).bold = True
                rest = block.text[lead.end() :]
            for piece in re.findall(r"[^，。；]*[，。；]?", rest):
                if piece:
                    paragraph.add_run(piece)
    document.save(path)
    return path


# ---------------------------------------------------------------------------------------------
# .pdf

# Characters that may not start a line, and ones that may not end it (Chinese line-breaking rules).
_NO_LINE_START = set("，。、；：？！）》」』】〕”’…%,.;:?!)]")
_NO_LINE_END = set("（《「『【〔“‘([")
_TOKEN = re.compile(r"[A-Za-z0-9.%/:\-]+|.", re.DOTALL)


def _wrap(text: str, first: float, rest: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy line breaking with Latin words and numbers kept whole and 避头尾 punctuation rules.

    >>> _wrap("一二三，四五", 3, 3, len)
    ['一二', '三，四', '五']
    """
    lines: list[str] = []
    current: list[str] = []
    width, limit = 0.0, first
    for token in _TOKEN.findall(text):
        size = measure(token)
        if current and width + size > limit:
            carry: list[str] = []
            if token[0] in _NO_LINE_START and len(current) > 1:
                carry.append(current.pop())
            while len(current) > 1 and current[-1][-1] in _NO_LINE_END:
                carry.insert(0, current.pop())
            lines.append("".join(current))
            current, width, limit = carry, sum(measure(t) for t in carry), rest
        current.append(token)
        width += size
    if current:
        lines.append("".join(current))
    return lines


def to_pdf(text: str, path: Path, *, user_password: str | None = None, owner_password: str | None = None) -> Path:
    """A 公文-style A4 PDF with a real text layer (WenQuanYi Micro Hei, embedded as a subset).

    28/26 mm side margins, 16 pt body with a 2-character first-line indent on a 22-line grid,
    ragged right with Chinese line-breaking rules, long paragraphs running over page breaks, a 22 pt
    centred title (wrapped when long), centred chapter headings in fake bold (the text drawn twice,
    0.4 pt apart, as some producers do), a right-aligned signature block, a
    running header with the title on every page and "- N -" page numbers alternating right/left.
    With a password, the file is AES-128 encrypted (owner password alone: opens without one).
    """
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pt_per_mm = 72 / 25.4
    page_w, page_h = 210 * pt_per_mm, 297 * pt_per_mm
    left, right = 28 * pt_per_mm, page_w - 26 * pt_per_mm
    top, bottom = 37 * pt_per_mm, page_h - 35 * pt_per_mm
    pitch, body = 28.95, 16.0
    items = blocks(text)
    title = next((b.text for b in items if b.kind == "title"), "")

    pdf = FPDF(orientation="portrait", unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("wqy", fname=str(FONT))
    widths: dict[tuple[str, float], float] = {}

    def measure_at(size: float) -> Callable[[str], float]:
        def measure(token: str) -> float:
            key = (token, size)
            if key not in widths:
                pdf.set_font("wqy", size=size)
                widths[key] = pdf.get_string_width(token)
            return widths[key]

        return measure

    y = top

    def new_page() -> None:
        nonlocal y
        pdf.add_page()
        number = pdf.page_no()
        pdf.set_font("wqy", size=10.5)
        running = title[:24]
        pdf.text((page_w - pdf.get_string_width(running)) / 2, 20 * pt_per_mm, running)
        pdf.set_font("wqy", size=14)
        label = f"- {number} -"
        x = right - 14 - pdf.get_string_width(label) if number % 2 else left + 14
        pdf.text(x, bottom + 18 * pt_per_mm, label)
        y = top

    def put(line: str, size: float, x: float, *, bold: bool = False) -> None:
        nonlocal y
        if y + pitch > bottom:
            new_page()
        pdf.set_font("wqy", size=size)
        pdf.text(x, y + size, line)
        if bold:  # the font has no bold face: fake it the way some producers do, drawing the text twice
            pdf.text(x + 0.4, y + size, line)
        y += pitch

    new_page()
    width = right - left
    for block in items:
        if block.kind == "comment":
            continue
        if block.kind == "title":
            measure = measure_at(22)
            for line in _wrap(block.text, width, width, measure):
                put(line, 22, left + (width - measure(line)) / 2)
            y += pitch / 2
        elif block.kind == "heading":
            y += pitch / 2
            measure = measure_at(body)
            for line in _wrap(block.text, width, width, measure):
                put(line, body, left + (width - measure(line)) / 2, bold=True)
        elif block.kind == "signature":
            measure = measure_at(body)
            put(block.text, body, right - 4 * body - measure(block.text))
        else:
            measure = measure_at(body)
            for index, line in enumerate(_wrap(block.text, width - 2 * body, width, measure)):
                put(line, body, left + (2 * body if index == 0 else 0))
    if user_password is not None or owner_password is not None:
        pdf.set_encryption(
            owner_password=owner_password or user_password or "",
            user_password=user_password,
            encryption_method=EncryptionMethod.AES_128,
        )
    pdf.output(str(path))
    return path


def to_encrypted_pdf(text: str, path: Path, password: str = "secret") -> Path:
    """``to_pdf`` locked with a user password: it cannot be opened without it."""
    return to_pdf(text, path, user_password=password)


def to_image_pdf(text: str, path: Path) -> Path:
    """A scanned-looking PDF: the first lines of the text drawn into an A4 page image, no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (827, 1169), 255)  # A4 at 100 dpi
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 22)
    y = 110
    for block in blocks(text)[:12]:
        for start in range(0, len(block.text), 28):
            draw.text((100, y), block.text[start : start + 28], fill=0, font=font)
            y += 34
            if y > 1050:
                break
    page.save(path, "PDF", resolution=100.0)
    return path


# ---------------------------------------------------------------------------------------------
# .html

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
{charset}
<title>{title}_政策文件_中国政府网</title>
<meta name="keywords" content="{title}">
<link rel="stylesheet" href="/css/common.css">
<style>
  body {{ font-family: "Microsoft YaHei", sans-serif; }}
  .pages_content p {{ text-indent: 2em; line-height: 2; }}
</style>
<script src="/js/jquery.min.js"></script>
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="中华人民共和国中央人民政府"></a></div>
  <nav class="nav">
    <ul class="menu">
      <li><a href="/">首页</a></li><li><a href="/zhengce/">政策</a></li><li><a href="/hudong/">互动</a></li>
      <li><a href="/fuwu/">服务</a></li><li><a href="/shuju/">数据</a></li><li><a href="/guoqing/">国情</a></li>
    </ul>
  </nav>
  <div class="search"><form action="/search"><input name="q" value="请输入关键词"><button>搜索</button></form></div>
</header>
<div class="BreadcrumbNav">当前位置：<a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; <a href="/zhengce/zuixin.htm">最新</a></div>
<div class="main">
  <table class="policyLibraryOverview_header">
    <tr><td>索&nbsp;&nbsp;引&nbsp;&nbsp;号：</td><td>000014349/2019-00025</td><td>主题分类：</td><td>财政、金融、审计</td></tr>
    <tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2019年01月22日</td></tr>
  </table>
  <div class="article oneColumn pub_border">
    <h1>{title}</h1>
    <div class="pages-date">发布时间：2019-02-14 17:45 来源：中国政府网 <span class="font">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span></div>
    <div class="pages_content" id="UCAP-CONTENT">
{content}
    </div>
    <div class="editor">【我要纠错】 责任编辑：王洋</div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
  </div>
  <aside class="related">
    <h3>相关稿件</h3>
    <ul>
      <li><a href="/zhengce/1.htm">国务院关于促进融资担保行业加快发展的意见</a><span>2015-08-13</span></li>
      <li><a href="/zhengce/2.htm">国务院常务会议部署进一步支持小微企业发展</a><span>2018-06-20</span></li>
    </ul>
  </aside>
</div>
<footer class="footer">
  <p><a href="/about.htm">关于本网</a> | <a href="/contact.htm">网站声明</a> | <a href="/map.htm">网站地图</a></p>
  <p>版权所有：中国政府网 | 中文域名：中国政府网.政务</p>
  <p>网站标识码bm01000001 京ICP备05070218号 京公网安备11010202000001号</p>
  <p>Copyright © 2019 www.gov.cn All Rights Reserved</p>
</footer>
<script>
  var _hmt = _hmt || [];
  document.write("<span>中国政府网访问统计</span>");
</script>
</body>
</html>
"""


def to_html(text: str, path: Path, *, charset: str = "utf-8") -> Path:
    """A saved gov.cn-like policy page: header with a nav menu, breadcrumb, metadata table, the text in
    div#UCAP-CONTENT (<p> per paragraph, the first run of consecutive body paragraphs as one <br>-separated
    <p>, markdown comments as HTML comments), related links, a footer with copyright, a <script>.

    ``charset`` other than UTF-8 is declared the old http-equiv way and used to encode the file.
    """
    items = blocks(text)
    title = next((b.text for b in items if b.kind == "title"), "")
    run = _first_body_run(items)
    out: list[str] = []
    for index, block in enumerate(items):
        escaped = html.escape(block.text, quote=False)
        if block.kind == "comment":
            out.append(f"      {block.text}")
        elif block.kind in ("title", "heading"):
            out.append(f'      <p style="text-align: center;"><strong>{escaped}</strong></p>')
        elif block.kind == "signature":
            out.append(f'      <p style="text-align: right;">{escaped}</p>')
        elif index in run:
            if index == run[0]:
                joined = "<br>\n        ".join(f"\u3000\u3000{html.escape(items[i].text, quote=False)}" for i in run)
                out.append(f"      <p>\n        {joined}\n      </p>")
        else:
            out.append(f"      <p>\u3000\u3000{escaped}</p>")
    if charset.lower().replace("_", "-") in ("utf-8", "utf8"):
        declaration = '<meta charset="utf-8">'
    else:
        declaration = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    page = _PAGE.format(charset=declaration, title=html.escape(title, quote=True), content="\n".join(out))
    path.write_bytes(page.encode(charset, errors="xmlcharrefreplace"))
    return path


def _first_body_run(items: list[Block]) -> list[int]:
    """Indexes of the first two or three consecutive body paragraphs."""
    for start in range(len(items) - 1):
        if items[start].kind == items[start + 1].kind == "body":
            end = start + 2
            if end < len(items) and items[end].kind == "body":
                end += 1
            return list(range(start, end))
    return []

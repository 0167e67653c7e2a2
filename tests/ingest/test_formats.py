"""ingest.formats: every corpus document survives a round trip through .docx, .pdf and .html.

Each of the real documents in shared/corpus/policies is converted once per session (tests/ingest/
conversions.py) and read back with ``extract_text``. The comparison is on paragraph lists:

* source side: the .md/.txt file, one paragraph per line. Blank lines are dropped, and so are the
  markdown-only parts that a Word, PDF or web page cannot carry as text: ``<!-- … -->`` comment
  lines (HTML keeps them as comments, which are not text either) and the ``#``/``##`` heading
  markers (the converters turn them into title/heading styles; the heading text itself stays).
* both sides: each line stripped, empty lines dropped, and every run of white space (including the
  full-width U+3000 in "第一章　总　　则") collapsed to one ASCII space.

Nothing else is forgiven: the same paragraphs, in the same order, with the same characters.
"""

from __future__ import annotations

import codecs
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.formats import SUPPORTED_SUFFIXES, FormatError, extract_text
from ingest.parse import parse
from tests.ingest.conversions import FONT, to_docx, to_encrypted_pdf, to_html, to_image_pdf, to_pdf

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "policies"
DOCUMENTS = sorted(p.name for p in CORPUS.glob("*") if p.suffix in (".md", ".txt")) if CORPUS.is_dir() else []
CONVERTERS: dict[str, Callable[[str, Path], Path]] = {"docx": to_docx, "pdf": to_pdf, "html": to_html}
_MARKDOWN_COMMENT = re.compile(r"^<!--.*-->$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")

needs_corpus = pytest.mark.skipif(len(DOCUMENTS) < 14, reason=f"the policy corpus is not at {CORPUS}")


def source_paragraphs(source: str) -> list[str]:
    """The paragraphs a conversion must give back (see the module docstring)."""
    out = []
    for line in source.replace("\ufeff", "").splitlines():
        line = line.strip()
        if not line or _MARKDOWN_COMMENT.match(line):
            continue
        out.append(re.sub(r"\s+", " ", _MARKDOWN_HEADING.sub("", line)))
    return out


def extracted_paragraphs(text: str) -> list[str]:
    lines = (re.sub(r"\s+", " ", line.strip()) for line in text.splitlines())
    return [line for line in lines if line]


def read_source(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8-sig")


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    """converted(document, format) → the converted file, made once per session."""
    folder = tmp_path_factory.mktemp("converted")
    cache: dict[tuple[str, str], Path] = {}

    def convert(name: str, fmt: str) -> Path:
        if (name, fmt) not in cache:
            if fmt == "pdf" and not FONT.exists():
                pytest.skip(f"the CJK font {FONT} is missing: apt-get install fonts-wqy-microhei (make browser)")
            cache[name, fmt] = CONVERTERS[fmt](read_source(name), folder / f"{Path(name).stem}.{fmt}")
        return cache[name, fmt]

    return convert


def test_the_corpus_is_there() -> None:
    assert len(DOCUMENTS) == 14, f"expected the 14 policy documents in {CORPUS}"


@needs_corpus
@pytest.mark.parametrize("name", DOCUMENTS)
def test_plain_text_is_returned_unchanged(name: str) -> None:
    data = (CORPUS / name).read_bytes()
    assert extract_text(data, name) == data.decode("utf-8-sig")


@needs_corpus
@pytest.mark.parametrize("fmt", sorted(CONVERTERS))
@pytest.mark.parametrize("name", DOCUMENTS)
def test_round_trip_gives_the_same_paragraphs(name: str, fmt: str, converted: Callable[[str, str], Path]) -> None:
    path = converted(name, fmt)
    expected = source_paragraphs(read_source(name))
    got = extracted_paragraphs(extract_text(path.read_bytes(), path.name))
    assert expected, name
    assert got == expected


def _provisions(document: object) -> list[tuple]:
    return [(p.label, p.title, p.text, p.agencies, p.section) for p in document.provisions]  # type: ignore[attr-defined]


@needs_corpus
@pytest.mark.parametrize("fmt", sorted(CONVERTERS))
@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_converted_document_parses_to_the_same_provisions(
    name: str, fmt: str, converted: Callable[[str, str], Path]
) -> None:
    path = converted(name, fmt)
    doc_id = Path(name).stem
    expected = parse(read_source(name), doc_id)
    got = parse(extract_text(path.read_bytes(), path.name), doc_id)
    assert _provisions(got) == _provisions(expected)
    assert [d.heading for d in got.divisions] == [d.heading for d in expected.divisions]
    facts = ("title", "doc_number", "issuer", "issued", "effective", "repeals")
    assert [getattr(got.meta, f) for f in facts] == [getattr(expected.meta, f) for f in facts]


@needs_corpus
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed (make browser)")
def test_pdf_printed_by_chromium_justified_with_paragraph_spacing(tmp_path: Path) -> None:
    """A second PDF producer: Chromium's print, justified, no first-line indent, space between paragraphs,
    and Chromium's own running header and footer (date, the page title, the file URL, "2/8")."""
    import html

    name = "sme-promotion-law-2017.md"
    expected = source_paragraphs(read_source(name))
    body = "".join(
        f"<h1>{html.escape(p)}</h1>" if i == 0 else f"<p>{html.escape(p)}</p>" for i, p in enumerate(expected)
    )
    page = tmp_path / "page.html"
    page.write_text(
        f"<!doctype html><meta charset=utf-8><title>{html.escape(expected[0])}</title><style>@page{{size:A4;margin:25mm}}"
        "body{font-family:'WenQuanYi Micro Hei';font-size:12pt;line-height:1.6}"
        "h1{text-align:center;font-size:20pt}p{margin:0 0 .6em;text-align:justify}</style>" + body,
        encoding="utf-8",
    )
    pdf = tmp_path / "printed.pdf"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert extracted_paragraphs(extract_text(pdf.read_bytes(), pdf.name)) == expected


# --- plain text encodings -------------------------------------------------------------------


@needs_corpus
def test_gb18030_text_is_accepted() -> None:
    source = read_source("guofa-2018-39.txt")
    assert extract_text(source.encode("gb18030"), "guofa.txt") == source


def test_utf8_bom_and_utf16_text_are_accepted() -> None:
    text = "# 标题\r\n\r\n第一条 内容。\r\n"
    assert extract_text(codecs.BOM_UTF8 + text.encode(), "a.md") == text
    assert extract_text(text.encode("utf-16"), "a.txt") == text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",  # NUL bytes
        bytes(range(0x80, 0x100)) * 8,  # no NUL, but neither UTF-8 nor Chinese GB18030
        "café au lait, déjà vu".encode("latin-1"),  # Latin-1 is not a Chinese policy text
    ],
    ids=["nul", "high-bytes", "latin-1"],
)
def test_binary_or_undecodable_text_is_refused(data: bytes) -> None:
    with pytest.raises(FormatError, match=r"binary|not UTF-8 or GB18030") as caught:
        extract_text(data, "upload.txt")
    assert "upload.txt" in str(caught.value)


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["policy.doc", "scan.tiff", "policy", "archive.tar.gz"])
def test_unknown_suffix_lists_the_supported_ones(filename: str) -> None:
    with pytest.raises(FormatError, match="unsupported file type") as caught:
        extract_text("第一条".encode(), filename)
    message = str(caught.value)
    assert filename in message and all(suffix in message for suffix in SUPPORTED_SUFFIXES)


def test_suffix_is_case_insensitive() -> None:
    assert extract_text("第一条。".encode(), "LAW.TXT") == "第一条。"


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
@pytest.mark.parametrize("data", [b"", b" \r\n\t \n"], ids=["0-bytes", "whitespace"])
def test_empty_file_is_refused(suffix: str, data: bytes) -> None:
    with pytest.raises(FormatError, match="empty"):
        extract_text(data, f"upload{suffix}")


def test_bom_only_text_is_empty() -> None:
    with pytest.raises(FormatError, match="empty"):
        extract_text(codecs.BOM_UTF8 + "\u3000\n".encode(), "upload.txt")


@needs_corpus
def test_encrypted_pdf_needing_a_password_is_refused(tmp_path: Path) -> None:
    if not FONT.exists():
        pytest.skip(f"the CJK font {FONT} is missing")
    path = to_encrypted_pdf(read_source("guofa-2018-39.txt"), tmp_path / "locked.pdf")
    with pytest.raises(FormatError, match=r"encrypted PDF .*password"):
        extract_text(path.read_bytes(), path.name)


@needs_corpus
def test_pdf_encrypted_with_an_owner_password_only_opens(tmp_path: Path) -> None:
    if not FONT.exists():
        pytest.skip(f"the CJK font {FONT} is missing")
    source = read_source("guofa-2018-39.txt")
    path = to_pdf(source, tmp_path / "restricted.pdf", owner_password="owner")
    assert extracted_paragraphs(extract_text(path.read_bytes(), path.name)) == source_paragraphs(source)


@needs_corpus
def test_image_only_pdf_is_refused(tmp_path: Path) -> None:
    if not FONT.exists():
        pytest.skip(f"the CJK font {FONT} is missing")
    path = to_image_pdf(read_source("guofa-2018-39.txt"), tmp_path / "scan.pdf")
    with pytest.raises(FormatError, match=r"no text layer.*OCR"):
        extract_text(path.read_bytes(), path.name)


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("broken.pdf", b"%PDF-1.7\n1 0 obj garbage", "not a readable PDF"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable .docx"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "old Word .doc"),
    ],
)
def test_damaged_files_are_refused(filename: str, data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        extract_text(data, filename)


# --- format details ------------------------------------------------------------------------------


def test_docx_tables_soft_breaks_and_tracked_changes(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import OxmlElement

    document = Document()
    document.add_paragraph("附件：申报条件")
    broken = document.add_paragraph("第一条 企业应当")
    broken.add_run().add_break()
    broken.add_run("依法纳税。")
    table = document.add_table(rows=2, cols=3)
    for row, cells in zip(table.rows, [("序号", "项目", "金额"), ("1", "贷款贴息", "50万元")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    revised = document.add_paragraph("补助标准为")
    deleted = OxmlElement("w:del")
    run = OxmlElement("w:r")
    old = OxmlElement("w:delText")
    old.text = "三十万元"
    run.append(old)
    deleted.append(run)
    revised._p.append(deleted)
    inserted = OxmlElement("w:ins")
    run = OxmlElement("w:r")
    new = OxmlElement("w:t")
    new.text = "五十万元。"
    run.append(new)
    inserted.append(run)
    revised._p.append(inserted)
    path = tmp_path / "table.docx"
    document.save(path)
    assert extract_text(path.read_bytes(), path.name).splitlines() == [
        "附件：申报条件",
        "第一条 企业应当依法纳税。",
        "序号 项目 金额",
        "1 贷款贴息 50万元",
        "补助标准为五十万元。",
    ]


@needs_corpus
@pytest.mark.parametrize("charset", ["gbk", "gb2312", "GB18030"])
def test_html_in_a_chinese_legacy_charset(charset: str, tmp_path: Path) -> None:
    source = read_source("guofa-2018-39.txt")
    path = to_html(source, tmp_path / "page.htm", charset=charset)
    assert b"charset=" + charset.encode() in path.read_bytes()
    assert extracted_paragraphs(extract_text(path.read_bytes(), path.name)) == source_paragraphs(source)


def test_html_title_outside_the_content_and_a_page_wrapped_in_a_form() -> None:
    """An ASP.NET-style page: everything inside <form>; the title only in an <h1> above the text."""
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
    <title>关于支持小微企业的通知</title></head><body><form id="form1" method="post">
    <div id="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a></div>
    <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
    <div class="detail"><h1>关于支持小微企业的通知</h1><div class="info">发布日期：2024-05-06</div>
    <div class="con"><p>　　各区人民政府：</p><p>　　为支持小微企业发展，现将有关事项通知如下。</p>
    <p>　　一、对符合条件的小微企业给予贷款贴息。</p><p>　　二、本通知自发布之日起施行。</p></div></div>
    <div class="footer">主办：某市人民政府办公厅　版权所有</div></form></body></html>"""
    text = extract_text(page.encode("gb18030"), "notice.html")
    assert text.splitlines() == [
        "关于支持小微企业的通知",
        "各区人民政府：",
        "为支持小微企业发展，现将有关事项通知如下。",
        "一、对符合条件的小微企业给予贷款贴息。",
        "二、本通知自发布之日起施行。",
    ]


_NAV = '<div class="top"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>'
_HTML_LAYOUTS = {
    # Text split by <br> right in a div, the title in a div.title above it, print links below.
    "br-lines": f"""<html><head><meta charset="utf-8"></head><body>{_NAV}<div class="wrap">
        <div class="title">关于进一步支持中小企业发展的若干措施</div><div class="time">发布时间：2023-01-01</div>
        <div id="zoom">各有关单位：<br/>　　为进一步支持中小企业发展，制定以下措施。<br/>
        　　一、加大财政支持力度。<br/>　　二、本措施自印发之日起施行。<br/><br/>某市人民政府<br/>2023年1月1日</div>
        <div class="print"><a href="javascript:window.print()">【打印本页】</a></div></div>
        <div class="bottom">主办单位：某市人民政府办公室 备案号：京ICP备12345678号</div></body></html>""",
    # An old table layout: left menu in a cell, the title in a centred cell above the text.
    "table-layout": f"""<html><head><meta http-equiv="content-type" content="text/html;charset=gbk"></head>
        <body><table><tr><td colspan="2">{_NAV}</td></tr><tr><td><table><tr><td><a href="/l1">通知公告</a></td></tr>
        <tr><td><a href="/l2">政策法规</a></td></tr></table></td><td><table>
        <tr><td align="center"><b>关于进一步支持中小企业发展的若干措施</b></td></tr>
        <tr><td><p>各有关单位：</p><p>为进一步支持中小企业发展，制定以下措施。</p><p>一、加大财政支持力度。</p>
        <p>二、本措施自印发之日起施行。</p><p align="right">某市人民政府</p><p align="right">2023年1月1日</p></td></tr>
        </table></td></tr><tr><td colspan="2">版权所有 某市政府 地址：某市某路1号</td></tr></table></body></html>""",
    # XHTML with an XML declaration naming the charset.
    "xhtml": """<?xml version="1.0" encoding="gb2312"?>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"/>
        </head><body><div class="content"><h1>关于进一步支持中小企业发展的若干措施</h1><p>各有关单位：</p>
        <p>为进一步支持中小企业发展，制定以下措施。</p><ul><li>一、加大财政支持力度。</li><li>二、本措施自印发之日起施行。</li>
        </ul><p>某市人民政府</p><p>2023年1月1日</p></div></body></html>""",
}


@pytest.mark.parametrize("layout", sorted(_HTML_LAYOUTS))
def test_html_page_layouts(layout: str) -> None:
    page = _HTML_LAYOUTS[layout]
    encoding = "gb18030" if "charset=gb" in page else "utf-8"
    assert extract_text(page.encode(encoding), f"{layout}.html").splitlines() == [
        "关于进一步支持中小企业发展的若干措施",
        "各有关单位：",
        "为进一步支持中小企业发展，制定以下措施。",
        "一、加大财政支持力度。",
        "二、本措施自印发之日起施行。",
        "某市人民政府",
        "2023年1月1日",
    ]

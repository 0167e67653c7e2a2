"""HTML for answers, citation cards and measure pages — every piece of text escaped.

Pure functions: strings in, strings out. User and answer text is always escaped here, so it
is shown as text and never interpreted as HTML, in the chat, the policy browser and the
measure pages alike.

    >>> escape_text("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence

from index.store import split_sentences
from ingest.schema import Answer, Citation, Document, Measure

_PIECE = re.compile(r"[^。！？\n]*(?:[。！？](?:\[\d+\])*|\n|$)")


def chunks_of(text: str) -> Iterator[str]:
    r"""Sentences and line breaks, in order, so a streaming client sees the verified answer grow.

    >>> list(chunks_of("甲[1]。乙。\n丙"))
    ['甲[1]。', '乙。', '\n', '丙']
    """
    for piece in _PIECE.findall(text):
        if piece:
            yield piece


def escape_text(text: str) -> str:
    """Text for HTML: shown exactly as typed. (Wrapped in a block element, it also passes the
    chat's Markdown renderer untouched: CommonMark leaves HTML blocks alone.)"""
    return html.escape(text, quote=True)


def highlight(text: str, quotes: Sequence[str]) -> str:
    """Escaped text with the quoted sentences wrapped in <mark>.

    >>> highlight("甲。乙。", ["乙。"])
    '甲。<mark>乙。</mark>'
    """
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        start = text.find(quote) if quote else -1
        if start >= 0:
            spans.append((start, start + len(quote)))
    out, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            continue
        out.append(escape_text(text[cursor:start]))
        out.append(f"<mark>{escape_text(text[start:end])}</mark>")
        cursor = end
    out.append(escape_text(text[cursor:]))
    return "".join(out)


def agency_chips(agencies: Sequence[str]) -> str:
    return "".join(f'<span class="chip">{escape_text(a)}</span>' for a in agencies)


def measure_html(measure: Measure) -> str:
    """One measure for the policy browser: title, section, full text, agencies, a link to its page."""
    return (
        f"<h3>措施{escape_text(measure.label + measure.title)}</h3>"
        f"<p>{escape_text(measure.section)}</p><p>{escape_text(measure.text)}</p>"
        f"<p>负责部门：{agency_chips(measure.agencies)}</p>"
        f'<p><a href="/measure/{measure.number}" target="_blank" rel="noopener">在新页面打开</a></p>'
    )


def citation_card(citation: Citation, measure: Measure) -> str:
    chips = agency_chips(citation.agencies)
    quoted = split_sentences(citation.quote)  # quotes are the measure's own sentences
    return (
        '<div class="card">'
        f'<div class="card-head"><b>措施{escape_text(citation.label)}{escape_text(citation.title)}</b>'
        f'<span class="card-section">{escape_text(citation.section)}</span></div>'
        f'<div class="chips">负责部门：{chips}</div>'
        f"<details><summary>阅读全文</summary><p>{highlight(measure.text, quoted)}</p>"
        f'<p class="resp">（{escape_text(measure.responsibility)}）</p>'
        f'<a href="/measure/{citation.measure}" target="_blank" rel="noopener">在新页面打开</a></details>'
        "</div>"
    )


def user_html(text: str) -> str:
    """The user's message as the chat shows it."""
    return '<div class="question">' + "<br>".join(escape_text(line) for line in text.split("\n")) + "</div>"


def answer_html(answer: Answer, document: Document, *, partial_text: str | None = None) -> str:
    """The assistant message: the answer text, then one card per citation."""
    text = answer.text if partial_text is None else partial_text
    body = "<br>".join(escape_text(line) for line in text.split("\n"))
    if partial_text is not None or not answer.citations:
        return f'<div class="answer">{body}</div>'
    cards = "".join(citation_card(c, m) for c in answer.citations if (m := document.measure(c.measure)) is not None)
    return f'<div class="answer">{body}</div><div class="cards">{cards}</div>'


def formal_reply(answer: Answer, document: Document) -> str:
    """The staff view: a formal, copyable reply with document title, 文号, labels and full quotations."""
    meta = document.meta
    if not answer.citations:
        return (
            f"答复：{answer.text}\n\n（依据：《{meta.title}》，{meta.doc_number}，{meta.issuer}，{meta.date_text}印发）"
        )
    lines = ["答复：", answer.text.split("\n")[0], "", "政策依据："]
    for i, c in enumerate(answer.citations, start=1):
        measure = document.measure(c.measure)
        if measure is None:
            continue
        lines.append(
            f"{i}. 《{meta.title}》（{meta.doc_number}）第{c.label.strip('（）')}条 措施{c.label}“{c.title}”"
            f"（{c.section}）："
        )
        lines.append(f"   “{measure.text}”")
        lines.append(f"   负责部门：{measure.responsibility}")
    lines.append("")
    lines.append(f"发文机关：{meta.issuer}；印发日期：{meta.date_text}。")
    return "\n".join(lines)


def measure_page(measure: Measure, document: Document) -> str:
    """A standalone page for one measure (the widget's citation links open it)."""
    meta = document.meta
    chips = agency_chips(measure.agencies)
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>措施{html.escape(measure.label)}{html.escape(measure.title)} · {html.escape(meta.title)}</title>
<style>
body{{font-family:"WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif;max-width:760px;
margin:2em auto;padding:0 1em;line-height:1.8;color:#1f2937}}
.meta{{color:#6b7280;font-size:.9em}} .chip{{display:inline-block;background:#e0f2fe;color:#075985;
border-radius:999px;padding:0 .7em;margin:0 .3em .3em 0;font-size:.9em}} a{{color:#0369a1}}
</style></head><body>
<p class="meta">《{html.escape(meta.title)}》 {html.escape(meta.doc_number)} · {html.escape(measure.section)}</p>
<h1>措施{html.escape(measure.label)}{html.escape(measure.title)}</h1>
<p>{html.escape(measure.text)}</p>
<p>负责部门：{chips}</p>
<p class="meta">（{html.escape(measure.responsibility)}）</p>
<p><a href="/">← 返回惠企政策问答助手</a></p>
</body></html>"""

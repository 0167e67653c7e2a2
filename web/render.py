"""HTML for answers, citation cards and provision pages — every piece of text escaped.

Pure functions: strings in, strings out. User and answer text is always escaped here, so it
is shown as text and never interpreted as HTML, in the chat, the policy browser and the
provision pages alike.

    >>> escape_text("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert(1)&gt;'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from urllib.parse import quote as url_quote

from bot.compose import did_you_mean, sentence_label
from bot.match import CHECK_SIGN, FIELD_LABELS, shown
from index.store import split_sentences
from ingest.agencies import AgencyRegistry
from ingest.schema import IN_FORCE, Answer, Citation, DocMeta, Document, Library, Provision

MAX_HIGHLIGHT_CHARS = 600  # of a quote carried in a link
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


def provision_url(doc_id: str, number: int, quote: str = "") -> str:
    """The provision's page, relative to the app's root — the app's page and every page here resolve links
    against the root (``<base>``), so they hold under a sub-path too; with ``quote``, the page marks the
    quoted sentences.

    >>> provision_url("vat-law-2024", 3, "甲。")
    'doc/vat-law-2024/3?hl=%E7%94%B2%E3%80%82'
    """
    url = f"doc/{url_quote(doc_id)}/{number}"
    return f"{url}?hl={url_quote(quote[:MAX_HIGHLIGHT_CHARS])}" if quote else url


def document_url(doc_id: str) -> str:
    """The document's page, relative to the app's root (as ``provision_url``)."""
    return f"doc/{url_quote(doc_id)}"


def status_badge(status: str) -> str:
    """现行有效 in green; 已废止 / 已被修订 … in amber, so an old rule is seen as old."""
    kind = "ok" if status.startswith(IN_FORCE) else "old"
    return f'<span class="status status-{kind}">{escape_text(status)}</span>'


def provision_html(provision: Provision, meta: DocMeta) -> str:
    """One provision for the policy browser: document, label, heading, full text, bodies, a link to its page."""
    who = f"<p>负责部门：{agency_chips(provision.agencies)}</p>" if provision.agencies else ""
    return (
        f"<h3>{escape_text(meta.citation_title + provision.label + provision.title)}</h3>"
        f"<p>{escape_text(provision.section)}</p><p>{_lines(provision.text)}</p>{who}"
        f'<p><a href="{provision_url(provision.doc_id, provision.number)}" target="_blank" rel="noopener">在新页面打开</a></p>'
    )


def citation_card(citation: Citation, provision: Provision | None) -> str:
    """A citation: document and provision as printed, the document's status, bodies, the quoted sentences."""
    chips = f'<div class="chips">负责部门：{agency_chips(citation.agencies)}</div>' if citation.agencies else ""
    head = f"{citation.doc_title}{citation.label if citation.number else ''}{citation.title if citation.number else ''}"
    body = ""
    if provision is not None:
        quoted = split_sentences(citation.quote)  # quotes are the provision's own sentences
        tail = f'<p class="resp">（{escape_text(provision.responsibility)}）</p>' if provision.responsibility else ""
        body = (
            f"<details><summary>阅读全文</summary><p>{highlight(provision.text, quoted)}</p>{tail}"
            f'<a href="{escape_text(provision_url(provision.doc_id, provision.number, citation.quote))}" '
            'target="_blank" rel="noopener">在新页面打开</a></details>'
        )
    return (
        '<div class="card">'
        f'<div class="card-head"><b>{escape_text(head)}</b>{status_badge(citation.status)}'
        f'<span class="card-section">{escape_text(citation.section)}</span></div>{chips}{body}'
        "</div>"
    )


def user_html(text: str) -> str:
    """The user's message as the chat shows it."""
    return '<div class="question">' + _lines(text) + "</div>"


def notice_html(text: str) -> str:
    """A message from the service itself (not an answer), e.g. to wait before asking again."""
    return '<div class="notice" role="status">' + _lines(text) + "</div>"


def _lines(text: str) -> str:
    return "<br>".join(escape_text(line) for line in text.split("\n"))


def answer_html(answer: Answer, library: Library, *, partial_text: str | None = None) -> str:
    """The assistant message: the answer text, then one card per citation."""
    text = answer.text if partial_text is None else partial_text
    body = _lines(text)
    if partial_text is not None or not answer.citations:
        return f'<div class="answer">{body}</div>'
    cards = "".join(citation_card(c, library.provision(c.doc_id, c.number)) for c in answer.citations)
    return f'<div class="answer">{body}</div><div class="cards">{cards}</div>'


def formal_reply(answer: Answer, library: Library) -> str:
    """The staff view: a formal, copyable reply — the answer in full (every item of a list, every note), then
    for every citation the document (title, 文号, issuer, status), the provision as printed, its full text
    and the bodies responsible. A refusal says that the library does not cover the question and whom to ask."""
    if answer.out_of_scope:
        return "\n".join(["答复：", *_refusal_lines(answer, library.agencies)])
    text = answer.text.removeprefix(did_you_mean(answer.corrected)) if answer.corrected else answer.text
    if not answer.citations:
        return f"答复：\n{text}"
    lines = ["答复：", text, "", "政策依据："]
    cited = [(c, document) for c in answer.citations if (document := library.get(c.doc_id)) is not None]
    for i, (c, document) in enumerate(cited, start=1):
        meta = document.meta
        number = "" if meta.doc_number in meta.citation_title else meta.doc_number  # a notice's title carries it
        facts = "，".join(x for x in (number, meta.issuer, c.status) if x)
        provision = document.provision(c.number)
        if provision is None:  # the document as a whole
            lines.append(f"{i}. {meta.citation_title}（{facts}）")
            continue
        title = f"“{provision.title}”" if provision.title else ""
        lines.append(f"{i}. {meta.citation_title}{sentence_label(c.label)}{title}（{facts}）：")
        lines.append("   “" + provision.text.replace("\n", "\n   ") + "”")
        if provision.responsibility:
            lines.append(f"   负责部门：{provision.responsibility}")
        elif provision.agencies:
            lines.append(f"   涉及部门：{'、'.join(provision.agencies)}")
        lines.extend(f"   注：{note}。" for note in rename_notes(library.agencies, provision.agencies))
    return "\n".join(lines)


def _refusal_lines(answer: Answer, agencies: AgencyRegistry | None) -> list[str]:
    """经查… — what the library lacks, the provision that comes closest and whom to ask; no 依据, since the
    reply rests on no provision."""
    lines = [f"经查，{answer.finding or '政策库收录的政策文件没有涉及所咨询的问题，无法根据政策文件作出答复。'}"]
    closest = answer.closest
    if closest is None or not closest.number:
        lines.append("如需进一步了解，请向当地主管部门咨询。")
        return lines
    title = f"“{closest.title}”" if closest.title else ""
    status = "" if closest.status.startswith(IN_FORCE) else f"（{closest.status}）"
    lines.append(f"政策库中与该问题最接近的规定是{closest.doc_title}{sentence_label(closest.label)}{title}{status}。")
    if closest.agencies:
        lines.append(f"具体情况建议向{'、'.join(closest.agencies)}咨询。")
        lines.extend(f"注：{note}。" for note in rename_notes(agencies, closest.agencies))
    else:
        lines.append("具体情况建议向当地主管部门咨询。")
    return lines


def rename_notes(agencies: AgencyRegistry | None, names: Sequence[str]) -> tuple[str, ...]:
    """What became of the renamed or reorganised bodies among ``names``, from the library's agency file."""
    return agencies.rename_notes(names) if agencies is not None else ()


_PAGE_STYLE = """
:root{color-scheme:light dark;--text:#1f2937;--back:#fff;--muted:#4b5563;--link:#0369a1;--chip-fill:#e0f2fe;
--chip-text:#075985;--ok-fill:#dcfce7;--ok-text:#166534;--old-fill:#fef3c7;--old-text:#92400e;--mark-fill:#fef08a;
--mark-text:#1f2937}
@media (prefers-color-scheme:dark){:root{--text:#e5e7eb;--back:#0b0f19;--muted:#9ca3af;--link:#7dd3fc;
--chip-fill:#0c4a6e;--chip-text:#e0f2fe;--ok-fill:#14532d;--ok-text:#bbf7d0;--old-fill:#78350f;--old-text:#fde68a;
--mark-fill:#713f12;--mark-text:#fef9c3}}
body{font-family:"WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif;max-width:760px;
margin:2em auto;padding:0 1em;line-height:1.8;color:var(--text);background:var(--back)}
.meta{color:var(--muted);font-size:.9em} .chip{display:inline-block;background:var(--chip-fill);color:var(--chip-text);
border-radius:999px;padding:0 .7em;margin:0 .3em .3em 0;font-size:.9em} a{color:var(--link)}
.status{border-radius:4px;padding:0 .4em;font-size:.85em} .status-ok{background:var(--ok-fill);color:var(--ok-text)}
.status-old{background:var(--old-fill);color:var(--old-text)} mark{background:var(--mark-fill);color:var(--mark-text)}
.toc p{margin:.2em 0} .match .card{border:1px solid #cbd5e1;border-radius:10px;padding:.4em .8em;margin:.5em 0}
@media print{.no-print{display:none}} h2{font-size:1.1em;margin-top:1.4em}
"""


def _page(title: str, body: str, root: str) -> str:
    """A page; ``root`` is the app's root as seen from the page (``../`` from /doc/x): links are relative to it."""
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<base href="{html.escape(root)}"><title>{html.escape(title)}</title>
<style>{_PAGE_STYLE}</style></head><body>
{body}
<p><a href="./">← 返回惠企政策问答助手</a></p>
</body></html>"""


def not_found_page(message: str, root: str) -> str:
    """A page for people that does not exist (a bad link, a mistyped number); ``root``: the app's root path."""
    return _page("未找到 · 惠企政策问答助手", f"<h1>未找到</h1><p>{escape_text(message)}</p>", root)


def provision_page(
    provision: Provision, meta: DocMeta, status: str, quote: str = "", agencies: AgencyRegistry | None = None
) -> str:
    """A standalone page for one provision (citation links and the widget open it); the sentences of
    ``quote`` (the citation's) are marked; a body it names that was renamed is said to be what it is now."""
    chips = f"<p>负责部门：{agency_chips(provision.agencies)}</p>" if provision.agencies else ""
    chips += "".join(f"<p>注：{html.escape(note)}。</p>" for note in rename_notes(agencies, provision.agencies))
    tail = f'<p class="meta">（{html.escape(provision.responsibility)}）</p>' if provision.responsibility else ""
    facts = " ".join(html.escape(x) for x in (meta.doc_number, meta.issuer, provision.section) if x)
    text = highlight(provision.text, split_sentences(quote)).replace("\n", "<br>")
    return _page(
        f"{provision.label}{provision.title} · {meta.title}",
        f"""<p class="meta"><a href="{document_url(meta.doc_id)}">{html.escape(meta.citation_title)}</a> {facts}</p>
<p>{status_badge(status)}</p>
<h1>{html.escape(provision.label + provision.title)}</h1>
<p>{text}</p>
{chips}{tail}""",
        "../../",
    )


def document_card(document: Document, status: str, successor: DocMeta | None) -> str:
    """A document in the 政策库 tab: title, status (and what is in force instead), facts, its page."""
    meta = document.meta
    facts = " · ".join(escape_text(x) for x in (meta.doc_number, meta.issuer, meta.kind, meta.region) if x)
    instead = (
        f'<p>现行有效的是：<a href="{document_url(successor.doc_id)}" target="_blank" rel="noopener">'
        f"{escape_text(successor.citation_title)}</a></p>"
        if successor
        else ""
    )
    return (
        f'<div class="card"><div class="card-head"><b>{escape_text(meta.citation_title)}</b>{status_badge(status)}</div>'
        f"<p>{facts}</p>{instead}<p>共 {len(document.provisions)} {document.label_kind()}。"
        f'<a href="{document_url(meta.doc_id)}" target="_blank" rel="noopener">打开全文与目录</a></p></div>'
    )


def document_page(document: Document, status: str, successor: DocMeta | None) -> str:
    """A document: its facts, status (with the document in force instead), chapters and provisions."""
    meta = document.meta
    facts = [
        (name, value)
        for name, value in (
            ("文号", meta.doc_number), ("发布机关", meta.issuer), ("类别", meta.kind), ("层级", meta.level),
            ("地区", meta.region), ("发布/通过", str(meta.issued or "")), ("施行", str(meta.effective or "")),
            ("废止", str(meta.repealed or "")),
        )
        if value
    ]  # fmt: skip
    rows = "".join(f"<li>{html.escape(k)}：{html.escape(v)}</li>" for k, v in facts)
    instead = (
        f'<p>现行有效的是：<a href="{document_url(successor.doc_id)}">{html.escape(successor.citation_title)}</a></p>'
        if successor
        else ""
    )
    chapters = {d.first: d for d in document.chapters()}
    items = []
    for p in document.provisions:
        if p.number in chapters:
            items.append(f"<h2>{html.escape(chapters[p.number].heading)}</h2>")
        items.append(
            f'<p><a href="{provision_url(meta.doc_id, p.number)}">{html.escape(p.label)}</a> {html.escape(p.title)}</p>'
        )
    return _page(
        meta.title,
        f"""<h1>{html.escape(meta.citation_title)}</h1>
<p>{status_badge(status)}</p>{instead}
<ul class="meta">{rows}</ul>
<p class="meta">共 {len(document.provisions)} {document.label_kind()}</p>
<div class="toc">{"".join(items)}</div>""",
        "../",
    )


def _cited_link(provision: dict) -> str:
    """A provision of a 政策找企业 result (bot.match.to_json), cited and linked to its page."""
    url = escape_text(provision_url(provision["doc_id"], provision["number"]))
    return f'<a href="{url}" target="_blank" rel="noopener">{escape_text(provision["citation"])}</a>'


def match_html(result: dict) -> str:
    """A 政策找企业 result (bot.match.to_json): by need, each provision cited and linked, its benefit quoted,
    every condition with the value it was compared with; what to supply for the rest."""
    if not result["groups"]:
        return '<div class="match"><p>按您提供的信息，没有找到条件相符的现行有效条款。可以补充行业、人数、收入、所在地等信息后再试。</p></div>'
    counts = result["counts"]
    parts = [
        f'<div class="match"><p>依据 {escape_text(result["as_of"])} 有效的文件：符合条件 {counts["applies"]} 条，'
        f"普遍适用 {counts['everyone']} 条，需补充或核实信息 {counts['needs']} 条，相关规定 {counts['related']} 条。</p>"
    ]
    for group in result["groups"]:
        parts.append(f"<h3>{escape_text(group['need'])}</h3>")
        related = [item for item in group["items"] if item["status"] == "related"]
        for item in (item for item in group["items"] if item["status"] != "related"):
            label, kind = item["status_text"], "ok" if item["status"] in ("applies", "everyone") else "old"
            p, b = item["provision"], item["benefit_provision"]
            where = (
                "" if (b["doc_id"], b["number"]) == (p["doc_id"], p["number"]) else f"（{escape_text(b['citation'])}）"
            )
            conditions = "".join(
                f"<li>{CHECK_SIGN[c['state']]} “{escape_text(c['quote'])}”"
                + (
                    "（需核实）"
                    if c["op"] == "confirm"
                    else "（未提供）"
                    if c["state"] == "unknown"
                    else f"（您：{escape_text(shown(c['given']))}{escape_text(c['unit'])}）"
                )
                + "</li>"
                for c in item["conditions"]
            )
            missing = "".join(
                f"<p>{lead}：{escape_text('、'.join(names))}</p>"
                for lead, names in (
                    ("需要核实", [c["what"] for c in item["confirm"]]),
                    ("需要补充", [m["label"] for m in item["missing"]]),
                )
                if names
            )
            parts.append(
                f'<div class="card"><div class="card-head"><b>{_cited_link(p)}</b><span class="status status-{kind}">{escape_text(label)}</span></div>'
                f"<p>{escape_text(item['lead'])}：“{escape_text(item['benefit'])}”{where}</p>"
                f"{'<ul>' + conditions + '</ul>' if conditions else ''}{missing}</div>"
            )
        if related:  # further rules and programmes around the benefits above: one line each
            lines = "".join(f"<li>{_cited_link(i['provision'])}：“{escape_text(i['benefit'])}”</li>" for i in related)
            parts.append(
                f'<details class="related" open><summary>相关规定 {len(related)} 条</summary><ul>{lines}</ul></details>'
            )
    if result["ask_for"]:
        asked = "、".join(a["label"] for a in result["ask_for"])
        parts.append(f"<p>补充这些信息可以确定更多条款：{escape_text(asked)}</p>")
    return "".join(parts) + "</div>"


def match_page(result: dict) -> str:
    """The printable 政策匹配 result for service-center staff (the browser prints it, or saves a PDF)."""
    profile = "；".join(
        f"{escape_text(FIELD_LABELS.get(k, k))}：{escape_text(shown(v))}" for k, v in result["profile"].items()
    )
    body = (
        f'<h1>政策匹配结果</h1><p class="meta">企业情况：{profile or "（未填写）"}</p>{match_html(result)}'
        '<p class="meta">本结果依据政策库中的文件条文逐条核对，仅供参考；具体以主管部门认定为准。'
        '<button onclick="window.print()" class="no-print">打印</button></p>'
    )
    return _page("政策匹配结果 · 惠企政策问答助手", body, "./")

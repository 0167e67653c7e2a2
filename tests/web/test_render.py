"""HTML for answers, cards and provision pages: everything escaped, status visible, links per document."""

from __future__ import annotations

import datetime as dt

from bot.compose import Shelf
from ingest import Library
from ingest.schema import Answer
from web import render

TODAY = dt.date(2026, 11, 30)


def test_answer_and_cards_escape_everything(library: Library) -> None:
    shelf = Shelf(library, TODAY)
    m = library.provision("miit-2021-169", 22)
    answer = Answer("<img src=x onerror=alert(1)>\n第二行", (shelf.cite(m, "<b>x</b>"),))  # type: ignore[arg-type]
    out = render.answer_html(answer, library)
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<b>x</b>" not in out
    assert 'href="/doc/miit-2021-169/22?hl=' in out and '<span class="chip">商务部</span>' in out


def test_quoted_sentences_are_highlighted_in_the_full_text(library: Library) -> None:
    shelf = Shelf(library, TODAY)
    m = library.provision("miit-2021-169", 4)
    quote = "深化银担合作，持续完善银行、担保机构对小微企业贷款风险分担机制。"
    out = render.citation_card(shelf.cite(m, quote), m)  # type: ignore[arg-type]
    assert f"<mark>{quote}</mark>" in out


def test_a_card_shows_the_status_of_its_document(library: Library) -> None:
    shelf = Shelf(library, TODAY)
    old = library.provision("vat-interim-regulation-2017", 2)
    card = render.citation_card(shelf.cite(old, old.text), old)  # type: ignore[arg-type, union-attr]
    assert '<span class="status status-old">已废止' in card and "《中华人民共和国增值税暂行条例》第二条" in card
    current = library.provision("vat-law-2024", 10)
    assert 'class="status status-ok">现行有效' in render.citation_card(shelf.cite(current, "x"), current)  # type: ignore[arg-type]


def test_formal_reply_has_document_number_label_full_text_bodies_and_status(library: Library) -> None:
    shelf = Shelf(library, TODAY)
    m = library.provision("miit-2021-169", 14)
    reply = render.formal_reply(Answer("第（十四）项…", (shelf.cite(m, "x"),)), library)  # type: ignore[arg-type]
    assert "《提升中小企业竞争力若干措施》（工信部企业〔2021〕169号）（十四）“推动工业设计赋能”" in reply
    assert m.text in reply and "工业和信息化部负责" in reply and "现行有效" in reply  # type: ignore[union-attr]
    assert render.formal_reply(Answer("抱歉，没有涉及。", out_of_scope=True), library) == "答复：抱歉，没有涉及。"


def test_provision_page_is_escaped(library: Library) -> None:
    m = library.provision("miit-2021-169", 1)
    page = render.provision_page(m, library.documents[0].meta, "现行有效")  # type: ignore[arg-type]
    assert "<h1>（一）加强财政资金支持</h1>" in page and "“专精特新”" in page and "现行有效" in page

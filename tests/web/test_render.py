from __future__ import annotations

from ingest.schema import Answer, Document
from web import render


def test_answer_and_cards_escape_everything(policy: Document) -> None:
    m = policy.measure(22)
    from bot.compose import cite

    answer = Answer("<img src=x onerror=alert(1)>\n第二行", (cite(m, "<b>x</b>"),))
    out = render.answer_html(answer, policy)
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<b>x</b>" not in out
    assert 'href="/measure/22"' in out and '<span class="chip">商务部</span>' in out


def test_quoted_sentences_are_highlighted_in_the_full_text(policy: Document) -> None:
    from bot.compose import cite

    m = policy.measure(4)
    quote = "深化银担合作，持续完善银行、担保机构对小微企业贷款风险分担机制。"
    out = render.citation_card(cite(m, quote), m)
    assert f"<mark>{quote}</mark>" in out


def test_formal_reply_has_title_number_label_and_full_quotation(policy: Document) -> None:
    from bot.compose import cite

    m = policy.measure(14)
    reply = render.formal_reply(Answer("措施（十四）…", (cite(m, "x"),)), policy)
    assert "《提升中小企业竞争力若干措施》（工信部企业〔2021〕169号）第十四条" in reply
    assert m.text in reply and "工业和信息化部负责" in reply


def test_measure_page_is_escaped(policy: Document) -> None:
    page = render.measure_page(policy.measure(1), policy)
    assert "<h1>措施（一）加强财政资金支持</h1>" in page and "“专精特新”" in page

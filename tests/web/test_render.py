"""HTML for answers, cards and provision pages: everything escaped, status visible, links per document."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot import compose
from bot.compose import Shelf
from bot.engine import PolicyBot
from ingest import Library
from ingest.schema import Answer
from tests.conftest import TODAY
from web import render


def test_answer_and_cards_escape_everything(library: Library) -> None:
    shelf = Shelf(library, TODAY)
    m = library.provision("miit-2021-169", 22)
    answer = Answer("<img src=x onerror=alert(1)>\n第二行", (shelf.cite(m, "<b>x</b>"),))  # type: ignore[arg-type]
    out = render.answer_html(answer, library)
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<b>x</b>" not in out
    assert 'href="doc/miit-2021-169/22?hl=' in out and '<span class="chip">商务部</span>' in out


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
    assert (
        "1. 《提升中小企业竞争力若干措施》（工信部企业〔2021〕169号）第（十四）项“推动工业设计赋能”"
        "（国务院促进中小企业发展工作领导小组办公室，现行有效）："  # the 文号 once: the title carries it
    ) in reply
    assert m.text in reply and "工业和信息化部负责" in reply and "现行有效" in reply  # type: ignore[union-attr]


def staff_part(reply: str) -> str:
    """The 答复 part of a formal reply (before 政策依据)."""
    return reply.split("\n\n政策依据：")[0]


def test_a_refusal_formal_reply_says_the_library_does_not_cover_it_and_whom_to_ask(demo_library: Library) -> None:
    shelf = Shelf(demo_library, TODAY)
    closest = demo_library.provision("demo-notice-2024", 2)
    reply = render.formal_reply(compose.out_of_scope_answer(shelf, closest), demo_library)
    assert "依据" not in reply and "抱歉" not in reply and "我不能" not in reply
    assert reply.startswith("答复：\n经查，政策库收录的政策文件没有涉及所咨询的问题，无法根据政策文件作出答复。")
    assert (
        "最接近的规定是《示例部关于进一步支持小微企业数字化发展若干措施的通知》（示例部发〔2024〕12号）第（二）项“拓宽数字化融资渠道”"
        in reply
    )
    assert "具体情况建议向人民银行、国家金融监督管理总局咨询。" in reply


def test_a_refusal_with_nothing_close_or_a_missing_number_says_what_is_missing(demo_bot: PolicyBot) -> None:
    other = render.formal_reply(demo_bot.ask("帮我写一份申请书"), demo_bot.library)
    assert other == (
        "答复：\n经查，政策库收录的政策文件没有涉及所咨询的问题，无法根据政策文件作出答复。\n"
        "如需进一步了解，请向当地主管部门咨询。"
    )
    number = render.formal_reply(demo_bot.ask("示例法第九十条"), demo_bot.library)
    assert "经查，《中华人民共和国示例企业促进法》共 14 条（第一条至第十四条），没有第九十条。" in number
    assert "您可以问" not in number and "依据" not in number


def test_a_listing_is_written_out_in_full_in_the_formal_reply(demo_bot: PolicyBot) -> None:
    answer = demo_bot.ask("工业和信息化部负责哪些措施？")
    reply = staff_part(render.formal_reply(answer, demo_bot.library))
    assert "共 4 项：" in reply and len(answer.citations) == 4
    for i, citation in enumerate(answer.citations, start=1):
        assert (
            f"\n{i}. 《示例部关于进一步支持小微企业数字化发展若干措施的通知》（示例部发〔2024〕12号）第{citation.label}项"
            in reply
        )
    assert "此外，条文涉及工业和信息化部的还有：《中华人民共和国示例企业促进法》第三条。" in reply
    assert reply == "答复：\n" + answer.text


def test_a_repaired_question_formal_reply_does_not_ask_did_you_mean(library: Library) -> None:
    shelf = Shelf(library, TODAY)
    m = library.provision("miit-2021-169", 22)
    answer = Answer(
        compose.did_you_mean("跨境电商有什么扶持？") + "根据…", (shelf.cite(m, "x"),), corrected="跨境电商有什么扶持？"
    )  # type: ignore[arg-type]
    assert render.formal_reply(answer, library).startswith("答复：\n根据…\n")


def test_provision_page_is_escaped(library: Library) -> None:
    m = library.provision("miit-2021-169", 1)
    page = render.provision_page(m, library.documents[0].meta, "现行有效")  # type: ignore[arg-type]
    assert "<h1>（一）加强财政资金支持</h1>" in page and "“专精特新”" in page and "现行有效" in page


RENAMED = "2018年机构改革后，工商行政管理部门的职责由市场监督管理部门承担"  # the demo agency file's note


def test_the_formal_reply_says_what_a_renamed_body_is_now(demo_bot: PolicyBot) -> None:
    answer = demo_bot.ask("扶持条例第四条是什么？")
    basis = render.formal_reply(answer, demo_bot.library).split("\n\n政策依据：")[1]
    assert "涉及部门：工商行政管理部门" in basis and f"注：{RENAMED}。" in basis
    assert "1. 《示例企业扶持条例》第四条（国务院令第700号，国务院，已废止" in basis  # a law's 文号 is not in its title
    assert "\n   工商行政管理部门应当为示例企业办理登记注册提供便利。”" in basis  # every paragraph indented
    shelf = Shelf(demo_bot.library, TODAY)
    refusal = compose.out_of_scope_answer(shelf, demo_bot.library.provision("demo-regulation-2019", 4))
    reply = render.formal_reply(refusal, demo_bot.library)
    assert f"具体情况建议向工商行政管理部门咨询。\n注：{RENAMED}。" in reply
    plain = render.formal_reply(
        compose.out_of_scope_answer(shelf, demo_bot.library.provision("demo-notice-2024", 1)), demo_bot.library
    )
    assert "注：" not in plain


def test_a_provision_page_says_what_a_renamed_body_is_now(demo_library: Library) -> None:
    old = demo_library.provision("demo-regulation-2019", 4)
    page = render.provision_page(
        old, demo_library.get("demo-regulation-2019").meta, "已废止", agencies=demo_library.agencies
    )  # type: ignore[arg-type, union-attr]
    assert f"<p>注：{RENAMED}。</p>" in page
    other = demo_library.provision("demo-notice-2024", 1)
    assert "注：" not in render.provision_page(
        other, demo_library.documents[0].meta, "现行有效", agencies=demo_library.agencies
    )  # type: ignore[arg-type]


def test_the_served_provision_page_notes_the_rename_of_the_body_it_names(client: TestClient) -> None:
    page = client.get("/doc/miit-2021-169/4").text
    assert (
        "人民银行、银保监会、财政部" in page
        and "注：2023年机构改革后，银保监会的职责由国家金融监督管理总局承担。" in page
    )


def test_the_match_tab_lists_provisions_or_says_which_field_to_fix(fake_bot, tmp_path) -> None:
    from web.feedback import FeedbackStore
    from web.ui import MATCH_FIELDS, make_ui

    fns = {f.fn.__name__: f.fn for f in make_ui(fake_bot, FeedbackStore(tmp_path / "f.sqlite3")).fns.values() if f.fn}
    form = dict.fromkeys(MATCH_FIELDS) | {"kind": "企业", "employees": -5, "province": "北京市"}
    refused = fns["match_profile"](*form.values())
    assert "请修改" in refused and "从业人数" in refused  # the field named as people know it
    form["employees"] = 30
    shown = fns["match_profile"](*form.values())
    assert 'href="match?profile=' in shown and "打印版" in shown  # the printable page of the same profile


def test_related_provisions_are_one_line_each_under_their_need(fake_bot) -> None:
    from bot.compose import Shelf
    from bot.match import Profile, to_json
    from web.render import match_html

    result = fake_bot.match(Profile(kind="企业", needs=("账款拖欠",)))
    html = match_html(to_json(result, Shelf(fake_bot.library, result.day)))
    main, _, related = html.partition('<details class="related" open>')
    assert "第九条" in main and "status-ok" in main  # the payment deadline: a card
    assert related.count("<li>") == sum(m.status == "related" for m in result.matches) > 0
    assert "相关规定" not in main.split("</p>", 1)[1]  # no related card among the main ones


def test_a_condition_to_confirm_says_so(fake_bot) -> None:
    from bot.compose import Shelf
    from bot.match import Profile, to_json
    from web.render import match_html

    result = fake_bot.match(Profile(kind="企业", needs=("税费",), vat_taxpayer="小规模纳税人"))
    html = match_html(to_json(result, Shelf(fake_bot.library, result.day)))
    assert "“销售额未达到起征点的”（需核实）" in html and "需要核实：销售额未达到国务院规定的起征点" in html

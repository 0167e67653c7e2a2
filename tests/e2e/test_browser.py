"""A real browser (Debian's chromium, driven by Playwright) against the real server."""

from __future__ import annotations

import json
import time

import pytest

from tests.e2e.conftest import ARTIFACTS, Server, answer_429

pytestmark = pytest.mark.e2e
XSS = '<img src=x onerror="window.__xss=1">增值税法第三条讲什么'


def open_page(browser, width: int = 1280, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.external_requests = []  # type: ignore[attr-defined]
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else page.external_requests.append(r.url)
        ),
    )
    page.on("dialog", lambda d: (_ for _ in ()).throw(AssertionError(f"a script opened a dialog: {d.message}")))
    return page


def ask_in_app(page, server: Server, question: str) -> None:
    page.goto(server.url + "/", wait_until="load")
    page.wait_for_selector("#question textarea", timeout=30_000)
    page.fill("#question textarea", question)
    page.click("#send")


def test_app_answers_with_a_citation_card(browser, server: Server) -> None:
    page = open_page(browser)
    ask_in_app(page, server, "跨境电商综合试验区会增加吗？")
    card = page.wait_for_selector(".cards .card", timeout=20_000)
    assert "推动跨境电商发展" in card.inner_text() and "现行有效" in card.inner_text()
    chips = [c.inner_text() for c in page.query_selector_all(".cards .card .chip")]
    assert "商务部" in chips
    assert "跨境电子商务综合试验区" in page.inner_text(".answer")
    page.screenshot(path=str(ARTIFACTS / "app-answer.png"))
    assert page.external_requests == []  # nothing from the internet
    page.close()


def test_an_english_browser_gets_the_app_in_chinese_for_eyes_and_screen_readers(browser, server: Server) -> None:
    page = browser.new_page(locale="en-US")
    ask_in_app(page, server, "跨境电商综合试验区会增加吗？")
    page.wait_for_selector(".cards .card", timeout=20_000)
    page.wait_for_timeout(300)  # labels are renamed as Gradio writes them
    assert page.evaluate("document.documentElement.lang") == "zh-CN" and page.title() == "惠企政策问答助手"
    labels = page.evaluate(
        "[...document.querySelectorAll('[aria-label], [title]')]"
        ".flatMap(e => [e.getAttribute('aria-label'), e.getAttribute('title')]).filter(Boolean)"
    )
    assert not [label for label in labels if "<" in label]  # a message is read as its text, not its HTML
    assert any(label.startswith("助手的回答：") and "推动跨境电商发展" in label for label in labels)
    english = [label for label in labels if label.isascii() and any(c.isalpha() for c in label)]
    assert english == [], english  # Gradio's own words come from its Chinese translation
    page.close()


def test_app_on_a_phone_screen(browser, server: Server) -> None:
    page = open_page(browser, 390, 844)
    ask_in_app(page, server, "人民银行负责哪些措施？")
    page.wait_for_selector(".cards .card", timeout=20_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400  # no sideways scrolling
    page.screenshot(path=str(ARTIFACTS / "app-phone.png"))
    page.close()


def test_widget_on_an_allowed_origin(browser, server: Server) -> None:
    page = open_page(browser)
    page.goto(server.allowed_host, wait_until="load")
    page.click(".launcher")  # above the host page's z-index 99999 banner, despite its `button {display:none}`
    assert page.input_value("textarea") == "小微企业想申请信用贷款，有什么支持？"  # data-question
    page.click(".send")
    link = page.wait_for_selector(".cite", timeout=20_000)
    assert "（四）加强信贷支持" in link.inner_text() and "人民银行" in link.inner_text()
    assert "现行有效" in link.inner_text()
    assert link.get_attribute("href") == server.url + "/doc/miit-2021-169/4"
    assert page.inner_text(".head b") == "园区政策助手" and page.inner_text(".launcher") == "园区政策助手"  # data-title
    page.screenshot(path=str(ARTIFACTS / "widget-allowed.png"))
    page.close()


def test_widget_on_a_phone_screen(browser, server: Server) -> None:
    page = open_page(browser, 390, 844)
    page.goto(server.allowed_host, wait_until="load")
    page.click(".launcher")
    box = page.query_selector(".panel").bounding_box()
    assert box["width"] <= 390 and box["height"] <= 844
    page.screenshot(path=str(ARTIFACTS / "widget-phone.png"))
    page.close()


def test_widget_on_an_origin_that_is_not_allowed(browser, server: Server) -> None:
    page = open_page(browser)
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.goto(server.denied_host, wait_until="load")
    deadline = time.monotonic() + 10
    while not any("ALLOWED_ORIGINS" in w for w in warnings) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert any("未显示" in w and "ALLOWED_ORIGINS" in w for w in warnings)  # for the site's administrator…
    assert page.query_selector(".launcher") is None  # …and nothing for the visitor to click in vain
    page.screenshot(path=str(ARTIFACTS / "widget-refused.png"))
    page.close()


def test_widget_says_when_to_ask_again_and_keeps_the_question(browser, server: Server) -> None:
    page = open_page(browser)
    page.goto(server.allowed_host, wait_until="load")
    page.click(".launcher")
    page.fill("textarea", "小微企业贷款有什么支持？")
    page.click(".send")
    page.wait_for_selector(".cite", timeout=20_000)
    message = "请求太频繁了，请 42 秒后再试（本对话每分钟最多 20 次）。"
    answer_429(page, server.url, message, retry_after=42)
    page.fill("textarea", "那担保呢？")
    page.click(".send")
    error = page.wait_for_selector(".msg.error", timeout=10_000)
    assert error.inner_text() == message  # in Chinese, inside the chat
    assert page.query_selector(".cite") is not None  # the conversation is kept
    assert page.input_value("textarea") == "那担保呢？" and page.is_enabled(".send")  # ready to send again
    page.close()


def test_html_in_a_question_is_shown_as_text_in_the_app(browser, server: Server) -> None:
    page = open_page(browser)
    ask_in_app(page, server, XSS)
    page.wait_for_selector(".cards .card", timeout=20_000)
    assert '<img src=x onerror="window.__xss=1">' in page.inner_text(".question")
    assert page.evaluate("window.__xss") is None
    assert page.query_selector(".question img") is None
    page.close()


def test_html_in_a_question_is_shown_as_text_in_the_widget(browser, server: Server) -> None:
    page = open_page(browser)
    page.goto(server.allowed_host, wait_until="load")
    page.click(".launcher")
    page.fill("textarea", XSS)
    page.click(".send")
    page.wait_for_selector(".cite", timeout=20_000)
    assert XSS in page.inner_text(".msg.user")
    assert page.evaluate("window.__xss") is None
    page.screenshot(path=str(ARTIFACTS / "widget-xss.png"))
    page.close()


def test_feedback_and_formal_reply_in_the_app(browser, server: Server) -> None:
    from web.feedback import FeedbackStore

    page = open_page(browser)
    ask_in_app(page, server, "竞争力若干措施第十四条是什么？")
    page.wait_for_selector(".cards .card", timeout=20_000)
    before = len(list(FeedbackStore(server.feedback_db).rows()))
    page.get_by_role("button", name="没帮助", exact=True).last.click()
    deadline = time.monotonic() + 10
    while len(rows := list(FeedbackStore(server.feedback_db).rows())) == before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert (
        len(rows) == before + 1
        and rows[-1]["rating"] == -1
        and rows[-1]["question"] == "竞争力若干措施第十四条是什么？"
    )
    assert rows[-1]["measures"] == json.dumps(["miit-2021-169#14"])
    page.click("text=正式答复（供服务中心使用，可复制）")
    formal = page.input_value("#formal textarea")
    assert (
        "《提升中小企业竞争力若干措施》（工信部企业〔2021〕169号）第（十四）项" in formal
        and "工业和信息化部负责" in formal
    )
    assert "现行有效" in formal
    page.close()


def test_a_thumb_is_labelled_in_chinese_confirmed_and_kept_as_the_last_choice(browser, server: Server) -> None:
    from web.feedback import FeedbackStore

    question = "竞争力若干措施第十三条是什么？"

    def records() -> list[dict]:
        return [r for r in FeedbackStore(server.feedback_db).rows() if r["question"] == question]

    def wait_for(check) -> list[dict]:
        deadline = time.monotonic() + 10
        while not check(rows := records()) and time.monotonic() < deadline:
            time.sleep(0.2)
        return rows

    page = open_page(browser)  # an English browser: Gradio's own labels would be "Like"/"Liked"
    ask_in_app(page, server, question)
    page.wait_for_selector(".cards .card", timeout=20_000)
    thumbs = page.locator("#chat .message-buttons button")
    assert thumbs.evaluate_all("bs => bs.map(b => b.title)") == ["没帮助", "有帮助"]
    page.get_by_role("button", name="有帮助", exact=True).click()
    page.wait_for_selector("#feedback-said >> text=已收到", timeout=10_000)
    assert "有帮助" in page.inner_text("#feedback-said") and page.locator("#feedback-said").is_visible()
    assert thumbs.evaluate_all("bs => bs.map(b => b.title)") == ["没帮助", "已评：有帮助（再点一次撤销）"]
    assert [r["rating"] for r in wait_for(lambda rows: len(rows) == 1)] == [1]
    page.get_by_role("button", name="没帮助", exact=True).click()
    rows = wait_for(lambda rows: rows and rows[0]["rating"] == -1)
    assert len(rows) == 1 and rows[0]["rating"] == -1 and rows[0]["retracted"] == 0  # one record, changed
    page.wait_for_selector("#feedback-said >> text=没帮助", timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "app-feedback.png"))
    page.get_by_role("button", name="已评：没帮助（再点一次撤销）", exact=True).click()  # taken back
    page.wait_for_selector("#feedback-said >> text=已撤销", timeout=10_000)
    rows = wait_for(lambda rows: rows and rows[0]["retracted"] == 1)
    assert len(rows) == 1 and rows[0]["retracted"] == 1
    assert [entry[1] for entry in json.loads(rows[0]["history"])] == [1, -1, 0]
    assert thumbs.evaluate_all("bs => bs.map(b => b.title)") == ["没帮助", "有帮助"]
    page.close()


def test_policy_browser_filters_and_shows_full_text(browser, server: Server) -> None:
    page = open_page(browser)
    page.goto(server.url + "/", wait_until="load")
    page.get_by_role("tab", name="政策浏览").click()
    page.wait_for_selector("#measures >> text=（八）发挥创新平台支撑作用", timeout=20_000)
    page.get_by_label("按部门筛选（条数）").click()
    page.get_by_role("option", name="人民银行（4）").click()
    page.wait_for_selector("#measures >> text=（八）发挥创新平台支撑作用", state="detached", timeout=10_000)
    shown = page.inner_text("#measures")
    for title in ("加强信贷支持", "创新金融服务模式", "加强直接融资支持", "加强融资配套体系建设"):
        assert title in shown
    assert "加强优质企业梯度培育" not in shown
    page.click("#measures >> text=（五）创新金融服务模式")
    page.wait_for_function(
        "() => document.querySelector('#measure-text').innerText.includes('创新金融服务模式')", timeout=10_000
    )
    assert "人民银行征信中心动产融资统一登记公示系统" in page.inner_text("#measure-text")
    page.screenshot(path=str(ARTIFACTS / "policy-browser.png"))
    page.get_by_label("文件").click()
    page.get_by_role("option", name="《中华人民共和国增值税法》").click()
    page.wait_for_selector("#measures >> text=第十条", timeout=10_000)
    page.close()


def test_a_citation_of_a_repealed_document_says_so(browser, server: Server) -> None:
    page = open_page(browser)
    ask_in_app(page, server, "增值税暂行条例第十五条规定了哪些免税项目？")
    card = page.wait_for_selector(".cards .card", timeout=20_000)
    assert "已废止" in card.inner_text() and "增值税暂行条例" in card.inner_text()
    assert page.query_selector(".cards .status-old") is not None
    page.screenshot(path=str(ARTIFACTS / "app-repealed.png"))
    page.close()


def test_the_library_tab_filters_documents_and_opens_their_pages(browser, server: Server) -> None:
    page = open_page(browser)
    page.goto(server.url + "/", wait_until="load")
    page.get_by_role("tab", name="政策库").click()
    page.wait_for_selector("#documents >> text=国发〔2018〕39号", timeout=20_000)
    page.get_by_label("效力状态").click()
    page.get_by_role("option", name="已废止").click()
    page.wait_for_selector("#documents >> text=国发〔2018〕39号", state="detached", timeout=10_000)
    assert "增值税暂行条例" in page.inner_text("#documents")
    page.locator("#documents >> text=增值税暂行条例 >> visible=true").first.click()
    page.wait_for_selector("#document-text .status-old", timeout=10_000)
    card = page.inner_text("#document-text")
    assert "已废止" in card and "中华人民共和国增值税法" in card  # the document in force instead
    page.screenshot(path=str(ARTIFACTS / "library-tab.png"))
    page.goto(server.url + "/doc/vat-interim-regulation-2017")
    assert "已废止" in page.inner_text("body")
    assert page.eval_on_selector("a[href='doc/vat-law-2024']", "a => a.href") == server.url + "/doc/vat-law-2024"
    page.close()


def test_the_match_tab_lists_what_a_company_meets_and_prints_it(browser, server: Server) -> None:
    page = open_page(browser)
    page.goto(server.url + "/", wait_until="load")
    page.get_by_role("tab", name="政策匹配").click()
    page.fill("#match-employees textarea, #match-employees input", "30")
    page.fill("#match-income textarea, #match-income input", "20")
    page.fill("#match-assets textarea, #match-assets input", "500")
    page.fill("#match-industry textarea, #match-industry input", "软件开发")
    page.locator("#match-needs").get_by_text("税费").click()
    page.click("#match")
    result = page.wait_for_selector("#match-result .card", timeout=30_000)
    text = page.inner_text("#match-result")
    assert "第九十二条" in text and "（您：20万元）" in text and "减按20％的税率征收企业所得税" in text
    assert "其他企业" in text and "需要补充" in text  # the class read from 软件开发; missing fields asked for
    printable = page.eval_on_selector("#match-result a[href^='match?']", "a => a.href")
    page.screenshot(path=str(ARTIFACTS / "match-tab.png"), full_page=True)
    page.goto(printable, wait_until="load")
    assert "政策匹配结果" in page.inner_text("h1") and "第九十二条" in page.inner_text("body")
    assert result is not None and page.external_requests == []
    page.screenshot(path=str(ARTIFACTS / "match-print.png"), full_page=True)
    page.close()

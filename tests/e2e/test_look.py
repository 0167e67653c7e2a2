"""How the app looks (issue 11, items 3 and 9): legible in the light and the dark colour scheme, usable on a phone.

Legibility is measured, not eyeballed: for every visible piece of text in what we style (answer cards, chips,
status badges, highlights, links, notices, the feedback line, the policy panes, the provision pages, the widget)
the page computes the colour the text is painted in and the colour behind it, and WCAG's contrast ratio must be
at least 4.5:1 (3:1 for large text). Screenshots go to artifacts/.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.e2e.conftest import ARTIFACTS, Server, answer_429
from web import render

pytestmark = pytest.mark.e2e
SCHEMES = ("light", "dark")
PHONES = {  # name: (width, height, device scale factor)
    "390": (390, 844, 3),
    "360": (360, 640, 2),
}

# The colour a pixel of text and a pixel just beside it end up with: each ancestor's background is painted
# over what lies behind it, and an ancestor with opacity < 1 mixes its whole painted group with what lies
# behind the group. Ancestors are followed out of a shadow root to its host, so the widget is measured too.
CONTRAST_JS = """
(roots) => {
  const parse = (css) => {
    const m = css.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const v = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const over = (top, below) => {  // top: rgba, below: opaque rgb
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + below[i] * (1 - a));
  };
  const mix = (a, b, t) => [0, 1, 2].map(i => a[i] * t + b[i] * (1 - t));
  const up = (node) => node.parentElement || (node.parentNode && node.parentNode.host) || null;
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (x, y) => {
    const [l1, l2] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const painted = (element, withText) => {
    const chain = [];
    for (let node = element; node; node = up(node)) chain.unshift(node);
    const paint = (i, below) => {
      const style = getComputedStyle(chain[i]);
      let colour = over(parse(style.backgroundColor), below);
      if (i === chain.length - 1) { if (withText) colour = over(parse(style.color), colour); }
      else colour = paint(i + 1, colour);
      return mix(colour, below, Number(style.opacity));
    };
    return paint(0, [255, 255, 255]);  // the canvas
  };
  const hex = (rgb) => "#" + rgb.map(c => Math.round(c).toString(16).padStart(2, "0")).join("");
  const offenders = [];
  let checked = 0;
  for (const root of roots) {
    for (const element of [root, ...root.querySelectorAll("*")]) {
      const text = [...element.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join("").trim();
      if (!text || !element.getClientRects().length) continue;
      const style = getComputedStyle(element);
      if (style.visibility !== "visible" || Number(style.opacity) === 0) continue;
      const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      const fg = painted(element, true), bg = painted(element, false);
      const r = ratio(fg, bg);
      checked += 1;
      if (r < needed) {
        const name = element.tagName.toLowerCase() + (element.className ? "." + String(element.className).trim().split(/\\s+/).join(".") : "");
        offenders.push(`${name} "${text.slice(0, 12)}": ${hex(fg)} on ${hex(bg)} = ${r.toFixed(2)} < ${needed}`);
      }
    }
  }
  return {checked, offenders};
}
"""


def contrast_offenders(page, *selectors: str) -> list[str]:
    """Every visible text under the elements ``selectors`` match (open shadow roots pierced) whose contrast is too low."""
    roots = [handle for selector in selectors for handle in page.locator(selector).element_handles()]
    assert roots, f"nothing matches {selectors}"
    # Measured once the pane is shown in full: Gradio fades an output while its event is pending, and colours
    # in a CSS transition have not arrived yet.
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    page.wait_for_function(
        "roots => roots.every(r => { let o = 1; for (let e = r; e; e = e.parentElement)"
        " o *= parseFloat(getComputedStyle(e).opacity); return o > 0.99; })",
        arg=roots,
        timeout=15_000,
    )
    result = page.evaluate(CONTRAST_JS, roots)
    assert result["checked"] > 0, f"no text found under {selectors}"
    return result["offenders"]


def assert_follows_the_scheme(page, scheme: str, selector: str) -> None:
    """In the dark scheme the background of ``selector`` is dark too (legible is not enough: no white glare)."""
    luminance = page.locator(selector).first.evaluate(
        "e => { const [r, g, b] = getComputedStyle(e).backgroundColor.match(/[\\d.]+/g).map(Number);"
        " return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; }"
    )
    assert (luminance < 0.3) == (scheme == "dark"), f"{selector} has a {scheme} scheme but luminance {luminance:.2f}"


def open_page(browser, scheme: str = "light", width: int = 1280, height: int = 900, **device: object):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme, **device)
    return context.new_page()


def ask_in_app(page, server: Server, question: str) -> None:
    page.goto(server.url + "/", wait_until="load")
    page.wait_for_selector("#question textarea", timeout=30_000)
    page.fill("#question textarea", question)
    page.click("#send")
    page.wait_for_selector(".cards .card", timeout=30_000)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_chat_is_legible(browser, server: Server, scheme: str) -> None:
    page = open_page(browser, scheme)
    ask_in_app(page, server, "小微企业贷款有什么支持？")
    ask_in_app_again = "增值税暂行条例第十五条规定了哪些免税项目？"  # a repealed document: the amber badge
    page.fill("#question textarea", ask_in_app_again)
    page.click("#send")
    page.wait_for_selector(".cards .status-old", timeout=30_000)
    page.get_by_role("button", name="有帮助", exact=True).last.click()
    page.wait_for_selector("#feedback-said >> text=已收到", timeout=10_000)
    # A service message (e.g. "wait a minute") appears when a session asks too often; shown here as the server
    # would send it, without exhausting the budget.
    notice = render.notice_html("您提问过于频繁，请 1 分钟后再试。您的对话和问题都已保留，到时再点“发送”即可。")
    page.evaluate(
        "html => { const last = [...document.querySelectorAll('#chat .message.bot .md')].pop();"
        " last.insertAdjacentHTML('beforeend', html); }",
        notice,
    )
    page.evaluate("document.querySelectorAll('#chat details').forEach(d => d.open = true)")  # the marks
    for selector in (".cards .chip", ".cards .status-ok", ".cards .status-old", ".cards mark", ".cards a", ".notice"):
        assert page.locator(selector).count(), f"nothing to measure: {selector}"
    offenders = contrast_offenders(page, "#chat .message-wrap", "#feedback-said")
    page.locator(".cards .card").last.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"{scheme}-chat.png"))
    assert offenders == [], f"{len(offenders)} texts below WCAG AA in the {scheme} chat:\n" + "\n".join(offenders)
    assert_follows_the_scheme(page, scheme, ".cards .card")
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_policy_panes_are_legible(browser, server: Server, scheme: str) -> None:
    page = open_page(browser, scheme)
    page.goto(server.url + "/", wait_until="load")
    page.get_by_role("tab", name="政策库").click()
    page.locator("#documents >> text=增值税暂行条例 >> visible=true").first.click()
    page.wait_for_selector("#document-text .status-old", timeout=10_000)
    offenders = contrast_offenders(page, "#document-text")
    page.screenshot(path=str(ARTIFACTS / f"{scheme}-library.png"))
    page.get_by_role("tab", name="政策浏览").click()
    page.click("#measures >> text=（五）创新金融服务模式")
    page.wait_for_selector("#measure-text .chip", timeout=10_000)
    offenders += contrast_offenders(page, "#measure-text")
    page.screenshot(path=str(ARTIFACTS / f"{scheme}-browse.png"))
    assert offenders == [], f"{len(offenders)} texts below WCAG AA in the {scheme} panes:\n" + "\n".join(offenders)
    assert_follows_the_scheme(page, scheme, "#document-text .card")
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_provision_and_document_pages_are_legible(browser, server: Server, scheme: str) -> None:
    page = open_page(browser, scheme)
    quote_ = "深入实施中小微企业金融服务能力提升工程"
    page.goto(f"{server.url}/doc/miit-2021-169/4?hl={quote(quote_)}", wait_until="load")
    assert page.locator("mark").count() and page.locator(".chip").count() and page.locator(".status-ok").count()
    offenders = contrast_offenders(page, "body")
    page.screenshot(path=str(ARTIFACTS / f"{scheme}-provision-page.png"), full_page=True)
    page.goto(f"{server.url}/doc/vat-interim-regulation-2017", wait_until="load")
    assert page.locator(".status-old").count()
    offenders += contrast_offenders(page, "body")
    page.screenshot(path=str(ARTIFACTS / f"{scheme}-document-page.png"))
    assert offenders == [], f"{len(offenders)} texts below WCAG AA on {scheme} pages:\n" + "\n".join(offenders)
    assert_follows_the_scheme(page, scheme, "body")
    page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_widget_is_legible(browser, server: Server, scheme: str) -> None:
    page = open_page(browser, scheme)
    page.goto(server.allowed_host, wait_until="load")
    page.click(".launcher")
    page.fill("textarea", "增值税暂行条例第十五条规定了哪些免税项目？")  # a repealed document: the amber chip
    page.click(".send")
    page.wait_for_selector(".chip.old", timeout=30_000)
    page.fill("textarea", "小微企业想申请信用贷款，有什么支持？")
    page.click(".send")
    page.wait_for_function(
        "() => document.querySelector('[data-policy-qa-widget]').shadowRoot.querySelectorAll('.cites').length == 2",
        timeout=30_000,
    )
    offenders = contrast_offenders(page, ".panel", ".launcher")
    page.screenshot(path=str(ARTIFACTS / f"{scheme}-widget.png"))
    answer_429(page, server.url, "请求太频繁了，请 30 秒后再试（本对话每分钟最多 20 次）。", retry_after=30)  # an error
    page.fill("textarea", "那担保呢？")
    page.click(".send")
    page.wait_for_selector(".msg.error", timeout=20_000)
    offenders += contrast_offenders(page, ".panel")
    assert offenders == [], f"{len(offenders)} texts below WCAG AA in the {scheme} widget:\n" + "\n".join(offenders)
    assert_follows_the_scheme(page, scheme, ".panel")
    page.context.close()


def open_phone(browser, name: str):
    width, height, scale = PHONES[name]
    return open_page(browser, "light", width, height, is_mobile=True, has_touch=True, device_scale_factor=scale)


def assert_on_screen(page, selector: str) -> None:
    """The whole of ``selector`` is inside the viewport as it is now (no scrolling)."""
    box, view = page.locator(selector).bounding_box(), page.viewport_size
    assert box is not None, f"{selector} is not shown"
    inside = box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= view["width"]
    assert inside and box["y"] + box["height"] <= view["height"], f"{selector} at {box} is not all on a {view} screen"


# The chat's label ("对话") and icon buttons (clear) float over the chat: pairs of those and message bubbles
# (the part of a bubble scrolled into the chat's view) that share pixels.
OVERLAPS_JS = """
() => {
  const chat = document.querySelector("#chat");
  const view = chat.querySelector(".bubble-wrap").getBoundingClientRect();
  const fixed = [chat.querySelector("[data-testid=block-label]"), ...chat.querySelectorAll(".top-panel button")];
  const clip = (r) => ({left: Math.max(r.left, view.left), right: Math.min(r.right, view.right),
                        top: Math.max(r.top, view.top), bottom: Math.min(r.bottom, view.bottom)});
  const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const found = [];
  for (const bubble of chat.querySelectorAll(".message.user, .message.bot, .message-buttons")) {
    const shown = clip(bubble.getBoundingClientRect());
    if (shown.left >= shown.right || shown.top >= shown.bottom) continue;
    for (const thing of fixed) {
      if (thing && meet(thing.getBoundingClientRect(), shown))
        found.push(`${thing.getAttribute("aria-label") || thing.innerText} over ${bubble.innerText.slice(0, 12)}`);
    }
  }
  return found;
}
"""


@pytest.mark.parametrize("name", PHONES)
def test_on_a_phone_the_question_box_and_send_are_on_the_first_screen_and_nothing_overlaps(
    browser, server: Server, name: str
) -> None:
    page = open_phone(browser, name)
    page.goto(server.url + "/", wait_until="load")
    page.wait_for_selector("#question textarea", timeout=30_000)
    assert_on_screen(page, "#question textarea")
    assert_on_screen(page, "#send")
    for question in (
        "小微企业贷款有什么支持？",
        "增值税暂行条例第十五条规定了哪些免税项目？",
    ):  # long: the chat scrolls
        page.fill("#question textarea", question)
        cards = page.locator("#chat .cards").count()
        page.locator("#send").tap()
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('#chat .cards').length == n", arg=cards + 1, timeout=60_000
            )
        except Exception as exc:  # say what the chat shows instead
            shown = page.locator("#chat").inner_text()[-300:]
            raise AssertionError(f"no answer card for {question!r}; the chat ends with: {shown!r}") from exc
    assert_on_screen(page, "#question textarea")
    assert_on_screen(page, "#send")
    assert page.locator("#chat [data-testid=block-label]").is_visible()
    assert page.locator("#chat .top-panel button").is_visible()  # the clear button, once there are messages
    overlaps = []
    for where in ("0", "log.scrollHeight / 3", "log.scrollHeight * 2 / 3", "log.scrollHeight"):
        page.evaluate(f"() => {{ const log = document.querySelector('#chat .bubble-wrap'); log.scrollTop = {where}; }}")
        overlaps += page.evaluate(OVERLAPS_JS)
    assert overlaps == [], "the chat's label or buttons cover messages:\n" + "\n".join(overlaps)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONES[name][0]  # no sideways scrolling
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}-chat.png"))
    page.context.close()


def assert_every_column_on_screen(page, table: str) -> None:
    """Every header and every cell of the rows shown lies within the screen's width, its text wrapped, not cut."""
    width = page.viewport_size["width"]
    cells = page.locator(f"{table} thead th, {table} .virtual-row [role=gridcell]").evaluate_all(
        "cells => cells.map(c => { const r = c.getBoundingClientRect(); const t = c.querySelector('span, .cell-wrap');"
        " return [c.innerText.trim().slice(0, 10), r.left, r.right, t ? t.scrollWidth - t.clientWidth : 0]; })"
    )
    assert len(cells) > 8, f"{table} shows no rows"
    cut = [f"{text!r} {left:.0f}–{right:.0f} (cut by {over}px)" for text, left, right, over in cells
           if left < 0 or right > width or over > 1]  # fmt: skip
    assert cut == [], f"cells of {table} off a {width}px screen or cut:\n" + "\n".join(cut)


@pytest.mark.parametrize("name", PHONES)
def test_on_a_phone_every_column_of_the_tables_is_on_screen(browser, server: Server, name: str) -> None:
    page = open_phone(browser, name)
    page.goto(server.url + "/", wait_until="load")
    page.get_by_role("tab", name="政策浏览").click()
    page.wait_for_selector("#measures >> text=（八）发挥创新平台支撑作用", timeout=20_000)
    assert "部门" in page.locator("#measures thead").inner_text()
    assert_every_column_on_screen(page, "#measures")
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}-browse.png"))
    page.get_by_role("tab", name="政策库").click()
    page.wait_for_selector("#documents >> text=国发〔2018〕39号", timeout=20_000)
    assert_every_column_on_screen(page, "#documents")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONES[name][0]
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}-library.png"))
    page.context.close()

"""The Gradio app: a chat tab (progressive answers, citation cards with document status, feedback,
a formal reply for staff) and a policy browser tab (every document of the library). Everything shown is escaped by ``web.render``.

The chat function is named ``respond``, so its API endpoint is ``/respond`` (gradio_client).
"""

from __future__ import annotations

import html
import json
import logging
import urllib.parse
import uuid
from collections.abc import Iterator
from typing import Any

import gradio as gr

from bot import catalog
from bot import match as matching
from bot.compose import Shelf
from bot.engine import PolicyBot
from bot.question import QuestionError
from ingest.schema import Answer
from web import render
from web.feedback import RETRACT, FeedbackError, FeedbackRecord, FeedbackStore, Saved
from web.guard import Budget, forwarded_client

log = logging.getLogger(__name__)

RATING_CHOICES = ("👍 有帮助", "👎 没帮助")


def said_html(text: str) -> str:
    """A line of text for the status line under the chat."""
    return f'<p role="status" style="margin:.2em 0;color:#075985">{html.escape(text)}</p>'


def feedback_said(rating: int, status: str, number: int) -> str:
    """The line under the chat after a thumb is clicked on the ``number``-th answer shown.

    >>> feedback_said(-1, "updated", 2)
    '已收到您对第 2 条回答的评价：没帮助。再点一次可撤销；也欢迎在下方“意见反馈”中补充意见。'
    """
    if status == "nothing":
        return f"第 {number} 条回答没有可撤销的评价。"
    if rating == RETRACT:
        return f"已撤销您对第 {number} 条回答的评价。"
    if rating == 1:
        return f"已收到您对第 {number} 条回答的评价：有帮助。再点一次可撤销。"
    return f"已收到您对第 {number} 条回答的评价：没帮助。再点一次可撤销；也欢迎在下方“意见反馈”中补充意见。"


# Gradio 6.31 labels the thumbs in the browser's language ("Like", "赞"…) and, once one is chosen,
# in untranslated English ("Liked", "Disliked"); it labels each chat message for screen readers with
# "user's message: " and the message's raw HTML. This page is Chinese whatever the browser: the
# script below renames them whenever Gradio (re)writes a label — a message is read as its text.
LABELS = {
    "Like": "有帮助", "赞": "有帮助", "讚": "有帮助", "Liked": "已评：有帮助（再点一次撤销）",
    "Dislike": "没帮助", "踩": "没帮助", "不讚": "没帮助", "Disliked": "已评：没帮助（再点一次撤销）",
    "chatbot conversation": "对话记录", "More tabs": "更多标签页",
}  # fmt: skip
PAGE_LABELS_JS = """() => {
  const names = NAMES;
  const said = /^(latest )?([a-z]+)'s message:/;  // no backslashes: Gradio's js loader eats them
  const relabel = () => {
    for (const node of document.querySelectorAll("[title], [aria-label]")) {
      for (const key of ["title", "aria-label"]) {
        const label = node.getAttribute(key);
        const name = label && names[label];
        if (name) { node.setAttribute(key, name); }
        const message = key === "aria-label" && label && label.match(said);
        if (message) {
          const who = (message[1] ? "最新" : "") + (message[2] === "user" ? "您的问题：" : "助手的回答：");
          node.setAttribute(key, who + node.textContent.trim().slice(0, 300));
        }
      }
    }
  };
  relabel();
  new MutationObserver(relabel).observe(
    document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ["title", "aria-label"]});
}""".replace("NAMES", json.dumps(LABELS, ensure_ascii=False))

TITLE = "惠企政策问答助手"
ALL = "全部"


def _chosen(value: str | None) -> str | None:
    """A filter's value; None for 全部 or nothing."""
    return value if value and value != ALL else None


MAX_KEPT_ANSWERS = 100
# The 政策匹配 form's inputs, in order: the profile fields they fill.
MATCH_FIELDS = (
    "kind", "industry", "industry_class", "province", "employees", "revenue_wan", "assets_wan", "taxable_income_wan",
    "vat_taxpayer", "monthly_sales_wan", "certifications", "age_years", "founder", "needs", "as_of",
)  # fmt: skip
CSS = """
/* Colours come from the theme's variables, which Gradio switches when the system asks for dark
   (it puts .dark on <body>); the few it has no variable for are set here for both schemes. */
:root {
  --qa-chip-fill: var(--primary-100); --qa-chip-text: var(--primary-800);
  --qa-ok-fill: #dcfce7; --qa-ok-text: #166534; --qa-old-fill: #fef3c7; --qa-old-text: #92400e;
  --qa-mark-fill: #fef08a; --qa-mark-text: var(--neutral-900); --qa-said: var(--primary-800);
}
.dark {
  --qa-chip-fill: var(--primary-900); --qa-chip-text: var(--primary-100);
  --qa-ok-fill: #14532d; --qa-ok-text: #bbf7d0; --qa-old-fill: #78350f; --qa-old-text: #fde68a;
  --qa-mark-fill: #713f12; --qa-mark-text: #fef9c3; --qa-said: var(--primary-300);
}
#chat .message-wrap .prose.chatbot.md { opacity: 1; }  /* Gradio dims every message to 80% */
.answer, .question { line-height: 1.75; }
.cards { margin-top: .6em; display: grid; gap: .5em; }
.card { border: 1px solid var(--border-color-primary); border-radius: 10px; padding: .5em .8em;
        background: var(--block-background-fill); color: var(--body-text-color); }
.card-head { display: flex; flex-wrap: wrap; gap: .2em .5em; justify-content: space-between; align-items: baseline; }
.card-section, .resp { color: var(--body-text-color-subdued); font-size: .85em; }
.chip { display: inline-block; background: var(--qa-chip-fill); color: var(--qa-chip-text); border-radius: 999px;
        padding: 0 .7em; margin: .15em .3em .15em 0; font-size: .85em; }
.card mark { background: var(--qa-mark-fill); color: var(--qa-mark-text); }
.card a, .card details summary { color: var(--link-text-color); }
.card details summary { cursor: pointer; }
.notice { border-left: 4px solid currentColor; border-radius: 6px; padding: .4em .8em;
          background: var(--qa-old-fill); color: var(--qa-old-text); }
#feedback-said [role=status] { color: var(--qa-said) !important; }  /* over the line's own inline colour */
#measure-text { line-height: 1.8; }
.card details p, #measure-text p { white-space: pre-line; }
.status { border-radius: 4px; padding: 0 .4em; font-size: .8em; }
.status-ok { background: var(--qa-ok-fill); color: var(--qa-ok-text); }
.status-old { background: var(--qa-old-fill); color: var(--qa-old-text); }
#feedback-said:has(.prose:empty) { display: none; }  /* no blank gap under the chat before a thumb is clicked */
/* The chat's label and clear button get a strip of their own above the messages instead of covering them. */
#chat .bubble-wrap { margin-top: 40px; height: auto; flex: 1 1 0; min-height: 0; }
/* Every column of the two tables on screen: shares of the width (not the widths Gradio measures), text wrapped;
   the shares follow the order of the `headers` given to the Dataframes below. */
#measures .header-table, #documents .header-table { width: 100% !important; table-layout: fixed; }
#measures th, #measures [role=gridcell], #documents th, #documents [role=gridcell] {
  width: var(--share) !important; min-width: 0 !important; max-width: none !important; flex: 0 0 var(--share) !important;
  overflow-wrap: anywhere; }
#measures [data-heading="0"], #measures [data-col="0"] { --share: 12%; }
#measures [data-heading="1"], #measures [data-col="1"] { --share: 38%; }
#measures [data-heading="2"], #measures [data-col="2"] { --share: 25%; }
#measures [data-heading="3"], #measures [data-col="3"] { --share: 25%; }
#documents [data-heading="0"], #documents [data-col="0"] { --share: 26%; }
#documents [data-heading="1"], #documents [data-col="1"] { --share: 14%; }
#documents [data-heading="2"], #documents [data-col="2"] { --share: 13%; }
#documents [data-heading="3"], #documents [data-col="3"] { --share: 9%; }
#documents [data-heading="4"], #documents [data-col="4"] { --share: 12%; }
#documents [data-heading="5"], #documents [data-col="5"] { --share: 11%; }
#documents [data-heading="6"], #documents [data-col="6"] { --share: 15%; }
/* Narrower page margins on a phone; not in the media query below, since Gradio keeps of those only the rules
   inside its .contain, and this element is outside. */
.gradio-container .main.app { padding-inline: clamp(8px, 2.5vw, var(--size-8)); }
@media (max-width: 640px) {
  /* Phones: the question box and 发送 side by side, both on the first screen under a shorter chat. */
  #chat { height: clamp(220px, calc(100svh - 330px), 520px) !important; }
  .row:has(> #send) { flex-wrap: nowrap; align-items: stretch; }
  .row:has(> #send) > * { min-width: 0; }
  #send { flex: 0 0 auto !important; min-width: 4.5em; }
  #measures .cell-wrap { padding: 4px 3px; }
  /* Seven columns do not fit: each document becomes a block, its title on a line of its own and then its facts. */
  #documents thead { display: none; }
  #documents .virtual-row { flex-wrap: wrap; border-bottom: 1px solid var(--border-color-primary); }
  #documents [role=gridcell] { flex: 0 1 auto !important; width: auto !important; }
  #documents [role=gridcell]:not(.cell-selected) { box-shadow: none; }
  #documents [role=gridcell]:has(.cell-wrap > span:empty) { display: none; }
  #documents [data-col="0"] { flex-basis: 100% !important; font-weight: 600; }
  #documents .cell-wrap { min-height: 0; padding: 2px 6px; }
}
"""
THEME = gr.themes.Soft(
    primary_hue="sky",
    # Local fonts only: the default theme would fetch web fonts from the internet.
    font=["WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"],
    font_mono=["DejaVu Sans Mono", "monospace"],
).set(
    # Soft's links (indigo) and muted text (gray-400) fall below WCAG AA contrast in one scheme or the other.
    link_text_color="*primary_700", link_text_color_hover="*primary_800", link_text_color_visited="*primary_800",
    link_text_color_active="*primary_800", link_text_color_dark="*primary_300", link_text_color_hover_dark="*primary_200",
    link_text_color_visited_dark="*primary_200", link_text_color_active_dark="*primary_200",
    body_text_color_subdued="*neutral_600", body_text_color_subdued_dark="*neutral_400",
)  # fmt: skip


def make_ui(bot: PolicyBot, feedback: FeedbackStore, budget: Budget | None = None) -> gr.Blocks:
    def doc_choices() -> list[tuple[str, str]]:
        return [(d.meta.citation_title, d.meta.doc_id) for d in bot.library.documents]

    home = bot.home.meta.doc_id

    def agency_choices(doc_id: str) -> list[str]:
        counts: dict[str, int] = {}
        for p in bot.library.get(doc_id).provisions:  # type: ignore[union-attr]
            for a in p.agencies:
                counts[a] = counts.get(a, 0) + 1
        return [ALL] + [f"{a}（{n}）" for a, n in sorted(counts.items(), key=lambda x: -x[1])]

    def section_choices(doc_id: str) -> list[str]:
        return [ALL] + [d.heading for d in bot.library.get(doc_id).chapters()]  # type: ignore[union-attr]

    def over_budget(request: gr.Request | None) -> str:
        """The Chinese message when this session or its address has asked too often ("" when it may ask)."""
        if budget is None or request is None:
            return ""
        peer = request.client.host if request.client else "unknown"
        address = forwarded_client(peer, request.headers.get("x-forwarded-for"), budget.proxies)
        message = budget.check(address, request.session_hash or "")[1]
        return message and message + "您的对话和问题都已保留，到时再点“发送”即可。"

    def respond(
        message: str, chat: list[dict], turns: list[dict], answers: list[dict], request: gr.Request | None = None
    ) -> Iterator[tuple]:
        """Answer one message, growing the reply line by line, then adding the citation cards."""
        chat = list(chat or [])
        turns = list(turns or [])
        answers = list(answers or [])
        refusal = over_budget(request)
        if refusal:  # said in the chat; the conversation stays and the question stays in the box
            chat.append({"role": "user", "content": render.user_html(message or "")})
            chat.append({"role": "assistant", "content": render.notice_html(refusal)})
            yield chat, turns, answers, gr.update(), message
            return
        try:
            answer = bot.ask(message, turns[-12:])  # plain-text turns: the chat itself holds HTML
        except QuestionError as exc:
            answer = Answer(str(exc), kind="invalid_question")
        except Exception:  # one failed answer must not break the session
            log.exception("failed to answer %r", message)
            answer = Answer("抱歉，处理这个问题时出错了，已记录。请换个说法再问。", kind="error")
        chat.append({"role": "user", "content": render.user_html(message or "")})
        chat.append({"role": "assistant", "content": ""})
        shown = ""
        for piece in render.chunks_of(answer.text):  # the (verified) answer, sentence by sentence
            shown += piece
            chat[-1] = {"role": "assistant", "content": render.answer_html(answer, bot.library, partial_text=shown)}
            yield chat, turns, answers, gr.update(), ""
        chat[-1] = {"role": "assistant", "content": render.answer_html(answer, bot.library)}
        if answer.kind != "invalid_question":
            turns += [{"role": "user", "content": message}, {"role": "assistant", "content": answer.text}]
        answers.append({"id": uuid.uuid4().hex, "question": message or "", "answer": answer.to_json()})
        answers = answers[-MAX_KEPT_ANSWERS:]  # the session state stays small however long the chat
        yield chat, turns, answers, render.formal_reply(answer, bot.library), ""

    def new_conversation() -> tuple:
        return [], [], [], "", ""

    def on_like(data: gr.LikeData, chat: list[dict], answers: list[dict]) -> tuple[str, Any]:
        """A click on a thumb: Gradio sends liked=True (👍), False (👎), or "" when the chosen thumb
        is clicked again (taken back). The answer's one record takes the last choice."""
        # Assistant messages are every second chat item; the last len(answers) of them are kept.
        index = data.index if isinstance(data.index, int) else data.index[0]
        position = index // 2 - (len(chat or []) // 2 - len(answers or []))
        if not answers or not 0 <= position < len(answers):
            return said_html("这条回答太早了，已无法评价。"), gr.update()
        rating = 1 if data.liked is True else -1 if data.liked is False else RETRACT
        try:
            saved = _save(answers[position], rating, "")
        except FeedbackError as exc:
            return said_html(str(exc)), gr.update()
        said = said_html(feedback_said(rating, saved.status, index // 2 + 1))
        if rating != RETRACT and position == len(answers) - 1:  # the form below rates the same answer
            return said, RATING_CHOICES[0 if rating == 1 else 1]
        return said, gr.update()

    def on_comment(rating: str, comment: str, answers: list[dict]) -> tuple[str, str]:
        if not answers:
            return "还没有可以评价的回答。", comment
        try:
            _save(answers[-1], 1 if rating == RATING_CHOICES[0] else -1, comment)
        except FeedbackError as exc:
            return str(exc), comment
        return "已收到您的评价和意见，谢谢！", ""

    def _save(entry: dict, rating: int, comment: str) -> Saved:
        """Record the choice for this answer: its one record (by the id given when it was shown)."""
        answer = entry["answer"]
        return feedback.save(
            FeedbackRecord(
                rating=rating,
                question=entry["question"] or "（空）",
                answer=answer["answer"],
                measures=tuple(f"{c['doc_id']}#{c['number']}" for c in answer["citations"]),
                comment=comment,
                source="app",
                answer_id=entry.get("id", ""),
            )
        )

    def shelf() -> Shelf:
        return Shelf(bot.library, bot.today())

    choices = catalog.facets(catalog.catalogue(shelf(), bot.agencies))

    def catalogue_rows(status: str, kind: str, issuer: str, agency: str, words: str) -> list[list[Any]]:
        found = catalog.catalogue(
            shelf(), bot.agencies, status=_chosen(status), kind=_chosen(kind), issuer=_chosen(issuer),
            agency=_chosen(agency), words=(words or "")[:100],
        )  # fmt: skip
        return [
            [e.meta.citation_title, e.meta.doc_number, e.meta.issuer, e.meta.kind,
             str(e.meta.effective or e.meta.issued or ""), e.status.code, e.meta.doc_id]
            for e in found
        ]  # fmt: skip

    def show_document(rows: Any, event: gr.SelectData) -> str:
        try:
            doc_id = str(rows.iloc[event.index[0], -1]) if hasattr(rows, "iloc") else str(rows[event.index[0]][-1])
        except (IndexError, ValueError, TypeError):
            return ""
        document = bot.library.get(doc_id)
        if document is None:
            return ""
        now = shelf()
        status = now.status(doc_id)
        return render.document_card(document, status.text, now.metas.get(status.successor))

    def browse(doc_id: str, agency: str, section: str) -> list[list[Any]]:
        document = bot.library.get(doc_id)
        if document is None:
            return []
        name = agency.split("（")[0] if agency and agency != ALL else None
        part = next((d for d in document.chapters() if d.heading == section), None)
        rows = []
        for p in document.provisions:
            if name and name not in p.agencies:
                continue
            if part is not None and not part.first <= p.number <= part.last:
                continue
            rows.append([p.number, f"{p.label}{p.title}", p.section, "、".join(p.agencies)])
        return rows

    def match_profile(*values: Any) -> str:
        """The 政策匹配 form → the result, with a link to its printable page."""
        raw = {name: value for name, value in zip(MATCH_FIELDS, values, strict=True) if value not in (None, "", [])}
        try:
            profile = matching.profile_from_json(raw, matching.provinces())
        except matching.ProfileError as exc:
            items = "".join(f"<li>{render.escape_text(matching.FIELD_LABELS.get(k, k))}：{render.escape_text(v)}</li>"
                            for k, v in exc.problems.items())  # fmt: skip
            return f'<div class="notice" role="alert">请修改以下信息：<ul>{items}</ul></div>'
        result = bot.match(profile)
        data = matching.to_json(result, Shelf(bot.library, result.day))
        printable = "match?profile=" + urllib.parse.quote(json.dumps(profile.to_json(), ensure_ascii=False))
        link = f'<p><a href="{render.escape_text(printable)}" target="_blank" rel="noopener">打开打印版（可打印或存为 PDF）</a></p>'
        return render.match_html(data) + link

    def choose_document(doc_id: str) -> tuple:
        return (
            gr.update(choices=agency_choices(doc_id), value=ALL),
            gr.update(choices=section_choices(doc_id), value=ALL),
            browse(doc_id, ALL, ALL),
            "",
        )

    def show_provision(doc_id: str, rows: Any, event: gr.SelectData) -> str:
        try:
            number = int(rows.iloc[event.index[0], 0]) if hasattr(rows, "iloc") else int(rows[event.index[0]][0])
        except (IndexError, ValueError, TypeError):
            return ""
        document = bot.library.get(doc_id)
        provision = document.provision(number) if document else None
        if provision is None:
            return ""
        return render.provision_html(provision, document.meta)  # type: ignore[union-attr]

    with gr.Blocks(title=TITLE, analytics_enabled=False) as ui:
        gr.Markdown(
            f"## {TITLE}\n依据政策库中的 {len(bot.library.documents)} 份文件回答，每条答复都注明文件、条款、效力状态与负责部门。"
        )
        turns = gr.State([])
        answers = gr.State([])
        with gr.Tab("问答"):
            chatbot = gr.Chatbot(
                label="对话", height=520, sanitize_html=True, render_markdown=True,
                feedback_options=("Like", "Dislike"), buttons=[], elem_id="chat",
            )  # fmt: skip
            feedback_line = gr.HTML(elem_id="feedback-said")  # 已收到… after a 👍/👎, where the user looks
            with gr.Row():
                question = gr.Textbox(
                    placeholder="请输入您的问题，例如：小微企业贷款有什么支持？", show_label=False, scale=5,
                    max_length=2000, elem_id="question", submit_btn=False,
                )  # fmt: skip
                send = gr.Button("发送", variant="primary", scale=1, elem_id="send")
            with gr.Row():
                clear = gr.Button("新对话", size="sm", elem_id="new-conversation")
            gr.Examples(bot.examples(), inputs=question, label="示例问题")
            with gr.Accordion("意见反馈", open=False):
                rating = gr.Radio(list(RATING_CHOICES), value=RATING_CHOICES[0], label="对最近一条回答的评价")
                comment = gr.Textbox(label="补充意见（可选）", max_length=1000, lines=2)
                submit_feedback = gr.Button("提交反馈", size="sm")
                feedback_status = gr.Markdown()
            with gr.Accordion("正式答复（供服务中心使用，可复制）", open=False):
                formal = gr.Textbox(label="正式答复", lines=10, buttons=["copy"], interactive=False, elem_id="formal")
        with gr.Tab("政策库"):
            with gr.Row():
                status_filter = gr.Dropdown([ALL, *choices["status"]], value=ALL, label="效力状态")
                kind_filter = gr.Dropdown([ALL, *choices["kind"]], value=ALL, label="类别")
                issuer_filter = gr.Dropdown([ALL, *choices["issuer"]], value=ALL, label="发布机关")
                agency_filter = gr.Dropdown([ALL, *choices["agency"]], value=ALL, label="涉及部门")
                words_filter = gr.Textbox(label="标题、简称或文号", max_length=100, elem_id="library-search")
            documents = gr.Dataframe(
                value=catalogue_rows(ALL, ALL, ALL, ALL, ""),
                headers=["文件", "文号", "发布机关", "类别", "施行日期", "状态", "编号"],
                interactive=False, wrap=True, elem_id="documents",
            )  # fmt: skip
            document_text = gr.HTML(elem_id="document-text")
        with gr.Tab("政策匹配"):
            gr.Markdown("填写企业情况（都可以不填；不填的项目不会被猜测），列出条件相符的现行有效条款，逐条注明依据。")
            with gr.Row():
                kind = gr.Dropdown(["", *matching.KINDS], value="", label="类型")
                industry = gr.Textbox(
                    label="行业（如：软件开发、汽车配件制造）", max_length=50, elem_id="match-industry"
                )
                industry_class = gr.Dropdown(["", "工业", "其他"], value="", label="行业类别")
                province = gr.Dropdown(["", *matching.provinces()], value="", label="所在省份")
            with gr.Row():
                employees = gr.Textbox(max_length=20, label="从业人数", elem_id="match-employees")
                revenue = gr.Textbox(max_length=20, label="年营业收入（万元）")
                assets = gr.Textbox(max_length=20, label="资产总额（万元）", elem_id="match-assets")
                income = gr.Textbox(max_length=20, label="年度应纳税所得额（万元）", elem_id="match-income")
            with gr.Row():
                vat = gr.Dropdown(["", "小规模纳税人", "一般纳税人"], value="", label="增值税纳税人")
                monthly = gr.Textbox(max_length=20, label="月销售额（万元）")
                age = gr.Textbox(max_length=20, label="成立年限（年）")
                as_of = gr.Textbox(label="日期（YYYY-MM-DD，默认今天）", max_length=10)
            with gr.Row():
                certifications = gr.CheckboxGroup(list(matching.profile_values("certifications")), label="资质认定")
                founder = gr.CheckboxGroup(list(matching.profile_values("founder")), label="创办人")
                needs = gr.CheckboxGroup(
                    list(matching.NEEDS), label="需求（只列这些需求的条款）", elem_id="match-needs"
                )
            match_button = gr.Button("匹配政策", variant="primary", elem_id="match")
            match_result = gr.HTML(elem_id="match-result")
        with gr.Tab("政策浏览"):
            document = gr.Dropdown(doc_choices(), value=home, label="文件", elem_id="document")
            with gr.Row():
                agency = gr.Dropdown(agency_choices(home), value=ALL, label="按部门筛选（条数）")
                section = gr.Dropdown(section_choices(home), value=ALL, label="按部分（章）筛选")
            table = gr.Dataframe(
                value=browse(home, ALL, ALL), headers=["编号", "条目", "部分（章）", "部门"], interactive=False,
                wrap=True, elem_id="measures",
            )  # fmt: skip
            measure_text = gr.HTML(elem_id="measure-text")

        outputs = [chatbot, turns, answers, formal, question]
        # The bot is thread-safe; several people may be answered at once.
        send.click(respond, [question, chatbot, turns, answers], outputs, concurrency_limit=4)
        question.submit(
            respond, [question, chatbot, turns, answers], outputs, api_visibility="private", concurrency_limit=4
        )
        clear.click(new_conversation, None, outputs, api_visibility="private")
        chatbot.clear(new_conversation, None, outputs, api_visibility="private")
        chatbot.like(
            on_like, [chatbot, answers], [feedback_line, rating], api_visibility="private", show_progress="hidden"
        )
        ui.load(None, None, None, js=PAGE_LABELS_JS, api_visibility="private")
        submit_feedback.click(
            on_comment, [rating, comment, answers], [feedback_status, comment], api_visibility="private"
        )
        document.change(choose_document, [document], [agency, section, table, measure_text], api_visibility="private")
        agency.change(browse, [document, agency, section], table, api_visibility="private")
        section.change(browse, [document, agency, section], table, api_visibility="private")
        table.select(show_provision, [document, table], measure_text, api_visibility="private")
        filters = [status_filter, kind_filter, issuer_filter, agency_filter, words_filter]
        for control in filters:
            control.change(catalogue_rows, filters, documents, api_visibility="private")
        documents.select(show_document, [documents], document_text, api_visibility="private")
        profile_inputs = [kind, industry, industry_class, province, employees, revenue, assets, income, vat, monthly,
                          certifications, age, founder, needs, as_of]  # fmt: skip
        match_button.click(match_profile, profile_inputs, match_result, api_visibility="private")

        def on_open() -> tuple:
            """A page opened after the library changed shows the library as it is now."""
            now = catalog.facets(catalog.catalogue(shelf(), bot.agencies))
            return (
                gr.update(choices=doc_choices()),
                *(gr.update(choices=[ALL, *now[name]]) for name in ("status", "kind", "issuer", "agency")),
                catalogue_rows(ALL, ALL, ALL, ALL, ""),
            )

        ui.load(
            on_open,
            None,
            [document, status_filter, kind_filter, issuer_filter, agency_filter, documents],
            api_visibility="private",
        )
    return ui

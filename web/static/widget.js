/* 惠企政策问答助手 — embeddable widget.
 * <script src="https://HOST/PATH/widget.js" data-title="按钮与窗口的标题" data-question="预填的问题" async></script>
 * A floating button and chat panel inside a shadow root (the host page's CSS cannot reach it),
 * talking to HOST/PATH/api/ask. All text is inserted with textContent: never as HTML.
 * No third-party assets, no keys.
 * It first asks HOST/PATH/api/widget whether this site may use the service: when it may not (403,
 * no CORS headers) or the service cannot be reached, nothing is shown to the visitor and the reason
 * is written to the browser console for the site's administrator.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {
    var all = document.getElementsByTagName("script");
    for (var i = all.length - 1; i >= 0; i--) {
      if (/\/widget\.js(\?|$)/.test(all[i].src)) { script = all[i]; break; }
    }
  }
  if (!script || window.__policyQaWidget) return;
  window.__policyQaWidget = true;

  // Where the service is: the script's own address without /widget.js (a sub-path stays).
  var base = new URL(script.src, location.href).href.replace(/\/widget\.js([?#].*)?$/, "");
  var session = "widget-" + Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
  var title = script.getAttribute("data-title") || "惠企政策问答助手";
  var preset = script.getAttribute("data-question") || "";
  var history = [];
  var busy = false;
  var HISTORY_TURNS = 6;          // the server needs only the last exchanges…
  var HISTORY_CHARS = 1000;       // …and of an answer only its first part (the cited measures)

  var css = [
    ":host{all:initial}",
    // The palette, light then dark (the system setting); on the widget's own elements, out of the host page's reach.
    ".launcher,.panel{--text:#1f2937;--back:#fff;--line:#cbd5e1;--rule:#e2e8f0;--brand:#0369a1;--user:#e0f2fe;",
    "--bot:#f1f5f9;--link:#0369a1;--link-bar:#7dd3fc;--chip-fill:#e0f2fe;--chip-text:#075985;--old-fill:#fef3c7;",
    "--old-text:#92400e;--err-fill:#fef2f2;--err-text:#991b1b;--err-line:#fecaca;--input:#fff;--muted:#475569;--off:#94a3b8}",
    "@media (prefers-color-scheme:dark){.launcher,.panel{--text:#e5e7eb;--back:#0f172a;--line:#334155;--rule:#1e293b;",
    "--user:#0c4a6e;--bot:#1e293b;--link:#7dd3fc;--link-bar:#0369a1;--chip-fill:#0c4a6e;--chip-text:#e0f2fe;",
    "--old-fill:#78350f;--old-text:#fde68a;--err-fill:#450a0a;--err-text:#fecaca;--err-line:#7f1d1d;--input:#1e293b;",
    "--muted:#94a3b8;--off:#475569}}",
    "*{box-sizing:border-box;font-family:'WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei',system-ui,sans-serif}",
    ".launcher{position:fixed;right:16px;bottom:16px;z-index:2147483647;border:0;border-radius:999px;",
    "background:var(--brand);color:#fff;padding:12px 18px;font-size:15px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}",
    ".panel{position:fixed;right:16px;bottom:76px;z-index:2147483647;width:370px;height:540px;",
    "max-height:calc(100vh - 96px);display:none;flex-direction:column;background:var(--back);color:var(--text);",
    "border:1px solid var(--line);border-radius:14px;box-shadow:0 10px 30px rgba(0,0,0,.25);overflow:hidden}",
    ".panel.open{display:flex}",
    ".head{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:var(--brand);color:#fff}",
    ".head b{font-size:15px}.close{background:none;border:0;color:#fff;font-size:20px;cursor:pointer}",
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px;font-size:14px;line-height:1.7}",
    ".msg{white-space:pre-wrap;word-break:break-word;padding:8px 10px;border-radius:10px;max-width:92%}",
    ".user{align-self:flex-end;background:var(--user)}.bot{align-self:flex-start;background:var(--bot)}",
    ".error{align-self:stretch;background:var(--err-fill);color:var(--err-text);border:1px solid var(--err-line)}",
    ".cites{margin-top:6px;display:flex;flex-direction:column;gap:4px}",
    ".cite{display:block;font-size:13px;color:var(--link);text-decoration:none;border-left:3px solid var(--link-bar);padding-left:6px}",
    ".chip{display:inline-block;background:var(--chip-fill);color:var(--chip-text);border-radius:999px;padding:0 7px;margin:2px 4px 0 0;font-size:12px}",
    ".chip.old{background:var(--old-fill);color:var(--old-text)}",
    "form{display:flex;gap:6px;padding:10px;border-top:1px solid var(--rule)}",
    "textarea{flex:1;resize:none;height:44px;border:1px solid var(--line);border-radius:8px;padding:6px 8px;font-size:14px;",
    "background:var(--input);color:var(--text)}textarea::placeholder{color:var(--muted)}",
    ".send{border:0;border-radius:8px;background:var(--brand);color:#fff;padding:0 14px;font-size:14px;cursor:pointer}",
    ".send:disabled{background:var(--off)}",
    ".note{font-size:11px;color:var(--muted);padding:0 12px 8px}",
    "@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;height:100vh;max-height:100vh;border-radius:0}",
    "@supports (height:100dvh){.panel{height:100dvh;max-height:100dvh}}",
    ".launcher{right:12px;bottom:12px}}"
  ].join("");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var host = el("div");
  host.setAttribute("data-policy-qa-widget", "");
  var root = host.attachShadow({ mode: "open" });
  var style = el("style");
  style.textContent = css;
  var launcher = el("button", "launcher", title);
  launcher.type = "button";
  launcher.setAttribute("aria-label", title);
  var panel = el("div", "panel");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);
  var head = el("div", "head");
  head.appendChild(el("b", "", title));
  var close = el("button", "close", "×");
  close.type = "button";
  close.setAttribute("aria-label", "关闭");
  head.appendChild(close);
  var log = el("div", "log");
  log.setAttribute("aria-live", "polite");
  var form = el("form");
  var input = el("textarea");
  input.maxLength = 2000;
  input.placeholder = "请输入您的问题…";
  input.value = preset;
  var send = el("button", "send", "发送");
  send.type = "submit";
  form.appendChild(input);
  form.appendChild(send);
  var note = el("div", "note", "答复依据官方政策文件，并注明措施与负责部门。");
  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(form);
  panel.appendChild(note);
  root.appendChild(style);
  root.appendChild(launcher);
  root.appendChild(panel);

  function scroll() { log.scrollTop = log.scrollHeight; }

  function addMessage(kind, text) {
    var node = el("div", "msg " + kind, text);
    log.appendChild(node);
    scroll();
    return node;
  }

  function addCitations(node, citations) {
    if (!citations || !citations.length) return;
    var box = el("div", "cites");
    citations.forEach(function (c) {
      var link = el("a", "cite");
      link.href = base + (c.number ? "/doc/" + encodeURIComponent(c.doc_id) + "/" + encodeURIComponent(String(c.number)) : "/");
      link.target = "_blank";
      link.rel = "noopener";
      link.appendChild(el("span", "", (c.doc_title || "") + (c.number ? c.label + (c.title || "") : "") + "　"));
      if (c.status) link.appendChild(el("span", c.status.indexOf("现行有效") === 0 ? "chip" : "chip old", c.status));
      (c.agencies || []).forEach(function (a) { link.appendChild(el("span", "chip", a)); });
      box.appendChild(link);
    });
    node.appendChild(box);
    scroll();
  }

  function ask(question) {
    if (busy) return;
    question = question.trim();
    if (!question) { input.focus(); return; }
    busy = true;
    send.disabled = true;
    addMessage("user", question);
    var pending = addMessage("bot", "正在查找相关措施…");
    fetch(base + "/api/ask", {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      headers: { "content-type": "application/json", "x-chat-session": session },
      body: JSON.stringify({ question: question, history: history.slice(-HISTORY_TURNS) })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    }).then(function (result) {
      if (!result.ok) {
        if (result.status === 413 || result.status === 422) history = [];  // start afresh
        if (result.status === 429 && !input.value) input.value = question;  // to send again after the wait
        pending.className = "msg error";
        pending.textContent = (result.data && typeof result.data.detail === "string")
          ? result.data.detail : "服务暂时不可用（" + result.status + "），请稍后再试。";
        return;
      }
      pending.textContent = result.data.answer || "";
      addCitations(pending, result.data.citations);
      history.push(
        { role: "user", content: question },
        { role: "assistant", content: String(result.data.answer || "").slice(0, HISTORY_CHARS) }
      );
    }).catch(function () {
      pending.className = "msg error";
      pending.textContent = "暂时无法连接问答服务，请稍后再试。";
      if (!input.value) input.value = question;
    }).then(function () {
      busy = false;
      send.disabled = false;
    });
  }

  launcher.addEventListener("click", function () {
    var open = panel.classList.toggle("open");
    if (open) {
      if (!log.childNodes.length) addMessage("bot", "您好！请问您想了解哪方面的惠企政策？");
      input.focus();
    }
  });
  close.addEventListener("click", function () { panel.classList.remove("open"); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;  // keep what was typed until the current answer is in
    var q = input.value;
    input.value = "";
    ask(q);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  function mount() { document.body.appendChild(host); }

  function refuse(reason) {
    if (window.console) {
      console.warn("惠企政策问答助手未显示：" + reason + "（服务地址 " + base + "，本网站 " + location.origin +
        "）。请网站管理员联系服务中心，确认服务可访问，并将本网站加入 ALLOWED_ORIGINS。");
    }
  }

  // Shown only once the service has said this site may use it.
  fetch(base + "/api/widget", { mode: "cors", credentials: "omit" }).then(function (response) {
    if (!response.ok) { refuse("服务答复 " + response.status); return; }
    if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
  }).catch(function () { refuse("本网站未获授权使用该服务，或无法连接服务"); });
})();

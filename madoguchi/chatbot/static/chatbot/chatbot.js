// The chat widget: an enhancement of the "質問する" link on every page. Without JavaScript the link
// opens the plain question page; with it, a small panel asks the JSON API. Every text from the
// server or the user is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var root = document.getElementById("md-chat");
  if (!root || !window.fetch) { return; }
  var d = root.dataset;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  var open = el("button", { type: "button", "class": "md-button md-button--secondary md-chat__open", "aria-expanded": "false", "aria-controls": "md-chat-panel" }, d.labelTitle);
  var panel = el("div", { id: "md-chat-panel", "class": "md-chat__panel", hidden: "" });
  var heading = el("h2", { "class": "md-chat__title" }, d.labelTitle);
  var close = el("button", { type: "button", "class": "md-button md-button--tertiary" }, d.labelClose);
  var form = el("form", { "class": "md-chat__form" });
  var label = el("label", { "class": "md-label", "for": "md-chat-q" }, d.labelQuestion);
  var input = el("input", { id: "md-chat-q", "class": "md-input", type: "text", maxlength: "400", autocomplete: "off" });
  var send = el("button", { type: "submit", "class": "md-button" }, d.labelSend);
  var log = el("div", { "class": "md-chat__log", "aria-live": "polite" });
  form.append(label, input, send);
  panel.append(heading, close, form, log);
  root.replaceChildren(open, panel);

  function toggle(show) {
    panel.hidden = !show;
    open.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) { input.focus(); } else { open.focus(); }
  }
  open.addEventListener("click", function () { toggle(panel.hidden); });
  close.addEventListener("click", function () { toggle(false); });

  function say(who, text) {
    var p = el("p", { "class": "md-chat__" + who }, text);
    log.append(p);
    return p;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question) { return; }
    say("me", question);
    input.value = "";
    fetch(d.api, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ question: question, lang: d.lang })
    }).then(function (response) {
      if (response.status === 429) { say("bot", d.labelBusy); return null; }
      return response.json();
    }).then(function (data) {
      if (!data) { return; }
      var box = el("div", { "class": "md-chat__bot" });
      if (!data.answers.length) {
        box.append(el("p", {}, d.labelNone));
      } else if (data.confident) {
        var best = data.answers[0];
        box.append(el("p", {}, best.question), el("p", { "class": "md-chat__answer" }, best.answer));
        box.append(el("a", { href: best.url }, best.question));
      } else {
        box.append(el("p", {}, d.labelUnsure));
        var list = el("ul");
        data.answers.slice(0, 3).forEach(function (answer) {
          var item = el("li");
          item.append(el("a", { href: answer.url }, answer.question));
          list.append(item);
        });
        box.append(list);
      }
      box.append(el("p", {}, ""), el("a", { href: data.escalation_url }, d.labelStaff));
      log.append(box);
    }).catch(function () { say("bot", d.labelBusy); });
  });
})();

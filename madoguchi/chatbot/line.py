"""The LINE channel: the webhook's event handling (受信) — answers, quick replies, flows, escalation.

``handle_webhook`` verifies ``X-Line-Signature`` (HMAC-SHA256 of the raw body with the channel
secret, checked by line-bot-sdk's ``WebhookParser``) before reading anything, answers each event
once — a redelivered or replayed event with a ``webhookEventId`` already seen is skipped — and
replies with the reply token. Buttons are quick replies whose postback data carries the state:

* ``faq=<key>`` shows one FAQ's answer; ``fb=<log id>:1|0`` records 解決した / 解決しなかった;
* ``esc=<log id>`` opens an inquiry for staff with that (scrubbed) question; the staff reply is
  pushed back to the same LINE user;
* ``flow=<code>&<step>=<value>…`` advances a guided flow.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import override
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import PostbackAction, QuickReply, QuickReplyItem, TextMessage
from linebot.v3.webhooks import FollowEvent, MessageEvent, PostbackEvent, TextMessageContent

from madoguchi.chatbot import flows as flow_engine
from madoguchi.chatbot import markup, selectors, services
from madoguchi.chatbot.adapters.line import MAX_TEXT, messenger
from madoguchi.chatbot.models import Channel, LineEvent, QuestionLog

# LINE allows 13 quick-reply buttons with labels of at most 20 characters.
MAX_BUTTONS = 13
MAX_LABEL = 20
# Events older than this are not answered even if never seen: a reply token lives about a minute,
# and an old body with a valid signature is a replay.
MAX_EVENT_AGE_SECONDS = 600


class SignatureError(Exception):
    """The body was not signed with this channel's secret."""


def _button(label: str, data: str) -> QuickReplyItem:
    return QuickReplyItem(
        action=PostbackAction(label=label[:MAX_LABEL], data=data[:300], display_text=label[:300])
    )


def _text(text: str, buttons: list[QuickReplyItem] | None = None) -> TextMessage:
    quick = QuickReply(items=buttons[:MAX_BUTTONS]) if buttons else None
    return TextMessage(text=text[:MAX_TEXT] or "…", quick_reply=quick)


def _flow_buttons() -> list[QuickReplyItem]:
    return [
        _button(flow_engine.localized(flow.title, "ja"), f"flow={flow.code}")
        for flow in selectors.flows()[:3]
    ]


def _faq_message(faq, log: QuestionLog | None) -> TextMessage:
    base = settings.MADOGUCHI_BASE_URL
    buttons = []
    if log is not None:
        buttons = [
            _button(_("解決した"), f"fb={log.pk}:1"),
            _button(_("解決しなかった"), f"fb={log.pk}:0"),
            _button(_("職員に問い合わせる"), f"esc={log.pk}"),
        ]
    return _text(
        f"{faq.text('question', 'ja')}\n\n{markup.to_text(faq.text('answer', 'ja'), base_url=base)}", buttons
    )


def _answer(question: str, user_id: str) -> TextMessage:
    if not services.allow(f"line:{user_id}"):
        return _text(_("短い時間に多くのご質問をいただきました。少し時間をおいてからお試しください。"))
    reply = services.ask(question=question, lang="ja", channel=Channel.LINE)
    candidates = reply.answers.candidates
    if reply.answers.confident:
        return _faq_message(candidates[0].faq, reply.log)
    lead = reply.notice or _("次の中にお探しの情報はありますか。")
    buttons = [_button(c.faq.text("question", "ja"), f"faq={c.faq.key}") for c in candidates[:3]]
    if reply.log is not None:
        buttons.append(_button(_("職員に問い合わせる"), f"esc={reply.log.pk}"))
    if not candidates:
        lead = reply.notice or _("お答えできる情報が見つかりませんでした。職員にお問い合わせいただけます。")
        buttons.extend(_flow_buttons())
    return _text(lead, buttons)


def _flow_message(data: dict[str, str]) -> TextMessage:
    flow = selectors.flow_by_code(data.pop("flow", ""))
    if flow is None:
        return _text(_("この案内は終了しました。"), _flow_buttons())
    state = flow_engine.advance(flow.definition, data, "ja")
    if state.finished:
        base = settings.MADOGUCHI_BASE_URL
        links = "\n".join(f"{base}/procedures/{code}/" for code in state.procedures)
        return _text("\n\n".join(filter(None, [state.result, links])), _flow_buttons())
    buttons = [
        _button(option.label, "flow=" + flow.code + "&" + urlencode({**data, state.step: option.value}))
        for option in state.options
    ]
    return _text(state.prompt, buttons)


def _postback(data: str, user_id: str) -> TextMessage:
    fields = dict(parse_qsl(data))
    if "faq" in fields:
        faq = selectors.published_faq(fields["faq"])
        if faq is None:
            return _text(_("この情報は現在公開されていません。"))
        return _faq_message(faq, None)
    if "fb" in fields:
        log_id, _sep, value = fields["fb"].partition(":")
        if log_id.isdigit():
            services.record_feedback(log_id=int(log_id), resolved=value == "1")
        return _text(_("ご協力ありがとうございました。"))
    if "esc" in fields:
        log = QuestionLog.objects.filter(pk=fields["esc"]).first() if fields["esc"].isdigit() else None
        if log is None:
            return _text(_("お問い合わせを受け付けられませんでした。もう一度ご質問ください。"))
        services.open_inquiry(
            question=log.question, lang=log.lang, channel=Channel.LINE, line_user_id=user_id
        )
        return _text(_("担当課にお問い合わせを送りました。回答はこのトークでお知らせします。"))
    if "flow" in fields:
        return _flow_message(fields)
    return _text(_("ご質問を入力してください。"), _flow_buttons())


def _first_time(event_id: str) -> bool:
    try:
        with transaction.atomic():
            LineEvent.objects.create(event_id=event_id)
    except IntegrityError:
        return False
    return True


def handle_webhook(*, body: str, signature: str) -> int:
    """Verify and answer one webhook delivery; returns the number of events answered.

    Raises ``SignatureError`` for a missing or wrong signature, before anything is read or stored.
    """
    try:
        events = WebhookParser(settings.LINE_CHANNEL_SECRET).parse(body, signature)
    except InvalidSignatureError as error:
        raise SignatureError from error
    answered = 0
    now_ms = time.time() * 1000
    sender = messenger()
    with override("ja"):
        for event in events:
            reply_token = getattr(event, "reply_token", None)
            if not reply_token or now_ms - event.timestamp > MAX_EVENT_AGE_SECONDS * 1000:
                continue
            if not _first_time(event.webhook_event_id):
                continue
            user_id = getattr(event.source, "user_id", "") or ""
            if isinstance(event, MessageEvent) and isinstance(event.message, TextMessageContent):
                message = _answer(event.message.text, user_id)
            elif isinstance(event, PostbackEvent):
                message = _postback(event.postback.data, user_id)
            elif isinstance(event, FollowEvent):
                message = _text(
                    _("友だち追加ありがとうございます。市の手続きについて、文章で質問してください。"),
                    _flow_buttons(),
                )
            else:
                continue
            sender.reply(reply_token=reply_token, messages=[message])
            answered += 1
    return answered

"""The LINE webhook end to end: the real line-bot-sdk against a fake LINE API server on 127.0.0.1.

The fake server speaks the Messaging API's wire format for reply and push and records each
request, so these tests see exactly what LINE would receive.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from madoguchi.accounts.services import create_staff_user
from madoguchi.chatbot.models import Inquiry, LineMessage, QuestionLog

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]

SECRET = "line-test-channel-secret"


class FakeLine(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        FakeLine.received.append(
            {"path": self.path, "authorization": self.headers.get("Authorization"), "body": json.loads(body)}
        )
        payload = json.dumps({"sentMessages": [{"id": "1", "quoteToken": "q"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def line_api(settings):
    FakeLine.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLine)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.LINE_CHANNEL_SECRET = SECRET
    settings.LINE_CHANNEL_ACCESS_TOKEN = "test-access-token"
    settings.LINE_API_HOST = f"http://127.0.0.1:{server.server_address[1]}"
    yield FakeLine.received
    server.shutdown()
    server.server_close()


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def event(kind: str = "message", *, text: str = "", data: str = "", age_seconds: float = 0) -> dict:
    found = {
        "type": kind,
        "mode": "active",
        "timestamp": int((time.time() - age_seconds) * 1000),
        "source": {"type": "user", "userId": "U0123456789abcdef"},
        "webhookEventId": uuid.uuid4().hex.upper()[:26],
        "deliveryContext": {"isRedelivery": False},
        "replyToken": uuid.uuid4().hex,
    }
    if kind == "message":
        found["message"] = {"type": "text", "id": "1", "text": text, "quoteToken": "q"}
    if kind == "postback":
        found["postback"] = {"data": data}
    return found


def deliver(client, *events, signature: str | None = None, body: bytes | None = None):
    body = (
        body or json.dumps({"destination": "Uxxxxxxxx", "events": list(events)}, ensure_ascii=False).encode()
    )
    return client.post(
        reverse("chatbot:line_webhook"),
        data=body,
        content_type="application/json",
        headers={"X-Line-Signature": signature if signature is not None else sign(body)},
    )


def test_a_signed_question_is_answered_through_the_line_api(faqs, client, line_api):
    response = deliver(client, event(text="粗大ゴミの出し方"))
    assert response.status_code == 200
    [request] = line_api
    assert request["path"] == "/v2/bot/message/reply"
    assert request["authorization"] == "Bearer test-access-token"
    message = request["body"]["messages"][0]
    assert "予約制" in message["text"]
    labels = [item["action"]["label"] for item in message["quickReply"]["items"]]
    assert labels == ["解決した", "解決しなかった", "職員に問い合わせる"]
    assert QuestionLog.objects.get().channel == "line"


def test_a_tampered_body_is_refused_and_nothing_is_sent(faqs, client, line_api):
    body = json.dumps({"destination": "U", "events": [event(text="住民票")]}, ensure_ascii=False).encode()
    tampered = body.replace("住民票".encode(), "戸籍".encode())
    assert deliver(client, body=tampered, signature=sign(body)).status_code == 400
    assert deliver(client, body=body, signature=sign(body, "another-secret")).status_code == 400
    assert deliver(client, body=body, signature="").status_code == 400
    assert line_api == [] and not QuestionLog.objects.exists()


def test_a_replayed_delivery_is_answered_once(faqs, client, line_api):
    body = json.dumps(
        {"destination": "U", "events": [event(text="住民票をコンビニで")]}, ensure_ascii=False
    ).encode()
    assert deliver(client, body=body).status_code == 200
    assert deliver(client, body=body).status_code == 200
    assert len(line_api) == 1 and QuestionLog.objects.count() == 1


def test_an_old_event_with_a_valid_signature_is_not_answered(faqs, client, line_api):
    assert deliver(client, event(text="住民票", age_seconds=3600)).status_code == 200
    assert line_api == []


def test_an_unsure_answer_offers_candidates_and_staff_as_quick_replies(faqs, client, line_api):
    deliver(client, event(text="転入"))
    items = line_api[0]["body"]["messages"][0]["quickReply"]["items"]
    data = [item["action"]["data"] for item in items]
    assert any(d.startswith("faq=t-tennyu") for d in data) and any(d.startswith("esc=") for d in data)


def test_escalation_on_line_is_answered_by_a_push_to_the_same_user(
    faqs, client, line_api, django_capture_on_commit_callbacks
):
    deliver(client, event(text="粗大ごみの出し方"))
    log = QuestionLog.objects.get()
    deliver(client, event("postback", data=f"esc={log.pk}"))
    inquiry = Inquiry.objects.get()
    assert inquiry.channel == "line" and inquiry.line_user_id == "U0123456789abcdef"
    staff = create_staff_user(username="kankyo", password="pw-123456789", last_name="環境", first_name="花子")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("chatbot:staff_inquiry", args=[inquiry.pk]), {"reply": "月曜日に受け付けます。"})
    push = line_api[-1]
    assert push["path"] == "/v2/bot/message/push"
    assert (
        push["body"]["to"] == "U0123456789abcdef"
        and "月曜日に受け付けます。" in push["body"]["messages"][0]["text"]
    )
    assert LineMessage.objects.filter(kind="push").count() == 1


def test_a_flow_runs_on_postback_buttons(faqs, client, line_api):
    deliver(client, event("postback", data="flow=gomi"))
    first = line_api[-1]["body"]["messages"][0]
    assert first["text"] == "お住まいの地区を選んでください。"
    north = next(i["action"]["data"] for i in first["quickReply"]["items"] if "north" in i["action"]["data"])
    deliver(client, event("postback", data=north + "&group=home&item=battery"))
    assert "有害ごみ" in line_api[-1]["body"]["messages"][0]["text"]


def test_feedback_on_line_is_recorded(faqs, client, line_api):
    deliver(client, event(text="粗大ごみの出し方"))
    log = QuestionLog.objects.get()
    deliver(client, event("postback", data=f"fb={log.pk}:1"))
    log.refresh_from_db()
    assert log.resolved is True


def test_without_an_access_token_the_sandbox_records_the_reply(faqs, client, line_api, settings):
    settings.LINE_CHANNEL_ACCESS_TOKEN = ""
    deliver(client, event(text="粗大ごみの出し方"))
    assert line_api == []
    assert "予約制" in LineMessage.objects.get(kind="reply").payload["messages"][0]["text"]

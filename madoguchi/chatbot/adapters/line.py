"""LINE Messaging API — sending replies and pushes (送信) through line-bot-sdk.

Two implementations with the same wire format (the SDK's ``ReplyMessageRequest`` /
``PushMessageRequest``):

* ``SdkMessenger`` sends to ``LINE_API_HOST`` with ``LINE_CHANNEL_ACCESS_TOKEN`` (the real API, or a
  fake LINE server on 127.0.0.1 in the integration tests);
* ``SandboxMessenger`` (no access token configured: the demo) sends nothing.

Both record every request body in ``LineMessage``, so staff and developers can read what went out.
"""

from __future__ import annotations

from django.conf import settings
from linebot.v3.messaging import (
    ApiClient,
    Configuration,
    MessagingApi,
    PushMessageRequest,
    ReplyMessageRequest,
    TextMessage,
)

from madoguchi.chatbot.models import LineMessage

# LINE's limit on one text message.
MAX_TEXT = 5000


def _record(kind: str, to: str, request) -> None:
    LineMessage.objects.create(kind=kind, to=to[:64], payload=request.to_dict())


class SandboxMessenger:
    """Records what would be sent; for the demo and for development without a LINE channel."""

    def reply(self, *, reply_token: str, messages: list[TextMessage]) -> None:
        _record("reply", reply_token, ReplyMessageRequest(reply_token=reply_token, messages=messages))

    def push(self, *, to: str, texts: list[str]) -> None:
        messages = [TextMessage(text=text[:MAX_TEXT]) for text in texts]
        _record("push", to, PushMessageRequest(to=to, messages=messages))


class SdkMessenger(SandboxMessenger):
    """Sends through line-bot-sdk to ``host``; errors from LINE propagate (a task retries pushes)."""

    def __init__(self, *, host: str, access_token: str) -> None:
        self.configuration = Configuration(host=host, access_token=access_token)

    def reply(self, *, reply_token: str, messages: list[TextMessage]) -> None:
        request = ReplyMessageRequest(reply_token=reply_token, messages=messages)
        with ApiClient(self.configuration) as client:
            MessagingApi(client).reply_message(request)
        _record("reply", reply_token, request)

    def push(self, *, to: str, texts: list[str]) -> None:
        request = PushMessageRequest(to=to, messages=[TextMessage(text=text[:MAX_TEXT]) for text in texts])
        with ApiClient(self.configuration) as client:
            MessagingApi(client).push_message(request)
        _record("push", to, request)


def messenger() -> SandboxMessenger:
    """The configured messenger: the real API when an access token is set, else the sandbox."""
    if settings.LINE_CHANNEL_ACCESS_TOKEN:
        return SdkMessenger(host=settings.LINE_API_HOST, access_token=settings.LINE_CHANNEL_ACCESS_TOKEN)
    return SandboxMessenger()

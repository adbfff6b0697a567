"""A ``requests`` transport that hands HTTP requests to this Django site without a socket.

The relying party talks to its identity provider over HTTP: discovery, JWKS and the token
endpoint. When that provider is the built-in sandbox (``/sandbox-idp/``) it lives in the same
process, and under the Django test client or a single-process demo there may be no HTTP server to
call. Mounted on a ``requests.Session`` for the sandbox's URL prefix only, this adapter turns the
prepared request into a WSGI environ, runs it through Django's middleware and URL resolver, and
turns the ``HttpResponse`` back into a ``requests.Response``: the same wire format (method,
path, query, headers, body, status) as over a socket. Everything else keeps the default
transport, and production talks to its configured issuer over normal HTTPS.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from urllib.parse import unquote_to_bytes, urlsplit

from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponseBase
from django.utils import translation
from requests import PreparedRequest, Response
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import get_encoding_from_headers

from madoguchi.core import context

_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _environ(request: PreparedRequest) -> dict[str, object]:
    url = urlsplit(request.url or "")
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    environ: dict[str, object] = {
        "REQUEST_METHOD": request.method or "GET",
        "SCRIPT_NAME": "",
        # WSGI carries the percent-decoded path as latin-1 text; Django re-decodes it as UTF-8.
        "PATH_INFO": unquote_to_bytes(url.path or "/").decode("latin-1"),
        "QUERY_STRING": url.query,
        "SERVER_NAME": url.hostname or "localhost",
        "SERVER_PORT": str(url.port or _DEFAULT_PORTS.get(url.scheme, "80")),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": url.netloc,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": url.scheme or "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    headers: Mapping[str, str] = request.headers
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        if key in {"CONTENT_TYPE", "CONTENT_LENGTH"}:
            environ[key] = value
        elif key != "HOST":
            environ[f"HTTP_{key}"] = value
    # One request id across the nested call, so its log lines and audit events join the caller's.
    if "HTTP_X_REQUEST_ID" not in environ and context.request_id.get():
        environ["HTTP_X_REQUEST_ID"] = context.request_id.get()
    return environ


def _requests_response(request: PreparedRequest, answer: HttpResponseBase) -> Response:
    response = Response()
    response.status_code = answer.status_code
    response.reason = answer.reason_phrase
    response.headers = CaseInsensitiveDict(answer.items())
    response.encoding = get_encoding_from_headers(response.headers)
    # The sandbox answers with plain (non-streaming) responses; ``content`` holds the whole body.
    response.raw = io.BytesIO(answer.content)
    response.url = request.url or ""
    response.request = request
    return response


class InProcessWSGIAdapter(BaseAdapter):
    """Send each request to this Django site's own request handler, in this thread."""

    def __init__(self) -> None:
        super().__init__()
        self._handler: BaseHandler | None = None

    def _loaded_handler(self) -> BaseHandler:
        # BaseHandler rather than WSGIHandler: WSGIHandler fires request_started/request_finished,
        # whose receivers close the database connection the calling request is still using.
        if self._handler is None:
            handler = BaseHandler()
            handler.load_middleware()
            self._handler = handler
        return self._handler

    def send(
        self,
        request: PreparedRequest,
        stream: bool = False,
        timeout: object = None,
        verify: bool | str = True,
        cert: object = None,
        proxies: Mapping[str, str] | None = None,
    ) -> Response:
        handler = self._loaded_handler()
        # LocaleMiddleware activates a language for the nested request; the caller keeps its own.
        with translation.override(translation.get_language()):
            answer = handler.get_response(WSGIRequest(_environ(request)))
        return _requests_response(request, answer)

    def close(self) -> None:
        """Nothing to release: there is no connection pool."""

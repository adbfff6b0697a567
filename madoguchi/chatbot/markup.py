"""The answers' restricted Markdown (回答の書式): paragraphs, "- " bullets and safe links only.

Staff write answers as plain text with three conventions: a blank line separates paragraphs,
lines starting with "- " form a bulleted list, and ``[label](url)`` makes a link when the URL is
a procedure page (``/procedures/<code>/``), another page of this site under /chatbot/ or
/life-events/, or an ``https://`` address. Everything else, including HTML, is shown as text:
the renderer escapes every character it does not produce itself.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\(([^()\s]{1,500})\)")
_SAFE_URL = re.compile(
    r"^(?:/procedures/[a-z0-9-]+/|/life-events/[a-z0-9-]+/|/chatbot/[\w/-]*|https://[^\s<>\"']+)$"
)
PROCEDURE_LINK = re.compile(r"^/procedures/([a-z0-9-]+)/$")


def links(source: str) -> list[tuple[str, str]]:
    """Every (label, url) link written in ``source``, safe or not — for validation."""
    return _LINK.findall(source or "")


def is_safe_url(url: str) -> bool:
    return bool(_SAFE_URL.match(url))


def _inline(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        out.append(escape(text[position : match.start()]))
        label, url = match.groups()
        if is_safe_url(url):
            out.append(f'<a href="{escape(url)}">{escape(label)}</a>')
        else:
            out.append(escape(match.group(0)))
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def to_html(source: str) -> SafeString:
    """The answer as HTML: ``<p>`` paragraphs and ``<ul>`` lists; all other text escaped."""
    html: list[str] = []
    for block in re.split(r"\n\s*\n", (source or "").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        paragraph: list[str] = []
        items: list[str] = []
        for line in lines:
            if line.startswith("- "):
                if paragraph:
                    html.append("<p>" + "<br>".join(paragraph) + "</p>")
                    paragraph = []
                items.append("<li>" + _inline(line[2:]) + "</li>")
            else:
                if items:
                    html.append("<ul>" + "".join(items) + "</ul>")
                    items = []
                paragraph.append(_inline(line))
        if paragraph:
            html.append("<p>" + "<br>".join(paragraph) + "</p>")
        if items:
            html.append("<ul>" + "".join(items) + "</ul>")
    return mark_safe("".join(html))  # noqa: S308 — every piece above is escaped or fixed markup


def to_text(source: str, *, base_url: str = "") -> str:
    """The answer as plain text for LINE: links become "label: URL" with site links made absolute."""

    def replace(match: re.Match) -> str:
        label, url = match.groups()
        if not is_safe_url(url):
            return match.group(0)
        return f"{label}: {base_url + url if url.startswith('/') else url}"

    return _LINK.sub(replace, (source or "").strip())

"""Japanese PDF documents with reportlab: one place that knows the fonts.

A Japanese TrueType font from Debian's packages is embedded when installed (fonts-ipaexfont, as
CI and production install it), so the PDF looks the same everywhere. Without one — a newcomer's
machine — reportlab's built-in Japanese CID font is used instead: nothing is embedded and the
reader's own Japanese font draws the text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

TTF_CANDIDATES = (
    Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf"),
    Path("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
)


@cache
def japanese_font() -> str:
    for path in TTF_CANDIDATES:
        if path.exists():
            pdfmetrics.registerFont(TTFont("MadoguchiGothic", str(path)))
            return "MadoguchiGothic"
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    return "HeiseiKakuGo-W5"


def sections_pdf(
    *, title: str, subtitle_lines: Iterable[str], sections: Iterable[tuple[str, Iterable[tuple[str, str]]]]
) -> bytes:
    """A document: a title, a few lines under it, then titled sections of label/value rows."""
    font = japanese_font()
    heading = ParagraphStyle("heading", fontName=font, fontSize=16, leading=22, spaceAfter=6)
    section = ParagraphStyle("section", fontName=font, fontSize=12, leading=18, spaceBefore=10, spaceAfter=4)
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    story: list = [Paragraph(escape(title), heading)]
    story += [Paragraph(escape(line), body) for line in subtitle_lines]
    for section_title, rows in sections:
        story += [Spacer(1, 4 * mm), Paragraph(escape(section_title), section)]
        data = [
            [Paragraph(escape(label), body), Paragraph(escape(value).replace("\n", "<br/>"), body)]
            for label, value in rows
        ]
        if data:
            table = Table(data, colWidths=[50 * mm, 120 * mm])
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(table)
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    ).build(story)
    return buffer.getvalue()

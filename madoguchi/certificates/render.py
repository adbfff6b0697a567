"""Drawing a certificate as a PDF laid out like the paper one (A4, Japanese, 和暦).

The text of a certificate is Japanese whatever the reader's language: it is an official document
whose wording is set by the city (証明文), so nothing here goes through translation. Every page
ends with the verification box: the code, the address of the public verification page and a QR
code holding that address, and the date until which the page confirms the certificate.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from madoguchi.certificates.models import format_code
from madoguchi.core.pdf import japanese_font
from madoguchi.core.wareki import format_wareki

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
FOOTER_HEIGHT = 38 * mm


@dataclass(frozen=True)
class Section:
    """A titled table: a header row (may be empty) and rows of cells."""

    title: str
    rows: Sequence[Sequence[str]]
    header: Sequence[str] = ()
    widths: Sequence[float] = ()


@dataclass(frozen=True)
class CertificateDocument:
    """Everything printed on one certificate."""

    title: str
    tables: Sequence[Section]
    statement: str
    issued_on: dt.date
    issuer: str
    verification_code: str
    verify_url: str
    verifiable_until: dt.date
    specimen: bool = False
    seal_engraving: str = ""
    notes: Sequence[str] = field(default=())


class SealImpression(Flowable):
    """印影 — the registered seal drawn as a red circle with its characters (a picture, not a seal)."""

    def __init__(self, engraving: str, size: float = 24 * mm) -> None:
        super().__init__()
        self.engraving = engraving
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        canvas = self.canv
        radius = self.size / 2
        canvas.setStrokeColor(colors.HexColor("#c0282d"))
        canvas.setFillColor(colors.HexColor("#c0282d"))
        canvas.setLineWidth(1.6)
        canvas.circle(radius, radius, radius - 1, stroke=1, fill=0)
        characters = list(self.engraving)[:4]
        font_size = (self.size * 0.62) / max(len(characters), 1)
        canvas.setFont(japanese_font(), font_size)
        top = radius + (len(characters) * font_size) / 2 - font_size * 0.85
        for index, character in enumerate(characters):
            canvas.drawCentredString(radius, top - index * font_size, character)


def _draw_qr(canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code of ``url`` as one filled path (a run of dark modules per rectangle).

    Drawn straight from the encoder's matrix: reportlab's QR widget makes a shape per module
    and draws them twice, which was a third of a certificate's rendering time.
    """
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    count = code.getModuleCount()
    quiet = 2  # modules of white margin on each side
    module = size / (count + 2 * quiet)
    path = canvas.beginPath()
    for row in range(count):
        column = 0
        while column < count:
            if not code.isDark(row, column):
                column += 1
                continue
            start = column
            while column < count and code.isDark(row, column):
                column += 1
            path.rect(
                x + (quiet + start) * module,
                y + size - (quiet + row + 1) * module,
                (column - start) * module,
                module,
            )
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)


def _styles() -> dict[str, ParagraphStyle]:
    font = japanese_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=20, leading=28, alignment=TA_CENTER),
        "section": ParagraphStyle("section", fontName=font, fontSize=11, leading=16, spaceBefore=6),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9, leading=13, wordWrap="CJK"),
        "body": ParagraphStyle("body", fontName=font, fontSize=11, leading=18, wordWrap="CJK"),
        "right": ParagraphStyle("right", fontName=font, fontSize=12, leading=20, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", fontName=font, fontSize=8, leading=11, wordWrap="CJK"),
    }


def _table(spec: Section, styles: dict[str, ParagraphStyle]) -> Table:
    def cell(text: str) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), styles["cell"])

    data = ([[cell(text) for text in spec.header]] if spec.header else []) + [
        [cell(text) for text in row] for row in spec.rows
    ]
    usable = PAGE_WIDTH - 2 * MARGIN
    widths = list(spec.widths) or [usable / len(data[0])] * len(data[0])
    scale = usable / sum(widths)
    table = Table(data, colWidths=[width * scale for width in widths], repeatRows=1 if spec.header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if spec.header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    else:
        style.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f4f4f4")))
    table.setStyle(TableStyle(style))
    return table


def _page_decorations(document: CertificateDocument):
    font = japanese_font()

    def draw(canvas, doc) -> None:
        canvas.saveState()
        if document.specimen:
            canvas.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.18))
            canvas.setFont(font, 150)
            canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            canvas.rotate(35)
            canvas.drawCentredString(0, -50, "見本")
            canvas.setFont(font, 40)
            canvas.drawCentredString(0, -110, "SPECIMEN")
            canvas.rotate(-35)
            canvas.translate(-PAGE_WIDTH / 2, -PAGE_HEIGHT / 2)
        # The verification box (検証欄).
        box_y = MARGIN - 8 * mm
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.6)
        canvas.rect(MARGIN, box_y, PAGE_WIDTH - 2 * MARGIN, FOOTER_HEIGHT, stroke=1, fill=0)
        qr_size = FOOTER_HEIGHT - 6 * mm
        _draw_qr(canvas, document.verify_url, MARGIN + 3 * mm, box_y + 3 * mm, qr_size)
        text_x = MARGIN + qr_size + 8 * mm
        line_y = box_y + FOOTER_HEIGHT - 8 * mm
        canvas.setFillColor(colors.black)
        canvas.setFont(font, 11)
        canvas.drawString(text_x, line_y, f"検証コード　{format_code(document.verification_code)}")
        canvas.setFont(font, 8.5)
        lines = [
            "この証明書は龍ケ崎市長の電子署名とタイムスタンプが付与された電子文書です。",
            "内容を1文字でも変更すると、署名の検証に失敗します。",
            f"検証ページ：{document.verify_url}",
            f"検証期限：{format_wareki(document.verifiable_until)}（QRコードからも確認できます）",
        ]
        for index, line in enumerate(lines):
            canvas.drawString(text_x, line_y - 6 * mm - index * 5 * mm, line)
        canvas.setFont(font, 8)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN + 8 * mm, f"{doc.page}頁")
        canvas.restoreState()

    return draw


def render_pdf(document: CertificateDocument) -> bytes:
    """The unsigned PDF of ``document`` (``signing.sign_pdf`` signs it)."""
    styles = _styles()
    story: list = [Paragraph(escape(document.title), styles["title"]), Spacer(1, 6 * mm)]
    for spec in document.tables:
        if spec.title:
            story.append(Paragraph(escape(spec.title), styles["section"]))
        story += [_table(spec, styles), Spacer(1, 4 * mm)]
    if document.seal_engraving:
        story += [
            Paragraph("印影", styles["section"]),
            SealImpression(document.seal_engraving),
            Spacer(1, 4 * mm),
        ]
    for note in document.notes:
        story.append(Paragraph(escape(note), styles["small"]))
    story += [
        Spacer(1, 6 * mm),
        Paragraph(escape(document.statement), styles["body"]),
        Spacer(1, 4 * mm),
        Paragraph(escape(format_wareki(document.issued_on)), styles["body"]),
        Spacer(1, 2 * mm),
        Paragraph(escape(document.issuer), styles["right"]),
        Paragraph("（電子署名）", styles["right"]),
    ]
    buffer = io.BytesIO()
    decorate = _page_decorations(document)
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=document.title,
        author=document.issuer,
        subject=f"検証コード {format_code(document.verification_code)}",
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER_HEIGHT,
    ).build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()

"""The shared base of printed documents: A4, DejaVu Sans embedded (Kyrgyz Cyrillic Ң Ө Ү
included), a letterhead with the office's name, a title, and on every page a footer saying
"Confidential", page x of y and the date printed.

    doc = PdfDocument("ky", letterhead, N_("Intake record"), subtitle="OSH-2026-00012")
    doc.heading(N_("Complaint"))
    doc.fields([(N_("Phone"), "+996555123456")])
    doc.text(N_("What happened"), narrative)
    pdf_bytes = doc.build()

Texts given as msgids (`N_(...)`) are translated in the document's language with
`i18n.translate_in`, which never touches the interface's current language (two threads may
print in two languages at once). Text typed by people is passed as it is and escaped here.
The PDF is built into an `io.BytesIO`; nothing touches the disk.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics import shapes as graphics_shapes
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from legalaid.i18n import (
    N_,
    format_form_date,
    normalise_language,
    sentence_case,
    translate_in,
)
from legalaid.paths import fonts_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
PAGE_SIZE = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_PADDING = 6  # ReportLab's default padding inside a page's frame, in points
BODY_SIZE = 10
LOGO_SIZE = 18 * mm
UNCHECKED = "\u2610"  # ☐
CHECKED = "\u2612"  # ☒

CONFIDENTIAL = N_("Confidential")
PAGE_OF = N_("Page {page} of {pages}")
PRINTED_ON = N_("Printed on {date}")
YES = N_("yes")
NO = N_("no")
NOT_STATED = N_("not stated")

_font_lock = threading.Lock()
_fonts_registered = False


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) with ReportLab once per process."""
    global _fonts_registered
    with _font_lock:
        if _fonts_registered:
            return
        folder = fonts_dir()
        pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
        )
        # ReportLab's charts start from the default state's font (Helvetica, not embedded)
        # and return to it between their labels; that state's font becomes DejaVu Sans, so
        # every drawing draws in an embedded font (one shared dict, read at each render).
        rl_config.canvas_basefontname = FONT
        graphics_shapes.STATE_DEFAULTS["fontName"] = FONT
        _fonts_registered = True


def document_language(language: str) -> str:
    """The language code of a document: one of ours, else a ValueError (a caller's bug)."""
    found = normalise_language(language)
    if found is None:
        raise ValueError(f"unsupported document language: {language!r}")
    return found


def markup(text: str) -> str:
    """Typed text for a Paragraph: XML escaped, line breaks kept."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


@dataclass(frozen=True)
class Letterhead:
    """The top of the first page: the office's name (already in the document's language)
    and optional lines under it (address, phone: the referrals issue adds them)."""

    name: str
    lines: tuple[str, ...] = ()
    logo: bytes | None = None  # PNG or JPEG, set by the coordinator; drawn at the left


def _canvas_class(draw_footer: Callable[[Any, int, int], None]) -> type:
    """A canvas that waits for the last page, so each footer can say "page x of y"."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Each page starts in this font; ReportLab's default, Helvetica, is not embedded.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for state in self._page_states:
                self.__dict__.update(state)
                draw_footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


class PdfDocument:
    """One document being assembled: add flowables in reading order, then `build()`."""

    def __init__(
        self,
        language: str,
        letterhead: Letterhead,
        title: str | None,
        subtitle: str | None = None,
        printed_on: dt.date | None = None,
    ) -> None:
        register_fonts()
        self.language = document_language(language)
        self.letterhead = letterhead
        self.title = self.t(title) if title else ""  # a letter has no title, only a subject
        self.printed_on = printed_on or dt.date.today()
        self.story: list[Flowable] = []
        self._grouping = False  # inside keep_together: no nested KeepTogether/CondPageBreak
        self.styles = self._styles()
        self._letterhead()
        if self.title:
            self.story.append(Paragraph(markup(self.title), self.styles["title"]))
        if subtitle:
            self.story.append(Paragraph(markup(subtitle), self.styles["subtitle"]))
        self.story.append(Spacer(1, 3 * mm))

    # --- texts in the document's language ---------------------------------------------------

    def t(self, msgid: str, **values: object) -> str:
        """A msgid translated in the document's language, placeholders filled."""
        text = translate_in(self.language, msgid)
        return text.format(**values) if values else text

    def date(self, value: dt.date | None) -> str:
        return format_form_date(value, self.language) if value else ""

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return self.t(NOT_STATED)
        return sentence_case(self.t(YES) if value else self.t(NO))

    # --- layout ----------------------------------------------------------------------------

    @staticmethod
    def _styles() -> dict[str, ParagraphStyle]:
        body = ParagraphStyle(
            "body",
            fontName=FONT,
            fontSize=BODY_SIZE,
            leading=13.5,
            spaceAfter=3,
            bulletFontName=FONT,  # ReportLab's default (Helvetica) is not embedded
        )
        return {
            "body": body,
            "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
            "letter": ParagraphStyle(
                "letter", parent=body, fontSize=11, leading=15, spaceAfter=7, alignment=TA_JUSTIFY
            ),
            "office": ParagraphStyle(
                "office", parent=body, fontName=FONT_BOLD, fontSize=13, leading=16, spaceAfter=1
            ),
            "office_line": ParagraphStyle(
                "office_line", parent=body, fontSize=8.5, leading=11, spaceAfter=0
            ),
            "title": ParagraphStyle(
                "title",
                parent=body,
                fontName=FONT_BOLD,
                fontSize=15,
                leading=19,
                alignment=TA_CENTER,
                spaceBefore=6,
                spaceAfter=2,
            ),
            "subtitle": ParagraphStyle(
                "subtitle", parent=body, alignment=TA_CENTER, textColor=colors.HexColor("#333333")
            ),
            "heading": ParagraphStyle(
                "heading",
                parent=body,
                fontName=FONT_BOLD,
                fontSize=11.5,
                leading=15,
                spaceBefore=8,
                spaceAfter=3,
                textColor=colors.HexColor("#1f3a5f"),
            ),
            "label": ParagraphStyle("label", parent=body, fontName=FONT_BOLD, spaceAfter=1),
            "cell": ParagraphStyle("cell", parent=body, spaceAfter=0),
            "check": ParagraphStyle("check", parent=body, leftIndent=8, leading=16),
            "cell_label": ParagraphStyle(
                "cell_label",
                parent=body,
                spaceAfter=0,
                textColor=colors.HexColor("#444444"),
            ),
        }

    def _letterhead(self) -> None:
        texts = [Paragraph(markup(self.letterhead.name), self.styles["office"])]
        texts += [
            Paragraph(markup(line), self.styles["office_line"]) for line in self.letterhead.lines
        ]
        logo = self._logo()
        if logo is None:
            self.story.extend(texts)
        else:
            table = Table([[logo, texts]], colWidths=[LOGO_SIZE + 4 * mm, None])
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
            self.story.append(table)
        self.story.append(
            HRFlowable(width="100%", thickness=0.8, color=colors.HexColor("#1f3a5f"), spaceAfter=4)
        )

    def _logo(self) -> Image | None:
        """The office's logo scaled into a square of LOGO_SIZE; None when there is none or
        it cannot be read (a broken logo never stops a letter)."""
        if not self.letterhead.logo:
            return None
        try:
            reader = ImageReader(io.BytesIO(self.letterhead.logo))
            width, height = reader.getSize()
        except Exception:  # noqa: BLE001 - any unreadable image: print without it
            return None
        scale = LOGO_SIZE / max(width, height, 1)
        return Image(io.BytesIO(self.letterhead.logo), width * scale, height * scale)

    @property
    def width(self) -> float:
        """The width of the text: the page less its margins and the frame's own padding."""
        return float(PAGE_SIZE[0] - 2 * MARGIN_X - 2 * FRAME_PADDING)

    def heading(self, msgid: str, **values: object) -> None:
        """A section heading (kept with what follows it)."""
        if not self._grouping:
            self.story.append(CondPageBreak(30 * mm))
        self.story.append(Paragraph(markup(self.t(msgid, **values)), self.styles["heading"]))

    def paragraph(self, text: str, style: str = "body") -> None:
        """Text already in the document's language (translated, or typed by a person)."""
        self.story.append(Paragraph(markup(text), self.styles[style]))

    def say(self, msgid: str, style: str = "body", **values: object) -> None:
        """A msgid as a paragraph, in the document's language."""
        self.paragraph(self.t(msgid, **values), style)

    def text(self, label_msgid: str, value: str | None) -> None:
        """A labelled free text of any length (flows over pages: one paragraph per line)."""
        label = Paragraph(markup(self.t(label_msgid)), self.styles["label"])
        lines = (value or "").strip().splitlines() or [self.t(NOT_STATED)]
        first = Paragraph(markup(lines[0]) or "&nbsp;", self.styles["body"])
        self._add_together([label, first])
        for line in lines[1:]:
            self.story.append(
                Paragraph(markup(line), self.styles["body"]) if line.strip() else Spacer(1, 4)
            )

    def fields(self, rows: Iterable[tuple[str, str | None]], label_width: float = 0.34) -> None:
        """Short values in a two-column table: (label msgid, value). Empty values are left
        out; a long value belongs in `text` (a table row cannot flow over a page)."""
        data = [
            [
                Paragraph(markup(self.t(label)), self.styles["cell_label"]),
                Paragraph(markup(value), self.styles["cell"]),
            ]
            for label, value in rows
            if value
        ]
        if data:
            self.table(data, [label_width, 1 - label_width], grid=False)

    def table(
        self,
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        header: Sequence[str] | None = None,
        grid: bool = True,
    ) -> None:
        """A table; `widths` are fractions of the text width; cells may be strings (typed or
        translated text) or flowables; `header` holds msgids."""
        data: list[list[Any]] = []
        if header:
            data.append([Paragraph(markup(self.t(h)), self.styles["label"]) for h in header])
        for row in rows:
            data.append(
                [
                    Paragraph(markup(cell), self.styles["cell"]) if isinstance(cell, str) else cell
                    for cell in row
                ]
            )
        table = Table(
            data, colWidths=[w * self.width for w in widths], repeatRows=1 if header else 0
        )
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # empty cells too: Helvetica is not embedded
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if grid:
            style.append(("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")))
        else:
            style.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#dddddd")))
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")))
        table.setStyle(TableStyle(style))
        self.story.append(table)
        self.story.append(Spacer(1, 2 * mm))

    def bullets(self, items: Iterable[str]) -> None:
        """A list of texts already in the document's language."""
        for item in items:
            self.story.append(Paragraph(markup(item), self.styles["body"], bulletText="\u2022"))

    def checkbox(self, label: str, checked: bool = False) -> None:
        """A box to tick on paper (or ticked), with a label already in the language."""
        box = CHECKED if checked else UNCHECKED
        self.story.append(
            Paragraph(
                f'<font size="13">{box}</font>&nbsp;&nbsp;{markup(label)}',
                self.styles["check"],
            )
        )

    def choices(self, labels: Sequence[str]) -> None:
        """Boxes to tick on one line (Yes / No), labels already in the language."""
        boxes = "&nbsp;" * 8
        self.story.append(
            Paragraph(
                boxes.join(
                    f'<font size="13">{UNCHECKED}</font>&nbsp;&nbsp;{markup(label)}'
                    for label in labels
                ),
                self.styles["check"],
            )
        )

    def signature_lines(self, labels: Sequence[str], filled: Sequence[str] = ()) -> None:
        """Lines to write on, side by side, each captioned with its (translated) label; a
        value in `filled` is printed on its line."""
        values = list(filled) + [""] * (len(labels) - len(filled))
        row_values = [Paragraph(markup(v) or "&nbsp;", self.styles["cell"]) for v in values]
        row_labels = [Paragraph(markup(label), self.styles["small"]) for label in labels]
        gap = 0.04
        count = len(labels)
        width = (1 - gap * (count - 1)) / count
        widths: list[float] = []
        for index in range(count):
            widths.append(width)
            if index < count - 1:
                widths.append(gap)
        spread_values: list[Any] = []
        spread_labels: list[Any] = []
        for index in range(count):
            spread_values.append(row_values[index])
            spread_labels.append(row_labels[index])
            if index < count - 1:
                spread_values.append("")
                spread_labels.append("")
        table = Table(
            [spread_values, spread_labels],
            colWidths=[w * self.width for w in widths],
            rowHeights=[11 * mm, None],
        )
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # the empty gap cells too
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
            ("VALIGN", (0, 1), (-1, 1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
        for index in range(0, 2 * count - 1, 2):
            style.append(("LINEBELOW", (index, 0), (index, 0), 0.6, colors.black))
        table.setStyle(TableStyle(style))
        self._add_together([table, Spacer(1, 3 * mm)])

    def flowable(self, item: Flowable) -> None:
        """A drawing or another ready flowable (a chart), as it is."""
        self.story.append(item)

    def page_break(self) -> None:
        self.story.append(PageBreak())

    def space(self, height_mm: float = 3) -> None:
        self.story.append(Spacer(1, height_mm * mm))

    def _add_together(self, flowables: list[Flowable]) -> None:
        # ReportLab's KeepTogether claims an endless height when measured inside another
        # one, which would push every enclosing group to a page of its own.
        if self._grouping:
            self.story.extend(flowables)
        else:
            self.story.append(KeepTogether(flowables))

    def keep_together(self, build: Callable[[], None]) -> None:
        """Whatever `build` adds stays on one page when it fits."""
        start = len(self.story)
        outer = not self._grouping
        self._grouping = True
        try:
            build()
        finally:
            self._grouping = not outer
        added = self.story[start:]
        del self.story[start:]
        self._add_together(added)

    # --- output ----------------------------------------------------------------------------

    def _footer(self, canvas: Any, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.setLineWidth(0.4)
        y = MARGIN_BOTTOM - 7 * mm
        canvas.line(MARGIN_X, y + 4 * mm, PAGE_SIZE[0] - MARGIN_X, y + 4 * mm)
        canvas.setFont(FONT_BOLD, 8)
        canvas.drawString(MARGIN_X, y, self.t(CONFIDENTIAL))
        canvas.setFont(FONT, 8)
        canvas.drawCentredString(PAGE_SIZE[0] / 2, y, self.t(PAGE_OF, page=page, pages=pages))
        canvas.drawRightString(
            PAGE_SIZE[0] - MARGIN_X, y, self.t(PRINTED_ON, date=self.date(self.printed_on))
        )
        canvas.restoreState()

    def build(self) -> bytes:
        """The PDF, in memory."""
        buffer = io.BytesIO()
        template = SimpleDocTemplate(
            buffer,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=self.title,  # no personal data in the metadata
            author="",
            subject="",
            creator="Legal Aid Desk",
            producer="Legal Aid Desk",
            lang=self.language,
        )
        template.build(list(self.story), canvasmaker=_canvas_class(self._footer))
        return buffer.getvalue()


__all__ = [
    "CHECKED",
    "FONT",
    "FONT_BOLD",
    "UNCHECKED",
    "Letterhead",
    "PdfDocument",
    "document_language",
    "markup",
    "register_fonts",
]

"""The recovery-key sheet: the office's recovery key on paper, one page per trustee.

A coordinator creates the key (`accounts.create_recovery_key`), whole or split into shares
of which any `threshold` reset a passphrase, and prints it at once: it is shown only once
and never stored in clear. Each page is complete in itself, because each share goes to a
different trustee: what the key is and does, which share it is and how many are needed,
the key in large letters, the vault it opens, when and by whom it was made, how to keep
it, and lines for the trustee who received it.

The key is drawn as it is printed by the command line (Base32 groups of five, joined by
hyphens), wrapped between groups so that no group is ever cut. The PDF is built in memory;
nothing is written to disk, and the key is not in the document's metadata.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from legalaid.documents.pdf import (
    FONT,
    FONT_BOLD,
    Letterhead,
    PdfDocument,
    document_language,
    markup,
)
from legalaid.i18n import N_, translate_in

TITLE = N_("Recovery key")
SHARE_OF = N_("Share {number} of {count}")
ANY_OF = N_("any {threshold} of the {count} shares together")

WHAT_KEY = N_(
    "This sheet holds the recovery key of the encrypted database (the vault) of {office}. "
    "It is the way back in when a coordinator's passphrase is forgotten: on the office "
    "computer, run 'legalaid recover --user LOGIN' and type the key; that coordinator is "
    "then given a new passphrase. Every use is recorded in the audit trail."
)
WHAT_SHARE = N_(
    "This sheet holds one share of the recovery key of the encrypted database (the vault) "
    "of {office}. The key was split into {count} shares, each given to a different "
    "trustee. One share alone opens nothing: any {threshold} of the {count} shares together "
    "reset a coordinator's passphrase. On the office computer, run 'legalaid recover --user "
    "LOGIN' and type the shares one after the other. Every use is recorded in the audit "
    "trail."
)
KEY_CAPTION = N_("The key (the hyphens and line breaks need not be typed):")
SHARE_CAPTION = N_("Share {number} of {count} (the hyphens and line breaks need not be typed):")

VAULT = N_("Vault identifier")
CREATED_ON = N_("Created on")
CREATED_BY = N_("Created by")
NEEDED = N_("Shares needed")

KEEP_HEADING = N_("How to keep it")
KEEP_AWAY = N_(
    "Keep this sheet locked away (a safe or a sealed envelope), apart from the computer "
    "and from the backups."
)
NO_COPIES = N_(
    "Never photograph or scan it, and never type the key into another computer, a phone "
    "or an online service. It is typed only into Legal Aid Desk on the office computer, "
    "when it is needed."
)
KEEP_SHARE_APART = N_(
    "Keep your share apart from the other shares and never hand it to another trustee: "
    "bring it yourself when the office needs it."
)
REVOKED = N_(
    "A new recovery key revokes this one (so does the departure of a coordinator): the "
    "old sheets are then destroyed."
)
LOST = N_(
    "If this sheet is lost or someone else may have seen it, tell a coordinator at once: "
    "they create a new key, and this one stops working."
)

RECEIVED_HEADING = N_("Received by the trustee")
RECEIVED = N_("I received this sheet and will keep it as described above.")
TRUSTEE = N_("Trustee: name and signature")
HANDED_OVER = N_("Handed over by: name and signature")
DATE = N_("Date")

VAULT_ID_CHARS = 16
KEY_SIZE = 19  # points: large enough to read every character without doubt
KEY_MIN_SIZE = 9
KEY_CHAR_SPACE = 1.6  # points between letters
KEY_LEADING = 1.45  # line height, as a multiple of the size
KEY_PADDING = 4 * mm
SEPARATOR = "-"
BULLET = "\u2022"
BULLET_INDENT = 11  # points: the text of a point hangs clear of its bullet
# Each share must fit its page: when a translation runs long, the body text (never the
# key, the letterhead or the title) is made a little smaller until it does.
TEXT_SCALES = (1.0, 0.93, 0.86, 0.8)
SCALED_STYLES = ("body", "small", "label", "cell", "cell_label", "heading")


class KeyBlock(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """The key in large, letter-spaced capitals inside a bordered box.

    Lines break only between groups (the hyphen stays at the end of the line, so the text
    read from the page is the key itself); the size shrinks only when not even one group
    would fit.
    """

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.groups = key.split(SEPARATOR)
        self.size: float = KEY_SIZE
        self.lines: list[str] = [key]
        self.width = 0.0
        self.height = 0.0

    @staticmethod
    def line_width(text: str, size: float) -> float:
        return float(stringWidth(text, FONT_BOLD, size)) + KEY_CHAR_SPACE * len(text)

    def _wrap_lines(self, room: float) -> list[str]:
        lines: list[str] = []
        current = ""
        for index, group in enumerate(self.groups):
            piece = group + (SEPARATOR if index < len(self.groups) - 1 else "")
            if current and self.line_width(current + piece, self.size) > room:
                lines.append(current)
                current = piece
            else:
                current += piece
        lines.append(current)
        return lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        room = avail_width - 2 * KEY_PADDING
        widest = max(self.groups, key=len) + SEPARATOR
        self.size = KEY_SIZE
        while self.size > KEY_MIN_SIZE and self.line_width(widest, self.size) > room:
            self.size -= 1
        self.lines = self._wrap_lines(room)
        # Balanced lines read better than a full line and a stub: 4 + 4 groups, not 6 + 2.
        if len(self.lines) > 1:
            per_line = -(-len(self.groups) // len(self.lines))
            balanced = [
                SEPARATOR.join(self.groups[i : i + per_line])
                for i in range(0, len(self.groups), per_line)
            ]
            balanced = [line + SEPARATOR for line in balanced[:-1]] + balanced[-1:]
            if all(self.line_width(line, self.size) <= room for line in balanced):
                self.lines = balanced
        self.width = avail_width
        self.height = len(self.lines) * self.size * KEY_LEADING + 2 * KEY_PADDING
        return self.width, self.height

    def draw(self) -> None:
        canvas: Any = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#1f3a5f"))
        canvas.setFillColor(colors.HexColor("#f4f6f9"))
        canvas.setLineWidth(1.2)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canvas.setFillColor(colors.black)
        leading = self.size * KEY_LEADING
        baseline = self.height - KEY_PADDING - leading + (leading - self.size) / 2 + 0.2 * self.size
        for line in self.lines:
            text = canvas.beginText()
            text.setFont(FONT_BOLD, self.size)
            text.setCharSpace(KEY_CHAR_SPACE)
            left = (self.width - self.line_width(line, self.size) + KEY_CHAR_SPACE) / 2
            text.setTextOrigin(left, baseline)
            text.textOut(line)
            canvas.drawText(text)
            baseline -= leading
        canvas.restoreState()


class _PageMark(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """Takes no room; notes the page it lands on (where a share's page ended)."""

    def __init__(self, pages: list[int]) -> None:
        super().__init__()
        self.pages = pages

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages.append(int(self.canv.getPageNumber()))


class _Sheet(PdfDocument):
    """A PdfDocument whose later pages start again with the letterhead and the title,
    so that each trustee's page stands on its own."""

    def scale_text(self, factor: float) -> None:
        """The styles of what follows (not the letterhead's nor the title's) scaled."""
        if factor == 1:
            return
        styles = dict(self.styles)
        for name in SCALED_STYLES:
            style = styles[name]
            styles[name] = ParagraphStyle(
                f"{name}_{factor}",
                parent=style,
                fontSize=style.fontSize * factor,
                leading=style.leading * factor,
                spaceBefore=style.spaceBefore * factor,
                spaceAfter=style.spaceAfter * factor,
            )
        self.styles = styles

    def new_page(self, subtitle: str | None) -> None:
        self.story.append(PageBreak())
        self._letterhead()
        self.story.append(Paragraph(markup(self.title), self.styles["title"]))
        if subtitle:
            self.story.append(Paragraph(markup(subtitle), self.styles["subtitle"]))
        self.story.append(Spacer(1, 3 * mm))


def _check(keys: list[str], threshold: int) -> None:
    if not keys or not all(key.strip() for key in keys):
        raise ValueError("a recovery-key sheet needs the key or its shares")
    if len(keys) == 1 and threshold != 1:
        raise ValueError("a whole key has a threshold of 1")
    if len(keys) > 1 and not 2 <= threshold <= len(keys):
        raise ValueError("the threshold must be between 2 and the number of shares")


def recovery_key_sheet_pdf(
    language: str,
    letterhead: Letterhead,
    keys: list[str],
    threshold: int,
    vault_id: str,
    created_on: dt.date,
    created_by: str,
) -> bytes:
    """The sheet in `language` (ky, ru or en): one page for a whole key, else one page per
    share. `keys` are as `accounts.create_recovery_key` returns them; `created_by` is the
    coordinator's name as it should be printed. The PDF, in memory."""
    language = document_language(language)
    _check(keys, threshold)
    sheet = _Facts(
        office=letterhead.name,
        count=len(keys),
        threshold=threshold,
        vault=vault_id.strip()[:VAULT_ID_CHARS],
        created_on=created_on,
        created_by=" ".join(created_by.split()),
    )
    data = b""
    for scale in TEXT_SCALES:
        ends: list[int] = []  # the page each share's text ended on
        doc = _Sheet(
            language,
            letterhead,
            TITLE,
            subtitle=sheet.subtitle(language, 1),
            printed_on=created_on,
        )
        doc.scale_text(scale)
        for number, key in enumerate(keys, start=1):
            if number > 1:
                doc.new_page(sheet.subtitle(language, number))
            _page(doc, sheet, number, key.strip())
            doc.story.append(_PageMark(ends))
        data = doc.build()
        if ends == list(range(1, len(keys) + 1)):
            break  # one page per share
    return data  # at the smallest size, a share too long for one page flows onto the next


@dataclass(frozen=True)
class _Facts:
    """What every page says besides its own share."""

    office: str
    count: int
    threshold: int
    vault: str
    created_on: dt.date
    created_by: str

    @property
    def shared(self) -> bool:
        return self.count > 1

    def subtitle(self, language: str, number: int) -> str | None:
        if not self.shared:
            return None
        return translate_in(language, SHARE_OF).format(number=number, count=self.count)


def _page(doc: PdfDocument, facts: _Facts, number: int, key: str) -> None:
    count, threshold = facts.count, facts.threshold
    if facts.shared:
        doc.say(WHAT_SHARE, office=facts.office, count=count, threshold=threshold)
        doc.space(2)
        doc.say(SHARE_CAPTION, "label", number=number, count=count)
    else:
        doc.say(WHAT_KEY, office=facts.office)
        doc.space(2)
        doc.say(KEY_CAPTION, "label")
    doc.story.append(KeyBlock(key))
    doc.space(3)
    rows: list[tuple[str, str | None]] = []
    if facts.shared:
        rows.append((NEEDED, doc.t(ANY_OF, threshold=threshold, count=count)))
    rows += [
        (VAULT, facts.vault),
        (CREATED_ON, doc.date(facts.created_on)),
        (CREATED_BY, facts.created_by),
    ]
    doc.fields(rows)
    doc.heading(KEEP_HEADING)
    advice = [KEEP_AWAY, NO_COPIES]
    if facts.shared:
        advice.append(KEEP_SHARE_APART)
    advice += [REVOKED, LOST]
    _bullets(doc, [doc.t(item) for item in advice])
    doc.keep_together(lambda: _received(doc))


def _bullets(doc: PdfDocument, texts: list[str]) -> None:
    """Bullets drawn in DejaVu Sans too (a bullet's font is Helvetica unless told), hanging."""
    style = ParagraphStyle(
        "advice",
        parent=doc.styles["body"],
        bulletFontName=FONT,
        bulletIndent=2,
        leftIndent=BULLET_INDENT,
    )
    for text in texts:
        doc.story.append(Paragraph(markup(text), style, bulletText=BULLET))


def _received(doc: PdfDocument) -> None:
    doc.heading(RECEIVED_HEADING)
    doc.say(RECEIVED)
    doc.signature_lines([doc.t(TRUSTEE), doc.t(DATE)])
    doc.signature_lines([doc.t(HANDED_OVER), doc.t(DATE)])


__all__ = ["KeyBlock", "recovery_key_sheet_pdf"]

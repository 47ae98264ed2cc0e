"""The referral letter as a PDF: letterhead, outgoing number and date, the recipient block,
the subject, the body from the template, the signature and the list of enclosures.

Pure rendering: everything arrives in a `LetterContent` already in the letter's language
(services/letters.py gathers it from the case, the referral and the directory, and decides
what the client's consent lets it print). A paragraph of the template whose placeholders
are all empty is left out (no legal basis given: no "Legal basis:" line with nothing after
it); other empty placeholders print as nothing and are listed by `missing_values` before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from legalaid.documents.letter_templates import (
    LetterTemplate,
    fill,
    official_date,
    paragraphs,
    placeholders_in,
)
from legalaid.documents.pdf import Letterhead, PdfDocument, markup
from legalaid.i18n import N_

OUTGOING = N_("Ref. No. {number}")
DATED = N_("of {date}")
NOT_ISSUED = N_("number given when issued")
ENCLOSURES = N_("Enclosures:")


@dataclass(frozen=True)
class LetterContent:
    language: str
    letterhead: Letterhead
    template: LetterTemplate
    values: Mapping[str, str]  # placeholder -> text, in the letter's language
    number: str | None  # None: a preview before the letter is issued
    issued_on: dt.date
    recipient_lines: tuple[str, ...]  # head's title and name, organisation, address
    signatory_name: str
    signatory_position: str
    enclosures: tuple[str, ...] = ()


def body_paragraphs(template: LetterTemplate, values: Mapping[str, str]) -> list[str]:
    """The body's paragraphs filled in; those whose every placeholder is empty left out."""
    kept = []
    for paragraph in paragraphs(template.body):
        names = placeholders_in(paragraph)
        if names and not any((values.get(name) or "").strip() for name in names):
            continue
        kept.append(fill(paragraph, values))
    return kept


def _reference_and_recipient(doc: PdfDocument, content: LetterContent) -> None:
    number = content.number or doc.t(NOT_ISSUED)
    reference = [
        Paragraph(markup(doc.t(OUTGOING, number=number)), doc.styles["body"]),
        Paragraph(
            markup(doc.t(DATED, date=official_date(content.issued_on, content.language))),
            doc.styles["body"],
        ),
    ]
    recipient = [Paragraph(markup(line), doc.styles["body"]) for line in content.recipient_lines]
    table = Table([[reference, recipient]], colWidths=[0.45 * doc.width, 0.55 * doc.width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    doc.story.append(table)
    doc.space(8)


def render_referral_letter(content: LetterContent) -> bytes:
    """The letter's PDF, built in memory."""
    doc = PdfDocument(content.language, content.letterhead, None, printed_on=content.issued_on)
    _reference_and_recipient(doc, content)
    doc.paragraph(fill(content.template.subject, content.values), "heading")
    doc.space(2)
    for paragraph in body_paragraphs(content.template, content.values):
        doc.paragraph(paragraph, "letter")
    doc.space(10)
    doc.keep_together(lambda: _signature(doc, content))
    if content.enclosures:
        doc.space(6)
        doc.say(ENCLOSURES, "label")
        for index, item in enumerate(content.enclosures, start=1):
            doc.paragraph(f"{index}. {item}")
    return doc.build()


def _signature(doc: PdfDocument, content: LetterContent) -> None:
    rows = [
        [
            Paragraph(markup(content.signatory_position), doc.styles["body"]),
            Paragraph("_" * 22, doc.styles["body"]),
            Paragraph(markup(content.signatory_name), doc.styles["body"]),
        ]
    ]
    table = Table(rows, colWidths=[0.45 * doc.width, 0.25 * doc.width, 0.30 * doc.width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm / 2),
            ]
        )
    )
    doc.story.append(table)

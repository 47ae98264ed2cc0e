"""The consent form a person signs on paper at the intake (or that is read to them, before a
witness), in Kyrgyz, Russian or English.

It says what the organisation records and why, asks the three consents the intake records
(to record the data; to share it with kinds of organisations, each with its own box; to be
contacted), says how to withdraw consent, and leaves lines for the signature, the date, the
staff member and, for oral consent, the witness. The kinds of organisations are those of
`OrganisationKind`, so the paper and the intake form ask the same question.

Printing it is part of taking an intake (CREATE_CASES). The form holds no record, so no
print is audited; a name typed for it is printed and not kept.
"""

from __future__ import annotations

import datetime as dt

from legalaid.documents.letterhead import office_letterhead
from legalaid.documents.pdf import PdfDocument, document_language
from legalaid.domain.enums import ConsentKind, OrganisationKind, label_msgid
from legalaid.i18n import N_
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

TITLE = N_("Consent to the recording and use of personal data")

INTRO = N_(
    "{office} gives free legal help. To help you, we write down what you tell us: your "
    "name, how to reach you, your problem, the people involved and the documents you show "
    "us. This form asks your permission for that."
)
WHY = N_(
    "We use this information only to help you: to advise you, to prepare documents and "
    "letters, to represent you and, if you agree, to refer your case to another "
    "organisation. It is kept in an encrypted database in our office; only our staff who "
    "work on your case can read it. We count cases for reports without names."
)
CHOICE = N_(
    "You decide. You may agree to some points and not to others. If you do not agree to "
    "point 1, we will still advise you today, but we keep only an anonymous record for "
    "statistics (the kind of problem, district, gender and age group)."
)
RECORD = N_("1. I agree that the organisation records my personal data and the facts of my case.")
SHARE = N_(
    "2. I agree that my data may be shared, when my case needs it, with these kinds of "
    "organisations (tick each one you agree to):"
)
SHARE_NOTE = N_(
    "Before we share anything, we tell you which organisation it is and why, whenever we can."
)
CONTACT = N_("3. I agree that the organisation contacts me about my case.")
CONTACT_HOW = N_("Phone, and how to reach me safely (whom not to tell):")
WITHDRAW_HEADING = N_("How to withdraw your consent")
WITHDRAW = N_(
    "You may withdraw your consent at any time, in full or in part, by telling any of our "
    "staff or by writing to the office. From then on we stop using or sharing your data in "
    "that way. What was shared before stays with those who received it. Withdrawing costs "
    "you nothing; we will tell you what help we can still give."
)
ORAL_HEADING = N_("Oral consent (when the person does not sign)")
ORAL = N_(
    "This form was read aloud to the person in a language they understand. They gave the "
    "consents ticked above orally, in my presence."
)


def consent_form_pdf(
    ws: Workspace,
    language: str,
    person_name: str | None = None,
    office_code: str | None = None,
    printed_on: dt.date | None = None,
) -> bytes:
    """The consent form in `language` (ky, ru or en), blank or with the person's name."""
    language = document_language(language)
    ws.require(Permission.CREATE_CASES)
    letterhead = office_letterhead(ws, office_code, language)
    doc = PdfDocument(language, letterhead, TITLE, printed_on=printed_on)
    name = " ".join((person_name or "").split())

    doc.say(INTRO, office=letterhead.name)
    doc.say(WHY)
    doc.say(CHOICE)
    doc.signature_lines([doc.t(N_("Name of the person"))], [name])

    doc.heading(N_("Your consent"))
    doc.keep_together(lambda: _record_point(doc))
    doc.keep_together(lambda: _share_point(doc))
    doc.keep_together(lambda: _contact_point(doc))

    # The person signs right under what they sign for: withdrawal and signatures stay together.
    doc.keep_together(lambda: _signatures(doc))
    doc.keep_together(lambda: _witness(doc))
    return doc.build()


def _yes_no_boxes(doc: PdfDocument) -> None:
    doc.choices([doc.yes_no(True), doc.yes_no(False)])


def _record_point(doc: PdfDocument) -> None:
    doc.paragraph(doc.t(RECORD), "label")
    _yes_no_boxes(doc)


def _share_point(doc: PdfDocument) -> None:
    doc.space(2)
    doc.paragraph(doc.t(SHARE), "label")
    for kind in OrganisationKind:
        doc.checkbox(doc.t(label_msgid(kind)))
    doc.checkbox(doc.t(N_("with none of them")))
    doc.say(SHARE_NOTE, "small")


def _contact_point(doc: PdfDocument) -> None:
    doc.space(2)
    doc.paragraph(doc.t(CONTACT), "label")
    _yes_no_boxes(doc)
    doc.signature_lines([doc.t(CONTACT_HOW)])


def _signatures(doc: PdfDocument) -> None:
    doc.heading(WITHDRAW_HEADING)
    doc.say(WITHDRAW)
    doc.space(2)
    doc.signature_lines([doc.t(N_("Signature of the person")), doc.t(N_("Date"))])
    doc.signature_lines(
        [doc.t(N_("Staff member: name and signature")), doc.t(N_("Date"))],
    )


def _witness(doc: PdfDocument) -> None:
    doc.heading(ORAL_HEADING)
    doc.say(ORAL)
    doc.signature_lines([doc.t(N_("Witness: name and signature")), doc.t(N_("Date"))])


# The three consents of the intake, in the order of the form (a test keeps them in step).
FORM_CONSENTS = (ConsentKind.RECORD_DATA, ConsentKind.SHARE, ConsentKind.CONTACT)

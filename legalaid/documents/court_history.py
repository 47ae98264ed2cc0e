"""The court history of a case as a PDF, in the language chosen at print time: each
proceeding in the order of its instances (court with the name it had then, numbers, kind,
the client's role, charges, judges, who represents, status and outcome), its hearings (when,
kind, result, why adjourned) and the documents filed under it, then the case's deadlines
and custody. For the file, and for
the colleague a case is handed to.

Read through the services (permissions and visibility as they apply); audited once as a
print of the case. Nothing is written to disk.
"""

from __future__ import annotations

import datetime as dt

from legalaid.documents.case_summary import enum_label, small_cells
from legalaid.documents.letterhead import office_letterhead
from legalaid.documents.pdf import PdfDocument, document_language
from legalaid.i18n import N_, translate_in
from legalaid.services import attachments, cases, courts, deadlines, printing, proceedings
from legalaid.services.attachments import AttachmentInfo
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

TITLE = N_("Court history")
SUBTITLE = N_("Case {number}")


def _moment(doc: PdfDocument, moment: dt.datetime) -> str:
    local = moment.astimezone()
    return f"{doc.date(local.date())} {local:%H:%M}"


def _result(doc: PdfDocument, hearing: proceedings.HearingRow) -> str:
    if hearing.result is None:
        return doc.t(N_("to come"))
    label = enum_label(doc, hearing.result)
    reason = " ".join(hearing.adjourned_reason.split())
    return f"{label}: {reason}" if reason else label


def _documents(doc: PdfDocument, filed: list[AttachmentInfo]) -> None:
    """The proceeding's documents by name and the day each was added (never their bytes)."""
    if filed:
        names = "; ".join(
            f"{a.file_name} ({doc.date(a.added_at.astimezone().date())})"
            for a in sorted(filed, key=lambda a: a.added_at)
        )
        doc.fields([(N_("Documents"), names)])


def _proceeding(
    doc: PdfDocument, info: proceedings.ProceedingInfo, court: str, filed: list[AttachmentInfo]
) -> None:
    doc.heading(N_("{instance}: {court}"), instance=enum_label(doc, info.instance), court=court)
    doc.fields(
        [
            (N_("Court case number"), info.court_number),
            (N_("Kind"), enum_label(doc, info.kind)),
            (N_("Client's role"), enum_label(doc, info.client_role)),
            (N_("Charges"), info.charges.replace("\n", "; ")),
            (N_("Judges"), info.judges),
            (N_("Stage"), info.stage),
            (N_("Represented by"), enum_label(doc, info.representation)),
            (N_("Lawyer"), info.lawyer),
            (N_("Opposing counsel"), info.opposing_counsel),
            (N_("Status"), enum_label(doc, info.status)),
            (N_("Outcome"), info.outcome),
        ]
    )
    _documents(doc, filed)
    if not info.hearings:
        doc.say(N_("No hearings recorded."), "small")
        return
    rows = [
        small_cells(
            doc,
            [
                _moment(doc, hearing.starts_at),
                enum_label(doc, hearing.kind),
                hearing.courtroom,
                _result(doc, hearing),
                hearing.lawyer,
            ],
        )
        for hearing in info.hearings
    ]
    doc.table(
        rows,
        [0.2, 0.26, 0.12, 0.2, 0.22],
        header=[N_("When"), N_("Hearing"), N_("Courtroom"), N_("Result"), N_("Lawyer")],
    )


def court_history_pdf(
    ws: Workspace, case_key: int | str, language: str, printed_on: dt.date | None = None
) -> bytes:
    """The court history of a case (by id or number) in `language` (ky, ru or en)."""
    language = document_language(language)
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        case = cases.case_info(session, cases.find_case(session, ws.actor, case_key))
    custody = proceedings.case_custody(ws, case.id)
    found = proceedings.case_proceedings(ws, case.id)
    due = deadlines.case_deadlines(ws, case.id)
    filed: dict[int, list[AttachmentInfo]] = {}
    for attachment in attachments.list_attachments(ws, "case", case.id):
        if attachment.proceeding_id is not None:
            filed.setdefault(attachment.proceeding_id, []).append(attachment)
    doc = PdfDocument(
        language,
        office_letterhead(ws, case.office_code, language),
        TITLE,
        subtitle=translate_in(language, SUBTITLE).format(number=case.number),
        printed_on=printed_on,
    )
    if not found:
        doc.say(N_("No court proceedings are recorded for this case."))
    for info in found:
        court = courts.get_court(ws, info.court_id).name_on(info.began_on, language)
        _proceeding(doc, info, court, filed.get(info.id, []))
    if due:
        doc.heading(N_("Deadlines"))
        doc.table(
            [
                small_cells(
                    doc,
                    [
                        _moment(doc, row.due_at),
                        row.title,
                        enum_label(doc, row.state),
                        row.responsible,
                    ],
                )
                for row in due
            ],
            [0.2, 0.44, 0.16, 0.2],
            header=[N_("Due"), N_("What"), N_("State"), N_("Responsible")],
        )
    if custody:
        doc.heading(N_("Custody"))
        for record in custody:
            doc.fields(
                [
                    (N_("Detained on"), _moment(doc, record.detained_at)),
                    (
                        N_("Court decision on custody"),
                        _moment(doc, record.decision_at) if record.decision_at else "—",
                    ),
                    (N_("Custody until"), doc.date(record.custody_until)),
                    (N_("Place of detention"), record.place),
                    (N_("Released on"), doc.date(record.released_on)),
                ]
            )
    pdf = doc.build()
    printing.record_printed(ws, "case", case.id)
    return pdf

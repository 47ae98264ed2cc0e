"""The case summary sheet for the paper file, in the language chosen at print time.

    pdf_bytes = case_summary_pdf(ws, case_id, "ru")

On the sheet: the letterhead of the case's office, the title and the case number; the
case's status (and outcome), when it was opened and closed, its category and subcategory,
the assigned lawyer, whether it is restricted, and its summary (which flows over pages);
the parties with their role, birth date or age, PIN and phone; the key points of the
intake when the case was opened from one (urgent danger, eligibility, recommended action,
whether the person may be called); the referrals (organisation, status, dates, letter
number); the open tasks; the latest `TIMELINE_LIMIT` entries of the timeline; and on every
page the base's footer ("Confidential", page x of y, the date printed).

The PIN is printed on purpose: the sheet goes into the client's paper file, which holds
the same identity documents; the footer marks every page confidential.

Everything is read through the services, with their permissions and their visibility
rules: a restricted case is refused as the services refuse it (NotFound, the same answer
as for a missing case; PermissionDenied for a role without VIEW_RECORDS, before anything
is read). What is audited, and how often:
- the case: one "print" event (`printing.record_printed`), written once the PDF is built.
  The case is read with `cases.find_case`/`case_info`, which do not write a "view" (the
  record view wrote one when the case was opened; printing is audited like viewing, so a
  "view" here would count the same access twice). Its tasks, referrals and timeline are
  read by services that do not audit reading.
- each party: one "view" of the person (`people.get_person`), as their PIN and phone are
  read;
- the intake, when there is one: one "view" of the intake (`intake.get_intake`).
Nothing is written to disk; the bytes go back to the caller.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from legalaid.documents.letterhead import office_letterhead
from legalaid.documents.pdf import NOT_STATED, PdfDocument, document_language, markup
from legalaid.domain import reference
from legalaid.domain.enums import LabelledEnum, label_msgid
from legalaid.domain.intake_rules import urgency_rules
from legalaid.errors import NotFound
from legalaid.i18n import N_, sentence_case, translate_in
from legalaid.services import cases, directory, people, printing, referrals, timeline
from legalaid.services.intake import IntakeInfo, get_intake
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

TITLE = N_("Case summary")
SUBTITLE = N_("Case {number}")
TIMELINE_LIMIT = 15  # the latest entries of the timeline on the sheet
DETAILS_MAX = 300  # characters of an entry's text on the sheet (a table row cannot break)


def enum_label(doc: PdfDocument, member: LabelledEnum) -> str:
    """An enum member's label in the document's language, as it starts a cell."""
    return sentence_case(doc.t(label_msgid(member)))


def _shorten(text: str, limit: int = DETAILS_MAX) -> str:
    """Typed text on one line, cut at a word near `limit` with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut.rstrip(" ,.;:") + "\u2026"


def _age(person: people.PersonInfo, today: dt.date) -> int | None:
    if person.birth_date is not None:
        born = person.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if person.birth_year_estimate:
        return today.year - person.birth_year_estimate
    return None


def _born(doc: PdfDocument, person: people.PersonInfo, today: dt.date) -> str:
    age = _age(person, today)
    if person.birth_date is not None:
        return f"{doc.date(person.birth_date)} ({age})" if age is not None else ""
    if age is not None:
        return doc.t(N_("about {age}"), age=age)
    return ""


def _small(doc: PdfDocument) -> ParagraphStyle:
    return ParagraphStyle("summary_cell", parent=doc.styles["cell"], fontSize=9, leading=11.5)


def small_cells(doc: PdfDocument, values: list[str]) -> list[Paragraph]:
    style = _small(doc)
    return [Paragraph(markup(value) or "&nbsp;", style) for value in values]


def _lawyer_name(ws: Workspace, login: str | None) -> str | None:
    if not login:
        return None
    return dict(cases.lawyer_choices(ws)).get(login) or login


def _case_section(doc: PdfDocument, ws: Workspace, case: cases.CaseInfo) -> None:
    language = doc.language
    doc.fields(
        [
            (N_("Status"), enum_label(doc, case.status)),
            (N_("Outcome"), enum_label(doc, case.outcome) if case.outcome else ""),
            (N_("Opened"), doc.date(case.opened_on)),
            (N_("Closed"), doc.date(case.closed_on)),
            (N_("Category"), reference.category_label(case.category, language)),
            (N_("Subcategory"), reference.category_label(case.subcategory, language)),
            (
                N_("Lawyer"),
                _lawyer_name(ws, case.assigned_lawyer) or doc.t(N_("not assigned")),
            ),
            (N_("Restricted"), doc.yes_no(case.restricted)),
        ]
    )
    _summary(doc, case.summary)


def _summary(doc: PdfDocument, summary: str) -> None:
    """The summary under its heading, a paragraph per line: it flows over pages from where
    it starts (one long paragraph is not pushed whole to the next page, as a label kept
    together with it would be)."""
    doc.heading(N_("Summary"))
    lines = summary.strip().splitlines() or [doc.t(NOT_STATED)]
    for line in lines:
        if line.strip():
            doc.paragraph(line)
        else:
            doc.space(1.5)


def _parties_section(
    doc: PdfDocument, parties: list[tuple[cases.PartyInfo, people.PersonInfo]], today: dt.date
) -> None:
    doc.heading(N_("Parties"))
    if not parties:
        doc.say(N_("None recorded."))
        return
    doc.table(
        [
            small_cells(
                doc,
                [
                    party.full_name,
                    enum_label(doc, party.role),
                    _born(doc, person, today),
                    person.pin or "",
                    person.phone or "",
                ],
            )
            for party, person in parties
        ],
        [0.27, 0.16, 0.19, 0.19, 0.19],
        header=[N_("Name"), N_("Role"), N_("Birth date"), N_("PIN"), N_("Phone")],
    )


def _intake_section(doc: PdfDocument, info: IntakeInfo) -> None:
    language = doc.language
    doc.heading(N_("Intake"))
    if info.urgent_rules:
        rules = {rule.code: rule for rule in urgency_rules().rules}
        urgent = "; ".join(
            rules[code].label(language) if code in rules else code for code in info.urgent_rules
        )
    else:
        urgent = doc.yes_no(False)
    doc.fields(
        [
            (N_("Intake taken on"), doc.date(info.taken_on)),
            (N_("Urgent danger"), urgent),
            (
                N_("Eligibility for state-guaranteed legal aid"),
                enum_label(doc, info.eligibility),
            ),
            (
                N_("Recommended action"),
                enum_label(doc, info.recommended_action) if info.recommended_action else "",
            ),
            (N_("May we call?"), doc.yes_no(info.may_call)),
            (N_("May we leave messages?"), doc.yes_no(info.may_leave_messages)),
        ],
        label_width=0.42,
    )
    if info.urgent_rules and info.urgent_open:
        doc.say(N_("The urgent action has not been recorded yet."), "label")


def _referral_dates(doc: PdfDocument, info: referrals.ReferralInfo) -> str:
    lines = [
        doc.t(label, date=doc.date(day))
        for label, day in (
            (N_("referred on {date}"), info.referred_on),
            (N_("sent on {date}"), info.sent_on),
            (N_("answer due by {date}"), info.due_on),
            (N_("answer received on {date}"), info.response_on),
        )
        if day is not None
    ]
    return "\n".join(sentence_case(line) for line in lines)


def _referrals_section(
    doc: PdfDocument, found: list[tuple[referrals.ReferralInfo, str]], today: dt.date
) -> None:
    doc.heading(N_("Referrals"))
    if not found:
        doc.say(N_("No referrals."))
        return
    rows = []
    for info, organisation in found:
        status = enum_label(doc, info.status)
        if info.overdue(today):
            status = doc.t(N_("{status} · answer overdue"), status=status)
        letter = info.current_letter
        rows.append(
            small_cells(
                doc,
                [organisation, status, _referral_dates(doc, info), letter.number if letter else ""],
            )
        )
    doc.table(
        rows,
        [0.33, 0.17, 0.3, 0.2],
        header=[N_("Organisation"), N_("Status"), N_("Dates"), N_("Letter")],
    )


def _tasks_section(doc: PdfDocument, tasks: list[timeline.TaskRow], today: dt.date) -> None:
    doc.heading(N_("Open tasks"))
    if not tasks:
        doc.say(N_("No open tasks."))
        return
    rows = []
    for task in tasks:
        due = doc.date(task.due_on)
        if task.due_on is not None and task.due_on < today:
            due = doc.t(N_("{date} · overdue"), date=due)
        rows.append(small_cells(doc, [_shorten(task.title), task.assignee, due]))
    doc.table(rows, [0.56, 0.24, 0.2], header=[N_("Task"), N_("For"), N_("Due")])


def _duration(doc: PdfDocument, minutes: int | None) -> str:
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return doc.t(N_("{minutes} min"), minutes=rest)
    if not rest:
        return doc.t(N_("{hours} h"), hours=hours)
    return doc.t(N_("{hours} h {minutes} min"), hours=hours, minutes=rest)


def _when(doc: PdfDocument, item: timeline.TimelineItem) -> str:
    local = item.local_at
    day = doc.date(local.date())
    return day if item.all_day else f"{day} {local:%H:%M}"


def _details(doc: PdfDocument, item: timeline.TimelineItem, organisations: dict[int, str]) -> str:
    if item.source == "task":
        if item.due_on:
            return doc.t(
                N_("{title} — for {name}, due {date}"),
                title=_shorten(item.text),
                name=item.assignee or "",
                date=doc.date(item.due_on),
            )
        return doc.t(
            N_("{title} — for {name}"), title=_shorten(item.text), name=item.assignee or ""
        )
    if item.source == "referral":  # the organisation, named in the document's language
        return organisations.get(item.record_id, item.text)
    return _shorten(item.text)


def _timeline_section(
    doc: PdfDocument, items: list[timeline.TimelineItem], organisations: dict[int, str]
) -> None:
    doc.heading(N_("Timeline"))
    latest = items[:TIMELINE_LIMIT]
    if len(items) > len(latest):
        doc.say(
            N_("The latest {shown} of {total} entries."),
            "small",
            shown=len(latest),
            total=len(items),
        )
    rows = []
    for item in latest:
        what = sentence_case(doc.t(timeline.ITEM_LABELS.get(item.kind, item.kind)))
        duration = _duration(doc, item.duration_minutes)
        if duration:
            what = f"{what} · {duration}"
        rows.append(
            small_cells(doc, [_when(doc, item), what, item.who, _details(doc, item, organisations)])
        )
    doc.table(
        rows,
        [0.17, 0.19, 0.18, 0.46],
        header=[N_("When"), N_("What"), N_("Who"), N_("Details")],
    )


def _intake(ws: Workspace, case_id: int) -> IntakeInfo | None:
    try:
        return get_intake(ws, case_id)
    except NotFound:  # the case is visible (checked before): it has no intake
        return None


def case_summary_pdf(
    ws: Workspace, case_key: int | str, language: str, printed_on: dt.date | None = None
) -> bytes:
    """The summary of a case (by id or number) as a PDF in `language` (ky, ru or en).

    Refused as the services refuse: PermissionDenied without VIEW_RECORDS (a trial
    monitor), NotFound for a case that does not exist or that the actor may not see (a
    restricted case). Audited once as a print of the case (see the module docstring)."""
    language = document_language(language)  # a wrong code fails before anything is read
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        case = cases.case_info(session, cases.find_case(session, ws.actor, case_key))
    today = printed_on or dt.date.today()
    seen: dict[int, people.PersonInfo] = {}
    for party in case.parties:
        if party.person_id not in seen:
            seen[party.person_id] = people.get_person(ws, party.person_id)
    parties = [(party, seen[party.person_id]) for party in case.parties]
    intake = _intake(ws, case.id)
    names: dict[int, str] = {}
    found = []
    for row in referrals.case_referrals(ws, case.id):
        info = referrals.get_referral(ws, row.id)
        if info.organisation_id not in names:
            organisation = directory.get_organisation(ws, info.organisation_id)
            names[info.organisation_id] = organisation.name_in(language)
        found.append((info, names[info.organisation_id]))
    tasks = timeline.case_tasks(ws, case.id)
    items = timeline.case_timeline(ws, case.id)

    doc = PdfDocument(
        language,
        office_letterhead(ws, case.office_code, language),
        TITLE,
        subtitle=translate_in(language, SUBTITLE).format(number=case.number),
        printed_on=today,
    )
    _case_section(doc, ws, case)
    _parties_section(doc, parties, today)
    if intake is not None:
        _intake_section(doc, intake)
    _referrals_section(doc, found, today)
    _tasks_section(doc, tasks, today)
    _timeline_section(doc, items, {info.id: name for info, name in found})
    pdf = doc.build()
    printing.record_printed(ws, "case", case.id)
    return pdf


__all__ = ["TIMELINE_LIMIT", "TITLE", "case_summary_pdf"]

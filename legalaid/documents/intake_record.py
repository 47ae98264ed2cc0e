"""The printed intake record for the paper file, in the language chosen at print time.

Everything comes through the services, with their permissions: `get_intake` decides who may
see the intake (not a trial monitor; a restricted case only for those who hold it), and the
person and the case are read with `get_person` and `get_case`. The print itself is audited
(`printing.record_printed(ws, "intake", id)`) once the PDF is built; the bytes go back to
the caller, nothing is written to disk.
"""

from __future__ import annotations

import datetime as dt

from legalaid.documents.letterhead import office_letterhead
from legalaid.documents.pdf import PdfDocument, document_language
from legalaid.domain import reference
from legalaid.domain.enums import Region, label_msgid
from legalaid.domain.intake_rules import eligibility_rules, urgency_rules
from legalaid.i18n import N_, format_form_date, translate_in
from legalaid.services import cases, people, printing
from legalaid.services.intake import IntakeInfo, get_intake
from legalaid.services.workspace import Workspace

TITLE = N_("Intake record")
SUBTITLE = N_("Case {number}, intake of {date}")


def _region(code: str | None, doc: PdfDocument) -> str:
    if not code:
        return ""
    found = reference.regions().get(code)
    if found is not None:
        return found.label(doc.language)
    try:
        return doc.t(label_msgid(Region(code)))
    except ValueError:
        return code


def _district(code: str | None, language: str) -> str:
    if not code:
        return ""
    found = reference.district(code)
    return found.label(language) if found else code


def _place(doc: PdfDocument, region: str | None, district: str | None, *rest: str | None) -> str:
    parts = [_region(region, doc), _district(district, doc.language), *rest]
    return ", ".join(part for part in parts if part)


def _rules_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _rules_text(doc: PdfDocument, info: IntakeInfo) -> str:
    """The date of the eligibility rules used, with their version when it says more."""
    rules_date = _rules_date(info.eligibility_rules_date)
    date = doc.date(rules_date) if rules_date else info.eligibility_rules_date
    version = info.eligibility_rules_version
    if not version or version == info.eligibility_rules_date:
        return date
    return doc.t(N_("{date} (version {version})"), date=date, version=version)


def _person_section(doc: PdfDocument, person: people.PersonInfo, today: dt.date) -> None:
    doc.heading(N_("Complainant"))
    age = ""
    if person.birth_date is None and person.birth_year_estimate:
        age = str(today.year - person.birth_year_estimate)
    doc.fields(
        [
            (N_("Name"), person.full_name),
            (N_("Gender"), doc.t(label_msgid(person.gender))),
            (N_("Birth date"), doc.date(person.birth_date)),
            (N_("Approximate age"), age),
            (N_("PIN"), person.pin),
            (
                N_("Address"),
                _place(doc, person.region, person.district, person.settlement, person.street),
            ),
            (N_("Languages"), ", ".join(doc.t(label_msgid(x)) for x in person.languages)),
            (
                N_("Vulnerabilities"),
                ", ".join(doc.t(label_msgid(x)) for x in person.vulnerabilities),
            ),
        ]
    )


def _contact_section(doc: PdfDocument, info: IntakeInfo) -> None:
    doc.heading(N_("Contact and safe contact"))
    doc.fields(
        [
            (N_("Phone"), info.contact_phone or doc.t(N_("not stated"))),
            (N_("May we call?"), doc.yes_no(info.may_call)),
            (N_("May we leave messages?"), doc.yes_no(info.may_leave_messages)),
        ]
    )
    if info.do_not_tell:
        doc.text(N_("Whom not to tell"), info.do_not_tell)
    if info.safe_contact_notes:
        doc.text(N_("How to reach them safely"), info.safe_contact_notes)


def _complaint_section(doc: PdfDocument, info: IntakeInfo, case: cases.CaseInfo) -> None:
    language = doc.language
    doc.heading(N_("The complaint"))
    when = doc.date(info.incident_date) or (info.incident_period or "")
    doc.fields(
        [
            (N_("Category"), reference.category_label(case.category, language)),
            (N_("Subcategory"), reference.category_label(case.subcategory, language)),
            (N_("When"), when),
            (
                N_("Where"),
                _place(doc, info.incident_region, info.incident_district, info.incident_settlement),
            ),
        ]
    )
    doc.text(N_("What happened"), info.narrative)
    for label, value in (
        (N_("Who is responsible"), info.responsible),
        (N_("Institutions already approached"), info.institutions_approached),
        (N_("Documents the person has"), info.documents_held),
    ):
        if value:
            doc.text(label, value)


def _others_section(doc: PdfDocument, info: IntakeInfo, case: cases.CaseInfo) -> None:
    others = [p for p in case.parties if p.person_id != info.person_id]
    doc.heading(N_("Other people involved"))
    if not others:
        doc.say(N_("None recorded."))
        return
    doc.table(
        [[p.full_name, doc.t(label_msgid(p.role))] for p in others],
        [0.6, 0.4],
        header=[N_("Name"), N_("Role")],
    )


def _assessment_section(doc: PdfDocument, info: IntakeInfo) -> None:
    language = doc.language
    doc.heading(N_("Assessment"))
    if info.urgent_rules:
        rules = {rule.code: rule for rule in urgency_rules().rules}
        doc.paragraph(doc.t(N_("Urgent danger")), "label")
        doc.bullets(rules[c].label(language) if c in rules else c for c in info.urgent_rules)
        if info.urgent_open:
            doc.say(N_("The urgent action has not been recorded yet."))
        elif info.urgent_action_text:
            doc.text(N_("What was done about the urgent danger"), info.urgent_action_text)
    else:
        doc.fields([(N_("Urgent danger"), doc.yes_no(False))])

    eligibility = eligibility_rules()
    reasons = [
        eligibility.income_threshold.label(language)
        if code == "income_threshold"
        else (
            eligibility.categories[code].label(language) if code in eligibility.categories else code
        )
        for code in info.eligibility_reasons
    ]
    doc.fields(
        [
            (
                N_("Eligibility for state-guaranteed legal aid"),
                doc.t(label_msgid(info.eligibility)),
            ),
            (N_("Grounds"), "; ".join(reasons)),
            (N_("Screened against the rules of"), _rules_text(doc, info)),
            (
                N_("Recommended action"),
                doc.t(label_msgid(info.recommended_action)) if info.recommended_action else "",
            ),
        ]
    )
    if info.eligibility_to_verify:
        doc.say(N_("This rests on rules a partner lawyer has not confirmed yet."), "small")
    documents = info.document_labels(language)
    if documents:
        doc.paragraph(doc.t(N_("Documents to bring:")), "label")
        doc.bullets(documents)
    if info.conflict_matches:
        decision = info.conflict_decision
        doc.fields(
            [
                (N_("Possible conflicts of interest"), str(info.conflict_matches)),
                (
                    N_("Decision on the conflict"),
                    doc.t(label_msgid(decision)) if decision else doc.t(N_("not stated")),
                ),
            ]
        )
    else:
        doc.fields([(N_("Possible conflicts of interest"), doc.t(N_("None found.")))])


def _consent_section(doc: PdfDocument, info: IntakeInfo) -> None:
    doc.heading(N_("Consent"))
    if not info.consents:
        doc.say(N_("No consent is recorded."))
        return
    rows = []
    for consent in info.consents:
        what = doc.t(label_msgid(consent.kind))
        if consent.organisation_kinds:
            kinds = ", ".join(doc.t(label_msgid(k)) for k in consent.organisation_kinds)
            what = f"{what}: {kinds}"
        how = doc.t(label_msgid(consent.method))
        if consent.witness_name:
            how = f"{how} ({doc.t(N_('witness'))}: {consent.witness_name})"
        rows.append([what, how, doc.date(consent.given_on)])
    doc.table(rows, [0.5, 0.32, 0.18], header=[N_("Consent given"), N_("How"), N_("Date")])


def intake_record_pdf(
    ws: Workspace, case_key: int | str, language: str, printed_on: dt.date | None = None
) -> bytes:
    """The intake of a case as a PDF in `language` (ky, ru or en), for the paper file.

    Refused exactly as `get_intake` refuses (PermissionDenied for a trial monitor, NotFound
    for a case the actor may not see or that has no intake). Audited as a print."""
    language = document_language(language)  # a wrong code fails before anything is read
    info = get_intake(ws, case_key)
    case = cases.get_case(ws, info.case_id)
    person = people.get_person(ws, info.person_id)
    today = printed_on or dt.date.today()
    subtitle = translate_in(language, SUBTITLE).format(
        number=case.number, date=format_form_date(info.taken_on, language)
    )
    doc = PdfDocument(
        language,
        office_letterhead(ws, case.office_code, language),
        TITLE,
        subtitle=subtitle,
        printed_on=today,
    )
    _person_section(doc, person, today)
    _contact_section(doc, info)
    _complaint_section(doc, info, case)
    _others_section(doc, info, case)
    doc.heading(N_("What the person wants"))
    doc.paragraph(info.wants or doc.t(N_("not stated")))
    _assessment_section(doc, info)
    _consent_section(doc, info)
    pdf = doc.build()
    printing.record_printed(ws, "intake", info.id)
    return pdf

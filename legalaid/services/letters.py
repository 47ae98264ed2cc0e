"""Referral letters: issuing them under a register number, reprinting, cancelling, and the
wording (templates) a coordinator may change.

- **Consent first.** A letter names the client, so it is issued only when the referral
  records the client's consent to share their data with that organisation, given on a day
  not after the letter, covering at least their identity. Contact details, the facts and
  health information are printed only when the consent's scope covers them.
- **The register.** Issuing gives the next number of the case's office for the year
  (OSH-2026/0123) in the same write transaction (BEGIN IMMEDIATE serialises writers, and
  one process at a time holds a vault, so two issuers never get one number). The letter as
  issued is stored (PDF bytes inside the encrypted vault): a reprint is what was sent.
  A cancelled letter keeps its number, which is never given again.
- **Language.** Chosen when the letter is produced; by default the organisation's
  preferred language. Dates are written as that language writes them in official letters.
- **Templates.** The shipped wording (resources/letters) unless a coordinator saved their
  own for that language; a template with an unknown placeholder is refused, named.

Issuing and cancelling are audited (the Audited mixin on OutgoingLetter); previews are not
(nothing is issued and nothing leaves the app unless the user saves or prints it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legalaid.documents.letter_templates import (
    LetterTemplate,
    check_template,
    missing_values,
    official_date,
    shipped_template,
)
from legalaid.documents.pdf import Letterhead, document_language
from legalaid.documents.referral_letter import LetterContent, render_referral_letter
from legalaid.domain import reference
from legalaid.domain.accounts import Account, Office
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.enums import (
    EligibilityOutcome,
    OrganisationType,
    PartyRole,
    Role,
    ShareScope,
    label_msgid,
)
from legalaid.domain.intake import Intake
from legalaid.domain.intake_rules import document_labels
from legalaid.domain.people import Person
from legalaid.domain.referral_rules import default_due_date
from legalaid.domain.referrals import LetterTemplate as StoredTemplate
from legalaid.domain.referrals import Organisation, OutgoingLetter, Referral
from legalaid.errors import NotFound, ValidationError
from legalaid.i18n import N_, sentence_case, translate_in
from legalaid.services.cases import require_case_edit
from legalaid.services.directory import kind_response_days
from legalaid.services.permissions import Permission
from legalaid.services.phones import display_phone, normalise_phone
from legalaid.services.referrals import find_referral
from legalaid.services.search_index import full_name
from legalaid.services.visibility import case_visible
from legalaid.services.workspace import Workspace

REFERRAL_LETTER = "referral_letter"
CANCEL_REASON_MAX = 2_000


class ConsentMissing(ValidationError):
    """No letter without the client's consent to share their data with the recipient."""

    template = N_(
        "No letter can be issued: the client's consent to share their data with this "
        "organisation is not recorded. Record the date and what may be shared in the "
        "referral first."
    )


def consent_problem(referral: Referral, on: dt.date) -> ConsentMissing | None:
    """Why this referral's letter may not be issued on `on`, or None."""
    scope = set(referral.consent_scope.split(","))
    if referral.consent_on is None or ShareScope.IDENTITY.value not in scope:
        return ConsentMissing(field="consent_on")
    if referral.consent_on > on:
        return ConsentMissing(
            N_(
                "No letter can be issued before the day the client gave consent to share "
                "their data ({date})."
            ),
            field="consent_on",
            date=referral.consent_on.strftime("%d.%m.%Y"),
        )
    return None


@dataclass(frozen=True)
class IssuedLetter:
    id: int
    number: str
    issued_on: dt.date
    language: str
    recipient: str
    pdf: bytes


@dataclass(frozen=True)
class LetterPreview:
    pdf: bytes
    missing: tuple[str, ...]  # placeholders the letter uses that have no value (a warning)


@dataclass(frozen=True)
class RegisterRow:
    id: int
    number: str
    issued_on: dt.date
    recipient: str
    case_number: str | None  # None: the case was erased (the register keeps the line)
    language: str
    cancelled: bool
    cancel_reason: str


# --- templates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateInfo:
    template: LetterTemplate
    custom: bool  # a coordinator's wording (False: the shipped one)


def _stored_template(session: Session, language: str) -> StoredTemplate | None:
    return session.scalar(
        select(StoredTemplate).where(
            StoredTemplate.kind == REFERRAL_LETTER, StoredTemplate.language == language
        )
    )


def _template(session: Session, language: str) -> TemplateInfo:
    stored = _stored_template(session, language)
    if stored is None:
        return TemplateInfo(shipped_template(language), False)
    return TemplateInfo(LetterTemplate(language, stored.subject, stored.body), True)


def letter_template(ws: Workspace, language: str) -> TemplateInfo:
    language = document_language(language)
    with ws.reader() as session:
        return _template(session, language)


def save_letter_template(ws: Workspace, language: str, subject: str, body: str) -> TemplateInfo:
    """A coordinator's wording for one language, checked before it is kept."""
    ws.require(Permission.EDIT_LETTER_TEMPLATES)
    language = document_language(language)
    subject, body = subject.strip(), body.strip()
    check_template(subject, body)
    with ws.session() as session:
        stored = _stored_template(session, language)
        if stored is None:
            stored = StoredTemplate(kind=REFERRAL_LETTER, language=language, subject="", body="")
            session.add(stored)
        stored.subject, stored.body = subject, body
        stored.updated_by = ws.actor.id
        stored.updated_at = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        session.commit()
    return TemplateInfo(LetterTemplate(language, subject, body), True)


def reset_letter_template(ws: Workspace, language: str) -> TemplateInfo:
    """Back to the shipped wording for one language."""
    ws.require(Permission.EDIT_LETTER_TEMPLATES)
    language = document_language(language)
    with ws.session() as session:
        stored = _stored_template(session, language)
        if stored is not None:
            session.delete(stored)
            session.commit()
    return TemplateInfo(shipped_template(language), False)


# --- what a letter says ------------------------------------------------------------------


def _client(session: Session, case: Case) -> Person | None:
    return session.scalar(
        select(Person)
        .join(CaseParty, CaseParty.person_id == Person.id)
        .where(CaseParty.case_id == case.id, CaseParty.role == PartyRole.CLIENT.value)
        .order_by(CaseParty.id)
        .limit(1)
    )


def _address(person: Person, language: str) -> str:
    parts = [person.street or "", person.settlement or ""]
    if person.district:
        found = reference.district(person.district)
        parts.append(found.label(language) if found else person.district)
    return ", ".join(part for part in parts if part)


def _contact(person: Person, language: str) -> str:
    """Phone and address on one line (the client agreed to be reached through them)."""
    phone = ""
    if person.phone:  # people's phones are kept as typed; a letter shows them as +996...
        try:
            phone = display_phone(normalise_phone(person.phone) or "")
        except ValidationError:
            phone = person.phone
    return "; ".join(part for part in (phone, _address(person, language)) if part)


def _eligibility(session: Session, case: Case, language: str) -> str:
    intake = session.scalar(select(Intake).where(Intake.case_id == case.id))
    if intake is None or intake.eligibility == EligibilityOutcome.UNDETERMINED.value:
        return ""
    outcome = translate_in(language, label_msgid(EligibilityOutcome(intake.eligibility)))
    codes = [code for code in intake.eligibility_documents.split(",") if code]
    documents = document_labels(codes, language)
    if not documents:
        return outcome
    return translate_in(language, N_("{outcome}; documents to bring: {documents}")).format(
        outcome=outcome, documents=", ".join(documents)
    )


def _in_language(row: object, prefix: str, language: str) -> str:
    """A text kept per language, in `language`; else in the nearest one a reader of that
    language reads (Kyrgyz and Russian readers read each other's, then English)."""
    order = {"ky": ("ky", "ru", "en"), "ru": ("ru", "ky", "en")}.get(language, ("en", "ru", "ky"))
    return next((text for code in order if (text := getattr(row, f"{prefix}_{code}"))), "")


def _signatory(office: Office, signer: Account, language: str) -> tuple[str, str]:
    """The office's signatory with their title, if the office has one; else the member of
    staff responsible for the referral, with their role as position."""
    if office.signatory_name:
        return office.signatory_name, _in_language(office, "signatory_title", language)
    role = translate_in(language, label_msgid(Role(signer.role)))
    return signer.display_name, sentence_case(role)


def _office_lines(office: Office, language: str) -> tuple[str, ...]:
    address = _in_language(office, "address", language)
    contacts = " · ".join(part for part in (office.phone, office.email) if part)
    return tuple(line for line in (address, contacts) if line)


def _recipient_lines(organisation: Organisation, language: str) -> tuple[str, ...]:
    title = getattr(organisation, f"head_title_{language}")
    lines = [
        " ".join(part for part in (title, organisation.head_name) if part),
        organisation.name_in(language),
        getattr(organisation, f"address_{language}"),
    ]
    return tuple(line for line in lines if line)


def _content(
    session: Session,
    referral: Referral,
    case: Case,
    language: str,
    on: dt.date,
    number: str | None,
) -> LetterContent:
    organisation = session.get(Organisation, referral.organisation_id)
    office = session.get(Office, case.office_id)
    signer = session.get(Account, referral.responsible_id)
    assert organisation is not None and office is not None and signer is not None
    scope = set(referral.consent_scope.split(","))
    due_on = letter_due_date(referral, organisation, on)
    client = _client(session, case)
    shares = {s: s.value in scope for s in ShareScope}
    template = _template(session, language).template
    signatory = _signatory(office, signer, language)
    recipient = _recipient_lines(organisation, language)
    values = {
        "client_name": full_name(client.surname, client.given_name, client.patronymic)
        if client and shares[ShareScope.IDENTITY]
        else "",
        "client_contact": _contact(client, language)
        if client and shares[ShareScope.CONTACT]
        else "",
        "client_address": _address(client, language)
        if client and shares[ShareScope.CONTACT]
        else "",
        "case_number": case.number,
        "category": reference.category_label(case.subcategory or case.category, language),
        "subject_matter": reference.category_label(case.subcategory or case.category, language),
        "facts": case.summary if shares[ShareScope.FACTS] else "",
        "request": referral.request,
        "reason": referral.reason,
        "legal_basis": referral.legal_basis,
        "due_date": official_date(due_on, language) if due_on else "",
        "letter_number": number or translate_in(language, N_("number given when issued")),
        "letter_date": official_date(on, language),
        "consent_date": official_date(referral.consent_on, language) if referral.consent_on else "",
        "recipient_name": organisation.name_in(language),
        "recipient_head": recipient[0] if organisation.head_name else "",
        "office_name": office.name_in(language),
        "office_address": _in_language(office, "address", language),
        "office_phone": office.phone,
        "signatory_name": signatory[0],
        "signatory_position": signatory[1],
        "eligibility": _eligibility(session, case, language)
        if OrganisationType(organisation.kind) == OrganisationType.SGLA_CENTRE
        else "",
    }
    return LetterContent(
        language=language,
        letterhead=Letterhead(
            office.name_in(language), _office_lines(office, language), office.logo
        ),
        template=template,
        values=values,
        number=number,
        issued_on=on,
        recipient_lines=recipient,
        signatory_name=values["signatory_name"],
        signatory_position=values["signatory_position"],
        enclosures=tuple(line.strip() for line in referral.enclosures.splitlines() if line.strip()),
    )


def letter_due_date(referral: Referral, organisation: Organisation, on: dt.date) -> dt.date:
    """The day a letter issued `on` asks the answer by: the referral's due date, unless
    there is none or it has passed (a reminder written later asks anew, counted from the
    letter's day by the organisation's usual period)."""
    if referral.due_on is not None and referral.due_on >= on:
        return referral.due_on
    return default_due_date(
        on, organisation.response_days, OrganisationType(organisation.kind), kind_response_days()
    )


def _language(language: str | None, session: Session, referral: Referral) -> str:
    if language:
        return document_language(language)
    organisation = session.get(Organisation, referral.organisation_id)
    return document_language(organisation.letter_language if organisation else "ru")


def preview_letter(
    ws: Workspace, referral_id: int, language: str | None = None, today: dt.date | None = None
) -> LetterPreview:
    """The letter as it would be issued today, without a number (not audited: nothing is
    issued). Refused like issuing when consent is missing: the preview shows the client."""
    ws.require(Permission.EDIT_CASES)
    today = today or dt.date.today()
    with ws.reader() as session:
        referral, case = find_referral(session, ws.actor, referral_id)
        require_case_edit(ws, case)
        problem = consent_problem(referral, today)
        if problem is not None:
            raise problem
        content = _content(
            session, referral, case, _language(language, session, referral), today, None
        )
    used = [content.template.subject, content.template.body]
    missing = [name for name in missing_values(used, content.values) if name != "letter_number"]
    return LetterPreview(render_referral_letter(content), tuple(missing))


def _next_seq(session: Session, office_id: int, year: int) -> int:
    last = session.scalar(
        select(func.max(OutgoingLetter.seq)).where(
            OutgoingLetter.office_id == office_id, OutgoingLetter.year == year
        )
    )
    return (last or 0) + 1


def letter_number(office_code: str, year: int, seq: int) -> str:
    return f"{office_code}-{year}/{seq:04d}"


def issue_letter(
    ws: Workspace, referral_id: int, language: str | None = None, today: dt.date | None = None
) -> IssuedLetter:
    """Issue the referral's letter: the next register number of the case's office, the
    PDF built and kept. A referral with a letter in force gets that letter back (reprint)
    when the language is the same; another language needs the first one cancelled."""
    ws.require(Permission.EDIT_CASES)
    today = today or dt.date.today()
    with ws.session() as session:
        referral, case = find_referral(session, ws.actor, referral_id)
        require_case_edit(ws, case)
        chosen = _language(language, session, referral)
        in_force = _letter_in_force(session, referral.id)
        if in_force is not None:
            if in_force.language != chosen:
                raise ValidationError(
                    N_(
                        "Letter {number} was issued in another language. Cancel it to "
                        "issue the letter again (its number stays used)."
                    ),
                    field="language",
                    number=in_force.number,
                )
            return _issued(in_force)
        problem = consent_problem(referral, today)
        if problem is not None:
            raise problem
        office = session.get(Office, case.office_id)
        assert office is not None
        seq = _next_seq(session, office.id, today.year)
        number = letter_number(office.code, today.year, seq)
        organisation = session.get(Organisation, referral.organisation_id)
        assert organisation is not None
        referral.due_on = letter_due_date(referral, organisation, today)  # as the letter says
        content = _content(session, referral, case, chosen, today, number)
        pdf = render_referral_letter(content)
        letter = OutgoingLetter(
            office_id=office.id,
            year=today.year,
            seq=seq,
            number=number,
            issued_on=today,
            referral_id=referral.id,
            case_id=case.id,
            organisation_id=referral.organisation_id,
            recipient=content.values["recipient_name"],
            language=chosen,
            pdf=pdf,
            cancel_reason="",
            created_by=ws.actor.id,
        )
        session.add(letter)
        referral.letter_ready = False
        session.commit()
        return _issued(letter)


def _letter_in_force(session: Session, referral_id: int) -> OutgoingLetter | None:
    return session.scalar(
        select(OutgoingLetter)
        .where(OutgoingLetter.referral_id == referral_id, OutgoingLetter.cancelled_at.is_(None))
        .order_by(OutgoingLetter.id.desc())
        .limit(1)
    )


def _issued(letter: OutgoingLetter) -> IssuedLetter:
    return IssuedLetter(
        letter.id,
        letter.number,
        letter.issued_on,
        letter.language,
        letter.recipient,
        letter.pdf or b"",
    )


def _visible_letter(ws: Workspace, session: Session, letter_id: int) -> OutgoingLetter:
    letter = session.scalar(
        select(OutgoingLetter)
        .join(Case, Case.id == OutgoingLetter.case_id)
        .where(OutgoingLetter.id == letter_id, case_visible(ws.actor))
    )
    if letter is None:
        raise NotFound(N_("There is no such letter, or it belongs to a case you cannot see."))
    return letter


def letter_pdf(ws: Workspace, letter_id: int) -> IssuedLetter:
    """An issued letter as it was issued (reprints are audited as views)."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.session() as session:
        letter = _visible_letter(ws, session, letter_id)
        ws.vault.record(session, "view", "outgoing_letter", letter.id)
        session.commit()
        return _issued(letter)


def cancel_letter(ws: Workspace, letter_id: int, reason: str) -> RegisterRow:
    """Cancel an issued letter (sent by mistake, wrong recipient): the register keeps the
    line and the number, which is never given again."""
    ws.require(Permission.CANCEL_LETTERS)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(N_("Say why the letter is cancelled."), field="cancel_reason")
    if len(reason) > CANCEL_REASON_MAX:
        raise ValidationError(
            N_("At most {limit} characters."), field="cancel_reason", limit=CANCEL_REASON_MAX
        )
    with ws.session() as session:
        letter = _visible_letter(ws, session, letter_id)
        case = session.get(Case, letter.case_id) if letter.case_id else None
        if case is not None:
            require_case_edit(ws, case)
        if letter.cancelled_at is not None:
            raise ValidationError(N_("This letter is already cancelled."), field="cancel_reason")
        letter.cancelled_at = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        letter.cancelled_by = ws.actor.id
        letter.cancel_reason = reason
        session.commit()
        return _register_row(letter, case.number if case else None)


def _register_row(letter: OutgoingLetter, case_number: str | None) -> RegisterRow:
    return RegisterRow(
        letter.id,
        letter.number,
        letter.issued_on,
        letter.recipient,
        case_number,
        letter.language,
        letter.cancelled_at is not None,
        letter.cancel_reason,
    )


def letter_register(ws: Workspace, year: int | None = None, limit: int = 1000) -> list[RegisterRow]:
    """The register of outgoing letters, newest first. Letters of cases the viewer cannot
    see show without their case number; letters of erased cases stay."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        visible = select(Case.id).where(case_visible(ws.actor)).scalar_subquery()
        query = (
            select(OutgoingLetter, Case.number)
            .outerjoin(Case, (Case.id == OutgoingLetter.case_id) & Case.id.in_(visible))
            .order_by(
                OutgoingLetter.year.desc(), OutgoingLetter.seq.desc(), OutgoingLetter.id.desc()
            )
        )
        if year is not None:
            query = query.where(OutgoingLetter.year == year)
        return [
            _register_row(letter, number) for letter, number in session.execute(query.limit(limit))
        ]


def ready_referral_ids(ws: Workspace) -> list[int]:
    """Referrals whose letter was marked ready to print, of cases the viewer may change."""
    ws.require(Permission.EDIT_CASES)
    with ws.reader() as session:
        rows = session.execute(
            select(Referral.id)
            .join(Case, Case.id == Referral.case_id)
            .where(Referral.letter_ready.is_(True), case_visible(ws.actor))
            .order_by(Referral.id)
        )
        return [row.id for row in rows]


__all__ = [
    "ConsentMissing",
    "IssuedLetter",
    "LetterPreview",
    "RegisterRow",
    "TemplateInfo",
    "cancel_letter",
    "issue_letter",
    "letter_pdf",
    "letter_register",
    "letter_template",
    "preview_letter",
    "ready_referral_ids",
    "reset_letter_template",
    "save_letter_template",
]

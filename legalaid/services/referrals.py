"""Referrals of a case to an organisation of the directory, and their follow-up.

Referring a case needs what changing the case needs (a lawyer: their own or unassigned
cases; a paralegal: any unrestricted case); reading follows the case's visibility. Every
change is audited through the Audited mixin (field names, never the text).

- A referral starts as a *draft*; the allowed status moves are in
  `legalaid.domain.referral_rules` (a refused move names both statuses).
- Moving to *sent* records the day it left and, unless one was typed, sets the answer due
  date: the organisation's own number of days, else its kind's (shipped directory), else
  30 days.
- An answer (accepted, declined, answered) records its day and summary.
- Consent to share the client's data with this organisation: the day and the scope (what
  may be passed on). Without it no letter is issued (services/letters.py says why).
- A referral of a restricted case is seen only by those who see the case.

Dashboard lists: overdue (waiting for an answer past the due date), awaiting sending
(drafts), and answers received this week; each is limited to cases the viewer sees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account
from legalaid.domain.cases import Case
from legalaid.domain.enums import (
    ConsentKind,
    ConsentMethod,
    OrganisationType,
    ReferralMethod,
    ReferralStatus,
    ShareScope,
)
from legalaid.domain.intake import Consent, Intake
from legalaid.domain.referral_rules import (
    ANSWERS,
    WAITING,
    default_due_date,
    is_overdue,
    may_move,
    next_statuses,
)
from legalaid.domain.referrals import TEXT_MAX, Organisation, OutgoingLetter, Referral, ReferralNote
from legalaid.errors import NotFound, ValidationError
from legalaid.i18n import N_, current_language
from legalaid.services import timeline
from legalaid.services.cases import find_case, require_case_edit
from legalaid.services.directory import kind_response_days
from legalaid.services.fields import bounded_text
from legalaid.services.permissions import Permission
from legalaid.services.timeline import TimelineItem, as_utc
from legalaid.services.visibility import case_visible
from legalaid.services.workspace import AccountInfo, Workspace

EARLIEST = dt.date(2000, 1, 1)
FUTURE_DAYS = 366  # a due date may lie up to a year ahead; other dates not in the future
TEXTS = ("reason", "request", "legal_basis", "enclosures")  # free texts, in the form's order


@dataclass(frozen=True)
class ReferralInput:
    organisation_id: int
    reason: str = ""
    request: str = ""
    method: str = ReferralMethod.LETTER.value
    referred_on: dt.date | None = None  # today when None
    legal_basis: str = ""
    enclosures: str = ""  # one per line
    responsible_login: str | None = None  # the actor when None
    due_on: dt.date | None = None  # set when sent, from the organisation, when None
    consent_on: dt.date | None = None
    consent_method: str | None = None
    consent_scope: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferralNoteInfo:
    at: dt.datetime  # aware, UTC
    who: str
    text: str


@dataclass(frozen=True)
class LetterRow:
    id: int
    number: str
    issued_on: dt.date
    language: str
    cancelled: bool
    cancel_reason: str


@dataclass(frozen=True)
class ReferralInfo:
    id: int
    case_id: int
    case_number: str
    organisation_id: int
    organisation: str  # the name in the current language
    organisation_kind: OrganisationType
    letter_language: str  # the organisation's preferred language
    referred_on: dt.date
    reason: str
    request: str
    legal_basis: str
    enclosures: str
    method: ReferralMethod
    responsible_login: str
    responsible: str
    due_on: dt.date | None
    status: ReferralStatus
    status_on: dt.date
    sent_on: dt.date | None
    response_on: dt.date | None
    response_summary: str
    outcome: str
    consent_on: dt.date | None
    consent_method: ConsentMethod | None
    consent_scope: tuple[ShareScope, ...]
    letter_ready: bool
    notes: tuple[ReferralNoteInfo, ...] = ()
    letters: tuple[LetterRow, ...] = ()
    next_statuses: tuple[ReferralStatus, ...] = field(default=())

    def overdue(self, today: dt.date | None = None) -> bool:
        return is_overdue(self.status, self.due_on, today or dt.date.today())

    @property
    def current_letter(self) -> LetterRow | None:
        """The letter in force (the newest not cancelled), if one was issued."""
        return next((letter for letter in reversed(self.letters) if not letter.cancelled), None)

    def as_input(self) -> ReferralInput:
        return ReferralInput(
            organisation_id=self.organisation_id,
            reason=self.reason,
            request=self.request,
            method=self.method.value,
            referred_on=self.referred_on,
            legal_basis=self.legal_basis,
            enclosures=self.enclosures,
            responsible_login=self.responsible_login,
            due_on=self.due_on,
            consent_on=self.consent_on,
            consent_method=self.consent_method.value if self.consent_method else None,
            consent_scope=tuple(scope.value for scope in self.consent_scope),
        )


@dataclass(frozen=True)
class ReferralRow:
    """A line of a list of referrals (dashboard, referrals page, a case's tab)."""

    id: int
    case_id: int
    case_number: str
    organisation: str
    status: ReferralStatus
    referred_on: dt.date
    due_on: dt.date | None
    response_on: dt.date | None
    responsible: str
    letter_number: str | None

    def overdue(self, today: dt.date | None = None) -> bool:
        return is_overdue(self.status, self.due_on, today or dt.date.today())


def not_found() -> NotFound:
    return NotFound(N_("There is no such referral, or it belongs to a case you cannot see."))


# --- validation --------------------------------------------------------------------------


def _text(value: str, name: str) -> str:
    return bounded_text(value, name, TEXT_MAX)


def _date(value: dt.date | None, name: str, today: dt.date, future_days: int = 0) -> dt.date | None:
    if value is None:
        return None
    if value < EARLIEST:
        raise ValidationError(N_("The date is too far in the past: check the year."), field=name)
    if value > today + dt.timedelta(days=future_days):
        raise ValidationError(N_("The date cannot be in the future."), field=name)
    return value


def _responsible(session: Session, login: str) -> Account:
    account = session.scalar(select(Account).where(Account.login == login))
    if account is None or not account.active:
        raise ValidationError(N_("Choose an active member of staff."), field="responsible_login")
    return account


def _organisation(session: Session, organisation_id: int) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise ValidationError(
            N_("Choose an organisation from the directory."), field="organisation_id"
        )
    return organisation


def _values(
    session: Session,
    ws: Workspace,
    data: ReferralInput,
    today: dt.date,
    need_request: bool = True,
) -> dict[str, Any]:
    """Column values of a valid input, or a ValidationError naming the field; checked in
    the order of the form, top to bottom (the first problem is the one shown)."""
    organisation = _organisation(session, data.organisation_id)
    try:
        method = ReferralMethod(data.method)
    except ValueError:
        raise ValidationError(N_("Choose how the case is referred."), field="method") from None
    referred_on = _date(data.referred_on, "referred_on", today) or today
    texts = {name: _text(getattr(data, name), name) for name in TEXTS}
    if need_request and not texts["request"]:
        raise ValidationError(N_("Say what is asked of the organisation."), field="request")
    responsible = _responsible(session, data.responsible_login or ws.actor.login)
    due_on = _date(data.due_on, "due_on", today, FUTURE_DAYS)
    if due_on is not None and due_on < referred_on:
        raise ValidationError(
            N_("The answer cannot be due before the case was referred."), field="due_on"
        )
    consent_on = _date(data.consent_on, "consent_on", today)
    consent_method = data.consent_method or None
    if consent_method is not None and consent_method not in {m.value for m in ConsentMethod}:
        raise ValidationError(N_("Choose how consent was given."), field="consent_method")
    scope = tuple(dict.fromkeys(data.consent_scope))
    if any(code not in {s.value for s in ShareScope} for code in scope):
        raise ValidationError(N_("Choose what may be shared from the list."), field="consent_scope")
    if consent_on is None and (scope or consent_method):
        raise ValidationError(
            N_("Give the date the client agreed to their data being shared."), field="consent_on"
        )
    if consent_on is not None and not scope:
        raise ValidationError(
            N_("Tick what the client agreed may be shared."), field="consent_scope"
        )
    return {
        "organisation_id": organisation.id,
        "referred_on": referred_on,
        **texts,
        "method": method.value,
        "responsible_id": responsible.id,
        "due_on": due_on,
        "consent_on": consent_on,
        "consent_method": consent_method,
        "consent_scope": ",".join(scope),
    }


# --- reading -----------------------------------------------------------------------------


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(Account.id, Account.display_name).where(Account.id.in_(ids)))
    return {row.id: row.display_name for row in rows}


def _logins(session: Session, account_id: int) -> str:
    return session.scalar(select(Account.login).where(Account.id == account_id)) or ""


def _letters(session: Session, referral_id: int) -> tuple[LetterRow, ...]:
    rows = session.scalars(
        select(OutgoingLetter)
        .where(OutgoingLetter.referral_id == referral_id)
        .order_by(OutgoingLetter.id)
    )
    return tuple(
        LetterRow(
            row.id,
            row.number,
            row.issued_on,
            row.language,
            row.cancelled_at is not None,
            row.cancel_reason,
        )
        for row in rows
    )


def _info(session: Session, referral: Referral, case: Case) -> ReferralInfo:
    organisation = session.get(Organisation, referral.organisation_id)
    assert organisation is not None
    notes = session.scalars(
        select(ReferralNote)
        .where(ReferralNote.referral_id == referral.id)
        .order_by(ReferralNote.created_at, ReferralNote.id)
    ).all()
    names = _names(
        session, {referral.responsible_id} | {n.created_by for n in notes if n.created_by}
    )
    status = ReferralStatus(referral.status)
    return ReferralInfo(
        id=referral.id,
        case_id=case.id,
        case_number=case.number,
        organisation_id=organisation.id,
        organisation=organisation.name_in(current_language()),
        organisation_kind=OrganisationType(organisation.kind),
        letter_language=organisation.letter_language,
        referred_on=referral.referred_on,
        reason=referral.reason,
        request=referral.request,
        legal_basis=referral.legal_basis,
        enclosures=referral.enclosures,
        method=ReferralMethod(referral.method),
        responsible_login=_logins(session, referral.responsible_id),
        responsible=names.get(referral.responsible_id, ""),
        due_on=referral.due_on,
        status=status,
        status_on=referral.status_on,
        sent_on=referral.sent_on,
        response_on=referral.response_on,
        response_summary=referral.response_summary,
        outcome=referral.outcome,
        consent_on=referral.consent_on,
        consent_method=ConsentMethod(referral.consent_method) if referral.consent_method else None,
        consent_scope=tuple(ShareScope(code) for code in referral.consent_scope.split(",") if code),
        letter_ready=referral.letter_ready,
        notes=tuple(
            ReferralNoteInfo(as_utc(n.created_at), names.get(n.created_by or 0, ""), n.text)
            for n in notes
        ),
        letters=_letters(session, referral.id),
        next_statuses=tuple(next_statuses(status)),
    )


def find_referral(session: Session, viewer: AccountInfo, referral_id: int) -> tuple[Referral, Case]:
    """The referral and its case, if the viewer sees the case; NotFound alike otherwise."""
    row = session.execute(
        select(Referral, Case)
        .join(Case, Case.id == Referral.case_id)
        .where(Referral.id == referral_id, case_visible(viewer))
    ).first()
    if row is None:
        raise not_found()
    return row[0], row[1]


def get_referral(ws: Workspace, referral_id: int) -> ReferralInfo:
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        referral, case = find_referral(session, ws.actor, referral_id)
        return _info(session, referral, case)


def _row_query(viewer: AccountInfo) -> Select[Any]:
    name = getattr(Organisation, f"name_{current_language()}", Organisation.name_en)
    current_letter = (
        select(OutgoingLetter.number)
        .where(OutgoingLetter.referral_id == Referral.id, OutgoingLetter.cancelled_at.is_(None))
        .order_by(OutgoingLetter.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(
            Referral.id,
            Referral.case_id,
            Case.number.label("case_number"),
            name.label("organisation"),
            Referral.status,
            Referral.referred_on,
            Referral.due_on,
            Referral.response_on,
            Account.display_name.label("responsible"),
            current_letter.label("letter_number"),
        )
        .join(Case, Case.id == Referral.case_id)
        .join(Organisation, Organisation.id == Referral.organisation_id)
        .join(Account, Account.id == Referral.responsible_id)
        .where(case_visible(viewer))
    )


def _rows(session: Session, query: Select[Any]) -> list[ReferralRow]:
    return [
        ReferralRow(
            r.id,
            r.case_id,
            r.case_number,
            r.organisation,
            ReferralStatus(r.status),
            r.referred_on,
            r.due_on,
            r.response_on,
            r.responsible,
            r.letter_number,
        )
        for r in session.execute(query)
    ]


def case_referrals(ws: Workspace, case_key: int | str) -> list[ReferralRow]:
    """A case's referrals, newest first."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        case = find_case(session, ws.actor, case_key)
        query = _row_query(ws.actor).where(Referral.case_id == case.id)
        return _rows(session, query.order_by(Referral.referred_on.desc(), Referral.id.desc()))


@dataclass(frozen=True)
class ReferralFilter:
    status: str | None = None
    overdue: bool = False  # waiting for an answer past the due date
    awaiting_sending: bool = False  # drafts
    answered_since: dt.date | None = None  # an answer recorded on or after this day
    responsible_login: str | None = None
    mine: bool = False  # the actor is responsible
    today: dt.date | None = None


def _conditions(ws: Workspace, session: Session, f: ReferralFilter) -> list[ColumnElement[bool]]:
    today = f.today or dt.date.today()
    conditions: list[ColumnElement[bool]] = []
    if f.status:
        conditions.append(Referral.status == f.status)
    if f.overdue:
        conditions.append(Referral.status.in_([s.value for s in WAITING]))
        conditions.append(Referral.due_on < today)
    if f.awaiting_sending:
        conditions.append(Referral.status == ReferralStatus.DRAFT.value)
    if f.answered_since is not None:
        conditions.append(Referral.status.in_([s.value for s in ANSWERS]))
        conditions.append(Referral.response_on >= f.answered_since)
    if f.mine:
        conditions.append(Referral.responsible_id == ws.actor.id)
    elif f.responsible_login:
        account = session.scalar(select(Account.id).where(Account.login == f.responsible_login))
        conditions.append(Referral.responsible_id == (account or -1))
    return conditions


def list_referrals(
    ws: Workspace, filters: ReferralFilter | None = None, limit: int = 500
) -> list[ReferralRow]:
    """Referrals of the cases the viewer sees: those waiting for an answer first (the
    earliest due first), then drafts, then the rest, newest first. Lists are not audited
    one by one, as case lists are not."""
    ws.require(Permission.VIEW_RECORDS)
    filters = filters or ReferralFilter()
    with ws.reader() as session:
        query = _row_query(ws.actor).where(*_conditions(ws, session, filters))
        waiting = [status.value for status in WAITING]
        stage = sql_case(
            (Referral.status.in_(waiting), 0),
            (Referral.status == ReferralStatus.DRAFT.value, 1),
            else_=2,
        )
        due_first = sql_case((Referral.status.in_(waiting), Referral.due_on), else_=None)
        query = query.order_by(stage, due_first, Referral.referred_on.desc(), Referral.id.desc())
        return _rows(session, query.limit(limit))


def overdue_referrals(ws: Workspace, today: dt.date | None = None) -> list[ReferralRow]:
    return list_referrals(ws, ReferralFilter(overdue=True, today=today))


def referrals_awaiting_sending(ws: Workspace) -> list[ReferralRow]:
    return list_referrals(ws, ReferralFilter(awaiting_sending=True))


def answers_this_week(ws: Workspace, today: dt.date | None = None) -> list[ReferralRow]:
    """Answers recorded since Monday (the week starts on Monday here)."""
    today = today or dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    return list_referrals(ws, ReferralFilter(answered_since=monday, today=today))


@dataclass(frozen=True)
class IntakeShareConsent:
    """A consent to share given at the case's intake that covers an organisation's kind."""

    given_on: dt.date
    method: ConsentMethod


def intake_share_consent(
    ws: Workspace, case_key: int | str, organisation_id: int
) -> IntakeShareConsent | None:
    """The intake's consent to share with the organisation's kind of body, if there is one
    (the referral form offers it: the paralegal confirms the scope with the client)."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        case = find_case(session, ws.actor, case_key)
        organisation = session.get(Organisation, organisation_id)
        group = OrganisationType(organisation.kind).share_group if organisation else None
        if group is None:
            return None
        rows = session.execute(
            select(Consent.given_on, Consent.method, Consent.organisation_kinds)
            .join(Intake, Intake.id == Consent.intake_id)
            .where(Intake.case_id == case.id, Consent.kind == ConsentKind.SHARE.value)
            .order_by(Consent.given_on.desc())
        )
        for row in rows:
            if group.value in row.organisation_kinds.split(","):
                return IntakeShareConsent(row.given_on, ConsentMethod(row.method))
    return None


# --- changing ----------------------------------------------------------------------------


def create_referral(
    ws: Workspace, case_key: int | str, data: ReferralInput, today: dt.date | None = None
) -> ReferralInfo:
    """Refer a case (a draft until it is recorded as sent)."""
    ws.require(Permission.EDIT_CASES)  # before looking: no hint whether the case exists
    today = today or dt.date.today()
    with ws.session() as session:
        case = find_case(session, ws.actor, case_key)
        referral = new_referral(session, ws, case, data, today)
        session.commit()
        return _info(session, referral, case)


def new_referral(
    session: Session,
    ws: Workspace,
    case: Case,
    data: ReferralInput,
    today: dt.date,
    *,
    need_request: bool = True,
) -> Referral:
    """A validated draft referral of `case` added to an open session, neither flushed nor
    committed (an import writes many in one transaction). An import records referrals a
    register lists without saying what was asked: `need_request=False`."""
    require_case_edit(ws, case)
    values = _values(session, ws, data, today, need_request)
    referral = Referral(
        case_id=case.id,
        status=ReferralStatus.DRAFT.value,
        status_on=today,
        created_by=ws.actor.id,
        response_summary="",
        outcome="",
        letter_ready=False,
        **values,
    )
    session.add(referral)
    return referral


def record_sent(referral: Referral, organisation: Organisation, on: dt.date) -> None:
    """What a referral's leaving records besides its status: the day, the letter no longer
    waiting to be printed and, unless one was typed, the day an answer is due."""
    referral.sent_on = on
    referral.letter_ready = False
    if referral.due_on is None:
        referral.due_on = default_due_date(
            on,
            organisation.response_days,
            OrganisationType(organisation.kind),
            kind_response_days(),
        )


def _to_change(ws: Workspace, session: Session, referral_id: int) -> tuple[Referral, Case]:
    referral, case = find_referral(session, ws.actor, referral_id)
    require_case_edit(ws, case)
    return referral, case


def update_referral(
    ws: Workspace, referral_id: int, data: ReferralInput, today: dt.date | None = None
) -> ReferralInfo:
    """Correct a referral's details. The organisation changes only while no letter to it is
    in force (cancel the letter first: its number stays used)."""
    ws.require(Permission.EDIT_CASES)
    today = today or dt.date.today()
    with ws.session() as session:
        referral, case = _to_change(ws, session, referral_id)
        values = _values(session, ws, data, today)
        if values["organisation_id"] != referral.organisation_id and any(
            not letter.cancelled for letter in _letters(session, referral.id)
        ):
            raise ValidationError(
                N_(
                    "A letter to this organisation has been issued. Cancel it before "
                    "referring to another organisation."
                ),
                field="organisation_id",
            )
        for name, value in values.items():
            if getattr(referral, name) != value:
                setattr(referral, name, value)
        session.commit()
        return _info(session, referral, case)


def move_referral(
    ws: Workspace,
    referral_id: int,
    target: ReferralStatus | str,
    on: dt.date | None = None,
    response_summary: str | None = None,
    outcome: str | None = None,
    today: dt.date | None = None,
) -> ReferralInfo:
    """Move a referral to another status on a day (today by default)."""
    ws.require(Permission.EDIT_CASES)
    today = today or dt.date.today()
    target = ReferralStatus(target)
    on = _date(on, "on", today) or today
    with ws.session() as session:
        referral, case = _to_change(ws, session, referral_id)
        current = ReferralStatus(referral.status)
        if not may_move(current, target):
            raise ValidationError(
                N_("A referral that is {current} cannot become {target}."),
                field="status",
                current=current.label,
                target=target.label,
            )
        if on < referral.referred_on:
            raise ValidationError(
                N_("The date cannot lie before the case was referred."), field="on"
            )
        organisation = session.get(Organisation, referral.organisation_id)  # before changes:
        assert organisation is not None  # a query in between would split the audit event
        referral.status = target.value
        referral.status_on = on
        if target == ReferralStatus.SENT:
            record_sent(referral, organisation, on)
        if target in ANSWERS:
            referral.response_on = on
        if response_summary is not None:
            referral.response_summary = _text(response_summary, "response_summary")
        if outcome is not None:
            referral.outcome = _text(outcome, "outcome")
        session.commit()
        return _info(session, referral, case)


def add_note(ws: Workspace, referral_id: int, text: str) -> ReferralInfo:
    """A follow-up note ("called them on the 3rd: the file is with the deputy")."""
    ws.require(Permission.EDIT_CASES)
    cleaned = _text(text, "note")
    if not cleaned:
        raise ValidationError(N_("Type the note first."), field="note")
    with ws.session() as session:
        referral, case = _to_change(ws, session, referral_id)
        session.add(ReferralNote(referral_id=referral.id, text=cleaned, created_by=ws.actor.id))
        session.commit()
        return _info(session, referral, case)


def set_letter_ready(ws: Workspace, referral_id: int, ready: bool = True) -> ReferralInfo:
    """Mark the letter ready to print (the batch `legalaid letters --ready` prints these)."""
    ws.require(Permission.EDIT_CASES)
    with ws.session() as session:
        referral, case = _to_change(ws, session, referral_id)
        referral.letter_ready = ready
        session.commit()
        return _info(session, referral, case)


# --- the case's timeline -----------------------------------------------------------------

timeline.ITEM_LABELS.update(
    {
        "referral_made": N_("referred to"),
        "referral_sent": N_("referral sent to"),
        "referral_answered": N_("answer to the referral from"),
    }
)


@timeline.timeline_source
def _referral_events(session: Session, case: Case, viewer: AccountInfo) -> list[TimelineItem]:
    """Each referral: when it was made, sent and answered (all-day: dates only)."""
    name = getattr(Organisation, f"name_{current_language()}", Organisation.name_en)
    rows = session.execute(
        select(
            Referral.id,
            Referral.referred_on,
            Referral.sent_on,
            Referral.response_on,
            Referral.response_summary,
            name.label("organisation"),
        )
        .join(Organisation, Organisation.id == Referral.organisation_id)
        .where(Referral.case_id == case.id)
    )
    items: list[TimelineItem] = []
    for row in rows:
        for kind, day, text in (
            ("referral_made", row.referred_on, row.organisation),
            ("referral_sent", row.sent_on, row.organisation),
            ("referral_answered", row.response_on, row.organisation),
        ):
            if day is not None:
                items.append(
                    TimelineItem(
                        at=dt.datetime.combine(day, dt.time(12)).astimezone(dt.UTC),
                        kind=kind,
                        text=text,
                        source="referral",
                        record_id=row.id,
                        all_day=True,
                    )
                )
    return items

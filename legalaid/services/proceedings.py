"""Court proceedings of a case, their hearings, and a detained client's custody.

Changing them needs what changing the case needs (`cases.require_case_edit`); reading
follows the case's visibility. Trial monitors see none of this (no VIEW_RECORDS). Times
typed are local to this computer and stored in UTC, as on the timeline.

- Moving to the next instance (an appeal lodged) makes a new proceeding that points to the
  previous one; the previous one is marked decided.
- Recording a hearing's result: held, adjourned (the reason is needed), decision announced,
  not held. A next date creates the next hearing (same proceeding, same lawyer, courtroom).
  A decision announced in a criminal, civil... proceeding creates the appeal deadline by its
  rule (services/deadlines.py), owned by the proceeding's lawyer.
- Handing a proceeding to another lawyer is audited and puts a task on their Dashboard.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account
from legalaid.domain.cases import Case
from legalaid.domain.courts import TEXT_MAX, Court, Custody, Hearing, Proceeding
from legalaid.domain.custody_rules import CustodyWarning, custody_warnings
from legalaid.domain.enums import (
    HearingKind,
    HearingResult,
    Instance,
    ProceduralRole,
    ProceedingKind,
    ProceedingStatus,
    Representation,
    Role,
)
from legalaid.domain.timeline import CaseTask
from legalaid.errors import NotFound, ValidationError
from legalaid.i18n import N_, _
from legalaid.services.cases import find_case, require_case_edit
from legalaid.services.fields import bounded_text, enum_code
from legalaid.services.permissions import Permission
from legalaid.services.timeline import as_utc
from legalaid.services.visibility import case_visible
from legalaid.services.workspace import AccountInfo, Workspace

EARLIEST = dt.datetime(2000, 1, 1)
NEXT_INSTANCE = {
    Instance.INVESTIGATING_JUDGE: Instance.FIRST_INSTANCE,
    Instance.FIRST_INSTANCE: Instance.APPEAL,
    Instance.APPEAL: Instance.CASSATION,
    Instance.CASSATION: Instance.REVIEW,
}


def to_utc(moment: dt.datetime) -> dt.datetime:
    """A typed local time (naive) or an aware one, as stored: UTC without a zone."""
    aware = moment if moment.tzinfo else moment.astimezone()
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class ProceedingInput:
    court_id: int
    kind: str
    client_role: str
    instance: str = Instance.FIRST_INSTANCE.value
    court_number: str = ""
    charges: str = ""  # "CC 122(2)", one per line
    judges: str = ""
    stage: str = ""
    representation: str = Representation.OURS.value
    lawyer_login: str | None = None
    opposing_counsel: str = ""


@dataclass(frozen=True)
class HearingRow:
    id: int
    proceeding_id: int
    case_id: int
    case_number: str
    court: str
    court_number: str
    starts_at: dt.datetime  # aware, UTC
    minutes: int
    courtroom: str
    kind: HearingKind
    lawyer_login: str | None
    lawyer: str
    result: HearingResult | None
    # What was recorded, so that recording it again starts from it (nothing retyped or lost).
    adjourned_reason: str = ""
    attended: str = ""
    notes: str = ""
    time_spent_minutes: int | None = None
    next_hearing_id: int | None = None

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class ProceedingInfo:
    id: int
    case_id: int
    previous_id: int | None
    court_id: int
    court: str  # its name when the proceeding began
    court_number: str
    kind: ProceedingKind
    client_role: ProceduralRole
    instance: Instance
    charges: str
    judges: str
    stage: str
    representation: Representation
    lawyer_login: str | None
    lawyer: str
    opposing_counsel: str
    status: ProceedingStatus
    outcome: str
    began_on: dt.date  # the court's name of that day is the one shown
    hearings: tuple[HearingRow, ...] = field(default=())

    def as_input(self) -> ProceedingInput:
        return ProceedingInput(
            court_id=self.court_id,
            kind=self.kind.value,
            client_role=self.client_role.value,
            instance=self.instance.value,
            court_number=self.court_number,
            charges=self.charges,
            judges=self.judges,
            stage=self.stage,
            representation=self.representation.value,
            lawyer_login=self.lawyer_login,
            opposing_counsel=self.opposing_counsel,
        )


def not_found() -> NotFound:
    return NotFound(N_("There is no such proceeding, or it belongs to a case you cannot see."))


# --- validation ----------------------------------------------------------------------------


def _text(value: str, name: str, limit: int = TEXT_MAX) -> str:
    return bounded_text(value, name, limit)


def _lawyer(session: Session, login: str | None, field_name: str = "lawyer_login") -> int | None:
    if not login:
        return None
    account = session.scalar(select(Account).where(Account.login == login))
    if (
        account is None
        or not account.active
        or account.role
        not in (
            Role.LAWYER.value,
            Role.COORDINATOR.value,
        )
    ):
        raise ValidationError(N_("Choose an active lawyer."), field=field_name)
    return account.id


def _values(session: Session, data: ProceedingInput) -> dict[str, Any]:
    court = session.get(Court, data.court_id)
    if court is None:
        raise ValidationError(N_("Choose the court from the list."), field="court_id")
    values: dict[str, Any] = {
        "court_id": court.id,
        "kind": enum_code(ProceedingKind, data.kind, "kind", N_("Choose the kind of proceeding.")),
        "client_role": enum_code(
            ProceduralRole, data.client_role, "client_role", N_("Choose the client's role.")
        ),
        "instance": enum_code(Instance, data.instance, "instance", N_("Choose the instance.")),
        "representation": enum_code(
            Representation,
            data.representation,
            "representation",
            N_("Choose who represents the client."),
        ),
        "court_number": _text(data.court_number, "court_number", 64),
        "charges": _text(data.charges, "charges"),
        "judges": _text(data.judges, "judges", 300),
        "stage": _text(data.stage, "stage", 200),
        "opposing_counsel": _text(data.opposing_counsel, "opposing_counsel", 300),
        "lawyer_id": _lawyer(session, data.lawyer_login),
    }
    if values["representation"] == Representation.OURS.value and values["lawyer_id"] is None:
        raise ValidationError(
            N_("Choose which of our lawyers represents the client."), field="lawyer_login"
        )
    return values


# --- reading -------------------------------------------------------------------------------


def find_proceeding(
    session: Session, viewer: AccountInfo, proceeding_id: int
) -> tuple[Proceeding, Case]:
    row = session.execute(
        select(Proceeding, Case)
        .join(Case, Case.id == Proceeding.case_id)
        .where(Proceeding.id == proceeding_id, case_visible(viewer))
    ).first()
    if row is None:
        raise not_found()
    return row[0], row[1]


def hearing_query(viewer: AccountInfo) -> Any:
    """Hearings of the cases the viewer sees, with what a list shows of them."""
    return (
        select(
            Hearing,
            Proceeding.case_id,
            Case.number,
            Proceeding.court_id,
            Proceeding.court_number,
            Account.login,
            Account.display_name,
        )
        .join(Proceeding, Proceeding.id == Hearing.proceeding_id)
        .join(Case, Case.id == Proceeding.case_id)
        .outerjoin(Account, Account.id == Hearing.lawyer_id)
        .where(case_visible(viewer))
    )


def hearing_rows(session: Session, query: Any) -> list[HearingRow]:
    from legalaid.services.courts import courts_by_id  # noqa: PLC0415 - avoids a cycle

    rows = session.execute(query).all()
    courts = courts_by_id(session, {row.court_id for row in rows})
    found = []
    for hearing, case_id, number, court_id, court_number, login, name in rows:
        starts = as_utc(hearing.starts_at)
        court = courts.get(court_id)
        found.append(
            HearingRow(
                id=hearing.id,
                proceeding_id=hearing.proceeding_id,
                case_id=case_id,
                case_number=number,
                court=court.name_on(starts.date()) if court else "",
                court_number=court_number,
                starts_at=starts,
                minutes=hearing.minutes,
                courtroom=hearing.courtroom,
                kind=HearingKind(hearing.kind),
                lawyer_login=login,
                lawyer=name or "",
                result=HearingResult(hearing.result) if hearing.result else None,
                adjourned_reason=hearing.adjourned_reason,
                attended=hearing.attended,
                notes=hearing.notes,
                time_spent_minutes=hearing.time_spent_minutes,
                next_hearing_id=hearing.next_hearing_id,
            )
        )
    return found


def _info(session: Session, viewer: AccountInfo, proceeding: Proceeding) -> ProceedingInfo:
    from legalaid.services.courts import courts_by_id  # noqa: PLC0415

    court = courts_by_id(session, {proceeding.court_id})[proceeding.court_id]
    lawyer = session.get(Account, proceeding.lawyer_id) if proceeding.lawyer_id else None
    hearings = hearing_rows(
        session,
        hearing_query(viewer)
        .where(Hearing.proceeding_id == proceeding.id)
        .order_by(Hearing.starts_at),
    )
    began = as_utc(proceeding.created_at).date()
    return ProceedingInfo(
        id=proceeding.id,
        case_id=proceeding.case_id,
        previous_id=proceeding.previous_id,
        court_id=proceeding.court_id,
        court=court.name_on(began),
        court_number=proceeding.court_number,
        kind=ProceedingKind(proceeding.kind),
        client_role=ProceduralRole(proceeding.client_role),
        instance=Instance(proceeding.instance),
        charges=proceeding.charges,
        judges=proceeding.judges,
        stage=proceeding.stage,
        representation=Representation(proceeding.representation),
        lawyer_login=lawyer.login if lawyer else None,
        lawyer=lawyer.display_name if lawyer else "",
        opposing_counsel=proceeding.opposing_counsel,
        status=ProceedingStatus(proceeding.status),
        outcome=proceeding.outcome,
        began_on=began,
        hearings=tuple(hearings),
    )


def case_proceedings(ws: Workspace, case_key: int | str) -> list[ProceedingInfo]:
    """A case's proceedings, the earliest first (instances follow each other)."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        case = find_case(session, ws.actor, case_key)
        rows = session.scalars(
            select(Proceeding).where(Proceeding.case_id == case.id).order_by(Proceeding.id)
        ).all()
        return [_info(session, ws.actor, row) for row in rows]


def get_proceeding(ws: Workspace, proceeding_id: int) -> ProceedingInfo:
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        proceeding, _case = find_proceeding(session, ws.actor, proceeding_id)
        return _info(session, ws.actor, proceeding)


# --- changing ------------------------------------------------------------------------------


def add_proceeding(ws: Workspace, case_key: int | str, data: ProceedingInput) -> ProceedingInfo:
    ws.require(Permission.EDIT_CASES)
    with ws.session() as session:
        case = find_case(session, ws.actor, case_key)
        proceeding = new_proceeding(session, ws, case, data)
        session.commit()
        return _info(session, ws.actor, proceeding)


def new_proceeding(
    session: Session, ws: Workspace, case: Case, data: ProceedingInput
) -> Proceeding:
    """A validated pending proceeding of `case` added to an open session and flushed (it has
    its id), not committed (an import writes many in one transaction)."""
    require_case_edit(ws, case)
    values = _values(session, data)
    proceeding = Proceeding(
        case_id=case.id,
        status=ProceedingStatus.PENDING.value,
        outcome="",
        created_by=ws.actor.id,
        **values,
    )
    session.add(proceeding)
    session.flush()
    return proceeding


def _to_change(ws: Workspace, session: Session, proceeding_id: int) -> tuple[Proceeding, Case]:
    proceeding, case = find_proceeding(session, ws.actor, proceeding_id)
    require_case_edit(ws, case)
    return proceeding, case


def update_proceeding(ws: Workspace, proceeding_id: int, data: ProceedingInput) -> ProceedingInfo:
    """Correct a proceeding; a new lawyer is told on their Dashboard (a task)."""
    ws.require(Permission.EDIT_CASES)
    with ws.session() as session:
        proceeding, case = _to_change(ws, session, proceeding_id)
        values = _values(session, data)
        handed_to = values["lawyer_id"]
        handed = handed_to is not None and handed_to != proceeding.lawyer_id
        for name, value in values.items():
            if getattr(proceeding, name) != value:
                setattr(proceeding, name, value)
        if handed and handed_to != ws.actor.id:
            _hand_over_task(session, ws, case, proceeding, handed_to)
        session.commit()
        return _info(session, ws.actor, proceeding)


def _hand_over_task(
    session: Session, ws: Workspace, case: Case, proceeding: Proceeding, lawyer_id: int
) -> None:
    session.add(
        CaseTask(
            case_id=case.id,
            title=_("Proceeding handed over to you: {number}").format(
                number=proceeding.court_number or case.number
            )[:300],
            assignee_id=lawyer_id,
            due_on=dt.date.today(),
            created_by=ws.actor.id,
        )
    )


def next_instance(
    ws: Workspace, proceeding_id: int, court_id: int, court_number: str = ""
) -> ProceedingInfo:
    """The case goes on to the next instance (an appeal lodged...): a new proceeding that
    keeps the previous one as its history."""
    ws.require(Permission.EDIT_CASES)
    with ws.session() as session:
        previous, case = _to_change(ws, session, proceeding_id)
        current = Instance(previous.instance)
        if current not in NEXT_INSTANCE:
            raise ValidationError(N_("There is no instance after this one."), field="instance")
        if session.get(Court, court_id) is None:
            raise ValidationError(N_("Choose the court from the list."), field="court_id")
        previous.status = ProceedingStatus.DECIDED.value
        following = Proceeding(
            case_id=case.id,
            previous_id=previous.id,
            court_id=court_id,
            court_number=_text(court_number, "court_number", 64),
            kind=previous.kind,
            client_role=previous.client_role,
            charges=previous.charges,
            judges="",
            instance=NEXT_INSTANCE[current].value,
            stage="",
            representation=previous.representation,
            lawyer_id=previous.lawyer_id,
            opposing_counsel=previous.opposing_counsel,
            status=ProceedingStatus.PENDING.value,
            outcome="",
            created_by=ws.actor.id,
        )
        session.add(following)
        session.commit()
        return _info(session, ws.actor, following)


@dataclass(frozen=True)
class HearingInput:
    starts_at: dt.datetime  # naive: local time
    kind: str = HearingKind.MAIN.value
    minutes: int = 60
    courtroom: str = ""
    lawyer_login: str | None = None  # the proceeding's lawyer when None


def _hearing_values(session: Session, proceeding: Proceeding, data: HearingInput) -> dict[str, Any]:
    starts = to_utc(data.starts_at)
    if starts < EARLIEST:
        raise ValidationError(
            N_("The date is too far in the past: check the year."), field="starts_at"
        )
    if not 5 <= data.minutes <= 12 * 60:
        raise ValidationError(N_("A hearing lasts from 5 minutes to 12 hours."), field="minutes")
    lawyer_id = _lawyer(session, data.lawyer_login) if data.lawyer_login else proceeding.lawyer_id
    return {
        "starts_at": starts,
        "kind": enum_code(HearingKind, data.kind, "kind", N_("Choose the kind of hearing.")),
        "minutes": data.minutes,
        "courtroom": _text(data.courtroom, "courtroom", 100),
        "lawyer_id": lawyer_id,
    }


def _new_hearing(
    session: Session, ws: Workspace, proceeding: Proceeding, values: dict[str, Any]
) -> Hearing:
    """A hearing to come (nothing recorded of it yet), added and flushed (it has its id)."""
    hearing = Hearing(
        proceeding_id=proceeding.id,
        adjourned_reason="",
        attended="",
        notes="",
        created_by=ws.actor.id,
        **values,
    )
    session.add(hearing)
    session.flush()
    return hearing


def new_hearing(
    session: Session, ws: Workspace, proceeding: Proceeding, data: HearingInput
) -> Hearing:
    """A validated hearing to come of a proceeding the actor may change, added to an open
    session and flushed, not committed (an import writes many in one transaction)."""
    return _new_hearing(session, ws, proceeding, _hearing_values(session, proceeding, data))


def add_hearing(ws: Workspace, proceeding_id: int, data: HearingInput) -> HearingRow:
    ws.require(Permission.EDIT_CASES)
    with ws.session() as session:
        proceeding, _case = _to_change(ws, session, proceeding_id)
        hearing = new_hearing(session, ws, proceeding, data)
        session.commit()
        return hearing_rows(session, hearing_query(ws.actor).where(Hearing.id == hearing.id))[0]


@dataclass(frozen=True)
class HearingOutcome:
    result: str
    adjourned_reason: str = ""
    attended: str = ""
    notes: str = ""
    time_spent_minutes: int | None = None
    next_starts_at: dt.datetime | None = None  # naive local: creates the next hearing
    decision_on: dt.date | None = None  # a decision announced: counts its deadlines


@dataclass(frozen=True)
class RecordedHearing:
    hearing: HearingRow
    next_hearing: HearingRow | None
    deadlines: tuple[int, ...]  # ids of deadlines created from the decision


def record_hearing(ws: Workspace, hearing_id: int, outcome: HearingOutcome) -> RecordedHearing:
    """What happened at a hearing; the next date makes the next hearing; a decision
    announced starts the appeal deadline of its kind of proceeding."""
    from legalaid.services import deadlines  # noqa: PLC0415 - deadlines read proceedings

    ws.require(Permission.EDIT_CASES)
    with ws.session() as session:
        row = session.execute(
            select(Hearing, Proceeding, Case)
            .join(Proceeding, Proceeding.id == Hearing.proceeding_id)
            .join(Case, Case.id == Proceeding.case_id)
            .where(Hearing.id == hearing_id, case_visible(ws.actor))
        ).first()
        if row is None:
            raise NotFound(N_("There is no such hearing, or it belongs to a case you cannot see."))
        hearing, proceeding, case = row
        require_case_edit(ws, case)
        result = HearingResult(
            enum_code(HearingResult, outcome.result, "result", N_("Choose what happened."))
        )
        reason = _text(outcome.adjourned_reason, "adjourned_reason")
        if result is HearingResult.ADJOURNED and not reason:
            raise ValidationError(
                N_("Say why the hearing was adjourned."), field="adjourned_reason"
            )
        spent = outcome.time_spent_minutes
        if spent is not None and not 0 <= spent <= 24 * 60:
            raise ValidationError(
                N_("Time spent: whole minutes from 0 to 24 hours."), field="time_spent_minutes"
            )
        next_hearing = (
            session.get(Hearing, hearing.next_hearing_id) if hearing.next_hearing_id else None
        )
        already_decided = hearing.result == HearingResult.DECISION_ANNOUNCED.value
        if next_hearing is not None and outcome.next_starts_at is not None:
            # Recorded again (a correction): the next hearing it made moves, no second one.
            moved = to_utc(outcome.next_starts_at)
            if moved <= hearing.starts_at:
                raise ValidationError(
                    N_("The next hearing must come after this one."), field="next_starts_at"
                )
            next_hearing.starts_at = moved
        elif outcome.next_starts_at is not None:
            next_values = _hearing_values(
                session,
                proceeding,
                HearingInput(
                    outcome.next_starts_at, hearing.kind, hearing.minutes, hearing.courtroom
                ),
            )
            if next_values["starts_at"] <= hearing.starts_at:
                raise ValidationError(
                    N_("The next hearing must come after this one."), field="next_starts_at"
                )
            next_values["lawyer_id"] = hearing.lawyer_id
            next_hearing = _new_hearing(session, ws, proceeding, next_values)
        hearing.result = result.value
        hearing.adjourned_reason = reason
        hearing.attended = _text(outcome.attended, "attended")
        hearing.notes = _text(outcome.notes, "notes")
        hearing.time_spent_minutes = spent
        hearing.next_hearing_id = next_hearing.id if next_hearing else None
        created: list[int] = []
        if result is HearingResult.DECISION_ANNOUNCED and not already_decided:
            proceeding.status = ProceedingStatus.DECIDED.value
            day = outcome.decision_on or as_utc(hearing.starts_at).astimezone().date()
            created = deadlines.deadlines_for_decision(session, ws, case, proceeding, day)
        session.commit()
        rows = hearing_rows(
            session,
            hearing_query(ws.actor).where(
                Hearing.id.in_([hearing.id] + ([next_hearing.id] if next_hearing else []))
            ),
        )
        by_id = {r.id: r for r in rows}
        return RecordedHearing(
            by_id[hearing.id],
            by_id.get(next_hearing.id) if next_hearing else None,
            tuple(created),
        )


# --- custody -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CustodyInput:
    detained_at: dt.datetime  # naive local: the moment of actual detention
    decision_at: dt.datetime | None = None
    custody_until: dt.date | None = None
    place: str = ""
    released_on: dt.date | None = None
    proceeding_id: int | None = None


@dataclass(frozen=True)
class CustodyRow:
    id: int
    case_id: int
    proceeding_id: int | None
    detained_at: dt.datetime  # aware, UTC
    decision_at: dt.datetime | None  # aware, UTC
    custody_until: dt.date | None
    place: str
    released_on: dt.date | None

    def warnings(self, now: dt.datetime | None = None) -> list[CustodyWarning]:
        return custody_warnings(
            self.detained_at,
            self.decision_at,
            self.custody_until,
            self.released_on,
            (now or dt.datetime.now(dt.UTC)).astimezone(),
        )

    def as_input(self) -> CustodyInput:
        local = lambda moment: moment.astimezone().replace(tzinfo=None)  # noqa: E731
        return CustodyInput(
            detained_at=local(self.detained_at),
            decision_at=local(self.decision_at) if self.decision_at else None,
            custody_until=self.custody_until,
            place=self.place,
            released_on=self.released_on,
            proceeding_id=self.proceeding_id,
        )


def case_custody(ws: Workspace, case_key: int | str) -> list[CustodyRow]:
    """A case's custody records, the latest detention first."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        case = find_case(session, ws.actor, case_key)
        rows = session.scalars(
            select(Custody)
            .where(Custody.case_id == case.id)
            .order_by(Custody.detained_at.desc(), Custody.id.desc())
        ).all()
        return [
            CustodyRow(
                id=row.id,
                case_id=row.case_id,
                proceeding_id=row.proceeding_id,
                detained_at=as_utc(row.detained_at),
                decision_at=as_utc(row.decision_at) if row.decision_at else None,
                custody_until=row.custody_until,
                place=row.place,
                released_on=row.released_on,
            )
            for row in rows
        ]


def _custody_values(data: CustodyInput) -> dict[str, Any]:
    detained = to_utc(data.detained_at)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(minutes=5)
    if detained > now:
        raise ValidationError(N_("The date cannot be in the future."), field="detained_at")
    decision = to_utc(data.decision_at) if data.decision_at else None
    if decision is not None and decision > now:
        raise ValidationError(N_("The date cannot be in the future."), field="decision_at")
    if data.released_on is not None and data.released_on < detained.date():
        raise ValidationError(
            N_("The release cannot come before the detention."), field="released_on"
        )
    if decision is not None and decision < detained:
        raise ValidationError(
            N_("The court's decision cannot come before the detention."), field="decision_at"
        )
    if data.custody_until is not None and data.custody_until < detained.date():
        raise ValidationError(
            N_("The custody term cannot end before the detention."), field="custody_until"
        )
    return {
        "detained_at": detained,
        "decision_at": decision,
        "custody_until": data.custody_until,
        "place": _text(data.place, "place", 300),
        "released_on": data.released_on,
        "proceeding_id": data.proceeding_id,
    }


def set_custody(
    ws: Workspace, case_key: int | str, data: CustodyInput, custody_id: int | None = None
) -> int:
    """Record a detention, or change it (a decision, an extension: a new end date, a
    release). The audit trail keeps every earlier value's change."""
    ws.require(Permission.EDIT_CASES)
    values = _custody_values(data)
    with ws.session() as session:
        case = find_case(session, ws.actor, case_key)
        require_case_edit(ws, case)
        if data.proceeding_id is not None:
            owner = session.scalar(
                select(Proceeding.case_id).where(Proceeding.id == data.proceeding_id)
            )
            if owner != case.id:
                raise ValidationError(
                    N_("Choose a proceeding of this case."), field="proceeding_id"
                )
        if custody_id is None:
            custody = Custody(case_id=case.id, created_by=ws.actor.id, **values)
            session.add(custody)
        else:
            found = session.get(Custody, custody_id)
            if found is None or found.case_id != case.id:
                raise NotFound(N_("There is no such custody record in this case."))
            custody = found
            for name, value in values.items():
                if getattr(custody, name) != value:
                    setattr(custody, name, value)
        session.commit()
        return custody.id

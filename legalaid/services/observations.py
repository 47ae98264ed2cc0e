"""Trial observations: a monitor records a hearing — where and what was heard, times, who
was there, the room, each defendant (a pseudonym) — and answers the checklist, item by item,
saved at once (a flat battery loses nothing: the vault is the draft). Then they submit it
for review (services/observation_review.py).

Who sees what: a monitor their own observations (made by them or with them); a coordinator
all; a lawyer, as the expert who assesses, those submitted or approved. An observation names
no client: defendants are pseudonyms, and names are refused unless the office allows them
(`office_settings.monitoring_names_allowed`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account, Office
from legalaid.domain.checklists import HearingContext, Template, normalise_answer, raises_concern
from legalaid.domain.enums import (
    AgeBand,
    CounselType,
    CustodyStatus,
    Gender,
    HearingKind,
    Language,
    ObservationStatus,
    Plea,
    ProceedingKind,
    Role,
    TrialStage,
)
from legalaid.domain.monitoring import (
    AnswerComment,
    ChecklistTemplate,
    ClockStamp,
    MonitoringCounter,
    Observation,
    ObservationAnswer,
    ObservedDefendant,
)
from legalaid.errors import Conflict, NotFound, ValidationError
from legalaid.i18n import N_
from legalaid.services import office_settings
from legalaid.services.checklist_templates import current_template_row, template_of
from legalaid.services.fields import bounded_text, enum_code
from legalaid.services.permissions import Permission, allowed
from legalaid.services.proceedings import to_utc
from legalaid.services.timeline import as_utc
from legalaid.services.workspace import AccountInfo, Workspace

logger = logging.getLogger(__name__)

YN4 = ("yes", "no", "not_observed", "not_applicable")
CLOCK_KINDS = ("started", "break", "resumed", "ended")
TEXT_MAX = 20_000
COUNT_MAX = 10_000
EARLIEST = dt.date(2000, 1, 1)
EDITABLE = (ObservationStatus.DRAFT.value, ObservationStatus.RETURNED.value)
# Two or more capitalised words ("Асанов Бакыт", "Asanov B."): a person's name, refused where
# the office keeps none ("Defendant A", "D1", "подсудимый 2" pass). A guard, not a guarantee.
_NAME_SHAPE = re.compile(
    r"^\s*[A-ZА-ЯЁӨҮҢ][a-zа-яёөүң'’-]{2,}(\s+[A-ZА-ЯЁӨҮҢ]([a-zа-яёөүң'’-]+|\.))+\s*$"
)


# --- what is typed -----------------------------------------------------------------------


@dataclass(frozen=True)
class ObservationInput:
    """The hearing as the monitor types it; times are naive local (or aware)."""

    court_id: int | None = None
    courtroom: str = ""
    court_number: str = ""
    case_kind: str | None = None
    charges: str = ""
    stage: str | None = None
    stage_detail: str = ""
    hearing_kind: str | None = None
    judges: str = ""
    panel: bool = False
    scheduled_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    adjourned: str | None = None
    adjourned_reason: str | None = None
    next_date: dt.date | None = None
    prosecutor_present: str | None = None
    victim_present: str | None = None
    witnesses: int | None = None
    guards: int | None = None
    outcome: str = ""
    notes: str = ""
    second_monitor_login: str | None = None


@dataclass(frozen=True)
class DefendantInput:
    pseudonym: str
    sex: str | None = None
    age_band: str | None = None
    juvenile: bool = False
    custody: str | None = None
    detention_place: str = ""
    language: str | None = None
    disability: bool = False
    plea: str | None = None
    counsel: str | None = None


# --- what is read back -------------------------------------------------------------------


@dataclass(frozen=True)
class ObservationInfo:
    id: int
    number: str
    status: ObservationStatus
    template_id: int
    office_code: str
    monitor_login: str
    monitor: str
    second_monitor_login: str | None
    data: ObservationInput  # times as aware UTC
    defendants: tuple[DefendantInput, ...]
    answers: dict[str, tuple[str, ...]]
    comments: dict[str, str]
    stamps: tuple[tuple[str, dt.datetime], ...]  # (kind, aware UTC)
    concerns: tuple[str, ...]  # item codes answered with a concern
    case_id: int | None
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    updated_at: dt.datetime

    @property
    def context(self) -> HearingContext:
        return HearingContext(
            case_kind=self.data.case_kind,
            stage=self.data.stage,
            hearing_kind=self.data.hearing_kind,
            juvenile=any(d.juvenile for d in self.defendants),
        )

    @property
    def delay_minutes(self) -> int | None:
        """How late the hearing started (negative: early), when both times are known."""
        scheduled, started = self.data.scheduled_at, self.data.started_at
        if scheduled is None or started is None:
            return None
        return round((started - scheduled).total_seconds() / 60)

    @property
    def duration_minutes(self) -> int | None:
        """From start to end, less the breaks stamped on the clock."""
        started, ended = self.data.started_at, self.data.ended_at
        if started is None or ended is None:
            return None
        paused = dt.timedelta()
        break_at: dt.datetime | None = None
        for kind, at in self.stamps:
            if kind == "break":
                break_at = at
            elif kind == "resumed" and break_at is not None:
                paused += at - break_at
                break_at = None
        return max(0, round(((ended - started) - paused).total_seconds() / 60))

    @property
    def editable(self) -> bool:
        return self.status.value in EDITABLE


@dataclass(frozen=True)
class ObservationRow:
    """A line of a list of observations."""

    id: int
    number: str
    status: ObservationStatus
    when: dt.datetime | None  # started, else scheduled (aware UTC)
    court_id: int | None
    court_number: str
    stage: TrialStage | None
    monitor: str
    concerns: int


@dataclass(frozen=True)
class AnswerSaved:
    item_code: str
    values: tuple[str, ...]
    concern: bool
    info: ObservationInfo = field(repr=False)


# --- who sees which -------------------------------------------------------------------------


def observation_visible(viewer: AccountInfo, paralegals_read: bool = False) -> Any:
    """The condition on Observation for what `viewer` may read (`paralegals_read`: the
    office lets paralegals read approved observations)."""
    if allowed(viewer.role, Permission.REVIEW_OBSERVATIONS):
        return Observation.id.is_not(None)
    conditions = []
    if paralegals_read and viewer.role is Role.PARALEGAL:
        conditions.append(Observation.status == ObservationStatus.APPROVED.value)
    if allowed(viewer.role, Permission.OBSERVE_TRIALS):
        conditions += [
            Observation.monitor_id == viewer.id,
            Observation.second_monitor_id == viewer.id,
        ]
    if allowed(viewer.role, Permission.ASSESS_OBSERVATIONS):
        conditions.append(
            Observation.status.in_(
                (ObservationStatus.SUBMITTED.value, ObservationStatus.APPROVED.value)
            )
        )
    return or_(*conditions) if conditions else Observation.id.is_(None)


def paralegal_reads(ws: Workspace) -> bool:
    return ws.actor.role is Role.PARALEGAL and office_settings.paralegals_read_monitoring(ws)


def may_read_monitoring(ws: Workspace) -> bool:
    return paralegal_reads(ws) or any(
        ws.may(p)
        for p in (
            Permission.OBSERVE_TRIALS,
            Permission.REVIEW_OBSERVATIONS,
            Permission.ASSESS_OBSERVATIONS,
        )
    )


def require_read(ws: Workspace) -> None:
    if not may_read_monitoring(ws):
        ws.require(Permission.OBSERVE_TRIALS)


def not_found() -> NotFound:
    return NotFound(N_("There is no such observation, or it is not open to you."))


def find_observation(
    session: Session, viewer: AccountInfo, observation_id: int, paralegals_read: bool = False
) -> Observation:
    found = session.scalar(
        select(Observation).where(
            Observation.id == int(observation_id), observation_visible(viewer, paralegals_read)
        )
    )
    if found is None:
        raise not_found()
    return found


def require_own_draft(ws: Workspace, observation: Observation) -> None:
    """Only its monitors change an observation, and only while it is theirs to change."""
    ws.require(Permission.OBSERVE_TRIALS)
    if ws.actor.id not in (observation.monitor_id, observation.second_monitor_id):
        raise not_found()
    if observation.status not in EDITABLE:
        raise Conflict(
            N_("This observation was submitted; it changes again only if it is returned.")
        )


# --- checks -----------------------------------------------------------------------------


def _optional(enum: Any, value: str | None, name: str, message: str) -> str | None:
    return enum_code(enum, value, name, message) if value else None


def _yn4(value: str | None, name: str) -> str | None:
    if not value:
        return None
    if value not in YN4:
        raise ValidationError(N_("Answer yes, no, not observed or not applicable."), field=name)
    return value


def _count(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if not 0 <= int(value) <= COUNT_MAX:
        raise ValidationError(N_("A whole number from 0 to {high}."), field=name, high=COUNT_MAX)
    return int(value)


def _moment(value: dt.datetime | None, name: str) -> dt.datetime | None:
    if value is None:
        return None
    stored = to_utc(value).replace(microsecond=0)
    if stored.date() < EARLIEST or stored > dt.datetime.now(dt.UTC).replace(
        tzinfo=None
    ) + dt.timedelta(days=366):
        raise ValidationError(N_("This date is not possible here."), field=name)
    return stored


def _values(session: Session, data: ObservationInput) -> dict[str, Any]:
    from legalaid.domain.courts import Court  # noqa: PLC0415 - courts import services

    if data.court_id is not None and session.get(Court, int(data.court_id)) is None:
        raise ValidationError(N_("Choose the court from the list."), field="court_id")
    values: dict[str, Any] = {
        "court_id": data.court_id,
        "courtroom": bounded_text(data.courtroom, "courtroom", 100),
        "court_number": bounded_text(data.court_number, "court_number", 64),
        "case_kind": _optional(
            ProceedingKind, data.case_kind, "case_kind", N_("Choose the kind of case.")
        ),
        "charges": bounded_text(data.charges, "charges", 2_000),
        "stage": _optional(TrialStage, data.stage, "stage", N_("Choose the stage.")),
        "stage_detail": bounded_text(data.stage_detail, "stage_detail", 200),
        "hearing_kind": _optional(
            HearingKind, data.hearing_kind, "hearing_kind", N_("Choose the kind of hearing.")
        ),
        "judges": bounded_text(data.judges, "judges", 300),
        "panel": bool(data.panel),
        "scheduled_at": _moment(data.scheduled_at, "scheduled_at"),
        "started_at": _moment(data.started_at, "started_at"),
        "ended_at": _moment(data.ended_at, "ended_at"),
        "adjourned": _yn4(data.adjourned, "adjourned"),
        "adjourned_reason": bounded_text(data.adjourned_reason, "adjourned_reason", 32) or None,
        "next_date": data.next_date,
        "prosecutor_present": _yn4(data.prosecutor_present, "prosecutor_present"),
        "victim_present": _yn4(data.victim_present, "victim_present"),
        "witnesses": _count(data.witnesses, "witnesses"),
        "guards": _count(data.guards, "guards"),
        "outcome": bounded_text(data.outcome, "outcome", TEXT_MAX),
        "notes": bounded_text(data.notes, "notes", TEXT_MAX),
    }
    started, ended = values["started_at"], values["ended_at"]
    if started is not None and ended is not None and ended < started:
        raise ValidationError(N_("The hearing cannot end before it started."), field="ended_at")
    if data.next_date is not None and data.next_date < EARLIEST:
        raise ValidationError(N_("This date is not possible here."), field="next_date")
    values["second_monitor_id"] = _second_monitor(session, data.second_monitor_login)
    return values


def _second_monitor(session: Session, login: str | None) -> int | None:
    if not login:
        return None
    account = session.scalar(select(Account).where(Account.login == login.strip().lower()))
    if account is None or not account.active:
        raise ValidationError(
            N_("Choose the second monitor from the staff list."), field="second_monitor_login"
        )
    return account.id


def _defendant_values(index: int, data: DefendantInput, names_allowed: bool) -> dict[str, Any]:
    name = f"defendants.{index}.pseudonym"
    pseudonym = bounded_text(data.pseudonym, name, 64)
    if not pseudonym:
        pseudonym = f"D{index + 1}"
    if _NAME_SHAPE.match(pseudonym) and not names_allowed:
        raise ValidationError(
            N_(
                "Write a pseudonym such as D1 or “defendant A”: this office keeps no names "
                "of defendants in monitoring."
            ),
            field=name,
        )
    prefix = f"defendants.{index}"
    return {
        "position": index + 1,
        "pseudonym": pseudonym,
        "sex": _optional(Gender, data.sex, f"{prefix}.sex", N_("Choose the sex.")),
        "age_band": _optional(
            AgeBand, data.age_band, f"{prefix}.age_band", N_("Choose the age band.")
        ),
        "juvenile": bool(data.juvenile) or data.age_band == AgeBand.UNDER_18.value,
        "custody": _optional(
            CustodyStatus, data.custody, f"{prefix}.custody", N_("Choose the custody status.")
        ),
        "detention_place": bounded_text(data.detention_place, f"{prefix}.detention_place", 200),
        "language": _optional(
            Language, data.language, f"{prefix}.language", N_("Choose the language.")
        ),
        "disability": bool(data.disability),
        "plea": _optional(Plea, data.plea, f"{prefix}.plea", N_("Choose the position taken.")),
        "counsel": _optional(
            CounselType, data.counsel, f"{prefix}.counsel", N_("Choose the kind of counsel.")
        ),
    }


# --- reading back ----------------------------------------------------------------------------


def _input_of(session: Session, observation: Observation) -> ObservationInput:
    second = (
        session.scalar(select(Account.login).where(Account.id == observation.second_monitor_id))
        if observation.second_monitor_id
        else None
    )

    def aware(value: dt.datetime | None) -> dt.datetime | None:
        return as_utc(value) if value is not None else None

    return ObservationInput(
        court_id=observation.court_id,
        courtroom=observation.courtroom,
        court_number=observation.court_number,
        case_kind=observation.case_kind,
        charges=observation.charges,
        stage=observation.stage,
        stage_detail=observation.stage_detail,
        hearing_kind=observation.hearing_kind,
        judges=observation.judges,
        panel=observation.panel,
        scheduled_at=aware(observation.scheduled_at),
        started_at=aware(observation.started_at),
        ended_at=aware(observation.ended_at),
        adjourned=observation.adjourned,
        adjourned_reason=observation.adjourned_reason,
        next_date=observation.next_date,
        prosecutor_present=observation.prosecutor_present,
        victim_present=observation.victim_present,
        witnesses=observation.witnesses,
        guards=observation.guards,
        outcome=observation.outcome,
        notes=observation.notes,
        second_monitor_login=second,
    )


def observation_info(session: Session, observation: Observation) -> ObservationInfo:
    monitor = session.get(Account, observation.monitor_id)
    office = session.get(Office, observation.office_id)
    defendants = session.scalars(
        select(ObservedDefendant)
        .where(ObservedDefendant.observation_id == observation.id)
        .order_by(ObservedDefendant.position)
    )
    answers: dict[str, list[str]] = {}
    concerns: list[str] = []
    template = template_for(session, observation)
    order = {item.code: i for i, item in enumerate(template.items)}
    rows = session.execute(
        select(
            ObservationAnswer.item_code, ObservationAnswer.value, ObservationAnswer.concern
        ).where(ObservationAnswer.observation_id == observation.id)
    )
    for code, value, concern in rows:
        answers.setdefault(code, []).append(value)
        if concern and code not in concerns:
            concerns.append(code)
    for code, values in answers.items():
        if code in order and template.item(code).choices:
            places = {c.code: i for i, c in enumerate(template.item(code).choices)}
            values.sort(key=lambda v: places.get(v, len(places)))
    comments = dict(
        session.execute(
            select(AnswerComment.item_code, AnswerComment.comment).where(
                AnswerComment.observation_id == observation.id
            )
        ).all()
    )
    stamps = tuple(
        (kind, as_utc(at))
        for kind, at in session.execute(
            select(ClockStamp.kind, ClockStamp.at)
            .where(ClockStamp.observation_id == observation.id)
            .order_by(ClockStamp.at, ClockStamp.id)
        )
    )
    data = _input_of(session, observation)
    return ObservationInfo(
        id=observation.id,
        number=observation.number,
        status=ObservationStatus(observation.status),
        template_id=observation.template_id,
        office_code=office.code if office else "",
        monitor_login=monitor.login if monitor else "",
        monitor=monitor.display_name if monitor else "",
        second_monitor_login=data.second_monitor_login,
        data=data,
        defendants=tuple(
            DefendantInput(
                pseudonym=d.pseudonym,
                sex=d.sex,
                age_band=d.age_band,
                juvenile=d.juvenile,
                custody=d.custody,
                detention_place=d.detention_place,
                language=d.language,
                disability=d.disability,
                plea=d.plea,
                counsel=d.counsel,
            )
            for d in defendants
        ),
        answers={
            code: tuple(values)
            for code, values in sorted(
                answers.items(), key=lambda pair: order.get(pair[0], len(order))
            )
        },
        comments=comments,
        stamps=stamps,
        concerns=tuple(sorted(concerns, key=lambda c: order.get(c, len(order)))),
        case_id=observation.case_id,
        submitted_at=as_utc(observation.submitted_at) if observation.submitted_at else None,
        approved_at=as_utc(observation.approved_at) if observation.approved_at else None,
        updated_at=as_utc(observation.updated_at),
    )


def template_for(session: Session, observation: Observation) -> Template:
    row = session.get(ChecklistTemplate, observation.template_id)
    assert row is not None  # a foreign key
    return template_of(row)


# --- use cases -------------------------------------------------------------------------------


def _next_number(session: Session, year: int) -> str:
    counter = session.get(MonitoringCounter, year)
    if counter is None:
        counter = MonitoringCounter(year=year, last_seq=0)
        session.add(counter)
    counter.last_seq += 1
    return f"MON-{year}-{counter.last_seq:04d}"


def _replace_defendants(
    session: Session,
    observation: Observation,
    found: Sequence[DefendantInput],
    names_allowed: bool,
) -> None:
    values = [_defendant_values(i, d, names_allowed) for i, d in enumerate(found)]
    session.execute(
        delete(ObservedDefendant).where(ObservedDefendant.observation_id == observation.id)
    )
    for value in values:
        session.add(ObservedDefendant(observation_id=observation.id, **value))


def start_observation(
    ws: Workspace,
    data: ObservationInput | None = None,
    defendants: Sequence[DefendantInput] = (),
    checklist_code: str | None = None,
) -> ObservationInfo:
    """A new observation (a draft) on the newest checklist version, which is frozen from
    now on: its items keep their meaning for this observation."""
    ws.require(Permission.OBSERVE_TRIALS)
    names_allowed = office_settings.monitoring_names_allowed(ws)  # read before the write
    with ws.session() as session:
        template_row = current_template_row(session, checklist_code)
        values = _values(session, data or ObservationInput())
        office = session.scalar(select(Office).where(Office.code == ws.actor.office_code))
        assert office is not None
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        year = (values["started_at"] or values["scheduled_at"] or now).year
        observation = Observation(
            number=_next_number(session, year),
            template_id=template_row.id,
            status=ObservationStatus.DRAFT.value,
            office_id=office.id,
            monitor_id=ws.actor.id,
            created_by=ws.actor.id,
            updated_at=now,
            **values,
        )
        session.add(observation)
        template_row.frozen = True
        session.flush()
        _replace_defendants(session, observation, defendants, names_allowed)
        session.commit()
        logger.info("observation %s started", observation.id)
        return observation_info(session, observation)


def update_observation(
    ws: Workspace,
    observation_id: int,
    data: ObservationInput,
    defendants: Sequence[DefendantInput] | None = None,
) -> ObservationInfo:
    """The hearing's facts as typed again (the whole set; defendants when given)."""
    names_allowed = office_settings.monitoring_names_allowed(ws)  # read before the write
    with ws.session() as session:
        observation = find_observation(session, ws.actor, observation_id)
        require_own_draft(ws, observation)
        for name, value in _values(session, data).items():
            if getattr(observation, name) != value:
                setattr(observation, name, value)
        if defendants is not None:
            _replace_defendants(session, observation, defendants, names_allowed)
        observation.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        session.commit()
        return observation_info(session, observation)


def answer_item(
    ws: Workspace,
    observation_id: int,
    item_code: str,
    values: Sequence[str],
    comment: str | None = None,
) -> AnswerSaved:
    """Store one item's answer (an empty one clears it) and, when given, its comment. An
    answer to an item that no longer applies stays until the observation is submitted (a
    slip of a key must not throw away what was typed after it)."""
    with ws.session() as session:
        observation = find_observation(session, ws.actor, observation_id)
        require_own_draft(ws, observation)
        template = template_for(session, observation)
        try:
            item = template.item(item_code)
        except KeyError:
            raise ValidationError(
                N_("This checklist has no item {code}."), field="item_code", code=item_code
            ) from None
        if item.retired:
            raise ValidationError(
                N_("Item {code} was retired from this checklist."),
                field="item_code",
                code=item_code,
            )
        stored = normalise_answer(item, values)
        concern = raises_concern(item, stored)
        session.execute(
            delete(ObservationAnswer).where(
                ObservationAnswer.observation_id == observation.id,
                ObservationAnswer.item_code == item.code,
            )
        )
        numeric = item.answer.value in ("count", "duration")
        for value in stored:
            session.add(
                ObservationAnswer(
                    observation_id=observation.id,
                    item_code=item.code,
                    value=value,
                    number=int(value) if numeric else None,
                    concern=value in item.concern,
                )
            )
        if comment is not None:
            _set_comment(session, observation.id, item.code, comment)
        summarise(session, observation)
        observation.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        ws.vault.record(session, "update", "observation", observation.id, {"fields": ["answers"]})
        session.commit()
        return AnswerSaved(item.code, stored, concern, observation_info(session, observation))


def summarise(session: Session, observation: Observation) -> None:
    """Keep the observation's summary of its answers (sections answered, sections with a
    concern, how many concerns) in step with them: findings count from it."""
    session.flush()
    rows = session.execute(
        select(ObservationAnswer.item_code, ObservationAnswer.concern).where(
            ObservationAnswer.observation_id == observation.id
        )
    ).all()
    observation.answered_sections = "".join(sorted({code[0] for code, _c in rows}))
    observation.concern_sections = "".join(sorted({code[0] for code, c in rows if c}))
    observation.concern_count = sum(1 for _code, c in rows if c)


def _set_comment(session: Session, observation_id: int, item_code: str, comment: str) -> None:
    text = bounded_text(comment, f"comment.{item_code}", TEXT_MAX)
    row = session.get(AnswerComment, (observation_id, item_code))
    if not text:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(AnswerComment(observation_id=observation_id, item_code=item_code, comment=text))
    else:
        row.comment = text


def stamp_clock(
    ws: Workspace, observation_id: int, kind: str, at: dt.datetime | None = None
) -> ObservationInfo:
    """ "Hearing started", "break", "resumed", "ended" at the press of a button: the first
    start and the last end become the hearing's times."""
    if kind not in CLOCK_KINDS:
        raise ValidationError(N_("Unknown clock event."), field="kind")
    with ws.session() as session:
        observation = find_observation(session, ws.actor, observation_id)
        require_own_draft(ws, observation)
        moment = (
            to_utc(at) if at is not None else dt.datetime.now(dt.UTC).replace(tzinfo=None)
        ).replace(microsecond=0)
        session.add(ClockStamp(observation_id=observation.id, kind=kind, at=moment))
        if kind == "started" and observation.started_at is None:
            observation.started_at = moment
        if kind == "ended":
            observation.ended_at = moment
        observation.updated_at = moment
        session.commit()
        return observation_info(session, observation)


def get_observation(ws: Workspace, observation_id: int) -> ObservationInfo:
    """An observation with its answers (audited as a view)."""
    require_read(ws)
    reads = paralegal_reads(ws)
    with ws.session() as session:
        observation = find_observation(session, ws.actor, observation_id, reads)
        ws.vault.record(session, "view", "observation", observation.id)
        session.commit()
        return observation_info(session, observation)


def list_observations(
    ws: Workspace,
    status: str | None = None,
    mine: bool = False,
    offset: int = 0,
    limit: int = 100,
    ids: Sequence[int] | None = None,
) -> tuple[list[ObservationRow], int]:
    """Observations the person may see, newest first, with the total for paging; `ids`
    narrows them to those (the records behind a number of the findings)."""
    require_read(ws)
    condition = observation_visible(ws.actor, paralegal_reads(ws))
    if ids is not None:
        condition = condition & Observation.id.in_([int(i) for i in ids])
    if status:
        condition = condition & (Observation.status == ObservationStatus(status).value)
    if mine:
        condition = condition & (
            (Observation.monitor_id == ws.actor.id) | (Observation.second_monitor_id == ws.actor.id)
        )
    with ws.reader() as session:
        total = session.scalar(select(func.count()).select_from(Observation).where(condition))
        concerns = (
            select(func.count(func.distinct(ObservationAnswer.item_code)))
            .where(
                ObservationAnswer.observation_id == Observation.id,
                ObservationAnswer.concern.is_(True),
            )
            .scalar_subquery()
        )
        when = func.coalesce(Observation.started_at, Observation.scheduled_at)
        rows = session.execute(
            select(Observation, Account.display_name, concerns)
            .join(Account, Account.id == Observation.monitor_id)
            .where(condition)
            .order_by(when.desc().nulls_last(), Observation.id.desc())
            .offset(max(0, offset))
            .limit(max(1, min(limit, 500)))
        )
        found = [
            ObservationRow(
                id=o.id,
                number=o.number,
                status=ObservationStatus(o.status),
                when=as_utc(o.started_at or o.scheduled_at)
                if (o.started_at or o.scheduled_at)
                else None,
                court_id=o.court_id,
                court_number=o.court_number,
                stage=TrialStage(o.stage) if o.stage else None,
                monitor=name,
                concerns=count or 0,
            )
            for o, name, count in rows
        ]
        return found, int(total or 0)


def template_of_observation(ws: Workspace, observation_id: int) -> Template:
    """The checklist version an observation was recorded with."""
    require_read(ws)
    reads = paralegal_reads(ws)
    with ws.reader() as session:
        return template_for(session, find_observation(session, ws.actor, observation_id, reads))


def monitor_choices(ws: Workspace) -> list[tuple[str, str]]:
    """(login, name) of the active staff who may observe: the second monitor's list."""
    require_read(ws)
    roles = [r.value for r in Role if allowed(r, Permission.OBSERVE_TRIALS)]
    with ws.reader() as session:
        rows = session.execute(
            select(Account.login, Account.display_name)
            .where(Account.active.is_(True), Account.role.in_(roles))
            .order_by(Account.display_name)
        )
        return [(login, name) for login, name in rows]


def discard_draft(ws: Workspace, observation_id: int) -> None:
    """A monitor throws away their own draft (its number is not given again)."""
    with ws.session() as session:
        observation = find_observation(session, ws.actor, observation_id)
        require_own_draft(ws, observation)
        if observation.status != ObservationStatus.DRAFT.value:
            raise Conflict(N_("Only a draft that was never submitted can be discarded."))
        session.delete(observation)
        session.commit()
    ws.vault.purge_deleted_residue()

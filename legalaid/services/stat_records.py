"""The records behind a number (the drill-down), as the app lists them: for each unit a
query of the ids a statistic counted, limited to what the viewer may open (a restricted
case, a person only in restricted cases, are left out of the list, never the count), with
the day, number, what the record is and where it stands in the current language. Never
exported: the lists name people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account
from legalaid.domain.cases import Case
from legalaid.domain.courts import Court, Deadline, Hearing, Proceeding
from legalaid.domain.enums import (
    CaseStatus,
    DeadlineState,
    Gender,
    HearingKind,
    HearingResult,
    Instance,
    LabelledEnum,
    ObservationStatus,
    ReferralStatus,
)
from legalaid.domain.intake import AdviceConsultation, AnonymousRecord, Intake
from legalaid.domain.monitoring import Observation
from legalaid.domain.people import Person
from legalaid.domain.referrals import Organisation, Referral
from legalaid.services import findings
from legalaid.services.search_index import full_name
from legalaid.services.stat_labels import Unit, category, enum_labels
from legalaid.services.stat_sources import NOT_RECORDED
from legalaid.services.timeline import as_utc
from legalaid.services.visibility import case_visible, person_visible
from legalaid.services.workspace import AccountInfo


@dataclass(frozen=True)
class Record:
    """One record behind a number, as listed in the app (never exported)."""

    unit: Unit
    record_id: int
    case_id: int | None  # the case it opens (None: not a case's record)
    reference: str  # the case's or observation's number
    day: dt.date | None
    text: str
    detail: str


def _label(kind: type[LabelledEnum], code: str | None, language: str) -> str:
    return enum_labels(kind)(code or NOT_RECORDED, language)


def _local_day(moment: dt.datetime | None) -> dt.date | None:
    return as_utc(moment).astimezone().date() if moment else None


def _people(session: Session, viewer: AccountInfo, ids: Select[Any], language: str) -> list[Record]:
    rows = session.execute(
        select(Person.id, Person.surname, Person.given_name, Person.patronymic, Person.birth_date)
        .where(Person.id.in_(ids), person_visible(viewer))
        .order_by(Person.sort_key)
    )
    return [
        Record(Unit.PEOPLE, pid, None, "", None, full_name(s, g, p), str(born.year) if born else "")
        for pid, s, g, p, born in rows
    ]


def _cases(session: Session, viewer: AccountInfo, ids: Select[Any], language: str) -> list[Record]:
    rows = session.execute(
        select(Case.id, Case.number, Case.opened_on, Case.category, Case.status)
        .where(Case.id.in_(ids), case_visible(viewer))
        .order_by(Case.opened_on, Case.id)
    )
    return [
        Record(
            Unit.CASES,
            cid,
            cid,
            number,
            day,
            category(cat, language),
            _label(CaseStatus, st, language),
        )
        for cid, number, day, cat, st in rows
    ]


def _intakes(
    session: Session, viewer: AccountInfo, ids: Select[Any], language: str
) -> list[Record]:
    rows = session.execute(
        select(Intake.id, Case.id, Case.number, Intake.taken_on, Case.category)
        .join(Case, Case.id == Intake.case_id)
        .where(Intake.id.in_(ids), case_visible(viewer))
        .order_by(Intake.taken_on, Intake.id)
    )
    return [
        Record(Unit.INTAKES, iid, cid, number, day, category(cat, language), "")
        for iid, cid, number, day, cat in rows
    ]


def _referrals(
    session: Session, viewer: AccountInfo, ids: Select[Any], language: str
) -> list[Record]:
    name = {"ky": Organisation.name_ky, "ru": Organisation.name_ru}.get(
        language, Organisation.name_en
    )
    rows = session.execute(
        select(Referral.id, Case.id, Case.number, Referral.sent_on, name, Referral.status)
        .join(Case, Case.id == Referral.case_id)
        .join(Organisation, Organisation.id == Referral.organisation_id)
        .where(Referral.id.in_(ids), case_visible(viewer))
        .order_by(Referral.sent_on, Referral.id)
    )
    return [
        Record(Unit.REFERRALS, rid, cid, number, day, org, _label(ReferralStatus, st, language))
        for rid, cid, number, day, org, st in rows
    ]


def _proceedings(
    session: Session, viewer: AccountInfo, ids: Select[Any], language: str
) -> list[Record]:
    rows = session.execute(
        select(
            Proceeding.id,
            Case.id,
            Case.number,
            Proceeding.created_at,
            Court.code,
            Proceeding.instance,
        )
        .join(Case, Case.id == Proceeding.case_id)
        .join(Court, Court.id == Proceeding.court_id)
        .where(Proceeding.id.in_(ids), case_visible(viewer))
        .order_by(Proceeding.created_at, Proceeding.id)
    )
    return [
        Record(
            Unit.PROCEEDINGS,
            pid,
            cid,
            number,
            _local_day(at),
            court,
            _label(Instance, inst, language),
        )
        for pid, cid, number, at, court, inst in rows
    ]


def _hearings(
    session: Session, viewer: AccountInfo, ids: Select[Any], language: str
) -> list[Record]:
    rows = session.execute(
        select(Hearing.id, Case.id, Case.number, Hearing.starts_at, Hearing.kind, Hearing.result)
        .join(Proceeding, Proceeding.id == Hearing.proceeding_id)
        .join(Case, Case.id == Proceeding.case_id)
        .where(Hearing.id.in_(ids), case_visible(viewer))
        .order_by(Hearing.starts_at, Hearing.id)
    )
    return [
        Record(
            Unit.HEARINGS,
            hid,
            cid,
            number,
            _local_day(at),
            _label(HearingKind, kind, language),
            _label(HearingResult, result, language),
        )
        for hid, cid, number, at, kind, result in rows
    ]


def _deadlines(
    session: Session, viewer: AccountInfo, ids: Select[Any], language: str
) -> list[Record]:
    rows = session.execute(
        select(Deadline.id, Case.id, Case.number, Deadline.due_at, Deadline.title, Deadline.state)
        .join(Case, Case.id == Deadline.case_id)
        .where(Deadline.id.in_(ids), case_visible(viewer))
        .order_by(Deadline.due_at, Deadline.id)
    )
    return [
        Record(
            Unit.DEADLINES,
            did,
            cid,
            number,
            _local_day(at),
            title,
            _label(DeadlineState, st, language),
        )
        for did, cid, number, at, title, st in rows
    ]


def _consultations(
    session: Session, viewer: AccountInfo, ids: Select[Any], language: str
) -> list[Record]:
    rows = session.execute(
        select(
            AdviceConsultation.id,
            AdviceConsultation.given_on,
            AdviceConsultation.topic,
            Account.display_name,
        )
        .join(Account, Account.id == AdviceConsultation.staff_id)
        .where(AdviceConsultation.id.in_(ids))
        .order_by(AdviceConsultation.given_on, AdviceConsultation.id)
    )
    return [
        Record(Unit.CONSULTATIONS, aid, None, "", day, category(topic, language), staff)
        for aid, day, topic, staff in rows
    ]


def _contacts(
    session: Session, viewer: AccountInfo, ids: Select[Any], language: str
) -> list[Record]:
    rows = session.execute(
        select(
            AnonymousRecord.id,
            AnonymousRecord.recorded_on,
            AnonymousRecord.category,
            AnonymousRecord.gender,
        )
        .where(AnonymousRecord.id.in_(ids))
        .order_by(AnonymousRecord.recorded_on, AnonymousRecord.id)
    )
    return [
        Record(
            Unit.CONTACTS, aid, None, "", day, category(cat, language), _label(Gender, g, language)
        )
        for aid, day, cat, g in rows
    ]


def _observations(
    session: Session, viewer: AccountInfo, ids: Select[Any], language: str
) -> list[Record]:
    rows = session.execute(
        select(
            Observation.id,
            Observation.number,
            findings.hearing_time(),
            Court.code,
            Observation.status,
        )
        .outerjoin(Court, Court.id == Observation.court_id)
        .where(Observation.id.in_(ids))
        .order_by(findings.hearing_time(), Observation.id)
    )
    return [
        Record(
            Unit.OBSERVATIONS,
            oid,
            None,
            number,
            at.date() if at else None,
            court or "",
            _label(ObservationStatus, st, language),
        )
        for oid, number, at, court, st in rows
    ]


Lister = Callable[[Session, AccountInfo, Select[Any], str], list[Record]]
LISTS: dict[Unit, Lister] = {
    Unit.PEOPLE: _people,
    Unit.CASES: _cases,
    Unit.INTAKES: _intakes,
    Unit.REFERRALS: _referrals,
    Unit.PROCEEDINGS: _proceedings,
    Unit.HEARINGS: _hearings,
    Unit.DEADLINES: _deadlines,
    Unit.CONSULTATIONS: _consultations,
    Unit.CONTACTS: _contacts,
    Unit.OBSERVATIONS: _observations,
}

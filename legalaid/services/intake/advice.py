"""Advice-only visits: advice recorded without opening a case, and the visit counts.

The person is optional (only when they agreed to be recorded; else gender, age group and
district for statistics). The counts of visits that opened no case (advice, and anonymous
records of intakes without consent) feed the statistics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from legalaid.domain import reference
from legalaid.domain.enums import AgeGroup, Gender
from legalaid.domain.intake import TEXT_MAX, AdviceConsultation, AnonymousRecord
from legalaid.domain.people import Person
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services.cases import validate_category
from legalaid.services.intake.input import IntakeProblem, IntakeRefused
from legalaid.services.intake.submit import office_by_code
from legalaid.services.intake.validation import too_long
from legalaid.services.permissions import Permission
from legalaid.services.visibility import person_visible
from legalaid.services.workspace import Workspace

MAX_DURATION_MINUTES = 24 * 60


@dataclass(frozen=True)
class AdviceInput:
    topic: str  # a taxonomy category
    advice: str
    duration_minutes: int | None = None
    given_on: dt.date | None = None
    subtopic: str | None = None
    person_id: int | None = None  # optional: the person, when they agreed to be recorded
    gender: str | None = None  # for statistics, without a person
    age_group: str | None = None
    district: str | None = None


def _code(value: str | None, allowed: Iterable[str]) -> bool:
    return value is None or value in set(allowed)


def validate_advice(data: AdviceInput, today: dt.date | None = None) -> list[IntakeProblem]:
    today = today or dt.date.today()
    problems: list[IntakeProblem] = []
    try:
        validate_category(data.topic, data.subtopic)
    except ValidationError as error:
        field_name = "topic" if error.field == "category" else "subtopic"
        problems.append(IntakeProblem(error.template, field_name, "advice", **error.params))
    if not (data.advice or "").strip():
        problems.append(IntakeProblem(N_("Write down the advice given."), "advice", "advice"))
    problems += too_long(data.advice, TEXT_MAX, "advice", "advice")
    if data.duration_minutes is not None and not 0 <= data.duration_minutes <= MAX_DURATION_MINUTES:
        problems.append(
            IntakeProblem(
                N_("A duration lies between 0 minutes and 24 hours."), "duration_minutes", "advice"
            )
        )
    if data.given_on is not None and not dt.date(2000, 1, 1) <= data.given_on <= today:
        problems.append(
            IntakeProblem(
                N_("The date cannot lie in the future or before 2000."), "given_on", "advice"
            )
        )
    if not _code(data.gender, (g.value for g in Gender)):
        problems.append(IntakeProblem(N_("Choose the gender from the list."), "gender", "advice"))
    if not _code(data.age_group, (a.value for a in AgeGroup)):
        problems.append(
            IntakeProblem(N_("Choose the age group from the list."), "age_group", "advice")
        )
    if data.district and reference.district(data.district) is None:
        problems.append(IntakeProblem(N_("Unknown district."), "district", "advice"))
    return problems


def record_advice(ws: Workspace, data: AdviceInput) -> int:
    """Record an advice consultation without opening a case (audited); returns its id."""
    ws.require(Permission.CREATE_CASES)
    today = dt.date.today()
    problems = validate_advice(data, today)
    if problems:
        raise IntakeRefused(problems)
    topic, subtopic = validate_category(data.topic, data.subtopic)
    with ws.session() as session:
        if data.person_id is not None and (
            session.scalar(
                select(Person.id).where(Person.id == data.person_id, person_visible(ws.actor))
            )
            is None
        ):
            raise IntakeRefused(
                [IntakeProblem(N_("No person with this id is open to you."), "person_id", "advice")]
            )
        office = office_by_code(session, ws.actor.office_code)
        record = AdviceConsultation(
            given_on=data.given_on or today,
            office_id=office.id,
            staff_id=ws.actor.id,
            topic=topic,
            subtopic=subtopic,
            advice=data.advice,
            duration_minutes=data.duration_minutes,
            person_id=data.person_id,
            gender=data.gender,
            age_group=data.age_group,
            district=data.district or None,
            created_by=ws.actor.id,
        )
        session.add(record)
        session.commit()
        return record.id


@dataclass(frozen=True)
class VisitCounts:
    """Visits that opened no case, for statistics: by category."""

    advice: dict[str, int]
    anonymous: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.advice.values()) + sum(self.anonymous.values())


def visit_counts(ws: Workspace, start: dt.date, end: dt.date) -> VisitCounts:
    """Advice-only consultations and anonymous records between two dates (inclusive)."""
    ws.require(Permission.VIEW_STATUS)
    with ws.reader() as session:
        advice = dict(
            (row[0], int(row[1]))
            for row in session.execute(
                select(AdviceConsultation.topic, func.count())
                .where(AdviceConsultation.given_on.between(start, end))
                .group_by(AdviceConsultation.topic)
            )
        )
        anonymous = dict(
            (row[0], int(row[1]))
            for row in session.execute(
                select(AnonymousRecord.category, func.count())
                .where(AnonymousRecord.recorded_on.between(start, end))
                .group_by(AnonymousRecord.category)
            )
        )
    return VisitCounts(advice, anonymous)

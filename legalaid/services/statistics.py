"""Statistics of the legal aid work over a period, counted in SQL (GROUP BY over indexed
columns), never by loading records: the first part of issue 9 (people served, new and
returning; cases opened and closed; by category and by the clients' gender).

People are counted as distinct people, not rows: a client of two cases opened in the period
counts once. "New" people had no case opened before the period; "returning" ones had.
The filter applies to the cases (period by the day opened or closed, office, category,
the assigned lawyer) and to their clients (region, district).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, distinct, func, select

from legalaid.domain.accounts import Account, Office
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.enums import PartyRole
from legalaid.domain.people import Person
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace


@dataclass(frozen=True)
class StatsFilter:
    first_day: dt.date
    last_day: dt.date
    office_code: str | None = None
    category: str | None = None
    lawyer_login: str | None = None
    region: str | None = None  # the client's
    district: str | None = None  # the client's


@dataclass(frozen=True)
class Statistics:
    filter: StatsFilter
    cases_opened: int
    cases_closed: int
    people_served: int  # distinct clients of the cases opened in the period
    new_people: int  # of those, with no case opened before the period
    returning_people: int
    opened_by_category: Mapping[str, int]
    people_by_gender: Mapping[str, int]  # distinct clients, by gender


def _case_conditions(flt: StatsFilter) -> list[Any]:
    parts: list[Any] = []
    if flt.office_code:
        parts.append(
            Case.office_id
            == select(Office.id).where(Office.code == flt.office_code).scalar_subquery()
        )
    if flt.category:
        parts.append(Case.category == flt.category)
    if flt.lawyer_login:
        parts.append(
            Case.assigned_lawyer_id
            == select(Account.id).where(Account.login == flt.lawyer_login).scalar_subquery()
        )
    return parts


def _client_conditions(flt: StatsFilter) -> list[Any]:
    parts: list[Any] = [CaseParty.role == PartyRole.CLIENT.value]
    if flt.region:
        parts.append(Person.region == flt.region)
    if flt.district:
        parts.append(Person.district == flt.district)
    return parts


def statistics(ws: Workspace, flt: StatsFilter) -> Statistics:
    """The counts for the filter's period (both days included)."""
    ws.require(Permission.VIEW_STATISTICS)
    if flt.first_day > flt.last_day:
        raise ValidationError(N_("The period ends before it begins."), field="last_day")
    opened_in = and_(Case.opened_on >= flt.first_day, Case.opened_on <= flt.last_day)
    with ws.reader() as session:
        cases = _case_conditions(flt)
        clients = _client_conditions(flt)
        with_clients = (
            select(Case.id)
            .join(CaseParty, CaseParty.case_id == Case.id)
            .join(Person, Person.id == CaseParty.person_id)
            .where(*clients)
        )
        client_filter = flt.region or flt.district
        scoped = [*cases] + ([Case.id.in_(with_clients)] if client_filter else [])
        cases_opened = session.scalar(
            select(func.count()).select_from(Case).where(opened_in, *scoped)
        )
        cases_closed = session.scalar(
            select(func.count())
            .select_from(Case)
            .where(Case.closed_on >= flt.first_day, Case.closed_on <= flt.last_day, *scoped)
        )
        people_served = session.scalar(
            select(func.count(distinct(CaseParty.person_id)))
            .join(Case, Case.id == CaseParty.case_id)
            .join(Person, Person.id == CaseParty.person_id)
            .where(opened_in, *cases, *clients)
        )
        earlier = (
            select(CaseParty.person_id)
            .join(Case, Case.id == CaseParty.case_id)
            .where(CaseParty.role == PartyRole.CLIENT.value, Case.opened_on < flt.first_day)
        )
        returning = session.scalar(
            select(func.count(distinct(CaseParty.person_id)))
            .join(Case, Case.id == CaseParty.case_id)
            .join(Person, Person.id == CaseParty.person_id)
            .where(opened_in, *cases, *clients, CaseParty.person_id.in_(earlier))
        )
        by_category = dict(
            session.execute(
                select(Case.category, func.count())
                .where(opened_in, *scoped)
                .group_by(Case.category)
                .order_by(func.count().desc(), Case.category)
            ).all()
        )
        by_gender = dict(
            session.execute(
                select(Person.gender, func.count(distinct(Person.id)))
                .join(CaseParty, CaseParty.person_id == Person.id)
                .join(Case, Case.id == CaseParty.case_id)
                .where(opened_in, *cases, *clients)
                .group_by(Person.gender)
            ).all()
        )
    served_count = int(people_served or 0)
    returning_count = int(returning or 0)
    return Statistics(
        filter=flt,
        cases_opened=int(cases_opened or 0),
        cases_closed=int(cases_closed or 0),
        people_served=served_count,
        new_people=served_count - returning_count,
        returning_people=returning_count,
        opened_by_category=by_category,
        people_by_gender=by_gender,
    )

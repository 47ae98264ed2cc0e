"""The SQL behind each statistic: one SELECT per measure giving, for every record counted,
its id (`rid`), the group it is counted in (`grp`) and, for a mean, the value (`val`).

Counting, totals and drill-down are all built on these same statements
(services/statistics.py), so the list behind a number is, by construction, the records
the number counted. Every statement filters in SQL over indexed columns; nothing here
loads records. Which filter applies to which kind of record is written in
docs/statistics.md and printed in the report's method note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import aliased

from legalaid.domain.accounts import Account, Office
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.courts import Court, Deadline, Hearing, Proceeding
from legalaid.domain.enums import PartyRole
from legalaid.domain.intake import AdviceConsultation, AnonymousRecord, Intake
from legalaid.domain.monitoring import Observation
from legalaid.domain.people import Person, PersonVulnerability
from legalaid.domain.referrals import Organisation, Referral
from legalaid.services import findings
from legalaid.services.findings import FindingsFilter
from legalaid.services.proceedings import to_utc

NOT_RECORDED = "none"  # the group of records where the grouping field is empty


@dataclass(frozen=True)
class StatsFilter:
    """Which records count. The period is inclusive at both ends; every other field is
    optional (None: all)."""

    first_day: dt.date
    last_day: dt.date
    office_code: str | None = None
    category: str | None = None
    lawyer_login: str | None = None
    region: str | None = None  # the client's oblast (a Region code)
    district: str | None = None  # the client's district (a reference code)


def _office_id(code: str) -> Any:
    return select(Office.id).where(Office.code == code).scalar_subquery()


def _account_id(login: str) -> Any:
    return select(Account.id).where(Account.login == login).scalar_subquery()


def _person_place(flt: StatsFilter) -> list[Any]:
    places = []
    if flt.region:
        places.append(Person.region == flt.region)
    if flt.district:
        places.append(Person.district == flt.district)
    return places


def _case_only(flt: StatsFilter) -> list[Any]:
    """Conditions on Case for the office, the category and the assigned lawyer."""
    parts: list[Any] = []
    if flt.office_code:
        parts.append(Case.office_id == _office_id(flt.office_code))
    if flt.category:
        parts.append(Case.category == flt.category)
    if flt.lawyer_login:
        parts.append(Case.assigned_lawyer_id == _account_id(flt.lawyer_login))
    return parts


def case_scope(flt: StatsFilter) -> list[Any]:
    """Conditions on Case for the office, category, lawyer and the client's place (a case
    counts when one of its clients lives there)."""
    parts = _case_only(flt)
    places = _person_place(flt)
    if places:
        parts.append(
            Case.id.in_(
                select(CaseParty.case_id)
                .join(Person, Person.id == CaseParty.person_id)
                .where(CaseParty.role == PartyRole.CLIENT.value, *places)
            )
        )
    return parts


def _between(column: Any, flt: StatsFilter) -> Any:
    return and_(column >= flt.first_day, column <= flt.last_day)


def _utc_between(column: Any, flt: StatsFilter) -> Any:
    """A UTC moment on a local day of the period."""
    first = to_utc(dt.datetime.combine(flt.first_day, dt.time.min))
    after = to_utc(dt.datetime.combine(flt.last_day + dt.timedelta(days=1), dt.time.min))
    return and_(column >= first, column < after)


def _or_none(column: Any) -> Any:
    return func.coalesce(func.nullif(column, ""), NOT_RECORDED)


def _month(column: Any) -> Any:
    return func.strftime("%Y-%m", column)


# --- cases and people ----------------------------------------------------------------------


def _opened(flt: StatsFilter, group: Any) -> Select[Any]:
    return select(Case.id.label("rid"), group.label("grp")).where(
        _between(Case.opened_on, flt), *case_scope(flt)
    )


def _clients(flt: StatsFilter, group: Any) -> Select[Any]:
    """The clients of the cases opened in the period who live in the filter's place."""
    return (
        select(Person.id.label("rid"), group.label("grp"))
        .select_from(CaseParty)
        .join(Case, Case.id == CaseParty.case_id)
        .join(Person, Person.id == CaseParty.person_id)
        .where(
            CaseParty.role == PartyRole.CLIENT.value,
            _between(Case.opened_on, flt),
            *_case_only(flt),
            *_person_place(flt),
        )
    )


def _new_or_returning(flt: StatsFilter) -> Any:
    party, earlier_case = aliased(CaseParty), aliased(Case)
    earlier = exists(
        select(party.id)
        .join(earlier_case, earlier_case.id == party.case_id)
        .where(
            party.person_id == Person.id,
            party.role == PartyRole.CLIENT.value,
            earlier_case.opened_on < flt.first_day,
        )
    )
    return case((earlier, literal("returning")), else_=literal("new"))


def age_group(flt: StatsFilter) -> Any:
    """The age band on the period's last day: from the birth date, else the estimated
    year of birth (bands compare dates, so an index on birth_date serves)."""
    end = flt.last_day

    def born_after(years: int) -> dt.date:
        try:
            return end.replace(year=end.year - years)
        except ValueError:  # 29 February
            return end.replace(year=end.year - years, day=28)

    bands = (("under_18", 18), ("18_29", 30), ("30_44", 45), ("45_59", 60))
    by_date = [(Person.birth_date > born_after(years), literal(code)) for code, years in bands]
    by_year = [
        (Person.birth_year_estimate > end.year - years, literal(code)) for code, years in bands
    ]
    return case(
        (
            Person.birth_date.is_not(None),
            case(*by_date, else_=literal("60_plus")),
        ),
        (
            Person.birth_year_estimate.is_not(None),
            case(*by_year, else_=literal("60_plus")),
        ),
        else_=literal("unknown"),
    )


def _vulnerable(flt: StatsFilter) -> Select[Any]:
    return _clients(flt, _or_none(PersonVulnerability.code)).outerjoin(
        PersonVulnerability, PersonVulnerability.person_id == Person.id
    )


# --- consultations, intakes, anonymous contacts ---------------------------------------------


def _visit_scope(flt: StatsFilter, day: Any, office: Any, topic: Any, staff: Any) -> list[Any]:
    """Conditions on a visit that opened no case: its day, office, topic and the staff
    member who recorded it (the lawyer filter)."""
    parts = [_between(day, flt)]
    if flt.office_code:
        parts.append(office == _office_id(flt.office_code))
    if flt.category:
        parts.append(topic == flt.category)
    if flt.lawyer_login:
        parts.append(staff == _account_id(flt.lawyer_login))
    return parts


def _consultations(flt: StatsFilter, group: Any) -> Select[Any]:
    c = AdviceConsultation
    parts = _visit_scope(flt, c.given_on, c.office_id, c.topic, c.staff_id)
    # A consultation keeps a district (its code starts with the oblast's) or the person,
    # when they agreed to be recorded: either places it.
    if flt.district:
        parts.append(
            or_(
                c.district == flt.district,
                c.person_id.in_(_people_in(Person.district, flt.district)),
            )
        )
    elif flt.region:
        parts.append(
            or_(
                c.district.startswith(flt.region + ".", autoescape=True),
                c.person_id.in_(_people_in(Person.region, flt.region)),
            )
        )
    return select(c.id.label("rid"), group.label("grp")).where(*parts)


def _people_in(column: Any, code: str) -> Select[Any]:
    return select(Person.id).where(column == code)


def _intakes(flt: StatsFilter, group: Any) -> Select[Any]:
    return (
        select(Intake.id.label("rid"), group.label("grp"))
        .join(Case, Case.id == Intake.case_id)
        .where(_between(Intake.taken_on, flt), *case_scope(flt))
    )


def _anonymous(flt: StatsFilter, group: Any) -> Select[Any]:
    a = AnonymousRecord
    parts = _visit_scope(flt, a.recorded_on, a.office_id, a.category, a.created_by)
    if flt.region:
        parts.append(a.region == flt.region)
    if flt.district:
        parts.append(a.district == flt.district)
    return select(a.id.label("rid"), group.label("grp")).where(*parts)


# --- referrals -------------------------------------------------------------------------------


def _referrals(flt: StatsFilter, group: Any, value: Any = None) -> Select[Any]:
    """Referrals sent in the period (drafts never left the office)."""
    columns = [Referral.id.label("rid"), group.label("grp")]
    if value is not None:
        columns.append(value.label("val"))
    query = (
        select(*columns)
        .join(Case, Case.id == Referral.case_id)
        .join(Organisation, Organisation.id == Referral.organisation_id)
        .where(_between(Referral.sent_on, flt), *case_scope(flt))
    )
    if value is not None:
        query = query.where(Referral.response_on.is_not(None))
    return query


def _response_days() -> Any:
    return func.julianday(Referral.response_on) - func.julianday(Referral.sent_on)


# --- court -----------------------------------------------------------------------------------


def _proceedings(flt: StatsFilter, group: Any) -> Select[Any]:
    """Proceedings opened in the period or with a hearing in it."""
    heard = select(Hearing.proceeding_id).where(_utc_between(Hearing.starts_at, flt))
    return (
        select(Proceeding.id.label("rid"), group.label("grp"))
        .join(Case, Case.id == Proceeding.case_id)
        .where(
            or_(_utc_between(Proceeding.created_at, flt), Proceeding.id.in_(heard)),
            *case_scope(flt),
        )
    )


def _hearings(flt: StatsFilter, group: Any) -> Select[Any]:
    return (
        select(Hearing.id.label("rid"), group.label("grp"))
        .join(Proceeding, Proceeding.id == Hearing.proceeding_id)
        .join(Case, Case.id == Proceeding.case_id)
        .where(_utc_between(Hearing.starts_at, flt), *case_scope(flt))
    )


OVERDUE = "overdue"  # a deadline still open after its last moment (the agenda's "missed")


def _deadline_state() -> Any:
    """The stored state, but an open deadline whose moment has passed is overdue: nobody
    marked it kept or missed, and it is not open in any sense that helps a client."""
    now = to_utc(dt.datetime.now())
    return case(
        (and_(Deadline.state == "open", Deadline.due_at < now), literal(OVERDUE)),
        else_=Deadline.state,
    )


def _deadlines(flt: StatsFilter, group: Any) -> Select[Any]:
    return (
        select(Deadline.id.label("rid"), group.label("grp"))
        .join(Case, Case.id == Deadline.case_id)
        .where(_utc_between(Deadline.due_at, flt), *case_scope(flt))
    )


# --- trial monitoring ------------------------------------------------------------------------


def _observations(flt: StatsFilter, group: Any) -> Select[Any]:
    """Approved observations of hearings in the period, in courts of the filter's oblast
    (the other filters are about clients' cases and do not apply)."""
    counted = findings.counted(FindingsFilter(flt.first_day, flt.last_day, region=flt.region))
    return (
        select(Observation.id.label("rid"), group.label("grp"))
        .outerjoin(Court, Court.id == Observation.court_id)
        .where(counted)
    )


Source = Callable[[StatsFilter], Select[Any]]

SOURCES: dict[str, Source] = {
    "people_served": lambda f: _clients(f, _new_or_returning(f)),
    "people_by_gender": lambda f: _clients(f, _or_none(Person.gender)),
    "people_by_age_group": lambda f: _clients(f, age_group(f)),
    "people_by_vulnerability": _vulnerable,
    "people_by_district": lambda f: _clients(f, _or_none(Person.district)),
    "cases_opened_by_category": lambda f: _opened(f, Case.category),
    "cases_opened_by_subcategory": lambda f: _opened(
        f, func.coalesce(func.nullif(Case.subcategory, ""), Case.category)
    ),
    "cases_opened_by_month": lambda f: _opened(f, _month(Case.opened_on)),
    "cases_closed_by_outcome": lambda f: select(
        Case.id.label("rid"), _or_none(Case.outcome).label("grp")
    ).where(_between(Case.closed_on, f), *case_scope(f)),
    "consultations_by_topic": lambda f: _consultations(f, AdviceConsultation.topic),
    "consultations_by_month": lambda f: _consultations(f, _month(AdviceConsultation.given_on)),
    "intakes_by_category": lambda f: _intakes(f, Case.category),
    "anonymous_by_category": lambda f: _anonymous(f, AnonymousRecord.category),
    "referrals_by_target": lambda f: _referrals(f, Organisation.kind),
    "referrals_by_status": lambda f: _referrals(f, Referral.status),
    "referral_response_days": lambda f: _referrals(f, Organisation.kind, _response_days()),
    "proceedings_by_kind": lambda f: _proceedings(f, Proceeding.kind),
    "proceedings_by_instance": lambda f: _proceedings(f, Proceeding.instance),
    "proceedings_by_status": lambda f: _proceedings(f, Proceeding.status),
    "hearings_by_result": lambda f: _hearings(f, _or_none(Hearing.result)),
    "deadlines_by_state": lambda f: _deadlines(f, _deadline_state()),
    "observations_by_oblast": lambda f: _observations(f, _or_none(Court.region)),
    "observations_by_case_kind": lambda f: _observations(f, _or_none(Observation.case_kind)),
}

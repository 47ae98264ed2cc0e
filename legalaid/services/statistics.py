"""Statistics of the legal aid work over a period and a filter (issue 9): people served,
new and returning, by gender, age group, vulnerability and district; cases opened (by
category, subcategory, month) and closed (by outcome); consultations; intakes; anonymous
contacts; referrals by target and status, with the mean days to an answer; court
proceedings, hearings and deadlines; approved trial observations.

Each measure is one SQL statement (services/stat_sources.py) giving a record id and a
group per counted record; a table is its GROUP BY with COUNT(DISTINCT id), the total the
distinct records over all groups (a person with two vulnerabilities is one person), and
the drill-down the ids of one group, listed by services/stat_records.py. So the list
behind a number is the records the number counted, and a number printed with its filter
can be counted again. Group labels come from services/stat_labels.py.

Coordinators only (VIEW_STATISTICS). The drill-down lists only records the viewer may see.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from legalaid.domain.enums import (
    AgeGroup,
    CaseOutcome,
    Gender,
    HearingResult,
    Instance,
    OrganisationType,
    ProceedingKind,
    ProceedingStatus,
    ReferralStatus,
    Region,
    Vulnerability,
)
from legalaid.errors import NotFound, ValidationError
from legalaid.i18n import N_, current_language
from legalaid.services import exports
from legalaid.services.permissions import Permission
from legalaid.services.stat_labels import (
    DEADLINE_ORDER,
    UNIT_LABELS,
    Labeller,
    Unit,
    as_is,
    category,
    deadline_state,
    district,
    enum_labels,
    new_or_returning,
    order,
    subcategory,
)
from legalaid.services.stat_records import LISTS, Record
from legalaid.services.stat_sources import SOURCES, StatsFilter
from legalaid.services.workspace import Workspace

__all__ = [
    "MEASURES",
    "UNIT_LABELS",
    "Measure",
    "Record",
    "Row",
    "StatsFilter",
    "Table",
    "Unit",
]


@dataclass(frozen=True)
class Measure:
    key: str  # stable: report templates name measures by it
    title: str  # msgid
    unit: Unit
    label: Labeller
    order: tuple[str, ...] = ()  # codes in this order; others after, by count
    chronological: bool = False  # rows by code (months), a line chart fits
    mean_days: bool = False  # each row also has the mean of its values, in days
    # A record in several groups (a person with two vulnerabilities): the total is counted
    # apart; otherwise it is the sum of the groups (one query less).
    several_groups: bool = False
    # The parts of another table's rows (subcategories of categories): the measure whose
    # groups are the first part of this one's codes ("FAM" of "FAM.custody").
    parent: str | None = None


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure(
            "people_served",
            N_("People served (new and returning)"),
            Unit.PEOPLE,
            new_or_returning,
            ("new", "returning"),
        ),
        Measure(
            "people_by_gender",
            N_("People served by gender"),
            Unit.PEOPLE,
            enum_labels(Gender),
            order(Gender),
        ),
        Measure(
            "people_by_age_group",
            N_("People served by age group"),
            Unit.PEOPLE,
            enum_labels(AgeGroup),
            order(AgeGroup),
        ),
        Measure(
            "people_by_vulnerability",
            N_("People served by vulnerability"),
            Unit.PEOPLE,
            enum_labels(Vulnerability),
            order(Vulnerability),
            several_groups=True,
        ),
        Measure("people_by_district", N_("People served by district"), Unit.PEOPLE, district),
        Measure("cases_opened_by_category", N_("Cases opened by category"), Unit.CASES, category),
        Measure(
            "cases_opened_by_subcategory",
            N_("Cases opened by subcategory"),
            Unit.CASES,
            subcategory,
            parent="cases_opened_by_category",
        ),
        Measure(
            "cases_opened_by_month",
            N_("Cases opened by month"),
            Unit.CASES,
            as_is,
            chronological=True,
        ),
        Measure(
            "cases_closed_by_outcome",
            N_("Cases closed by outcome"),
            Unit.CASES,
            enum_labels(CaseOutcome),
            order(CaseOutcome),
        ),
        Measure(
            "consultations_by_topic", N_("Consultations by topic"), Unit.CONSULTATIONS, category
        ),
        Measure(
            "consultations_by_month",
            N_("Consultations by month"),
            Unit.CONSULTATIONS,
            as_is,
            chronological=True,
        ),
        Measure("intakes_by_category", N_("Intakes by category"), Unit.INTAKES, category),
        Measure(
            "anonymous_by_category",
            N_("Anonymous contacts by category"),
            Unit.CONTACTS,
            category,
        ),
        Measure(
            "referrals_by_target",
            N_("Referrals sent, by kind of organisation"),
            Unit.REFERRALS,
            enum_labels(OrganisationType),
            order(OrganisationType),
        ),
        Measure(
            "referrals_by_status",
            N_("Referrals sent, by where they stand"),
            Unit.REFERRALS,
            enum_labels(ReferralStatus),
            order(ReferralStatus),
        ),
        Measure(
            "referral_response_days",
            N_("Days to an answer, by kind of organisation"),
            Unit.REFERRALS,
            enum_labels(OrganisationType),
            order(OrganisationType),
            mean_days=True,
        ),
        Measure(
            "proceedings_by_kind",
            N_("Court proceedings by kind of case"),
            Unit.PROCEEDINGS,
            enum_labels(ProceedingKind),
            order(ProceedingKind),
        ),
        Measure(
            "proceedings_by_instance",
            N_("Court proceedings by instance"),
            Unit.PROCEEDINGS,
            enum_labels(Instance),
            order(Instance),
        ),
        Measure(
            "proceedings_by_status",
            N_("Court proceedings by outcome"),
            Unit.PROCEEDINGS,
            enum_labels(ProceedingStatus),
            order(ProceedingStatus),
        ),
        Measure(
            "hearings_by_result",
            N_("Hearings by result"),
            Unit.HEARINGS,
            enum_labels(HearingResult),
            order(HearingResult),
        ),
        Measure(
            "deadlines_by_state",
            N_("Deadlines due, kept and missed"),
            Unit.DEADLINES,
            deadline_state,
            DEADLINE_ORDER,
        ),
        Measure(
            "observations_by_oblast",
            N_("Trials monitored, by oblast of the court"),
            Unit.OBSERVATIONS,
            enum_labels(Region),
            order(Region),
        ),
        Measure(
            "observations_by_case_kind",
            N_("Trials monitored, by kind of case"),
            Unit.OBSERVATIONS,
            enum_labels(ProceedingKind),
            order(ProceedingKind),
        ),
    )
}
assert set(MEASURES) == set(SOURCES), "every measure has its SQL, and only those"


@dataclass(frozen=True)
class Row:
    code: str
    count: int
    mean: float | None = None  # days, for a mean measure


@dataclass(frozen=True)
class Table:
    key: str
    rows: tuple[Row, ...]
    total: int  # distinct records over all rows
    mean: float | None = None

    @property
    def measure(self) -> Measure:
        return MEASURES[self.key]

    def labelled(self, language: str | None = None) -> list[tuple[str, Row]]:
        language = language or current_language()
        return [(self.measure.label(row.code, language), row) for row in self.rows]

    def count(self, code: str) -> int:
        return next((row.count for row in self.rows if row.code == code), 0)


def measure(key: str) -> Measure:
    try:
        return MEASURES[key]
    except KeyError:
        raise NotFound(N_("There is no such statistic.")) from None


def _checked(ws: Workspace, flt: StatsFilter) -> None:
    ws.require(Permission.VIEW_STATISTICS)
    if flt.first_day > flt.last_day:
        raise ValidationError(N_("The period ends before it begins."), field="last_day")


def months(flt: StatsFilter) -> list[str]:
    """The months of the period, "YYYY-MM", in order."""
    found, year, month = [], flt.first_day.year, flt.first_day.month
    while (year, month) <= (flt.last_day.year, flt.last_day.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _sorted(found: Measure, rows: Iterable[Row], flt: StatsFilter) -> tuple[Row, ...]:
    if found.chronological:  # every month of the period, a month with nothing as 0
        counted = {row.code: row for row in rows}
        return tuple(counted.get(month, Row(month, 0)) for month in months(flt))
    rank = {code: index for index, code in enumerate(found.order)}
    return tuple(
        sorted(rows, key=lambda row: (rank.get(row.code, len(rank)), -row.count, row.code))
    )


def count_table(session: Session, flt: StatsFilter, key: str) -> Table:
    """One measure's table, in an open session."""
    found = measure(key)
    source = SOURCES[key](flt).subquery()
    mean = func.avg(source.c.val) if found.mean_days else None
    grouped = select(source.c.grp, func.count(distinct(source.c.rid)), mean).group_by(source.c.grp)
    rows = [
        Row(str(code), int(count), float(average) if average is not None else None)
        for code, count, average in session.execute(grouped)
    ]
    if found.several_groups:
        total = int(session.scalar(select(func.count(distinct(source.c.rid)))) or 0)
    else:
        total = sum(row.count for row in rows)
    overall = None
    if found.mean_days and total:  # each record in one group: the groups' weighted mean
        overall = sum((row.mean or 0.0) * row.count for row in rows) / total
    return Table(key, _sorted(found, rows, flt), total, overall)


def tables(ws: Workspace, flt: StatsFilter, keys: Sequence[str] | None = None) -> dict[str, Table]:
    """The tables of `keys` (all measures when None), counted in one read."""
    _checked(ws, flt)
    wanted = list(keys) if keys is not None else list(MEASURES)
    for key in wanted:
        measure(key)
    with ws.reader() as session:
        return {key: count_table(session, flt, key) for key in wanted}


# --- drill-down ------------------------------------------------------------------------------


def records_behind(
    ws: Workspace, flt: StatsFilter, key: str, code: str | None = None
) -> list[Record]:
    """The records a number counted: of one row (`code`), or the table's total. Records the
    viewer may not open (a restricted case) are left out of the list, never the count."""
    _checked(ws, flt)
    found = measure(key)
    source = SOURCES[key](flt).subquery()
    ids = select(source.c.rid)
    if code is not None:
        ids = ids.where(source.c.grp == code)
    with ws.reader() as session:
        return LISTS[found.unit](session, ws.actor, ids, current_language())


def record_export(ws: Workspace, what: str, flt: StatsFilter, detail: dict[str, Any]) -> None:
    """Audit a report or an export of statistics leaving the vault, with its filter (codes
    and dates only)."""
    ws.require(Permission.VIEW_STATISTICS)
    exports.record_export(ws, "statistics", what, flt, detail)

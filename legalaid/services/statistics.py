"""Statistics of the legal aid work over a period and a filter (issue 9): people served,
new and returning, by gender, age group, vulnerability and district; cases opened (by
category, subcategory, month) and closed (by outcome); consultations; intakes; anonymous
contacts; referrals by target and status, with the mean days to an answer; court
proceedings, hearings and deadlines; approved trial observations.

Each measure is one SQL statement (services/stat_sources.py) giving a record id and a
group per counted record; a table is its GROUP BY with COUNT(DISTINCT id), the total a
COUNT(DISTINCT id) over all groups (a person with two vulnerabilities is one person), and
the drill-down the ids of one group. So the list behind a number is the records the
number counted, and a number printed with its filter can be counted again.

Coordinators only (VIEW_STATISTICS). The drill-down lists only records the viewer may see.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, distinct, func, select
from sqlalchemy.orm import Session

from legalaid.domain import reference
from legalaid.domain.accounts import Account
from legalaid.domain.cases import Case
from legalaid.domain.courts import Court, Deadline, Hearing, Proceeding
from legalaid.domain.enums import (
    AgeGroup,
    CaseOutcome,
    CaseStatus,
    DeadlineState,
    Gender,
    HearingKind,
    HearingResult,
    Instance,
    LabelledEnum,
    ObservationStatus,
    OrganisationType,
    ProceedingKind,
    ProceedingStatus,
    ReferralStatus,
    Region,
    Vulnerability,
    label_msgid,
)
from legalaid.domain.intake import AdviceConsultation, AnonymousRecord, Intake
from legalaid.domain.monitoring import Observation
from legalaid.domain.people import Person
from legalaid.domain.referrals import Organisation, Referral
from legalaid.errors import NotFound, ValidationError
from legalaid.i18n import N_, current_language, translate_in
from legalaid.services.permissions import Permission
from legalaid.services.search_index import full_name
from legalaid.services.stat_sources import NOT_RECORDED, SOURCES, StatsFilter
from legalaid.services.timeline import as_utc
from legalaid.services.visibility import case_visible, person_visible
from legalaid.services.workspace import Workspace

__all__ = ["Measure", "MEASURES", "Record", "Row", "StatsFilter", "Table", "Unit"]


class Unit(enum.StrEnum):
    """What a measure counts (and what its drill-down lists)."""

    PEOPLE = "people"
    CASES = "cases"
    CONSULTATIONS = "consultations"
    INTAKES = "intakes"
    CONTACTS = "contacts"
    REFERRALS = "referrals"
    PROCEEDINGS = "proceedings"
    HEARINGS = "hearings"
    DEADLINES = "deadlines"
    OBSERVATIONS = "observations"


UNIT_LABELS = {
    Unit.PEOPLE: N_("people"),
    Unit.CASES: N_("cases"),
    Unit.CONSULTATIONS: N_("consultations"),
    Unit.INTAKES: N_("intakes"),
    Unit.CONTACTS: N_("anonymous contacts"),
    Unit.REFERRALS: N_("referrals"),
    Unit.PROCEEDINGS: N_("proceedings"),
    Unit.HEARINGS: N_("hearings"),
    Unit.DEADLINES: N_("deadlines"),
    Unit.OBSERVATIONS: N_("observations"),
}

Labeller = Callable[[str, str], str]  # (code, language) -> label


def _not_recorded(language: str) -> str:
    return translate_in(language, N_("not recorded"))


def _enum_labels(kind: type[LabelledEnum]) -> Labeller:
    def label(code: str, language: str) -> str:
        try:
            return translate_in(language, label_msgid(kind(code)))
        except ValueError:
            return _not_recorded(language) if code == NOT_RECORDED else code

    return label


def _category(code: str, language: str) -> str:
    return reference.category_label(code, language) or code


def _subcategory(code: str, language: str) -> str:
    if "." in code:
        return f"{_category(code.split('.')[0], language)} — {_category(code, language)}"
    return f"{_category(code, language)} — {_not_recorded(language)}"


def _district(code: str, language: str) -> str:
    found = reference.district(code)
    if found is not None:
        return found.label(language)
    return _not_recorded(language) if code == NOT_RECORDED else code


def _as_is(code: str, _language: str) -> str:
    return code


_NEW_OR_RETURNING = {"new": N_("new"), "returning": N_("returning")}


def _new_or_returning(code: str, language: str) -> str:
    return translate_in(language, _NEW_OR_RETURNING.get(code, code))


def _order(kind: type[enum.Enum]) -> tuple[str, ...]:
    return (*(member.value for member in kind), NOT_RECORDED)


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


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure(
            "people_served",
            N_("People served (new and returning)"),
            Unit.PEOPLE,
            _new_or_returning,
            ("new", "returning"),
        ),
        Measure(
            "people_by_gender",
            N_("People served by gender"),
            Unit.PEOPLE,
            _enum_labels(Gender),
            _order(Gender),
        ),
        Measure(
            "people_by_age_group",
            N_("People served by age group"),
            Unit.PEOPLE,
            _enum_labels(AgeGroup),
            _order(AgeGroup),
        ),
        Measure(
            "people_by_vulnerability",
            N_("People served by vulnerability"),
            Unit.PEOPLE,
            _enum_labels(Vulnerability),
            _order(Vulnerability),
            several_groups=True,
        ),
        Measure("people_by_district", N_("People served by district"), Unit.PEOPLE, _district),
        Measure("cases_opened_by_category", N_("Cases opened by category"), Unit.CASES, _category),
        Measure(
            "cases_opened_by_subcategory",
            N_("Cases opened by subcategory"),
            Unit.CASES,
            _subcategory,
        ),
        Measure(
            "cases_opened_by_month",
            N_("Cases opened by month"),
            Unit.CASES,
            _as_is,
            chronological=True,
        ),
        Measure(
            "cases_closed_by_outcome",
            N_("Cases closed by outcome"),
            Unit.CASES,
            _enum_labels(CaseOutcome),
            _order(CaseOutcome),
        ),
        Measure(
            "consultations_by_topic", N_("Consultations by topic"), Unit.CONSULTATIONS, _category
        ),
        Measure(
            "consultations_by_month",
            N_("Consultations by month"),
            Unit.CONSULTATIONS,
            _as_is,
            chronological=True,
        ),
        Measure("intakes_by_category", N_("Intakes by category"), Unit.INTAKES, _category),
        Measure(
            "anonymous_by_category",
            N_("Anonymous contacts by category"),
            Unit.CONTACTS,
            _category,
        ),
        Measure(
            "referrals_by_target",
            N_("Referrals sent, by kind of organisation"),
            Unit.REFERRALS,
            _enum_labels(OrganisationType),
            _order(OrganisationType),
        ),
        Measure(
            "referrals_by_status",
            N_("Referrals sent, by where they stand"),
            Unit.REFERRALS,
            _enum_labels(ReferralStatus),
            _order(ReferralStatus),
        ),
        Measure(
            "referral_response_days",
            N_("Days to an answer, by kind of organisation"),
            Unit.REFERRALS,
            _enum_labels(OrganisationType),
            _order(OrganisationType),
            mean_days=True,
        ),
        Measure(
            "proceedings_by_kind",
            N_("Court proceedings by kind of case"),
            Unit.PROCEEDINGS,
            _enum_labels(ProceedingKind),
            _order(ProceedingKind),
        ),
        Measure(
            "proceedings_by_instance",
            N_("Court proceedings by instance"),
            Unit.PROCEEDINGS,
            _enum_labels(Instance),
            _order(Instance),
        ),
        Measure(
            "proceedings_by_status",
            N_("Court proceedings by outcome"),
            Unit.PROCEEDINGS,
            _enum_labels(ProceedingStatus),
            _order(ProceedingStatus),
        ),
        Measure(
            "hearings_by_result",
            N_("Hearings by result"),
            Unit.HEARINGS,
            _enum_labels(HearingResult),
            _order(HearingResult),
        ),
        Measure(
            "deadlines_by_state",
            N_("Deadlines due, kept and missed"),
            Unit.DEADLINES,
            _enum_labels(DeadlineState),
            _order(DeadlineState),
        ),
        Measure(
            "observations_by_oblast",
            N_("Trials monitored, by oblast of the court"),
            Unit.OBSERVATIONS,
            _enum_labels(Region),
            _order(Region),
        ),
        Measure(
            "observations_by_case_kind",
            N_("Trials monitored, by kind of case"),
            Unit.OBSERVATIONS,
            _enum_labels(ProceedingKind),
            _order(ProceedingKind),
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
    return _enum_labels(kind)(code or NOT_RECORDED, language)


def _local_day(moment: dt.datetime | None) -> dt.date | None:
    return as_utc(moment).astimezone().date() if moment else None


def _records(
    session: Session, ws: Workspace, unit: Unit, ids: Select[Any], language: str
) -> list[Record]:
    viewer = ws.actor
    if unit is Unit.PEOPLE:
        rows = session.execute(
            select(
                Person.id, Person.surname, Person.given_name, Person.patronymic, Person.birth_date
            )
            .where(Person.id.in_(ids), person_visible(viewer))
            .order_by(Person.sort_key)
        )
        return [
            Record(unit, pid, None, "", None, full_name(s, g, p), str(born.year) if born else "")
            for pid, s, g, p, born in rows
        ]
    if unit is Unit.CASES:
        rows = session.execute(
            select(Case.id, Case.number, Case.opened_on, Case.category, Case.status)
            .where(Case.id.in_(ids), case_visible(viewer))
            .order_by(Case.opened_on, Case.id)
        )
        return [
            Record(
                unit,
                cid,
                cid,
                number,
                day,
                _category(cat, language),
                _label(CaseStatus, st, language),
            )
            for cid, number, day, cat, st in rows
        ]
    if unit is Unit.INTAKES:
        rows = session.execute(
            select(Intake.id, Case.id, Case.number, Intake.taken_on, Case.category)
            .join(Case, Case.id == Intake.case_id)
            .where(Intake.id.in_(ids), case_visible(viewer))
            .order_by(Intake.taken_on, Intake.id)
        )
        return [
            Record(unit, iid, cid, number, day, _category(cat, language), "")
            for iid, cid, number, day, cat in rows
        ]
    if unit is Unit.REFERRALS:
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
            Record(unit, rid, cid, number, day, org, _label(ReferralStatus, st, language))
            for rid, cid, number, day, org, st in rows
        ]
    if unit is Unit.PROCEEDINGS:
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
            Record(unit, pid, cid, number, _local_day(at), court, _label(Instance, inst, language))
            for pid, cid, number, at, court, inst in rows
        ]
    if unit is Unit.HEARINGS:
        rows = session.execute(
            select(
                Hearing.id, Case.id, Case.number, Hearing.starts_at, Hearing.kind, Hearing.result
            )
            .join(Proceeding, Proceeding.id == Hearing.proceeding_id)
            .join(Case, Case.id == Proceeding.case_id)
            .where(Hearing.id.in_(ids), case_visible(viewer))
            .order_by(Hearing.starts_at, Hearing.id)
        )
        return [
            Record(
                unit,
                hid,
                cid,
                number,
                _local_day(at),
                _label(HearingKind, kind, language),
                _label(HearingResult, result, language),
            )
            for hid, cid, number, at, kind, result in rows
        ]
    if unit is Unit.DEADLINES:
        rows = session.execute(
            select(
                Deadline.id, Case.id, Case.number, Deadline.due_at, Deadline.title, Deadline.state
            )
            .join(Case, Case.id == Deadline.case_id)
            .where(Deadline.id.in_(ids), case_visible(viewer))
            .order_by(Deadline.due_at, Deadline.id)
        )
        return [
            Record(
                unit, did, cid, number, _local_day(at), title, _label(DeadlineState, st, language)
            )
            for did, cid, number, at, title, st in rows
        ]
    if unit is Unit.CONSULTATIONS:
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
            Record(unit, aid, None, "", day, _category(topic, language), staff)
            for aid, day, topic, staff in rows
        ]
    if unit is Unit.CONTACTS:
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
            Record(unit, aid, None, "", day, _category(cat, language), _label(Gender, g, language))
            for aid, day, cat, g in rows
        ]
    rows = session.execute(
        select(
            Observation.id,
            Observation.number,
            Observation.scheduled_at,
            Court.code,
            Observation.status,
        )
        .outerjoin(Court, Court.id == Observation.court_id)
        .where(Observation.id.in_(ids))
        .order_by(Observation.scheduled_at, Observation.id)
    )
    return [
        Record(
            unit,
            oid,
            None,
            number,
            at.date() if at else None,
            court or "",
            _label(ObservationStatus, st, language),
        )
        for oid, number, at, court, st in rows
    ]


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
        return _records(session, ws, found.unit, ids, current_language())


def record_export(ws: Workspace, what: str, flt: StatsFilter, detail: dict[str, Any]) -> None:
    """Audit a report or an export of statistics leaving the vault, with its filter (codes
    and dates only)."""
    ws.require(Permission.VIEW_STATISTICS)
    values = {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in vars(flt).items()
        if value is not None
    }
    with ws.session() as session:
        ws.vault.record(session, "export", "statistics", what, {**values, **detail})
        session.commit()

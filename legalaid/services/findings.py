"""Findings over approved observations: for each checklist item, how many hearings answered
each way and the base (hearings where the item applied and was observed), the indicators of
DOMAIN.md §1.5, and trends by quarter — all counted in SQL over indexed columns, never by
loading observations into Python.

Only approved observations count. A filter narrows them (period by the hearing's date, court,
oblast, kind of case, stage, checklist version); the filter is printed with every report so
each number can be counted again. Counts of answers are counts of hearings (a multiple choice
counts each hearing once per choice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, Select, and_, case, cast, distinct, func, select
from sqlalchemy.orm import Session

from legalaid.domain.checklists import NOT_ANSWERED_CODES, AnswerType
from legalaid.domain.courts import Court
from legalaid.domain.enums import ObservationStatus
from legalaid.domain.monitoring import (
    ChecklistTemplate,
    Observation,
    ObservationAnswer,
    ObservedDefendant,
)
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services import exports
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

LATE_AFTER_MINUTES = 15  # a start this late or later counts as a late start


def hearing_time() -> Any:
    """When the hearing was: its actual start, else the time it was scheduled for."""
    return func.coalesce(Observation.started_at, Observation.scheduled_at)


@dataclass(frozen=True)
class FindingsFilter:
    """Which approved observations count; every field optional (None: all)."""

    first_day: dt.date | None = None
    last_day: dt.date | None = None
    court_id: int | None = None
    region: str | None = None  # the court's oblast (a Region code)
    case_kind: str | None = None
    stage: str | None = None
    template_id: int | None = None  # one checklist version


@dataclass(frozen=True)
class ItemCount:
    """One item: hearings per answer, the base and how many raised a concern."""

    item_code: str
    counts: Mapping[str, int]  # answer code (or number) -> hearings
    base: int  # hearings where it applied and was observed (not "not observed" / "n/a")
    answered: int  # hearings with any answer, "not observed" and "n/a" included
    concerns: int  # hearings whose answer the checklist calls a concern


@dataclass(frozen=True)
class Share:
    """`count` of `base` (the base is printed with every figure)."""

    count: int
    base: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.count / self.base, 1) if self.base else None

    @property
    def percent_text(self) -> str:
        """ "66,7 %" (the report and the desk print shares alike); "" without a base."""
        return "" if self.percent is None else f"{one_decimal(self.percent)} %"


def one_decimal(value: float) -> str:
    """A figure with one decimal and a decimal comma, as the report and the desk print it."""
    return f"{value:.1f}".replace(".", ",")


def _minutes_between(start: Any, end: Any) -> Any:
    """Minutes from `start` to `end`, in SQL (SQLite's day fractions)."""
    return (func.julianday(end) - func.julianday(start)) * (24 * 60)


@dataclass(frozen=True)
class Indicators:
    hearings: int
    late_starts: Share  # of hearings with a scheduled and an actual start
    mean_delay_minutes: float | None
    adjourned: Share  # of hearings where adjournment was recorded
    adjourned_by_reason: Mapping[str, int]
    judges_office: Share  # A5: held in a judge's office
    caged: Share  # C1: defendants' seat a cage or glass cabin
    without_counsel: Share  # defendants with no counsel (or waived), of defendants
    torture_allegations: Share  # K1 yes, of hearings where K1 was observed
    allegations_ignored: Share  # K6 "ignored", of hearings with an allegation answered K6
    custody_hearing_minutes: float | None  # mean length of pre-trial custody hearings
    custody_orders_reasoned: Share  # L8 yes
    interpreter_needed: Share  # I3 yes
    interpreter_provided: Share  # I3a yes, of those needing one


@dataclass(frozen=True)
class QuarterRow:
    quarter: str  # "2026 Q3"
    hearings: int
    late_starts: int
    concerns: int  # answers that raised a concern


@dataclass(frozen=True)
class Findings:
    filter: FindingsFilter
    hearings: int
    items: tuple[ItemCount, ...]
    indicators: Indicators
    quarters: tuple[QuarterRow, ...]
    # Per section (an item's code begins with its section's letter): hearings with at least
    # one concern in the section, of hearings that answered anything in it.
    sections: dict[str, Share] = field(default_factory=dict)
    by_item: dict[str, ItemCount] = field(default_factory=dict)

    def item(self, code: str) -> ItemCount:
        return self.by_item.get(code) or ItemCount(code, {}, 0, 0, 0)


@dataclass(frozen=True)
class IndicatorLine:
    """One line of the key indicators, as the report and the desk show them."""

    label: str  # a msgid; "{minutes}" stands for LATE_AFTER_MINUTES
    share: Share | None = None
    minutes: float | None = None  # for the lines that are a mean, in minutes
    item_code: str | None = None  # the records behind it: hearings answering this item...
    values: tuple[str, ...] = ()  # ...with one of these answers


def key_indicators(found: Findings) -> list[IndicatorLine]:
    shown = found.indicators
    line = IndicatorLine
    return [
        line(N_("Hearings that started {minutes} minutes late or more"), shown.late_starts),
        line(N_("Hearings adjourned"), shown.adjourned),
        line(N_("Hearings held in a judge's office"), shown.judges_office, None, "A5",
             ("judges_office",)),
        line(N_("Hearings with defendants in a cage or glass cabin"), shown.caged, None, "C1",
             ("metal_cage", "glass_cabin")),
        line(N_("Defendants without counsel"), shown.without_counsel),
        line(N_("Hearings with an allegation of torture or ill-treatment"),
             shown.torture_allegations, None, "K1", ("yes",)),
        line(N_("Allegations the judge ignored"), shown.allegations_ignored, None, "K6",
             ("ignored",)),
        line(N_("Custody orders with reasons given"), shown.custody_orders_reasoned, None, "L8",
             ("yes",)),
        line(N_("Hearings where an interpreter was needed"), shown.interpreter_needed, None,
             "I3", ("yes",)),
        line(N_("Interpreter provided when needed"), shown.interpreter_provided, None, "I3a",
             ("yes",)),
        line(N_("Mean delay of a start"), None, shown.mean_delay_minutes),
        line(N_("Mean length of a custody hearing"), None, shown.custody_hearing_minutes),
    ]  # fmt: skip


def counted(flt: FindingsFilter) -> Any:
    """The observations that count: approved, within the filter."""
    parts = [Observation.status == ObservationStatus.APPROVED.value]
    if flt.first_day and flt.last_day and flt.first_day > flt.last_day:
        raise ValidationError(N_("The period ends before it begins."), field="last_day")
    if flt.first_day:
        parts.append(hearing_time() >= dt.datetime.combine(flt.first_day, dt.time()))
    if flt.last_day:
        parts.append(
            hearing_time() < dt.datetime.combine(flt.last_day + dt.timedelta(days=1), dt.time())
        )
    if flt.court_id is not None:
        parts.append(Observation.court_id == flt.court_id)
    if flt.region:
        parts.append(Observation.court_id.in_(select(Court.id).where(Court.region == flt.region)))
    if flt.case_kind:
        parts.append(Observation.case_kind == flt.case_kind)
    if flt.stage:
        parts.append(Observation.stage == flt.stage)
    if flt.template_id is not None:
        parts.append(Observation.template_id == flt.template_id)
    return and_(*parts)


def _observations(flt: FindingsFilter) -> Select[Any]:
    return select(Observation.id).where(counted(flt))


def _item_counts(session: Session, flt: FindingsFilter) -> list[ItemCount]:
    """One pass over the covering index (item, value, observation, concern): an answer row
    is unique per hearing, item and value, so a row count is a count of hearings. Only the
    items where a hearing may give several values (multiple choice) need a distinct count
    of hearings, on their few rows."""
    chosen = _observations(flt).scalar_subquery()
    answered = ObservationAnswer.observation_id.in_(chosen)
    # "+ 0": the filter is checked per row rather than used to walk the primary key, so
    # SQLite reads the covering index in GROUP BY order with no sort of 900,000 rows (it has
    # no statistics to find that itself).
    in_filter = (ObservationAnswer.observation_id + 0).in_(chosen)
    per_value = session.execute(
        select(
            ObservationAnswer.item_code,
            ObservationAnswer.value,
            func.count(),
            func.sum(cast(ObservationAnswer.concern, Integer)),
        )
        .where(in_filter)
        .group_by(ObservationAnswer.item_code, ObservationAnswer.value)
    ).all()
    counts: dict[str, dict[str, int]] = {}
    concerns: dict[str, int] = {}
    for code, value, hearings, concerned in per_value:
        counts.setdefault(code, {})[value] = int(hearings)
        concerns[code] = concerns.get(code, 0) + int(concerned or 0)
    multiple = multiple_choice_codes(session)
    distinct_counts: dict[str, tuple[int, int, int]] = {}
    if multiple & set(counts):
        observed = ~ObservationAnswer.value.in_(NOT_ANSWERED_CODES)
        for code, base, any_answer, concerned in session.execute(
            select(
                ObservationAnswer.item_code,
                func.count(distinct(case((observed, ObservationAnswer.observation_id)))),
                func.count(distinct(ObservationAnswer.observation_id)),
                func.count(
                    distinct(case((ObservationAnswer.concern, ObservationAnswer.observation_id)))
                ),
            )
            .where(answered, ObservationAnswer.item_code.in_(multiple & set(counts)))
            .group_by(ObservationAnswer.item_code)
        ):
            distinct_counts[code] = (int(base), int(any_answer), int(concerned))
    found = []
    for code, values in counts.items():
        if code in distinct_counts:
            base, any_answer, concerned = distinct_counts[code]
        else:
            any_answer = sum(values.values())
            base = any_answer - sum(values.get(v, 0) for v in NOT_ANSWERED_CODES)
            concerned = concerns[code]
        found.append(ItemCount(code, values, base, any_answer, concerned))
    return found


def multiple_choice_codes(session: Session) -> set[str]:
    """Codes of the multiple-choice items of every checklist version in the vault (a code
    keeps its meaning, and its answer type, across versions)."""
    from legalaid.services.checklist_templates import template_of  # noqa: PLC0415 - a cycle

    return {
        item.code
        for row in session.scalars(select(ChecklistTemplate))
        for item in template_of(row).items
        if item.answer is AnswerType.MULTI
    }


def _sections(session: Session, flt: FindingsFilter) -> dict[str, Share]:
    """From each hearing's summary (one row per hearing, not every answer)."""
    letters = sorted(
        {
            letter
            for (sections,) in session.execute(
                select(Observation.answered_sections).where(counted(flt)).distinct()
            )
            for letter in sections
        }
    )
    if not letters:
        return {}
    columns = []
    for letter in letters:
        columns += [
            func.sum(cast(func.instr(Observation.concern_sections, letter) > 0, Integer)),
            func.sum(cast(func.instr(Observation.answered_sections, letter) > 0, Integer)),
        ]
    row = session.execute(select(*columns).where(counted(flt))).one()
    return {
        letter: Share(int(row[2 * i] or 0), int(row[2 * i + 1] or 0))
        for i, letter in enumerate(letters)
    }


def _share(item: ItemCount, values: tuple[str, ...]) -> Share:
    return Share(sum(item.counts.get(v, 0) for v in values), item.base)


def _indicators(
    session: Session, flt: FindingsFilter, hearings: int, items: dict[str, ItemCount]
) -> Indicators:
    condition = counted(flt)
    delay = _minutes_between(Observation.scheduled_at, Observation.started_at)
    timed = and_(Observation.started_at.is_not(None), Observation.scheduled_at.is_not(None))
    late, with_times, mean_delay = session.execute(
        select(
            func.count(case((delay >= LATE_AFTER_MINUTES, 1))),
            func.count(),
            func.avg(delay),
        ).where(condition, timed)
    ).one()
    adjourned_rows = session.execute(
        select(Observation.adjourned, Observation.adjourned_reason, func.count())
        .where(condition, Observation.adjourned.in_(("yes", "no")))
        .group_by(Observation.adjourned, Observation.adjourned_reason)
    ).all()
    adjourned = sum(n for said, _reason, n in adjourned_rows if said == "yes")
    recorded = sum(n for _said, _reason, n in adjourned_rows)
    reasons: dict[str, int] = {}
    for said, reason, n in adjourned_rows:
        if said == "yes":
            key = reason or "not_said"
            reasons[key] = reasons.get(key, 0) + n
    defendants, unrepresented = session.execute(
        select(
            func.count(),
            func.count(case((ObservedDefendant.counsel.in_(("none", "waived")), 1))),
        ).where(
            ObservedDefendant.observation_id.in_(_observations(flt).scalar_subquery()),
            ObservedDefendant.counsel.is_not(None),
        )
    ).one()
    length = _minutes_between(Observation.started_at, Observation.ended_at)
    custody_minutes = session.scalar(
        select(func.avg(length)).where(
            condition,
            Observation.stage == "pretrial",
            Observation.hearing_kind == "custody",
            Observation.ended_at.is_not(None),
            Observation.started_at.is_not(None),
        )
    )

    def item(code: str) -> ItemCount:
        return items.get(code) or ItemCount(code, {}, 0, 0, 0)

    return Indicators(
        hearings=hearings,
        late_starts=Share(int(late or 0), int(with_times or 0)),
        mean_delay_minutes=round(float(mean_delay), 1) if mean_delay is not None else None,
        adjourned=Share(adjourned, recorded),
        adjourned_by_reason=dict(sorted(reasons.items(), key=lambda pair: -pair[1])),
        judges_office=_share(item("A5"), ("judges_office",)),
        caged=_share(item("C1"), ("metal_cage", "glass_cabin")),
        without_counsel=Share(int(unrepresented or 0), int(defendants or 0)),
        torture_allegations=_share(item("K1"), ("yes",)),
        allegations_ignored=_share(item("K6"), ("ignored",)),
        custody_hearing_minutes=round(float(custody_minutes), 1)
        if custody_minutes is not None
        else None,
        custody_orders_reasoned=_share(item("L8"), ("yes",)),
        interpreter_needed=_share(item("I3"), ("yes",)),
        interpreter_provided=_share(item("I3a"), ("yes",)),
    )


def _quarters(session: Session, flt: FindingsFilter) -> list[QuarterRow]:
    year = func.strftime("%Y", hearing_time())
    quarter = (cast(func.strftime("%m", hearing_time()), Integer) + 2) // 3  # integer division
    delay = _minutes_between(Observation.scheduled_at, Observation.started_at)
    rows = session.execute(
        select(
            year,
            quarter,
            func.count(),
            func.count(case((delay >= LATE_AFTER_MINUTES, 1))),
            func.sum(Observation.concern_count),
        )
        .where(counted(flt), hearing_time().is_not(None))
        .group_by(year, quarter)
        .order_by(year, quarter)
    )
    return [
        QuarterRow(f"{y} Q{int(q)}", int(n), int(late or 0), int(c or 0))
        for y, q, n, late, c in rows
    ]


def findings(ws: Workspace, flt: FindingsFilter | None = None) -> Findings:
    """Every count of the findings for the filter (coordinators; read-only, not audited)."""
    ws.require(Permission.VIEW_FINDINGS)
    flt = flt or FindingsFilter()
    with ws.reader() as session:
        hearings = int(
            session.scalar(select(func.count()).select_from(Observation).where(counted(flt))) or 0
        )
        items = _item_counts(session, flt)
        by_item = {item.item_code: item for item in items}
        return Findings(
            filter=flt,
            hearings=hearings,
            items=tuple(items),
            indicators=_indicators(session, flt, hearings, by_item),
            quarters=tuple(_quarters(session, flt)),
            sections=_sections(session, flt),
            by_item=by_item,
        )


def observations_behind(
    ws: Workspace, flt: FindingsFilter, item_code: str | None = None, value: str | None = None
) -> list[int]:
    """The ids of the approved observations behind a number (drill-down): all of the
    filter, or those that answered `item_code` (with `value`)."""
    ws.require(Permission.VIEW_FINDINGS)
    query = _observations(flt)
    if item_code is not None:
        answered = select(ObservationAnswer.observation_id).where(
            ObservationAnswer.item_code == item_code
        )
        if value is not None:
            answered = answered.where(ObservationAnswer.value == value)
        query = query.where(Observation.id.in_(answered))
    with ws.reader() as session:
        return list(session.scalars(query.order_by(Observation.id)))


def record_export(ws: Workspace, what: str, flt: FindingsFilter) -> None:
    """Audit a report or an export of findings leaving the vault, with its filter (codes,
    dates and ids only), so that what left can be told later."""
    ws.require(Permission.VIEW_FINDINGS)
    exports.record_export(ws, "findings", what, flt)

"""The numbers on the Dashboard's tiles, per person: my open cases, cases flagged urgent
and waiting for action, referrals whose answer is overdue, hearings and deadlines in the
next seven days, drafts to finish, observations returned to a monitor or waiting for
review; for coordinators also the month's key numbers with the five months before (for
the small charts). Each is a COUNT in SQL or a count of a list the
Dashboard's panels show anyway; each tile opens its list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from legalaid.domain.cases import Case
from legalaid.domain.enums import CaseStatus, ObservationStatus, Role
from legalaid.domain.intake import Intake
from legalaid.services import agenda, drafts, observations, referrals, statistics
from legalaid.services.permissions import Permission
from legalaid.services.statistics import StatsFilter
from legalaid.services.visibility import case_visible
from legalaid.services.workspace import Workspace

MONTHS = 6  # the month and the five before it, on a coordinator's small charts


@dataclass(frozen=True)
class KeyNumber:
    key: str  # the statistic (services/statistics.MEASURES) it totals
    months: tuple[int, ...]  # oldest first; the last is this month's

    @property
    def this_month(self) -> int:
        return self.months[-1]


@dataclass(frozen=True)
class DashboardNumbers:
    open_cases: int | None  # None: no case is assigned to such a role (paralegal, monitor)
    urgent: int | None
    overdue_referrals: int | None
    hearings_week: int | None
    deadlines_week: int | None
    drafts: int
    key_numbers: tuple[KeyNumber, ...]  # coordinators only; empty for others
    returned_observations: int | None = None  # a monitor's, sent back by the reviewer
    to_review: int | None = None  # submitted observations, for those who review them


KEY_MEASURES = (
    "people_served",
    "cases_opened_by_category",
    "consultations_by_topic",
    "referrals_by_target",
)


def month_starts(today: dt.date, count: int = MONTHS) -> list[dt.date]:
    """The first days of the last `count` months, oldest first (this month last)."""
    firsts = [today.replace(day=1)]
    while len(firsts) < count:
        firsts.append((firsts[-1] - dt.timedelta(days=1)).replace(day=1))
    return firsts[::-1]


def _key_numbers(ws: Workspace, today: dt.date) -> tuple[KeyNumber, ...]:
    starts = month_starts(today)
    ends = [s - dt.timedelta(days=1) for s in starts[1:]] + [today]
    per_month = [
        statistics.tables(ws, StatsFilter(first, last), KEY_MEASURES)
        for first, last in zip(starts, ends, strict=True)
    ]
    return tuple(
        KeyNumber(key, tuple(month[key].total for month in per_month)) for key in KEY_MEASURES
    )


def _monitoring(ws: Workspace) -> dict[str, int | None]:
    """The counts the Monitoring list shows with the same filter (status, mine)."""
    found: dict[str, int | None] = {}
    if ws.may(Permission.OBSERVE_TRIALS) and not ws.may(Permission.REVIEW_OBSERVATIONS):
        found["returned_observations"] = observations.list_observations(
            ws, status=ObservationStatus.RETURNED.value, mine=True, limit=1
        )[1]
    if ws.may(Permission.REVIEW_OBSERVATIONS):
        found["to_review"] = observations.list_observations(
            ws, status=ObservationStatus.SUBMITTED.value, limit=1
        )[1]
    return found


def dashboard_numbers(ws: Workspace, today: dt.date | None = None) -> DashboardNumbers:
    today = today or dt.date.today()
    kept = len(drafts.my_drafts(ws))
    keys = _key_numbers(ws, today) if ws.may(Permission.VIEW_STATISTICS) else ()
    monitoring = _monitoring(ws)
    if not ws.may(Permission.VIEW_RECORDS):
        return DashboardNumbers(None, None, None, None, None, kept, keys, **monitoring)
    me = ws.actor.id
    with ws.reader() as session:
        # The Cases list shows the same: assigned to me, not closed (cases.NOT_CLOSED).
        mine = session.scalar(
            select(func.count())
            .select_from(Case)
            .where(
                Case.assigned_lawyer_id == me,
                Case.status != CaseStatus.CLOSED.value,
                case_visible(ws.actor),
            )
        )
        urgent = session.scalar(
            select(func.count())
            .select_from(Intake)
            .join(Case, Case.id == Intake.case_id)
            .where(
                Intake.urgent.is_(True),
                Intake.urgent_action_at.is_(None),
                case_visible(ws.actor),
            )
        )
    court = agenda.court_dashboard(ws, mine_only=not ws.may(Permission.SEE_ALL_RESTRICTED))
    assigned = ws.actor.role in (Role.LAWYER, Role.COORDINATOR)  # whom cases are given to
    return DashboardNumbers(
        open_cases=int(mine or 0) if assigned else None,
        urgent=int(urgent or 0),
        overdue_referrals=len(referrals.overdue_referrals(ws, today)),
        hearings_week=len(court.hearings_today) + len(court.hearings_this_week),
        deadlines_week=len(court.deadlines_soon),
        drafts=kept,
        key_numbers=keys,
        **monitoring,
    )

"""The court calendar: hearings and deadlines over a period (agenda by day, month view),
filtered by lawyer, court or office; a lawyer booked in two places at once is flagged;
a lawyer's hearings exported as an iCalendar file for a phone; and the Dashboard's court
lists (hearings today and this week, deadlines in the next 7 days, missed deadlines,
detained clients whose custody needs someone to act).

Only the cases the viewer sees are read. The .ics file holds no client names unless the
person asks for them knowingly (`with_names`): a phone's calendar syncs to the cloud.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from legalaid.domain.accounts import Account, Office
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.courts import Custody, Deadline, Hearing, Proceeding
from legalaid.domain.custody_rules import CustodyWarning, custody_warnings
from legalaid.domain.enums import PartyRole
from legalaid.domain.people import Person
from legalaid.i18n import _
from legalaid.services.deadlines import DeadlineRow, deadline_query, deadline_rows
from legalaid.services.permissions import Permission
from legalaid.services.proceedings import HearingRow, hearing_query, hearing_rows, to_utc
from legalaid.services.search_index import full_name
from legalaid.services.timeline import as_utc
from legalaid.services.visibility import case_visible
from legalaid.services.workspace import Workspace

WEEK = dt.timedelta(days=7)


@dataclass(frozen=True)
class AgendaFilter:
    lawyer_login: str | None = None
    court_id: int | None = None
    office_code: str | None = None


@dataclass(frozen=True)
class Agenda:
    hearings: list[HearingRow]
    deadlines: list[DeadlineRow]
    conflicts: frozenset[int]  # ids of hearings that overlap another of the same lawyer

    def on(self, day: dt.date) -> tuple[list[HearingRow], list[DeadlineRow]]:
        """What falls on a local day (for the agenda's day headings and the month grid)."""
        return (
            [h for h in self.hearings if h.starts_at.astimezone().date() == day],
            [d for d in self.deadlines if d.due_at.astimezone().date() == day],
        )


def _local_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, end+1 00:00) in local time, as stored (UTC, naive)."""
    first = dt.datetime.combine(start, dt.time.min)
    last = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
    return to_utc(first), to_utc(last)


def find_conflicts(hearings: list[HearingRow]) -> frozenset[int]:
    """Hearings of one lawyer that overlap in time (two courtrooms at once)."""
    found: set[int] = set()
    by_lawyer: dict[str, list[HearingRow]] = {}
    for hearing in hearings:
        if hearing.lawyer_login:
            by_lawyer.setdefault(hearing.lawyer_login, []).append(hearing)
    for rows in by_lawyer.values():
        rows.sort(key=lambda h: h.starts_at)
        for index, first in enumerate(rows):
            for second in rows[index + 1 :]:
                if second.starts_at >= first.ends_at:
                    break
                found.update((first.id, second.id))
    return frozenset(found)


def agenda(
    ws: Workspace, start: dt.date, end: dt.date, filters: AgendaFilter | None = None
) -> Agenda:
    """Hearings and open deadlines between two local days (both included)."""
    ws.require(Permission.VIEW_RECORDS)
    filters = filters or AgendaFilter()
    low, high = _local_bounds(start, end)
    hearings = (
        hearing_query(ws.actor)
        .where(Hearing.starts_at >= low, Hearing.starts_at < high)
        .order_by(Hearing.starts_at)
    )
    deadlines = (
        deadline_query(ws.actor)
        .where(Deadline.due_at >= low, Deadline.due_at < high)
        .order_by(Deadline.due_at)
    )
    if filters.lawyer_login:
        lawyer = select(Account.id).where(Account.login == filters.lawyer_login).scalar_subquery()
        hearings = hearings.where(Hearing.lawyer_id == lawyer)
        deadlines = deadlines.where(Deadline.responsible_id == lawyer)
    if filters.court_id:
        hearings = hearings.where(Proceeding.court_id == filters.court_id)
        deadlines = deadlines.where(
            Deadline.proceeding_id.in_(
                select(Proceeding.id).where(Proceeding.court_id == filters.court_id)
            )
        )
    if filters.office_code:
        office = select(Office.id).where(Office.code == filters.office_code).scalar_subquery()
        hearings = hearings.where(Case.office_id == office)
        deadlines = deadlines.where(Case.office_id == office)
    with ws.reader() as session:
        found_hearings = hearing_rows(session, hearings)
        found_deadlines = deadline_rows(session, deadlines)
    # Overlaps are looked for among the same lawyers' hearings whatever the other filters.
    return Agenda(found_hearings, found_deadlines, find_conflicts(found_hearings))


# --- the Dashboard ----------------------------------------------------------------------


@dataclass(frozen=True)
class CustodyAlert:
    custody_id: int
    case_id: int
    case_number: str
    warning: CustodyWarning


@dataclass(frozen=True)
class CourtDashboard:
    hearings_today: list[HearingRow]
    hearings_this_week: list[HearingRow]  # after today, within 7 days
    deadlines_soon: list[DeadlineRow]  # open, due within the next 7 days
    deadlines_missed: list[DeadlineRow]  # open and past
    custody: list[CustodyAlert]


def court_dashboard(
    ws: Workspace, mine_only: bool = True, now: dt.datetime | None = None
) -> CourtDashboard:
    """What a lawyer must see today (a coordinator: everyone's when `mine_only` is off)."""
    ws.require(Permission.VIEW_RECORDS)
    now = (now or dt.datetime.now(dt.UTC)).astimezone()
    today = now.date()
    mine = AgendaFilter(lawyer_login=ws.actor.login if mine_only else None)
    week = agenda(ws, today, today + WEEK, mine)
    stored_now = to_utc(now)
    missed_query = deadline_query(ws.actor).where(
        Deadline.state == "open", Deadline.due_at < stored_now
    )
    if mine.lawyer_login:
        missed_query = missed_query.where(Account.login == mine.lawyer_login)
    with ws.reader() as session:
        missed = deadline_rows(session, missed_query.order_by(Deadline.due_at).limit(200))
        alerts = _custody_alerts(session, ws, now)
    return CourtDashboard(
        hearings_today=[h for h in week.hearings if h.starts_at.astimezone().date() == today],
        hearings_this_week=[h for h in week.hearings if h.starts_at.astimezone().date() > today],
        deadlines_soon=[d for d in week.deadlines if d.state.value == "open" and d.due_at >= now],
        deadlines_missed=missed,
        custody=alerts,
    )


def _custody_alerts(session: object, ws: Workspace, now: dt.datetime) -> list[CustodyAlert]:
    rows = session.execute(  # type: ignore[attr-defined]
        select(Custody, Case.number)
        .join(Case, Case.id == Custody.case_id)
        .where(Custody.released_on.is_(None), case_visible(ws.actor))
    )
    alerts = []
    for custody, number in rows:
        for warning in custody_warnings(
            as_utc(custody.detained_at),
            as_utc(custody.decision_at) if custody.decision_at else None,
            custody.custody_until,
            custody.released_on,
            now,
        ):
            alerts.append(CustodyAlert(custody.id, custody.case_id, number, warning))
    return sorted(alerts, key=lambda a: a.warning.deadline)


# --- iCalendar -------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines of at most 75 octets, continued with CRLF and a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def hearings_ics(
    ws: Workspace,
    start: dt.date,
    end: dt.date,
    lawyer_login: str | None = None,
    with_names: bool = False,
) -> bytes:
    """A lawyer's hearings (the actor's by default) as an .ics calendar: court, courtroom,
    case and court numbers; the client's name only with `with_names`."""
    login = lawyer_login or ws.actor.login
    found = agenda(ws, start, end, AgendaFilter(lawyer_login=login)).hearings
    names: dict[int, str] = {}
    if with_names and found:
        with ws.reader() as session:
            rows = session.execute(
                select(CaseParty.case_id, Person.surname, Person.given_name, Person.patronymic)
                .join(Person, Person.id == CaseParty.person_id)
                .where(
                    CaseParty.case_id.in_({h.case_id for h in found}),
                    CaseParty.role == PartyRole.CLIENT.value,
                )
            )
            for case_id, surname, given, patronymic in rows:
                names.setdefault(case_id, full_name(surname, given, patronymic))
    now = _stamp(dt.datetime.now(dt.UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Legal Aid Desk//hearings//EN",
        "CALSCALE:GREGORIAN",
    ]
    for hearing in found:
        summary = _("Hearing: {court}, case {number}").format(
            court=hearing.court, number=hearing.court_number or hearing.case_number
        )
        if with_names and hearing.case_id in names:
            summary += f" ({names[hearing.case_id]})"
        description = " · ".join(
            part for part in (hearing.kind.label, hearing.case_number, hearing.court_number) if part
        )
        place = ", ".join(part for part in (hearing.court, hearing.courtroom) if part)
        lines += [
            "BEGIN:VEVENT",
            f"UID:hearing-{hearing.id}@legal-aid-desk",
            f"DTSTAMP:{now}",
            f"DTSTART:{_stamp(hearing.starts_at)}",
            f"DTEND:{_stamp(hearing.ends_at)}",
            _fold(f"SUMMARY:{_escape(summary)}"),
            _fold(f"LOCATION:{_escape(place)}"),
            _fold(f"DESCRIPTION:{_escape(description)}"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")

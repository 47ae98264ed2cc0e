"""Procedural deadlines computed from events, by rules kept as data.

resources/reference/deadline_rules.json holds each rule: the event it counts from (a
judgment announced, its copy received, actual detention...), how much (hours, days,
months), and how it counts: from the day after the event, in calendar days, and what
happens when the last day is not a working day (moved to the next working day, or kept).
resources/reference/holidays.json holds Kyrgyzstan's public holidays per year, with the
Saturdays that are working days and the extra days off of that year.

    rules = deadline_rules()
    due = due_moment(rules["civil_appeal"], event_at, working_calendar())

`due_moment` returns the last moment (local time) the deadline is still kept: the end of
the last day for days and months, the exact hour for hours (48 hours from actual
detention run through nights and holidays). Rules marked `verify` are shown as such: a
partner lawyer confirms them against the codes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from legalaid.paths import resources_dir

END_OF_DAY = dt.time(23, 59, 59)
UNITS = ("hours", "days", "months")


@dataclass(frozen=True)
class DeadlineRule:
    code: str
    names: dict[str, str]
    proceeding_kinds: tuple[str, ...]
    trigger: str
    amount: int
    unit: str  # hours, days or months
    start_next_day: bool
    move_to_working_day: bool
    legal_basis: str
    source: str
    verify: bool
    warn_before_days: int | None = None

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or self.code


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are working days in Kyrgyzstan (weekends, public holidays, transfers)."""

    holidays: frozenset[dt.date]
    working_weekends: frozenset[dt.date]
    known_years: frozenset[int]

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.holidays:
            return False
        if day.weekday() >= 5:
            return day in self.working_weekends
        return True

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself if it is a working day, else the first one after it."""
        for _ in range(60):
            if self.is_working_day(day):
                return day
            day += dt.timedelta(days=1)
        return day  # unreachable with real calendars; never loop forever on bad data

    def knows(self, day: dt.date) -> bool:
        """Whether the holidays of that year are in the data (else only weekends count)."""
        return day.year in self.known_years


def _rule(entry: dict[str, Any]) -> DeadlineRule:
    counting = entry.get("counting") or {}
    unit = entry["unit"]
    if unit not in UNITS:
        raise ValueError(f"deadline rule {entry.get('code')!r}: unknown unit {unit!r}")
    return DeadlineRule(
        code=entry["code"],
        names=dict(entry.get("names") or {}),
        proceeding_kinds=tuple(entry.get("proceeding_kinds") or ()),
        trigger=entry["trigger"],
        amount=int(entry["amount"]),
        unit=unit,
        start_next_day=counting.get("start", "next_day") == "next_day",
        move_to_working_day=counting.get("if_last_day_non_working", "next_working_day")
        == "next_working_day",
        legal_basis=entry.get("legal_basis", ""),
        source=entry.get("source", ""),
        verify=bool(entry.get("verify", False)),
        warn_before_days=entry.get("warn_before_days"),
    )


@cache
def rules_file() -> dict[str, Any]:
    path = resources_dir() / "reference" / "deadline_rules.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def deadline_rules() -> dict[str, DeadlineRule]:
    """The shipped rules by code."""
    return {entry["code"]: _rule(entry) for entry in rules_file()["rules"]}


def rules_version() -> str:
    return str(rules_file().get("version", ""))


@cache
def working_calendar() -> WorkingCalendar:
    path = resources_dir() / "reference" / "holidays.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    holidays: set[dt.date] = set()
    working: set[dt.date] = set()
    years: set[int] = set()
    for year, entry in data["years"].items():
        years.add(int(year))
        holidays.update(dt.date.fromisoformat(h["date"]) for h in entry.get("holidays", []))
        holidays.update(dt.date.fromisoformat(d) for d in entry.get("extra_days_off", []))
        working.update(dt.date.fromisoformat(d) for d in entry.get("working_weekends", []))
    return WorkingCalendar(frozenset(holidays), frozenset(working), frozenset(years))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_moment(rule: DeadlineRule, event_at: dt.datetime, days: WorkingCalendar) -> dt.datetime:
    """The last moment the deadline is kept, in the time zone of `event_at`."""
    if rule.unit == "hours":
        return event_at + dt.timedelta(hours=rule.amount)
    start = event_at.date()
    if rule.unit == "days":
        # Counted from the next day: the event's own day is day 0.
        last = start + dt.timedelta(days=rule.amount if rule.start_next_day else rule.amount - 1)
    else:
        last = add_months(start, rule.amount)
        if not rule.start_next_day:  # the event's own day counts: a day less
            last -= dt.timedelta(days=1)
    if rule.move_to_working_day:
        last = days.next_working_day(last)
    return dt.datetime.combine(last, END_OF_DAY, tzinfo=event_at.tzinfo)

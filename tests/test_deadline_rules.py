"""Deadlines counted by the shipped rules and Kyrgyzstan's calendar (data in
resources/reference): table-driven, each row a rule, an event and the day it runs out."""

from __future__ import annotations

import datetime as dt

import pytest

from legalaid.domain.deadline_rules import (
    END_OF_DAY,
    WorkingCalendar,
    add_months,
    deadline_rules,
    due_moment,
    working_calendar,
)

TZ = dt.timezone(dt.timedelta(hours=6))


def at(day: str, hour: int = 11) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=TZ)


@pytest.mark.parametrize(
    ("rule", "event", "due_day", "why"),
    [
        # 30 days from Sunday 29 Nov 2026: Tuesday 29 Dec, a working day.
        ("civil_appeal", "2026-11-29", "2026-12-29", "plain count from the next day"),
        # 15 days from 12 Dec 2026: Sunday 27 Dec, moved to Monday 28 Dec.
        ("criminal_appeal", "2026-12-12", "2026-12-28", "a Sunday moves to Monday"),
        # 15 days from 17 Dec 2026: 1 Jan 2027, and the New Year days run to 7 Jan.
        ("criminal_appeal", "2026-12-17", "2027-01-08", "holidays move it on"),
        # 10 days from 28 Apr 2026: 8 May, inside the May holidays (1-9 May): Monday 11 May.
        ("offence_appeal", "2026-04-28", "2026-05-11", "holidays then a weekend"),
        # 3 months from 30 Nov 2026: 28 Feb 2027 (a Sunday) -> Monday 1 Mar.
        ("civil_cassation", "2026-11-30", "2027-03-01", "month end, then a Sunday"),
        # 10 days from an aksakal court's decision of 1 Dec 2026: Friday 11 Dec.
        ("aksakal_appeal", "2026-12-01", "2026-12-11", "ten days"),
    ],
)
def test_a_rules_deadline(rule: str, event: str, due_day: str, why: str) -> None:
    due = due_moment(deadline_rules()[rule], at(event), working_calendar())
    assert due == dt.datetime.combine(dt.date.fromisoformat(due_day), END_OF_DAY, tzinfo=TZ), why


def test_48_hours_run_through_nights_weekends_and_holidays() -> None:
    rule = deadline_rules()["detention_48h"]
    detained = at("2026-12-31", 22)  # New Year's Eve, late
    assert due_moment(rule, detained, working_calendar()) == detained + dt.timedelta(hours=48)


def test_a_custody_term_counts_the_first_day() -> None:
    rule = deadline_rules()["custody_term"]  # 2 months, the day of the order included
    due = due_moment(rule, at("2026-11-10"), working_calendar())
    assert due.date() == dt.date(2027, 1, 9)  # kept even on a holiday or a weekend


def test_a_working_saturday_counts_as_a_working_day() -> None:
    saturday = dt.date(2026, 12, 26)
    calendar = WorkingCalendar(frozenset(), frozenset({saturday}), frozenset({2026}))
    assert calendar.next_working_day(saturday) == saturday
    plain = WorkingCalendar(frozenset(), frozenset(), frozenset({2026}))
    assert plain.next_working_day(saturday) == dt.date(2026, 12, 28)


def test_months_end_on_the_months_last_day_when_shorter() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 12, 15), 2) == dt.date(2027, 2, 15)


def test_every_shipped_rule_gives_a_deadline_after_its_event() -> None:
    event = at("2026-06-15")
    for code, rule in deadline_rules().items():
        due = due_moment(rule, event, working_calendar())
        assert due > event, code
        if rule.unit != "hours" and rule.move_to_working_day:
            assert working_calendar().is_working_day(due.date()), code


def test_the_calendar_knows_the_years_in_the_data() -> None:
    calendar = working_calendar()
    assert calendar.knows(dt.date(2026, 1, 1)) and not calendar.knows(dt.date(2030, 1, 1))
    assert not calendar.is_working_day(dt.date(2026, 1, 1))
    assert not calendar.is_working_day(dt.date(2026, 11, 28))  # a Saturday
    assert calendar.is_working_day(dt.date(2026, 11, 30))

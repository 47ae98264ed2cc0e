"""Custody warnings at their boundaries: 48 hours without a court decision, and a custody
term about to end or ended."""

from __future__ import annotations

import datetime as dt

import pytest

from legalaid.domain.custody_rules import (
    NO_DECISION_LATE,
    NO_DECISION_SOON,
    TERM_ENDING,
    TERM_PASSED,
    custody_warnings,
)

TZ = dt.timezone(dt.timedelta(hours=6))  # Bishkek time
DETAINED = dt.datetime(2026, 11, 20, 10, 0, tzinfo=TZ)


def codes(now: dt.datetime, **fields: object) -> list[str]:
    values: dict[str, object] = {
        "detained_at": DETAINED,
        "decision_at": None,
        "custody_until": None,
        "released_on": None,
        **fields,
    }
    return [w.code for w in custody_warnings(now=now, **values)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (35, []),
        (36, []),  # exactly 12 hours before: not yet
        (36.01, [NO_DECISION_SOON]),
        (48, [NO_DECISION_SOON]),  # the last moment of the 48 hours
        (48.01, [NO_DECISION_LATE]),
    ],
)
def test_the_48_hours_without_a_court_decision(hours: float, expected: list[str]) -> None:
    assert codes(DETAINED + dt.timedelta(hours=hours)) == expected


def test_a_decision_or_a_release_ends_the_warning() -> None:
    late = DETAINED + dt.timedelta(hours=60)
    assert codes(late, decision_at=DETAINED + dt.timedelta(hours=30)) == []
    assert codes(late, released_on=late.date()) == []


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 12, 14), []),
        (dt.date(2026, 12, 15), [TERM_ENDING]),  # five days before the last day
        (dt.date(2026, 12, 20), [TERM_ENDING]),  # the last day itself
        (dt.date(2026, 12, 21), [TERM_PASSED]),
    ],
)
def test_a_custody_term_ending(today: dt.date, expected: list[str]) -> None:
    now = dt.datetime.combine(today, dt.time(9), tzinfo=TZ)
    decided = DETAINED + dt.timedelta(hours=20)
    assert codes(now, decision_at=decided, custody_until=dt.date(2026, 12, 20)) == expected

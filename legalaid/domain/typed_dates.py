"""Dates as people type them in forms and registers: 28.11.2026, 28/11/2026, 28-11-2026 or
2026-11-28 (an XLSX date arrives as the last). Anything else, a two-digit year included
("28.11.26" could be 1926 or 2026), is not a date: the caller says so."""

from __future__ import annotations

import datetime as dt
import re

_DATE_SHAPES = (
    re.compile(r"(?P<d>\d{1,2})[./\-](?P<m>\d{1,2})[./\-](?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
)


def parse_typed_date(text: str) -> dt.date | None:
    """The date, or None when the text is none of the shapes or no such day exists."""
    for shape in _DATE_SHAPES:
        found = shape.fullmatch(text.strip())
        if found:
            try:
                return dt.date(int(found["y"]), int(found["m"]), int(found["d"]))
            except ValueError:
                return None
    return None

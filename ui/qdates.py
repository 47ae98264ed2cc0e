"""Dates between Python and Qt, and the date field every form uses (dd.MM.yyyy, four-digit
years in every language, a calendar to pick from)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

FORM_DATE_FORMAT = "dd.MM.yyyy"


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_edit(value: dt.date | None = None, latest: dt.date | None = None) -> QDateEdit:
    """A date field showing `value` (today when None), never after `latest` when given."""
    edit = QDateEdit()
    edit.setDisplayFormat(FORM_DATE_FORMAT)
    edit.setCalendarPopup(True)
    if latest is not None:
        edit.setMaximumDate(to_qdate(latest))
    edit.setDate(to_qdate(value or dt.date.today()))
    return edit

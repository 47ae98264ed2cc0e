"""The case list's filter bar: every filter narrows the paged list in the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from helpers.make_vault import OTHER_PASSPHRASE
from helpers.records import case_for, person
from pytestqt.qtbot import QtBot

from legalaid.domain.enums import CaseStatus, Region, Role
from legalaid.services import accounts, cases, offices
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.case_filters import CUSTOM, CaseFilterBar
from ui.models import CaseListModel
from ui.qdates import to_qdate

LONG_AGO = dt.date(2024, 3, 15)


@pytest.fixture
def bar(qtbot: QtBot, workspace: Workspace) -> Iterator[CaseFilterBar]:
    make_qt_application()
    offices.add_office(
        workspace, "BATKEN", {"ky": "Баткен", "ru": "Баткен", "en": "Batken"}, Region.BATKEN
    )
    accounts.add_account(workspace, "lawyer1", "Бакыт Асанов", Role.LAWYER, OTHER_PASSPHRASE)
    client = person(workspace, "Өмүрбекова", "Айгүл")
    case_for(workspace, client, "FAM", assigned_lawyer="lawyer1")
    case_for(workspace, client, "LAB", office_code="BATKEN")
    old = case_for(workspace, client, "GBV", opened_on=LONG_AGO)
    cases.change_status(workspace, old.id, CaseStatus.OPEN)
    model = CaseListModel(workspace)
    widget = CaseFilterBar(model)
    qtbot.addWidget(widget)
    yield widget
    model.close()


def _choose(combo: object, data: object) -> None:
    index = combo.findData(data)  # type: ignore[attr-defined]
    assert index >= 0, data
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def test_office_and_lawyer_narrow_the_list(bar: CaseFilterBar) -> None:
    assert bar.model.total() == 3 and "3 cases" in bar.total.text()
    _choose(bar.office, "BATKEN")
    assert bar.model.total() == 1 and bar.model.case_filter().office_code == "BATKEN"
    _choose(bar.office, None)
    _choose(bar.lawyer, "lawyer1")
    assert bar.model.total() == 1 and "1 case" in bar.total.text()
    _choose(bar.lawyer, None)
    _choose(bar.status, CaseStatus.OPEN)
    assert bar.model.total() == 1


def test_a_period_and_a_custom_range_filter_on_the_opening_date(bar: CaseFilterBar) -> None:
    _choose(bar.period, "month")
    assert bar.model.total() == 2  # the two opened today
    _choose(bar.period, "last_year")
    assert bar.model.total() == (1 if LONG_AGO.year == dt.date.today().year - 1 else 0)
    _choose(bar.period, CUSTOM)
    assert not bar.opened_from.isHidden() and not bar.opened_to.isHidden()
    bar.opened_from.setDate(to_qdate(dt.date(2024, 1, 1)))
    bar.opened_to.setDate(to_qdate(dt.date(2024, 12, 31)))
    assert bar.model.total() == 1
    filters = bar.model.case_filter()
    assert (filters.opened_from, filters.opened_to) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    _choose(bar.period, "any")
    assert bar.opened_from.isHidden() and bar.model.total() == 3

"""A case's timeline tab and the Dashboard, driven as a person would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from helpers.make_vault import OTHER_PASSPHRASE
from helpers.qt_input import type_text
from helpers.records import case_for, person
from PySide6.QtCore import QDateTime, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from legalaid import i18n
from legalaid.domain.enums import ActivityKind, Role
from legalaid.domain.timeline import CaseTask
from legalaid.i18n import format_form_date, sentence_case
from legalaid.services import accounts, timeline
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.dashboard_page import DashboardPage
from ui.qdates import to_qdate
from ui.qt_i18n import QtLanguage
from ui.timeline_view import (
    OVERDUE_COLOUR,
    OVERDUE_ROLE,
    TaskTableModel,
    TimelineModel,
    TimelineView,
)

NOTE = "Клиентка келди, ажырашууну сурады"


@dataclass
class Desk:
    ws: Workspace
    case_id: int
    case_number: str
    view: TimelineView
    dashboard: DashboardPage


def _acting_as(ws: Workspace, login: str) -> Workspace:
    info = next(a for a in accounts.list_accounts(ws) if a.login == login)
    return Workspace(ws.vault, info)


@pytest.fixture
def desk(qtbot: QtBot, workspace: Workspace) -> Desk:
    make_qt_application()
    accounts.add_account(workspace, "para1", "Айгүл Осмонова", Role.PARALEGAL, OTHER_PASSPHRASE)
    accounts.add_account(workspace, "lawyer1", "Бакыт Асанов", Role.LAWYER, OTHER_PASSPHRASE)
    case = case_for(workspace, person(workspace, "Өмүрбекова", "Айгүл"), "FAM")
    view = TimelineView()
    dashboard = DashboardPage(workspace)
    for widget in (view, dashboard):
        qtbot.addWidget(widget)
        widget.resize(1200, 700)
        widget.show()
    view.show_case(workspace, case.id)
    return Desk(workspace, case.id, case.number, view, dashboard)


@pytest.fixture
def qt_language() -> Iterator[None]:
    """Qt follows the app's language (LanguageChange reaches every widget), as in the app."""
    language = QtLanguage()
    i18n.add_language_listener(language.apply)
    yield
    i18n.set_language("en")
    i18n.remove_language_listener(language.apply)


def _choose(combo: object, data: object) -> None:
    index = combo.findData(data)  # type: ignore[attr-defined]
    assert index >= 0, data
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def _cell(model: TimelineModel | TaskTableModel, row: int, column: int) -> str:
    return str(model.data(model.index(row, column)))


def _click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_a_refused_note_keeps_what_was_typed_and_then_saves(qtbot: QtBot, desk: Desk) -> None:
    view = desk.view
    assert view.model.rowCount() == 1 and view.model.item_at(0).kind == "case_opened"
    _choose(view.kind, ActivityKind.NOTE.value)
    view.duration.selectAll()
    qtbot.keyClicks(view.duration, "20")
    when = view.occurred_at.dateTime()
    _click(qtbot, view.save_button)
    error = view.entry_rows.errors["text"]
    assert error.isVisible() and "note" in error.text().lower()
    assert view.duration.value() == 20 and view.occurred_at.dateTime() == when
    assert view.model.rowCount() == 1  # nothing saved

    type_text(view.text, NOTE)
    view.occurred_at.setDateTime(QDateTime.currentDateTime().addDays(1))
    _click(qtbot, view.save_button)
    assert view.entry_rows.errors["occurred_at"].isVisible()
    assert not view.entry_rows.errors["text"].isVisible()
    assert view.text.toPlainText() == NOTE and view.model.rowCount() == 1

    # Now: later than the case's opening today (an hour ago is yesterday just after midnight).
    view.occurred_at.setDateTime(QDateTime.currentDateTime())
    with qtbot.waitSignal(view.changed, timeout=5_000):
        _click(qtbot, view.save_button)
    assert not view.entry_rows.errors["occurred_at"].isVisible()
    assert view.text.toPlainText() == "" and view.duration.value() == 0  # ready for the next
    assert view.model.rowCount() == 2
    assert _cell(view.model, 0, TimelineModel.KIND) == "Note"
    assert _cell(view.model, 0, TimelineModel.WHO) == "Test Coordinator"
    assert _cell(view.model, 0, TimelineModel.DURATION) == "20 min"
    assert _cell(view.model, 0, TimelineModel.DETAILS) == NOTE
    when_shown = _cell(view.model, 0, TimelineModel.WHEN)
    saved_at = view.model.item_at(0).local_at
    assert when_shown == f"{format_form_date(saved_at.date())} {saved_at:%H:%M}"
    view.list.selectRow(0)
    assert NOTE in view.detail.toPlainText() and "Test Coordinator" in view.detail.toPlainText()


def test_an_activity_by_someone_else_with_hours(qtbot: QtBot, desk: Desk) -> None:
    view = desk.view
    assert view.staff.currentData() == "admin"  # who did it: the person at the keyboard
    _choose(view.kind, ActivityKind.VISIT.value)
    _choose(view.staff, "para1")
    view.duration.setValue(90)
    _click(qtbot, view.save_button)
    assert _cell(view.model, 0, TimelineModel.KIND) == "Visit"
    assert _cell(view.model, 0, TimelineModel.WHO) == "Айгүл Осмонова"
    assert _cell(view.model, 0, TimelineModel.DURATION) == "1 h 30 min"


def test_a_task_goes_to_the_dashboard_until_it_is_done(
    qtbot: QtBot, desk: Desk, qtmodeltester: ModelTester
) -> None:
    view, dashboard = desk.view, desk.dashboard
    view.changed.connect(dashboard.refresh)  # as the main window wires them
    assert dashboard.model.rowCount() == 0 and dashboard.summary.text() == "No open tasks."
    assert view.no_tasks.isVisible() and not view.tasks.isVisible()

    _click(qtbot, view.add_task_button)  # no title yet
    assert view.task_rows.errors["title"].isVisible()
    type_text(view.task_title, "Арыз жазып берүү")
    _choose(view.assignee, "admin")
    _click(qtbot, view.has_due)
    view.due_on.setDate(to_qdate(dt.date.today() - dt.timedelta(days=1)))
    _click(qtbot, view.add_task_button)
    assert view.task_rows.errors["due_on"].isVisible()
    assert view.task_title.text() == "Арыз жазып берүү"  # kept
    view.due_on.setDate(to_qdate(dt.date.today() + dt.timedelta(days=3)))
    with qtbot.waitSignal(view.changed, timeout=5_000):
        _click(qtbot, view.add_task_button)
    assert view.task_title.text() == "" and not view.task_rows.errors["due_on"].isVisible()
    assert view.task_model.rowCount() == 1 and view.tasks.isVisible()
    assert _cell(view.task_model, 0, 1) == "Арыз жазып берүү"
    assert _cell(view.task_model, 0, 0) == format_form_date(dt.date.today() + dt.timedelta(days=3))
    assert _cell(view.model, 0, TimelineModel.KIND) == "Task set"

    assert dashboard.model.rowCount() == 1
    case_column = dashboard.model.column_of(TaskTableModel.CASE)
    assert _cell(dashboard.model, 0, case_column) == desk.case_number
    assert dashboard.summary.text() == "1 open task"
    qtmodeltester.check(view.model)
    qtmodeltester.check(dashboard.model)

    assert not view.done_button.isEnabled()
    view.tasks.selectRow(0)
    with qtbot.waitSignal(view.changed, timeout=5_000):
        _click(qtbot, view.done_button)
    assert view.task_model.rowCount() == 0 and view.no_tasks.isVisible()
    assert [view.model.item_at(r).kind for r in range(2)] == ["task_done", "task_set"]
    assert dashboard.model.rowCount() == 0 and dashboard.summary.text() == "No open tasks."


def _overdue(ws: Workspace, task_id: int, days: int) -> None:
    with ws.session() as session:
        session.execute(
            update(CaseTask)
            .where(CaseTask.id == task_id)
            .values(due_on=dt.date.today() - dt.timedelta(days=days))
        )
        session.commit()


def test_the_dashboard_marks_overdue_tasks_and_opens_their_case(qtbot: QtBot, desk: Desk) -> None:
    dashboard = desk.dashboard
    soon = timeline.add_task(desk.ws, desk.case_id, "Сотко чалуу", "admin", dt.date.today())
    late = timeline.add_task(desk.ws, desk.case_id, "Справка алуу", "admin", dt.date.today())
    timeline.add_task(desk.ws, desk.case_id, "Not for me", "para1", dt.date.today())
    _overdue(desk.ws, late.id, 2)
    _click(qtbot, dashboard.refresh_button)
    model = dashboard.model
    assert [model.task_at(r).id for r in range(model.rowCount())] == [late.id, soon.id]
    due = model.column_of(TaskTableModel.DUE)
    assert model.data(model.index(0, due), OVERDUE_ROLE) is True
    assert model.data(model.index(0, due), Qt.ItemDataRole.ForegroundRole).color() == (
        OVERDUE_COLOUR
    )
    assert "overdue" in _cell(model, 0, due) and "overdue" not in _cell(model, 1, due)
    assert model.data(model.index(1, due), Qt.ItemDataRole.ForegroundRole) is None
    assert dashboard.summary.text() == "2 open tasks, 1 overdue"

    opened: list[int] = []
    dashboard.open_case.connect(opened.append)
    dashboard.view.setFocus()
    dashboard.view.setCurrentIndex(model.index(1, 0))
    qtbot.keyClick(dashboard.view, Qt.Key.Key_Return)
    assert opened == [desk.case_id]
    cell = dashboard.view.visualRect(model.index(0, 1)).center()
    # A double-click as the system delivers it: press and release, then the double-click.
    qtbot.mouseClick(dashboard.view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(dashboard.view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert opened == [desk.case_id, desk.case_id]  # once per double-click

    dashboard.view.selectRow(0)
    with qtbot.waitSignal(dashboard.changed, timeout=5_000):
        _click(qtbot, dashboard.done_button)
    assert [model.task_at(r).id for r in range(model.rowCount())] == [soon.id]
    dashboard.clear()
    assert model.rowCount() == 0 and not dashboard.done_button.isEnabled()


def test_nothing_of_the_case_is_left_after_clear(qtbot: QtBot, desk: Desk) -> None:
    view = desk.view
    timeline.add_entry(
        desk.ws, desk.case_id, timeline.EntryInput(ActivityKind.NOTE, dt.datetime.now(), None, NOTE)
    )
    timeline.add_task(desk.ws, desk.case_id, "Арыз", "admin")
    view.reload()
    desk.dashboard.refresh()
    view.list.selectRow(0)
    type_text(view.text, "Жаңы маалымат")
    type_text(view.task_title, "Дагы бир иш")
    assert view.model.rowCount() == 3 and view.task_model.rowCount() == 1
    view.clear()
    desk.dashboard.clear()
    assert (view.ws, view.case_id) == (None, None)
    assert view.model.rowCount() == view.task_model.rowCount() == 0
    assert desk.dashboard.model.rowCount() == 0
    assert view.text.toPlainText() == view.task_title.text() == view.detail.toPlainText() == ""
    assert view.staff.count() == view.assignee.count() == 0
    assert not view.entry_box.isVisible()


def test_forms_are_offered_only_to_who_may_change_the_case(qtbot: QtBot, desk: Desk) -> None:
    theirs = case_for(desk.ws, person(desk.ws, "Асанов", "Бакыт"), "LAB", assigned_lawyer="admin")
    lawyer = _acting_as(desk.ws, "lawyer1")
    desk.view.show_case(lawyer, theirs.id)
    assert desk.view.model.rowCount() == 1  # reading is allowed
    assert desk.view.entry_box.isHidden() and desk.view.new_task.isHidden()
    desk.view.show_case(_acting_as(desk.ws, "para1"), theirs.id)
    assert not desk.view.entry_box.isHidden() and desk.view.staff.currentData() == "para1"


def test_a_monitor_has_no_task_list(qtbot: QtBot, workspace: Workspace) -> None:
    make_qt_application()
    accounts.add_account(workspace, "mon1", "Монитор", Role.MONITOR, OTHER_PASSPHRASE)
    page = DashboardPage(_acting_as(workspace, "mon1"))
    qtbot.addWidget(page)
    page.show()
    assert page.view.isHidden() and "staff who work on cases" in page.summary.text()


def test_switching_language_retranslates_both(
    qtbot: QtBot, desk: Desk, qt_language: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, dashboard = desk.view, desk.dashboard
    timeline.add_task(
        desk.ws, desk.case_id, "Арыз", "admin", dt.date.today() + dt.timedelta(days=1)
    )
    dashboard.refresh()
    view.reload()
    type_text(view.text, "Кеңеш")
    retranslated: list[str] = []
    original = DashboardPage.retranslate_ui

    def spy(page: DashboardPage) -> None:
        retranslated.append("dashboard")
        original(page)

    monkeypatch.setattr(DashboardPage, "retranslate_ui", spy)
    advice = view.kind.findData(ActivityKind.ADVICE.value)
    assert view.kind.itemText(advice) == "Advice given"
    i18n.set_language("ru")
    qtbot.waitUntil(lambda: view.save_button.text() == i18n._("Save"), timeout=3_000)
    assert view.save_button.text() != "Save"
    assert view.kind.itemText(advice) == sentence_case(i18n._("advice given")) != "Advice given"
    qtbot.waitUntil(lambda: "dashboard" in retranslated, timeout=3_000)
    due = dashboard.model.column_of(TaskTableModel.DUE)
    assert _cell(dashboard.model, 0, due) == (dt.date.today() + dt.timedelta(days=1)).strftime(
        "%d.%m.%Y"
    )
    assert view.text.toPlainText() == "Кеңеш"  # typed input survives the switch

"""Work done from the court calendar itself: a hearing added to a case found by its number on
the day chosen in the month, a wrong number said at its field with the rest kept, a hearing's
result recorded from the agenda (adjourned to a next date that becomes a hearing), a result
recorded again starting from what was saved, and the Dashboard's court lists following it
all in the main window."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.qt_input import type_text
from helpers.records import FEMALE, case_for, person
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain.enums import HearingResult, Role
from legalaid.services import courts, proceedings
from legalaid.services.proceedings import HearingInput, HearingRow, ProceedingInput
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.court_dialogs import HearingDialog, HearingResultDialog
from ui.court_page import CourtPage
from ui.main_window import MainWindow

TODAY = dt.date.today


def typed_date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills", "Нурбек Жээнбеков")
    return workspace


def a_case_in_court(ws: Workspace) -> tuple[str, int, int]:
    """(case number, case id, proceeding id) of a client's criminal case at Osh City Court."""
    client = person(ws, "Асанова", "Жылдыз", gender=FEMALE)
    case = case_for(ws, client, "CRJ", assigned_lawyer="lawyer")
    court_id = next(c.id for c in courts.list_courts(ws) if c.code == "osh-city-court")
    proceeding = proceedings.add_proceeding(
        ws,
        case.id,
        ProceedingInput(
            court_id, "criminal", "accused", court_number="УД-77/26", lawyer_login="lawyer"
        ),
    )
    return case.number, case.id, proceeding.id


@pytest.fixture
def page(qtbot: QtBot, office: Workspace) -> CourtPage:
    make_qt_application()
    shown = CourtPage(as_user(office, "lawyer"))
    qtbot.addWidget(shown)
    shown.resize(1080, 680)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def hearings_shown(page: CourtPage) -> list[HearingRow]:
    rows = (page.model.row_at(r) for r in range(page.model.rowCount()))
    return [r for r in rows if isinstance(r, HearingRow)]


def choose(page: CourtPage, hearing_id: int) -> None:
    """Choose the hearing's row in the agenda, as a click would."""
    row = next(
        r
        for r in range(page.model.rowCount())
        if isinstance(h := page.model.row_at(r), HearingRow) and h.id == hearing_id
    )
    page.view.setCurrentIndex(page.model.index(row, 0))


def test_a_hearing_is_added_on_the_day_chosen_in_the_month(
    qtbot: QtBot, page: CourtPage, office: Workspace
) -> None:
    number, case_id, pid = a_case_in_court(office)
    page.month_button.click()
    day = TODAY() + dt.timedelta(days=9)
    page.show_month(day)
    page.month_view.setCurrentIndex(page.month_model.index_of(day))

    dialog = page.new_hearing()
    assert isinstance(dialog, HearingDialog) and dialog.isVisible()
    assert dialog.starts_at.date_part.text() == typed_date(day)
    assert dialog.proceeding_box.count() == 0  # no case chosen on a month's day
    type_text(dialog.case_number, number.lower())  # typed as it comes, found all the same
    dialog.case_number.editingFinished.emit()
    assert dialog.proceeding_box.currentData() == pid
    assert "УД-77/26" in dialog.proceeding_box.currentText()
    assert "Нурбек Жээнбеков" in dialog.lawyer.itemText(0)  # the proceeding's lawyer
    type_text(dialog.starts_at.time_part, "1430")
    type_text(dialog.courtroom, "Зал 2")
    with qtbot.waitSignal(page.changed):
        dialog.save()
    assert not dialog.isVisible()

    saved = proceedings.get_proceeding(office, pid).hearings
    assert len(saved) == 1 and saved[0].courtroom == "Зал 2"
    assert saved[0].starts_at.astimezone().date() == day
    assert saved[0].starts_at.astimezone().strftime("%H:%M") == "14:30"
    assert page.mode == page.AGENDA and page.start == day  # shown on its day, chosen
    chosen = page.chosen()
    assert isinstance(chosen, HearingRow) and chosen.id == saved[0].id
    assert chosen.case_id == case_id


def test_a_wrong_case_number_is_said_at_its_field_and_the_rest_stays(
    page: CourtPage, office: Workspace
) -> None:
    number, _case_id, pid = a_case_in_court(office)
    plain = case_for(office, person(office, "Токтогулов", "Эрлан"), "LAB", assigned_lawyer="lawyer")
    dialog = page.new_hearing()
    assert dialog is not None
    day = TODAY() + dt.timedelta(days=3)
    type_text(dialog.starts_at.date_part, f"{typed_date(day)} 9:00")
    type_text(dialog.courtroom, "Зал 4")
    dialog.save()  # no case number yet
    error = dialog.rows.errors["case_number"]
    assert dialog.isVisible() and not error.isHidden() and error.text()
    type_text(dialog.case_number, "OSH-1999-9999")
    dialog.save()  # a number nobody has
    assert dialog.isVisible() and not error.isHidden()
    dialog.case_number.clear()
    type_text(dialog.case_number, plain.number)
    dialog.case_number.editingFinished.emit()
    assert not error.isHidden() and "Court tab" in error.text()  # no proceeding in that case
    assert dialog.proceeding_box.count() == 0
    assert dialog.courtroom.text() == "Зал 4"  # nothing typed was lost
    assert dialog.starts_at.date_part.text().startswith(typed_date(day))
    dialog.case_number.clear()
    type_text(dialog.case_number, number)
    dialog.save()  # the number is looked up at Save as well
    assert not dialog.isVisible()
    assert [h.courtroom for h in proceedings.get_proceeding(office, pid).hearings] == ["Зал 4"]


def test_the_chosen_rows_case_and_proceeding_are_filled_in(
    page: CourtPage, office: Workspace
) -> None:
    number, case_id, first = a_case_in_court(office)
    court_id = proceedings.get_proceeding(office, first).court_id
    appeal = proceedings.next_instance(office, first, court_id).id
    tomorrow = TODAY() + dt.timedelta(days=1)
    proceedings.add_hearing(office, first, HearingInput(dt.datetime.combine(tomorrow, dt.time(9))))
    page.refresh()
    row = hearings_shown(page)[0]
    choose(page, row.id)
    dialog = page.new_hearing()
    assert dialog is not None
    assert dialog.case_number.text() == number
    assert dialog.proceeding_box.count() == 2
    assert dialog.proceeding_box.currentData() == first  # the chosen row's, not the newest
    dialog.proceeding_box.setCurrentIndex(dialog.proceeding_box.findData(appeal))
    assert dialog.kind.currentData() == "appeal"  # the form follows the proceeding
    assert dialog.starts_at.date_part.text() == typed_date(tomorrow)
    assert case_id == row.case_id


def test_a_result_recorded_from_the_agenda_and_recorded_again(
    qtbot: QtBot, page: CourtPage, office: Workspace
) -> None:
    _number, _case_id, pid = a_case_in_court(office)
    held = proceedings.add_hearing(
        office, pid, HearingInput(dt.datetime.combine(TODAY(), dt.time(9)), courtroom="Зал 1")
    )
    page.refresh()
    assert not page.result_button.isEnabled()  # today's heading is chosen, not a hearing
    choose(page, held.id)
    assert page.result_button.isEnabled()

    recorder = page.record_result()
    assert isinstance(recorder, HearingResultDialog)
    recorder.result_box.setCurrentIndex(recorder.result_box.findData("adjourned"))
    type_text(recorder.adjourned_reason, "Прокурор келген жок.")
    type_text(recorder.notes, "Судья эксперттин корутундусун сурады.")
    recorder.time_spent.setValue(90)
    following = TODAY() + dt.timedelta(days=6)
    type_text(recorder.next_starts_at.date_part, typed_date(following))
    with qtbot.waitSignal(page.changed):
        recorder.save()
    assert not recorder.isVisible()
    hearings = proceedings.get_proceeding(office, pid).hearings
    assert [h.result for h in hearings] == [HearingResult.ADJOURNED, None]
    assert hearings[1].starts_at.astimezone().date() == following
    chosen = page.chosen()  # the agenda moved to the next hearing's day and chose it
    assert isinstance(chosen, HearingRow) and chosen.id == hearings[1].id

    page.show_agenda(TODAY())
    choose(page, hearings[0].id)
    again = page.record_result()
    assert again is not None
    # Everything saved comes back: a correction retypes nothing, loses nothing.
    assert again.result_box.currentData() == "adjourned"
    assert again.adjourned_reason.toPlainText() == "Прокурор келген жок."
    assert again.notes.toPlainText() == "Судья эксперттин корутундусун сурады."
    assert again.time_spent.value() == 90
    assert again.next_starts_at.date_part.text() == typed_date(following)
    later = following + dt.timedelta(days=1)
    again.next_starts_at.date_part.clear()
    type_text(again.next_starts_at.date_part, typed_date(later))
    again.save()
    hearings = proceedings.get_proceeding(office, pid).hearings
    assert len(hearings) == 2  # moved, not a second next hearing
    assert hearings[1].starts_at.astimezone().date() == later
    assert hearings[0].notes == "Судья эксперттин корутундусун сурады."


def test_roles_that_may_not_change_cases_see_no_entry_buttons(
    qtbot: QtBot, office: Workspace
) -> None:
    add_staff(office, "monitor", Role.MONITOR, "quiet hall watching the bench")
    make_qt_application()
    page = CourtPage(as_user(office, "monitor"))
    qtbot.addWidget(page)
    assert page.new_hearing_button.isHidden() and page.result_button.isHidden()
    assert page.new_hearing() is None


def _letters(widget: QWidget) -> list[str]:
    letters = []
    for child in widget.findChildren(QAbstractButton) + widget.findChildren(QLabel):
        text = child.text()
        if "&" in text and not child.isHidden():
            letters.append(text.split("&")[1][0].lower())
    return letters


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_the_calendars_hearing_form_has_distinct_alt_letters_in_each_language(
    page: CourtPage, office: Workspace, language: str
) -> None:
    a_case_in_court(office)
    i18n.set_language(language)
    QApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    page_letters = _letters(page)
    assert len(page_letters) == len(set(page_letters)), page_letters
    dialog = page.new_hearing()
    assert dialog is not None
    letters = _letters(dialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    assert len(letters) == len(set(letters)), texts
    assert dialog.rows.labels["case_number"].text().replace("&", "") != "Case number" or (
        language == "en"
    )


def test_the_dashboard_follows_work_done_on_the_calendar(qtbot: QtBot, office: Workspace) -> None:
    number, _case_id, pid = a_case_in_court(office)
    make_qt_application()
    window = MainWindow(as_user(office, "lawyer"))
    qtbot.addWidget(window)
    window.show()
    window.navigation.setCurrentRow(window.area_keys().index("dashboard"))
    dashboard = window.dashboard
    assert dashboard is not None
    week = dashboard.court.buttons["week"]
    assert "(0)" in week.text()

    window.navigation.setCurrentRow(window.area_keys().index("court"))
    calendar = window.court_page
    assert calendar is not None and calendar.isVisible()
    calendar.month_button.click()
    day = TODAY() + dt.timedelta(days=2)  # the Dashboard's "this week": the next 7 days
    calendar.month_view.setCurrentIndex(calendar.month_model.index_of(day))
    dialog = calendar.new_hearing()
    assert dialog is not None
    type_text(dialog.case_number, number)
    dialog.case_number.editingFinished.emit()
    type_text(dialog.starts_at.time_part, "16:00")
    dialog.save()
    assert not dialog.isVisible()
    assert "(1)" in week.text()  # counted at once, not at the next sign-in

    # Adjourned to next month: it leaves this week's list, the new date is in the calendar.
    assert isinstance(calendar.chosen(), HearingRow)  # the hearing saved is chosen
    recorder = calendar.record_result()
    assert recorder is not None
    recorder.result_box.setCurrentIndex(recorder.result_box.findData("adjourned"))
    type_text(recorder.adjourned_reason, "Свидетель не явился.")
    far = TODAY() + dt.timedelta(days=40)
    type_text(recorder.next_starts_at.date_part, typed_date(far))
    recorder.save()
    assert not recorder.isVisible()
    hearings = proceedings.get_proceeding(window.ws, pid).hearings
    assert [h.starts_at.astimezone().date() for h in hearings] == [day, far]
    assert calendar.start == far
    window.navigation.setCurrentRow(window.area_keys().index("dashboard"))
    dashboard.court.buttons["week"].click()
    assert dashboard.court.model.rowCount() == 1  # the adjourned hearing stays listed
    cell = dashboard.court.model.index(0, 2).data(Qt.ItemDataRole.DisplayRole)
    assert isinstance(cell, str) and cell
    window.close()

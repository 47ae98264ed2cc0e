"""The Court page: the agenda lists hearings and deadlines by day, the lawyer filter narrows
it (a lawyer's own by default), a lawyer in two courtrooms at once and a missed deadline
are red, the month grid counts a day's items and a click opens that day, Previous / Next
move the period, a row opens its case, the .ics export names clients only when asked,
a deadline is marked done in place, a lock empties the page, a trial monitor reads a line
instead, and the page fits 1080x680 in Russian and Kyrgyz with distinct Alt letters."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.records import FEMALE, case_for, person
from icalendar import Calendar
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

import ui.court_page as court_page
from legalaid import i18n
from legalaid.domain.enums import DeadlineState, Role
from legalaid.services import courts, deadlines, proceedings
from legalaid.services.deadlines import DeadlineRow
from legalaid.services.proceedings import HearingInput, HearingRow, ProceedingInput
from legalaid.services.workspace import Workspace
from ui.court_page import (
    AGENDA_DAYS,
    CONFLICT_MARK,
    COUNT_ROLE,
    LINES_ROLE,
    AgendaModel,
    CourtPage,
    DayHeading,
    conflict_text,
)
from ui.qdates import from_qdate
from ui.timeline_view import OVERDUE_COLOUR

TODAY = dt.date.today


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def court(ws: Workspace, code: str) -> int:
    return next(c.id for c in courts.list_courts(ws) if c.code == code)


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills", "Нурбек Жээнбеков")
    add_staff(workspace, "other", Role.LAWYER, "purple goats in the attic", "Бакыт Өмүрбеков")
    return workspace


def a_case(ws: Workspace, surname: str = "Асанова", given: str = "Жылдыз") -> int:
    client = person(ws, surname, given, gender=FEMALE)
    return case_for(ws, client, "CRJ", assigned_lawyer="lawyer").id


def a_proceeding(
    ws: Workspace, case_id: int, lawyer: str = "lawyer", code: str = "osh-city-court"
) -> int:
    return proceedings.add_proceeding(
        ws,
        case_id,
        ProceedingInput(
            court_id=court(ws, code),
            kind="criminal",
            client_role="accused",
            court_number="УД-1234/26",
            lawyer_login=lawyer,
        ),
    ).id


def a_hearing(
    ws: Workspace, proceeding_id: int, starts: dt.datetime, minutes: int = 60
) -> HearingRow:
    return proceedings.add_hearing(
        ws, proceeding_id, HearingInput(starts, minutes=minutes, courtroom="Зал №3")
    )


@pytest.fixture
def make_page(qtbot: QtBot) -> Callable[[Workspace], CourtPage]:
    def make(ws: Workspace) -> CourtPage:
        page = CourtPage(ws)
        qtbot.addWidget(page)
        page.resize(1080, 680)
        page.show()
        qtbot.waitExposed(page)
        return page

    return make


def rows(page: CourtPage) -> list[object]:
    return [page.model.row_at(r) for r in range(page.model.rowCount())]


def row_of(page: CourtPage, wanted: object) -> int:
    return rows(page).index(wanted)


def text(page: CourtPage, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return page.model.index(row, column).data(role)


def is_red(page: CourtPage, row: int) -> bool:
    brush = text(page, row, AgendaModel.WHAT, Qt.ItemDataRole.ForegroundRole)
    return isinstance(brush, QBrush) and brush.color() == OVERDUE_COLOUR


# --- the agenda --------------------------------------------------------------------------


def test_the_agenda_lists_a_hearing_and_a_deadline_on_their_days(
    office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    case_id = a_case(office)
    hearing_day, deadline_day = TODAY() + dt.timedelta(days=2), TODAY() + dt.timedelta(days=5)
    hearing = a_hearing(office, a_proceeding(office, case_id), local(hearing_day, 9, 30), 90)
    deadline = deadlines.add_manual_deadline(office, case_id, "File the objection", deadline_day)
    page = make_page(office)

    shown = rows(page)
    headings = [r for r in shown if isinstance(r, DayHeading)]
    assert [h.day for h in headings] == [TODAY() + dt.timedelta(days=n) for n in range(14)]
    at = row_of(page, hearing)
    assert shown[at - 1] == DayHeading(hearing_day, False)
    assert text(page, at, AgendaModel.TIME) == "09:30–11:00"
    assert text(page, at, AgendaModel.WHAT) == hearing.court and "Osh" in hearing.court
    assert text(page, at, AgendaModel.COURTROOM) == "Зал №3"
    assert text(page, at, AgendaModel.CASE) == hearing.case_number
    assert text(page, at, AgendaModel.COURT_NUMBER) == "УД-1234/26"
    assert text(page, at, AgendaModel.LAWYER) == "Нурбек Жээнбеков"
    due = next(r for r in shown if isinstance(r, DeadlineRow))
    assert due.id == deadline.id
    at = row_of(page, due)
    assert shown[at - 1] == DayHeading(deadline_day, False)
    assert text(page, at, AgendaModel.WHAT) == "File the objection"
    assert text(page, at, AgendaModel.TIME) == "⚑ 23:59"
    assert text(page, at, AgendaModel.RESULT) == "To do"
    # a heading spans the row and names its day
    assert page.view.columnSpan(row_of(page, DayHeading(hearing_day, False)), 0) == 8
    heading = text(page, 0, 0)
    assert isinstance(heading, str) and "today" in heading
    assert "1 hearing, 1 deadline" in page.count.text()
    assert not page.message.isVisible()


def test_the_lawyer_filter_narrows_and_a_lawyer_starts_with_their_own(
    office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    day = TODAY() + dt.timedelta(days=1)
    mine = a_hearing(office, a_proceeding(office, a_case(office)), local(day, 10))
    theirs = a_hearing(
        office, a_proceeding(office, a_case(office, "Токтосунов", "Улан"), "other"), local(day, 14)
    )
    page = make_page(office)  # a coordinator: everyone's
    assert page.lawyer.currentData() is None
    hearings = {r.id for r in rows(page) if isinstance(r, HearingRow)}
    assert hearings == {mine.id, theirs.id}
    page.lawyer.setCurrentIndex(page.lawyer.findData("other"))
    assert [r.id for r in rows(page) if isinstance(r, HearingRow)] == [theirs.id]

    lawyer_page = make_page(as_user(office, "lawyer"))
    assert lawyer_page.lawyer.currentData() == "lawyer"
    assert [r.id for r in rows(lawyer_page) if isinstance(r, HearingRow)] == [mine.id]
    lawyer_page.lawyer.setCurrentIndex(0)  # all lawyers
    assert len([r for r in rows(lawyer_page) if isinstance(r, HearingRow)]) == 2


def test_the_court_filter_narrows(
    office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    day = TODAY() + dt.timedelta(days=1)
    osh = a_hearing(office, a_proceeding(office, a_case(office)), local(day, 10))
    a_hearing(
        office,
        a_proceeding(office, a_case(office, "Токтосунов", "Улан"), code="osh-oblast-court"),
        local(day, 14),
    )
    page = make_page(office)
    page.court.setCurrentIndex(page.court.findData(court(office, "osh-city-court")))
    assert [r.id for r in rows(page) if isinstance(r, HearingRow)] == [osh.id]


def test_a_lawyer_in_two_courtrooms_at_once_is_red_in_both_views(
    office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    day = TODAY() + dt.timedelta(days=3)
    first = a_hearing(office, a_proceeding(office, a_case(office)), local(day, 10), 90)
    second_proceeding = a_proceeding(
        office, a_case(office, "Токтосунов", "Улан"), code="osh-oblast-court"
    )
    second = a_hearing(office, second_proceeding, local(day, 11))
    later = a_hearing(office, second_proceeding, local(day, 15))
    page = make_page(office)

    for hearing in (first, second):
        at = row_of(page, hearing)
        assert is_red(page, at)
        assert text(page, at, AgendaModel.CASE, Qt.ItemDataRole.ToolTipRole) == conflict_text()
        assert str(text(page, at, AgendaModel.TIME)).startswith(CONFLICT_MARK)
    assert conflict_text() == "The lawyer has another hearing at the same time"
    at = row_of(page, later)
    assert not is_red(page, at) and not str(text(page, at, AgendaModel.TIME)).startswith("⚠")
    assert "2 at the same time" in page.count.text()

    page.show_month(day)
    lines = page.month_model.index_of(day).data(LINES_ROLE)
    assert [red for _text, red in lines] == [True, True, False]
    assert lines[0][0].startswith(CONFLICT_MARK) and not lines[2][0].startswith(CONFLICT_MARK)


def test_an_overdue_deadline_is_red_and_one_done_is_not(
    office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    case_id = a_case(office)
    missed = deadlines.add_manual_deadline(
        office, case_id, "Lodge the appeal", TODAY() - dt.timedelta(days=2)
    )
    done = deadlines.add_manual_deadline(
        office, case_id, "Get the copy", TODAY() - dt.timedelta(days=1)
    )
    deadlines.close_deadline(office, done.id, DeadlineState.DONE)
    page = make_page(office)
    page.show_agenda(TODAY() - dt.timedelta(days=3))
    shown = {r.id: i for i, r in enumerate(rows(page)) if isinstance(r, DeadlineRow)}
    assert is_red(page, shown[missed.id])
    assert text(page, shown[missed.id], AgendaModel.RESULT) == "To do · overdue"
    assert not is_red(page, shown[done.id])
    assert text(page, shown[done.id], AgendaModel.RESULT) == "Done"


def test_a_deadline_is_marked_done_in_place(
    qtbot: QtBot, office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    case_id = a_case(office)
    due = deadlines.add_manual_deadline(office, case_id, "Lodge the appeal", TODAY())
    page = make_page(office)
    at = next(i for i, r in enumerate(rows(page)) if isinstance(r, DeadlineRow))
    assert not page.done_button.isEnabled()
    page.view.setCurrentIndex(page.model.index(at, 0))
    assert page.done_button.isEnabled()
    with qtbot.waitSignal(page.changed):
        page.done_button.click()
    assert deadlines.case_deadlines(office, case_id)[0].state is DeadlineState.DONE
    assert text(page, at, AgendaModel.RESULT) == "Done"
    assert rows(page)[at].id == due.id  # type: ignore[attr-defined]
    assert not page.done_button.isEnabled()


# --- the month ---------------------------------------------------------------------------


def test_the_month_counts_a_days_items_and_a_click_opens_that_day(
    qtbot: QtBot, office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    case_id = a_case(office)
    day = TODAY() + dt.timedelta(days=4)
    proceeding = a_proceeding(office, case_id)
    for hour in (9, 11, 13, 15):
        a_hearing(office, proceeding, local(day, hour, 30))
    deadlines.add_manual_deadline(office, case_id, "Bring the certificate", day)
    page = make_page(office)
    page.month_button.click()
    assert page.stack.currentWidget() is page.month_view
    assert page.month == TODAY().replace(day=1)
    if day.month != TODAY().month:
        page.next_button.click()
    assert page.period.text() == i18n.format_date(day.replace(day=1), "LLLL y")

    cell = page.month_model.index_of(day)
    assert cell.data(COUNT_ROLE) == 5
    shown = str(cell.data(Qt.ItemDataRole.DisplayRole)).split("\n")
    assert shown[0] == str(day.day)
    assert shown[1].startswith("09:30 ") and "Osh" in shown[1]
    assert shown[-1] == "+2 more" and len(shown) == 1 + 3 + 1
    assert "⚑ Bring the certificate" in str(cell.data(Qt.ItemDataRole.ToolTipRole))
    other = page.month_model.index_of(day + dt.timedelta(days=1))
    if other.isValid():
        assert other.data(COUNT_ROLE) == 0
    # the grid starts on a Monday; today is marked
    assert page.month_model.day_at(0, 0).weekday() == 0
    assert page.month_model.headerData(0, Qt.Orientation.Horizontal) == "Monday"

    centre = page.month_view.visualRect(cell).center()
    qtbot.mouseClick(page.month_view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert page.stack.currentWidget() is page.view and page.agenda_button.isChecked()
    assert page.start == day
    assert page.view.currentIndex().row() == 0
    assert rows(page)[0] == DayHeading(day, False)


def test_previous_today_and_next_move_the_period(
    office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    later = TODAY() + dt.timedelta(days=AGENDA_DAYS + 2)
    hearing = a_hearing(office, a_proceeding(office, a_case(office)), local(later, 10))
    page = make_page(office)
    assert hearing not in rows(page)
    page.next_button.click()
    assert page.start == TODAY() + dt.timedelta(days=AGENDA_DAYS)
    assert hearing in rows(page)
    first, last = page.start, page.start + dt.timedelta(days=AGENDA_DAYS - 1)
    assert page.period.text() == f"{i18n.format_form_date(first)} – {i18n.format_form_date(last)}"
    page.previous_button.click()
    page.previous_button.click()
    assert page.start == TODAY() - dt.timedelta(days=AGENDA_DAYS)
    page.today_button.click()
    assert page.start == TODAY()

    page.month_button.click()
    month = TODAY().replace(day=1)
    assert page.month == month
    page.next_button.click()
    assert page.month == (month + dt.timedelta(days=32)).replace(day=1)
    page.previous_button.click()
    page.previous_button.click()
    assert page.month == (month - dt.timedelta(days=1)).replace(day=1)
    page.today_button.click()
    assert page.month == month


# --- opening a case ----------------------------------------------------------------------


def test_enter_or_a_double_click_opens_the_case(
    qtbot: QtBot, office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    case_id = a_case(office)
    proceeding = a_proceeding(office, case_id)
    hearing = a_hearing(office, proceeding, local(TODAY() + dt.timedelta(days=1), 10))
    deadlines.add_manual_deadline(office, case_id, "Bring the certificate", TODAY())
    page = make_page(office)
    at = row_of(page, hearing)
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(at, 1))
    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert opened.args == [case_id, proceeding]

    at = next(i for i, r in enumerate(rows(page)) if isinstance(r, DeadlineRow))
    centre = page.view.visualRect(page.model.index(at, 1)).center()
    with qtbot.waitSignal(page.open_case) as opened:
        # a double-click as the system delivers it: press and release, then the double-click
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [case_id, 0]  # a deadline typed by hand has no proceeding

    # a day's heading opens nothing
    with qtbot.assertNotEmitted(page.open_case):
        page.view.setCurrentIndex(page.model.index(0, 0))
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert not page.open_button.isEnabled()


# --- the .ics export ---------------------------------------------------------------------


def test_the_ics_export_names_clients_only_when_ticked(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    office: Workspace,
    make_page: Callable[[Workspace], CourtPage],
) -> None:
    day = TODAY() + dt.timedelta(days=1)
    a_hearing(office, a_proceeding(office, a_case(office)), local(day, 9, 30))
    page = make_page(as_user(office, "lawyer"))
    targets = iter([tmp_path / "plain.ics", tmp_path / "named"])
    asked: list[str] = []

    def chosen(_parent: QWidget, suggested: str) -> Path | None:
        asked.append(suggested)
        return next(targets)

    monkeypatch.setattr(court_page, "choose_ics_file", chosen)
    dialog = page.export_ics()
    assert dialog.isVisible()
    assert from_qdate(dialog.start.date()) == page.start
    assert from_qdate(dialog.end.date()) == page.start + dt.timedelta(days=13)
    assert not dialog.names.isChecked()
    dialog.save_button.click()
    written = tmp_path / "plain.ics"
    assert asked[0].endswith(".ics") and "Асанова" not in asked[0]
    assert str(written) in dialog.outcome.text() and "1 hearing" in dialog.outcome.text()
    event = next(iter(Calendar.from_ical(written.read_bytes()).walk("VEVENT")))
    assert "УД-1234/26" in str(event["SUMMARY"]) and "Асанова" not in str(event["SUMMARY"])
    assert "Асанова" not in written.read_text(encoding="utf-8")

    dialog.names.setChecked(True)
    assert dialog.save() == tmp_path / "named"  # the seam's path, as chosen
    event = next(iter(Calendar.from_ical((tmp_path / "named").read_bytes()).walk("VEVENT")))
    assert "Асанова Жылдыз" in str(event["SUMMARY"])


def test_the_ics_export_cancelled_or_refused_writes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    office: Workspace,
    make_page: Callable[[Workspace], CourtPage],
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    page = make_page(as_user(office, "lawyer"))
    monkeypatch.setattr(court_page, "choose_ics_file", lambda _parent, _name: None)
    dialog = page.export_ics()
    assert dialog.save() is None and not dialog.outcome.isVisible()
    dialog.end.setDate(QDate(2000, 1, 1))
    monkeypatch.setattr(court_page, "choose_ics_file", lambda _p, _n: folder / "x.ics")
    assert dialog.save() is None
    assert "cannot come before" in dialog.outcome.text()
    monkeypatch.setattr(court_page, "choose_ics_file", lambda _p, _n: folder / "no" / "x.ics")
    dialog.end.setDate(dialog.start.date())
    assert dialog.save() is None
    assert "could not be written" in dialog.outcome.text()
    assert list(folder.iterdir()) == []
    page.clear()
    assert not dialog.isVisible()


# --- who sees it, the lock ---------------------------------------------------------------


def test_a_trial_monitor_reads_a_line_instead(
    office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    a_hearing(office, a_proceeding(office, a_case(office)), local(TODAY(), 10))
    add_staff(office, "mon", Role.MONITOR, "slow trains to the valley")
    page = make_page(as_user(office, "mon"))
    page.refresh()
    assert page.refusal.isVisible() and "client files" in page.refusal.text()
    assert not page.calendar.isVisible() and not page.message.isVisible()
    assert page.model.rowCount() == 0


def test_a_lock_leaves_nothing_on_screen(
    office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    day = TODAY() + dt.timedelta(days=1)
    a_hearing(office, a_proceeding(office, a_case(office)), local(day, 10))
    page = make_page(office)
    assert any(isinstance(r, HearingRow) for r in rows(page))
    page.show_month(day)
    assert page.month_model.index_of(day).data(COUNT_ROLE) == 1
    page.clear()
    assert page.model.rowCount() == 0
    assert page.month_model.index_of(day).data(COUNT_ROLE) == 0
    assert page.month_model.items == {} and page.count.text() == ""


# --- language and size -------------------------------------------------------------------

MNEMONIC = re.compile(r"&([^&\s])")
MENU_LETTERS = set("frelh")


def _letters(widget: QWidget) -> list[str]:
    found = []
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        if (
            isinstance(child, QLabel)
            and child.buddy() is not None
            or isinstance(child, QAbstractButton)
        ):
            match = MNEMONIC.search(child.text().replace("&&", ""))  # type: ignore[attr-defined]
            if match:
                found.append(match.group(1).lower())
    return found


def test_alt_letters_are_distinct_and_leave_the_menus_alone(
    office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    page = make_page(office)
    letters = _letters(page)
    assert len(letters) == len(set(letters)) == 13, letters
    assert not set(letters) & MENU_LETTERS
    dialog = page.export_ics()
    letters = _letters(dialog)
    assert len(letters) == len(set(letters)) == 4, letters
    assert not set(letters) & MENU_LETTERS


def test_a_language_switch_renames_days_headers_and_buttons(
    office: Workspace, make_page: Callable[[Workspace], CourtPage]
) -> None:
    a_hearing(office, a_proceeding(office, a_case(office)), local(TODAY(), 10))
    page = make_page(office)
    i18n.set_language("ru")
    QApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    weekday = i18n.format_date(TODAY(), "cccc")
    heading = str(text(page, 0, 0))
    assert heading.startswith(weekday[:1].upper() + weekday[1:])
    assert i18n.format_form_date(TODAY()) in heading
    assert page.model.headerData(AgendaModel.CASE, Qt.Orientation.Horizontal) == "Дело"
    assert page.month_model.headerData(0, Qt.Orientation.Horizontal) == "Понедельник"
    assert page.lawyer_label.text() == "&Юрист"
    osh = next(i for i in range(page.court.count()) if "Ош" in page.court.itemText(i))
    assert osh > 0  # court names follow the language
    page.show_month()
    assert page.period.text() == i18n.format_date(TODAY().replace(day=1), "LLLL y").capitalize()


@pytest.mark.parametrize("language", ["ru", "ky"])
def test_the_page_fits_1080_by_680(
    tmp_path: Path,
    office: Workspace,
    make_page: Callable[[Workspace], CourtPage],
    language: str,
) -> None:
    """The main window at 1366x768 leaves the page 1080x680 beside the navigation."""
    case_id = a_case(office)
    proceeding = a_proceeding(office, case_id, code="osh-oblast-court")
    for offset in range(6):
        a_hearing(office, proceeding, local(TODAY() + dt.timedelta(days=offset), 9 + offset))
        deadlines.add_manual_deadline(
            office, case_id, "Подать апелляционную жалобу в областной суд", TODAY()
        )
    i18n.set_language(language)
    page = make_page(office)
    for view in (page.show_agenda, page.show_month):
        view()
        QApplication.processEvents()
        needed = page.minimumSizeHint()
        assert needed.width() <= 1080 and needed.height() <= 680, (language, needed)
        assert not page.view.horizontalScrollBar().isVisible()
        assert page.grab().save(str(tmp_path / f"court-{language}.png"))
    dialog = page.export_ics()
    assert dialog.sizeHint().width() <= 1000

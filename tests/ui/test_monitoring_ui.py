"""The Monitoring area: a monitor starts an observation, types the hearing's facts (saved a
moment later), sees only the sections that apply, answers items with single keys (Latin or
Cyrillic) and the focus moves on, a follow-up appears when its answer calls for it, the
clock stamps the start, a submission missing the court is refused at the field, and a
coordinator returns it with a reason the monitor reads; typed notes survive a lock; a
paralegal has no Monitoring area; the screen speaks Kyrgyz."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.make_vault import add_staff, as_user
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain.enums import ObservationStatus, Role
from legalaid.services import courts, observation_review, observations, office_settings
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.checklist_items import ItemRow
from ui.main_window import MainWindow
from ui.monitoring_page import MonitoringPage
from ui.observation_screen import SectionPage


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    add_staff(workspace, "monitor", Role.MONITOR, "quiet hall watching the bench", "Айгерим")
    add_staff(workspace, "para", Role.PARALEGAL, "seven quiet rivers at dawn")
    return workspace


@pytest.fixture
def page(qtbot: QtBot, office: Workspace) -> MonitoringPage:
    make_qt_application()
    shown = MonitoringPage(as_user(office, "monitor"))
    qtbot.addWidget(shown)
    shown.resize(1300, 740)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def choose(combo: object, code: str) -> None:
    index = combo.findData(code)  # type: ignore[attr-defined]
    assert index >= 0, code
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]
    combo.activated.emit(index)  # type: ignore[attr-defined]


def press_letter(widget: object, letter: str) -> None:
    """A key of a Cyrillic keyboard layout (QTest types only what a Latin layout has): Qt
    codes a letter's key by its capital's code point and carries the letter as its text."""
    event = QKeyEvent(
        QEvent.Type.KeyPress, ord(letter.upper()), Qt.KeyboardModifier.NoModifier, letter
    )
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def start_criminal_trial(page: MonitoringPage) -> None:
    page.new_button.click()
    screen = page.screen
    assert page.stack.currentIndex() == page.SCREEN and screen.info is not None
    hearing = screen.hearing
    hearing.court_number.setText("УД-350/26")
    hearing.court_number.textEdited.emit("УД-350/26")
    choose(hearing.case_kind, "criminal")
    choose(hearing.stage, "first_instance")
    choose(hearing.hearing_kind, "main")
    assert screen.save_timer.isActive()  # saved a moment after the last change
    assert screen.save_facts()


def test_a_monitor_answers_with_single_keys_and_the_focus_moves_on(
    qtbot: QtBot, page: MonitoringPage
) -> None:
    start_criminal_trial(page)
    screen = page.screen
    assert screen.info is not None and screen.info.data.case_kind == "criminal"
    assert "C" in screen.section_pages and "K" in screen.section_pages
    assert "Q" not in screen.section_pages and "L" not in screen.section_pages  # not pre-trial
    assert "M" not in screen.section_pages  # no juvenile defendant
    section = screen.show_section("A")
    assert isinstance(section, SectionPage)
    first = section.rows["A1"]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_N)
    assert screen.info.answers["A1"] == ("no",)
    assert "A1" in screen.info.concerns and not first.status.isHidden()
    second = section.rows["A2"]
    assert second.hasFocus()  # moved on
    press_letter(second, "н")  # Y on a Cyrillic keyboard
    assert screen.info.answers["A2"] == ("yes",)
    follow_up = section.rows["A3a"]
    assert follow_up.isHidden()
    press_letter(section.rows["A3"], "т")  # N on a Cyrillic keyboard
    assert not follow_up.isHidden()  # "what stood in the way?" appears
    assert screen.pages_list.item(2).text().startswith("A.")
    assert "(3/" in screen.pages_list.item(2).text() and "⚠" in screen.pages_list.item(2).text()
    qtbot.keyClick(section.rows["A1"], Qt.Key.Key_Delete)
    assert "A1" not in screen.info.answers


def test_a_typed_count_is_refused_at_its_item_and_stays(page: MonitoringPage) -> None:
    start_criminal_trial(page)
    screen = page.screen
    section = screen.show_section("A")
    assert section is not None
    row: ItemRow = section.rows["A6"]
    assert row.line is not None
    row.line.setText("many")
    row.line.editingFinished.emit()
    assert not row.status.isHidden() and row.line.text() == "many"
    assert screen.info is not None and "A6" not in screen.info.answers
    row.line.setText(" 12 ")
    row.line.editingFinished.emit()
    assert screen.info.answers["A6"] == ("12",) and row.line.text() == "12"


def test_the_clock_a_refused_submission_and_a_return_with_a_reason(
    page: MonitoringPage, office: Workspace
) -> None:
    start_criminal_trial(page)
    screen = page.screen
    screen.stamp("started")
    assert screen.info is not None and screen.info.data.started_at is not None
    assert screen.hearing.started_at.date_part.text()  # the clock wrote the start time
    assert ":" in screen.clock.text()
    screen.submit()  # no court chosen
    assert not screen.hearing.rows.errors["court_id"].isHidden()
    assert screen.info.status is ObservationStatus.DRAFT
    court_id = next(c.id for c in courts.list_courts(office) if c.code == "osh-city-court")
    screen.hearing.court.set_court(court_id)
    screen.hearing.court.chosen.emit()
    screen.submit()
    assert screen.info.status is ObservationStatus.SUBMITTED
    assert not screen.hearing.isEnabled()  # handed in: read only
    observation_id = screen.info.id
    observation_review.return_to_monitor(office, observation_id, "Укажите зал, пожалуйста.")
    page.show_list()
    page.open_observation(observation_id)
    assert screen.info.status is ObservationStatus.RETURNED and screen.hearing.isEnabled()
    texts = [page.review.comments.item(i).text() for i in range(page.review.comments.count())]
    assert any("Укажите зал" in text for text in texts)
    assert page.review.approve_button.isHidden()  # a monitor does not approve


def test_typed_notes_are_saved_when_the_screen_locks(page: MonitoringPage) -> None:
    start_criminal_trial(page)
    observation_id = page.screen.info.id  # type: ignore[union-attr]
    page.screen.notes.setPlainText("Подсудимый в металлической клетке, конвой 3 чел.")
    assert page.screen.save_timer.isActive()
    page.clear()  # as a lock does, the vault still open
    assert page.screen.info is None and not page.screen.notes.toPlainText()
    saved = observations.get_observation(page.ws, observation_id)
    assert saved.data.notes.startswith("Подсудимый в металлической клетке")


def test_the_screen_speaks_kyrgyz(page: MonitoringPage) -> None:
    start_criminal_trial(page)
    i18n.set_language("ky")
    page.screen.retranslate_ui()
    section = page.screen.show_section("A")
    assert section is not None
    text = section.rows["A1"].text.text()
    assert any(letter in text for letter in "ҢӨҮңөү"), text
    assert "Ооба" in section.rows["A1"].buttons["yes"].text()


@pytest.mark.parametrize(
    ("login", "allowed", "expected"),
    [("para", False, False), ("para", True, True), ("monitor", False, True)],
)
def test_who_has_the_monitoring_area(
    qtbot: QtBot, office: Workspace, login: str, allowed: bool, expected: bool
) -> None:
    office_settings.set_paralegals_read_monitoring(office, allowed)  # the office's choice
    make_qt_application()
    window = MainWindow(as_user(office, login))
    qtbot.addWidget(window)
    assert ("monitoring" in window.area_keys()) is expected
    window.close()


def test_a_coordinator_approves_from_the_review_panel(qtbot: QtBot, office: Workspace) -> None:
    monitor = as_user(office, "monitor")
    court_id = next(c.id for c in courts.list_courts(office) if c.code == "osh-city-court")
    found = observations.start_observation(
        monitor,
        observations.ObservationInput(
            court_id=court_id,
            case_kind="civil",
            stage="first_instance",
            scheduled_at=dt.datetime.now().replace(microsecond=0),
        ),
    )
    observation_review.submit(monitor, found.id)
    make_qt_application()
    coordinator = MonitoringPage(office)
    qtbot.addWidget(coordinator)
    coordinator.show()
    coordinator.refresh()
    assert coordinator.model.rowCount() == 1
    coordinator._activated(coordinator.model.index(0, 0))
    assert not coordinator.review.approve_button.isHidden()
    coordinator.review.comment.setText("Хорошо.")
    coordinator.review.approve()
    assert coordinator.screen.info is not None
    assert coordinator.screen.info.status is ObservationStatus.APPROVED
    assert "Q" in coordinator.screen.section_pages  # a civil case's section


def test_a_concern_is_referred_from_the_review_panel(qtbot: QtBot, office: Workspace) -> None:
    from helpers.records import case_for, person  # noqa: PLC0415

    from legalaid.services import referrals  # noqa: PLC0415

    monitor = as_user(office, "monitor")
    court_id = next(c.id for c in courts.list_courts(office) if c.code == "osh-city-court")
    found = observations.start_observation(
        monitor,
        observations.ObservationInput(
            court_id=court_id,
            case_kind="criminal",
            stage="first_instance",
            scheduled_at=dt.datetime.now().replace(microsecond=0),
        ),
    )
    observations.answer_item(monitor, found.id, "K1", ["yes"])
    observation_review.submit(monitor, found.id)
    case = case_for(office, person(office, "Асанова", "Жылдыз"), "CRJ")
    observation_review.link_case(office, found.id, case.number)
    make_qt_application()
    page = MonitoringPage(office)
    qtbot.addWidget(page)
    page.show()
    page.open_observation(found.id)
    review = page.review
    assert review.refer_button.isVisible() and review.concern.currentData() == "K1"
    review.refer_button.click()
    assert not review.notice.isHidden() and case.number in review.notice.text()
    assert len(referrals.case_referrals(office, case.id)) == 1


def test_an_unreadable_date_at_a_lock_comes_back_to_be_corrected(page: MonitoringPage) -> None:
    from legalaid.services import drafts  # noqa: PLC0415

    start_criminal_trial(page)
    screen = page.screen
    observation_id = screen.info.id  # type: ignore[union-attr]
    screen.hearing.scheduled_at.set_texts("31.02.2026", "10:00")
    screen.hearing.courtroom.setText("каб. 14")
    screen.notes.setPlainText("Конвой опоздал.")
    page.clear()  # as a lock does: the date cannot be read, so nothing could be saved
    kept = drafts.my_draft(page.ws, drafts.OBSERVATION_DRAFT, observation_id)
    assert kept is not None
    page.open_observation(observation_id)
    hearing = page.screen.hearing
    assert hearing.scheduled_at.date_part.text() == "31.02.2026"
    assert hearing.courtroom.text() == "каб. 14"
    assert page.screen.notes.toPlainText() == "Конвой опоздал."
    assert not hearing.rows.errors["scheduled_at"].isHidden()  # said at once
    hearing.scheduled_at.set_texts("28.02.2026", "10:00")
    assert page.screen.save_facts()
    assert page.screen.info is not None and page.screen.info.data.courtroom == "каб. 14"
    assert drafts.my_draft(page.ws, drafts.OBSERVATION_DRAFT, observation_id) is None

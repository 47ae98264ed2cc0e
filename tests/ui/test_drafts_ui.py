"""Unsaved input is never lost: drafts in the vault across a crash, a lock and another
person's sign-in; closing with unsaved input asks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, OTHER_PASSPHRASE, new_vault
from helpers.qt_input import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from legalaid.domain.enums import Role
from legalaid.services import accounts, drafts, people
from legalaid.services.auth import sign_in
from ui.app import make_qt_application
from ui.main_window import MainWindow
from ui.person_form import PersonForm

Opener = Callable[..., MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, vault_path: Path) -> Iterator[Opener]:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "para1", "Айгүл Осмонова", Role.PARALEGAL, OTHER_PASSPHRASE)
    ws.close()
    make_qt_application()
    opened: list[MainWindow] = []

    def open_as(login: str = ADMIN, passphrase: str = ADMIN_PASSPHRASE) -> MainWindow:
        window = MainWindow(sign_in(vault_path, login, passphrase))
        window.drafts.timer.setInterval(20)
        qtbot.addWidget(window)
        window.show()
        opened.append(window)
        return window

    yield open_as
    for window in opened:
        window._close_confirmed = True
        window.close()


def _kept(window: MainWindow) -> list[dict[str, object]]:
    return [d.state for d in drafts.my_drafts(window.ws)]


def test_typed_input_survives_a_crash_and_is_offered_again(
    qtbot: QtBot, open_window: Opener
) -> None:
    window = open_window()
    assert window.draft_banner.isHidden()
    form = window.new_person()
    type_text(form.surname, "Токтосунова")
    type_text(form.given_name, "Айгүл")
    qtbot.waitUntil(lambda: any(s.get("surname") == "Токтосунова" for s in _kept(window)))
    window.drafts.stop()
    window.ws.close()  # the process dies here: nothing else is written
    again = open_window()
    assert not again.draft_banner.isHidden()
    assert "Токтосунова Айгүл" in again.draft_banner.text.text()
    qtbot.mouseClick(again.draft_banner.resume_button, Qt.MouseButton.LeftButton)
    resumed = again.editor
    assert isinstance(resumed, PersonForm)
    assert (resumed.surname.text(), resumed.given_name.text()) == ("Токтосунова", "Айгүл")
    with qtbot.waitSignal(resumed.saved, timeout=5_000):
        qtbot.mouseClick(resumed.save_button, Qt.MouseButton.LeftButton)
    assert _kept(again) == []
    assert people.list_people(again.ws)[1] == 1


def test_after_a_lock_another_person_signs_in_and_the_input_waits(
    qtbot: QtBot, open_window: Opener
) -> None:
    first = open_window()
    form = first.new_person()
    type_text(form.surname, "Жээнбекова")
    first.lock()  # at once, without waiting for the timer
    with qtbot.waitSignal(first.switch_user_requested, timeout=1_000):
        qtbot.mouseClick(first.lock_screen.switch_button, Qt.MouseButton.LeftButton)
    first.close()
    other = open_window("para1", OTHER_PASSPHRASE)
    assert other.draft_banner.isHidden() and other.editor is None
    other.close()
    back = open_window()
    assert not back.draft_banner.isHidden() and "Жээнбекова" in back.draft_banner.text.text()


def test_an_edit_of_a_saved_person_is_kept_and_resumed_on_that_person(
    qtbot: QtBot, open_window: Opener
) -> None:
    window = open_window()
    saved = people.add_person(window.ws, people.PersonInput("Асанов", "Бакыт"))
    form = window.edit_record(people.get_person(window.ws, saved.id))
    assert isinstance(form, PersonForm)
    form.phone.setText("+996 555 123 456")
    qtbot.waitUntil(lambda: bool(_kept(window)))
    window.new_person()  # another form takes its place: the change stays as a draft
    assert not window.draft_banner.isHidden()
    assert "Асанов" in window.draft_banner.text.text()
    qtbot.mouseClick(window.draft_banner.resume_button, Qt.MouseButton.LeftButton)
    resumed = window.editor
    assert isinstance(resumed, PersonForm) and resumed.person_id == saved.id
    assert resumed.phone.text() == "+996 555 123 456" and resumed.is_dirty()


def test_closing_with_unsaved_input_asks(
    qtbot: QtBot, open_window: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MainWindow, "ASK_BEFORE_CLOSING", True)
    window = open_window()
    form = window.new_person()
    type_text(form.surname, "Осмонов")
    window.close()
    assert window.isVisible() and window.close_question is not None
    question = window.close_question
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert window.isVisible() and form.surname.text() == "Осмонов"
    window.close()
    question = window.close_question
    assert question is not None
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert window.isVisible()  # no given name: refused, shown at the field, nothing lost
    assert form.errors["given_name"].isVisible() and form.surname.text() == "Осмонов"
    window.close()
    question = window.close_question
    assert question is not None
    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2_000)
    with sign_in(window.ws.vault.path, ADMIN, ADMIN_PASSPHRASE) as ws:
        assert drafts.my_drafts(ws) == [] and people.list_people(ws)[1] == 0


def test_a_note_typed_on_a_timeline_comes_back_after_a_lock(
    qtbot: QtBot, open_window: Opener
) -> None:
    from helpers.records import case_for, person

    window = open_window()
    case = case_for(window.ws, person(window.ws, "Асанов", "Бакыт"))
    window.open_case_timeline(case.id)
    view = window.record_view
    assert view.tabs.currentIndex() == view.timeline_tab
    type_text(view.timeline.text, "Чалды, эртең келет")
    window.lock()
    assert view.timeline.text.toPlainText() == ""  # nothing on screen while locked
    window.unlock(ADMIN_PASSPHRASE)
    assert window.pages.currentWidget() is view and view.record_id == case.id
    assert view.tabs.currentIndex() == view.timeline_tab
    assert view.timeline.text.toPlainText() == "Чалды, эртең келет"
    assert _kept(window) == []  # back in the widget: no draft left over
    window.lock()  # and this time someone else signs in
    window.close()
    other = open_window("para1", OTHER_PASSPHRASE)
    assert other.draft_banner.isHidden()
    other.close()
    back = open_window()
    assert not back.draft_banner.isHidden()
    qtbot.mouseClick(back.draft_banner.resume_button, Qt.MouseButton.LeftButton)
    assert back.record_view.record_id == case.id
    assert back.record_view.timeline.text.toPlainText() == "Чалды, эртең келет"


def test_an_intake_typed_before_a_crash_comes_back_whole(qtbot: QtBot, open_window: Opener) -> None:
    from ui.intake_form import IntakeForm

    window = open_window()
    form = window.new_intake()
    assert isinstance(form, IntakeForm) and window.intake_action.shortcut().toString() == "Ctrl+I"
    type_text(form.person.surname, "Токтосунова")
    form.open_step(2)
    step = form.current_step()
    qtbot.waitUntil(lambda: bool(_kept(window)), timeout=3_000)
    window.drafts.stop()
    window.ws.close()  # the power goes
    again = open_window()
    assert "Токтосунова" in again.draft_banner.text.text()
    qtbot.mouseClick(again.draft_banner.resume_button, Qt.MouseButton.LeftButton)
    resumed = again.editor
    assert isinstance(resumed, IntakeForm) and resumed is not form
    assert resumed.person.surname.text() == "Токтосунова"
    assert resumed.current_step() == step

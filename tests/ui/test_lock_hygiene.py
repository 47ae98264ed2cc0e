"""What a lock does besides hiding the window: nothing typed is lost (a note on a timeline,
two new forms), nothing of a client stays on screen (dialogs, pickers), no record action
works behind the lock screen, a running key rotation finishes first, unlock never freezes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, OTHER_PASSPHRASE, new_vault
from helpers.qt_input import type_text
from helpers.records import case_for, person
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain.enums import Role
from legalaid.services import accounts, drafts
from legalaid.services.auth import sign_in
from ui.app import Application, make_qt_application
from ui.case_form import CaseForm
from ui.main_window import MainWindow
from ui.search_panel import Hit
from ui.worker import Call

Opener = Callable[..., MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, vault_path: Path) -> Iterator[Opener]:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "lawyer1", "Бакыт Асанов", Role.LAWYER, OTHER_PASSPHRASE)
    client = person(ws, "Өмүрбекова", "Айгүл")
    case_for(ws, client, "GBV")
    case_for(ws, person(ws, "Жээнбеков", "Нурлан"), "LAB")
    ws.close()
    make_qt_application()
    desk = Application(vault_path)
    opened: list[MainWindow] = []

    def open_as(login: str = ADMIN, passphrase: str = ADMIN_PASSPHRASE) -> MainWindow:
        window = MainWindow(sign_in(vault_path, login, passphrase))
        qtbot.addWidget(window)
        window.show()
        opened.append(window)
        return window

    yield open_as
    for window in opened:
        window.close()
    i18n.set_language("en")
    i18n.remove_language_listener(desk._language_changed)


def _kept(window: MainWindow) -> list[tuple[str, int]]:
    return [(d.form, d.slot) for d in drafts.my_drafts(window.ws)]


def test_a_note_typed_on_one_case_waits_when_another_record_opens(
    qtbot: QtBot, open_window: Opener
) -> None:
    window = open_window()
    window.open_case_timeline(1)
    timeline = window.record_view.timeline
    type_text(timeline.text, "Эртең сотко барат")
    timeline.occurred_at.setDateTime(timeline.occurred_at.dateTime().addDays(-3))
    when = timeline.occurred_at.dateTime().toString("yyyy-MM-dd HH:mm")
    window.open_hit(Hit("case", 2))
    assert timeline.text.toPlainText() == ""
    assert _kept(window) == [("timeline", 1)] and not window.draft_banner.isHidden()
    qtbot.mouseClick(window.draft_banner.resume_button, Qt.MouseButton.LeftButton)
    assert window.record_view.record_id == 1
    assert timeline.text.toPlainText() == "Эртең сотко барат"
    shown = timeline.occurred_at.dateTime().toString("yyyy-MM-dd HH:mm")
    assert shown == when  # not "now": the time typed


def test_two_new_person_forms_keep_two_drafts(qtbot: QtBot, open_window: Opener) -> None:
    window = open_window()
    first = window.new_person()
    type_text(first.surname, "Биринчи")
    window.new_person()  # another form takes its place
    assert not window.draft_banner.isHidden() and "Биринчи" in window.draft_banner.text.text()
    second = window.editor
    assert second is not None and second is not first
    type_text(second.surname, "Экинчи")  # type: ignore[union-attr]
    window.drafts.keep()
    surnames = sorted(d.state["surname"] for d in drafts.my_drafts(window.ws))
    assert surnames == ["Биринчи", "Экинчи"]


def test_behind_the_lock_screen_no_record_action_works_and_dialogs_are_gone(
    qtbot: QtBot, open_window: Opener
) -> None:
    window = open_window()
    window.open_hit(Hit("case", 1))
    window.show_help()
    form = window.new_case()
    assert isinstance(form, CaseForm)
    type_text(form.party_search, "Өмүр")
    qtbot.waitUntil(lambda: form.party_picker.results.count() > 0, timeout=3_000)
    window.lock()
    assert window.help_window is not None and not window.help_window.isVisible()
    assert form.party_picker.results.count() == 0  # client names gone from the picker
    for action in (window.new_case_action, window.new_person_action, window.print_action):
        assert not action.isEnabled()
    window.new_case_action.trigger()  # a shortcut pressed at the locked PC: nothing happens
    assert window.editor is None  # the clean form was dropped, none was opened
    window.unlock(ADMIN_PASSPHRASE)
    assert window.new_case_action.isEnabled() and window.new_person_action.isEnabled()


def test_a_lock_waits_for_a_running_key_rotation(qtbot: QtBot, open_window: Opener) -> None:
    window = open_window()
    release = threading.Event()
    call = Call(lambda: release.wait(10), window)
    call.start()
    window.lock()
    assert window.stack.currentWidget() is window.work  # not yet
    assert "current task" in window.statusBar().currentMessage()
    release.set()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.lock_screen, timeout=5_000)
    assert Call.running_that_block_lock == 0


def test_unlocking_from_the_lock_screen_runs_off_the_gui_thread(
    qtbot: QtBot, open_window: Opener
) -> None:
    window = open_window()
    window.lock()
    screen = window.lock_screen
    type_text(screen.passphrase, "not the right passphrase")
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    assert not screen.isEnabled()  # working; the window still paints
    qtbot.waitUntil(lambda: "wrong" in screen.message.text(), timeout=10_000)
    assert screen.isEnabled() and window.stack.currentWidget() is screen
    type_text(screen.passphrase, ADMIN_PASSPHRASE)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=10_000)


def test_the_open_record_follows_a_language_switch(qtbot: QtBot, open_window: Opener) -> None:
    window = open_window()
    window.open_hit(Hit("case", 1))
    labels = window.record_view.form
    english = labels.itemAt(0, labels.ItemRole.LabelRole).widget().text()
    window.set_language("ru")
    qtbot.waitUntil(
        lambda: labels.itemAt(0, labels.ItemRole.LabelRole).widget().text() != english,
        timeout=3_000,
    )
    assert window.record_view.record_id == 1

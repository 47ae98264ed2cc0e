"""Copies out of the app are marked secret and cleared after 30 s, at a lock and at quit,
but never text the person copied since (SECURITY.md 17)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, new_vault
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from legalaid.services.auth import sign_in
from ui.app import make_qt_application
from ui.clipboard_guard import SECRET_FORMATS
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, vault_path: Path) -> Iterator[MainWindow]:
    new_vault(vault_path).close()
    make_qt_application()
    main = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=2_000)
    yield main
    main.close()
    QGuiApplication.clipboard().clear()


def _copy_from(window: MainWindow, text: str) -> QLineEdit:
    field = window.search_box
    field.setText(text)
    field.selectAll()
    field.copy()
    return field


def test_a_copy_is_marked_secret_and_cleared_after_the_delay(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.clipboard_guard.timer.setInterval(50)
    _copy_from(window, "Өмүрбекова Айгүл")
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.mimeData().hasFormat("x-kde-passwordManagerHint"))
    formats = set(clipboard.mimeData().formats())
    assert set(SECRET_FORMATS) <= formats and clipboard.text() == "Өмүрбекова Айгүл"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2_000)


def test_the_lock_clears_our_copy(qtbot: QtBot, window: MainWindow) -> None:
    _copy_from(window, "+996 555 123 456")
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.mimeData().hasFormat("x-kde-passwordManagerHint"))
    window.lock()
    assert clipboard.text() == ""


def test_text_copied_since_elsewhere_survives(qtbot: QtBot, window: MainWindow) -> None:
    window.clipboard_guard.timer.setInterval(50)
    _copy_from(window, "MAIN-2026-00001")
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.mimeData().hasFormat("x-kde-passwordManagerHint"))
    window.hide()  # another program is in front now
    clipboard.setText("a recipe from the browser")
    qtbot.wait(150)
    assert clipboard.text() == "a recipe from the browser"
    assert not clipboard.mimeData().hasFormat("x-kde-passwordManagerHint")
    window.clipboard_guard.clear_ours()
    assert clipboard.text() == "a recipe from the browser"

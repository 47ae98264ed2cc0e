"""Office PCs have 1366x768 screens: the main window, with every area a coordinator sees,
must fit one in each language (Kyrgyz and Russian labels run long)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, new_vault
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.services.auth import sign_in
from ui.app import make_qt_application
from ui.main_window import MainWindow


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_the_main_window_fits_a_1366_by_768_screen(
    qtbot: QtBot, vault_path: Path, language: str
) -> None:
    new_vault(vault_path).close()
    make_qt_application()
    i18n.set_language(language)
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    assert "directory" in window.area_keys() and "administration" in window.area_keys()
    window.navigation.setCurrentRow(window.area_keys().index("dashboard"))
    dashboard = window.dashboard
    assert dashboard is not None  # its tiles come in off the GUI thread: all of them shown
    qtbot.waitUntil(lambda: dashboard.job is None and dashboard.tiles.numbers is not None)
    assert sum(tile.isVisibleTo(window) for tile in dashboard.tiles.tiles.values()) == 11
    needed = window.minimumSizeHint()
    assert needed.width() <= 1366 and needed.height() <= 768, (language, needed)
    window.close()

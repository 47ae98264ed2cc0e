"""An advice-only visit is recorded from a small dialog without opening a case."""

from __future__ import annotations

from pathlib import Path

from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, new_vault
from helpers.qt_input import type_text
from pytestqt.qtbot import QtBot

from legalaid.services import cases, intake
from legalaid.services.auth import sign_in
from ui.app import make_qt_application
from ui.main_window import MainWindow


def test_an_advice_visit_is_recorded_and_counted_without_a_case(
    qtbot: QtBot, vault_path: Path
) -> None:
    import datetime as dt

    new_vault(vault_path).close()
    make_qt_application()
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    window.advice_action.trigger()
    dialog = window.advice_dialog
    assert dialog is not None and dialog.isVisible()
    type_text(dialog.advice, "Алимент боюнча сотко кайрылуу тартибин түшүндүрдүк.")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.rows.errors["topic"].isVisible()  # no topic yet
    assert dialog.advice.toPlainText().startswith("Алимент")
    dialog.topic.setCurrentIndex(dialog.topic.findData("FAM"))
    dialog.duration.setValue(20)
    with qtbot.waitSignal(dialog.recorded, timeout=3_000):
        dialog.save_button.click()
    assert not dialog.isVisible()
    today = dt.date.today()
    counts = intake.visit_counts(window.ws, today, today)
    assert counts.advice == {"FAM": 1} and cases.list_cases(window.ws)[1] == 0
    window.close()

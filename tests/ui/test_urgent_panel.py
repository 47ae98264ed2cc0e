"""An urgent intake stays at the top of the dashboard until someone records the action."""

from __future__ import annotations

from pathlib import Path

from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, new_vault
from helpers.qt_input import type_text
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from legalaid.services import intake, timeline
from legalaid.services.auth import sign_in
from legalaid.services.intake import IntakeInput
from ui.app import make_qt_application
from ui.main_window import MainWindow


def _urgent_intake() -> IntakeInput:
    return IntakeInput(
        surname="Өмүрбекова",
        given_name="Айгүл",
        gender="female",
        approximate_age=29,
        phone="0555 123 456",
        category="GBV",
        narrative="Күйөөсү коркутуп жатат, үйгө кайта албайт.",
        wants="коргоо",
        urgency_answers=("ongoing_danger",),
        recommended_action="representation",
        consent_record=True,
        consent_method="signed_form",
    )


def test_an_urgent_case_waits_on_the_dashboard_until_its_action_is_recorded(
    qtbot: QtBot, vault_path: Path
) -> None:
    ws = new_vault(vault_path)
    result = intake.submit_intake(ws, _urgent_intake())
    ws.close()
    make_qt_application()
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    dashboard = window.dashboard
    assert dashboard is not None
    window.navigation.setCurrentRow(window.area_keys().index("dashboard"))
    panel = dashboard.urgent
    qtbot.waitUntil(panel.isVisible, timeout=3_000)
    assert panel.cases.count() == 1 and result.case_number in panel.cases.item(0).text()
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert "what was done" in panel.message.text().lower()  # an empty text is refused
    type_text(panel.action_text, "Медициналык текшерүүгө жөнөтүлдү")
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible() and intake.urgent_open_cases(window.ws) == []
    texts = [item.text for item in timeline.case_timeline(window.ws, result.case_id or 0)]
    assert "Медициналык текшерүүгө жөнөтүлдү" in texts
    window.lock()
    assert panel.cases.count() == 0
    window.close()

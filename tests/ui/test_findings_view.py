"""The findings desk: a coordinator counts, sees each indicator with its base, opens the
observations behind a number, narrows by kind of case, saves the report and the answers for
researchers (after the unencrypted-copy warning, off the GUI thread); a monitor has no
Findings button."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.make_vault import add_staff, as_user
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

import ui.findings_view as findings_view
from legalaid.domain.enums import Role
from legalaid.services import courts, observation_review, observations
from legalaid.services.observations import ObservationInput
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.monitoring_page import MonitoringPage


@pytest.fixture
def observed(workspace: Workspace) -> Workspace:
    add_staff(workspace, "monitor", Role.MONITOR, "quiet hall watching the bench")
    monitor = as_user(workspace, "monitor")
    osh = next(c.id for c in courts.list_courts(workspace) if c.code == "osh-city-court")
    for index, (kind, venue) in enumerate(
        (("criminal", "judges_office"), ("criminal", "courtroom"), ("civil", "judges_office"))
    ):
        scheduled = dt.datetime(2026, 6, 1 + index, 10)
        found = observations.start_observation(
            monitor,
            ObservationInput(
                court_id=osh,
                case_kind=kind,
                stage="first_instance",
                scheduled_at=scheduled,
                started_at=scheduled + dt.timedelta(minutes=20 * index),
            ),
        )
        observations.answer_item(monitor, found.id, "A5", [venue])
        observation_review.submit(monitor, found.id)
        observation_review.approve(workspace, found.id)
    return workspace


@pytest.fixture
def page(qtbot: QtBot, observed: Workspace) -> MonitoringPage:
    make_qt_application()
    shown = MonitoringPage(observed)
    qtbot.addWidget(shown)
    shown.resize(1200, 700)
    shown.show()
    return shown


def row_of(page: MonitoringPage, text: str) -> int:
    model = page.findings.model
    return next(r for r in range(model.rowCount()) if text in model.index(r, 0).data())


def test_a_number_with_its_base_opens_the_observations_behind_it(
    qtbot: QtBot, page: MonitoringPage
) -> None:
    assert page.findings_button.isVisible()
    with qtbot.waitSignal(page.findings.counted):  # counted off the GUI thread
        page.findings_button.click()
    assert page.stack.currentIndex() == page.FINDINGS
    model = page.findings.model
    office = row_of(page, "judge's office")
    assert [model.index(office, c).data() for c in (1, 2, 3)] == ["2", "3", "66,7 %"]
    assert model.index(row_of(page, "Hearings observed"), 1).data() == "3"
    page.findings.table.activated.emit(model.index(office, 0))  # a double click
    assert page.stack.currentIndex() == page.LIST
    assert page.model.rowCount() == 2 and not page.behind.isHidden()
    assert "judge's office" in page.behind.text()
    page.all_button.click()
    assert page.model.rowCount() == 3 and page.behind.isHidden()


def test_the_filter_narrows_the_counts(qtbot: QtBot, page: MonitoringPage) -> None:
    page.show_findings()
    view = page.findings
    qtbot.waitUntil(lambda: view.job is None)
    view.case_kind.setCurrentIndex(view.case_kind.findData("civil"))
    with qtbot.waitSignal(view.counted):
        view.count()
    assert view.model.index(row_of(page, "Hearings observed"), 1).data() == "1"
    view.first_day.setText("32.13.2026")
    view.count()  # a date that cannot be read: said, nothing counted anew
    assert not view.message.isHidden()


def test_the_report_and_the_answers_are_saved_after_the_warning(
    qtbot: QtBot, page: MonitoringPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []

    def confirm(_parent: object, confirmed: object) -> None:
        warned.append("yes")
        confirmed()  # type: ignore[operator]

    targets = iter([tmp_path / "report.pdf", tmp_path / "answers.xlsx"])
    monkeypatch.setattr(findings_view, "ask_unencrypted_copy", confirm)
    monkeypatch.setattr(
        findings_view, "choose_save_path", lambda _p, _name, chosen: chosen(next(targets))
    )
    page.show_findings()
    view = page.findings
    qtbot.waitUntil(lambda: view.job is None)
    view.language.setCurrentIndex(view.language.findData("ru"))
    view.report_button.click()
    qtbot.waitUntil(lambda: view.job is None and not view.notice.isHidden(), timeout=20_000)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    view.export_button.click()
    qtbot.waitUntil(
        lambda: view.job is None and (tmp_path / "answers.xlsx").exists(), timeout=20_000
    )
    assert load_workbook(tmp_path / "answers.xlsx").worksheets[0].max_row == 4  # header + 3
    assert warned == ["yes", "yes"]


def test_a_monitor_has_no_findings(qtbot: QtBot, observed: Workspace) -> None:
    make_qt_application()
    mine = MonitoringPage(as_user(observed, "monitor"))
    qtbot.addWidget(mine)
    assert mine.findings_button.isHidden()


MENUS = {"en": "frelh", "ru": "фзпяс", "ky": "футиж"}


@pytest.mark.parametrize("language", ["en", "ru", "ky"])
def test_alt_letters_are_distinct_and_leave_the_menus_alone(
    page: MonitoringPage, language: str
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel  # noqa: PLC0415

    from legalaid import i18n  # noqa: PLC0415

    i18n.set_language(language)
    page.findings.retranslate_ui()
    page.retranslate_ui()
    for widget in (page.findings, page.stack.widget(page.LIST)):
        letters = [
            w.text().split("&")[1][0].lower()
            for w in widget.findChildren(QAbstractButton) + widget.findChildren(QLabel)
            if "&" in w.text() and (not isinstance(w, QLabel) or w.buddy() is not None)
        ]
        assert len(letters) == len(set(letters)), letters
        assert not set(letters) & set(MENUS[language]), letters

"""The Reports area and the Dashboard tiles, driven as a coordinator would: count a period,
see the template's tables, open the records behind a number and a case among them, save the
report, the tables and the anonymised records after the warning (off the GUI thread), import
a donor's template (a broken one is refused with its place named, nothing lost); the tiles
show the person's numbers and open their lists; nothing stays on screen after a lock."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, add_staff, as_user
from helpers.records import FEMALE, MALE, case_for, person
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

import ui.reports_page as reports_page
from legalaid.domain.enums import Role
from legalaid.services import office_settings
from legalaid.services.auth import sign_in
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.dashboard_page import DashboardPage
from ui.main_window import MainWindow
from ui.reports_page import ReportsPage, StatLine


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    today = dt.date.today()
    names = ("Асанова", "Токтогулова", "Сыдыкова", "Бакирова", "Исаков", "Жээнбеков")
    for index, surname in enumerate(names):
        client = person(workspace, surname, "Жылдыз", gender=FEMALE if index < 4 else MALE)
        case_for(workspace, client, "FAM" if index % 2 else "LAB", opened_on=today)
    return workspace


@pytest.fixture
def page(qtbot: QtBot, office: Workspace) -> ReportsPage:
    make_qt_application()
    shown = ReportsPage(office)
    qtbot.addWidget(shown)
    shown.resize(1300, 700)
    shown.show()
    return shown


def line_of(page: ReportsPage, key: str, code: str | None) -> int:
    model = page.model
    return next(
        r
        for r in range(model.rowCount())
        if (line := model.row_at(r)) is not None
        and line.key == key
        and line.code == code
        and line.count is not None
    )


def counted(qtbot: QtBot, page: ReportsPage) -> None:
    page.period.setCurrentIndex(page.period.findData("month"))
    with qtbot.waitSignal(page.counted, timeout=20_000):  # counted off the GUI thread
        page.count_button.click()


def counted_dashboard(qtbot: QtBot, vault_path: Path) -> tuple[MainWindow, DashboardPage]:
    """The coordinator's main window on its Dashboard, the tiles counted."""
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    window.navigation.setCurrentRow(window.area_keys().index("dashboard"))
    dashboard = window.dashboard
    assert dashboard is not None
    qtbot.waitUntil(lambda: dashboard.job is None and dashboard.tiles.numbers is not None)
    return window, dashboard


def test_counting_shows_the_tables_and_a_number_opens_its_records(
    qtbot: QtBot, page: ReportsPage
) -> None:
    counted(qtbot, page)
    model = page.model
    women = line_of(page, "people_by_gender", "female")
    assert model.index(women, 1).data() == "4"
    assert model.index(women, 2).data() == "66,7 %"
    opened = line_of(page, "cases_opened_by_category", None)  # the key number
    assert model.index(opened, 1).data() == "6"
    opened_cases: list[int] = []
    page.open_case.connect(opened_cases.append)
    with qtbot.waitSignal(page.drilled) as opened_list:  # listed off the GUI thread
        page.view.activated.emit(model.index(women, 0))  # a double click
    dialog = opened_list.args[0]
    assert dialog.model.rowCount() == 4
    assert dialog.isVisible()
    with qtbot.waitSignal(page.drilled) as opened_list:
        page.view.activated.emit(model.index(line_of(page, "cases_opened_by_category", "FAM"), 0))
    cases_dialog = opened_list.args[0]
    assert cases_dialog.model.rowCount() == 3
    cases_dialog.view.selectRow(0)
    cases_dialog.open_button.click()
    assert len(opened_cases) == 1
    page.office.setCurrentIndex(1)  # another filter: the figures no longer belong to it
    assert page.model.rowCount() == 0
    page.clear()  # a lock: no figure, no list stays
    assert page.model.rowCount() == 0 and not page.dialogs


def test_a_period_that_cannot_be_read_is_said_and_nothing_is_counted(
    qtbot: QtBot, page: ReportsPage
) -> None:
    page.period.setCurrentIndex(page.period.findData("custom"))
    page.first_day.setText("31.02.2026")
    page.count_button.click()
    assert not page.message.isHidden() and page.job is None
    assert page.model.rowCount() == 0
    assert page.first_day.text() == "31.02.2026"  # what was typed stays


def test_the_report_tables_and_records_are_saved_after_the_warning(
    qtbot: QtBot, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []

    def confirm(_parent: object, confirmed: object) -> None:
        warned.append("yes")
        confirmed()  # type: ignore[operator]

    targets = iter([tmp_path / "report.pdf", tmp_path / "tables.xlsx", tmp_path / "cases.csv"])
    monkeypatch.setattr(reports_page, "ask_unencrypted_copy", confirm)
    monkeypatch.setattr(
        reports_page, "choose_save_path", lambda _p, _name, chosen: chosen(next(targets))
    )
    office_settings.set_small_count_threshold(page.ws, 2)
    page.period.setCurrentIndex(page.period.findData("month"))
    page.language.setCurrentIndex(page.language.findData("ky"))
    for button in (page.pdf_button, page.xlsx_button, page.csv_button):
        with qtbot.waitSignal(page.written, timeout=30_000):
            button.click()
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    sheet = load_workbook(tmp_path / "tables.xlsx").worksheets[0]
    assert sheet["A1"].value == "Юридикалык жардам: жалпы отчет"
    # k = 2: the two men's cases differ in category, so each would stand alone: left out
    assert (tmp_path / "cases.csv").read_text("utf-8-sig").count("\n") == 5  # header + 4
    assert "Асанова" not in (tmp_path / "cases.csv").read_text("utf-8-sig")
    assert "2 left out" in page.notice.text()
    assert warned == ["yes", "yes", "yes"]


def test_a_donor_template_is_imported_and_a_broken_one_refused(
    qtbot: QtBot, page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    donor = {
        "format": 1,
        "code": "osce-2026",
        "title": {"ky": "ЕККУ", "ru": "ОБСЕ", "en": "OSCE indicators"},
        "sections": [
            {
                "title": {"ky": "1", "ru": "1", "en": "Outcome 1"},
                "items": [
                    {
                        "measure": "people_by_gender",
                        "label": {"ky": "1.1", "ru": "1.1", "en": "1.1 Persons assisted, by sex"},
                    }
                ],
            }
        ],
    }
    good, broken = tmp_path / "osce.json", tmp_path / "broken.json"
    good.write_text(json.dumps(donor), "utf-8")
    donor["sections"][0]["items"][0]["measure"] = "people_by_shoe_size"  # type: ignore[index]
    broken.write_text(json.dumps(donor), "utf-8")
    files = iter([broken, good])
    monkeypatch.setattr(
        reports_page, "choose_template_file", lambda _p, chosen: chosen(next(files))
    )
    page.import_button.click()
    assert "sections[0].items[0].measure" in page.message.text()
    assert page.template.findData("osce-2026") == -1
    page.import_button.click()
    assert page.template.currentData() == "osce-2026"
    counted(qtbot, page)
    labels = [page.model.row_at(r).label for r in range(page.model.rowCount())]
    assert "1.1 Persons assisted, by sex" in labels
    assert all(isinstance(page.model.row_at(r), StatLine) for r in range(len(labels)))


def test_a_lawyer_has_no_reports_but_tiles_of_their_work(qtbot: QtBot, office: Workspace) -> None:
    make_qt_application()
    add_staff(office, "lawyer", Role.LAWYER, "orange kites over the hills")
    lawyer = as_user(office, "lawyer")
    client = person(lawyer, "Токтогулов", "Эрлан", gender=MALE)
    case_for(lawyer, client, "LAB", assigned_lawyer="lawyer")
    dashboard = DashboardPage(lawyer)
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.job is None and dashboard.tiles.numbers is not None)
    tiles = dashboard.tiles.tiles
    assert tiles["open_cases"].count == 1 and tiles["open_cases"].isVisible()
    assert not tiles["people_served"].isVisible()  # key numbers are a coordinator's
    chosen: list[str] = []
    dashboard.open_tile.connect(chosen.append)
    tiles["overdue_referrals"].click()
    assert chosen == ["overdue_referrals"]
    dashboard.clear()
    assert not tiles["open_cases"].isVisible()


def test_a_coordinator_sees_the_months_key_numbers(qtbot: QtBot, office: Workspace) -> None:
    make_qt_application()
    dashboard = DashboardPage(office)
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.job is None and dashboard.tiles.numbers is not None)
    served = dashboard.tiles.tiles["people_served"]
    assert served.isVisible() and served.count == 6 and len(served.series) == 6
    assert served.accessibleName().endswith(": 6")


def test_my_open_cases_tile_opens_the_same_cases(qtbot: QtBot, vault_path: Path) -> None:
    from helpers.make_vault import ADMIN, new_vault

    from legalaid.domain.enums import CaseOutcome, CaseStatus
    from legalaid.services import cases

    ws = new_vault(vault_path)
    for index, surname in enumerate(("Асанова", "Токтогулова", "Сыдыкова")):
        client = person(ws, surname, "Жылдыз", gender=FEMALE)
        case = case_for(ws, client, "FAM", assigned_lawyer=ADMIN if index < 2 else None)
        if index == 1:
            cases.change_status(ws, case.id, CaseStatus.CLOSED, CaseOutcome.SETTLED)
    ws.close()
    make_qt_application()
    window, dashboard = counted_dashboard(qtbot, vault_path)
    tile = dashboard.tiles.tiles["open_cases"]
    assert tile.count == 1  # assigned to me and not closed
    tile.click()
    assert window.area_keys()[window.navigation.currentRow()] == "cases"
    model = window.models[0]
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    window.close()


def test_observation_tiles_for_a_monitor_and_a_reviewer(qtbot: QtBot, vault_path: Path) -> None:
    from helpers.make_vault import new_vault

    from legalaid.services import courts, observation_review, observations
    from legalaid.services.auth import sign_in
    from legalaid.services.observations import ObservationInput

    ws = new_vault(vault_path)
    add_staff(ws, "monitor", Role.MONITOR, "quiet hall watching the bench")
    monitor = as_user(ws, "monitor")
    osh = next(c.id for c in courts.list_courts(ws) if c.code == "osh-city-court")
    for number in range(2):
        found = observations.start_observation(
            monitor,
            ObservationInput(
                court_id=osh,
                case_kind="criminal",
                stage="first_instance",
                scheduled_at=dt.datetime(2026, 6, 1 + number, 10),
            ),
        )
        observation_review.submit(monitor, found.id)
        if number == 0:
            observation_review.return_to_monitor(ws, found.id, "The judge's name is missing.")
    ws.close()
    make_qt_application()
    mine = DashboardPage(sign_in(vault_path, "monitor", "quiet hall watching the bench"))
    qtbot.addWidget(mine)
    mine.show()
    qtbot.waitUntil(lambda: mine.job is None and mine.tiles.numbers is not None)
    assert mine.tiles.tiles["returned_observations"].count == 1
    assert not mine.tiles.tiles["open_cases"].isVisible()  # a monitor holds no cases
    assert not mine.tiles.tiles["to_review"].isVisible()
    mine.ws.close()  # one window per vault at a time
    window, dashboard = counted_dashboard(qtbot, vault_path)
    review = dashboard.tiles.tiles["to_review"]
    assert review.count == 1 and review.isVisible()
    review.click()
    page = window.monitoring_page
    assert page is not None and window.area_keys()[window.navigation.currentRow()] == "monitoring"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # the submitted one only
    window.close()

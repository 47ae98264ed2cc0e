"""Administration → Import registers, driven as a coordinator would: choose a register,
see the suggested columns, map an unknown value by hand, run the dry run and read its report
(only what needs a look, or every row), save it after the warning, save the mapping by
name, import with progress, undo; a cancel writes nothing; a file that is no register is
refused in words, the screen kept; a lock drops the register from the screen."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from helpers.make_vault import add_staff
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

import ui.import_tab as import_tab
from legalaid.domain.audit import AuditEvent
from legalaid.domain.cases import Case
from legalaid.domain.enums import Role
from legalaid.services.imports import apply, saved
from legalaid.services.imports.plan import Outcome
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.import_tab import ImportTab

REGISTER = (
    "№ дела;ФИО;Д.р.;Категория;Дата обращения;Юрист\n"
    "А-1;Асанова Жылдыз;12.03.1990;Бытовое насилие;05.02.2024;Нурбек Жээнбеков\n"
    "А-2;Токтогулов Эрлан;01.04.1985;Трудовые споры;06.02.2024;\n"
    "А-3;Осмонова Айгүл;31.02.1992;Семейные дела;07.02.2024;\n"
    "А-4;Исаков Бакыт;09.09.1979;Космос и право;08.02.2024;\n"
    "А-5;=cmd|' /C calc'!A0 Бакирова;09.09.1979;Семейные дела;08.02.2024;\n"
)


@pytest.fixture
def tab(qtbot: QtBot, workspace: Workspace) -> ImportTab:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills", "Нурбек Жээнбеков")
    make_qt_application()
    shown = ImportTab(workspace)
    qtbot.addWidget(shown)
    shown.resize(1200, 700)
    shown.show()
    return shown


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "реестр.csv"
    path.write_bytes(REGISTER.encode("cp1251", errors="replace"))
    return path


def opened(qtbot: QtBot, tab: ImportTab, path: Path) -> None:
    with qtbot.waitSignal(tab.read, timeout=10_000):
        tab.open_file(path)


def planned(qtbot: QtBot, tab: ImportTab) -> None:
    with qtbot.waitSignal(tab.planned, timeout=10_000):
        tab.check_button.click()
        assert tab.progress.isVisible() and not tab.check_button.isEnabled()  # busy
        assert not tab.columns_table.isEnabled() and not tab.values_view.isEnabled()
        assert tab.cancel_button.isVisible()  # a long check can be stopped too
    assert not tab.progress.isVisible()


def combo_at(table: Any, row: int, column: int) -> Any:
    return table.cellWidget(row, column)


def cases_in(ws: Workspace) -> int:
    with ws.reader() as session:
        return int(session.scalar(select(func.count(Case.id))) or 0)


def test_map_check_import_and_undo(
    qtbot: QtBot, tab: ImportTab, register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened(qtbot, tab, register)
    assert "5" in tab.file_label.text() and "cp1251" in tab.file_label.text()
    assert combo_at(tab.columns_table, 1, 2).currentData() == "full_name"
    assert combo_at(tab.columns_table, 0, 2).currentData() == "external_ref"
    assert not tab.import_button.isEnabled()  # nothing is written before a dry run
    # The unknown category is listed first among its field's values, unmapped.
    model = tab.values_model
    rows = [model.row_at(r) for r in range(model.rowCount())]
    meanings = {(row.value, model.code_of(row)) for row in rows}
    assert ("Космос и право", None) in meanings and ("Нурбек Жээнбеков", "lawyer") in meanings
    categories = [row for row in rows if row.field == "category"]
    assert categories[0].value == "Космос и право"  # the unmapped first
    planned(qtbot, tab)
    assert tab.plan is not None and tab.plan.counts[Outcome.REJECT] == 3
    shown = [tab.report_model.row_at(r) for r in range(tab.report_model.rowCount())]
    assert {line.outcome for line in shown} == {Outcome.REJECT}  # what needs a look
    assert any(line.column == "Д.р." and "31.02.1992" in line.text for line in shown)
    assert any(line.row == 6 and line.column == "ФИО" for line in shown)  # "=cmd|..." no name
    # Map the unknown value by hand in its cell's list: the report is gone until checked again.
    row = next(r for r in range(model.rowCount()) if model.row_at(r).value == "Космос и право")
    tab.pages.setCurrentIndex(1)
    tab.values_view.edit(model.index(row, model.MEANS))
    box = tab.values_view.findChild(QComboBox)
    assert box is not None and box.currentData() is None
    box.setCurrentIndex(box.findData("OTH"))
    box.activated.emit(box.currentIndex())
    assert (
        model.code_of(model.row_at(row)) == "OTH"
        and tab.values["category"]["Космос и право"] == "OTH"
    )
    assert tab.plan is None and not tab.import_button.isEnabled()
    planned(qtbot, tab)
    assert tab.plan is not None and tab.plan.counts[Outcome.CREATE] == 3
    tab.shown.setCurrentIndex(tab.shown.findData("all"))
    tab.shown.activated.emit(tab.shown.currentIndex())
    assert tab.report_model.rowCount() == 5
    assert "3" in tab.import_button.text()

    with qtbot.waitSignal(tab.imported, timeout=20_000):
        tab.import_button.click()
    assert cases_in(tab.ws) == 3 and tab.undo_button.isVisible()
    assert "3 new cases" in tab.message.text()
    assert tab.past.currentData() == tab.result.batch_id  # type: ignore[union-attr]
    asked: list[int] = []
    monkeypatch.setattr(import_tab, "ask_undo", lambda _p, batch, confirmed: asked.append(batch))
    tab.undo_button.click()  # asked first; not confirmed: nothing happens
    assert asked == [tab.result.batch_id] and cases_in(tab.ws) == 3  # type: ignore[union-attr]
    monkeypatch.setattr(import_tab, "ask_undo", lambda _p, _batch, confirmed: confirmed())
    with qtbot.waitSignal(tab.undone, timeout=20_000):
        tab.undo_button.click()
    assert cases_in(tab.ws) == 0 and not tab.undo_button.isVisible(), tab.message.text()
    assert tab.past.count() == 0  # an undone import is not offered again


def test_a_cancel_writes_nothing(
    qtbot: QtBot, tab: ImportTab, register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened(qtbot, tab, register)
    planned(qtbot, tab)
    clicked = threading.Event()

    def gated(*args: Any) -> apply.ImportResult:
        clicked.wait(10)  # the person clicks Cancel while it runs
        return apply.apply_import(*args)

    monkeypatch.setattr(import_tab, "apply_import", gated)
    with qtbot.waitSignal(tab.failed, timeout=20_000):
        tab.import_button.click()
        assert tab.cancel_button.isVisible() and not tab.check_button.isEnabled()
        tab.cancel_button.click()
        clicked.set()
    assert "Cancelled" in tab.message.text() and cases_in(tab.ws) == 0
    assert tab.plan is not None and tab.import_button.isEnabled()  # try again at will


def test_the_mapping_is_saved_and_used_again(
    qtbot: QtBot, tab: ImportTab, register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened(qtbot, tab, register)
    combo = combo_at(tab.columns_table, 2, 2)  # Д.р. -> not imported
    combo.setCurrentIndex(0)
    with qtbot.waitSignal(tab.read, timeout=10_000):  # the values suggested again
        combo.activated.emit(0)
    assert 2 not in tab.columns
    monkeypatch.setattr(import_tab, "ask_mapping_name", lambda _p, _c, chosen: chosen("Ош 2024"))
    tab.save_mapping_button.click()
    assert saved.list_mappings(tab.ws) == ["Ош 2024"]
    assert tab.mapping.currentData() == "Ош 2024"
    tab.mapping.setCurrentIndex(0)  # the suggestion again: Д.р. is a birth date
    with qtbot.waitSignal(tab.read, timeout=10_000):
        tab.mapping.activated.emit(0)
    assert tab.columns.get(2) == "birth_date"
    tab.mapping.setCurrentIndex(tab.mapping.findData("Ош 2024"))
    with qtbot.waitSignal(tab.read, timeout=10_000):
        tab.mapping.activated.emit(tab.mapping.currentIndex())
    assert 2 not in tab.columns and tab.columns.get(1) == "full_name"
    tab.delete_mapping_button.click()
    assert saved.list_mappings(tab.ws) == []


def test_the_report_is_saved_after_the_warning_and_defused(
    qtbot: QtBot, tab: ImportTab, register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened(qtbot, tab, register)
    planned(qtbot, tab)
    target = tmp_path / "report.csv"
    warned: list[bool] = []

    def warn(_parent: object, confirmed: Any) -> None:
        warned.append(True)
        confirmed()

    monkeypatch.setattr(import_tab, "ask_unencrypted_copy", warn)
    monkeypatch.setattr(import_tab, "choose_save_path", lambda _p, _n, chosen: chosen(target))
    tab.save_report_button.click()
    qtbot.waitUntil(lambda: target.exists() and tab.job is None, timeout=10_000)
    assert warned and "Row" in target.read_text("utf-8-sig").splitlines()[0]
    with tab.ws.reader() as session:
        assert session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "export")
        )


def test_a_file_that_is_no_register_is_refused_and_a_lock_clears(
    qtbot: QtBot, tab: ImportTab, register: Path, tmp_path: Path
) -> None:
    opened(qtbot, tab, register)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    with qtbot.waitSignal(tab.failed, timeout=10_000):
        tab.open_file(old)
    assert "old Excel" in tab.message.text() and tab.message.isVisible()
    tab.clear()
    assert tab.table is None and tab.columns_table.rowCount() == 0
    assert tab.report_model.rowCount() == 0 and not tab.check_button.isEnabled()


def test_a_check_running_at_a_lock_is_dropped(qtbot: QtBot, tab: ImportTab, register: Path) -> None:
    opened(qtbot, tab, register)
    tab.check_button.click()
    tab.clear()  # the lock comes while the dry run runs: it does not wait for it
    qtbot.waitUntil(lambda: tab.job is None, timeout=10_000)
    assert tab.plan is None and tab.report_model.rowCount() == 0
    assert not tab.message.isVisible() and not tab.import_button.isEnabled()

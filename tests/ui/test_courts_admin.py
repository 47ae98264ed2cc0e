"""The Courts tab of the Administration page: the shipped list, the search, adding a court,
a refusal at its field, renaming from a day, and what a lawyer sees. Real widgets driven
with clicks and typing; every effect is checked in the core."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.qt_input import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from legalaid.domain.enums import CourtKind, Role
from legalaid.services import courts
from legalaid.services.courts import shipped_courts
from legalaid.services.workspace import Workspace
from ui.courts_admin import CourtDialog, CourtsTab

MNEMONIC = re.compile(r"&([^&\s])")
MENU_LETTERS = set("frelh")  # the main window's menus: File, Records, Edit, Language, Help


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def names_shown(tab: CourtsTab) -> list[str]:
    model = tab.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def mnemonics(widget: QWidget) -> list[str]:
    texts = [
        w.text()
        for w in widget.findChildren(QWidget)
        if w.isVisibleTo(widget)
        and (isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy() is not None))
    ]
    found = (MNEMONIC.search(text.replace("&&", "")) for text in texts)
    return [match.group(1).lower() for match in found if match]


def select(tab: CourtsTab, court_id: int) -> None:
    for row in range(tab.model.rowCount()):
        if tab.model.row_at(row).id == court_id:
            tab.table.selectRow(row)
            return
    raise AssertionError("the court is not in the list")


def court_named(ws: Workspace, english: str) -> courts.CourtInfo:
    return next(
        c for c in courts.list_courts(ws, include_inactive=True) if c.name_on(None, "en") == english
    )


@pytest.fixture
def tab(qtbot: QtBot, workspace: Workspace) -> CourtsTab:
    courts_tab = CourtsTab(workspace)
    qtbot.addWidget(courts_tab)
    courts_tab.resize(1000, 600)
    courts_tab.show()
    return courts_tab


def test_the_tab_lists_the_shipped_courts_and_the_search_narrows(
    qtbot: QtBot, tab: CourtsTab
) -> None:
    assert tab.model.rowCount() == len(shipped_courts()["courts"])
    assert "Osh City Court" in names_shown(tab)
    verify_column = [tab.model.data(tab.model.index(r, 4)) for r in range(tab.model.rowCount())]
    assert "to be checked" in verify_column and "" in verify_column

    type_text(tab.search, "ОШСКИЙ горсуд")  # Cyrillic, any case, an alias word
    assert names_shown(tab) == ["Osh City Court"]
    row = [tab.model.data(tab.model.index(0, column)) for column in range(5)]
    assert row == ["Osh City Court", CourtKind.CITY.label, "Osh city", "", ""]

    tab.search.clear()
    type_text(tab.search, "ноокат")
    assert len(names_shown(tab)) == 1
    assert tab.model.data(tab.model.index(0, 3)) == "Nookat district"

    tab.search.clear()
    assert tab.model.rowCount() == len(shipped_courts()["courts"])


def test_a_coordinator_adds_a_court(qtbot: QtBot, tab: CourtsTab, workspace: Workspace) -> None:
    assert tab.add_button.isVisible() and not tab.edit_button.isEnabled()
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    assert isinstance(dialog, CourtDialog) and dialog.isVisible()
    assert "renamed_on" not in dialog.rows.fields  # only for an existing court
    dialog.kind.setCurrentIndex(dialog.kind.findData(CourtKind.DISTRICT.value))
    type_text(dialog.name_ky, "Үзгөн райондук соту №2")
    type_text(dialog.name_ru, "Узгенский районный суд №2")
    type_text(dialog.name_en, "Ozgon District Court 2")
    dialog.region.setCurrentIndex(dialog.region.findData("osh"))
    assert dialog.district.isEnabled()
    dialog.district.setCurrentIndex(dialog.district.findData("osh.ozgon"))
    type_text(dialog.aliases, "Узген-2")
    with qtbot.waitSignal(dialog.saved) as signal:
        click(qtbot, dialog.save_button)
    assert not dialog.isVisible()

    added = courts.get_court(workspace, signal.args[0].id)
    assert added.name_on(None, "ru") == "Узгенский районный суд №2"
    assert (added.kind, added.region, added.district) == (CourtKind.DISTRICT, "osh", "osh.ozgon")
    assert added.aliases == ("Узген-2",) and added.active
    selected = tab.selected_court()
    assert selected is not None and selected.id == added.id
    assert tab.edit_button.isEnabled()


def test_a_refused_court_shows_at_its_field_and_keeps_the_input(
    qtbot: QtBot, tab: CourtsTab, workspace: Workspace
) -> None:
    dialog = tab.add_court()
    assert dialog is not None
    type_text(dialog.name_ru, "Новый суд")
    type_text(dialog.name_en, "New court")
    click(qtbot, dialog.save_button)

    assert dialog.isVisible()
    assert dialog.rows.errors["name_ky"].isVisible()
    assert "Kyrgyz" in dialog.rows.errors["name_ky"].text()
    assert dialog.name_ru.text() == "Новый суд" and dialog.name_en.text() == "New court"
    assert dialog.name_ky.hasFocus() or not dialog.isActiveWindow()
    assert not any(c.name_on(None, "en") == "New court" for c in courts.list_courts(workspace))

    type_text(dialog.name_ky, "Жаңы сот")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible() and not dialog.rows.errors["name_ky"].isVisibleTo(dialog)


def test_renaming_from_a_day_keeps_the_old_name_for_earlier_days(
    qtbot: QtBot, tab: CourtsTab, workspace: Workspace
) -> None:
    osh = court_named(workspace, "Osh City Court")
    select(tab, osh.id)
    click(qtbot, tab.edit_button)
    dialog = tab.dialog
    assert dialog is not None and dialog.name_en.text() == "Osh City Court"
    assert not dialog.history.isVisibleTo(dialog)  # never renamed
    for field, text in (
        (dialog.name_ky, "Ош шаардык соту (жаңы)"),
        (dialog.name_ru, "Ошский городской суд (новый)"),
        (dialog.name_en, "Osh City Court (new)"),
    ):
        field.clear()
        type_text(field, text)
    type_text(dialog.renamed_on, "01.03.2027")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()

    renamed = courts.get_court(workspace, osh.id)
    assert renamed.name_on(dt.date(2027, 2, 28), "en") == "Osh City Court"
    assert renamed.name_on(dt.date(2027, 3, 1), "en") == "Osh City Court (new)"
    assert renamed.name_on(dt.date(2027, 3, 1), "ru") == "Ошский городской суд (новый)"

    # The dialog for the renamed court shows the earlier name with its last day.
    select(tab, osh.id)
    again = tab.edit_court()
    assert again is not None and again.history.isVisibleTo(again)
    assert "Osh City Court" in again.history.text() and "2027" in again.history.text()
    assert again.name_en.text() == "Osh City Court (new)"


def test_a_date_not_understood_shows_at_the_renaming_field(
    qtbot: QtBot, tab: CourtsTab, workspace: Workspace
) -> None:
    osh = court_named(workspace, "Osh City Court")
    select(tab, osh.id)
    dialog = tab.edit_court()
    assert dialog is not None
    type_text(dialog.renamed_on, "31.02.2027")
    click(qtbot, dialog.save_button)
    assert dialog.isVisible() and dialog.rows.errors["renamed_on"].isVisible()
    assert courts.get_court(workspace, osh.id).history == osh.history


def test_a_lawyer_sees_the_list_without_add_or_edit(qtbot: QtBot, workspace: Workspace) -> None:
    add_staff(workspace, "lawyer", Role.LAWYER, "a long passphrase for the lawyer")
    lawyer_tab = CourtsTab(as_user(workspace, "lawyer"))
    qtbot.addWidget(lawyer_tab)
    lawyer_tab.show()
    assert lawyer_tab.model.rowCount() == len(shipped_courts()["courts"])
    assert not lawyer_tab.add_button.isVisible() and not lawyer_tab.edit_button.isVisible()
    assert lawyer_tab.add_court() is None


def test_the_shortcut_letters_differ(qtbot: QtBot, tab: CourtsTab, workspace: Workspace) -> None:
    letters = mnemonics(tab)
    assert len(letters) == len(set(letters)) == 3
    assert not set(letters) & MENU_LETTERS
    select(tab, court_named(workspace, "Osh City Court").id)
    dialog = tab.edit_court()
    assert dialog is not None
    counts = Counter(mnemonics(dialog))
    assert counts and all(count == 1 for count in counts.values()), counts

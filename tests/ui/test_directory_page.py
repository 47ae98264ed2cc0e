"""The Directory page and the organisation form, driven as a person would: filters, the
details of an entry, adding with the keyboard, refusals at their field, editing, who sees
the buttons, and the language switch. Every effect is checked in the core."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from helpers.make_vault import OTHER_PASSPHRASE, add_staff, as_user
from helpers.qt_input import type_text
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QLabel, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain import reference
from legalaid.domain.enums import OrganisationType, Region, Role
from legalaid.i18n import sentence_case, translate_in
from legalaid.services import directory
from legalaid.services.directory import OrganisationInfo, OrganisationInput
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.directory_page import (
    INACTIVE_COLOUR,
    DirectoryPage,
    OrganisationDialog,
    OrganisationModel,
)

MENU_LETTERS = set("frelh")  # File, Records, Edit, Language, Help in English
MNEMONIC = re.compile(r"&([^&\s])")
OSH_PROSECUTOR = "Osh City Prosecutor's Office"  # shipped, details already checked


def make_page(qtbot: QtBot, ws: Workspace) -> DirectoryPage:
    make_qt_application()
    page = DirectoryPage(ws)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> DirectoryPage:
    return make_page(qtbot, workspace)


def shown(page: DirectoryPage) -> list[OrganisationInfo]:
    found = [page.model.organisation_at(row) for row in range(page.model.rowCount())]
    return [info for info in found if info is not None]


def cell(
    page: DirectoryPage, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole
) -> Any:
    return page.model.data(page.model.index(row, column), role)


def named(ws: Workspace, name_en: str) -> OrganisationInfo:
    everything = directory.list_organisations(ws, include_inactive=True)
    return next(o for o in everything if o.names["en"] == name_en)


def click_row(
    qtbot: QtBot, page: DirectoryPage, organisation_id: int, double: bool = False
) -> None:
    row = page.model.row_of(organisation_id)
    assert row >= 0
    index = page.model.index(row, OrganisationModel.KIND)
    page.view.scrollTo(index)
    centre = page.view.visualRect(index).center()
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    if double:  # QTest's double-click is the second click of one (as in Qt's own tests)
        qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the box itself (a check box in a form is wider than its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab(qtbot: QtBot, times: int = 1) -> QWidget:
    for _ in range(times):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    return focused()


def open_add_dialog(qtbot: QtBot, page: DirectoryPage) -> OrganisationDialog:
    click(qtbot, page.add_button)
    dialog = page.dialog
    assert isinstance(dialog, OrganisationDialog) and dialog.isVisible()
    assert dialog.organisation is None
    qtbot.waitUntil(dialog.kind.hasFocus)  # the form opens on its first field
    return dialog


def mnemonic_letters(root: QWidget) -> list[str]:
    texts = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if (isinstance(widget, QLabel) and widget.buddy() is not None) or isinstance(
            widget, QAbstractButton
        ):
            texts.append(widget.text())
    letters = []
    for text in texts:
        match = MNEMONIC.search(text.replace("&&", ""))
        if match:
            letters.append(match.group(1).lower())
    return letters


def language_change(*widgets: QWidget) -> None:
    for widget in widgets:
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))


# --- the list ------------------------------------------------------------------------------
def test_the_list_shows_the_active_directory_and_the_filters_narrow_it(
    qtbot: QtBot, page: DirectoryPage, workspace: Workspace, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(page.model)
    active = directory.list_organisations(workspace)
    assert len(active) > 40
    assert [o.id for o in shown(page)] == [o.id for o in active]
    assert page.total.text() == f"{len(active)} organisations"
    assert page.model.headerData(OrganisationModel.NAME, Qt.Orientation.Horizontal) == (
        "Organisation"
    )

    page.kind.setFocus()
    qtbot.keyClicks(page.kind, "Police")  # the combo's own search by the first letters
    assert page.kind.currentData() == OrganisationType.POLICE.value
    police = shown(page)
    assert len(police) == 5 and {o.kind for o in police} == {OrganisationType.POLICE}
    assert {cell(page, row, OrganisationModel.KIND) for row in range(5)} == {"Police"}

    qtbot.keyClicks(page.text, "osh")  # any case, any word of the name
    in_osh = shown(page)
    assert 0 < len(in_osh) < len(police)
    assert all("osh" in o.names["en"].lower() for o in in_osh)
    expected = directory.list_organisations(workspace, kind="police", text="osh")
    assert [o.id for o in in_osh] == [o.id for o in expected]
    assert page.total.text() == f"{len(in_osh)} organisations"

    page.text.clear()
    qtbot.keyClick(page.kind, Qt.Key.Key_Home)  # back to the first choice: all kinds
    assert page.kind.currentData() is None
    page.region.setFocus()
    qtbot.keyClicks(page.region, "Batken")
    assert page.region.currentData() == Region.BATKEN.value
    batken = shown(page)
    assert batken and len(batken) < len(active)
    assert all(not o.regions or Region.BATKEN.value in o.regions for o in batken)
    for row, info in enumerate(batken):
        text = cell(page, row, OrganisationModel.REGIONS)
        assert "Batken oblast" in text or text == "all regions", (info.names["en"], text)
    assert any(
        cell(page, r, OrganisationModel.REGIONS) == "all regions" for r in range(len(batken))
    )

    qtbot.keyClick(page.region, Qt.Key.Key_Home)
    assert page.model.rowCount() == len(active)
    click(qtbot, page.show_inactive)
    everything = directory.list_organisations(workspace, include_inactive=True)
    assert page.model.rowCount() == len(everything) > len(active)
    inactive = [row for row, o in enumerate(shown(page)) if not o.active]
    assert len(inactive) == len(everything) - len(active)
    row = inactive[0]
    brush = cell(page, row, OrganisationModel.NAME, Qt.ItemDataRole.ForegroundRole)
    font = cell(page, row, OrganisationModel.NAME, Qt.ItemDataRole.FontRole)
    assert isinstance(brush, QBrush) and brush.color() == INACTIVE_COLOUR
    assert isinstance(font, QFont) and font.italic()
    assert "No longer active" in cell(
        page, row, OrganisationModel.KIND, Qt.ItemDataRole.ToolTipRole
    )
    active_row = next(r for r, o in enumerate(shown(page)) if o.active)
    assert cell(page, active_row, OrganisationModel.NAME, Qt.ItemDataRole.ForegroundRole) is None


def test_the_details_show_address_head_and_source_and_mark_entries_to_check(
    qtbot: QtBot, page: DirectoryPage, workspace: Workspace
) -> None:
    to_check = next(o for o in shown(page) if o.verify and o.source and o.head_titles["en"])
    click_row(qtbot, page, to_check.id)
    assert page.chosen() == to_check
    details = page.details.toPlainText()
    assert details.startswith(to_check.names["en"])
    assert f"Source: {to_check.source}" in details
    assert to_check.head_titles["en"] in details
    assert page.check_note.isVisible() and "to be checked" in page.check_note.text()
    row = page.model.row_of(to_check.id)
    assert "to be checked" in cell(page, row, OrganisationModel.PHONE, Qt.ItemDataRole.ToolTipRole)
    assert cell(page, row, OrganisationModel.NAME, Qt.ItemDataRole.DecorationRole) is not None

    checked = named(workspace, OSH_PROSECUTOR)
    assert not checked.verify
    click_row(qtbot, page, checked.id)
    assert not page.check_note.isVisible()
    row = page.model.row_of(checked.id)
    assert cell(page, row, OrganisationModel.NAME, Qt.ItemDataRole.DecorationRole) is None
    assert "to be checked" not in cell(
        page, row, OrganisationModel.NAME, Qt.ItemDataRole.ToolTipRole
    )

    added = directory.add_organisation(
        workspace,
        OrganisationInput(
            kind="partner_ngo",
            name_ky="Укук борбору",
            name_ru="Правовой центр",
            name_en="Rights Centre",
            address_ru="ул. Курманжан Датки 200, Ош",
            head_name="Асан Асанов",
            head_title_en="Director",
            email="office@example.kg",
            categories=("GBV", "CRJ.TORTURE"),
            regions=("osh_city", "batken"),
        ),
    )
    page.refresh()
    click_row(qtbot, page, added.id)
    details = page.details.toPlainText()
    assert "Address: ул. Курманжан Датки 200, Ош" in details  # the Russian one: no English
    assert "Head: Director, Асан Асанов" in details
    assert "Email: office@example.kg" in details
    assert "Regions served: Osh city, Batken oblast" in details
    assert "Categories: Gender-based violence, Torture and ill-treatment" in details
    assert "Кыргызча: Укук борбору" in details and "Added here" in details
    assert "Days to answer: the usual period for its kind (7)" in details
    row = page.model.row_of(added.id)
    assert cell(page, row, OrganisationModel.CATEGORIES) == (
        "Gender-based violence, Torture and ill-treatment"
    )
    assert cell(page, row, OrganisationModel.LETTERS) == "Русский"


# --- adding and editing ----------------------------------------------------------------------
def test_a_coordinator_adds_an_organisation_with_the_keyboard(
    qtbot: QtBot, page: DirectoryPage, workspace: Workspace
) -> None:
    before = len(directory.list_organisations(workspace, include_inactive=True))
    dialog = open_add_dialog(qtbot, page)
    assert dialog.active.isChecked() and dialog.letter_language.currentData() == "ru"
    assert dialog.response_days.text() == "usual period (20 days)"  # "other organisation"
    qtbot.keyClicks(dialog.kind, "Partner")
    assert dialog.kind.currentData() == OrganisationType.PARTNER_NGO.value
    assert dialog.response_days.text() == "usual period (7 days)"
    typed = {
        "name_ky": "Ош укук коргоо борбору",
        "name_ru": "Ошский правозащитный центр",
        "name_en": "Osh Rights Centre",
        "address_ky": "",
        "address_ru": "",
        "address_en": "200 Kurmanjan Datka St, Osh",
        "head_name": "Асан Асанов",
        "head_title_ky": "",
        "head_title_ru": "Директор",
        "head_title_en": "",
        "phone": "+996 3222 12345",
        "email": "office@example.kg",
    }
    for name, text in typed.items():  # Tab leads through the form from top to bottom
        field = tab(qtbot)
        assert field is dialog.texts[name], name
        type_text(field, text)
    assert tab(qtbot) is dialog.regions.boxes[Region.OSH_CITY]
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert tab(qtbot, 3) is dialog.regions.boxes[Region.BATKEN]
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert tab(qtbot, len(Region) - 3) is dialog.categories
    qtbot.keyClicks(dialog.categories, " ")  # the first category: criminal justice
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Down):
        qtbot.keyClick(dialog.categories, key)  # then family violence, within GBV
    qtbot.keyClick(dialog.categories, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.categories, Qt.Key.Key_Space)  # ...changed my mind: off again
    assert dialog.categories.chosen() == ("CRJ", "GBV")
    assert tab(qtbot) is dialog.letter_language
    qtbot.keyClick(dialog.letter_language, Qt.Key.Key_Up)
    assert dialog.letter_language.currentText() == "Кыргызча"
    assert tab(qtbot) is dialog.response_days
    qtbot.keyClicks(dialog.response_days, "14")
    assert tab(qtbot) is dialog.active
    with qtbot.waitSignal(dialog.saved, timeout=5_000) as saved:
        qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter saves
    assert not dialog.isVisible()

    info = saved.args[0]
    assert isinstance(info, OrganisationInfo)
    stored = directory.get_organisation(workspace, info.id)
    assert len(directory.list_organisations(workspace, include_inactive=True)) == before + 1
    assert stored.as_input() == OrganisationInput(
        kind="partner_ngo",
        **typed,
        regions=("osh_city", "batken"),
        categories=("CRJ", "GBV"),
        letter_language="ky",
        response_days=14,
        active=True,
    )
    assert stored.edited_locally and stored.key is None and not stored.verify
    assert page.chosen() == stored  # the new entry is listed and chosen
    assert page.report.text() == "Saved: Osh Rights Centre."
    row = page.model.row_of(stored.id)
    assert cell(page, row, OrganisationModel.NAME) == "Osh Rights Centre"
    assert cell(page, row, OrganisationModel.REGIONS) == "Osh city, Batken oblast"
    assert cell(page, row, OrganisationModel.LETTERS) == "Кыргызча"
    assert "Days to answer: 14" in page.details.toPlainText()


def test_a_refused_entry_shows_the_message_at_its_field_and_keeps_what_was_typed(
    qtbot: QtBot, page: DirectoryPage, workspace: Workspace
) -> None:
    before = len(directory.list_organisations(workspace, include_inactive=True))
    dialog = open_add_dialog(qtbot, page)
    type_text(dialog.texts["name_ru"], "Кризисный центр «Сезим»")
    type_text(dialog.texts["name_en"], "Sezim Crisis Centre")
    type_text(dialog.texts["email"], "not an address")
    tick(qtbot, dialog.regions.boxes[Region.JALAL_ABAD])
    dialog.categories.set_chosen(["GBV"])
    click(qtbot, dialog.save_button)

    error = dialog.errors["name_ky"]
    assert error.isVisible()
    assert error.text() == "The name is needed in Kyrgyz, Russian and English."
    assert dialog.isVisible() and dialog.texts["name_ky"].hasFocus()
    assert dialog.texts["name_ru"].text() == "Кризисный центр «Сезим»"
    assert dialog.texts["email"].text() == "not an address"
    assert dialog.regions.chosen() == (Region.JALAL_ABAD,)
    assert dialog.categories.chosen() == ("GBV",)
    assert len(directory.list_organisations(workspace, include_inactive=True)) == before

    type_text(dialog.texts["name_ky"], "«Сезим» кризистик борбору")
    click(qtbot, dialog.save_button)
    assert not dialog.errors["name_ky"].isVisible()
    assert dialog.errors["email"].isVisible()
    assert dialog.errors["email"].text() == "This is not an email address."
    assert dialog.texts["email"].hasFocus() and dialog.isVisible()
    assert dialog.texts["name_ky"].text() == "«Сезим» кризистик борбору"
    assert len(directory.list_organisations(workspace, include_inactive=True)) == before

    dialog.texts["email"].selectAll()
    qtbot.keyClicks(dialog.texts["email"], "sezim@example.kg")
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        click(qtbot, dialog.save_button)
    stored = named(workspace, "Sezim Crisis Centre")
    assert stored.email == "sezim@example.kg" and stored.regions == ("jalal_abad",)
    assert stored.names["ky"] == "«Сезим» кризистик борбору"
    assert not dialog.isVisible() and page.chosen() == stored


def test_editing_keeps_the_other_fields_and_marks_the_entry_edited_locally(
    qtbot: QtBot, page: DirectoryPage, workspace: Workspace
) -> None:
    before = named(workspace, OSH_PROSECUTOR)
    assert before.key is not None and not before.edited_locally
    click_row(qtbot, page, before.id)
    assert page.edit_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)  # Enter on the row edits it
    dialog = page.dialog
    assert isinstance(dialog, OrganisationDialog) and dialog.isVisible()
    assert dialog.organisation == before and dialog.windowTitle() == "Edit an organisation"
    assert dialog.input() == before.as_input()  # the form holds the entry as it is
    assert dialog.texts["name_en"].text() == OSH_PROSECUTOR
    assert dialog.regions.chosen() == (Region.OSH_CITY,)
    assert dialog.categories.chosen() == before.categories
    assert "came with the application" in dialog.intro.text()

    dialog.texts["phone"].setFocus()
    qtbot.keyClicks(dialog.texts["phone"], "+996 3222 20000")
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        click(qtbot, dialog.save_button)

    after = directory.get_organisation(workspace, before.id)
    assert after.edited_locally and after.key == before.key
    assert after.as_input() == dataclasses.replace(before.as_input(), phone="+996 3222 20000")
    assert page.chosen() == after  # the edited row stays chosen, with its new details
    assert "Phone: +996 3222 20000" in page.details.toPlainText()
    assert "Edited here" in page.details.toPlainText()
    assert cell(page, page.model.row_of(after.id), OrganisationModel.PHONE) == "+996 3222 20000"

    other = shown(page)[0]
    click_row(qtbot, page, other.id, double=True)  # a double-click edits too
    second = page.dialog
    assert isinstance(second, OrganisationDialog) and second is not dialog
    assert second.isVisible() and second.organisation == other
    click(qtbot, second.buttons.button(second.buttons.StandardButton.Cancel))
    assert not second.isVisible()
    assert directory.get_organisation(workspace, other.id) == other


def test_an_edit_hidden_by_the_filters_is_reported(
    qtbot: QtBot, page: DirectoryPage, workspace: Workspace
) -> None:
    target = named(workspace, OSH_PROSECUTOR)
    click_row(qtbot, page, target.id)
    dialog = page.edit_selected()
    assert dialog is not None
    tick(qtbot, dialog.active)  # no longer in use: the list shows active entries only
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        click(qtbot, dialog.save_button)
    assert not directory.get_organisation(workspace, target.id).active
    assert page.model.row_of(target.id) == -1 and page.chosen() is None
    assert page.report.text() == f"Saved: {OSH_PROSECUTOR}. The filters above hide it."
    click(qtbot, page.show_inactive)
    assert page.model.row_of(target.id) >= 0


@pytest.mark.parametrize("role", [Role.PARALEGAL, Role.MONITOR, Role.LAWYER])
def test_staff_who_do_not_coordinate_read_without_add_or_edit(
    qtbot: QtBot, workspace: Workspace, role: Role
) -> None:
    add_staff(workspace, "reader", role, OTHER_PASSPHRASE)
    page = make_page(qtbot, as_user(workspace, "reader"))
    assert page.model.rowCount() == len(directory.list_organisations(workspace))
    assert not page.add_button.isVisible() and not page.edit_button.isVisible()
    assert page.add_organisation() is None
    target = named(workspace, OSH_PROSECUTOR)
    click_row(qtbot, page, target.id)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert page.dialog is None and page.edit_selected() is None
    assert page.details.hasFocus()  # Enter leads to the entry in full instead
    assert page.details.toPlainText().startswith(OSH_PROSECUTOR)


# --- language, keyboard, lock ----------------------------------------------------------------
def test_the_language_switch_changes_headers_and_kinds_and_keeps_the_filters(
    qtbot: QtBot, page: DirectoryPage, workspace: Workspace
) -> None:
    page.kind.setFocus()
    qtbot.keyClicks(page.kind, "Police")
    qtbot.keyClicks(page.text, "osh")
    click(qtbot, page.show_inactive)
    ids = {o.id for o in shown(page)}
    chosen = shown(page)[-1]
    click_row(qtbot, page, chosen.id)

    i18n.set_language("ru")
    language_change(page)

    police_ru = sentence_case(translate_in("ru", "police"))
    assert police_ru != "Police"
    headers = [
        page.model.headerData(column, Qt.Orientation.Horizontal)
        for column in range(page.model.columnCount())
    ]
    assert headers[OrganisationModel.NAME] == translate_in("ru", "Organisation") != "Organisation"
    assert headers[OrganisationModel.PHONE] == translate_in("ru", "Phone") != "Phone"
    assert page.kind.currentData() == "police" and page.kind.currentText() == police_ru
    assert page.region.itemText(page.region.findData("osh")) == translate_in("ru", "Osh oblast")
    assert page.text.text() == "osh" and page.show_inactive.isChecked()
    assert {o.id for o in shown(page)} == ids
    for row, info in enumerate(shown(page)):
        assert cell(page, row, OrganisationModel.KIND) == police_ru
        assert cell(page, row, OrganisationModel.NAME) == info.names["ru"]
    assert page.chosen() is not None and page.chosen().id == chosen.id  # type: ignore[union-attr]
    assert page.details.toPlainText().startswith(chosen.names["ru"])
    assert page.region_label.text() == translate_in("ru", "Re&gion")


def test_the_form_follows_the_language_and_keeps_what_was_typed(
    qtbot: QtBot, page: DirectoryPage
) -> None:
    dialog = open_add_dialog(qtbot, page)
    qtbot.keyClicks(dialog.kind, "Court")
    type_text(dialog.texts["name_en"], "Karasuu District Court")
    dialog.categories.set_chosen(["FAM", "CRJ.TORTURE"])
    tick(qtbot, dialog.regions.boxes[Region.OSH])

    i18n.set_language("ru")
    language_change(dialog)

    assert dialog.kind.currentData() == "court"
    assert dialog.kind.currentText() == sentence_case(translate_in("ru", "court"))
    assert dialog.rows.labels["phone"].text() == translate_in("ru", "&Phone")
    assert dialog.save_button.text() == translate_in("ru", "Save") != "Save"
    assert dialog.regions.boxes[Region.OSH].text() == translate_in("ru", "Osh oblast")
    torture = dialog.categories.items["CRJ.TORTURE"]
    assert torture.text(0) == reference.category_label("CRJ.TORTURE", "ru")
    assert torture.text(0) != reference.category_label("CRJ.TORTURE", "en")
    criminal_justice = torture.parent()
    assert (
        criminal_justice is not None and criminal_justice.isExpanded()
    )  # a ticked subcategory shows
    assert dialog.texts["name_en"].text() == "Karasuu District Court"
    assert dialog.categories.chosen() == ("CRJ.TORTURE", "FAM")
    assert dialog.regions.chosen() == (Region.OSH,)


def test_mnemonics_are_unique_and_clear_of_the_menu_bar(qtbot: QtBot, page: DirectoryPage) -> None:
    on_page = mnemonic_letters(page)
    assert sorted(on_page) == sorted(set("kgsiad"))
    dialog = open_add_dialog(qtbot, page)
    in_dialog = mnemonic_letters(dialog)
    assert len(in_dialog) == 11
    for letters in (on_page, in_dialog):
        assert len(letters) == len(set(letters)), letters
        assert not set(letters) & MENU_LETTERS, letters


def test_a_lock_empties_the_page_and_closes_the_form(
    qtbot: QtBot, page: DirectoryPage, workspace: Workspace
) -> None:
    click_row(qtbot, page, named(workspace, OSH_PROSECUTOR).id)
    dialog = open_add_dialog(qtbot, page)
    type_text(dialog.texts["name_en"], "Half typed")
    page.clear()
    assert not dialog.isVisible()
    assert page.model.rowCount() == 0 and page.details.toPlainText() == ""
    assert not page.edit_button.isEnabled()
    page.refresh()
    assert page.model.rowCount() == len(directory.list_organisations(workspace))
    assert all(o.names["en"] != "Half typed" for o in shown(page))

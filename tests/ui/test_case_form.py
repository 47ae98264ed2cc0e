"""Opening and changing a case in the form: parties, validation at the field, roles, language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, OTHER_PASSPHRASE, new_vault
from helpers.qt_input import type_text
from helpers.records import case_for, person
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain.enums import PartyRole, Role
from legalaid.services import accounts, cases
from legalaid.services.auth import sign_in
from ui.app import Application, make_qt_application
from ui.case_form import CaseForm
from ui.main_window import MainWindow
from ui.search_panel import Hit


@pytest.fixture
def office(vault_path: Path) -> Path:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "lawyer1", "Бакыт Асанов", Role.LAWYER, OTHER_PASSPHRASE)
    accounts.add_account(ws, "para1", "Айгүл Осмонова", Role.PARALEGAL, OTHER_PASSPHRASE)
    client = person(ws, "Өмүрбекова", "Айгүл")
    person(ws, "Жээнбеков", "Нурлан")
    case_for(ws, client, "FAM", subcategory="FAM.ALIMONY", summary="Алимент төлөнбөйт")
    ws.close()
    return vault_path


@pytest.fixture
def window_of(qtbot: QtBot, office: Path) -> Iterator[object]:
    make_qt_application()
    desk = Application(office)  # Qt's LanguageChange follows the language, as in the app
    opened: list[MainWindow] = []

    def open_as(login: str = ADMIN, passphrase: str = ADMIN_PASSPHRASE) -> MainWindow:
        window = MainWindow(sign_in(office, login, passphrase))
        qtbot.addWidget(window)
        window.show()
        opened.append(window)
        return window

    yield open_as
    for window in opened:
        window.close()
    i18n.remove_language_listener(desk._language_changed)


def _choose(combo: object, data: object) -> None:
    index = combo.findData(data)  # type: ignore[attr-defined]
    assert index >= 0, data
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def _pick_person(qtbot: QtBot, form: CaseForm, typed: str, role: PartyRole) -> None:
    _choose(form.party_role, role)
    type_text(form.party_search, typed)
    qtbot.waitUntil(lambda: form.party_picker.results.count() > 0, timeout=3_000)
    qtbot.keyClick(form.party_search, Qt.Key.Key_Return)


def test_a_case_opened_from_a_person_has_them_as_client(qtbot: QtBot, window_of: object) -> None:
    window = window_of()  # type: ignore[operator]
    people_ids = [
        p.person_id for p in cases.get_case(window.ws, 1).parties if p.role is PartyRole.CLIENT
    ]
    window.open_hit(Hit("person", people_ids[0]))
    assert window.record_view.new_case_button.isVisible()
    qtbot.mouseClick(window.record_view.new_case_button, Qt.MouseButton.LeftButton)
    form = window.editor
    assert isinstance(form, CaseForm) and window.pages.currentWidget() is form
    assert form.party_list.count() == 1 and "Өмүрбекова Айгүл" in form.party_list.item(0).text()
    _choose(form.category, "GBV")
    _choose(form.subcategory, form.subcategory.itemData(1))
    type_text(form.summary, "Күйөөсү коркутат")
    _pick_person(qtbot, form, "Жээнб", PartyRole.OPPOSING_PARTY)
    assert form.party_list.count() == 2
    with qtbot.waitSignal(form.saved, timeout=5_000) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    info = saved.args[0]
    stored = cases.get_case(window.ws, info.id)
    assert stored.category == "GBV" and stored.subcategory and stored.summary == "Күйөөсү коркутат"
    assert [(p.full_name, p.role) for p in stored.parties] == [
        ("Өмүрбекова Айгүл", PartyRole.CLIENT),
        ("Жээнбеков Нурлан", PartyRole.OPPOSING_PARTY),
    ]
    assert window.record_view.kind == "case" and window.record_view.title.text() == info.number


def test_a_refused_case_keeps_everything_typed(qtbot: QtBot, window_of: object) -> None:
    window = window_of()  # type: ignore[operator]
    form = window.new_case()
    type_text(form.summary, "Жумуштан негизсиз бошотулду")
    _pick_person(qtbot, form, "Омурбек", PartyRole.CLIENT)  # Latin finds the Cyrillic name
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors["category"].isVisible()
    assert "category" in form.errors["category"].text().lower()
    assert form.summary.toPlainText() == "Жумуштан негизсиз бошотулду"
    assert form.party_list.count() == 1 and form.case is None
    assert cases.list_cases(window.ws)[1] == 1  # nothing saved
    assert form.is_dirty()


def test_editing_changes_category_lawyer_and_parties_in_one_save(
    qtbot: QtBot, window_of: object
) -> None:
    window = window_of()  # type: ignore[operator]
    window.open_hit(Hit("case", 1))
    qtbot.mouseClick(window.record_view.edit_button, Qt.MouseButton.LeftButton)
    form = window.editor
    assert isinstance(form, CaseForm) and not form.is_dirty()
    assert form.subcategory.currentData() == "FAM.ALIMONY"
    assert form.summary.toPlainText() == "Алимент төлөнбөйт"
    _choose(form.category, "LAB")
    assert form.subcategory.currentData() is None  # a family subcategory does not fit labour
    _choose(form.assigned_lawyer, "lawyer1")
    _pick_person(qtbot, form, "Жээнбеков", PartyRole.WITNESS)
    form.party_list.setCurrentRow(0)
    qtbot.mouseClick(form.remove_party_button, Qt.MouseButton.LeftButton)
    assert form.is_dirty()
    with qtbot.waitSignal(form.saved, timeout=5_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    stored = cases.get_case(window.ws, 1)
    assert (stored.category, stored.subcategory, stored.assigned_lawyer) == ("LAB", None, "lawyer1")
    assert [(p.full_name, p.role) for p in stored.parties] == [
        ("Жээнбеков Нурлан", PartyRole.WITNESS)
    ]
    assert not form.is_dirty()


def test_a_paralegal_sees_but_cannot_change_the_lawyer_or_the_restriction(
    qtbot: QtBot, window_of: object
) -> None:
    window = window_of("para1", OTHER_PASSPHRASE)  # type: ignore[operator]
    window.open_hit(Hit("case", 1))
    form = window.edit_record(window.record_view.info)
    assert not form.assigned_lawyer.isEnabled() and not form.restricted.isEnabled()
    form.summary.moveCursor(QTextCursor.MoveOperation.End)
    type_text(form.summary, " — жаңы маалымат")
    with qtbot.waitSignal(form.saved, timeout=5_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert cases.get_case(window.ws, 1).summary == "Алимент төлөнбөйт — жаңы маалымат"
    assert form.message.text() == ""


def test_the_open_form_changes_language_and_keeps_its_input(
    qtbot: QtBot, window_of: object
) -> None:
    window = window_of()  # type: ignore[operator]
    form = window.new_case()
    _choose(form.category, "GBV")
    type_text(form.summary, "Текст")
    english = form.category.currentText()
    window.set_language("ru")
    qtbot.waitUntil(lambda: form.title.text() == i18n._("New case"), timeout=3_000)
    assert form.title.text() != "New case"
    assert form.category.currentData() == "GBV" and form.category.currentText() != english
    assert form.summary.toPlainText() == "Текст"
    window.set_language("en")


def test_the_area_a_record_was_opened_from_can_be_clicked_again(
    qtbot: QtBot, window_of: object
) -> None:
    window = window_of()  # type: ignore[operator]
    cases_row = window.area_keys().index("cases")
    window.navigation.setCurrentRow(cases_row)
    window.open_hit(Hit("case", 1))
    assert window.pages.currentIndex() == window.record_page_index
    window.navigation.setCurrentRow(cases_row)
    assert window.pages.currentIndex() == cases_row

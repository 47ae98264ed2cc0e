"""The Letters tab of the Administration page: the letterhead (fields, logo) and the wording
of referral letters (save, refusals at the field, back to the shipped wording, preview,
placeholders). Real widgets driven with clicks and typing; every effect is checked in the
core."""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections import Counter
from pathlib import Path

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.qt_input import type_text
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

import ui.letters_admin as letters_module
from legalaid import i18n
from legalaid.documents.letter_templates import shipped_template
from legalaid.domain.enums import Region, Role
from legalaid.services import letters, offices
from legalaid.services.offices import LetterheadInput
from legalaid.services.workspace import Workspace
from ui.letters_admin import LettersTab

OFFICE = "MAIN"
MNEMONIC = re.compile(r"&([^&\s])")
MENU_LETTERS = set("frelh")  # the main window's menus: File, Records, Edit, Language, Help


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\x1f\x3a\x5f" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def retype(widget: QWidget, text: str) -> None:
    widget.clear()  # type: ignore[attr-defined]
    type_text(widget, text)


def choose_language(tab: LettersTab, code: str) -> None:
    tab.language.setCurrentIndex(tab.language.findData(code))


@pytest.fixture
def tab(qtbot: QtBot, workspace: Workspace) -> LettersTab:
    letters_tab = LettersTab(workspace)
    qtbot.addWidget(letters_tab)
    letters_tab.resize(1100, 700)
    letters_tab.show()
    return letters_tab


# --- the letterhead --------------------------------------------------------------------------


def test_typing_the_letterhead_and_saving_stores_it(
    qtbot: QtBot, tab: LettersTab, workspace: Workspace
) -> None:
    assert tab.office.currentData() == OFFICE
    typed = {
        "address_ky": "Ош ш.,  Ленин көчөсү, 1",
        "address_ru": "г. Ош, ул. Ленина, 1",
        "address_en": "1 Lenin St, Osh",
        "phone": "(03222) 5-55-55",
        "email": "osh@legalaid.kg",
        "signatory_name": "Б. К. Усенова",
        "signatory_title_ky": "Директор",
        "signatory_title_ru": "Директор",
        "signatory_title_en": "Director",
    }
    for name, text in typed.items():
        retype(tab.letterhead_fields[name], text)
    click(qtbot, tab.save_letterhead_button)
    saved = offices.letterhead(workspace, OFFICE)
    assert saved.as_input() == LetterheadInput(
        **{**typed, "address_ky": "Ош ш., Ленин көчөсү, 1"}  # spaces tidied by the core
    )
    assert tab.letterhead_fields["address_ky"].text() == "Ош ш., Ленин көчөсү, 1"
    assert "was saved" in tab.letterhead_message.text() and tab.letterhead_message.isVisible()


def test_a_bad_email_shows_at_its_field_and_keeps_the_text(
    qtbot: QtBot, tab: LettersTab, workspace: Workspace
) -> None:
    retype(tab.letterhead_fields["address_en"], "1 Lenin St, Osh")
    retype(tab.letterhead_fields["email"], "osh.legalaid.kg")
    click(qtbot, tab.save_letterhead_button)
    error = tab.letterhead_rows.errors["email"]
    assert error.isVisible() and error.text() == "This is not an email address."
    assert tab.letterhead_fields["email"].text() == "osh.legalaid.kg"
    assert tab.letterhead_fields["address_en"].text() == "1 Lenin St, Osh"
    assert offices.letterhead(workspace, OFFICE).as_input() == LetterheadInput()
    retype(tab.letterhead_fields["email"], "osh@legalaid.kg")
    click(qtbot, tab.save_letterhead_button)
    assert not error.isVisible()
    assert offices.letterhead(workspace, OFFICE).email == "osh@legalaid.kg"


def test_choosing_a_logo_stores_it_and_shows_it(
    qtbot: QtBot,
    tab: LettersTab,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(40, 20))
    monkeypatch.setattr(letters_module, "choose_logo_file", lambda _parent: logo)
    assert tab.logo_preview.pixmap().isNull() and not tab.remove_logo_button.isEnabled()
    click(qtbot, tab.choose_logo_button)
    assert offices.office_logo(workspace, OFFICE) == png(40, 20)
    shown = tab.logo_preview.pixmap()
    assert not shown.isNull() and (shown.width(), shown.height()) == (64, 32)
    assert tab.remove_logo_button.isEnabled()

    logo.write_bytes(b"GIF89a" + bytes(64))  # refused: the old logo stays, the reason shows
    click(qtbot, tab.choose_logo_button)
    assert tab.letterhead_rows.errors["logo"].isVisible()
    assert "PNG or JPEG" in tab.letterhead_rows.errors["logo"].text()
    assert offices.office_logo(workspace, OFFICE) == png(40, 20)

    click(qtbot, tab.remove_logo_button)
    assert offices.office_logo(workspace, OFFICE) is None
    assert tab.logo_preview.pixmap().isNull() and tab.logo_preview.text() == "no logo"


def test_a_logo_too_large_is_refused_before_it_is_read(
    qtbot: QtBot,
    tab: LettersTab,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    big = tmp_path / "scan.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2 * 1024 * 1024))
    monkeypatch.setattr(letters_module, "choose_logo_file", lambda _parent: big)
    monkeypatch.setattr(Path, "read_bytes", lambda _self: pytest.fail("read"))
    click(qtbot, tab.choose_logo_button)
    assert "2049 KiB" in tab.letterhead_rows.errors["logo"].text()
    assert offices.office_logo(workspace, OFFICE) is None


def test_edits_of_another_office_wait_until_it_is_chosen_again(
    qtbot: QtBot, tab: LettersTab, workspace: Workspace
) -> None:
    offices.add_office(
        workspace, "OSH", {"ky": "Ош кеңсеси", "ru": "Офис Ош", "en": "Osh office"}, Region.OSH_CITY
    )
    tab.refresh()
    retype(tab.letterhead_fields["phone"], "0555 123 456")
    tab.office.setCurrentIndex(tab.office.findData("OSH"))
    assert tab.letterhead_fields["phone"].text() == ""
    tab.office.setCurrentIndex(tab.office.findData(OFFICE))
    assert tab.letterhead_fields["phone"].text() == "0555 123 456"
    assert offices.letterhead(workspace, OFFICE).phone == ""  # typed, not saved


# --- the wording -----------------------------------------------------------------------------


def test_an_unknown_placeholder_is_refused_at_the_body(
    qtbot: QtBot, tab: LettersTab, workspace: Workspace
) -> None:
    choose_language(tab, "ru")
    body = "Просим рассмотреть обращение гр. {clientname}."
    tab.body.setPlainText(body)
    click(qtbot, tab.save_wording_button)
    error = tab.wording_rows.errors["body"]
    assert error.isVisible()
    assert "{clientname}" in error.text() and "{client_name}" in error.text()
    assert tab.body.toPlainText() == body
    assert not letters.letter_template(workspace, "ru").custom  # nothing saved
    click(qtbot, tab.preview_button)  # the preview refuses it the same way
    assert tab.preview_dialog is None and error.isVisible()


def test_a_good_template_is_saved_as_the_coordinators_wording(
    qtbot: QtBot, tab: LettersTab, workspace: Workspace
) -> None:
    choose_language(tab, "en")
    assert "shipped wording" in tab.note.text()
    assert not tab.save_wording_button.isEnabled()  # nothing changed yet
    retype(tab.subject, "Referral of {client_name}")
    tab.body.setPlainText("We refer {client_name} to you.\n\nCase {case_number}.  ")
    assert "not saved yet" in tab.note.text()
    click(qtbot, tab.save_wording_button)
    assert not tab.wording_rows.errors["body"].isVisible()
    saved = letters.letter_template(workspace, "en")
    assert saved.custom
    assert saved.template.subject == "Referral of {client_name}"
    assert saved.template.body == "We refer {client_name} to you.\n\nCase {case_number}."
    assert "coordinator saved" in tab.note.text() and "not saved yet" not in tab.note.text()
    assert tab.body.toPlainText() == saved.template.body
    assert not letters.letter_template(workspace, "ru").custom


def test_back_to_the_shipped_wording_after_asking(
    qtbot: QtBot, tab: LettersTab, workspace: Workspace
) -> None:
    choose_language(tab, "ky")
    letters.save_letter_template(workspace, "ky", "Тема {client_name}", "Текст {facts}")
    tab.refresh()
    assert tab.subject.text() == "Тема {client_name}"
    assert tab.reset_button.isEnabled()
    click(qtbot, tab.reset_button)
    box = tab.confirm_reset
    assert box is not None and box.isVisible()
    cancel = next(b for b in box.buttons() if b.text() != "Replace the wording")
    click(qtbot, cancel)
    assert letters.letter_template(workspace, "ky").custom  # cancelled: nothing changed
    click(qtbot, tab.reset_button)
    box = tab.confirm_reset
    assert box is not None
    click(qtbot, next(b for b in box.buttons() if b.text() == "Replace the wording"))
    shipped = shipped_template("ky")
    assert not letters.letter_template(workspace, "ky").custom
    assert (tab.subject.text(), tab.body.toPlainText()) == (shipped.subject, shipped.body)
    assert "shipped wording" in tab.note.text()
    assert not tab.reset_button.isEnabled()


def test_switching_language_keeps_the_edits_of_each(
    qtbot: QtBot, tab: LettersTab, workspace: Workspace
) -> None:
    choose_language(tab, "ru")
    retype(tab.subject, "Моя тема {client_name}")
    choose_language(tab, "en")
    assert tab.subject.text() == shipped_template("en").subject
    qtbot.keyClick(tab.subject, Qt.Key.Key_End)
    type_text(tab.subject, " (draft)")
    choose_language(tab, "ru")
    assert tab.subject.text() == "Моя тема {client_name}"
    assert "not saved yet" in tab.note.text()
    choose_language(tab, "en")
    assert tab.subject.text() == shipped_template("en").subject + " (draft)"
    assert not letters.letter_template(workspace, "ru").custom


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_the_preview_draws_the_unsaved_wording(
    qtbot: QtBot, tab: LettersTab, workspace: Workspace, language: str
) -> None:
    offices.set_logo(workspace, OFFICE, png(40, 40))
    offices.set_letterhead(workspace, OFFICE, LetterheadInput(address_en="1 Lenin St, Osh"))
    choose_language(tab, language)
    tab.body.setPlainText(tab.body.toPlainText() + "\n\nUnsaved sentence Zqxjvwkpl.")
    click(qtbot, tab.preview_button)
    dialog = tab.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.images and not dialog.images[0].isNull()
    assert dialog.images[0].width() > 700
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(dialog.pdf)).pages)
    assert "Zqxjvwkpl" in text
    assert {"ky": "Асанова Айгүл", "ru": "Асанова Айгуль", "en": "Asanova Aigul"}[language] in text
    assert "1 Lenin St, Osh" in text
    assert not letters.letter_template(workspace, language).custom  # nothing saved


def test_a_broken_subject_is_named_at_the_subject_in_the_preview(
    qtbot: QtBot, tab: LettersTab
) -> None:
    retype(tab.subject, "Referral {of")
    click(qtbot, tab.preview_button)
    assert tab.preview_dialog is None
    assert tab.wording_rows.errors["subject"].isVisible()
    assert "not closed" in tab.wording_rows.errors["subject"].text()
    assert tab.subject.text() == "Referral {of"


def test_a_placeholder_from_the_list_goes_in_at_the_cursor(qtbot: QtBot, tab: LettersTab) -> None:
    tab.body.setPlainText("Dear ,")
    cursor = tab.body.textCursor()
    cursor.setPosition(5)
    tab.body.setTextCursor(cursor)
    item = tab.placeholders.topLevelItem(0)
    assert item is not None
    assert item.text(0) == "{client_name}" and item.text(1) == "Full name of the person referred"
    tab.placeholders.setCurrentItem(item)
    tab.placeholders.setFocus()
    qtbot.keyClick(tab.placeholders, Qt.Key.Key_Return)
    assert tab.body.toPlainText() == "Dear {client_name},"
    assert tab.body.hasFocus() or not tab.isActiveWindow()
    second = tab.placeholders.topLevelItem(3)  # {case_number}, by double-click
    assert second is not None
    rect = tab.placeholders.visualItemRect(second)
    # a person's double-click is a press, a release and a double-click event
    qtbot.mouseClick(tab.placeholders.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.placeholders.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.body.toPlainText() == "Dear {client_name}{case_number},"


# --- roles, languages, keyboard --------------------------------------------------------------


def test_a_paralegal_may_look_but_not_change(qtbot: QtBot, workspace: Workspace) -> None:
    add_staff(workspace, "para", Role.PARALEGAL, "a paralegal's long passphrase")
    view = LettersTab(as_user(workspace, "para"))
    qtbot.addWidget(view)
    view.show()
    assert not view.letterhead_group.isEnabled()
    assert view.body.isReadOnly() and not view.save_wording_button.isVisible()
    click(qtbot, view.preview_button)
    assert view.preview_dialog is not None and not view.preview_dialog.images[0].isNull()


def test_a_language_switch_relabels_and_keeps_what_was_typed(qtbot: QtBot, tab: LettersTab) -> None:
    retype(tab.letterhead_fields["email"], "typed@legalaid.kg")
    tab.body.setPlainText("Typed {facts}")
    i18n.set_language("ru")
    QApplication.sendEvent(tab, QEvent(QEvent.Type.LanguageChange))
    try:
        name = offices.list_offices(tab.ws)[0].name_ru
        assert tab.office.currentText() == f"{name} ({OFFICE})"
        first = tab.placeholders.topLevelItem(0)
        assert first is not None
        assert first.text(1) == i18n._("Full name of the person referred")
        assert tab.letterhead_fields["email"].text() == "typed@legalaid.kg"
        assert tab.body.toPlainText() == "Typed {facts}"
    finally:
        i18n.set_language("en")


def test_mnemonics_are_unique_and_clear_of_the_menus(tab: LettersTab) -> None:
    texts = []
    for widget in tab.findChildren(QWidget):
        if not widget.isVisibleTo(tab):
            continue
        if (isinstance(widget, QLabel) and widget.buddy() is not None) or isinstance(
            widget, QAbstractButton
        ):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
    letters_used = [
        match.group(1).lower()
        for text in texts
        if (match := MNEMONIC.search(text.replace("&&", "")))
    ]
    assert len(letters_used) == 20
    assert [letter for letter, n in Counter(letters_used).items() if n > 1] == []
    assert set(letters_used) & MENU_LETTERS == set()

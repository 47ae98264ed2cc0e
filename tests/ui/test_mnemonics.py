"""Alt+letter reaches one thing: on each form, in each language, the underlined letters of
the labels and buttons on screen differ from each other and from the menu bar's."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, new_vault
from helpers.records import case_for, person
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.services import cases, people
from legalaid.services.auth import sign_in
from ui.app import Application, make_qt_application
from ui.intake_form import IntakeForm
from ui.main_window import MainWindow

MNEMONIC = re.compile(r"&([^&\s])")


def _letters(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        match = MNEMONIC.search(text.replace("&&", ""))
        if match:
            found.append(match.group(1).lower())
    return found


def _shown_texts(page: QWidget) -> list[str]:
    texts = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if labelled or isinstance(widget, QAbstractButton):
            texts.append(widget.text())  # type: ignore[attr-defined]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
    return texts


def _clashes(window: MainWindow, page: QWidget) -> list[str]:
    menus = [action.text() for action in window.menuBar().actions()]
    counts = Counter(_letters(menus) + _letters(_shown_texts(page)))
    return sorted(letter for letter, count in counts.items() if count > 1)


@pytest.fixture
def window(qtbot: QtBot, vault_path: Path) -> Iterator[MainWindow]:
    ws = new_vault(vault_path)
    case_for(ws, person(ws, "Өмүрбекова", "Айгүл"), "FAM")
    ws.close()
    make_qt_application()
    desk = Application(vault_path)
    main = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()
    i18n.set_language("en")
    i18n.remove_language_listener(desk._language_changed)


@pytest.mark.parametrize("language", ["en", "ru", "ky"])
def test_forms_have_unique_mnemonics(window: MainWindow, language: str) -> None:
    window.set_language(language)
    QApplication.processEvents()  # the LanguageChange events reach the menus
    problems = {}
    forms: list[tuple[str, QWidget]] = [
        ("person", window.edit_record(people.get_person(window.ws, 1))),
        ("case", window.edit_record(cases.get_case(window.ws, 1))),
    ]
    for name, form in forms:
        problems[name] = _clashes(window, form)
    intake = window.new_intake()
    assert isinstance(intake, IntakeForm)
    for step in range(len(intake.pages)):
        intake.open_step(step)
        problems[f"intake step {step}"] = _clashes(window, intake)
    assert {name: letters for name, letters in problems.items() if letters} == {}

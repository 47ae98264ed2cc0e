"""Ctrl+P prints the open record through Qt's print dialog; the print is audited. A case
prints its summary sheet (a PDF) in a language asked first; a person, the sheet shown."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, new_vault
from helpers.records import case_for, person
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from legalaid.documents.case_summary import case_summary_pdf
from legalaid.documents.consent_form import consent_form_pdf
from legalaid.documents.intake_record import intake_record_pdf
from legalaid.services import history
from legalaid.services.auth import sign_in
from ui.app import make_qt_application
from ui.main_window import MainWindow
from ui.pdf_pages import page_count
from ui.search_panel import Hit


# A popup menu raises itself and grabs the keyboard, which the offscreen platform cannot do.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_ctrl_p_on_a_case_asks_the_language_and_prints_its_summary(
    qtbot: QtBot, vault_path: Path, tmp_path: Path
) -> None:
    ws = new_vault(vault_path)
    case = case_for(ws, person(ws, "Өмүрбекова", "Айгүл"), summary="Алимент <b>төлөнбөйт</b>")
    ws.close()
    make_qt_application()
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    assert not window.print_action.isEnabled()  # nothing open to print
    window.open_hit(Hit("case", case.id))
    assert window.print_action.isEnabled()
    window.print_action.trigger()
    menu = window.print_language_menu
    assert menu is not None and menu.isVisible()
    languages = [a for a in menu.actions() if a.data() and ":" not in a.data()]
    assert [a.data() for a in languages] == ["ky", "ru", "en"]
    assert menu.activeAction() is languages[2]  # the interface's language comes to hand
    languages[0].trigger()  # Kyrgyz, whatever the interface's language
    assert window.print_dialog is not None and window.print_dialog.isVisible()
    window.print_dialog.reject()
    assert not any(e.what == "printed" for e in history.record_history(window.ws, "case", case.id))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "sheet.pdf"
    printer.setOutputFileName(str(target))
    window.print_to(printer, "ky")
    printed = target.read_bytes()
    assert printed.startswith(b"%PDF") and page_count(printed) >= 1
    events = [e.what for e in history.record_history(window.ws, "case", case.id)]
    assert events.count("printed") == 1
    sheet = case_summary_pdf(window.ws, case.id, "ky")
    text = PdfReader(io.BytesIO(sheet)).pages[0].extract_text()
    assert case.number in text and "Алимент <b>төлөнбөйт</b>" in text  # typed, never markup
    window.close()


def test_ctrl_p_on_a_person_prints_the_sheet_shown(
    qtbot: QtBot, vault_path: Path, tmp_path: Path
) -> None:
    ws = new_vault(vault_path)
    client = person(ws, "Өмүрбекова", "Айгүл", notes="Чалбагыла <b>кечинде</b>")
    ws.close()
    make_qt_application()
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    window.open_hit(Hit("person", client.id))
    window.print_action.trigger()
    assert window.print_dialog is not None and window.print_dialog.isVisible()
    window.print_dialog.reject()
    html = window.record_view.printable_html()
    assert "Өмүрбекова Айгүл" in html and "&lt;b&gt;" in html  # typed text is never markup
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "person.pdf"
    printer.setOutputFileName(str(target))
    window.print_to(printer)
    assert target.read_bytes().startswith(b"%PDF")
    assert any(e.what == "printed" for e in history.record_history(window.ws, "person", client.id))
    window.close()


def test_f1_opens_the_help_in_the_interface_language(qtbot: QtBot, vault_path: Path) -> None:
    from legalaid import i18n
    from ui.app import Application

    new_vault(vault_path).close()
    make_qt_application()
    desk = Application(vault_path)
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    assert window.help_action.shortcut().toString() == "F1"
    window.help_action.trigger()
    help_window = window.help_window
    assert help_window is not None and help_window.isVisible()
    assert "Ctrl+L" in help_window.browser.toPlainText()
    english = help_window.browser.toPlainText()
    i18n.set_language("ky")
    qtbot.waitUntil(lambda: help_window.browser.toPlainText() != english, timeout=2_000)
    assert "Ctrl+N" in help_window.browser.toPlainText()
    i18n.set_language("en")
    i18n.remove_language_listener(desk._language_changed)
    window.close()


def test_the_intake_record_and_a_consent_form_print_in_a_chosen_language(
    qtbot: QtBot, vault_path: Path, tmp_path: Path
) -> None:
    from legalaid.services import intake
    from legalaid.services.intake import IntakeInput
    from ui.pdf_pages import page_count

    ws = new_vault(vault_path)
    result = intake.submit_intake(
        ws,
        IntakeInput(
            surname="Өмүрбекова",
            given_name="Айгүл",
            gender="female",
            approximate_age=30,
            category="FAM",
            narrative="Алимент төлөнбөйт.",
            wants="алимент",
            recommended_action="advice",
            consent_record=True,
            consent_method="signed_form",
        ),
    )
    ws.close()
    make_qt_application()
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    window.open_hit(Hit("case", result.case_id or 0))
    assert window.record_view.intake_button.isVisibleTo(window.record_view)
    for name, opened in (
        ("intake.pdf", window.print_intake_record(result.case_id or 0, "ky")),
        ("consent.pdf", window.print_consent_form("ru")),
    ):
        assert opened.isVisible()
        opened.reject()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / name))
        make = (
            (lambda: intake_record_pdf(window.ws, result.case_id or 0, "ky"))
            if name == "intake.pdf"
            else (lambda: consent_form_pdf(window.ws, "ru"))
        )
        window._print_made(make, printer)
        printed = (tmp_path / name).read_bytes()
        assert printed.startswith(b"%PDF") and page_count(printed) >= 1
    from sqlalchemy import select

    from legalaid.domain.audit import AuditEvent

    with window.ws.reader() as session:
        printed_events = list(
            session.scalars(select(AuditEvent.entity).where(AuditEvent.action == "print"))
        )
    window.close()
    assert printed_events == ["intake"]  # the record is audited; a blank form names nobody


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_court_history_prints_from_the_same_menu(
    qtbot: QtBot, vault_path: Path, tmp_path: Path
) -> None:
    from legalaid.services import courts, proceedings
    from legalaid.services.proceedings import ProceedingInput

    ws = new_vault(vault_path)
    case = case_for(ws, person(ws, "Өмүрбекова", "Айгүл"))
    court_id = next(c.id for c in courts.list_courts(ws) if c.code == "osh-city-court")
    proceedings.add_proceeding(
        ws, case.id, ProceedingInput(court_id, "civil", "plaintiff", representation="private")
    )
    ws.close()
    make_qt_application()
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    window.open_hit(Hit("case", case.id))
    menu = window._ask_summary_language(case.id)
    assert [a.data() for a in menu.actions() if str(a.data() or "").startswith("court:")] == [
        "court:ky",
        "court:ru",
        "court:en",
    ]
    menu.close()
    dialog = window.print_court_history(case.id, "ky")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    window.close()

"""Referring a case in the window: the form (keyboard, refusals that keep the input, the
intake's consent offered), the letter previewed, issued, printed to a PDF printer and
saved, the status moved, the Referrals page and the Dashboard opening a referral, and a
referral form kept across a lock."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, new_vault
from helpers.qt_input import type_text
from helpers.records import FEMALE, case_for, person
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

import ui.letter_dialog as letter_module
from legalaid.domain.enums import ReferralStatus
from legalaid.services import directory, drafts, referrals
from legalaid.services.auth import sign_in
from legalaid.services.referrals import ReferralInput
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.letter_dialog import LetterDialog
from ui.main_window import MainWindow
from ui.referral_dialog import ReferralDialog
from ui.search_panel import Hit

TODAY = dt.date.today


@pytest.fixture
def window(qtbot: QtBot, vault_path: Path) -> Iterator[MainWindow]:
    ws = new_vault(vault_path)
    client = person(ws, "Өмүрбекова", "Айгүл", gender=FEMALE, region="osh_city", phone="0555123456")
    case_for(ws, client, "GBV", summary="Beaten by her husband.")
    ws.close()
    make_qt_application()
    shown = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown._close_confirmed = True
    shown.close()


def case_id(ws: Workspace) -> int:
    from legalaid.services import cases

    rows, _total = cases.list_cases(ws)
    return rows[0].id


def an_organisation(ws: Workspace) -> int:
    return next(o.id for o in directory.list_organisations(ws, kind="sgla_centre"))


def open_referrals_tab(window: MainWindow) -> None:
    window.open_hit(Hit("case", case_id(window.ws)))
    view = window.record_view
    view.tabs.setCurrentIndex(view.referrals_tab)


def refer_in_service(ws: Workspace, **fields: object) -> int:
    values: dict[str, object] = {
        "organisation_id": an_organisation(ws),
        "request": "Appoint an advocate.",
        "consent_on": TODAY(),
        "consent_method": "signed_form",
        "consent_scope": ("identity", "contact", "facts"),
        **fields,
    }
    return referrals.create_referral(ws, case_id(ws), ReferralInput(**values)).id  # type: ignore[arg-type]


def test_a_case_is_referred_from_its_tab_with_the_keyboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_referrals_tab(window)
    tab = window.record_view.referrals
    assert window.record_view.tabs.isTabVisible(window.record_view.referrals_tab)
    dialog = tab.new_referral()
    assert isinstance(dialog, ReferralDialog) and dialog.isVisible()
    suggested = dialog.organisation.itemText(1)
    assert suggested.startswith("★")  # the directory's suggestions come first
    dialog.organisation.setFocus()
    qtbot.keyClick(dialog.organisation, Qt.Key.Key_Down)
    assert dialog.organisation.currentData() is not None
    type_text(dialog.request, "Please appoint an advocate of the state register.")
    dialog.save()  # no consent yet is allowed: only a letter needs it
    assert not dialog.isVisible()
    rows = referrals.case_referrals(window.ws, case_id(window.ws))
    assert len(rows) == 1 and rows[0].status == ReferralStatus.DRAFT
    assert tab.model.rowCount() == 1
    assert window.record_view.tabs.tabText(window.record_view.referrals_tab).endswith("(1)")


def test_a_refused_referral_shows_the_problem_at_the_field_and_keeps_the_input(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_referrals_tab(window)
    dialog = window.record_view.referrals.new_referral()
    assert dialog is not None
    dialog.organisation.setCurrentIndex(1)
    type_text(dialog.reason, "Needs a lawyer in court")
    type_text(dialog.consent_on, "28.11.2026")  # a date without what may be shared
    dialog.save()
    assert dialog.isVisible()
    error = dialog.rows.errors["request"]
    assert not error.isHidden() and error.text()
    type_text(dialog.request, "Appoint an advocate.")
    dialog.save()
    assert not dialog.rows.errors["consent_scope"].isHidden()
    assert dialog.reason.toPlainText() == "Needs a lawyer in court"
    assert dialog.consent_on.text() == "28.11.2026"
    type_text(dialog.due_on, "31.02.2026")  # impossible date
    dialog.save()
    assert not dialog.rows.errors["due_on"].isHidden()
    assert referrals.case_referrals(window.ws, case_id(window.ws)) == []


def test_the_letter_is_previewed_issued_printed_and_saved(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = refer_in_service(window.ws)
    open_referrals_tab(window)
    tab = window.record_view.referrals
    tab.select_referral(rid)
    dialog = tab.show_letter()
    assert isinstance(dialog, LetterDialog)
    assert dialog.pages.count() >= 1 and dialog.pdf.startswith(b"%PDF")
    assert not dialog.print_button.isEnabled()  # a preview has no number: it does not leave
    dialog.language.setCurrentIndex(dialog.language.findData("ky"))
    assert "Өмүрбекова Айгүл" in _text(dialog.pdf)
    with qtbot.waitSignal(dialog.issued) as issued:
        qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    number = issued.args[0].number
    assert number.startswith("MAIN-") and number in _text(dialog.pdf)
    assert dialog.print_button.isEnabled() and not dialog.issue_button.isVisible()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    print_dialog = dialog.print_letter()
    assert print_dialog.isVisible()
    print_dialog.reject()
    assert letter_module.print_pdf(dialog.pdf, printer) >= 1
    assert printed.read_bytes().startswith(b"%PDF")
    target = tmp_path / "letter.pdf"
    monkeypatch.setattr(letter_module, "choose_pdf_file", lambda _parent, _name: target)
    assert dialog.save_pdf() == target
    assert number in _text(target.read_bytes())
    dialog.close()
    assert tab.model.referral_at(0).letter_number == number  # type: ignore[union-attr]
    again = tab.show_letter()
    assert again is not None and again.letter is not None and again.letter.number == number


def test_a_letter_without_consent_says_why(qtbot: QtBot, window: MainWindow) -> None:
    rid = refer_in_service(window.ws, consent_on=None, consent_method=None, consent_scope=())
    open_referrals_tab(window)
    tab = window.record_view.referrals
    tab.select_referral(rid)
    dialog = tab.show_letter()
    assert dialog is not None
    assert not dialog.message.isHidden() and "consent" in dialog.message.text()
    assert not dialog.issue_button.isEnabled()


def test_moving_a_referral_to_sent_records_the_day_and_due_date(
    qtbot: QtBot, window: MainWindow
) -> None:
    rid = refer_in_service(window.ws)
    open_referrals_tab(window)
    tab = window.record_view.referrals
    tab.select_referral(rid)
    assert tab.next_status.currentData() == ReferralStatus.SENT.value
    qtbot.mouseClick(tab.status_button, Qt.MouseButton.LeftButton)
    info = referrals.get_referral(window.ws, rid)
    assert info.status == ReferralStatus.SENT and info.sent_on == TODAY()
    assert info.due_on is not None and info.due_on > TODAY()
    type_text(tab.note, "Called them: the file is with the deputy.")
    qtbot.keyClick(tab.note, Qt.Key.Key_Return)
    assert "deputy" in tab.detail.toPlainText()
    timeline_kinds = [item.kind for item in window.record_view.timeline.model._rows]
    assert "referral_sent" in timeline_kinds


def test_the_dashboard_lists_an_overdue_referral_and_opens_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    rid = refer_in_service(window.ws, referred_on=TODAY() - dt.timedelta(days=60))
    referrals.move_referral(window.ws, rid, ReferralStatus.SENT, on=TODAY() - dt.timedelta(days=59))
    dashboard = window.dashboard
    assert dashboard is not None
    dashboard.refresh()
    panel = dashboard.referrals
    assert panel.current_list() == "overdue"
    assert "(1)" in panel.buttons["overdue"].text()
    assert panel.model.rowCount() == 1
    panel.view.setFocus()
    panel.view.selectRow(0)
    panel.view.activated.emit(panel.model.index(0, 0))
    view = window.record_view
    assert window.pages.currentWidget() is view
    assert view.tabs.currentIndex() == view.referrals_tab
    assert view.referrals.info is not None and view.referrals.info.id == rid


def test_the_referrals_page_filters_and_opens_and_shows_the_register(
    qtbot: QtBot, window: MainWindow
) -> None:
    from legalaid.services import letters

    first = refer_in_service(window.ws)
    refer_in_service(window.ws)
    issued = letters.issue_letter(window.ws, first)
    page = window.referrals_page
    assert page is not None
    window.navigation.setCurrentRow(window.area_keys().index("referrals"))
    page.show_filter("all")
    assert page.model.rowCount() == 2
    page.show_filter("awaiting")
    assert page.model.rowCount() == 2
    page.show_filter("overdue")
    assert page.model.rowCount() == 0
    page.show_filter("all")
    page.tabs.setCurrentIndex(1)
    assert page.register_model.rowCount() == 1
    assert page.register_model.index(0, 0).data() == issued.number
    page.tabs.setCurrentIndex(0)
    row = page.model.row_of(first)
    page.view.selectRow(row)
    page.open_chosen()
    assert window.record_view.referrals.info is not None
    assert window.record_view.referrals.info.id == first


def test_a_referral_form_comes_back_after_a_lock(qtbot: QtBot, window: MainWindow) -> None:
    open_referrals_tab(window)
    dialog = window.record_view.referrals.new_referral()
    assert dialog is not None
    dialog.organisation.setCurrentIndex(2)
    chosen = dialog.organisation.currentData()
    type_text(dialog.request, "Защитить права гражданки")
    keeper = window.record_view.referrals.keeper
    assert keeper is not None
    keeper.timer.setInterval(20)  # a crash now loses nothing: the input is in the vault
    qtbot.waitUntil(
        lambda: any(
            d.form == "referral" and d.state.get("request") == "Защитить права гражданки"
            for d in drafts.my_drafts(window.ws)
        ),
        timeout=3_000,
    )
    window.lock()
    assert not dialog.isVisible() and not window.ws.vault.is_unlocked
    window.unlock(ADMIN_PASSPHRASE)
    back = window.record_view.referrals.dialog
    assert isinstance(back, ReferralDialog) and back.isVisible()
    assert back.request.toPlainText() == "Защитить права гражданки"
    assert back.organisation.currentData() == chosen
    back.save()
    assert not back.isVisible()
    assert [d for d in drafts.my_drafts(window.ws) if d.form == "referral"] == []


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

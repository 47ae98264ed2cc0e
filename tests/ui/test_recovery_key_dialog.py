"""The recovery-key dialog on the administration page: a coordinator creates a key (whole or
in shares) with the keyboard, the shares shown reset a passphrase, the sheet prints one page
per share, the key cannot be copied and leaves the screen and memory at a close or a lock,
and only a role allowed to create a key sees the button.

Real widgets driven with keys and clicks; every effect is checked in the core.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, OTHER_PASSPHRASE, add_staff, new_vault
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

import ui.recovery_key_dialog as dialog_module
from legalaid import i18n
from legalaid.domain.accounts import Account
from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import Role
from legalaid.errors import ValidationError
from legalaid.services import accounts, recovery_key
from legalaid.services.auth import recover, sign_in
from legalaid.services.permissions import ROLE_PERMISSIONS, Permission
from legalaid.services.workspace import AccountInfo, Workspace
from legalaid.storage.errors import SignInFailed
from ui.admin_page import AdminPage
from ui.app import Application, make_qt_application
from ui.main_window import MainWindow
from ui.pdf_pages import page_count
from ui.recovery_key_dialog import RecoveryKeyDialog
from ui.worker import Call

PARALEGAL = "para"
NEW_PASSPHRASE = "жаңы сырсөз тоодо жашайт"
KEY_LINE = re.compile(r"^\s*(?:\d+\.\s+)?([A-Z2-7]{5}(?:-[A-Z2-7]{5}){7})$")
PRINT_DPI = 150  # a PDF "printer" at 1200 dpi takes seconds a page to draw
MNEMONIC = re.compile(r"&([^&\s])")


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(
    qtbot: QtBot, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), which, modifier)


def shown_keys(dialog: RecoveryKeyDialog) -> list[str]:
    """The key or shares as the dialog shows them (a number before each share)."""
    found = [KEY_LINE.match(line) for line in dialog.key_text.text().splitlines()]
    assert all(found), dialog.key_text.text()
    return [match.group(1) for match in found if match]


def recovery_events(ws: Workspace) -> list[dict[str, object]]:
    with ws.reader() as session:
        query = select(AuditEvent.detail).where(AuditEvent.action == "recovery_key_created")
        return [json.loads(detail) for detail in session.scalars(query)]


def as_user(ws: Workspace, login: str) -> Workspace:
    """The same open vault, acted on by another account (one vault opens once a process)."""
    with ws.reader() as session:
        account = session.scalar(select(Account).where(Account.login == login))
        assert account is not None
        return Workspace(ws.vault, AccountInfo.of(account))


def signs_in(vault_path: Path, login: str, passphrase: str) -> bool:
    try:
        with sign_in(vault_path, login, passphrase):
            return True
    except SignInFailed:
        return False


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> AdminPage:
    add_staff(workspace, PARALEGAL, Role.PARALEGAL, OTHER_PASSPHRASE, name="Нурлан Сыдыков")
    admin = AdminPage(workspace)
    qtbot.addWidget(admin)
    admin.show()
    return admin


def open_dialog(qtbot: QtBot, page: AdminPage) -> RecoveryKeyDialog:
    assert page.recovery_button.isVisible()
    qtbot.mouseClick(page.recovery_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, RecoveryKeyDialog) and dialog.isVisible()
    assert dialog.isModal()  # opened with open(): window-modal, never blocking
    qtbot.waitUntil(dialog.shares.hasFocus)  # the form opens on its first field
    return dialog


def create(qtbot: QtBot, dialog: RecoveryKeyDialog, shares: int, threshold: int) -> list[str]:
    dialog.shares.setValue(shares)
    dialog.threshold.setValue(threshold)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.key_text.isVisible, timeout=10_000)
    return shown_keys(dialog)


def keeping_the_result(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The lists the service returns, as the dialog receives them."""
    kept: list[list[str]] = []
    real = accounts.create_recovery_key

    def create_and_keep(ws: Workspace, shares: int, threshold: int) -> list[str]:
        kept.append(real(ws, shares, threshold))
        return kept[-1]

    monkeypatch.setattr(dialog_module.accounts, "create_recovery_key", create_and_keep)
    return kept


# --- creating --------------------------------------------------------------------------
def test_three_shares_of_which_two_are_needed_made_with_the_keyboard_reset_a_passphrase(
    qtbot: QtBot, page: AdminPage, workspace: Workspace, vault_path: Path
) -> None:
    old_secret, old_key = recovery_key.generate()
    workspace.vault.set_recovery_secret(old_secret)  # an earlier key, replaced below
    dialog = open_dialog(qtbot, page)
    assert "replaces any earlier one" in dialog.intro.text()
    assert dialog.shares.value() == 1 and dialog.threshold.value() == 1
    assert not dialog.threshold.isEnabled()  # a whole key: one is needed
    assert not dialog.key_text.isVisible() and not dialog.print_button.isVisible()
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Up)
    assert dialog.shares.value() == 3
    assert dialog.threshold.isEnabled() and dialog.threshold.value() == 2
    assert (dialog.threshold.minimum(), dialog.threshold.maximum()) == (2, 3)
    assert "any 2 of them" in dialog.explanation.text()
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.threshold
    key(qtbot, Qt.Key.Key_Up)
    assert "any 3 of them" in dialog.explanation.text()
    key(qtbot, Qt.Key.Key_Down)
    assert dialog.threshold.value() == 2
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.create_button
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(dialog.key_text.isVisible, timeout=10_000)
    shares = shown_keys(dialog)
    assert len(shares) == 3 and len(set(shares)) == 3
    assert "no longer works" in dialog.state.text() and "shown only now" in dialog.state.text()
    assert focused() is dialog.print_button and dialog.print_button.isDefault()
    assert not dialog.create_button.isVisible()  # one key per dialog: no second by mistake
    assert not dialog.shares.isEnabled() and not dialog.threshold.isEnabled()
    assert recovery_events(workspace) == [{"shares": 3, "threshold": 2}]

    page.clear()  # the office closes the app; a trustee's shares reset a passphrase
    workspace.close()
    with pytest.raises(ValidationError, match="2 are needed"):
        recover(vault_path, shares[:1], ADMIN, NEW_PASSPHRASE)  # one share opens nothing
    with pytest.raises(SignInFailed):
        recover(vault_path, [old_key], ADMIN, NEW_PASSPHRASE)  # the earlier key is revoked
    with recover(vault_path, [shares[2], shares[0]], ADMIN, NEW_PASSPHRASE) as recovered:
        assert recovered.actor.login == ADMIN
    assert signs_in(vault_path, ADMIN, NEW_PASSPHRASE)
    assert not signs_in(vault_path, ADMIN, ADMIN_PASSPHRASE)


def test_a_whole_key_made_with_enter(qtbot: QtBot, page: AdminPage, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, page)
    key(qtbot, Qt.Key.Key_Return)  # Enter in the form creates the key (the default button)
    qtbot.waitUntil(dialog.key_text.isVisible, timeout=10_000)
    (whole,) = shown_keys(dialog)
    assert recovery_key.parse(whole)  # a whole key, not a share
    assert recovery_events(workspace) == [{"shares": 1, "threshold": 1}]


def test_the_threshold_follows_the_number_of_shares(qtbot: QtBot, page: AdminPage) -> None:
    dialog = open_dialog(qtbot, page)
    assert (dialog.shares.minimum(), dialog.shares.maximum()) == (1, 9)
    assert "One whole key" in dialog.explanation.text()
    dialog.shares.setValue(9)
    dialog.threshold.setValue(9)
    assert dialog.threshold.value() == 9 and dialog.threshold.isEnabled()
    dialog.shares.setValue(4)
    assert dialog.threshold.value() == 4 and dialog.threshold.maximum() == 4
    dialog.shares.setValue(1)
    assert dialog.threshold.value() == 1 and not dialog.threshold.isEnabled()
    dialog.shares.setValue(2)
    assert dialog.threshold.value() == 2 and dialog.threshold.isEnabled()


def test_the_dialog_grows_with_what_it_shows(qtbot: QtBot, page: AdminPage) -> None:
    """Wrapped texts get their height: the longer explanation, then the key (not clipped)."""

    def clipped(dialog: RecoveryKeyDialog) -> list[str]:
        labels = (dialog.intro, dialog.explanation, dialog.state, dialog.key_text)
        return [
            label.text()[:30]
            for label in labels
            if label.isVisible() and label.height() < label.heightForWidth(label.width())
        ]

    dialog = open_dialog(qtbot, page)
    assert clipped(dialog) == []
    dialog.shares.setValue(9)
    qtbot.waitUntil(lambda: clipped(dialog) == [], timeout=2_000)
    create(qtbot, dialog, 9, 5)
    qtbot.waitUntil(lambda: clipped(dialog) == [], timeout=2_000)
    assert dialog.key_text.height() >= dialog.key_text.sizeHint().height()
    assert len(shown_keys(dialog)) == 9


def test_the_key_is_made_off_the_gui_thread_with_a_busy_bar(
    qtbot: QtBot, page: AdminPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    threads: list[threading.Thread] = []
    real = accounts.create_recovery_key

    def slow(ws: Workspace, shares: int, threshold: int) -> list[str]:
        threads.append(threading.current_thread())
        release.wait(10)
        return real(ws, shares, threshold)

    monkeypatch.setattr(dialog_module.accounts, "create_recovery_key", slow)
    dialog = open_dialog(qtbot, page)
    dialog.shares.setValue(2)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()
    assert dialog.busy and dialog.busy_bar.isVisible()
    assert Call.running_that_block_lock > 0  # a lock waits for the key file to be written
    assert not dialog.create_button.isEnabled() and not dialog.close_button.isEnabled()
    assert not dialog.shares.isEnabled() and not dialog.threshold.isEnabled()
    dialog.reject()  # Escape while the slot is written: the result must find the dialog
    assert dialog.isVisible()
    release.set()
    qtbot.waitUntil(dialog.key_text.isVisible, timeout=10_000)
    assert not dialog.busy and not dialog.busy_bar.isVisible() and dialog.close_button.isEnabled()
    assert len(shown_keys(dialog)) == 2


# --- the key cannot be copied ----------------------------------------------------------------
def test_the_key_cannot_be_selected_or_copied(qtbot: QtBot, page: AdminPage) -> None:
    dialog = open_dialog(qtbot, page)
    shares = create(qtbot, dialog, 3, 2)
    label = dialog.key_text
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert label.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert label.focusPolicy() == Qt.FocusPolicy.NoFocus
    clipboard = QApplication.clipboard()
    clipboard.setText("something else")
    start, end = QPoint(4, 4), QPoint(label.width() - 4, label.height() - 4)
    qtbot.mousePress(label, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(label, end)
    qtbot.mouseRelease(label, Qt.MouseButton.LeftButton, pos=end)
    qtbot.mouseDClick(label, Qt.MouseButton.LeftButton, pos=start)
    assert not label.hasSelectedText() and label.selectedText() == ""
    for target in (label, dialog):
        qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(target, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "something else"
    assert all(share not in clipboard.text() for share in shares)


# --- printing ------------------------------------------------------------------------------
def test_printing_the_sheet_gives_one_page_per_share_made_only_then(
    qtbot: QtBot, page: AdminPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[tuple[str, list[str], int, str]] = []
    real = dialog_module.recovery_key_sheet_pdf

    def sheet(language: str, letterhead, keys, threshold, vault_id, created_on, created_by):  # type: ignore[no-untyped-def]
        made.append((language, list(keys), threshold, letterhead.name))
        return real(language, letterhead, keys, threshold, vault_id, created_on, created_by)

    monkeypatch.setattr(dialog_module, "recovery_key_sheet_pdf", sheet)
    dialog = open_dialog(qtbot, page)
    shares = create(qtbot, dialog, 3, 2)
    assert dialog.language.currentData() == "en"  # the interface's language to begin with
    dialog.language.setCurrentIndex(dialog.language.findData("ky"))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    print_dialog = dialog.print_dialog
    assert print_dialog is not None and print_dialog.isVisible()
    assert print_dialog.windowModality() == Qt.WindowModality.WindowModal
    assert made == []  # nothing is made before the person prints
    target = tmp_path / "sheet.pdf"
    printer = print_dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setResolution(PRINT_DPI)
    print_dialog.accepted.emit(printer)  # "Print" in Qt's dialog
    print_dialog.reject()
    assert made == [("ky", shares, 2, "Башкы кеңсе")]
    assert page_count(target.read_bytes()) == 3
    assert "sent to the printer" in dialog.state.text()
    assert dialog.message.text() == ""


def test_printing_a_whole_key_to_a_pdf_printer_gives_one_page(
    qtbot: QtBot, page: AdminPage, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, page)
    create(qtbot, dialog, 1, 1)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "key.pdf"))
    printer.setResolution(PRINT_DPI)
    assert dialog.print_to(printer) == 1
    assert page_count((tmp_path / "key.pdf").read_bytes()) == 1


# --- wiping --------------------------------------------------------------------------------
def test_clear_wipes_the_key_from_the_widgets_and_the_dialog(
    qtbot: QtBot, page: AdminPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    kept = keeping_the_result(monkeypatch)
    dialog = open_dialog(qtbot, page)
    shares = create(qtbot, dialog, 3, 2)
    assert kept == [shares]
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    print_dialog = dialog.print_dialog
    assert print_dialog is not None and print_dialog.isVisible()
    page.clear()  # what a lock does
    assert not dialog.isVisible() and not print_dialog.isVisible()
    assert dialog.key_text.text() == "" and not dialog.key_text.isVisible()
    assert kept == [[]]  # the very list the service returned is emptied
    assert dialog._keys == [] and dialog.state.text() == ""
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "late.pdf"))
    assert dialog.print_to(printer) == 0  # nothing left to print
    assert not (tmp_path / "late.pdf").exists()


def test_closing_the_dialog_wipes_the_key_too(
    qtbot: QtBot, page: AdminPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = keeping_the_result(monkeypatch)
    dialog = open_dialog(qtbot, page)
    create(qtbot, dialog, 2, 2)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.key_text.text() == "" and kept == [[]]
    again = open_dialog(qtbot, page)  # a new dialog, a new key: the old one is deleted
    assert again is not dialog and again.key_text.text() == "" and again.create_button.isVisible()


def test_a_key_still_being_made_at_a_clear_is_never_shown(
    qtbot: QtBot, page: AdminPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    kept: list[list[str]] = []
    real = accounts.create_recovery_key

    def slow(ws: Workspace, shares: int, threshold: int) -> list[str]:
        release.wait(10)
        kept.append(real(ws, shares, threshold))
        return kept[-1]

    monkeypatch.setattr(dialog_module.accounts, "create_recovery_key", slow)
    dialog = open_dialog(qtbot, page)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.busy
    dialog.clear()
    assert not dialog.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert kept == [[]] and dialog.key_text.text() == "" and not dialog.key_text.isVisible()


def test_a_lock_of_the_window_closes_and_wipes_the_dialog(qtbot: QtBot, vault_path: Path) -> None:
    new_vault(vault_path).close()
    make_qt_application()
    desk = Application(vault_path)
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    window.show()
    window.navigation.setCurrentRow(window.area_keys().index("administration"))
    page = window.admin_page
    assert page is not None
    dialog = open_dialog(qtbot, page)
    create(qtbot, dialog, 3, 2)
    window.lock()
    assert not dialog.isVisible() and dialog.key_text.text() == ""
    window.close()
    i18n.remove_language_listener(desk._language_changed)


# --- errors, roles ----------------------------------------------------------------------------
def test_the_cores_refusal_is_shown_in_the_dialog(
    qtbot: QtBot, page: AdminPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(ws: Workspace, shares: int, threshold: int) -> list[str]:
        raise ValidationError("Shares must number between 2 and 15.", field="shares")

    monkeypatch.setattr(dialog_module.accounts, "create_recovery_key", refuse)
    dialog = open_dialog(qtbot, page)
    dialog.shares.setValue(3)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    error = dialog.rows.errors["shares"]
    qtbot.waitUntil(error.isVisible, timeout=5_000)
    assert "between 2 and 15" in error.text() and dialog.shares.hasFocus()
    assert dialog.shares.isEnabled() and dialog.create_button.isEnabled()  # try again

    def crash(ws: Workspace, shares: int, threshold: int) -> list[str]:
        raise RuntimeError("a secret detail")

    monkeypatch.setattr(dialog_module.accounts, "create_recovery_key", crash)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=5_000)
    assert dialog.message.text() == "An unexpected error occurred."
    assert not error.isVisible() and not dialog.key_text.isVisible()


def test_a_role_without_the_permission_is_refused_in_the_dialog(
    qtbot: QtBot, page: AdminPage, workspace: Workspace
) -> None:
    para = as_user(workspace, PARALEGAL)
    dialog = RecoveryKeyDialog(para)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=5_000)
    assert dialog.message.text() == "Your role does not allow this action."
    assert not dialog.key_text.isVisible() and dialog.create_button.isEnabled()
    assert list(workspace.vault.recovery_slots()) == [] and recovery_events(workspace) == []


def test_a_paralegal_does_not_see_the_button(
    qtbot: QtBot, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = new_vault(vault_path)
    add_staff(ws, PARALEGAL, Role.PARALEGAL, OTHER_PASSPHRASE)
    ws.close()
    make_qt_application()
    window = MainWindow(sign_in(vault_path, PARALEGAL, OTHER_PASSPHRASE))
    qtbot.addWidget(window)
    assert "administration" not in window.area_keys() and window.admin_page is None
    window.close()  # closes its workspace too
    # Even on a page that role could open, the button follows CREATE_RECOVERY_KEY alone.
    monkeypatch.setitem(
        ROLE_PERMISSIONS,
        Role.PARALEGAL,
        frozenset(Permission) - {Permission.CREATE_RECOVERY_KEY},
    )
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as coordinator:
        pages = {}
        for name, ws in (("coordinator", coordinator), ("para", as_user(coordinator, PARALEGAL))):
            pages[name] = AdminPage(ws)
            qtbot.addWidget(pages[name])
            pages[name].show()
        para_page = pages["para"]
        assert para_page.backup_button.isVisible() and para_page.check_button.isVisible()
        assert not para_page.recovery_button.isVisible()
        assert pages["coordinator"].recovery_button.isVisible()
        assert pages["coordinator"].recovery_button.text() == "Create a recovery key…"
        for admin in pages.values():
            admin.clear()


# --- language, mnemonics --------------------------------------------------------------------
def _letters(texts: list[str]) -> list[str]:
    found = []
    for text in texts:
        match = MNEMONIC.search(text.replace("&&", ""))
        if match:
            found.append(match.group(1).lower())
    return found


def _shown_texts(dialog: QWidget) -> list[str]:
    texts = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog):
            continue
        if (isinstance(widget, QLabel) and widget.buddy() is not None) or isinstance(
            widget, QAbstractButton
        ):
            texts.append(widget.text())  # type: ignore[attr-defined]
    return texts


@pytest.mark.parametrize("language", ["en", "ru", "ky"])
def test_mnemonics_are_unique_before_and_after_the_key_is_made(
    qtbot: QtBot, page: AdminPage, language: str
) -> None:
    i18n.set_language(language)
    dialog = open_dialog(qtbot, page)
    dialog.retranslate_ui()
    before = _letters(_shown_texts(dialog))
    assert len(before) >= 4
    create(qtbot, dialog, 2, 2)
    after = _letters(_shown_texts(dialog))
    assert len(after) >= 3
    for letters in (before, after):
        assert [letter for letter, count in Counter(letters).items() if count > 1] == []


def test_a_language_change_retranslates_the_dialog(
    qtbot: QtBot, page: AdminPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, page)
    create(qtbot, dialog, 3, 2)
    shown = dialog.key_text.text()
    marked: Callable[[str], str] = lambda text: f"«{text}»"  # noqa: E731 - a stand-in catalog
    monkeypatch.setattr(dialog_module, "_", marked)
    QApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert dialog.windowTitle() == "«Create a recovery key»"
    assert dialog.print_button.text() == "«&Print the sheet…»"
    assert dialog.rows.labels["shares"].text() == "«Number of &shares»"
    assert dialog.intro.text().startswith("«") and dialog.state.text().startswith("«")
    assert dialog.explanation.text().startswith("«")
    assert dialog.key_text.text() == shown  # the key itself is never translated


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    yield
    i18n.set_language("en")


def test_a_printer_that_cannot_be_used_is_said_so(
    qtbot: QtBot, page: AdminPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialog_module, "print_pdf", lambda _data, _printer: 0)
    dialog = open_dialog(qtbot, page)
    create(qtbot, dialog, 1, 1)
    assert dialog.print_to(QPrinter()) == 0
    assert "could not be used" in dialog.message.text()
    assert "sent to the printer" not in dialog.state.text()
    assert dialog.key_text.isVisible()  # the key stays, to print again

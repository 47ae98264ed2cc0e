"""Starting the desktop app: Qt set-up, language, the sign-in window, then the main window.

`legalaid` (no command) and `legalaid gui` come here; `legalaid screenshots` renders the
windows offscreen for the README and for looking at the work in each language.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QProgressDialog

from legalaid import hardening, i18n, log
from legalaid.i18n import _, format_utc_stamp
from legalaid.paths import data_dir, fonts_dir, resources_dir
from legalaid.services import maintenance, office_settings
from legalaid.services.workspace import Workspace
from legalaid.storage import kdf
from legalaid.storage.backup import restore_marker_path
from ui.admin_page import busy_indicator, error_text
from ui.first_run import FirstRunWindow
from ui.main_window import MainWindow
from ui.qt_i18n import QtLanguage
from ui.sign_in import SignInWindow
from ui.worker import Call, wait_for_background_work

STYLE_SHEET = """
QWidget { font-size: 10pt; }
QLabel#title { font-size: 16pt; font-weight: 600; color: #1f3a5f; }
QLabel#error { color: #a12622; }
QLabel#warning { color: #8a5a00; }
QLabel#notice { color: #1e6b3a; }
QFrame#urgentPanel { border: 2px solid #a12622; border-radius: 6px; background: #fdf1f0; }
QLabel#urgentTitle { color: #a12622; font-weight: 600; font-size: 11pt; }
QListWidget#navigation { background: #f3f5f8; border: none; font-size: 11pt; padding: 6px; }
QListWidget#navigation::item { padding: 8px 10px; border-radius: 4px; }
QListWidget#navigation::item:selected { background: #1f3a5f; color: white; }
QLineEdit#search { padding: 6px; font-size: 11pt; }
QWidget#signIn, QWidget#lockScreen { background: #eef1f5; }
QFrame#card { background: white; border: 1px solid #d5dbe3; border-radius: 8px; padding: 18px; }
ItemRow { border: 1px solid #d5dbe3; border-radius: 4px; }
ItemRow:focus { border: 2px solid #1f3a5f; }
ItemRow[concern="true"] { border-left: 5px solid #a12622; }
ItemRow QToolButton:checked { background: #1f3a5f; color: white; }
"""


def remember_login(ws: Workspace) -> None:
    """The last login is kept on this PC only where the office allows it (a setting in the
    vault, read here at each sign-in since the sign-in window itself cannot read it)."""
    settings = QSettings()
    if office_settings.remember_last_login(ws):
        settings.setValue("last_login", ws.actor.login)
    else:
        settings.remove("last_login")


class Application:
    """Owns the QApplication-wide pieces: language, fonts, the current window."""

    def __init__(self, vault_path: Path) -> None:
        self.vault_path = vault_path
        self.qt_language = QtLanguage()
        self.sign_in: SignInWindow | None = None
        self.first_run: FirstRunWindow | None = None
        self.main: MainWindow | None = None
        self.restore_progress: QProgressDialog | None = None
        self._restore_call: Call | None = None
        self._quit_on_close = True
        self._retired: MainWindow | None = None  # closed for a restore, deleted after it
        i18n.add_language_listener(self._language_changed)

    def _language_changed(self, language: str) -> None:
        self.qt_language.apply(language)  # Qt then sends LanguageChange to every widget
        QSettings().setValue("language", language)

    def show_first_run(self, params: kdf.KdfParams = kdf.DEFAULT) -> FirstRunWindow:
        self.first_run = FirstRunWindow(self.vault_path, params)
        self.first_run.vault_ready.connect(self._vault_ready)
        self.first_run.resize(720, 620)
        self.first_run.show()
        return self.first_run

    def _vault_ready(self, path: Path) -> None:
        self.vault_path = path
        self.show_sign_in()
        if self.first_run is not None:
            self.first_run.close()

    def show_sign_in(self) -> SignInWindow:
        settings = QSettings()
        self.sign_in = SignInWindow(self.vault_path, str(settings.value("last_login", "")))
        self.sign_in.signed_in.connect(self.show_main)
        self.sign_in.resize(480, 360)
        self.sign_in.show()
        return self.sign_in

    def show_main(self, ws: Workspace) -> MainWindow:
        remember_login(ws)
        self.main = MainWindow(ws)
        if self.main.admin_page is not None:
            self.main.admin_page.restore_requested.connect(self._restore_requested)
        self.main.switch_user_requested.connect(self._switch_user)
        self.main.show()
        if self.sign_in is not None:
            self.sign_in.close()
        return self.main

    def _switch_user(self) -> None:
        """From the lock screen: someone else signs in at this PC. The locked window goes
        (its unsaved input was kept as the first person's draft when it locked)."""
        main, self.main = self.main, None
        window = self.show_sign_in()  # first, so the app never has no window
        window.login.clear()
        window.login.setFocus()
        if main is not None:
            main.close()
            main.deleteLater()

    # --- restoring a backup ------------------------------------------------------------
    def _restore_requested(self, request: tuple[Path, str]) -> None:
        """Close the main window (and with it the workspace, which holds the vault), put
        the backup in place off the GUI thread, then everyone signs in again."""
        archive, passphrase = request
        main = self.main
        if main is None or self._restore_call is not None:
            return
        if main.has_unsaved_input():
            # Its draft would stay behind in the vault that is moved aside.
            main.refuse_for_unsaved_input()
            return
        login, path = main.ws.actor.login, self.vault_path
        # The progress dialog is the only window for a while: the app must not quit.
        self._quit_on_close = QApplication.quitOnLastWindowClosed()
        QApplication.setQuitOnLastWindowClosed(False)
        self.restore_progress = busy_indicator(None, _("Restoring the backup…"))
        if not main.close():  # the window refused (unsaved input): nothing happens
            self._end_restore()
            return
        self.main, self._retired = None, main
        asides = _aside_folders(path)
        self._restore_call = Call(
            lambda: maintenance.restore(archive, path, login, passphrase, force=True),
            QApplication.instance(),  # owned by Qt, so it outlives its own signal
        )
        self._restore_call.done.connect(self._restored)
        self._restore_call.failed.connect(
            lambda error: self._restore_failed(error, unchanged=_aside_folders(path) == asides)
        )
        self._restore_call.start()

    def _restored(self, manifest: dict[str, Any]) -> None:
        self._after_restore(
            "",
            _("Backup of {date} restored to {path}.").format(
                date=format_utc_stamp(manifest.get("created_at")), path=self.vault_path
            )
            + " "
            + _("The replaced vault was kept in a folder next to it. Everyone signs in again."),
        )

    def _restore_failed(self, error: BaseException, unchanged: bool) -> None:
        text = error_text(error)
        # restore_backup moves the vault aside only once the backup opened and checked out.
        if unchanged and not restore_marker_path(self.vault_path).exists():
            text += " " + _("The current vault was left as it was.")
        self._after_restore(text, "")

    def _after_restore(self, error: str, notice: str) -> None:
        window = self.show_sign_in()
        window.message.setText(error)
        window.show_notice(notice)
        self._end_restore()

    def _end_restore(self) -> None:
        if self._restore_call is not None:
            self._restore_call.deleteLater()
            self._restore_call = None
        if self.restore_progress is not None:
            self.restore_progress.close()
            self.restore_progress = None
        if self._retired is not None:
            self._retired.deleteLater()
            self._retired = None
        QApplication.setQuitOnLastWindowClosed(self._quit_on_close)


def _aside_folders(vault_path: Path) -> set[str]:
    """The folders where restores put replaced vaults (`vault.db.replaced-<time>`)."""
    return {p.name for p in vault_path.parent.glob(vault_path.name + ".replaced-*")}


# Messages of Qt's offscreen platform that say nothing about this app.
QT_NOISE = ("This plugin does not support propagateSizeHints",)


def _qt_messages(kind: QtMsgType, _context: object, message: str) -> None:
    """Qt's own warnings go to the log (they hold no client data), known noise nowhere."""
    if any(noise in message for noise in QT_NOISE):
        return
    level = logging.DEBUG if kind == QtMsgType.QtDebugMsg else logging.WARNING
    logging.getLogger("legalaid.qt").log(level, "%s", message)


def make_qt_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName("LegalAidDesk")
    QCoreApplication.setApplicationName("LegalAidDesk")
    # Settings (language, last login, column widths: never a client's name) live in the
    # app's own data folder, so LEGALAID_HOME moves them too and nothing goes to the registry.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data_dir()))
    if app.property("legalaid_styled"):
        return app  # styled once: setting the style again re-polishes every live widget
    app.setProperty("legalaid_styled", True)
    app.setStyle("Fusion")
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(fonts_dir() / name))
    app.setFont(QFont("DejaVu Sans", 10))
    app.setStyleSheet(STYLE_SHEET)
    icon = resources_dir() / "icons" / "legalaid.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def route_qt_messages() -> None:
    """In the running app and the screenshots command (tests keep pytest-qt's handler)."""
    qInstallMessageHandler(_qt_messages)


def start_language() -> str:
    saved = QSettings().value("language")
    return i18n.normalise_language(str(saved) if saved else None) or i18n.system_language()


def run(vault_path: Path) -> int:
    hardening.disable_core_dumps()
    log.setup()
    app = make_qt_application()
    route_qt_messages()
    desk = Application(vault_path)
    i18n.set_language(start_language())
    desk.qt_language.apply(i18n.current_language())
    if vault_path.exists():
        desk.show_sign_in()
    else:
        desk.show_first_run()
    code = app.exec()
    wait_for_background_work()
    os.environ.pop("LEGALAID_PASSPHRASE", None)
    return int(code)

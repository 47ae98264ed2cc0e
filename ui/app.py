"""Starting the desktop app: Qt set-up, language, the sign-in window, then the main window.

`legalaid` (no command) and `legalaid gui` come here; `legalaid screenshots` renders the
windows offscreen for the README and for looking at the work in each language.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from legalaid import hardening, i18n, log
from legalaid.paths import data_dir, fonts_dir, resources_dir
from legalaid.services.workspace import Workspace
from legalaid.storage import kdf
from ui.first_run import FirstRunWindow
from ui.main_window import MainWindow
from ui.qt_i18n import QtLanguage
from ui.sign_in import SignInWindow

STYLE_SHEET = """
QWidget { font-size: 10pt; }
QLabel#title { font-size: 16pt; font-weight: 600; color: #1f3a5f; }
QLabel#error { color: #a12622; }
QLabel#warning { color: #8a5a00; }
QListWidget#navigation { background: #f3f5f8; border: none; font-size: 11pt; padding: 6px; }
QListWidget#navigation::item { padding: 8px 10px; border-radius: 4px; }
QListWidget#navigation::item:selected { background: #1f3a5f; color: white; }
QLineEdit#search { padding: 6px; font-size: 11pt; }
QWidget#signIn, QWidget#lockScreen { background: #eef1f5; }
QFrame#card { background: white; border: 1px solid #d5dbe3; border-radius: 8px; padding: 18px; }
"""


class Application:
    """Owns the QApplication-wide pieces: language, fonts, the current window."""

    def __init__(self, vault_path: Path) -> None:
        self.vault_path = vault_path
        self.qt_language = QtLanguage()
        self.sign_in: SignInWindow | None = None
        self.first_run: FirstRunWindow | None = None
        self.main: MainWindow | None = None
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
        QSettings().setValue("last_login", ws.actor.login)
        self.main = MainWindow(ws)
        self.main.show()
        if self.sign_in is not None:
            self.sign_in.close()
        return self.main


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
    os.environ.pop("LEGALAID_PASSPHRASE", None)
    return int(code)

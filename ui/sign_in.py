"""The sign-in window: login, passphrase, where the vault is; backoff shown as a countdown.

The Argon2id derivation takes about a second, so it runs off the GUI thread while the
window says what is happening. No hint of which accounts exist: one message for an
unknown login and a wrong passphrase.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legalaid.errors import LegalAidError
from legalaid.i18n import _, format_duration_seconds
from legalaid.services import auth
from legalaid.services.workspace import Workspace
from legalaid.storage.errors import TooManyAttempts
from ui.worker import Call


class _CapsLockWatcher(QObject):
    """Qt cannot read Caps Lock directly; a letter whose case disagrees with Shift tells."""

    changed = Signal(bool)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if len(text) == 1 and text.isalpha() and text.upper() != text.lower():
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.changed.emit(text.isupper() != shift)
        return False


class SignInWindow(QWidget):
    signed_in = Signal(object)  # a Workspace

    def __init__(self, vault_path: Path, last_login: str = "") -> None:
        super().__init__()
        self.vault_path = vault_path
        self.setObjectName("signIn")
        self.title = QLabel()
        self.title.setObjectName("title")
        self.vault_label = QLabel()
        self.vault_label.setWordWrap(True)
        self.login = QLineEdit(last_login)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.caps_warning = QLabel()
        self.caps_warning.setObjectName("warning")
        self.caps_warning.hide()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.notice = QLabel()  # news that is not an error (e.g. a restore went well)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setDefault(True)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._seconds_left = 0
        self._call: Call | None = None

        self.login_label = QLabel()
        self.login_label.setBuddy(self.login)
        self.passphrase_label = QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        self._form = QFormLayout()
        self._form.addRow(self.login_label, self.login)
        self._form.addRow(self.passphrase_label, self.passphrase)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(520)
        inner = QVBoxLayout(card)
        inner.addWidget(self.title)
        inner.addWidget(self.vault_label)
        inner.addLayout(self._form)
        inner.addWidget(self.caps_warning)
        inner.addWidget(self.notice)
        inner.addWidget(self.message)
        inner.addWidget(self.sign_in_button)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

        self._caps = _CapsLockWatcher(self)
        self.passphrase.installEventFilter(self._caps)
        self._caps.changed.connect(self.caps_warning.setVisible)
        self.sign_in_button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)
        self.login.returnPressed.connect(self.passphrase.setFocus)
        self.retranslate_ui()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Legal Aid Desk — sign in"))
        self.title.setText(_("Sign in to the vault"))
        self.vault_label.setText(_("Vault: {path}").format(path=self.vault_path))
        self.login_label.setText(_("&Login"))
        self.passphrase_label.setText(_("&Passphrase"))
        self.login.setAccessibleName(_("Login"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.caps_warning.setText(_("Caps Lock seems to be on."))
        self.sign_in_button.setText(_("Sign in"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- signing in ---------------------------------------------------------------------
    def submit(self) -> None:
        if self._seconds_left > 0 or self._call is not None:
            return
        login = self.login.text().strip() or None
        passphrase = self.passphrase.text()
        path = self.vault_path
        self.message.setText(_("Opening the vault…"))
        self.show_notice("")
        self.sign_in_button.setEnabled(False)
        self._call = Call(lambda: auth.sign_in(path, login, passphrase), self)
        self._call.done.connect(self._succeeded)
        self._call.failed.connect(self._failed)
        self._call.start()

    def _succeeded(self, ws: Workspace) -> None:
        self._call = None
        self.passphrase.clear()
        self.message.clear()
        self.sign_in_button.setEnabled(True)
        self.signed_in.emit(ws)

    def _failed(self, error: BaseException) -> None:
        self._call = None
        self.passphrase.clear()
        self.sign_in_button.setEnabled(True)
        if isinstance(error, TooManyAttempts):
            self._seconds_left = error.seconds
            self._countdown.start()
            self._show_wait()
        elif isinstance(error, LegalAidError):
            self.message.setText(str(error))
        else:
            self.message.setText(_("An unexpected error occurred."))
        self.passphrase.setFocus()

    def _show_wait(self) -> None:
        self.sign_in_button.setEnabled(self._seconds_left <= 0)
        self.message.setText(
            _("Too many failed sign-ins: the next attempt is possible in {duration}.").format(
                duration=format_duration_seconds(self._seconds_left)
            )
            if self._seconds_left > 0
            else ""
        )

    def _tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._countdown.stop()
        self._show_wait()

"""Administration for coordinators: staff accounts, a backup now, the vault check.

Slow work (Argon2id for a new slot, a backup, the check) runs off the GUI thread with a
busy indicator; dialogs open with open() and never block.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.enums import Role
from legalaid.errors import LegalAidError
from legalaid.i18n import _
from legalaid.services import accounts, maintenance
from legalaid.services.workspace import Workspace
from ui.worker import Call


def choose_backup_file(parent: QWidget) -> Path | None:
    """The file chooser, behind a seam the tests replace."""
    name, _filter = QFileDialog.getSaveFileName(parent, _("Back up now"), "", "*.labak")
    return Path(name) if name else None


class AddAccountDialog(QDialog):
    account_added = Signal(object)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.login = QLineEdit()
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout()
        form.addRow(_("Login"), self.login)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Role"), self.role)
        form.addRow(_("Passphrase"), self.passphrase)
        form.addRow(_("Repeat the passphrase"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Add an account"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._call: Call | None = None

    def submit(self) -> None:
        if self.passphrase.text() != self.repeat.text():
            self.message.setText(_("The two passphrases differ."))
            return
        login, name = self.login.text(), self.name.text()
        role, passphrase = Role(self.role.currentData()), self.passphrase.text()
        self.message.setText(_("Protecting the new account's key…"))
        self.buttons.setEnabled(False)
        self._call = Call(
            lambda: accounts.add_account(self.ws, login, name, role, passphrase), self
        )
        self._call.done.connect(self._added)
        self._call.failed.connect(self._failed)
        self._call.start()

    def _added(self, info: object) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self.account_added.emit(info)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(
            str(error) if isinstance(error, LegalAidError) else _("An unexpected error occurred.")
        )


class AdminPage(QWidget):
    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.heading = QLabel()
        self.heading.setObjectName("title")
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton()
        self.backup_button = QPushButton()
        self.check_button = QPushButton()
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.backup_button, self.check_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.report)
        self.add_button.clicked.connect(self.add_account)
        self.backup_button.clicked.connect(self.back_up)
        self.check_button.clicked.connect(self.check)
        self.dialog: AddAccountDialog | None = None
        self.progress: QProgressDialog | None = None
        self._call: Call | None = None
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Staff accounts"))
        self.table.setHorizontalHeaderLabels(
            [_("Login"), _("Name"), _("Role"), _("Office"), _("Active")]
        )
        self.add_button.setText(_("Add an account…"))
        self.backup_button.setText(_("Back up now…"))
        self.check_button.setText(_("Check the vault"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self) -> None:
        if not self.ws.vault.is_unlocked:
            self.table.setRowCount(0)
            return
        people = accounts.list_accounts(self.ws)
        self.table.setRowCount(len(people))
        for row, account in enumerate(people):
            values = [
                account.login,
                account.display_name,
                account.role.label,
                account.office_code,
                _("yes") if account.active else _("no"),
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()  # a handful of rows: let names show whole

    def add_account(self) -> AddAccountDialog:
        self.dialog = AddAccountDialog(self.ws, self)
        self.dialog.account_added.connect(lambda _info: self.refresh())
        self.dialog.open()
        return self.dialog

    def _busy(self, text: str) -> None:
        self.progress = QProgressDialog(text, "", 0, 0, self)
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.open()

    def _finish(self, text: str) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        self.report.setText(text)
        self._call = None

    def back_up(self) -> None:
        target = choose_backup_file(self)
        if target is None:
            return
        self._busy(_("Writing and verifying the backup…"))
        self._call = Call(lambda: maintenance.backup(self.ws, target), self)
        self._call.done.connect(
            lambda manifest: self._finish(
                _("Backup written to {path} and verified ({count} audit events).").format(
                    path=target, count=manifest["audit_events"]
                )
            )
        )
        self._call.failed.connect(lambda error: self._finish(str(error)))
        self._call.start()

    def check(self) -> None:
        self._busy(_("Checking every page of the vault…"))
        self._call = Call(lambda: maintenance.check(self.ws), self)
        self._call.done.connect(self._show_check)
        self._call.failed.connect(lambda error: self._finish(str(error)))
        self._call.start()

    def _show_check(self, report: maintenance.CheckReport) -> None:
        lines = [
            ("✓ " if item.ok else "✗ ") + _(item.message).format(**item.params)
            for item in report.items
        ]
        lines.append(
            _("The vault is intact.")
            if report.ok
            else _("The vault failed the check; restore the latest good backup and keep this copy.")
        )
        self._finish("\n".join(lines))

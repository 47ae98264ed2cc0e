"""Administration for coordinators: staff accounts, offices, backup, restore, the vault check.

Slow work (Argon2id for a new key slot, rotating the data key, a backup, the check) runs
off the GUI thread with a busy indicator. Dialogs open with open(), report through
signals, and stay open with what was typed when the core refuses it (passphrases
excepted: they are cleared after every use). Restoring is only asked for here; the
application carries it out, because the open workspace has to be closed first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.enums import LabelledEnum, Region, Role
from legalaid.domain.suppression import MAX_THRESHOLD, MIN_THRESHOLD
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import N_, _
from legalaid.services import accounts, cases, intake, maintenance, office_settings, offices
from legalaid.services.permissions import Permission, allowed
from legalaid.services.workspace import AccountInfo, Workspace
from ui.choices import select_data
from ui.courts_admin import CourtsTab
from ui.field_rows import FieldRows
from ui.import_tab import ImportTab
from ui.letters_admin import LettersTab
from ui.messages import error_text
from ui.recovery_key_dialog import RecoveryKeyDialog
from ui.worker import Call

E = TypeVar("E", bound=LabelledEnum)
D = TypeVar("D", bound="TaskDialog")


def choose_backup_file(parent: QWidget) -> Path | None:
    """The file chooser, behind a seam the tests replace."""
    name, _filter = QFileDialog.getSaveFileName(parent, _("Back up now"), "", "*.labak")
    return Path(name) if name else None


def choose_restore_file(parent: QWidget) -> Path | None:
    """The backup to restore, behind a seam the tests replace."""
    name, _filter = QFileDialog.getOpenFileName(parent, _("Restore from a backup"), "", "*.labak")
    return Path(name) if name else None


def busy_indicator(parent: QWidget | None, text: str) -> QProgressDialog:
    """A progress dialog without steps or a cancel button, shown at once, never blocking."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(
        Qt.WindowModality.WindowModal if parent is not None else Qt.WindowModality.ApplicationModal
    )
    progress.setMinimumDuration(0)
    progress.open()
    return progress


def _secret_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class EnumCombo(QComboBox, Generic[E]):
    """A choice among the members of a labelled enum, relabelled on a language switch."""

    def __init__(self, kind: type[E], current: E | None = None) -> None:
        super().__init__()
        self.kind = kind
        for member in kind:
            self.addItem(member.label, member.value)
        if current is not None:
            self.setCurrentIndex(self.findData(current.value))

    def value(self) -> E:
        return self.kind(self.currentData())

    def retranslate_ui(self) -> None:
        for index in range(self.count()):
            self.setItemText(index, self.kind(self.itemData(index)).label)


class PassphraseFields:
    """A new passphrase typed twice; `take()` hands it over once and empties both fields."""

    def __init__(self) -> None:
        self.passphrase = _secret_field()
        self.repeat = _secret_field()

    def fields(self) -> dict[str, QWidget]:
        return {"passphrase": self.passphrase, "repeat": self.repeat}

    def labels(self) -> dict[str, str]:
        return {"passphrase": _("Passphrase"), "repeat": _("Repeat the passphrase")}

    def take(self) -> str | None:
        """The passphrase when both fields agree; None (and the repeat emptied) when not."""
        if self.passphrase.text() != self.repeat.text():
            self.repeat.clear()
            self.repeat.setFocus()
            return None
        value = self.passphrase.text()
        self.clear()
        return value

    def clear(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()


class TaskDialog(QDialog):
    """A small form whose confirm button runs one service call off the GUI thread.

    The core's refusal appears at its field (FieldRows) or under the form, and the dialog
    stays open with what was typed; success closes it and emits `completed(result)`.
    Subclasses give the msgids below, `labels()`, `intro_text()` and `begin()`.
    """

    completed = Signal(object)
    title_text = ""
    confirm_text = N_("Save")

    def __init__(
        self,
        fields: Mapping[str, QWidget],
        parent: QWidget | None = None,
        secrets: Sequence[QLineEdit] = (),
    ) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.rows = FieldRows(fields)
        self.errors = self.rows.errors
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        # Our own button: the box resets a standard button's text on a language switch.
        self.confirm_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.rows.layout)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._secrets = tuple(secrets)
        self.finished.connect(self._forget_secrets)
        self.progress: QProgressDialog | None = None
        self._call: Call | None = None

    # --- to give in subclasses --------------------------------------------------------
    def labels(self) -> dict[str, str]:
        return {}

    def intro_text(self) -> str:
        return ""

    def begin(self) -> None:
        """Read the form and call `run()` (or `finish()` when there is nothing to run)."""
        raise NotImplementedError

    # --- shared -----------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_(self.title_text))
        self.confirm_button.setText(_(self.confirm_text))
        self.rows.set_labels(self.labels())
        intro = self.intro_text()
        self.intro.setText(intro)
        self.intro.setVisible(bool(intro))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @property
    def busy(self) -> bool:
        return self._call is not None

    def submit(self) -> None:
        if self.busy:
            return
        self.rows.clear_errors()
        self.message.clear()
        self.begin()

    def run(self, work: Callable[[], object], busy_text: str = "", progress: bool = False) -> None:
        self.message.setText(busy_text)
        self.buttons.setEnabled(False)
        if progress:
            self.progress = busy_indicator(self, busy_text)
        self._call = Call(work, self)
        self._call.done.connect(self.finish)
        self._call.failed.connect(self._failed)
        self._call.start()

    def finish(self, result: object) -> None:
        self._stop()
        self.message.clear()
        self.accept()
        self.completed.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._stop()
        if isinstance(error, ValidationError) and self.rows.show_error(error.field, str(error)):
            self.message.clear()
        else:
            self.message.setText(error_text(error))

    def _stop(self) -> None:
        self._call = None
        self.buttons.setEnabled(True)
        if self.progress is not None:
            self.progress.close()
            self.progress = None

    def reject(self) -> None:
        if not self.busy:  # the call goes on; its result must find the dialog
            super().reject()

    def _forget_secrets(self) -> None:
        for field in self._secrets:
            field.clear()


class AddAccountDialog(TaskDialog):
    account_added = Signal(object)  # AccountInfo
    title_text = N_("Add an account")

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        login, name, role, pair = QLineEdit(), QLineEdit(), EnumCombo(Role), PassphraseFields()
        fields = {"login": login, "display_name": name, "role": role, **pair.fields()}
        super().__init__(fields, parent, (pair.passphrase, pair.repeat))
        self.ws = ws
        self.login, self.name, self.role, self.pair = login, name, role, pair
        self.passphrase, self.repeat = pair.passphrase, pair.repeat
        self.completed.connect(self.account_added)
        self.retranslate_ui()

    def labels(self) -> dict[str, str]:
        return {
            "login": _("Login"),
            "display_name": _("Name"),
            "role": _("Role"),
            **self.pair.labels(),
        }

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.role.retranslate_ui()

    def begin(self) -> None:
        passphrase = self.pair.take()
        if passphrase is None:
            self.message.setText(_("The two passphrases differ."))
            return
        ws, login, name, role = self.ws, self.login.text(), self.name.text(), self.role.value()
        self.run(
            lambda: accounts.add_account(ws, login, name, role, passphrase),
            _("Protecting the new account's key…"),
        )


class AccountDialog(TaskDialog):
    """A dialog about one existing account (named in its introduction)."""

    def __init__(
        self,
        ws: Workspace,
        account: AccountInfo,
        fields: Mapping[str, QWidget],
        parent: QWidget | None = None,
        secrets: Sequence[QLineEdit] = (),
    ) -> None:
        super().__init__(fields, parent, secrets)
        self.ws = ws
        self.account = account

    def _about(self, template: str) -> str:
        return _(template).format(name=self.account.display_name, login=self.account.login)


class ChangeRoleDialog(AccountDialog):
    title_text = N_("Change the role")

    def __init__(self, ws: Workspace, account: AccountInfo, parent: QWidget | None = None) -> None:
        role = EnumCombo(Role, account.role)
        super().__init__(ws, account, {"role": role}, parent)
        self.role = role
        self.retranslate_ui()

    def labels(self) -> dict[str, str]:
        return {"role": _("Role")}

    def intro_text(self) -> str:
        return self._about(N_("The role decides what {name} ({login}) may see and do."))

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.role.retranslate_ui()

    def begin(self) -> None:
        ws, login, role = self.ws, self.account.login, self.role.value()
        self.run(lambda: accounts.set_role(ws, login, role))


class DeactivateDialog(AccountDialog):
    """Asks first: deactivating rotates the data key, which takes a moment."""

    title_text = N_("Deactivate an account")
    confirm_text = N_("Deactivate")

    def __init__(self, ws: Workspace, account: AccountInfo, parent: QWidget | None = None) -> None:
        super().__init__(ws, account, {}, parent)
        self.retranslate_ui()

    def intro_text(self) -> str:
        text = self._about(
            N_(
                "{name} ({login}) will no longer be able to sign in. Their key slot is removed "
                "and the vault's data key is replaced (rotated), so their passphrase opens "
                "nothing any more; this takes a moment. The account and its history stay, and "
                "it can be activated again with a new passphrase."
            )
        )
        if self.account.role == Role.COORDINATOR:
            text += "\n\n" + self._about(
                N_(
                    "A coordinator may have seen the recovery key: it is revoked together with "
                    "{login}, and you will need to make a new one."
                )
            )
        return text

    def begin(self) -> None:
        ws, login = self.ws, self.account.login
        self.run(
            lambda: accounts.deactivate(ws, login),
            _("Re-encrypting the vault with a new key…"),
            progress=True,
        )


@dataclass(frozen=True)
class PassphraseTask:
    """What a new passphrase for someone else's account is for (msgids, the service call)."""

    title: str
    intro: str
    confirm: str
    done: str  # the report afterwards, with {login}
    call: Callable[[Workspace, str, str], object]


ACTIVATE = PassphraseTask(
    N_("Activate an account"),
    N_("{name} ({login}) will be able to sign in again with this new passphrase."),
    N_("Activate"),
    N_("Account {login} is active again."),
    accounts.activate,
)
RESET_PASSPHRASE = PassphraseTask(
    N_("Reset the passphrase"),
    N_("{name} ({login}) will sign in with this new passphrase; the old one stops working."),
    N_("Save"),
    N_("The passphrase of {login} was replaced."),
    accounts.reset_passphrase,
)


class PassphraseDialog(AccountDialog):
    """A new passphrase, typed twice, for another person's account: activate or reset."""

    def __init__(
        self, ws: Workspace, account: AccountInfo, task: PassphraseTask, parent: QWidget | None
    ) -> None:
        pair = PassphraseFields()
        super().__init__(ws, account, pair.fields(), parent, (pair.passphrase, pair.repeat))
        self.task, self.pair = task, pair
        self.title_text, self.confirm_text = task.title, task.confirm
        self.passphrase, self.repeat = pair.passphrase, pair.repeat
        self.retranslate_ui()

    def labels(self) -> dict[str, str]:
        return self.pair.labels()

    def intro_text(self) -> str:
        return self._about(self.task.intro)

    def begin(self) -> None:
        passphrase = self.pair.take()
        if passphrase is None:
            self.message.setText(_("The two passphrases differ."))
            return
        ws, login, call = self.ws, self.account.login, self.task.call
        self.run(
            lambda: call(ws, login, passphrase),
            _("Protecting the account's key with the new passphrase…"),
        )


class OfficeDialog(TaskDialog):
    title_text = N_("Add an office")

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        code, name_ky, name_ru, name_en = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        region = EnumCombo(Region)
        fields = {
            "office_code": code,
            "name_ky": name_ky,
            "name_ru": name_ru,
            "name_en": name_en,
            "region": region,
        }
        super().__init__(fields, parent)
        self.ws = ws
        self.code, self.region = code, region
        self.name_ky, self.name_ru, self.name_en = name_ky, name_ru, name_en
        self.retranslate_ui()

    def labels(self) -> dict[str, str]:
        return {
            "office_code": _("Code"),
            "name_ky": _("Name in Kyrgyz"),
            "name_ru": _("Name in Russian"),
            "name_en": _("Name in English"),
            "region": _("Region"),
        }

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.region.retranslate_ui()

    def begin(self) -> None:
        ws, code, region = self.ws, self.code.text(), self.region.value()
        names = {"ky": self.name_ky.text(), "ru": self.name_ru.text(), "en": self.name_en.text()}
        self.run(lambda: offices.add_office(ws, code, names, region))


class RestoreDialog(TaskDialog):
    """Asks for the coordinator's passphrase; `completed((archive, passphrase))` asks the
    application to restore (it closes this workspace first)."""

    title_text = N_("Restore from a backup")
    confirm_text = N_("Restore")

    def __init__(self, archive: Path, parent: QWidget | None = None) -> None:
        passphrase = _secret_field()
        super().__init__({"passphrase": passphrase}, parent, (passphrase,))
        self.archive = archive
        self.passphrase = passphrase
        self.confirm_button.setEnabled(False)
        passphrase.textChanged.connect(self._typed)
        self.retranslate_ui()

    def _typed(self, text: str) -> None:
        self.confirm_button.setEnabled(bool(text))

    def labels(self) -> dict[str, str]:
        return {"passphrase": _("Passphrase")}

    def intro_text(self) -> str:
        return _(
            "Restore the backup {file}? The current vault is not deleted: it is moved aside "
            "into a folder next to it, with everything recorded since the backup. Everyone "
            "must sign in again afterwards. Type your own passphrase as it was when the "
            "backup was made."
        ).format(file=self.archive.name)

    def begin(self) -> None:
        passphrase = self.passphrase.text()
        self.passphrase.clear()
        self.finish((self.archive, passphrase))


class AdminPage(QWidget):
    restore_requested = Signal(object)  # (archive Path, passphrase str)
    idle_minutes_changed = Signal(int)  # the office's new auto-lock time

    ACCOUNT_COLUMNS = (N_("Login"), N_("Name"), N_("Role"), N_("Office"), N_("Active"))
    OFFICE_COLUMNS = (N_("Code"), N_("Name"), N_("Region"))

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.accounts: list[AccountInfo] = []
        self.heading = QLabel()
        self.heading.setObjectName("title")
        self.tabs = QTabWidget()

        self.table = _table(len(self.ACCOUNT_COLUMNS))
        self.add_button = QPushButton()
        self.role_button = QPushButton()
        self.deactivate_button = QPushButton()
        self.activate_button = QPushButton()
        self.reset_button = QPushButton()
        self.account_buttons = (
            self.role_button,
            self.deactivate_button,
            self.activate_button,
            self.reset_button,
        )
        self.tabs.addTab(_tab(self.table, [self.add_button, *self.account_buttons]), "")

        self.offices_table = _table(len(self.OFFICE_COLUMNS))
        self.add_office_button = QPushButton()
        self.tabs.addTab(_tab(self.offices_table, [self.add_office_button]), "")

        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(*office_settings.IDLE_MINUTES_RANGE)
        self.remember_login = QCheckBox()
        self.monitoring_names = QCheckBox()
        self.paralegals_monitoring = QCheckBox()
        self.small_counts = QSpinBox()
        self.small_counts.setRange(MIN_THRESHOLD, MAX_THRESHOLD)
        self.duty_lawyer = QComboBox()
        self.save_settings_button = QPushButton()
        self.settings_rows = FieldRows(
            {
                "idle_minutes": self.idle_minutes,
                "remember_login": self.remember_login,
                "duty_lawyer": self.duty_lawyer,
                "monitoring_names": self.monitoring_names,
                "paralegals_monitoring": self.paralegals_monitoring,
                "small_count_threshold": self.small_counts,
            }
        )
        settings_page = QWidget()
        settings_column = QVBoxLayout(settings_page)
        settings_column.addLayout(self.settings_rows.layout)
        settings_column.addLayout(_button_row([self.save_settings_button]))
        settings_column.addStretch(1)
        self.tabs.addTab(settings_page, "")
        self.letters_tab = LettersTab(ws)  # the letterhead and the wording of letters
        self.tabs.addTab(self.letters_tab, "")
        self.courts_tab = CourtsTab(ws)  # the courts of the south, their names over time
        self.tabs.addTab(self.courts_tab, "")
        self.import_tab = ImportTab(ws)  # existing registers brought in
        self.tabs.addTab(self.import_tab, "")

        self.backup_button = QPushButton()
        self.restore_button = QPushButton()
        self.check_button = QPushButton()
        self.recovery_button = QPushButton()
        self.recovery_button.setVisible(allowed(ws.actor.role, Permission.CREATE_RECOVERY_KEY))
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        vault_buttons = _button_row(
            [self.backup_button, self.restore_button, self.check_button, self.recovery_button]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(vault_buttons)
        layout.addWidget(self.report)

        self.table.itemSelectionChanged.connect(self._update_account_buttons)
        self.add_button.clicked.connect(self.add_account)
        self.role_button.clicked.connect(self.change_role)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.activate_button.clicked.connect(self.activate)
        self.reset_button.clicked.connect(self.reset_passphrase)
        self.add_office_button.clicked.connect(self.add_office)
        self.save_settings_button.clicked.connect(self.save_settings)
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.restore)
        self.check_button.clicked.connect(self.check)
        self.recovery_button.clicked.connect(self.create_recovery_key)
        self.dialog: TaskDialog | RecoveryKeyDialog | None = None
        self._report: Callable[[Any], str] = str  # what the open dialog's success says
        self.progress: QProgressDialog | None = None
        self._call: Call | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Administration"))
        self.tabs.setTabText(0, _("Staff accounts"))
        self.tabs.setTabText(1, _("Offices"))
        self.tabs.setTabText(2, _("Office settings"))
        self.tabs.setTabText(3, _("Letters"))
        self.tabs.setTabText(4, _("Courts"))
        self.tabs.setTabText(5, _("Import registers"))
        self.settings_rows.set_labels(
            {
                "idle_minutes": _("&Lock the screen after, minutes idle"),
                "remember_login": _("Sign-in &window"),
                "duty_lawyer": _("Lawyer on &duty (urgent intakes of this office)"),
                "monitoring_names": _("Trial &monitoring"),
                "paralegals_monitoring": _("&Paralegals"),
                "small_count_threshold": _("Reports for outside: hide counts &below"),
            }
        )
        self.monitoring_names.setText(_("may record defendants' names (otherwise pseudonyms only)"))
        self.paralegals_monitoring.setText(_("may read approved trial observations"))
        if self.duty_lawyer.count():
            self.duty_lawyer.setItemText(0, _("nobody"))
        self.remember_login.setText(_("offers the last login used on this PC"))
        self.save_settings_button.setText(_("Save the settings"))
        self.table.setHorizontalHeaderLabels([_(text) for text in self.ACCOUNT_COLUMNS])
        self.offices_table.setHorizontalHeaderLabels([_(text) for text in self.OFFICE_COLUMNS])
        self.table.setAccessibleName(_("Staff accounts"))
        self.offices_table.setAccessibleName(_("Offices"))
        self.add_button.setText(_("Add an account…"))
        self.role_button.setText(_("Change the role…"))
        self.deactivate_button.setText(_("Deactivate…"))
        self.activate_button.setText(_("Activate…"))
        self.reset_button.setText(_("Reset the passphrase…"))
        self.add_office_button.setText(_("Add an office…"))
        self.backup_button.setText(_("Back up now…"))
        self.restore_button.setText(_("Restore from a backup…"))
        self.check_button.setText(_("Check the vault"))
        self.recovery_button.setText(_("Create a recovery key…"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- lists ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload accounts and offices (texts in the current language); keep the selection."""
        if not self.ws.vault.is_unlocked:
            self.clear()
            return
        selected = self.selected_account()
        self.letters_tab.refresh()  # offices may have been added; unsaved edits stay
        self.courts_tab.refresh()
        self.idle_minutes.setValue(office_settings.idle_minutes(self.ws))
        self.remember_login.setChecked(office_settings.remember_last_login(self.ws))
        self.monitoring_names.setChecked(office_settings.monitoring_names_allowed(self.ws))
        self.paralegals_monitoring.setChecked(office_settings.paralegals_read_monitoring(self.ws))
        self.small_counts.setValue(office_settings.small_count_threshold(self.ws))
        self._fill_duty_lawyers()
        self.accounts = accounts.list_accounts(self.ws)
        _fill(
            self.table,
            [
                [
                    account.login,
                    account.display_name,
                    account.role.label,
                    account.office_code,
                    _("yes") if account.active else _("no"),
                ]
                for account in self.accounts
            ],
        )
        logins = [account.login for account in self.accounts]
        if selected is not None and selected.login in logins:
            self.table.selectRow(logins.index(selected.login))
        else:
            self.table.clearSelection()
        _fill(
            self.offices_table,
            [
                [office.code, office.name, office.region.label]
                for office in offices.list_offices(self.ws)
            ],
        )
        self._update_account_buttons()

    def _fill_duty_lawyers(self) -> None:
        self.duty_lawyer.clear()
        self.duty_lawyer.addItem(_("nobody"), None)
        for login, name in cases.lawyer_choices(self.ws):
            self.duty_lawyer.addItem(f"{name} ({login})", login)
        chosen = intake.duty_lawyer(self.ws)
        select_data(self.duty_lawyer, chosen)

    def save_settings(self) -> None:
        self.settings_rows.clear_errors()
        try:
            minutes = office_settings.set_idle_minutes(self.ws, self.idle_minutes.value())
            office_settings.set_remember_last_login(self.ws, self.remember_login.isChecked())
            for checked, now, change in (
                (
                    self.monitoring_names.isChecked(),
                    office_settings.monitoring_names_allowed(self.ws),
                    office_settings.set_monitoring_names_allowed,
                ),
                (
                    self.paralegals_monitoring.isChecked(),
                    office_settings.paralegals_read_monitoring(self.ws),
                    office_settings.set_paralegals_read_monitoring,
                ),
            ):
                if checked != now:  # only a real change is audited
                    change(self.ws, checked)
            if self.small_counts.value() != office_settings.small_count_threshold(self.ws):
                office_settings.set_small_count_threshold(self.ws, self.small_counts.value())
            if self.duty_lawyer.currentData() != intake.duty_lawyer(self.ws):
                intake.set_duty_lawyer(self.ws, self.duty_lawyer.currentData())
        except ValidationError as error:
            self.settings_rows.show_error(error.field, str(error))
            return
        except LegalAidError as error:
            self.report.setText(str(error))
            return
        self.report.setText(
            _("The screen now locks after {minutes} minutes without input.").format(minutes=minutes)
        )
        self.idle_minutes_changed.emit(minutes)

    def clear(self) -> None:
        """Drop what the page shows and close an open dialog (on lock)."""
        if isinstance(self.dialog, RecoveryKeyDialog):
            self.dialog.clear()  # the key leaves the screen and memory
        elif self.dialog is not None:
            self.dialog.reject()
        self.table.setRowCount(0)
        self.offices_table.setRowCount(0)
        self.letters_tab.clear()
        self.courts_tab.clear()
        self.import_tab.clear()
        self.accounts = []
        self.report.clear()
        self._update_account_buttons()

    def selected_account(self) -> AccountInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.accounts) or self.table.rowCount() == 0:
            return None
        return self.accounts[rows[0].row()]

    def _update_account_buttons(self) -> None:
        account = self.selected_account()
        active = account is not None and account.active
        oneself = account is not None and account.login == self.ws.actor.login
        self.role_button.setEnabled(account is not None)
        # Deactivating oneself would lock oneself out: another coordinator does it.
        self.deactivate_button.setEnabled(active and not oneself)
        self.activate_button.setEnabled(account is not None and not active)
        self.reset_button.setEnabled(active)

    # --- dialogs ----------------------------------------------------------------------
    def _open(self, dialog: D, report: Callable[[Any], str]) -> D:
        self._replace_dialog(dialog)
        self._report = report
        dialog.completed.connect(self._completed)
        dialog.open()
        return dialog

    def _replace_dialog(self, dialog: TaskDialog | RecoveryKeyDialog) -> None:
        """One dialog at a time; a finished one is deleted (its fields are empty by then)."""
        if self.dialog is not None and not self.dialog.isVisible() and not self.dialog.busy:
            self.dialog.deleteLater()
        self.dialog = dialog

    def _completed(self, result: object) -> None:
        self.refresh()
        self.report.setText(self._report(result))

    def add_account(self) -> AddAccountDialog:
        return self._open(
            AddAccountDialog(self.ws, self),
            lambda info: _("Account {login} added as {role}.").format(
                login=info.login, role=info.role.label
            ),
        )

    def change_role(self) -> ChangeRoleDialog | None:
        account = self.selected_account()
        if account is None:
            return None
        return self._open(
            ChangeRoleDialog(self.ws, account, self),
            lambda info: _("{login} is now {role}.").format(login=info.login, role=info.role.label),
        )

    def deactivate(self) -> DeactivateDialog | None:
        account = self.selected_account()
        if account is None or not account.active:
            return None
        return self._open(DeactivateDialog(self.ws, account, self), _deactivation_report)

    def activate(self) -> PassphraseDialog | None:
        account = self.selected_account()
        if account is None or account.active:
            return None
        return self._passphrase(account, ACTIVATE)

    def reset_passphrase(self) -> PassphraseDialog | None:
        account = self.selected_account()
        if account is None or not account.active:
            return None
        return self._passphrase(account, RESET_PASSPHRASE)

    def _passphrase(self, account: AccountInfo, task: PassphraseTask) -> PassphraseDialog:
        return self._open(
            PassphraseDialog(self.ws, account, task, self),
            lambda _result: _(task.done).format(login=account.login),
        )

    def add_office(self) -> OfficeDialog:
        return self._open(
            OfficeDialog(self.ws, self),
            lambda office: _("Office {code} added.").format(code=office.code),
        )

    def restore(self) -> RestoreDialog | None:
        archive = choose_restore_file(self)
        if archive is None:
            return None
        dialog = RestoreDialog(archive, self)
        dialog.completed.connect(self.restore_requested)
        self._replace_dialog(dialog)
        dialog.open()
        return dialog

    def create_recovery_key(self) -> RecoveryKeyDialog:
        dialog = RecoveryKeyDialog(self.ws, self)
        self._replace_dialog(dialog)
        dialog.open()
        return dialog

    # --- backup and check -------------------------------------------------------------
    def _busy(self, text: str) -> None:
        self.progress = busy_indicator(self, text)

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
        self._call.failed.connect(lambda error: self._finish(error_text(error)))
        self._call.start()

    def check(self) -> None:
        self._busy(_("Checking every page of the vault…"))
        self._call = Call(lambda: maintenance.check(self.ws), self)
        self._call.done.connect(self._show_check)
        self._call.failed.connect(lambda error: self._finish(error_text(error)))
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


def _deactivation_report(result: accounts.Deactivation) -> str:
    lines = [
        _(
            "Account {login} deactivated; the vault was re-encrypted with a new key, so its "
            "old passphrase opens nothing any more."
        ).format(login=result.account.login)
    ]
    if result.recovery_key_revoked:
        lines.append(
            _(
                "The recovery key was revoked too (a coordinator may have seen it): create a "
                "new one with 'legalaid users recovery-key'."
            )
        )
    return "\n".join(lines)


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))
    table.resizeColumnsToContents()  # a handful of rows: let names show whole


def _button_row(buttons: Sequence[QPushButton]) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _tab(table: QTableWidget, buttons: Sequence[QPushButton]) -> QWidget:
    tab = QWidget()
    layout = QVBoxLayout(tab)
    layout.addWidget(table)
    layout.addLayout(_button_row(buttons))
    return tab

"""First run: choose the language, then create a vault, open the demo, or open a file.

Shown when no vault exists where the app looks. Creating takes a second or two (Argon2id
for the first account, SQLCipher set-up), so it runs off the GUI thread. Validation comes
from the core and appears next to the field; what was typed stays.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from legalaid import i18n, paths
from legalaid.domain.passphrase_policy import MIN_LENGTH, RECOMMENDED_LENGTH
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import _
from legalaid.services import demo, setup
from legalaid.storage import kdf
from ui.field_rows import FieldRows
from ui.worker import Call

LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}


def choose_vault_file(parent: QWidget) -> Path | None:
    """The file chooser, behind a seam the tests replace."""
    name, _filter = QFileDialog.getOpenFileName(parent, _("Open a vault"), "", "*.db")
    return Path(name) if name else None


def strength(passphrase: str) -> int:
    """0-4, from zxcvbn's estimate (shown as a bar; the rule itself is the core's)."""
    if not passphrase:
        return 0
    from zxcvbn import zxcvbn

    return int(zxcvbn(passphrase[:100])["score"])


class FirstRunWindow(QWidget):
    vault_ready = Signal(object)  # the Path of the vault to sign in to

    def __init__(self, default_path: Path, params: kdf.KdfParams = kdf.DEFAULT) -> None:
        super().__init__()
        self.setObjectName("signIn")
        self.params = params
        self.pages = QStackedWidget()
        self._call: Call | None = None
        # Page 1: language and what to do.
        self.welcome = QLabel()
        self.welcome.setObjectName("title")
        self.welcome.setWordWrap(True)
        self.language_buttons = {code: QRadioButton(name) for code, name in LANGUAGE_NAMES.items()}
        self.language_group = QButtonGroup(self)
        languages = QHBoxLayout()
        for code, button in self.language_buttons.items():
            self.language_group.addButton(button)
            languages.addWidget(button)
            button.toggled.connect(lambda on, c=code: self._language_chosen(on, c))
        self.language_buttons[i18n.current_language()].setChecked(True)
        self.create_button = QPushButton()
        self.demo_button = QPushButton()
        self.open_button = QPushButton()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("error")
        start = QWidget()
        start_layout = QVBoxLayout(start)
        start_layout.addWidget(self.welcome)
        start_layout.addLayout(languages)
        for action in (self.create_button, self.demo_button, self.open_button):
            start_layout.addWidget(action)
        start_layout.addWidget(self.status)
        self.pages.addWidget(start)
        # Page 2: a new vault.
        self.location = QLineEdit(str(default_path))
        self.office_code = QLineEdit(setup.DEFAULT_OFFICE_CODE)
        self.office_name = QLineEdit()
        self.login = QLineEdit()
        self.full_name = QLineEdit()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setMaximumHeight(8)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.fields = {
            "location": self.location,
            "office_code": self.office_code,
            "office_name": self.office_name,
            "login": self.login,
            "display_name": self.full_name,
            "passphrase": self.passphrase,
            "repeat": self.repeat,
        }
        self.location_hint = QLabel()  # who else on this PC can open a vault there
        self.location_hint.setWordWrap(True)
        self.location_hint.setObjectName("hint")
        self.location.textChanged.connect(self._hint_location)
        self.rows = FieldRows(
            self.fields,
            {"location": [self.location_hint], "passphrase": [self.strength_bar, self.rule]},
        )
        self.labels, self.errors = self.rows.labels, self.rows.errors
        self.back_button = QPushButton()
        self.make_button = QPushButton()
        self.make_button.setDefault(True)
        self.create_status = QLabel()
        self.create_status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.make_button)
        create = QWidget()
        create_layout = QVBoxLayout(create)
        self.create_title = QLabel()
        self.create_title.setObjectName("title")
        create_layout.addWidget(self.create_title)
        create_layout.addLayout(self.rows.layout)
        create_layout.addWidget(self.create_status)
        create_layout.addLayout(buttons)
        self.pages.addWidget(create)

        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(640)
        QVBoxLayout(card).addWidget(self.pages)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

        self.create_button.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.demo_button.clicked.connect(self.open_demo)
        self.open_button.clicked.connect(self.open_existing)
        self.make_button.clicked.connect(self.create_vault)
        self.passphrase.textChanged.connect(lambda text: self.strength_bar.setValue(strength(text)))
        self.retranslate_ui()

    def _language_chosen(self, on: bool, language: str) -> None:
        if on:
            i18n.set_language(language)

    def _hint_location(self) -> None:
        chosen = Path(self.location.text().strip() or ".").expanduser()
        if chosen.parent == paths.shared_data_dir():
            self.location_hint.setText(
                _(
                    "A folder for this whole PC: every staff account of it can open the vault "
                    "(the passphrases keep it closed)."
                )
            )
        else:
            self.location_hint.setText(
                _(
                    "If colleagues sign in to this PC with their own accounts, choose a folder "
                    "they can all reach."
                )
            )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Legal Aid Desk — first start"))
        self.welcome.setText(_("Welcome to Legal Aid Desk. Choose your language, then what to do."))
        self.create_button.setText(_("Create a new vault for our office"))
        self.demo_button.setText(_("Try the demo vault (synthetic data only)"))
        self.open_button.setText(_("Open an existing vault file…"))
        self.create_title.setText(_("A new vault"))
        self._hint_location()
        names = {
            "location": _("Vault file"),
            "office_code": _("Office code"),
            "office_name": _("Office name"),
            "login": _("Your login"),
            "display_name": _("Your full name"),
            "passphrase": _("Passphrase"),
            "repeat": _("Repeat the passphrase"),
        }
        self.rows.set_labels(names)
        self.rule.setText(
            _(
                "At least {minimum} characters ({recommended} or more is better); "
                "a few unrelated words make a good one. Nobody can recover the "
                "data without it."
            ).format(minimum=MIN_LENGTH, recommended=RECOMMENDED_LENGTH)
        )
        self.back_button.setText(_("Back"))
        self.make_button.setText(_("Create the vault"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- actions -------------------------------------------------------------------------
    def _show_error(self, error: BaseException) -> None:
        self._call = None
        self.make_button.setEnabled(True)
        self.create_status.clear()
        field = getattr(error, "field", None)
        field = {"name_ky": "office_name", "name_ru": "office_name", "name_en": "office_name"}.get(
            field or "", field
        )
        message = (
            str(error) if isinstance(error, LegalAidError) else _("An unexpected error occurred.")
        )
        if self.rows.show_error(field, message):
            return
        if self.pages.currentIndex() == 1:
            self.create_status.setText(message)
        else:
            self.status.setText(message)

    def create_vault(self) -> None:
        self.rows.clear_errors()
        if self.passphrase.text() != self.repeat.text():
            self._show_error(ValidationError(_("The two passphrases differ."), field="repeat"))
            return
        path = Path(self.location.text().strip()).expanduser()
        office_name = self.office_name.text().strip() or None
        names = {lang: office_name for lang in ("ky", "ru", "en")} if office_name else None
        login, full_name = self.login.text(), self.full_name.text()
        code, passphrase = self.office_code.text(), self.passphrase.text()
        language, params = i18n.current_language(), self.params

        def make() -> Path:
            setup.create_vault(
                path, login, full_name, passphrase, code, names, language=language, params=params
            ).close()
            return path

        self.make_button.setEnabled(False)
        self.create_status.setText(_("Creating the encrypted vault…"))
        self._run(make)

    def open_demo(self) -> None:
        path = Path(self.location.text().strip()).expanduser()
        params = self.params

        def make() -> Path:
            demo.create_demo_vault(path, params=params).close()
            return path

        self.status.setText(_("Creating the demo vault…"))
        self._run(make)

    def open_existing(self) -> None:
        path = choose_vault_file(self)
        if path is not None:
            self.vault_ready.emit(path)

    def _run(self, work: object) -> None:
        self._call = Call(work, self)  # type: ignore[arg-type]
        self._call.done.connect(self._done)
        self._call.failed.connect(self._show_error)
        self._call.start()

    def _done(self, path: Path) -> None:
        self._call = None
        self.passphrase.clear()
        self.repeat.clear()
        self.vault_ready.emit(path)

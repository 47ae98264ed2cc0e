"""A coordinator creates the office's recovery key and prints its sheet (one page per share).

The key replaces any earlier one and is shown only once, here. Creating it wraps the
secret in a new key slot with Argon2id, which takes a moment: it runs off the GUI thread
(`ui.worker.Call`, which also holds a lock back until the key file is written) with a busy
bar in the dialog.

The key is shown in a label that cannot be selected, so it cannot be copied: no Ctrl+C, no
context menu, no drag. A clipboard guard would clear it after a while, but in between any
program, clipboard manager or synced clipboard history could read it, and the key is
meant to exist only on paper; printing the sheet is the one way out of the dialog. The PDF
is made in memory only when the person prints, and dropped at once. Closing the dialog
(or `clear()` at a lock) empties the label and drops every reference to the key the dialog
holds (Python strings cannot be overwritten in place; no copy is kept anywhere else).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legalaid.documents.letterhead import office_letterhead
from legalaid.documents.recovery_key_sheet import recovery_key_sheet_pdf
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import N_, _, current_language
from legalaid.services import accounts
from legalaid.services.workspace import Workspace
from ui.choices import select_data
from ui.field_rows import FieldRows
from ui.messages import error_text
from ui.pdf_pages import DOCUMENT_LANGUAGES, print_pdf
from ui.worker import Call

MAX_SHARES = 9
KEY_FONT_SCALE = 1.35

INTRO = N_(
    "A recovery key resets a coordinator's passphrase when it is forgotten ('legalaid "
    "recover --user LOGIN'). A new key replaces any earlier one: the earlier key, or its "
    "shares, stop working at once. The new key is shown only once, here: print its sheet "
    "before you close this window."
)
WHOLE = N_("One whole key, kept by one trustee.")
SPLIT = N_(
    "The key is split into {count} shares, one for each trustee; any {threshold} of them "
    "together reset a passphrase, fewer open nothing."
)
WORKING = N_("Protecting the new recovery key…")
CREATED = N_(
    "The new recovery key is below; the earlier one no longer works. It is shown only now "
    "and cannot be copied: print the sheet (one page for each trustee) before you close "
    "this window."
)
PRINTED = N_("The sheet was sent to the printer.")
NOT_PRINTED = N_("The printer could not be used; check it and print again.")


class RecoveryKeyDialog(QDialog):
    """Choose shares and threshold, create the key, print the sheet; open with open()."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self._keys: list[str] = []
        self._threshold = 1
        self._created_on: dt.date | None = None
        self._call: Call | None = None
        self._discard = False  # cleared while the key was being made: never shown
        self._state = ""  # the msgid shown under the form, retranslated
        self.print_dialog: QPrintDialog | None = None

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.shares = QSpinBox()
        self.shares.setRange(1, MAX_SHARES)
        self.threshold = QSpinBox()
        self.threshold.setRange(1, 1)
        self.threshold.setEnabled(False)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.rows = FieldRows(
            {"shares": self.shares, "threshold": self.threshold},
            {"threshold": [self.explanation]},
        )
        self.create_button = QPushButton()
        self.create_button.setDefault(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no steps: it only says "working"
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        create_row = QHBoxLayout()
        create_row.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        create_row.addWidget(self.busy_bar, 1)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)

        self.key_text = QLabel()
        self.key_text.setTextFormat(Qt.TextFormat.PlainText)
        # Not selectable, so not copyable (see the module's docstring).
        self.key_text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.key_text.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.key_text.setFrameShape(QFrame.Shape.StyledPanel)
        self.key_text.setMargin(8)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * KEY_FONT_SCALE)
        font.setBold(True)
        self.key_text.setFont(font)
        self.key_text.hide()
        self.language = QComboBox()
        for code, name in DOCUMENT_LANGUAGES.items():
            self.language.addItem(name, code)
        select_data(self.language, current_language())
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.print_button = QPushButton()
        self.print_button.setAutoDefault(True)
        print_row = QHBoxLayout()
        print_row.addWidget(self.language_label)
        print_row.addWidget(self.language)
        print_row.addStretch(1)
        print_row.addWidget(self.print_button)
        self.print_area = QWidget()
        self.print_area.setLayout(print_row)
        print_row.setContentsMargins(0, 0, 0, 0)
        self.print_area.hide()
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.rows.layout)
        layout.addLayout(create_row)
        layout.addWidget(self.message)
        layout.addWidget(self.state)
        layout.addWidget(self.key_text)
        layout.addWidget(self.print_area)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.setMinimumWidth(560)

        self.shares.valueChanged.connect(self._shares_changed)
        self.threshold.valueChanged.connect(self._describe)
        self.create_button.clicked.connect(self.create_key)
        self.print_button.clicked.connect(self.print_sheet)
        self.close_button.clicked.connect(self.reject)
        self.finished.connect(self._wipe)
        self.retranslate_ui()

    # --- language ---------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Create a recovery key"))
        self.intro.setText(_(INTRO))
        self.rows.set_labels(
            {
                "shares": _("Number of &shares"),
                "threshold": _("Shares &needed to reset a passphrase"),
            }
        )
        self.create_button.setText(_("&Create the key"))
        self.busy_bar.setAccessibleName(_(WORKING))
        self.key_text.setAccessibleName(_("Recovery key"))
        self.language_label.setText(_("&Language of the sheet"))
        self.print_button.setText(_("&Print the sheet…"))
        self.close_button.setText(_("Cl&ose"))
        self._describe()
        self.state.setText(_(self._state) if self._state else "")
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- the form ---------------------------------------------------------------------------
    def _shares_changed(self, shares: int) -> None:
        """One share: a whole key (threshold 1, fixed). More: at least 2 must be needed
        (the core refuses a share that opens the vault alone), at most all of them."""
        if shares == 1:
            self.threshold.setRange(1, 1)
            self.threshold.setEnabled(False)
        else:
            self.threshold.setRange(2, shares)
            self.threshold.setEnabled(not self.busy and not self._keys)
        self._describe()

    def _describe(self) -> None:
        shares, threshold = self.shares.value(), self.threshold.value()
        self.explanation.setText(
            _(WHOLE) if shares == 1 else _(SPLIT).format(count=shares, threshold=threshold)
        )
        self._fit()

    def _fit(self) -> None:
        """Grow to what the dialog shows (a longer explanation, a translation, the key):
        wrapped labels need more height at the same width, which layouts do not ask for."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    @property
    def busy(self) -> bool:
        return self._call is not None

    def _set_state(self, msgid: str) -> None:
        self._state = msgid
        self.state.setText(_(msgid) if msgid else "")

    def _enable_form(self, enabled: bool) -> None:
        self.shares.setEnabled(enabled)
        self.threshold.setEnabled(enabled and self.shares.value() > 1)
        self.create_button.setEnabled(enabled)

    def create_key(self) -> None:
        """Create the key off the GUI thread (Argon2id); the earlier key stops working."""
        if self.busy or self._keys:
            return
        self.rows.clear_errors()
        self.message.clear()
        ws, shares, threshold = self.ws, self.shares.value(), self.threshold.value()
        self._threshold = threshold
        self._enable_form(False)
        self.close_button.setEnabled(False)
        self.busy_bar.show()
        self._set_state(WORKING)
        self._discard = False
        self._call = Call(lambda: accounts.create_recovery_key(ws, shares, threshold), self)
        self._call.done.connect(self._created)
        self._call.failed.connect(self._failed)
        self._call.start()

    def _stop(self) -> None:
        self._call = None
        self.busy_bar.hide()
        self.close_button.setEnabled(True)

    def _created(self, keys: list[str]) -> None:
        self._stop()
        if self._discard:
            keys.clear()
            return
        self._keys = keys
        self._created_on = dt.date.today()
        self._set_state(CREATED)
        self.create_button.hide()
        if len(keys) == 1:
            self.key_text.setText(keys[0])
        else:
            width = len(str(len(keys)))
            self.key_text.setText(
                "\n".join(f"{number:>{width}}.  {key}" for number, key in enumerate(keys, start=1))
            )
        self.key_text.show()
        self.print_area.show()
        self._fit()
        self.print_button.setDefault(True)
        self.print_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        self._stop()
        self._set_state("")
        if self._discard:
            return
        self._enable_form(True)
        if isinstance(error, ValidationError) and self.rows.show_error(error.field, str(error)):
            return
        self.message.setText(error_text(error))

    # --- printing ---------------------------------------------------------------------------
    def print_sheet(self) -> QPrintDialog | None:
        """Qt's print dialog (window-modal, never blocking); the sheet is made only when
        the person prints."""
        if not self._keys:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.print_dialog = dialog
        dialog.show()  # like open(): never blocks (its typed open() wants a slot)
        return dialog

    def print_to(self, printer: QPrinter) -> int:
        """Make the sheet in memory in the chosen language and draw it onto `printer`;
        returns the number of pages (0 when there is nothing to print)."""
        if not self._keys or not self.ws.vault.is_unlocked:
            return 0
        language = str(self.language.currentData())
        actor = self.ws.actor
        try:
            data = recovery_key_sheet_pdf(
                language,
                office_letterhead(self.ws, None, language),
                list(self._keys),
                self._threshold,
                self.ws.vault.vault_id,
                self._created_on or dt.date.today(),
                f"{actor.display_name} ({actor.login})",
            )
        except LegalAidError as error:
            self.message.setText(error_text(error))
            return 0
        try:
            pages = print_pdf(data, printer)
        finally:
            del data  # the sheet holds the key: no reference outlives the print
        if not pages:
            self.message.setText(_(NOT_PRINTED))
            return 0
        self.message.clear()
        self._set_state(PRINTED)
        return pages

    # --- closing ----------------------------------------------------------------------------
    def reject(self) -> None:
        if not self.busy:  # the key slot is being written; its result must find the dialog
            super().reject()

    def clear(self) -> None:
        """At a lock: the key leaves the screen and the dialog, which closes."""
        if self.print_dialog is not None:
            self.print_dialog.reject()
            self.print_dialog = None
        if self.busy:
            self._discard = True  # the result is wiped when it arrives, never shown
        self._wipe()
        super().reject()

    def _wipe(self) -> None:
        self.key_text.clear()
        self.key_text.hide()
        self.print_area.hide()
        self._keys.clear()  # the very list the service returned: its strings are dropped
        self._keys = []
        self._set_state("")

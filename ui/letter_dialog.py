"""A referral's letter on screen: the preview before it is issued, then the letter as issued
(its register number), printed through the system's print dialog or saved as a PDF where
the person chooses. Shown from memory: pages drawn by PDFium from the bytes, no file
written anywhere but where the person saves it.

Before the letter is issued the language can be changed (default: the organisation's
preferred language) and the placeholders without a value are named, so that the paralegal
fills them in the referral first. Issuing happens only on the button ("Issue the letter"):
it takes the next number of the register.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from legalaid.documents.letter_templates import PLACEHOLDERS
from legalaid.errors import LegalAidError
from legalaid.i18n import _
from legalaid.services import letters, referrals
from legalaid.services.letters import IssuedLetter
from legalaid.services.referrals import ReferralInfo
from legalaid.services.workspace import Workspace
from legalaid.storage.atomic import write_atomic
from ui.choices import select_data
from ui.messages import error_text
from ui.pdf_pages import DOCUMENT_LANGUAGES, page_count, print_pdf, render_page

PREVIEW_SCALE = 1.3  # pixels per point: an A4 page about 770 px wide


def choose_pdf_file(parent: QWidget, suggested: str) -> Path | None:
    """Where to save the letter (Qt's dialog), behind a seam the tests replace."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the letter as PDF"), suggested, "*.pdf"
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


class LetterDialog(QDialog):
    issued = Signal(object)  # the IssuedLetter, when a number was given here

    def __init__(
        self, ws: Workspace, referral: ReferralInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws, self.referral = ws, referral
        self.pdf = b""
        self.letter: IssuedLetter | None = None
        self.language = QComboBox()
        for code, name in DOCUMENT_LANGUAGES.items():
            self.language.addItem(name, code)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.missing = QLabel()
        self.missing.setObjectName("warning")
        self.missing.setWordWrap(True)
        self.missing.hide()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.pages = QVBoxLayout()
        pages = QWidget()
        pages.setLayout(self.pages)
        pages.setObjectName("pages")
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(pages)
        self.issue_button = QPushButton()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        top.addWidget(self.state, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.issue_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.missing)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self.resize(900, 720)
        self.print_dialog: QPrintDialog | None = None
        self.language.currentIndexChanged.connect(self.show_letter)
        self.issue_button.clicked.connect(self.issue)
        self.print_button.clicked.connect(self.print_letter)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.close)
        current = referral.current_letter
        self.language.blockSignals(True)  # drawn once, below
        select_data(self.language, current.language if current else referral.letter_language)
        self.language.blockSignals(False)
        self.retranslate_ui()
        self.show_letter()

    # --- showing ---------------------------------------------------------------------------
    def show_letter(self) -> None:
        """The letter in force if there is one, else a preview in the chosen language."""
        self.message.hide()
        self.missing.hide()
        current = self.referral.current_letter
        try:
            if current is not None:
                self.letter = letters.letter_pdf(self.ws, current.id)
                self.pdf = self.letter.pdf
            else:
                preview = letters.preview_letter(
                    self.ws, self.referral.id, self.language.currentData()
                )
                self.pdf = preview.pdf
                self._show_missing(preview.missing)
        except LegalAidError as error:
            self.pdf = b""
            self._show_message(error_text(error))
        self._draw_pages()
        self._describe()

    def _show_missing(self, names: tuple[str, ...]) -> None:
        if not names:
            return
        described = "; ".join(_(PLACEHOLDERS[name]) for name in names if name in PLACEHOLDERS)
        self.missing.setText(
            _("Not filled in, so left out of the letter: {what}.").format(what=described)
        )
        self.missing.show()

    def _draw_pages(self) -> None:
        while self.pages.count():
            item = self.pages.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # gone from the screen now, deleted when Qt gets to it
                widget.deleteLater()
        if not self.pdf:
            return
        for index in range(page_count(self.pdf)):
            image = render_page(self.pdf, index, PREVIEW_SCALE)
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setAccessibleName(_("Page {page}").format(page=index + 1))
            self.pages.addWidget(label)

    def _describe(self) -> None:
        issued = self.letter is not None and self.referral.current_letter is not None
        self.language.setEnabled(not issued)
        self.issue_button.setVisible(not issued)
        self.issue_button.setEnabled(bool(self.pdf))
        # Only an issued letter leaves the app: a preview has no number in the register.
        self.print_button.setEnabled(issued and bool(self.pdf))
        self.save_button.setEnabled(issued and bool(self.pdf))
        if issued and self.letter is not None:
            self.state.setText(
                _("Letter {number} of {date}, as issued.").format(
                    number=self.letter.number, date=self.letter.issued_on.strftime("%d.%m.%Y")
                )
            )
        else:
            self.state.setText(
                _("Preview: the letter gets its number from the register when it is issued.")
            )

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # --- acting ----------------------------------------------------------------------------
    def issue(self) -> None:
        try:
            letter = letters.issue_letter(self.ws, self.referral.id, self.language.currentData())
        except LegalAidError as error:
            self._show_message(error_text(error))
            return
        self.referral = referrals.get_referral(self.ws, self.referral.id)
        self.letter, self.pdf = letter, letter.pdf
        self.missing.hide()
        self._draw_pages()
        self._describe()
        self.issued.emit(letter)

    def print_letter(self) -> QPrintDialog:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        data = self.pdf
        dialog.accepted.connect(lambda: print_pdf(data, printer))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.print_dialog = dialog
        dialog.show()  # window-modal: the letter stays visible behind it
        return dialog

    def save_pdf(self) -> Path | None:
        suggested = (self.letter.number if self.letter else _("letter")).replace("/", "_") + ".pdf"
        path = choose_pdf_file(self, suggested)
        if path is None:
            return None
        try:
            write_atomic(path, self.pdf)
        except OSError as error:
            self._show_message(
                _("The file could not be written: {reason}").format(reason=error.strerror or error)
            )
            return None
        self.state.setText(_("Saved to {path}.").format(path=path))
        return path

    def clear(self) -> None:
        """At a lock: the letter (a client's name) leaves the screen."""
        self.pdf = b""
        self.letter = None
        self._draw_pages()
        self.close()

    # --- language --------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Referral letter"))
        self.language_label.setText(_("&Language of the letter"))
        self.issue_button.setText(_("&Issue the letter"))
        self.issue_button.setToolTip(_("Gives it the next number of the register"))
        self.print_button.setText(_("&Print…"))
        self.save_button.setText(_("&Save as PDF…"))
        self.close_button.setText(_("&Close"))
        self._describe()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

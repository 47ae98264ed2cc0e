"""Administration of referral letters: each office's letterhead (address, phone, email, logo,
who signs) and the wording of the letter in Kyrgyz, Russian and English.

What is typed stays on screen until it is saved: switching to another office or letter
language keeps the edits of the one left (they come back when it is chosen again) until
they are saved or the tab is closed. A value the core refuses is named at its field,
with the typed text kept. The preview fills the wording on screen (saved or not) with
invented details in the letter's language and draws page by page from memory; nothing is
issued, saved or audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legalaid.documents.letter_templates import (
    PLACEHOLDERS,
    LetterTemplate,
    TemplateError,
    check_template,
    official_date,
)
from legalaid.documents.pdf import Letterhead
from legalaid.documents.referral_letter import (
    NOT_ISSUED,
    LetterContent,
    render_referral_letter,
)
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import _, current_language, translate_in
from legalaid.services import letters, offices
from legalaid.services.offices import LetterheadInfo, LetterheadInput, OfficeInfo
from legalaid.services.permissions import Permission, allowed
from legalaid.services.workspace import Workspace
from ui.choices import select_data
from ui.field_rows import FieldRows
from ui.messages import error_text
from ui.pdf_pages import DOCUMENT_LANGUAGES, page_count, render_page

PREVIEW_SCALE = 1.3  # pixels per point: an A4 page about 770 px wide
LOGO_PREVIEW_SIZE = 64  # pixels, the longer side
LETTERHEAD_FIELDS = tuple(f.name for f in fields(LetterheadInput))

# Invented details for the preview, in each letter language (a fictional client and case;
# the office's own name, address, phone and signatory are used when they are filled in).
SAMPLES: dict[str, dict[str, str]] = {
    "ky": {
        "client_name": "Асанова Айгүл Бакытовна",
        "client_address": "Ош ш., Курманжан Датка көчөсү, 25-үй, 4-батир",
        "client_phone": "+996 555 123 456",
        "category": "Алимент",
        "subject_matter": "балдарды багууга алимент өндүрүү",
        "facts": "Арыз ээси эки жашы жете элек баласын жалгыз багып жатат. Мурдагы жубайы "
        "2025-жылдын март айынан бери алимент төлөбөй келет; сот буйругу аткарыла элек.",
        "request": "Сот буйругунун аткарылышын текшерип, алимент боюнча карызды өндүрүү үчүн "
        "чара көрүүнү.",
        "reason": "Маселе сот актыларын аткаруу органынын ыйгарым укугуна кирет.",
        "legal_basis": "Кыргыз Республикасынын Үй-бүлө кодексинин алимент милдеттенмелери "
        "жөнүндөгү ченемдери.",
        "eligibility": "Мамлекет кепилдеген юридикалык жардамга укугу бар; алып келүүчү "
        "документтер: паспорт, үй-бүлөнүн курамы жөнүндө маалымкат",
        "recipient_name": "Ош шаары боюнча сот аткаруучулар кызматы",
        "recipient_head": "Кызматтын башчысы Т. А. Токтогуловго",
        "recipient_address": "Ош ш., Масалиев көчөсү, 100",
        "office_address": "Ош ш., Ленин көчөсү, 1",
        "signatory_name": "Б. К. Усенова",
        "signatory_position": "Директор",
        "enclosure_1": "Арыздын көчүрмөсү – 1 барак",
        "enclosure_2": "Сот буйругунун көчүрмөсү – 2 барак",
    },
    "ru": {
        "client_name": "Асанова Айгуль Бакытовна",
        "client_address": "г. Ош, ул. Курманжан Датки, д. 25, кв. 4",
        "client_phone": "+996 555 123 456",
        "category": "Алименты",
        "subject_matter": "взыскание алиментов на содержание детей",
        "facts": "Заявительница одна воспитывает двоих несовершеннолетних детей. Бывший супруг "
        "с марта 2025 года не уплачивает алименты; судебный приказ не исполнен.",
        "request": "проверить исполнение судебного приказа и принять меры к взысканию "
        "задолженности по алиментам.",
        "reason": "Вопрос относится к компетенции службы судебных исполнителей.",
        "legal_basis": "Нормы Семейного кодекса Кыргызской Республики об алиментных "
        "обязательствах.",
        "eligibility": "Имеет право на гарантированную государством юридическую помощь; "
        "документы: паспорт, справка о составе семьи",
        "recipient_name": "Служба судебных исполнителей по г. Ош",
        "recipient_head": "Начальнику службы Т. А. Токтогулову",
        "recipient_address": "г. Ош, ул. Масалиева, 100",
        "office_address": "г. Ош, ул. Ленина, 1",
        "signatory_name": "Б. К. Усенова",
        "signatory_position": "Директор",
        "enclosure_1": "Копия заявления – на 1 л.",
        "enclosure_2": "Копия судебного приказа – на 2 л.",
    },
    "en": {
        "client_name": "Asanova Aigul Bakytovna",
        "client_address": "25 Kurmanjan Datka St, apt 4, Osh",
        "client_phone": "+996 555 123 456",
        "category": "Child support",
        "subject_matter": "the recovery of child support",
        "facts": "The applicant is raising two minor children alone. Her former husband has "
        "not paid child support since March 2025; the court order has not been enforced.",
        "request": "Please check the enforcement of the court order and take measures to "
        "recover the arrears of child support.",
        "reason": "The matter falls within the competence of the enforcement service.",
        "legal_basis": "The provisions of the Family Code of the Kyrgyz Republic on "
        "maintenance obligations.",
        "eligibility": "Eligible for state-guaranteed legal aid; documents to bring: passport, "
        "certificate of family composition",
        "recipient_name": "Court Enforcement Service, Osh city",
        "recipient_head": "To the Head of the Service, T. A. Toktogulov",
        "recipient_address": "100 Masaliev St, Osh",
        "office_address": "1 Lenin St, Osh",
        "signatory_name": "B. K. Usenova",
        "signatory_position": "Director",
        "enclosure_1": "Copy of the application – 1 page",
        "enclosure_2": "Copy of the court order – 2 pages",
    },
}
SAMPLE_OFFICE_PHONE = "+996 3222 5 55 55"


def choose_logo_file(parent: QWidget) -> Path | None:
    """The logo to put on the letterhead (Qt's dialog), behind a seam the tests replace."""
    images = _("Images") + " (*.png *.jpg *.jpeg)"
    name, _filter = QFileDialog.getOpenFileName(parent, _("Choose a logo"), "", images)
    return Path(name) if name else None


def sample_letter(
    template: LetterTemplate,
    office: OfficeInfo,
    head: LetterheadInfo,
    logo: bytes | None,
    today: dt.date | None = None,
) -> LetterContent:
    """A letter with `template`'s wording, the office's letterhead and invented details in
    the template's language: what the preview shows."""
    language = template.language
    sample = SAMPLES[language]
    today = today or dt.date.today()
    name = {"ky": office.name_ky, "ru": office.name_ru}.get(language, office.name_en)
    signatory = head.signatory_name or sample["signatory_name"]
    position = head.signatory_title_in(language) or sample["signatory_position"]
    values = {
        "client_name": sample["client_name"],
        "client_contact": f"{sample['client_phone']}; {sample['client_address']}",
        "client_address": sample["client_address"],
        "case_number": f"{office.code}-{today.year}-00042",
        "category": sample["category"],
        "subject_matter": sample["subject_matter"],
        "facts": sample["facts"],
        "request": sample["request"],
        "reason": sample["reason"],
        "legal_basis": sample["legal_basis"],
        "due_date": official_date(today + dt.timedelta(days=30), language),
        "letter_number": translate_in(language, NOT_ISSUED),
        "letter_date": official_date(today, language),
        "consent_date": official_date(today - dt.timedelta(days=2), language),
        "recipient_name": sample["recipient_name"],
        "recipient_head": sample["recipient_head"],
        "office_name": name,
        "office_address": head.address_in(language) or sample["office_address"],
        "office_phone": head.phone or SAMPLE_OFFICE_PHONE,
        "signatory_name": signatory,
        "signatory_position": position,
        "eligibility": sample["eligibility"],
    }
    return LetterContent(
        language=language,
        letterhead=Letterhead(name, head.lines(language), logo),
        template=template,
        values=values,
        number=None,
        issued_on=today,
        recipient_lines=(
            sample["recipient_head"],
            sample["recipient_name"],
            sample["recipient_address"],
        ),
        signatory_name=signatory,
        signatory_position=position,
        enclosures=(sample["enclosure_1"], sample["enclosure_2"]),
    )


class LetterPreviewDialog(QDialog):
    """The sample letter's pages drawn from memory (nothing written to disk)."""

    def __init__(self, pdf: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.images: list[QImage] = [
            render_page(pdf, index, PREVIEW_SCALE) for index in range(page_count(pdf))
        ]
        self.note = QLabel()
        self.note.setWordWrap(True)
        pages = QWidget()
        pages.setObjectName("pages")
        column = QVBoxLayout(pages)
        self.page_labels: list[QLabel] = []
        for image in self.images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
            self.page_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(pages)
        self.buttons = QDialogButtonBox()
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(880, 760)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Sample referral letter"))
        self.note.setText(
            _(
                "The wording on screen, filled in with invented details (a fictional client "
                "and case). Nothing is saved or issued."
            )
        )
        self.close_button.setText(_("Close"))
        for index, label in enumerate(self.page_labels, start=1):
            label.setAccessibleName(_("Page {page}").format(page=index))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _line() -> QLineEdit:
    return QLineEdit()


def _message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.hide()
    return label


class LettersTab(QWidget):
    """The "Letters" tab of the Administration page."""

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.may_edit_letterhead = allowed(ws.actor.role, Permission.MANAGE_OFFICES)
        self.may_edit_wording = allowed(ws.actor.role, Permission.EDIT_LETTER_TEMPLATES)
        self.offices: list[OfficeInfo] = []
        self.office_code: str | None = None  # the office whose letterhead is on screen
        self.saved_letterhead: LetterheadInfo | None = None
        self.letterhead_drafts: dict[str, LetterheadInput] = {}
        self.logo: bytes | None = None
        self.wording_language: str | None = None  # the language whose wording is on screen
        self.saved_wording: letters.TemplateInfo | None = None
        self.wording_drafts: dict[str, tuple[str, str]] = {}
        self.preview_dialog: LetterPreviewDialog | None = None
        self.confirm_reset: QMessageBox | None = None

        # --- the letterhead ---------------------------------------------------------------
        self.letterhead_group = QGroupBox()
        self.office = QComboBox()
        self.letterhead_fields: dict[str, QLineEdit] = {name: _line() for name in LETTERHEAD_FIELDS}
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(LOGO_PREVIEW_SIZE + 8, LOGO_PREVIEW_SIZE + 8)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_preview.setWordWrap(True)  # "no logo" runs longer in Kyrgyz
        self.choose_logo_button = QPushButton()
        self.remove_logo_button = QPushButton()
        logo_box = QWidget()
        logo_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        logo_row = QHBoxLayout(logo_box)
        logo_row.setContentsMargins(0, 0, 0, 0)
        logo_row.addWidget(self.logo_preview)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        self.letterhead_rows = FieldRows(
            {"office": self.office, **self.letterhead_fields, "logo": logo_box}
        )
        self.save_letterhead_button = QPushButton()
        self.letterhead_message = _message_label()
        letterhead_column = QVBoxLayout(self.letterhead_group)
        letterhead_column.addLayout(self.letterhead_rows.layout)
        letterhead_column.addWidget(self.letterhead_message)
        letterhead_column.addLayout(_button_row([self.save_letterhead_button]))
        letterhead_column.addStretch(1)

        # --- the wording ------------------------------------------------------------------
        self.wording_group = QGroupBox()
        self.language = QComboBox()
        for code, name in DOCUMENT_LANGUAGES.items():
            self.language.addItem(name, code)
        select_data(self.language, current_language())
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(170)
        self.placeholders = QTreeWidget()
        self.placeholders.setColumnCount(2)
        self.placeholders.setHeaderHidden(True)
        self.placeholders.setRootIsDecorated(False)
        self.placeholders.setUniformRowHeights(True)
        self.placeholders.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.placeholders.setMinimumHeight(150)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for name in PLACEHOLDERS:
            item = QTreeWidgetItem(["{" + name + "}", ""])
            item.setData(0, Qt.ItemDataRole.UserRole, name)
            item.setFont(0, fixed)
            self.placeholders.addTopLevelItem(item)
        self.wording_rows = FieldRows(
            {
                "language": self.language,
                "subject": self.subject,
                "body": self.body,
                "placeholders": self.placeholders,
            }
        )
        self.note = QLabel()
        self.note.setObjectName("notice")
        self.note.setWordWrap(True)
        self.save_wording_button = QPushButton()
        self.reset_button = QPushButton()
        self.preview_button = QPushButton()
        self.wording_message = _message_label()
        wording_column = QVBoxLayout(self.wording_group)
        wording_column.addLayout(self.wording_rows.layout, 1)
        wording_column.addWidget(self.note)
        wording_column.addWidget(self.wording_message)
        wording_column.addLayout(
            _button_row([self.save_wording_button, self.reset_button, self.preview_button])
        )

        inner = QWidget()
        columns = QHBoxLayout(inner)
        columns.addWidget(self.letterhead_group, 4)
        columns.addWidget(self.wording_group, 6)
        scroll = QScrollArea()  # a small screen scrolls rather than squeezing the fields
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.office.currentIndexChanged.connect(self._office_chosen)
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self.save_letterhead_button.clicked.connect(self.save_letterhead)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.subject.textChanged.connect(self._describe_wording)
        self.body.textChanged.connect(self._describe_wording)
        self.placeholders.itemActivated.connect(self._insert_placeholder)
        self.save_wording_button.clicked.connect(self.save_wording)
        self.reset_button.clicked.connect(self.ask_reset)
        self.preview_button.clicked.connect(self.preview)

        self.letterhead_group.setEnabled(self.may_edit_letterhead)
        self.subject.setReadOnly(not self.may_edit_wording)
        self.body.setReadOnly(not self.may_edit_wording)
        self.save_wording_button.setVisible(self.may_edit_wording)
        self.reset_button.setVisible(self.may_edit_wording)
        self.retranslate_ui()
        self.refresh()

    # --- language -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.letterhead_group.setTitle(_("Letterhead"))
        self.wording_group.setTitle(_("Wording of referral letters"))
        self.letterhead_rows.set_labels(
            {
                "office": _("&Office"),
                "address_ky": _("Address in &Kyrgyz"),
                "address_ru": _("Address in R&ussian"),
                "address_en": _("Address in En&glish"),
                "phone": _("&Phone"),
                "email": _("E&mail"),
                "signatory_name": _("Signed b&y (name)"),
                "signatory_title_ky": _("Position in Kyrgy&z"),
                "signatory_title_ru": _("Position in Russia&n"),
                "signatory_title_en": _("Position in Engl&ish"),
                "logo": _("Logo"),
            }
        )
        self.letterhead_fields["signatory_name"].setToolTip(
            _("The person who signs the office's letters; their position in each language below.")
        )
        self.choose_logo_button.setText(_("&Choose a logo…"))
        self.choose_logo_button.setToolTip(
            _("A PNG or JPEG image of at most 512 KiB, printed at the left of the letterhead")
        )
        self.remove_logo_button.setText(_("Remove &the logo"))
        self.save_letterhead_button.setText(_("&Save the letterhead"))
        self.wording_rows.set_labels(
            {
                "language": _("Letter l&anguage"),
                "subject": _("Sub&ject"),
                "body": _("Te&xt of the letter"),
                "placeholders": _("Placehol&ders"),
            }
        )
        self.placeholders.setToolTip(
            _("Double-click a placeholder, or press Enter, to put it in the text at the cursor.")
        )
        for index in range(self.placeholders.topLevelItemCount()):
            item = self.placeholders.topLevelItem(index)
            if item is None:
                continue
            name = item.data(0, Qt.ItemDataRole.UserRole)
            description = _(PLACEHOLDERS[name])
            item.setText(1, description)
            item.setToolTip(1, description)
        self.placeholders.resizeColumnToContents(0)
        self.save_wording_button.setText(_("Save the &wording"))
        self.reset_button.setText(_("&Back to the shipped wording"))
        self.preview_button.setText(_("Pre&view"))
        self.preview_button.setToolTip(
            _("The wording on screen, saved or not, filled in with invented details")
        )
        for index, office in enumerate(self.offices):
            self.office.setItemText(index, _office_text(office))
        self._show_logo()
        self._describe_wording()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the offices and what is saved; edits not saved yet stay on screen."""
        if not self.ws.vault.is_unlocked:
            self.clear()
            return
        self._stash_letterhead()
        self._stash_wording()
        self.offices = offices.list_offices(self.ws)
        wanted = self.office_code or self.ws.actor.office_code
        self.office.blockSignals(True)
        self.office.clear()
        for office in self.offices:
            self.office.addItem(_office_text(office), office.code)
        select_data(self.office, wanted)
        self.office.blockSignals(False)
        self._load_letterhead()
        self._load_wording()

    def clear(self) -> None:
        """Drop everything typed and shown (at a lock, or when the tab goes)."""
        for dialog in (self.preview_dialog, self.confirm_reset):
            if dialog is not None:
                dialog.close()
        self.preview_dialog = self.confirm_reset = None
        self.letterhead_drafts.clear()
        self.wording_drafts.clear()
        self.office_code = self.wording_language = None
        self.saved_letterhead = self.saved_wording = None
        self.logo = None
        for field in self.letterhead_fields.values():
            field.clear()
        self.subject.clear()
        self.body.clear()
        self.letterhead_rows.clear_errors()
        self.wording_rows.clear_errors()
        self._show_logo()

    # --- the letterhead -------------------------------------------------------------------
    def typed_letterhead(self) -> LetterheadInput:
        return LetterheadInput(
            **{name: field.text() for name, field in self.letterhead_fields.items()}
        )

    def _stash_letterhead(self) -> None:
        """Keep the shown office's edits (if any) for when it is chosen again."""
        if self.office_code is None or self.saved_letterhead is None:
            return
        typed = self.typed_letterhead()
        if typed != self.saved_letterhead.as_input():
            self.letterhead_drafts[self.office_code] = typed
        else:
            self.letterhead_drafts.pop(self.office_code, None)

    def _office_chosen(self) -> None:
        self._stash_letterhead()
        self._load_letterhead()

    def _load_letterhead(self) -> None:
        code = self.office.currentData()
        self.letterhead_rows.clear_errors()
        self.letterhead_message.hide()
        if code is None:
            return
        try:
            self.saved_letterhead = offices.letterhead(self.ws, code)
            self.logo = offices.office_logo(self.ws, code)
        except LegalAidError as error:
            self._letterhead_report(error_text(error), error=True)
            return
        self.office_code = code
        shown = self.letterhead_drafts.get(code, self.saved_letterhead.as_input())
        for name, field in self.letterhead_fields.items():
            field.setText(getattr(shown, name))
            field.setCursorPosition(0)
        self._show_logo()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo and pixmap.loadFromData(self.logo):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    LOGO_PREVIEW_SIZE,
                    LOGO_PREVIEW_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.logo_preview.setAccessibleName(_("The office's logo"))
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(_("no logo"))
            self.logo_preview.setAccessibleName(_("no logo"))
        self.remove_logo_button.setEnabled(bool(self.logo))

    def _letterhead_report(self, text: str, error: bool = False) -> None:
        self.letterhead_message.setObjectName("error" if error else "notice")
        self.letterhead_message.style().unpolish(self.letterhead_message)
        self.letterhead_message.style().polish(self.letterhead_message)
        self.letterhead_message.setText(text)
        self.letterhead_message.show()

    def _letterhead_failed(self, error: LegalAidError) -> None:
        if isinstance(error, ValidationError) and self.letterhead_rows.show_error(
            error.field, str(error)
        ):
            self.letterhead_message.hide()
        else:
            self._letterhead_report(error_text(error), error=True)

    def _office_name(self) -> str:
        return next((o.name for o in self.offices if o.code == self.office_code), "")

    def save_letterhead(self) -> None:
        if self.office_code is None:
            return
        self.letterhead_rows.clear_errors()
        self.letterhead_message.hide()
        try:
            saved = offices.set_letterhead(self.ws, self.office_code, self.typed_letterhead())
        except LegalAidError as error:
            self._letterhead_failed(error)
            return
        self.letterhead_drafts.pop(self.office_code, None)
        self.saved_letterhead = saved
        for name, field in self.letterhead_fields.items():
            if field.text() != getattr(saved, name):  # spaces tidied by the core
                field.setText(getattr(saved, name))
        self._letterhead_report(
            _("The letterhead of {office} was saved.").format(office=self._office_name())
        )

    def choose_logo(self) -> None:
        if self.office_code is None:
            return
        path = choose_logo_file(self)
        if path is None:
            return
        self.letterhead_rows.clear_errors()
        self.letterhead_message.hide()
        try:
            too_large = offices.logo_size_problem(path.stat().st_size)
            if too_large is not None:
                raise too_large
            data = path.read_bytes()
        except OSError as error:
            self.letterhead_rows.show_error(
                "logo",
                _("The file could not be read: {reason}").format(reason=error.strerror or error),
            )
            return
        except ValidationError as error:
            self._letterhead_failed(error)
            return
        self._set_logo(data)

    def remove_logo(self) -> None:
        if self.office_code is not None and self.logo:
            self.letterhead_rows.clear_errors()
            self._set_logo(None)

    def _set_logo(self, data: bytes | None) -> None:
        assert self.office_code is not None
        try:
            saved = offices.set_logo(self.ws, self.office_code, data)
        except LegalAidError as error:
            self._letterhead_failed(error)
            return
        self.logo = data
        if self.saved_letterhead is not None:
            self.saved_letterhead = saved
        self._show_logo()
        self._letterhead_report(
            (
                _("The logo of {office} was saved.")
                if data
                else _("The logo of {office} was removed.")
            ).format(office=self._office_name())
        )

    # --- the wording ----------------------------------------------------------------------
    def typed_wording(self) -> tuple[str, str]:
        return self.subject.text(), self.body.toPlainText()

    def _saved_texts(self) -> tuple[str, str] | None:
        if self.saved_wording is None:
            return None
        template = self.saved_wording.template
        return template.subject, template.body

    def wording_edited(self) -> bool:
        saved = self._saved_texts()
        return saved is not None and self.typed_wording() != saved

    def _stash_wording(self) -> None:
        if self.wording_language is None or self.saved_wording is None:
            return
        if self.wording_edited():
            self.wording_drafts[self.wording_language] = self.typed_wording()
        else:
            self.wording_drafts.pop(self.wording_language, None)

    def _language_chosen(self) -> None:
        self._stash_wording()
        self._load_wording()

    def _load_wording(self) -> None:
        language = self.language.currentData()
        self.wording_rows.clear_errors()
        self.wording_message.hide()
        try:
            self.saved_wording = letters.letter_template(self.ws, language)
        except LegalAidError as error:
            self._wording_report(error_text(error), error=True)
            return
        self.wording_language = language
        subject, body = self.wording_drafts.get(language, self._saved_texts() or ("", ""))
        self._show_wording(subject, body)

    def _show_wording(self, subject: str, body: str) -> None:
        self.subject.setText(subject)
        self.subject.setCursorPosition(0)
        self.body.setPlainText(body)
        self._describe_wording()

    def _describe_wording(self) -> None:
        if self.saved_wording is None:
            self.note.clear()
            self.reset_button.setEnabled(False)
            return
        custom = self.saved_wording.custom
        text = (
            _("This is the wording a coordinator saved for this language.")
            if custom
            else _("This is the shipped wording for this language.")
        )
        edited = self.wording_edited()
        if edited:
            text += " " + _("Your changes are not saved yet.")
        self.note.setText(text)
        self.reset_button.setEnabled(self.may_edit_wording and (custom or edited))
        self.save_wording_button.setEnabled(self.may_edit_wording and edited)

    def _insert_placeholder(self, item: QTreeWidgetItem) -> None:
        if self.body.isReadOnly():
            return
        name = item.data(0, Qt.ItemDataRole.UserRole)
        self.body.textCursor().insertText("{" + name + "}")
        self.body.setFocus()

    def _wording_report(self, text: str, error: bool = False) -> None:
        self.wording_message.setObjectName("error" if error else "notice")
        self.wording_message.style().unpolish(self.wording_message)
        self.wording_message.style().polish(self.wording_message)
        self.wording_message.setText(text)
        self.wording_message.show()

    def _wording_failed(self, error: LegalAidError) -> None:
        if isinstance(error, ValidationError) and self.wording_rows.show_error(
            error.field, str(error)
        ):
            self.wording_message.hide()
        else:
            self._wording_report(error_text(error), error=True)

    def _language_name(self) -> str:
        return DOCUMENT_LANGUAGES.get(self.wording_language or "", "")

    def save_wording(self) -> None:
        if self.wording_language is None:
            return
        self.wording_rows.clear_errors()
        self.wording_message.hide()
        subject, body = self.typed_wording()
        try:
            saved = letters.save_letter_template(self.ws, self.wording_language, subject, body)
        except LegalAidError as error:
            self._wording_failed(error)
            return
        self.wording_drafts.pop(self.wording_language, None)
        self.saved_wording = saved
        if (saved.template.subject, saved.template.body) != (subject, body):
            self._show_wording(saved.template.subject, saved.template.body)  # trimmed
        self._describe_wording()
        self._wording_report(
            _("The wording of letters in {language} was saved.").format(
                language=self._language_name()
            )
        )

    def ask_reset(self) -> QMessageBox | None:
        """Ask first (without blocking): the saved wording and the edits would be lost."""
        if self.wording_language is None:
            return None
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Back to the shipped wording"))
        box.setText(
            _(
                "Replace the wording of letters in {language} with the shipped wording? "
                "The wording saved here and changes not saved yet are lost."
            ).format(language=self._language_name())
        )
        confirm = box.addButton(_("Replace the wording"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        language = self.wording_language
        box.buttonClicked.connect(
            lambda button: self.reset_wording(language) if button is confirm else None
        )
        if self.confirm_reset is not None:
            self.confirm_reset.deleteLater()
        self.confirm_reset = box
        box.open()
        return box

    def reset_wording(self, language: str) -> None:
        self.wording_rows.clear_errors()
        self.wording_message.hide()
        try:
            shipped = letters.reset_letter_template(self.ws, language)
        except LegalAidError as error:
            self._wording_report(error_text(error), error=True)
            return
        self.wording_drafts.pop(language, None)
        if language == self.wording_language:
            self.saved_wording = shipped
            self._show_wording(shipped.template.subject, shipped.template.body)
        self._wording_report(
            _("Letters in {language} use the shipped wording again.").format(
                language=DOCUMENT_LANGUAGES.get(language, language)
            )
        )

    def preview(self) -> LetterPreviewDialog | None:
        """A sample letter with the wording on screen, in a dialog (not modal)."""
        if self.wording_language is None:
            return None
        self.wording_rows.clear_errors()
        self.wording_message.hide()
        subject, body = (text.strip() for text in self.typed_wording())
        office = next((o for o in self.offices if o.code == self.office_code), None)
        try:
            check_template(subject, body)
            if office is None:  # no office at all: nothing to put on the letterhead
                return None
            head = offices.letterhead(self.ws, office.code)
            logo = offices.office_logo(self.ws, office.code)
            template = LetterTemplate(self.wording_language, subject, body)
            pdf = render_referral_letter(sample_letter(template, office, head, logo))
        except TemplateError as error:
            self._wording_failed(error)
            return None
        except LegalAidError as error:
            self._wording_report(error_text(error), error=True)
            return None
        if self.preview_dialog is not None:
            self.preview_dialog.close()
            self.preview_dialog.deleteLater()
        self.preview_dialog = LetterPreviewDialog(pdf, self)
        self.preview_dialog.open()
        return self.preview_dialog


def _office_text(office: OfficeInfo) -> str:
    return office.name + " (" + office.code + ")"


def _button_row(buttons: list[QPushButton]) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


__all__ = ["LetterPreviewDialog", "LettersTab", "choose_logo_file", "sample_letter"]

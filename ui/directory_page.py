"""The Directory: the organisations cases are referred to (courts, prosecutors, the
Ombudsperson, crisis centres, partner NGOs...), filtered by kind, region and name.

Everyone may read it (it holds no client data); coordinators add and edit entries in
`OrganisationDialog`. The shipped entries carry their source, and most a flag saying the
details are still to be checked with it: such rows are marked and the details pane says
so. The core validates; a refused value is shown at its field and everything typed stays.
`refresh()` reloads (keeping the selected row); `clear()` (at a lock) empties the page and
closes an open dialog.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain import reference
from legalaid.domain.enums import LabelledEnum, OrganisationType, Region
from legalaid.domain.referral_rules import FALLBACK_RESPONSE_DAYS
from legalaid.domain.referrals import NAME_MAX
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import N_, _, current_language, ngettext, sentence_case
from legalaid.services import directory
from legalaid.services.directory import OrganisationInfo, OrganisationInput
from legalaid.services.permissions import Permission, allowed
from legalaid.services.workspace import Workspace
from ui.admin_page import EnumCombo
from ui.choice_boxes import ChoiceBoxes
from ui.choices import narrow, select_data
from ui.field_rows import FieldRows
from ui.messages import error_text
from ui.pdf_pages import DOCUMENT_LANGUAGES
from ui.table_models import Index, InMemoryTableModel
from ui.timeline_view import table_view

E = TypeVar("E", bound=LabelledEnum)

ROW_ROLE = Qt.ItemDataRole.UserRole  # the row's OrganisationInfo
CODE_ROLE = Qt.ItemDataRole.UserRole  # a category's code in the checklist
INACTIVE_COLOUR = QColor("#80868f")
ALL_REGIONS = frozenset(region.value for region in Region)
# The text fields of OrganisationInput, in the order of the form.
TEXT_FIELDS = (
    "name_ky",
    "name_ru",
    "name_en",
    "address_ky",
    "address_ru",
    "address_en",
    "head_name",
    "head_title_ky",
    "head_title_ru",
    "head_title_en",
    "phone",
    "email",
)


# --- texts -------------------------------------------------------------------------------


def kind_text(kind: OrganisationType) -> str:
    return sentence_case(kind.label)


def region_text(code: str) -> str:
    return Region(code).label if code in ALL_REGIONS else code


def regions_text(codes: Sequence[str]) -> str:
    """The regions served; none listed (or every one) is the whole country."""
    if not codes or set(codes) >= ALL_REGIONS:
        return _("all regions")
    return ", ".join(region_text(code) for code in codes)


def categories_text(codes: Sequence[str]) -> str:
    if not codes:
        return _("all categories")
    return ", ".join(reference.category_label(code) for code in codes)


def in_language(texts: Mapping[str, str], language: str) -> str:
    """The text in `language`, else in another language it was written in."""
    return next((texts[lang] for lang in (language, "ru", "en", "ky") if texts.get(lang)), "")


def usual_days(kind: OrganisationType) -> int:
    return directory.kind_response_days().get(kind.value) or FALLBACK_RESPONSE_DAYS


def days_text(info: OrganisationInfo) -> str:
    if info.response_days:
        return _("Days to answer: {days}").format(days=info.response_days)
    return _("Days to answer: the usual period for its kind ({days})").format(
        days=usual_days(info.kind)
    )


def check_note() -> str:
    return _("The details of this entry are still to be checked with its source.")


def details_text(info: OrganisationInfo) -> str:
    """Everything known about the entry, one fact a line (empty facts left out)."""
    language = current_language()
    lines = [info.name]
    if not info.active:
        lines.append(_("No longer active: kept for the referrals that name it."))
    lines.append("")
    lines += [
        f"{DOCUMENT_LANGUAGES[lang]}: {info.names[lang]}"
        for lang in DOCUMENT_LANGUAGES
        if info.names.get(lang) and lang != language
    ]
    address = in_language(info.addresses, language)
    if address:
        lines.append(_("Address: {address}").format(address=address))
    head = ", ".join(
        part for part in (in_language(info.head_titles, language), info.head_name) if part
    )
    if head:
        lines.append(_("Head: {head}").format(head=head))
    if info.phone:
        lines.append(_("Phone: {phone}").format(phone=info.phone))
    if info.email:
        lines.append(_("Email: {email}").format(email=info.email))
    lines.append(_("Regions served: {regions}").format(regions=regions_text(info.regions)))
    lines.append(_("Categories: {categories}").format(categories=categories_text(info.categories)))
    lines.append(
        _("Letters in: {language}").format(
            language=DOCUMENT_LANGUAGES.get(info.letter_language, info.letter_language)
        )
    )
    lines.append(days_text(info))
    if info.source:
        lines.append(_("Source: {source}").format(source=info.source))
    if info.key is None:
        lines.append(_("Added here by a coordinator."))
    elif info.edited_locally:
        lines.append(_("Edited here: updates of the shipped directory leave this entry as it is."))
    return "\n".join(lines)


# --- combo boxes and the category checklist ----------------------------------------------


class ChoiceCombo(EnumCombo[E]):
    """An EnumCombo whose labels stand alone (sentence case); for a filter, a first item
    `any_text` (an N_ msgid) with None as its data. Item data stays across a language switch."""

    def __init__(self, kind: type[E], any_text: str | None = None) -> None:
        super().__init__(kind)
        self.any_text = any_text
        if any_text is not None:
            self.insertItem(0, "", None)
            self.setCurrentIndex(0)
        narrow(self)
        self.retranslate_ui()

    def chosen(self) -> E | None:
        data = self.currentData()
        return None if data is None else self.kind(data)

    def retranslate_ui(self) -> None:
        for index in range(self.count()):
            data = self.itemData(index)
            if data is None:
                self.setItemText(index, _(self.any_text) if self.any_text else "")
            else:
                self.setItemText(index, sentence_case(self.kind(data).label))


class CategoryChecklist(QTreeWidget):
    """The complaint categories, each with its subcategories indented under it; Space
    ticks the current one. A subcategory ticked opens its category."""

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self.setMinimumHeight(190)
        self.items: dict[str, QTreeWidgetItem] = {}
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
        for code, category in reference.categories().items():
            top = QTreeWidgetItem(self)
            self._add(top, code, flags | Qt.ItemFlag.ItemIsSelectable)
            for sub in category.subcategories:
                self._add(QTreeWidgetItem(top), sub.code, flags | Qt.ItemFlag.ItemIsSelectable)
        self.retranslate_ui()

    def _add(self, item: QTreeWidgetItem, code: str, flags: Qt.ItemFlag) -> None:
        item.setData(0, CODE_ROLE, code)
        item.setFlags(flags)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        self.items[code] = item

    def retranslate_ui(self) -> None:
        for code, item in self.items.items():
            item.setText(0, reference.category_label(code))

    def chosen(self) -> tuple[str, ...]:
        return tuple(
            code for code, item in self.items.items() if item.checkState(0) == Qt.CheckState.Checked
        )

    def set_chosen(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for code, item in self.items.items():
            ticked = code in wanted
            item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            parent = item.parent()
            if ticked and parent is not None:
                parent.setExpanded(True)


# --- the table ---------------------------------------------------------------------------


class OrganisationModel(InMemoryTableModel):
    """The directory as listed (a few hundred entries at most), in the current language."""

    NAME, KIND, REGIONS, CATEGORIES, LETTERS, PHONE = range(6)
    HEADERS = (
        N_("Organisation"),
        N_("Kind"),
        N_("Regions served"),
        N_("Categories"),
        N_("Letters in"),
        N_("Phone"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._check_icon: QIcon | None = None

    def organisation_at(self, row: int) -> OrganisationInfo | None:
        found = self.row_at(row)
        return found if isinstance(found, OrganisationInfo) else None

    def row_of(self, organisation_id: int) -> int:
        return next((i for i, o in enumerate(self._rows) if o.id == organisation_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        info = self.organisation_at(index.row()) if index.isValid() else None
        if info is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(info, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(info, column)
        if role == Qt.ItemDataRole.ForegroundRole and not info.active:
            return QBrush(INACTIVE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and not info.active:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME and info.verify:
            return self._icon()
        if role == ROW_ROLE:
            return info
        return None

    def _display(self, info: OrganisationInfo, column: int) -> str:
        if column == self.NAME:
            return info.name
        if column == self.KIND:
            return kind_text(info.kind)
        if column == self.REGIONS:
            return regions_text(info.regions)
        if column == self.CATEGORIES:
            return categories_text(info.categories)
        if column == self.LETTERS:
            return DOCUMENT_LANGUAGES.get(info.letter_language, info.letter_language)
        return info.phone

    def _tooltip(self, info: OrganisationInfo, column: int) -> str:
        lines = [self._display(info, column)]
        if not info.active:
            lines.append(_("No longer active: kept for the referrals that name it."))
        if info.verify:
            lines.append(check_note())
        return "\n".join(line for line in lines if line)

    def _icon(self) -> QIcon:
        if self._check_icon is None:
            style = QApplication.style()
            self._check_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion)
        return self._check_icon


# --- the form ----------------------------------------------------------------------------


class OrganisationDialog(QDialog):
    """Add an organisation (`organisation` None) or edit one. Opened with open(); Save
    calls the core: a refusal appears at its field with everything typed kept, success
    emits `saved(OrganisationInfo)` and closes the dialog."""

    saved = Signal(object)  # OrganisationInfo

    def __init__(
        self,
        ws: Workspace,
        organisation: OrganisationInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.organisation = organisation
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = narrow(ChoiceCombo(OrganisationType), 16)
        self.texts: dict[str, QLineEdit] = {}
        for name in TEXT_FIELDS:
            field = QLineEdit()
            field.setMaxLength(NAME_MAX)
            self.texts[name] = field
        self.regions: ChoiceBoxes[Region] = ChoiceBoxes(list(Region), columns=2)
        first_region = next(iter(self.regions.boxes.values()))
        self.regions.setFocusProxy(first_region)  # Alt+letter and a refusal land on a box
        self.regions_hint = QLabel()
        self.regions_hint.setWordWrap(True)
        self.categories = CategoryChecklist()
        self.categories_hint = QLabel()
        self.categories_hint.setWordWrap(True)
        self.letter_language = QComboBox()
        for code, name in DOCUMENT_LANGUAGES.items():
            self.letter_language.addItem(name, code)
        self.response_days = QSpinBox()
        self.response_days.setRange(0, 365)  # 0 shows the special text: the usual period
        self.active = QCheckBox()
        self.verify = QCheckBox()  # details still to be checked with the source
        fields: dict[str, QWidget] = {"kind": self.kind}
        fields.update(self.texts)
        fields.update(
            {
                "regions": self.regions,
                "categories": self.categories,
                "letter_language": self.letter_language,
                "response_days": self.response_days,
                "active": self.active,
                "verify": self.verify,
            }
        )
        self.rows = FieldRows(
            fields,
            extras={"regions": [self.regions_hint], "categories": [self.categories_hint]},
        )
        self.errors = self.rows.errors
        form = QWidget()
        form_column = QVBoxLayout(form)
        form_column.addWidget(self.intro)
        form_column.addLayout(self.rows.layout)
        self.scroll_area = QScrollArea()  # the whole form does not fit on a 1366x768 screen
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        # Only up and down: the form takes the dialog's width (long Kyrgyz names and the
        # source note wrap instead of pushing the fields out of sight).
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(form)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        # Our own button: the box resets a standard button's text on a language switch.
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(self._show_usual_days)
        self._fill(organisation.as_input() if organisation else None)
        self.resize(780, 640)
        self.retranslate_ui()
        self.kind.setFocus()

    def _fill(self, data: OrganisationInput | None) -> None:
        if data is None:
            self.active.setChecked(True)
            select_data(self.letter_language, OrganisationInput.letter_language)
            return
        select_data(self.kind, data.kind)
        for name, field in self.texts.items():
            field.setText(getattr(data, name))
        self.regions.set_chosen(Region(code) for code in data.regions if code in ALL_REGIONS)
        self.categories.set_chosen(data.categories)
        select_data(self.letter_language, data.letter_language)
        self.response_days.setValue(data.response_days or 0)
        self.active.setChecked(data.active)
        self.verify.setChecked(data.verify)

    # --- language ------------------------------------------------------------------------
    def labels(self) -> dict[str, str]:
        return {
            "kind": _("&Kind"),
            "name_ky": _("&Name in Kyrgyz"),
            "name_ru": _("Name in Russian"),
            "name_en": _("Name in English"),
            "address_ky": _("&Address in Kyrgyz"),
            "address_ru": _("Address in Russian"),
            "address_en": _("Address in English"),
            "head_name": _("Head's na&me"),
            "head_title_ky": _("Head's &title in Kyrgyz"),
            "head_title_ru": _("Head's title in Russian"),
            "head_title_en": _("Head's title in English"),
            "phone": _("&Phone"),
            "email": _("Ema&il"),
            "regions": _("Regions &served"),
            "categories": _("Cate&gories handled"),
            "letter_language": _("Letters are &written in"),
            "response_days": _("&Days to answer"),
            "active": _("In use"),
            "verify": _("To be checked"),
        }

    def intro_text(self) -> str:
        info = self.organisation
        if info is None:
            return _(
                "A new organisation of the directory. Its name is needed in Kyrgyz, Russian "
                "and English; letters to it are written in the language chosen below."
            )
        parts = []
        if info.key is not None and not info.edited_locally:
            parts.append(
                _(
                    "This entry came with the application. Once you save a change here, "
                    "updates of the directory leave it as you wrote it."
                )
            )
        if info.verify:
            parts.append(check_note())
        if info.source:
            parts.append(_("Source: {source}").format(source=info.source))
        return "\n\n".join(parts)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            _("Add an organisation") if self.organisation is None else _("Edit an organisation")
        )
        self.rows.set_labels(self.labels())
        intro = self.intro_text()
        self.intro.setText(intro)
        self.intro.setVisible(bool(intro))
        self.kind.retranslate_ui()
        self.categories.retranslate_ui()
        self.regions.retranslate_ui()
        self.regions_hint.setText(_("None ticked: the whole country."))
        self.categories_hint.setText(
            _(
                "None ticked: every category. A ticked category covers all its subcategories; "
                "Space ticks the chosen line."
            )
        )
        self.categories.setAccessibleName(_("Categories handled"))
        self.active.setText(_("offered for new referrals"))
        self.verify.setText(_("details still to be checked"))
        self.verify.setToolTip(_("Untick once the details have been checked with the source."))
        self.save_button.setText(_("Save"))
        self._show_usual_days()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_usual_days(self) -> None:
        kind = self.kind.chosen()
        days = usual_days(kind) if kind is not None else FALLBACK_RESPONSE_DAYS
        self.response_days.setSpecialValueText(
            ngettext("usual period ({days} day)", "usual period ({days} days)", days).format(
                days=days
            )
        )

    # --- saving --------------------------------------------------------------------------
    def input(self) -> OrganisationInput:
        texts = {name: field.text() for name, field in self.texts.items()}
        return OrganisationInput(
            kind=self.kind.currentData(),
            **texts,
            regions=tuple(region.value for region in self.regions.chosen()),
            categories=self.categories.chosen(),
            letter_language=self.letter_language.currentData(),
            response_days=self.response_days.value() or None,
            active=self.active.isChecked(),
            verify=self.verify.isChecked(),
        )

    def submit(self) -> None:
        self.rows.clear_errors()
        self.message.clear()
        data = self.input()
        try:
            if self.organisation is None:
                info = directory.add_organisation(self.ws, data)
            else:
                info = directory.update_organisation(self.ws, self.organisation.id, data)
        except ValidationError as error:
            if self.rows.show_error(error.field, str(error)):
                assert error.field is not None
                self.scroll_area.ensureWidgetVisible(self.rows.fields[error.field], 10, 60)
            else:
                self.message.setText(str(error))
            return
        except LegalAidError as error:
            self.message.setText(error_text(error))
            return
        self.accept()
        self.saved.emit(info)


# --- the page ----------------------------------------------------------------------------


class DirectoryPage(QWidget):
    """The Directory area. Coordinators get Add and Edit (Enter or a double-click on a row
    edits it); everyone else reads, the chosen entry in full under the list."""

    changed = Signal()  # an organisation was added or edited here

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.may_manage = allowed(ws.actor.role, Permission.MANAGE_DIRECTORY)
        self.title = QLabel()
        self.title.setObjectName("title")

        self.kind = ChoiceCombo(OrganisationType, N_("all kinds"))
        self.region = ChoiceCombo(Region, N_("all regions"))
        self.text = QLineEdit()
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(160)
        self.show_inactive = QCheckBox()
        self.kind_label, self.region_label, self.text_label = QLabel(), QLabel(), QLabel()
        self.kind_label.setBuddy(self.kind)
        self.region_label.setBuddy(self.region)
        self.text_label.setBuddy(self.text)
        self.total = QLabel()
        # Two rows: in one, the Kyrgyz labels made the page wider than a 1366 px screen.
        choices, search = QHBoxLayout(), QHBoxLayout()
        for row, label, widget, stretch in (
            (choices, self.kind_label, self.kind, 0),
            (choices, self.region_label, self.region, 0),
            (search, self.text_label, self.text, 1),
        ):
            row.addWidget(label)
            row.addWidget(widget, stretch)
            row.addSpacing(8)
        choices.addStretch(1)
        choices.addWidget(self.total)
        search.addWidget(self.show_inactive)
        filters = QVBoxLayout()
        filters.addLayout(choices)
        filters.addLayout(search)

        self.model = OrganisationModel()
        self.view = table_view(self.model, [])
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(OrganisationModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (OrganisationModel.KIND, 165),
            (OrganisationModel.REGIONS, 155),
            (OrganisationModel.CATEGORIES, 175),
            (OrganisationModel.LETTERS, 80),
            (OrganisationModel.PHONE, 110),
        ):
            self.view.setColumnWidth(column, width)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list for the details and buttons
        self.message = QLabel()  # a refused load
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.check_note = QLabel()
        self.check_note.setObjectName("warning")
        self.check_note.setWordWrap(True)
        self.check_note.hide()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.report = QLabel()  # what a saved dialog did
        self.report.setObjectName("notice")
        self.report.setWordWrap(True)
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.report, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        for button in (self.add_button, self.edit_button):
            button.setVisible(self.may_manage)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        below = QWidget()
        below_column = QVBoxLayout(below)
        below_column.setContentsMargins(0, 0, 0, 0)
        below_column.addWidget(self.check_note)
        below_column.addWidget(self.details, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)  # the details may take more room
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(below)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([330, 170])
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

        self.dialog: OrganisationDialog | None = None
        self.kind.currentIndexChanged.connect(self.refresh)
        self.region.currentIndexChanged.connect(self.refresh)
        self.text.textChanged.connect(self.refresh)
        self.show_inactive.toggled.connect(self.refresh)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        # Enter and double-click both activate a row (Qt sends `activated` for each).
        self.view.activated.connect(self._activated)
        self.add_button.clicked.connect(self.add_organisation)
        self.edit_button.clicked.connect(self.edit_selected)
        self.retranslate_ui()

    # --- language ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Directory of organisations"))
        self.kind_label.setText(_("&Kind"))
        self.region_label.setText(_("Re&gion"))
        self.text_label.setText(_("&Search names"))
        self.text.setPlaceholderText(_("a word of the name, in any language"))
        self.show_inactive.setText(_("Show &inactive"))
        self.kind.retranslate_ui()
        self.region.retranslate_ui()
        self.view.setAccessibleName(_("Organisations"))
        self.details.setAccessibleName(_("The chosen organisation in full"))
        self.details.setPlaceholderText(_("Choose an organisation to see its details."))
        self.add_button.setText(_("&Add organisation…"))
        self.edit_button.setText(_("E&dit…"))
        self.edit_button.setAccessibleName(_("Edit the chosen organisation"))
        self.model.retranslate()
        self.refresh()  # sorted by the name in the new language

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        self.refresh()

    def refresh(self, *_args: object, select: int | None = None) -> None:
        """Read the directory again with the filters; the row of `select` (an id), else the
        row chosen before, stays chosen."""
        if not self.ws.vault.is_unlocked:
            return
        chosen = select if select is not None else self._chosen_id()
        self.message.hide()
        try:
            found = directory.list_organisations(
                self.ws,
                kind=self.kind.currentData(),
                region=self.region.currentData(),
                text=self.text.text().strip() or None,
                include_inactive=self.show_inactive.isChecked(),
            )
        except LegalAidError as error:
            found = []
            self.message.setText(str(error))
            self.message.show()
        self.model.set_rows(found)
        self.total.setText(
            ngettext("{count} organisation", "{count} organisations", len(found)).format(
                count=len(found)
            )
        )
        if chosen is not None:
            self.select_organisation(chosen)
        self._selection_changed()

    def clear(self) -> None:
        """Empty the list and close an open dialog (the vault locks)."""
        if self.dialog is not None:
            self.dialog.reject()
        self.model.clear()
        self.details.clear()
        self.report.clear()
        self.total.clear()
        self._selection_changed()

    # --- the chosen row ------------------------------------------------------------------
    def chosen(self) -> OrganisationInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.organisation_at(rows[0].row()) if rows else None

    def _chosen_id(self) -> int | None:
        info = self.chosen()
        return info.id if info is not None else None

    def select_organisation(self, organisation_id: int) -> bool:
        """Choose the organisation's row (False when the filters hide it)."""
        row = self.model.row_of(organisation_id)
        if row < 0:
            return False
        index = self.model.index(row, OrganisationModel.NAME)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        return True

    def _selection_changed(self, *_args: QItemSelection) -> None:
        info = self.chosen()
        self.edit_button.setEnabled(info is not None)
        self.details.setPlainText(details_text(info) if info is not None else "")
        self.check_note.setText(check_note())
        self.check_note.setVisible(info is not None and info.verify)

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        if self.may_manage:
            self.edit_selected()
        else:
            self.details.setFocus()  # the entry in full, to read or copy from

    # --- dialogs -------------------------------------------------------------------------
    def add_organisation(self) -> OrganisationDialog | None:
        if not self.may_manage:
            return None
        return self._open(OrganisationDialog(self.ws, None, self))

    def edit_selected(self) -> OrganisationDialog | None:
        info = self.chosen()
        if not self.may_manage or info is None:
            return None
        try:
            current = directory.get_organisation(self.ws, info.id)  # as stored now
        except LegalAidError as error:
            self.report.setText(error_text(error))
            return None
        return self._open(OrganisationDialog(self.ws, current, self))

    def _open(self, dialog: OrganisationDialog) -> OrganisationDialog:
        """One dialog at a time; a finished one is deleted."""
        if self.dialog is not None and not self.dialog.isVisible():
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.saved.connect(self._saved)
        self.report.clear()
        dialog.open()
        return dialog

    def _saved(self, info: OrganisationInfo) -> None:
        self.refresh(select=info.id)
        if self.model.row_of(info.id) >= 0:
            self.report.setText(_("Saved: {name}.").format(name=info.name))
        else:
            self.report.setText(
                _("Saved: {name}. The filters above hide it.").format(name=info.name)
            )
        self.view.setFocus()
        self.changed.emit()

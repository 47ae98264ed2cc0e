"""The Courts tab of the Administration page: the courts of the reference list (shipped and
added here) with their kind, region and district, searchable in any script; coordinators
add a court or correct one, or rename it from a day (the earlier name stays for what came
before). A value the core refuses is named at its field and what was typed stays.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
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
    QVBoxLayout,
    QWidget,
)

from legalaid.domain import reference
from legalaid.domain.enums import CourtKind, Region
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import N_, _, current_language, format_form_date
from legalaid.services import courts
from legalaid.services.courts import CourtInfo, CourtInput, NameOnDate
from legalaid.services.permissions import Permission, allowed
from legalaid.services.workspace import Workspace
from ui.choices import select_data
from ui.field_rows import FieldRows
from ui.intake_steps import DateField
from ui.messages import error_text
from ui.table_models import Index, InMemoryTableModel
from ui.timeline_view import table_view

NONE = "—"  # the "no region / no district" choice
COURT_ROLE = Qt.ItemDataRole.UserRole + 1


def region_label(code: str | None) -> str:
    if not code:
        return ""
    try:
        return Region(code).label
    except ValueError:
        return code


def district_label(code: str | None) -> str:
    if not code:
        return ""
    found = reference.district(code)
    return found.label() if found else code


def _current_name(court: CourtInfo) -> NameOnDate | None:
    """The name a correction changes: the open one (no end date), else the latest."""
    open_names = [entry for entry in court.history if entry.valid_to is None]
    if open_names:
        return open_names[-1]
    return court.history[-1] if court.history else None


def _name_in(entry: NameOnDate) -> str:
    return entry.names.get(current_language()) or entry.names["en"]


def history_text(court: CourtInfo) -> str:
    """The earlier names with their dates, one a line (empty when never renamed)."""
    current = _current_name(court)
    lines = []
    for entry in court.history:
        if entry is current:
            continue
        if entry.valid_from and entry.valid_to:
            when = _("from {start} to {end}").format(
                start=format_form_date(entry.valid_from), end=format_form_date(entry.valid_to)
            )
        elif entry.valid_to:
            when = _("until {end}").format(end=format_form_date(entry.valid_to))
        elif entry.valid_from:
            when = _("from {start}").format(start=format_form_date(entry.valid_from))
        else:
            when = ""
        lines.append(_name_in(entry) + (" — " + when if when else ""))
    return "\n".join(lines)


class CourtsModel(InMemoryTableModel):
    """One court a row; texts in the current language when shown."""

    HEADERS = (N_("Name"), N_("Kind"), N_("Region"), N_("District"), N_("To be checked"))
    NAME, KIND, REGION, DISTRICT, VERIFY = range(5)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        court: CourtInfo | None = self.row_at(index.row()) if index.isValid() else None
        if court is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(court, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NAME:
                return "\n".join(filter(None, [court.name, history_text(court)]))
            if column == self.VERIFY and court.verify:
                return _("Some details of this court are still to be confirmed.")
        if role == Qt.ItemDataRole.ForegroundRole and not court.active:
            return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        if role == COURT_ROLE:
            return court
        return None

    def _display(self, court: CourtInfo, column: int) -> str:
        if column == self.NAME:
            if court.active:
                return court.name
            return _("{name} (no longer working)").format(name=court.name)
        if column == self.KIND:
            return court.kind.label
        if column == self.REGION:
            return region_label(court.region)
        if column == self.DISTRICT:
            return district_label(court.district)
        if column == self.VERIFY:
            return _("to be checked") if court.verify else ""
        return ""


class CourtDialog(QDialog):
    """Add a court (`court` None) or correct one; `saved(CourtInfo)` after the core took it.
    Opened with open(); stays open with what was typed when the core refuses it."""

    saved = Signal(object)

    def __init__(
        self, ws: Workspace, court: CourtInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.court = court
        self.kind = QComboBox()
        for member in CourtKind:
            self.kind.addItem(member.label, member.value)
        self.name_ky = QLineEdit()
        self.name_ru = QLineEdit()
        self.name_en = QLineEdit()
        self.region = QComboBox()
        self.region.addItem(NONE, None)
        for region in Region:
            self.region.addItem(region.label, region.value)
        self.district = QComboBox()
        self.aliases = QPlainTextEdit()
        self.aliases.setTabChangesFocus(True)
        self.aliases.setFixedHeight(70)
        self.active = QCheckBox()
        self.active.setChecked(True)
        self.renamed_on = DateField()
        self.renamed_hint = QLabel()
        self.renamed_hint.setWordWrap(True)
        fields: dict[str, QWidget] = {
            "kind": self.kind,
            "name_ky": self.name_ky,
            "name_ru": self.name_ru,
            "name_en": self.name_en,
            "region": self.region,
            "district": self.district,
            "aliases": self.aliases,
            "active": self.active,
        }
        if court is not None:
            fields["renamed_on"] = self.renamed_on
        self.rows = FieldRows(fields, {"renamed_on": [self.renamed_hint]})
        self.history_heading = QLabel()
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox()
        # Our own buttons: the box resets a standard button's text on a language switch.
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.column = layout = QVBoxLayout(self)
        layout.addLayout(self.rows.layout)
        layout.addWidget(self.history_heading)
        layout.addWidget(self.history)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.region.currentIndexChanged.connect(lambda _index: self._fill_districts(None))
        if court is not None:
            self._show(court)
        else:
            self._fill_districts(None)
        renamed = bool(court and history_text(court))
        self.history_heading.setVisible(renamed)
        self.history.setVisible(renamed)
        self.resize(640, 0)
        self.retranslate_ui()

    def _show(self, court: CourtInfo) -> None:
        select_data(self.kind, court.kind.value)
        current = _current_name(court)
        if current is not None:
            for lang in courts.LANGUAGES:
                getattr(self, f"name_{lang}").setText(current.names.get(lang, ""))
        self.region.blockSignals(True)
        select_data(self.region, court.region)
        self.region.blockSignals(False)
        self._fill_districts(court.district)
        self.aliases.setPlainText("\n".join(court.aliases))
        self.active.setChecked(court.active)

    def _fill_districts(self, chosen: str | None) -> None:
        self.district.clear()
        self.district.addItem(NONE, None)
        region = reference.regions().get(self.region.currentData() or "")
        for place in (*region.districts, *region.cities) if region else ():
            self.district.addItem(place.label(), place.code)
        select_data(self.district, chosen)
        self.district.setEnabled(self.district.count() > 1)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit the court") if self.court else _("Add a court"))
        labels = {
            "kind": _("&Kind"),
            "name_ky": _("Name in K&yrgyz"),
            "name_ru": _("Name in R&ussian"),
            "name_en": _("Name in E&nglish"),
            "region": _("Re&gion"),
            "district": _("&District"),
            "aliases": _("&Other spellings (one a line)"),
            "active": _("&In use"),
        }
        if self.court is not None:
            labels["renamed_on"] = _("Ne&w name from")
        self.rows.set_labels(labels)
        for index in range(self.kind.count()):
            self.kind.setItemText(index, CourtKind(self.kind.itemData(index)).label)
        for index in range(1, self.region.count()):
            self.region.setItemText(index, Region(self.region.itemData(index)).label)
        for index in range(1, self.district.count()):
            self.district.setItemText(index, district_label(self.district.itemData(index)))
        self.active.setText(_("offered when a court is chosen"))
        self.renamed_on.retranslate_ui()
        self.renamed_hint.setText(
            _(
                "Leave empty to correct the current name. With a date, the names above are "
                "the new ones and the current name stays for the days before."
            )
        )
        self.history_heading.setText(_("Earlier names"))
        if self.court is not None:
            self.history.setText(history_text(self.court))
        self.save_button.setText(_("Save"))
        self.cancel_button.setText(_("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def typed(self, renamed_on: dt.date | None = None) -> CourtInput:
        return CourtInput(
            kind=self.kind.currentData(),
            name_ky=self.name_ky.text(),
            name_ru=self.name_ru.text(),
            name_en=self.name_en.text(),
            region=self.region.currentData(),
            district=self.district.currentData(),
            aliases=tuple(
                line.strip() for line in self.aliases.toPlainText().splitlines() if line.strip()
            ),
            active=self.active.isChecked(),
            renamed_on=renamed_on,
        )

    def _renamed_on(self) -> dt.date | None:
        """The typed day of the renaming; raises ValidationError at the field."""
        if self.court is None or not self.renamed_on.text().strip():
            return None
        day = self.renamed_on.date()
        if day is None:
            raise ValidationError(N_("Type a date like 28.11.2026."), field="renamed_on")
        current = _current_name(self.court)
        if current is not None and current.valid_from is not None and day <= current.valid_from:
            raise ValidationError(
                N_("The current name is used from {day}: the new one starts later."),
                field="renamed_on",
                day=format_form_date(current.valid_from),
            )
        return day

    def save(self) -> CourtInfo | None:
        self.rows.clear_errors()
        self.message.hide()
        try:
            if self.court is None:
                result = courts.add_court(self.ws, self.typed())
            else:
                result = courts.update_court(self.ws, self.court.id, self.typed(self._renamed_on()))
        except ValidationError as error:
            if not self.rows.show_error(error.field, str(error)):
                self._report(error_text(error))
            self._fit()
            return None
        except LegalAidError as error:
            self._report(error_text(error))
            self._fit()
            return None
        self.saved.emit(result)
        self.accept()
        return result

    def _fit(self) -> None:
        """Grow to show a message instead of squeezing the wrapped texts."""
        self.column.activate()
        needed = self.heightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _report(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class CourtsTab(QWidget):
    """The "Courts" tab of the Administration page."""

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.may_edit = allowed(ws.actor.role, Permission.MANAGE_DIRECTORY)
        self.dialog: CourtDialog | None = None
        self.search_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.model = CourtsModel()
        self.table = table_view(self.model, [300, 160, 195, 170])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.add_button.setVisible(self.may_edit)
        self.edit_button.setVisible(self.may_edit)
        self.count = QLabel()
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.search.textChanged.connect(lambda _text: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.edit_court())
        self.add_button.clicked.connect(self.add_court)
        self.edit_button.clicked.connect(self.edit_court)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.search_label.setText(_("&Search:"))
        self.search.setPlaceholderText(_("a name or another spelling, in any language"))
        self.table.setAccessibleName(_("Courts"))
        self.add_button.setText(_("&Add a court…"))
        self.edit_button.setText(_("E&dit…"))
        self.model.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Reload the list (sorted in the current language); keep the selected court."""
        if not self.ws.vault.is_unlocked:
            self.clear()
            return
        selected = self.selected_court()
        try:
            found = courts.list_courts(self.ws, text=self.search.text(), include_inactive=True)
        except LegalAidError as error:
            self.model.clear()
            self.count.setText(error_text(error))
            self._update_buttons()
            return
        self.model.set_rows(found)
        self.count.setText(_("Courts shown: {count}").format(count=len(found)))
        ids = [court.id for court in found]
        if selected is not None and selected.id in ids:
            self.table.selectRow(ids.index(selected.id))
        self._update_buttons()

    def clear(self) -> None:
        """Drop what the tab shows and close an open dialog (on lock)."""
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None
        self.model.clear()
        self.count.clear()
        self._update_buttons()

    def selected_court(self) -> CourtInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        court: CourtInfo | None = self.model.row_at(rows[0].row())
        return court

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected_court() is not None)

    def _open(self, court: CourtInfo | None) -> CourtDialog | None:
        if not self.may_edit:
            return None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = CourtDialog(self.ws, court, self)
        self.dialog.saved.connect(self._saved)
        self.dialog.open()
        return self.dialog

    def add_court(self) -> CourtDialog | None:
        return self._open(None)

    def edit_court(self) -> CourtDialog | None:
        court = self.selected_court()
        return self._open(court) if court is not None else None

    def _saved(self, court: CourtInfo) -> None:
        self.refresh()
        for row in range(self.model.rowCount()):
            if self.model.data(self.model.index(row, 0), COURT_ROLE).id == court.id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                break
        self._update_buttons()


__all__ = ["CourtDialog", "CourtsModel", "CourtsTab"]

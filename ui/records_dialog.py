"""The records behind a number (a drill-down): their day, number, what they are and where
they stand; a record of a case opens its case (double click, Enter or the button). Not
modal, so several lists can be compared; closed at a lock by the page that opened it.
Records the viewer may not open (a restricted case) are counted but not listed; the line
under the list says so."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from legalaid.i18n import N_, _, format_form_date, ngettext
from legalaid.services.statistics import Record
from ui.table_models import InMemoryTableModel
from ui.timeline_view import table_view


class RecordsModel(InMemoryTableModel):
    HEADERS = (N_("Date"), N_("Number"), N_("Record"), N_("Where it stands"))

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.row_at(index.row()) if index.isValid() else None
        if not isinstance(record, Record) or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            format_form_date(record.day) if record.day else "",
            record.reference,
            record.text,
            record.detail,
        )[index.column()]


class RecordsDialog(QDialog):
    open_case = Signal(int)

    def __init__(
        self, label: str, counted: int, records: Sequence[Record], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Records behind a number"))
        self.resize(860, 520)
        self.model = RecordsModel()
        self.model.set_rows(records)
        self.view = table_view(self.model, [110, 150, 330])
        self.view.setAccessibleName(label)
        heading = QLabel(_("{label}: {count}").format(label=label, count=counted))
        heading.setObjectName("title")
        heading.setWordWrap(True)
        note = QLabel()
        note.setWordWrap(True)
        hidden = counted - len(records)
        if hidden > 0:
            note.setText(
                ngettext(
                    "{count} record is counted but not listed: you may not open it.",
                    "{count} records are counted but not listed: you may not open them.",
                    hidden,
                ).format(count=hidden)
            )
        self.open_button = QPushButton(_("&Open the case"))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.view.activated.connect(self._open)
        self.open_button.clicked.connect(lambda: self._open(self.view.currentIndex()))
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        self._enable()

    def _record(self, index: QModelIndex) -> Record | None:
        found = self.model.row_at(index.row()) if index.isValid() else None
        return found if isinstance(found, Record) else None

    def _enable(self) -> None:
        record = self._record(self.view.currentIndex())
        self.open_button.setEnabled(record is not None and record.case_id is not None)

    def _open(self, index: QModelIndex) -> None:
        record = self._record(index)
        if record is not None and record.case_id is not None:
            self.open_case.emit(record.case_id)

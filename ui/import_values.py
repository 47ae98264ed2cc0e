"""The Values page of the import screen: each value of a value-mapped column (category,
status, district, lawyer, court...) with how many rows have it and what it means, unmapped
ones first and in red. Model/view, so a register with thousands of distinct values costs a
model row each, not a widget each: the list to choose a meaning from is made only when a
cell is edited (MeaningDelegate), and a choice is told with `mapped`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from legalaid.i18n import N_, _
from legalaid.services.imports.mapping import FIELD_BY_CODE
from ui.choices import select_data
from ui.table_models import Index, InMemoryTableModel

UNMAPPED = N_("— not mapped: the rows are rejected —")
Choices = Callable[[str], Sequence[tuple[str, str]]]  # field -> (code, label)


@dataclass(frozen=True)
class ValueRow:
    field: str
    value: str
    rows: int


class ValuesModel(InMemoryTableModel):
    HEADERS = (N_("Field"), N_("Value in the file"), N_("Rows"), N_("Means"))
    MEANS = 3
    mapped = Signal(str, str, object)  # field, value, code (None: not mapped)

    def __init__(self) -> None:
        super().__init__()
        self.meanings: dict[str, dict[str, str | None]] = {}
        self.labels: dict[str, dict[str, str]] = {}

    def show(
        self,
        rows: Sequence[ValueRow],
        meanings: Mapping[str, Mapping[str, str | None]],
        labels: Mapping[str, Mapping[str, str]],
    ) -> None:
        """The values, unmapped first within each field, with their meanings' labels."""
        self.meanings = {code: dict(found) for code, found in meanings.items()}
        self.labels = {code: dict(found) for code, found in labels.items()}
        self.set_rows(sorted(rows, key=lambda r: (r.field, self.code_of(r) is not None, r.value)))

    def relabel(self, labels: Mapping[str, Mapping[str, str]]) -> None:
        """The meanings' labels in another language; the rows and meanings stay."""
        self.labels = {code: dict(found) for code, found in labels.items()}
        self.retranslate()

    def clear(self) -> None:
        self.meanings, self.labels = {}, {}
        super().clear()

    def code_of(self, row: ValueRow) -> str | None:
        return self.meanings.get(row.field, {}).get(row.value)

    def flags(self, index: Index) -> Qt.ItemFlag:
        found = super().flags(index)
        return found | Qt.ItemFlag.ItemIsEditable if index.column() == self.MEANS else found

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row: ValueRow | None = self.row_at(index.row())
        if row is None:
            return None
        code = self.code_of(row)
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.MEANS:
                return self.labels.get(row.field, {}).get(code or "", code) if code else _(UNMAPPED)
            return (_(FIELD_BY_CODE[row.field].label), row.value, row.rows)[column]
        if role == Qt.ItemDataRole.EditRole and column == self.MEANS:
            return code
        if role == Qt.ItemDataRole.ForegroundRole and code is None:
            return QColor("#a61b1b")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(  # noqa: N802 - Qt's name
        self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        row: ValueRow | None = self.row_at(index.row())
        if row is None or index.column() != self.MEANS or role != Qt.ItemDataRole.EditRole:
            return False
        code = value or None
        if self.code_of(row) == code:
            return False
        self.meanings.setdefault(row.field, {})[row.value] = code
        self.dataChanged.emit(index.siblingAtColumn(0), index)
        self.mapped.emit(row.field, row.value, code)
        return True


class MeaningDelegate(QStyledItemDelegate):
    """A list of the field's meanings, made when the cell is edited; a choice is committed
    at once (no Enter needed)."""

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(  # noqa: N802 - Qt's name
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        model = index.model()
        assert isinstance(model, ValuesModel)
        row = model.row_at(index.row())
        combo = QComboBox(parent)
        combo.setAccessibleName(_("Means"))
        combo.addItem(_(UNMAPPED), None)
        for code, label in self.choices(row.field):
            combo.addItem(label, code)
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(  # noqa: N802 - Qt's name
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        select_data(editor, index.data(Qt.ItemDataRole.EditRole))

    def setModelData(  # noqa: N802 - Qt's name
        self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

"""What every table of records in the app shares: rows of read-only, selectable cells, one
column per N_-marked header translated when shown, and a language switch announced to the
views. The paged lists (ui/models.py) and the small in-memory lists build on it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from legalaid.i18n import _

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class RecordTableModel(QAbstractTableModel):
    HEADERS: Sequence[str] = ()  # N_-marked msgids, one per column (a model may choose)

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(  # noqa: N802 - Qt's name
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return _(self.HEADERS[section])
        return super().headerData(section, orientation, role)

    def retranslate(self) -> None:
        """Headers and every text are in the old language until views repaint them."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(self.HEADERS) - 1),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
            )


class InMemoryTableModel(RecordTableModel):
    """A short list held whole (a case's timeline, its attachments), replaced as a whole."""

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

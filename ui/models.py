"""Table models behind the case and people lists.

The vault may hold hundreds of thousands of records, so the models never load a whole
list: they ask the services for one page at a time (`canFetchMore`/`fetchMore`, which views
call as the user scrolls), and sorting and filtering happen in the database, not in a proxy
model. Every row the services return is already one the signed-in person may see (restricted
cases and the people only they name are left out in SQL), so the models add no checks.

Labels (statuses, categories, regions, dates) are rendered when a view asks, in the current
language, so a live language switch only has to announce that everything changed.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import (
    Qt,
    Signal,
)

from legalaid.domain import reference
from legalaid.domain.enums import Region
from legalaid.errors import LegalAidError
from legalaid.i18n import N_, add_language_listener, format_form_date, remove_language_listener
from legalaid.services.cases import CaseFilter, CaseRow, list_cases
from legalaid.services.people import PersonRow, list_people
from legalaid.services.workspace import Workspace
from ui.table_models import ROOT as _ROOT
from ui.table_models import Index, RecordTableModel

# Roles that do not depend on the column: a view or controller asks any cell of a row.
ID_ROLE = Qt.ItemDataRole.UserRole  # the record's id (int), to open it
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the service's row dataclass (CaseRow / PersonRow)
RESTRICTED_ROLE = Qt.ItemDataRole.UserRole + 2  # bool: the case is restricted (draw a marker)

DEFAULT_PAGE_SIZE = 100


class HasId(Protocol):
    @property
    def id(self) -> int: ...


RowT = TypeVar("RowT", bound=HasId)  # a service's row: CaseRow, PersonRow, ObservationRow...


def _language_listener(model: PagedTableModel[Any]) -> Callable[[str], None]:
    """A listener that does not keep the model alive and ignores a model Qt has deleted,
    so a model dropped without close() cannot break the next language switch."""
    ref = weakref.ref(model)

    def listener(_language: str) -> None:
        target = ref()
        if target is not None and shiboken6.isValid(target):
            target._language_changed()

    return listener


class PagedTableModel(RecordTableModel, Generic[RowT]):
    """Rows loaded page by page from a service call `(offset, limit) -> (rows, total)`.

    A service error during a fetch keeps what is loaded, stops further fetching until the
    next reload (else a view would retry on every scroll) and is reported through `failed`.
    """

    failed = Signal(str)

    def __init__(self, ws: Workspace, page_size: int = DEFAULT_PAGE_SIZE) -> None:
        super().__init__()
        if page_size < 1:
            raise ValueError("page_size must be positive")
        self._ws = ws
        self._page_size = page_size
        self._rows: list[RowT] = []
        self._ids: set[int] = set()
        self._offset = 0  # rows the service has handed over (the next page's offset)
        self._total = 0
        self._stopped = False  # no fetching: after an error or clear(), until a reload
        self._announcing = False  # inside begin.../end... and their signals
        self._error = ""
        self._listener = _language_listener(self)
        add_language_listener(self._listener)
        self._load_first_page()
        # Nobody is connected yet during construction; error_message() tells the caller.

    # --- what subclasses provide -----------------------------------------------------------

    def _fetch(self, offset: int, limit: int) -> tuple[list[RowT], int]:
        raise NotImplementedError

    def _display(self, row: RowT, column: int) -> str:
        raise NotImplementedError

    def _row_data(self, row: RowT, role: int) -> Any:
        """Column-independent roles beyond id and row (None when the role is not ours)."""
        return None

    # --- public API ------------------------------------------------------------------------

    @property
    def workspace(self) -> Workspace:
        return self._ws

    def total(self) -> int:
        """How many rows the service says the list has (rowCount() is what is loaded)."""
        return self._total

    def error_message(self) -> str:
        """The last fetch's error (worded in the language of that moment), or "" after a
        successful one."""
        return self._error

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def reload(self) -> None:
        """Start over from the first page (after a filter, a sort, an edit or an unlock)."""
        with self._announced():
            self.beginResetModel()
            self._load_first_page()
            self.endResetModel()
        if self._error:
            self.failed.emit(self._error)

    def clear(self) -> None:
        """Drop every row (the vault locks: no client data may stay in memory) and fetch
        nothing more until reload()."""
        with self._announced():
            self.beginResetModel()
            self._forget()
            self._stopped = True
            self.endResetModel()

    def close(self) -> None:
        """Stop following the language and drop the rows; call when the list goes away."""
        remove_language_listener(self._listener)
        self.clear()

    # --- QAbstractItemModel ----------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return self._row_data(row, role)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:  # noqa: N802 - Qt's name
        return (
            not parent.isValid()
            and not self._stopped
            and not self._announcing
            and self._offset < self._total
        )

    def fetchMore(self, parent: Index = _ROOT) -> None:  # noqa: N802 - Qt's name
        if not self.canFetchMore(parent):
            return
        page = self._fetch_page()
        if page is None:
            self.failed.emit(self._error)
            return
        if not page:
            return
        first = len(self._rows)
        with self._announced():
            self.beginInsertRows(_ROOT, first, first + len(page) - 1)
            self._append(page)
            self.endInsertRows()

    # --- internals -------------------------------------------------------------------------

    @contextmanager
    def _announced(self) -> Iterator[None]:
        """No fetching from a slot while a change is being announced: a listener connected
        after that slot would see the new rows before it heard of the reset or insert
        (Qt's model tester does exactly this from its modelReset/rowsInserted slots)."""
        self._announcing = True
        try:
            yield
        finally:
            self._announcing = False

    def _forget(self) -> None:
        self._rows = []
        self._ids = set()
        self._offset = 0
        self._total = 0
        self._error = ""

    def _load_first_page(self) -> None:
        self._forget()
        self._stopped = False
        page = self._fetch_page()
        if page:
            self._append(page)

    def _fetch_page(self) -> list[RowT] | None:
        """The next page without rows already loaded (a record added meanwhile shifts the
        pages by one), or None after an error, which is kept in _error."""
        try:
            rows, total = self._fetch(self._offset, self._page_size)
        except LegalAidError as error:
            self._error = str(error)
            self._stopped = True
            return None
        self._error = ""
        self._total = total
        self._offset += len(rows)
        if not rows:
            self._stopped = True  # records removed meanwhile: the list ends here
        return [row for row in rows if row.id not in self._ids]

    def _append(self, page: list[RowT]) -> None:
        self._rows.extend(page)
        self._ids.update(row.id for row in page)

    def _language_changed(self) -> None:
        self.retranslate()


class CaseListModel(PagedTableModel[CaseRow]):
    """The case list: filters and sort orders are the service's (CaseFilter, SORTS)."""

    NUMBER, OPENED, STATUS, CATEGORY, CLIENT, LAWYER = range(6)
    HEADERS = (
        N_("Number"),
        N_("Opened"),
        N_("Status"),
        N_("Category"),
        N_("Client"),
        N_("Lawyer"),
    )
    # Columns the service can sort by; its orders have a fixed direction (opened: newest
    # first, the others ascending), so the Qt sort order asked for is not used.
    SORT_KEYS: ClassVar[dict[int, str]] = {
        NUMBER: "number",
        OPENED: "opened",
        STATUS: "status",
        CATEGORY: "category",
    }
    DEFAULT_SORT = "opened"

    def __init__(self, ws: Workspace, page_size: int = DEFAULT_PAGE_SIZE) -> None:
        self._filter = CaseFilter()
        self._sort_key = self.DEFAULT_SORT
        super().__init__(ws, page_size)

    def case_filter(self) -> CaseFilter:
        return self._filter

    def sort_key(self) -> str:
        """The service's sort key in use ("opened", "number", "status" or "category")."""
        return self._sort_key

    def set_filter(self, filters: CaseFilter) -> None:
        """Show only matching cases; the database filters, so the total changes too."""
        self._filter = filters
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reload in the service's order for `column`; client and lawyer cannot be sorted."""
        key = self.SORT_KEYS.get(column)
        if key is None or key == self._sort_key:
            return
        self._sort_key = key
        self.reload()

    def _fetch(self, offset: int, limit: int) -> tuple[list[CaseRow], int]:
        return list_cases(self._ws, self._filter, self._sort_key, offset, limit)

    def _display(self, row: CaseRow, column: int) -> str:
        if column == self.NUMBER:
            return row.number
        if column == self.OPENED:
            return format_form_date(row.opened_on)
        if column == self.STATUS:
            return row.status.label
        if column == self.CATEGORY:
            return reference.category_label(row.category)
        if column == self.CLIENT:
            return row.client or ""
        if column == self.LAWYER:
            return row.assigned_lawyer or ""
        return ""

    def _row_data(self, row: CaseRow, role: int) -> Any:
        if role == RESTRICTED_ROLE:
            return row.restricted
        return None


class PeopleListModel(PagedTableModel[PersonRow]):
    """The people list, always in the service's Kyrgyz alphabetical order."""

    NAME, BORN, PIN, REGION = range(4)
    HEADERS = (N_("Name"), N_("Born"), N_("PIN"), N_("Region"))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Nothing: the alphabet order is the only one the service offers."""

    def _fetch(self, offset: int, limit: int) -> tuple[list[PersonRow], int]:
        return list_people(self._ws, offset, limit)

    def _display(self, row: PersonRow, column: int) -> str:
        if column == self.NAME:
            return row.full_name
        if column == self.BORN:
            return format_form_date(row.birth_date) if row.birth_date else ""
        if column == self.PIN:
            return row.pin or ""
        if column == self.REGION:
            return _region_label(row.region)
        return ""


def _region_label(code: str | None) -> str:
    if not code:
        return ""
    try:
        return Region(code).label
    except ValueError:  # a code from a newer version: show it rather than fail
        return code

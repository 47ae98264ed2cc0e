"""The Court page: the calendar of hearings and procedural deadlines of the cases the person
may see, filtered by lawyer (the signed-in lawyer's own by default), court and office.

Two views of one period: the agenda (14 days from a chosen day, a heading per day, then its
hearings and deadlines) and the month (a grid of weeks from Monday, each day listing its
first few items). A lawyer booked in two places at once is marked in red with a "⚠" in
both views; an open deadline already past is red. Enter or a double-click on a row opens
its case (`open_case`, the case's Court tab); a click on a day of the month shows that
day in the agenda. "New hearing…" adds a hearing to any case's proceeding (the chosen row's
case filled in, on the chosen day) and "Record the result…" says what happened at the chosen
hearing, as the case's Court tab does. "Export my hearings (.ics)…" writes the person's
hearings for a phone's calendar, without clients' names unless they tick the box knowingly.

Everything is read again when the page is shown and on `refresh()`; `clear()` (at a lock)
drops every row. Roles that see no client files (trial monitors) get a line saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.enums import DeadlineState, Role
from legalaid.errors import LegalAidError
from legalaid.i18n import N_, _, format_date, format_form_date, ngettext, sentence_case
from legalaid.services import courts, deadlines, offices, proceedings, timeline
from legalaid.services.agenda import Agenda, AgendaFilter, agenda, hearings_ics
from legalaid.services.deadlines import DeadlineRow
from legalaid.services.permissions import Permission, allowed
from legalaid.services.proceedings import HearingRow
from legalaid.services.workspace import Workspace
from legalaid.storage.atomic import write_atomic
from ui.choices import narrow
from ui.court_dialogs import CourtForm, HearingDialog, HearingResultDialog
from ui.messages import error_text
from ui.qdates import date_edit, from_qdate
from ui.table_models import Index, InMemoryTableModel, RecordTableModel
from ui.timeline_view import OVERDUE_COLOUR, table_view

AGENDA_DAYS = 14
MONTH_ITEMS = 3  # items a day of the month lists before "+n more"
WEEKS = 6
CONFLICT_MARK = "⚠"
DEADLINE_MARK = "⚑"

ROW_ROLE = Qt.ItemDataRole.UserRole  # the HearingRow, DeadlineRow or DayHeading of a row
DAY_ROLE = Qt.ItemDataRole.UserRole + 1  # the date of a row or a month cell
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2  # how many items a month cell holds
LINES_ROLE = Qt.ItemDataRole.UserRole + 3  # a month cell's lines: [(text, red)]
IN_MONTH_ROLE = Qt.ItemDataRole.UserRole + 4  # the month cell's day is in the shown month
TODAY_ROLE = Qt.ItemDataRole.UserRole + 5  # the row's or cell's day is today
CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 6  # a hearing overlapping another of its lawyer

HEADING_BACKGROUND = QColor("#e8edf3")
TODAY_BACKGROUND = QColor("#d6e4f5")
OTHER_MONTH_BACKGROUND = QColor("#f4f5f7")
OTHER_MONTH_TEXT = QColor("#8a94a3")
DONE_TEXT = QColor("#5f6b7a")


def conflict_text() -> str:
    return _("The lawyer has another hearing at the same time")


def choose_ics_file(parent: QWidget, suggested: str) -> Path | None:
    """Where to write the calendar file (Qt's dialog), behind a seam the tests replace."""
    name, _filter = QFileDialog.getSaveFileName(parent, _("Export my hearings"), suggested, "*.ics")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".ics" else path.with_suffix(".ics")


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_after(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def last_of_month(first: dt.date) -> dt.date:
    return month_after(first, 1) - dt.timedelta(days=1)


def local_time(moment: dt.datetime) -> str:
    return f"{moment.astimezone():%H:%M}"


def weekday_name(day: dt.date, form: str = "cccc") -> str:
    """The day's name in the current language (CLDR's stand-alone form, capitalised)."""
    return sentence_case(format_date(day, form))


# --- the agenda --------------------------------------------------------------------------


@dataclass(frozen=True)
class DayHeading:
    day: dt.date
    empty: bool


def agenda_rows(found: Agenda, first: dt.date, days: int) -> list[object]:
    """A heading for every day of the period, then that day's hearings and deadlines."""
    rows: list[object] = []
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        hearings, due = found.on(day)
        rows.append(DayHeading(day, not hearings and not due))
        rows.extend(hearings)
        rows.extend(due)
    return rows


class AgendaModel(InMemoryTableModel):
    """Day headings (spanning the row, see `CourtPage._span_headings`), hearings, deadlines."""

    TIME, WHAT, COURTROOM, CASE, COURT_NUMBER, KIND, LAWYER, RESULT = range(8)
    HEADERS = (
        N_("Time"),
        N_("Court or deadline"),
        N_("Courtroom"),
        N_("Case"),
        N_("Court number"),
        N_("Kind"),
        N_("Lawyer"),
        N_("Result or state"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.conflicts: frozenset[int] = frozenset()
        self.now = dt.datetime.now(dt.UTC)
        self.today = dt.date.today()

    def set_agenda(self, found: Agenda, first: dt.date, days: int = AGENDA_DAYS) -> None:
        self.conflicts = found.conflicts
        self.now = dt.datetime.now(dt.UTC)
        self.today = dt.date.today()
        self.set_rows(agenda_rows(found, first, days))

    def row_of_day(self, day: dt.date) -> int:
        return next(
            (i for i, r in enumerate(self._rows) if isinstance(r, DayHeading) and r.day == day),
            -1,
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self.row_at(index.row()), DayHeading):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return super().flags(index)

    def is_conflict(self, row: object) -> bool:
        return isinstance(row, HearingRow) and row.id in self.conflicts

    def is_overdue(self, row: object) -> bool:
        return isinstance(row, DeadlineRow) and row.overdue(self.now)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == CONFLICT_ROLE:
            return self.is_conflict(row)
        if role == DAY_ROLE:
            if isinstance(row, DayHeading):
                return row.day
            moment = row.starts_at if isinstance(row, HearingRow) else row.due_at
            return moment.astimezone().date()
        if isinstance(row, DayHeading):
            return self._heading(row, index.column(), role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.is_conflict(row):
                return conflict_text()
            if self.is_overdue(row):
                return _("The deadline has passed and it is still to do")
            return self._text(row, index.column()) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.is_conflict(row) or self.is_overdue(row):
                return QBrush(OVERDUE_COLOUR)
            if isinstance(row, DeadlineRow) and row.state is not DeadlineState.OPEN:
                return QBrush(DONE_TEXT)
        return None

    def _heading(self, row: DayHeading, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            text = _("{weekday} {date}").format(
                weekday=weekday_name(row.day), date=format_form_date(row.day)
            )
            if row.day == self.today:
                text = _("{day} · today").format(day=text)
            if row.empty:
                text = _("{day} — nothing scheduled").format(day=text)
            return text
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(TODAY_BACKGROUND if row.day == self.today else HEADING_BACKGROUND)
        if role == TODAY_ROLE:
            return row.day == self.today
        return None

    def _text(self, row: object, column: int) -> str:
        if isinstance(row, HearingRow):
            return self._hearing_text(row, column)
        if isinstance(row, DeadlineRow):
            return self._deadline_text(row, column)
        return ""

    def _hearing_text(self, row: HearingRow, column: int) -> str:
        if column == self.TIME:
            time = f"{local_time(row.starts_at)}–{local_time(row.ends_at)}"
            return f"{CONFLICT_MARK} {time}" if self.is_conflict(row) else time
        values = {
            self.WHAT: row.court,
            self.COURTROOM: row.courtroom,
            self.CASE: row.case_number,
            self.COURT_NUMBER: row.court_number,
            self.KIND: sentence_case(row.kind.label),
            self.LAWYER: row.lawyer,
            self.RESULT: sentence_case(row.result.label) if row.result else "",
        }
        return values.get(column, "")

    def _deadline_text(self, row: DeadlineRow, column: int) -> str:
        if column == self.TIME:
            return f"{DEADLINE_MARK} {local_time(row.due_at)}"
        if column == self.RESULT:
            state = sentence_case(row.state.label)
            return _("{state} · overdue").format(state=state) if self.is_overdue(row) else state
        values = {
            self.WHAT: row.title,
            self.CASE: row.case_number,
            self.KIND: _("Deadline"),
            self.LAWYER: row.responsible,
        }
        return values.get(column, "")


# --- the month ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthItem:
    text: str  # "09:30 Osh City Court" or "⚑ Lodge the appeal"
    red: bool  # a conflict or an overdue deadline
    detail: str  # the tooltip's line


class MonthModel(RecordTableModel):
    """Six weeks from the Monday on or before the month's first day; every cell a day
    (read-only, selectable cells as every record table; its own rows and columns)."""

    def __init__(self) -> None:
        super().__init__()
        self.first = dt.date.today().replace(day=1)
        self.today = dt.date.today()
        self.items: dict[dt.date, list[MonthItem]] = {}

    @property
    def grid_start(self) -> dt.date:
        return monday_of(self.first)

    @property
    def grid_end(self) -> dt.date:
        return self.grid_start + dt.timedelta(days=7 * WEEKS - 1)

    def set_month(self, first: dt.date, found: Agenda | None) -> None:
        self.beginResetModel()
        self.first = first.replace(day=1)
        self.today = dt.date.today()
        self.items = month_items(found) if found is not None else {}
        self.endResetModel()

    def clear(self) -> None:
        self.set_month(self.first, None)

    def day_at(self, row: int, column: int) -> dt.date:
        return self.grid_start + dt.timedelta(days=row * 7 + column)

    def index_of(self, day: dt.date) -> QModelIndex:
        offset = (day - self.grid_start).days
        if not 0 <= offset < 7 * WEEKS:
            return QModelIndex()
        return self.index(offset // 7, offset % 7)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name
        return 0 if parent.isValid() else WEEKS

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name
        return 0 if parent.isValid() else 7

    def headerData(  # noqa: N802 - Qt's name
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 7:
            day = self.grid_start + dt.timedelta(days=section)
            if role == Qt.ItemDataRole.DisplayRole:
                return weekday_name(day)
        return super().headerData(section, orientation, role)

    def lines(self, day: dt.date) -> list[tuple[str, bool]]:
        """The first items of a day, then "+n more" when there are others."""
        found = self.items.get(day, [])
        shown = [(item.text, item.red) for item in found[:MONTH_ITEMS]]
        hidden = len(found) - len(shown)
        if hidden > 0:
            shown.append((_("+{count} more").format(count=hidden), False))
        return shown

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        day = self.day_at(index.row(), index.column())
        found = self.items.get(day, [])
        if role == DAY_ROLE:
            return day
        if role == COUNT_ROLE:
            return len(found)
        if role == LINES_ROLE:
            return self.lines(day)
        if role == IN_MONTH_ROLE:
            return day.month == self.first.month
        if role == TODAY_ROLE:
            return day == self.today
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join([str(day.day), *(text for text, _red in self.lines(day))])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return "\n".join([format_form_date(day), *(item.detail for item in found)])
        if role == Qt.ItemDataRole.ToolTipRole:
            heading = _("{weekday} {date}").format(
                weekday=weekday_name(day), date=format_form_date(day)
            )
            return "\n".join([heading, *(item.detail for item in found)])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)
        self.dataChanged.emit(self.index(0, 0), self.index(WEEKS - 1, 6))


def month_items(found: Agenda) -> dict[dt.date, list[MonthItem]]:
    now = dt.datetime.now(dt.UTC)
    items: dict[dt.date, list[MonthItem]] = {}
    for hearing in found.hearings:
        conflict = hearing.id in found.conflicts
        text = f"{local_time(hearing.starts_at)} {hearing.court}"
        mark = f"{CONFLICT_MARK} " if conflict else ""
        detail = " · ".join(
            part
            for part in (
                text,
                hearing.courtroom,
                hearing.court_number or hearing.case_number,
                hearing.lawyer,
            )
            if part
        )
        if conflict:
            detail = f"{mark}{detail} — {conflict_text()}"
        day = hearing.starts_at.astimezone().date()
        items.setdefault(day, []).append(MonthItem(mark + text, conflict, detail))
    for deadline in found.deadlines:
        overdue = deadline.overdue(now)
        text = f"{DEADLINE_MARK} {deadline.title}"
        detail = " · ".join(
            (
                f"{text} ({local_time(deadline.due_at)})",
                deadline.case_number,
                deadline.responsible,
                sentence_case(deadline.state.label),
            )
        )
        day = deadline.due_at.astimezone().date()
        items.setdefault(day, []).append(MonthItem(text, overdue, detail))
    return items


class MonthDelegate(QStyledItemDelegate):
    """A day of the month: its number, then its lines, each cut to the cell's width."""

    PADDING = 4

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        rect: QRect = option.rect
        in_month = bool(index.data(IN_MONTH_ROLE))
        today = bool(index.data(TODAY_ROLE))
        background = (
            TODAY_BACKGROUND if today else QColor("white") if in_month else OTHER_MONTH_BACKGROUND
        )
        painter.fillRect(rect, background)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(option.palette.highlight().color())
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        area = rect.adjusted(self.PADDING, self.PADDING - 1, -self.PADDING, -self.PADDING)
        font = QFont(option.font)
        metrics = QFontMetrics(font)
        line = metrics.height()
        day = index.data(DAY_ROLE)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#1f3a5f") if in_month else OTHER_MONTH_TEXT)
        number = str(day.day) if isinstance(day, dt.date) else ""
        painter.drawText(
            QRect(area.left(), area.top(), area.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            number,
        )
        painter.setFont(font)
        top = area.top() + line
        for text, red in index.data(LINES_ROLE) or []:
            if top + line > area.bottom() + 2:
                break
            colour = OVERDUE_COLOUR if red else QColor("#1d2733")
            painter.setPen(colour if in_month or red else OTHER_MONTH_TEXT)
            painter.drawText(
                QRect(area.left(), top, area.width(), line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width()),
            )
            top += line
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        metrics = QFontMetrics(option.font)
        return QSize(100, metrics.height() * (MONTH_ITEMS + 2) + 2 * self.PADDING)


# --- the export --------------------------------------------------------------------------


class IcsExportDialog(QDialog):
    """The person's own hearings over a period, as an .ics file for a phone's calendar."""

    def __init__(
        self, ws: Workspace, start: dt.date, end: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.written: Path | None = None
        self.start = date_edit(start)
        self.end = date_edit(end)
        self.start_label = QLabel()
        self.start_label.setBuddy(self.start)
        self.end_label = QLabel()
        self.end_label.setBuddy(self.end)
        self.whose = QLabel()
        self.whose.setWordWrap(True)
        self.names = QCheckBox()
        self.names.setChecked(False)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        form = QFormLayout()
        form.addRow(self.start_label, self.start)
        form.addRow(self.end_label, self.end)
        layout = QVBoxLayout(self)
        layout.addWidget(self.whose)
        layout.addLayout(form)
        layout.addWidget(self.names)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Export my hearings"))
        self.whose.setText(
            _(
                "Your hearings ({name}) as a calendar file (.ics): court, courtroom, case and "
                "court numbers."
            ).format(name=self.ws.actor.display_name)
        )
        self.start_label.setText(_("First &day"))
        self.end_label.setText(_("Last d&ay"))
        self.names.setText(
            _("Include clients' &names (the file may be copied to a phone and synced online)")
        )
        self.save_button.setText(_("&Save…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _say(self, text: str, error: bool) -> None:
        self.outcome.setObjectName("error" if error else "notice")
        self.outcome.style().unpolish(self.outcome)  # the new name's colour applies
        self.outcome.style().polish(self.outcome)
        self.outcome.setText(text)
        self.outcome.show()

    def save(self) -> Path | None:
        """Ask where, write the file (whole or not at all) and say where it went."""
        first, last = from_qdate(self.start.date()), from_qdate(self.end.date())
        if last < first:
            self._say(_("The last day cannot come before the first."), error=True)
            return None
        path = choose_ics_file(self, f"hearings-{first:%Y-%m-%d}-{last:%Y-%m-%d}.ics")
        if path is None:
            return None
        try:
            data = hearings_ics(self.ws, first, last, with_names=self.names.isChecked())
            write_atomic(path, data)
        except LegalAidError as error:
            self._say(error_text(error), error=True)
            return None
        except OSError as error:
            self._say(
                _("The file could not be written: {reason}").format(reason=error.strerror or error),
                error=True,
            )
            return None
        count = data.count(b"BEGIN:VEVENT")
        self._say(
            ngettext(
                "{count} hearing written to {path}.", "{count} hearings written to {path}.", count
            ).format(count=count, path=path),
            error=False,
        )
        self.written = path
        return path


# --- the page ----------------------------------------------------------------------------


class CourtPage(QWidget):
    """The Court area. API: `open_case(case id, proceeding id or 0)`, `changed` (a deadline
    marked done here), `refresh()`, `clear()`, `show_day(day)`, `show_agenda(start)`,
    `show_month(day)`, `export_ics()`."""

    open_case = Signal(int, int)  # case id, proceeding id (0: none)
    changed = Signal()  # a deadline was marked done here

    AGENDA, MONTH = 0, 1

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.sees_cases = allowed(ws.actor.role, Permission.VIEW_RECORDS)
        self.may_edit = allowed(ws.actor.role, Permission.EDIT_CASES)
        today = dt.date.today()
        self.start = today  # the agenda's first day
        self.month = today.replace(day=1)  # the month shown
        self._choices_loaded = False
        self.export_dialog: IcsExportDialog | None = None
        self.form: CourtForm | None = None  # a hearing added or its result recorded here

        self.title = QLabel()
        self.title.setObjectName("title")
        self.period = QLabel()
        self.period.setObjectName("period")
        font = self.period.font()
        font.setBold(True)
        self.period.setFont(font)
        self.previous_button = QPushButton()
        self.today_button = QPushButton()
        self.next_button = QPushButton()
        self.agenda_button = QPushButton()
        self.month_button = QPushButton()
        self.views = QButtonGroup(self)
        for index, button in enumerate((self.agenda_button, self.month_button)):
            button.setCheckable(True)
            self.views.addButton(button, index)
        self.agenda_button.setChecked(True)

        self.lawyer = narrow(QComboBox(), 14)
        self.court = narrow(QComboBox(), 18)
        self.office = narrow(QComboBox(), 12)
        self.lawyer_label = QLabel()
        self.lawyer_label.setBuddy(self.lawyer)
        self.court_label = QLabel()
        self.court_label.setBuddy(self.court)
        self.office_label = QLabel()
        self.office_label.setBuddy(self.office)
        self.count = QLabel()
        self.count.setWordWrap(True)

        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.model = AgendaModel()
        self.view = table_view(self.model, [112, 220, 75, 135, 100, 150, 150])
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.horizontalHeader().setMinimumSectionSize(50)
        self.month_model = MonthModel()
        self.month_view = QTableView()
        self.month_view.setModel(self.month_model)
        self.month_view.setItemDelegate(MonthDelegate(self.month_view))
        self.month_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.month_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.month_view.verticalHeader().hide()
        self.month_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.month_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.month_view.horizontalHeader().setMinimumSectionSize(40)
        self.month_view.horizontalHeader().setHighlightSections(False)
        self.month_view.verticalHeader().setMinimumSectionSize(20)
        self.month_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.month_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.month_view)

        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.export_button = QPushButton()
        self.new_hearing_button = QPushButton()
        self.result_button = QPushButton()
        self.done_button = QPushButton()
        for button in (self.new_hearing_button, self.result_button, self.done_button):
            button.setVisible(self.may_edit)
        self.open_button = QPushButton()

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.period)
        top.addStretch(1)
        for button in (self.previous_button, self.today_button, self.next_button):
            top.addWidget(button)
        top.addSpacing(12)
        top.addWidget(self.agenda_button)
        top.addWidget(self.month_button)
        filters = QHBoxLayout()
        for label, combo in (
            (self.lawyer_label, self.lawyer),
            (self.court_label, self.court),
            (self.office_label, self.office),
        ):
            filters.addWidget(label)
            filters.addWidget(combo, 1)
            filters.addSpacing(8)
        # The count and the legend on a line of their own: beside five buttons they were
        # squeezed into four lines in Russian and Kyrgyz.
        notes = QHBoxLayout()
        notes.addWidget(self.count, 1)
        notes.addWidget(self.legend, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.new_hearing_button)
        bottom.addWidget(self.result_button)
        bottom.addWidget(self.done_button)
        bottom.addWidget(self.open_button)
        self.calendar = QWidget()
        column = QVBoxLayout(self.calendar)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addLayout(filters)
        column.addWidget(self.message)
        column.addWidget(self.stack, 1)
        column.addLayout(notes)
        column.addLayout(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar, 1)
        layout.addWidget(self.refusal, 1)
        self.calendar.setVisible(self.sees_cases)
        self.refusal.setVisible(not self.sees_cases)

        self.previous_button.clicked.connect(lambda: self.step_period(-1))
        self.next_button.clicked.connect(lambda: self.step_period(1))
        self.today_button.clicked.connect(self.go_today)
        self.views.idClicked.connect(self._view_chosen)
        for combo in (self.lawyer, self.court, self.office):
            combo.currentIndexChanged.connect(self.refresh)
        # Enter and double-click both activate a row (Qt sends `activated` for each).
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.month_view.clicked.connect(self._day_clicked)
        self.month_view.activated.connect(self._day_clicked)
        self.open_button.clicked.connect(lambda: self._activated(self.view.currentIndex()))
        self.done_button.clicked.connect(self.mark_done)
        self.new_hearing_button.clicked.connect(self.new_hearing)
        self.result_button.clicked.connect(self.record_result)
        self.export_button.clicked.connect(self.export_ics)
        self.retranslate_ui()
        self._update_buttons()

    # --- what is shown -------------------------------------------------------------------
    @property
    def mode(self) -> int:
        return self.stack.currentIndex()

    def period_days(self) -> tuple[dt.date, dt.date]:
        """The days shown: the agenda's 14, or the month's (for the export)."""
        if self.mode == self.MONTH:
            return self.month, last_of_month(self.month)
        return self.start, self.start + dt.timedelta(days=AGENDA_DAYS - 1)

    def current_filter(self) -> AgendaFilter:
        return AgendaFilter(
            lawyer_login=self.lawyer.currentData() or None,
            court_id=self.court.currentData() or None,
            office_code=self.office.currentData() or None,
        )

    def show_agenda(self, start: dt.date | None = None) -> None:
        if start is not None:
            self.start = start
        self.stack.setCurrentIndex(self.AGENDA)
        self.agenda_button.setChecked(True)
        self.refresh()

    def show_month(self, day: dt.date | None = None) -> None:
        self.month = (day or self.start).replace(day=1)
        self.stack.setCurrentIndex(self.MONTH)
        self.month_button.setChecked(True)
        self.refresh()

    def show_day(self, day: dt.date) -> None:
        """The agenda from that day, its heading chosen (a click on the month's day)."""
        self.show_agenda(day)
        row = self.model.row_of_day(day)
        if row >= 0:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        self.view.setFocus()

    def step_period(self, step: int) -> None:
        """Previous (-1) or next (+1) period: 14 days, or a month."""
        if self.mode == self.MONTH:
            self.month = month_after(self.month, step)
        else:
            self.start += dt.timedelta(days=AGENDA_DAYS * step)
        self.refresh()

    def go_today(self) -> None:
        today = dt.date.today()
        self.start = today
        self.month = today.replace(day=1)
        self.refresh()

    def _view_chosen(self, which: int) -> None:
        if which == self.MONTH:
            self.show_month(self.start)
            return
        if self.start.replace(day=1) != self.month:
            today = dt.date.today()
            self.start = today if today.replace(day=1) == self.month else self.month
        self.show_agenda()

    def _day_clicked(self, index: QModelIndex) -> None:
        day = index.data(DAY_ROLE) if index.isValid() else None
        if isinstance(day, dt.date):
            self.show_day(day)

    # --- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self.ws.vault.is_unlocked:
            self.refresh()

    def _load_choices(self) -> None:
        """The filters' lists; what was chosen stays chosen (a language switch renames)."""
        lawyer = self.lawyer.currentData() if self._choices_loaded else self._default_lawyer()
        court = self.court.currentData()
        office = self.office.currentData()
        staff = timeline.staff_choices(self.ws)
        if self.ws.actor.role is Role.LAWYER and all(
            login != self.ws.actor.login for login, _n in staff
        ):
            staff.append((self.ws.actor.login, self.ws.actor.display_name))
        found_courts = courts.list_courts(self.ws)
        found_offices = offices.list_offices(self.ws)
        for combo, everyone, items, chosen in (
            (self.lawyer, _("All lawyers"), staff, lawyer),
            (self.court, _("All courts"), [(c.id, c.name) for c in found_courts], court),
            (self.office, _("All offices"), [(o.code, o.name) for o in found_offices], office),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for key, name in items:
                combo.addItem(name, key)
                combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            combo.blockSignals(False)
        self._choices_loaded = True

    def _default_lawyer(self) -> str | None:
        return self.ws.actor.login if self.ws.actor.role is Role.LAWYER else None

    def refresh(self) -> None:
        """Read the period again (a hearing recorded elsewhere, a filter changed, unlock)."""
        self._show_period()
        if not self.sees_cases or not self.ws.vault.is_unlocked:
            return
        try:
            if not self._choices_loaded:
                self._load_choices()
            if self.mode == self.MONTH:
                first = monday_of(self.month)  # the grid's six weeks
                last = first + dt.timedelta(days=7 * WEEKS - 1)
            else:
                first, last = self.period_days()
            found = agenda(self.ws, first, last, self.current_filter())
        except LegalAidError as error:
            self.message.setText(error_text(error))
            self.message.show()
            return
        self.message.hide()
        if self.mode == self.MONTH:
            self.month_model.set_month(self.month, found)
            shown = self.month_model.index_of(dt.date.today())
            if not shown.isValid() or dt.date.today().replace(day=1) != self.month:
                shown = self.month_model.index_of(self.month)
            self.month_view.setCurrentIndex(shown)
        else:
            self.model.set_agenda(found, self.start)
            self._span_headings()
        self._summarise(found)
        self._update_buttons()

    def _span_headings(self) -> None:
        self.view.clearSpans()
        columns = self.model.columnCount()
        for row in range(self.model.rowCount()):
            if isinstance(self.model.row_at(row), DayHeading):
                self.view.setSpan(row, 0, 1, columns)

    def _summarise(self, found: Agenda | None) -> None:
        if found is None:
            self.count.clear()
            return
        hearings = ngettext("{count} hearing", "{count} hearings", len(found.hearings)).format(
            count=len(found.hearings)
        )
        due = ngettext("{count} deadline", "{count} deadlines", len(found.deadlines)).format(
            count=len(found.deadlines)
        )
        text = _("{hearings}, {deadlines}").format(hearings=hearings, deadlines=due)
        if found.conflicts:
            clashes = ngettext(
                "{count} at the same time", "{count} at the same time", len(found.conflicts)
            ).format(count=len(found.conflicts))
            text = f"{text} · {CONFLICT_MARK} {clashes}"
        self.count.setText(text)

    def _show_period(self) -> None:
        if self.mode == self.MONTH:
            self.period.setText(sentence_case(format_date(self.month, "LLLL y")))
            return
        first, last = self.period_days()
        self.period.setText(
            _("{first} – {last}").format(first=format_form_date(first), last=format_form_date(last))
        )

    def clear(self) -> None:
        """At a lock: no case number, court or lawyer's day stays on screen."""
        self.model.clear()
        self.view.clearSpans()
        self.month_model.clear()
        self.count.clear()
        self.message.hide()
        if self.export_dialog is not None:
            self.export_dialog.close()
            self.export_dialog = None
        self._close_form()
        self._update_buttons()

    # --- actions -------------------------------------------------------------------------
    def chosen(self) -> object:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self, *_args: object) -> None:
        row = self.chosen() if self.mode == self.AGENDA else None
        self.open_button.setEnabled(isinstance(row, HearingRow | DeadlineRow))
        self.done_button.setEnabled(
            isinstance(row, DeadlineRow) and row.state is DeadlineState.OPEN
        )
        self.result_button.setEnabled(isinstance(row, HearingRow))

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if isinstance(row, HearingRow):
            self.open_case.emit(row.case_id, row.proceeding_id)
        elif isinstance(row, DeadlineRow):
            self.open_case.emit(row.case_id, row.proceeding_id or 0)

    def mark_done(self) -> None:
        row = self.chosen()
        if not isinstance(row, DeadlineRow):
            return
        current = self.view.currentIndex()
        try:
            deadlines.close_deadline(self.ws, row.id, DeadlineState.DONE)
        except LegalAidError as error:
            self.message.setText(error_text(error))
            self.message.show()
            return
        self.refresh()
        if current.isValid() and current.row() < self.model.rowCount():
            self.view.selectionModel().setCurrentIndex(
                self.model.index(current.row(), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.changed.emit()

    def chosen_day(self) -> dt.date | None:
        """The day a new hearing would go on: the month's chosen cell, or the agenda's row."""
        if self.mode == self.MONTH:
            day = self.month_view.currentIndex().data(DAY_ROLE)
        else:
            day = self.view.currentIndex().data(DAY_ROLE)
        return day if isinstance(day, dt.date) and day >= dt.date.today() else None

    def new_hearing(self) -> HearingDialog | None:
        """A hearing of any proceeding, found by its case number (the chosen row's case is
        filled in), on the chosen day."""
        if not self.may_edit or not self.ws.vault.is_unlocked:
            return None
        row = self.chosen() if self.mode == self.AGENDA else None
        known = row if isinstance(row, HearingRow | DeadlineRow) else None
        dialog = HearingDialog(
            self.ws,
            None,
            self,
            case_number=known.case_number if known else "",
            proceeding_id=known.proceeding_id if known else None,
            day=self.chosen_day(),
        )
        self._open_form(dialog, lambda saved: self._saved(saved.id, saved.starts_at))
        return dialog

    def record_result(self) -> HearingResultDialog | None:
        """What happened at the chosen hearing (adjourned to a next date, decided...)."""
        row = self.chosen()
        if not self.may_edit or not isinstance(row, HearingRow):
            return None
        try:
            info = proceedings.get_proceeding(self.ws, row.proceeding_id)
        except LegalAidError as error:
            self.message.setText(error_text(error))
            self.message.show()
            return None
        hearing = next((h for h in info.hearings if h.id == row.id), row)
        dialog = HearingResultDialog(self.ws, info, hearing, self)
        self._open_form(dialog, self._recorded)
        return dialog

    def _recorded(self, recorded: proceedings.RecordedHearing) -> None:
        following = recorded.next_hearing
        if following is not None:
            self._saved(following.id, following.starts_at)
        else:
            self._saved(recorded.hearing.id, recorded.hearing.starts_at)

    def _open_form(self, dialog: CourtForm, done: Callable[[Any], None]) -> None:
        self._close_form()
        self.form = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.saved.connect(done)
        dialog.show()

    def _close_form(self) -> None:
        if self.form is not None:
            self.form.close()
            self.form = None

    def _saved(self, hearing_id: int, starts_at: dt.datetime) -> None:
        """Show the hearing saved: its day in the agenda, its row chosen; the Dashboard and
        an open case hear of it through `changed`."""
        self.form = None
        self.show_day(starts_at.astimezone().date())
        row = next(
            (
                i
                for i in range(self.model.rowCount())
                if isinstance(r := self.model.row_at(i), HearingRow) and r.id == hearing_id
            ),
            -1,
        )
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.changed.emit()

    def export_ics(self) -> IcsExportDialog:
        """The export dialog over the period shown (window-modal; returned for tests)."""
        first, last = self.period_days()
        if self.export_dialog is not None:
            self.export_dialog.close()
        self.export_dialog = IcsExportDialog(self.ws, first, last, self)
        self.export_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.export_dialog.show()
        return self.export_dialog

    # --- language ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Court calendar"))
        self.previous_button.setText(_("&Previous"))
        self.today_button.setText(_("&Today"))
        self.next_button.setText(_("&Next"))
        self.agenda_button.setText(_("&Agenda"))
        self.month_button.setText(_("&Month"))
        self.lawyer_label.setText(_("La&wyer"))
        self.court_label.setText(_("&Court"))
        self.office_label.setText(_("Off&ice"))
        self.export_button.setText(_("E&xport my hearings (.ics)…"))
        self.new_hearing_button.setText(_("New hearin&g…"))
        self.result_button.setText(_("Record the re&sult…"))
        self.result_button.setToolTip(_("What happened at the chosen hearing"))
        self.done_button.setText(_("Deadline &done"))
        self.done_button.setToolTip(_("Mark the chosen deadline done"))
        self.open_button.setText(_("&Open the case"))
        self.legend.setText(
            _("{conflict} a lawyer in two hearings at once · {deadline} a deadline").format(
                conflict=CONFLICT_MARK, deadline=DEADLINE_MARK
            )
        )
        self.refusal.setText(
            _(
                "Hearings and deadlines belong to client files: they appear here for staff "
                "who work on cases."
            )
        )
        self.view.setAccessibleName(_("Hearings and deadlines by day"))
        self.month_view.setAccessibleName(_("Hearings and deadlines of the month"))
        for combo, everyone in (
            (self.lawyer, _("All lawyers")),
            (self.court, _("All courts")),
            (self.office, _("All offices")),
        ):
            if combo.count():
                combo.setItemText(0, everyone)
        self.model.retranslate()
        self.month_model.retranslate()
        self._show_period()
        if self.sees_cases and self._choices_loaded and self.ws.vault.is_unlocked:
            try:
                self._load_choices()  # court and office names in the new language
            except LegalAidError as error:
                self.message.setText(error_text(error))
                self.message.show()
        if self.isVisible():
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

"""One case's timeline: notes, activities, tasks and milestones, newest first; a form to add
a note or an activity; the case's open tasks, with a form to set one and a Done button.

The list is a table model over what `services.timeline.case_timeline` returns (a case has
hundreds of items at most: they are loaded at once, and the view paints only the rows on
screen). Texts are rendered when a view asks, in the current language. The core validates;
its message appears next to the field and everything typed stays. `clear()` (at a lock)
drops every item and whatever was typed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QEvent,
    QItemSelection,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.enums import ActivityKind
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import N_, _, format_form_date, sentence_case
from legalaid.services import timeline
from legalaid.services.timeline import (
    MAX_DURATION_MINUTES,
    EntryInput,
    TaskRow,
    TimelineItem,
)
from legalaid.services.workspace import Workspace
from ui.choices import select_data
from ui.field_rows import FieldRows
from ui.qdates import date_edit, from_qdate, to_qdate
from ui.table_models import Index, InMemoryTableModel

ITEM_ROLE = Qt.ItemDataRole.UserRole  # TimelineItem of a timeline row; TaskRow of a task row
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the task's id
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the task's case id
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3  # bool

OVERDUE_COLOUR = QColor("#a12622")  # as QLabel#error
DATE_TIME_FORMAT = "dd.MM.yyyy HH:mm"


# --- texts -------------------------------------------------------------------------------


def when_text(item: TimelineItem) -> str:
    """dd.MM.yyyy HH:mm in local time (the date in the language's form); the date alone
    when only the date is known."""
    local = item.local_at
    if item.all_day:
        return format_form_date(local.date())
    return f"{format_form_date(local.date())} {local:%H:%M}"


def duration_text(minutes: int | None) -> str:
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("{minutes} min").format(minutes=rest)
    if not rest:
        return _("{hours} h").format(hours=hours)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)


def due_text(due_on: dt.date | None, overdue: bool) -> str:
    if due_on is None:
        return "—"
    text = format_form_date(due_on)
    return _("{date} · overdue").format(date=text) if overdue else text


def details_text(item: TimelineItem) -> str:
    """What the item says, on one line (the detail pane shows it in full)."""
    if item.source == "task":
        text = (
            _("{title} — for {name}, due {date}").format(
                title=item.text, name=item.assignee or "", date=format_form_date(item.due_on)
            )
            if item.due_on
            else _("{title} — for {name}").format(title=item.text, name=item.assignee or "")
        )
    else:
        text = item.text
    return " ".join(text.split())


def full_text(item: TimelineItem) -> str:
    head = " · ".join(
        part
        for part in (
            when_text(item),
            sentence_case(item.label),
            item.who,
            duration_text(item.duration_minutes),
        )
        if part
    )
    body = details_text(item) if item.source == "task" else item.text
    return f"{head}\n\n{body}" if body else head


# --- models ------------------------------------------------------------------------------


class TimelineModel(InMemoryTableModel):
    WHEN, KIND, WHO, DURATION, DETAILS = range(5)
    HEADERS = (N_("When"), N_("What"), N_("Who"), N_("Duration"), N_("Details"))

    def set_items(self, items: Sequence[TimelineItem]) -> None:
        self.set_rows(items)

    def item_at(self, row: int) -> TimelineItem | None:
        item: TimelineItem | None = self.row_at(row)
        return item

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item: TimelineItem | None = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.DETAILS:
            return full_text(item)
        if role == ITEM_ROLE:
            return item
        return None

    def _display(self, item: TimelineItem, column: int) -> str:
        if column == self.WHEN:
            return when_text(item)
        if column == self.KIND:
            return sentence_case(item.label)
        if column == self.WHO:
            return item.who
        if column == self.DURATION:
            return duration_text(item.duration_minutes)
        if column == self.DETAILS:
            return details_text(item)
        return ""


class TaskTableModel(InMemoryTableModel):
    """Tasks (TaskRow), with the columns asked for; overdue ones in red and bold."""

    DUE, CASE, TITLE, ASSIGNEE = range(4)
    ALL_HEADERS = {DUE: N_("Due"), CASE: N_("Case"), TITLE: N_("Task"), ASSIGNEE: N_("For")}

    def __init__(self, columns: Sequence[int]) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self.HEADERS = tuple(self.ALL_HEADERS[c] for c in self.columns)

    def set_tasks(self, tasks: Sequence[TaskRow]) -> None:
        self.set_rows(tasks)

    def task_at(self, row: int) -> TaskRow | None:
        task: TaskRow | None = self.row_at(row)
        return task

    def column_of(self, kind: int) -> int:
        return self.columns.index(kind)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        task: TaskRow | None = self.row_at(index.row()) if index.isValid() else None
        if task is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(task, self.columns[index.column()])
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[index.column()] == self.TITLE:
            return task.title
        if role == Qt.ItemDataRole.ForegroundRole and task.overdue:
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and task.overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == ITEM_ROLE:
            return task
        if role == ID_ROLE:
            return task.id
        if role == CASE_ID_ROLE:
            return task.case_id
        if role == OVERDUE_ROLE:
            return task.overdue
        return None

    def _display(self, task: TaskRow, column: int) -> str:
        if column == self.DUE:
            return due_text(task.due_on, task.overdue)
        if column == self.CASE:
            return task.case_number
        if column == self.TITLE:
            return " ".join(task.title.split())
        if column == self.ASSIGNEE:
            return task.assignee
        return ""


def table_view(model: QAbstractTableModel, widths: Sequence[int]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    return view


# --- the widget --------------------------------------------------------------------------


class TimelineView(QWidget):
    """The timeline tab of a case. `show_case(ws, case_id)` loads it; `clear()` empties it."""

    changed = Signal()  # an entry or a task was added, or a task marked done

    def __init__(self) -> None:
        super().__init__()
        self.ws: Workspace | None = None
        self.case_id: int | None = None

        self.model = TimelineModel()
        self.list = table_view(self.model, [132, 110, 135])
        self.list.horizontalHeader().setSectionResizeMode(  # "Длительность" is long
            3, QHeaderView.ResizeMode.ResizeToContents
        )
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setMaximumHeight(130)
        self.message = QLabel()  # a refused load or a refused Done
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()

        # Adding a note or an activity.
        self.kind = QComboBox()
        self.occurred_at = QDateTimeEdit()
        self.occurred_at.setDisplayFormat(DATE_TIME_FORMAT)
        self.occurred_at.setCalendarPopup(True)
        self.duration = QSpinBox()
        self.duration.setRange(0, MAX_DURATION_MINUTES)
        self.duration.setSingleStep(5)
        self.duration.setSpecialValueText("—")  # 0: not stated
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(70)
        self.staff = QComboBox()
        self.entry_rows = FieldRows(
            {
                "kind": self.kind,
                "occurred_at": self.occurred_at,
                "duration_minutes": self.duration,
                "text": self.text,
                "staff_login": self.staff,
            }
        )
        self.save_button = QPushButton()
        self.entry_message = QLabel()
        self.entry_message.setObjectName("error")
        self.entry_message.setWordWrap(True)
        self.entry_box = QGroupBox()
        entry_column = QVBoxLayout(self.entry_box)
        entry_column.addLayout(self.entry_rows.layout)
        entry_column.addWidget(self.entry_message)
        entry_column.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)

        # The case's tasks.
        self.task_model = TaskTableModel(
            (TaskTableModel.DUE, TaskTableModel.TITLE, TaskTableModel.ASSIGNEE)
        )
        self.tasks = table_view(self.task_model, [185, 200])
        self.tasks.setMinimumHeight(110)
        self.no_tasks = QLabel()
        self.done_button = QPushButton()
        self.done_button.setEnabled(False)
        self.task_title = QLineEdit()
        self.task_title.setMaxLength(300)
        self.assignee = QComboBox()
        self.has_due = QCheckBox()
        self.due_on = date_edit()
        self.due_on.setEnabled(False)
        due_widget = QWidget()
        due_row = QHBoxLayout(due_widget)
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due_on, 1)
        self.task_rows = FieldRows(
            {"title": self.task_title, "assignee": self.assignee, "due_on": due_widget}
        )
        self.add_task_button = QPushButton()
        self.task_message = QLabel()
        self.task_message.setObjectName("error")
        self.task_message.setWordWrap(True)
        self.task_box = QGroupBox()
        task_column = QVBoxLayout(self.task_box)
        task_column.addWidget(self.tasks)
        task_column.addWidget(self.no_tasks)
        task_column.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignRight)
        self.new_task = QWidget()
        new_task_column = QVBoxLayout(self.new_task)
        new_task_column.setContentsMargins(0, 0, 0, 0)
        new_task_column.addLayout(self.task_rows.layout)
        new_task_column.addWidget(self.add_task_button, 0, Qt.AlignmentFlag.AlignRight)
        task_column.addWidget(self.new_task)
        task_column.addWidget(self.task_message)

        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.message)
        left_column.addWidget(self.list, 1)
        left_column.addWidget(self.detail)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.addWidget(self.entry_box)
        right_column.addWidget(self.task_box)
        right_column.addStretch(1)
        scroll = QScrollArea()  # at 1366x768 both forms do not fit under each other
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(right)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.list.selectionModel().selectionChanged.connect(self._show_detail)
        self.tasks.selectionModel().selectionChanged.connect(self._task_chosen)
        self.has_due.toggled.connect(self.due_on.setEnabled)
        self.save_button.clicked.connect(self.save_entry)
        self.add_task_button.clicked.connect(self.add_task)
        self.task_title.returnPressed.connect(self.add_task)
        self.done_button.clicked.connect(self.mark_done)
        self._fill_kinds()
        self._reset_entry()
        self._set_editable(False)
        self.retranslate_ui()

    # --- language ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.entry_box.setTitle(_("Add a note or an activity"))
        self.entry_rows.set_labels(
            {
                "kind": _("&What"),
                "occurred_at": _("Wh&en"),
                "duration_minutes": _("D&uration, minutes"),
                "text": _("&Text"),
                "staff_login": _("&Who"),
            }
        )
        self.save_button.setText(_("Save"))
        self.task_box.setTitle(_("Tasks"))
        self.task_rows.set_labels({"title": _("T&ask"), "assignee": _("&For"), "due_on": _("D&ue")})
        self.has_due.setText(_("by a date"))
        self.has_due.setAccessibleName(_("The task has a due date"))
        self.due_on.setAccessibleName(_("Due date"))
        self.add_task_button.setText(_("Add the task"))
        self.done_button.setText(_("Done"))
        self.done_button.setAccessibleName(_("Mark the chosen task done"))
        self.no_tasks.setText(_("No open tasks."))
        self.list.setAccessibleName(_("Case timeline"))
        self.tasks.setAccessibleName(_("Open tasks of this case"))
        self.detail.setAccessibleName(_("The chosen entry in full"))
        self.detail.setPlaceholderText(_("Choose an entry to read it in full."))
        for index in range(self.kind.count()):
            self.kind.setItemText(
                index, sentence_case(ActivityKind(self.kind.itemData(index)).label)
            )
        self.model.retranslate()
        self.task_model.retranslate()
        self._show_detail()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- loading -------------------------------------------------------------------------
    def show_case(self, ws: Workspace, case_id: int) -> None:
        """Load the case's timeline and tasks. The caller has opened the case (audited);
        a refusal appears in the widget, not as an exception."""
        same_case = (self.ws, self.case_id) == (ws, case_id)
        if not same_case:
            self._forget_input()
        self.ws, self.case_id = ws, case_id
        try:
            staff = timeline.staff_choices(ws)
            editable = timeline.may_add(ws, case_id)
        except LegalAidError as error:
            self._loaded_nothing(str(error))
            return
        for combo in (self.staff, self.assignee):
            chosen = combo.currentData() if same_case else None
            self._fill_staff(combo, staff, chosen or ws.actor.login)
        self._set_editable(editable)
        self.reload()

    def reload(self) -> None:
        """Read the timeline and the open tasks again (after a change elsewhere)."""
        if self.ws is None or self.case_id is None:
            return
        try:
            items = timeline.case_timeline(self.ws, self.case_id)
            tasks = timeline.case_tasks(self.ws, self.case_id)
        except LegalAidError as error:
            self._loaded_nothing(str(error))
            return
        self.message.hide()
        self.model.set_items(items)
        self.task_model.set_tasks(tasks)
        self._tasks_shown()
        self._show_detail()

    def _loaded_nothing(self, message: str) -> None:
        self.model.clear()
        self.task_model.clear()
        self._tasks_shown()
        self._set_editable(False)
        self.message.setText(message)
        self.message.show()

    def clear(self) -> None:
        """Forget the case and everything typed (the vault locks or another record opens)."""
        self.ws = self.case_id = None
        self.model.clear()
        self.task_model.clear()
        self._tasks_shown()
        self.detail.clear()
        self.message.clear()
        self.message.hide()
        self._forget_input()
        self.staff.clear()
        self.assignee.clear()
        self._set_editable(False)

    def typed(self) -> dict[str, Any]:
        """What is typed and not yet saved in the two small forms (kept across a lock)."""
        return {
            "kind": self.kind.currentData(),
            "occurred_at": self.occurred_at.dateTime().toString(Qt.DateFormat.ISODate),
            "duration": self.duration.value(),
            "text": self.text.toPlainText(),
            "staff": self.staff.currentData(),
            "task_title": self.task_title.text(),
            "assignee": self.assignee.currentData(),
            "has_due": self.has_due.isChecked(),
            "due_on": from_qdate(self.due_on.date()).isoformat(),
        }

    def has_typed(self) -> bool:
        """Text in either small form that is not saved yet."""
        return bool(self.text.toPlainText().strip() or self.task_title.text().strip())

    def restore_typed(self, typed: dict[str, Any]) -> None:
        select_data(self.kind, typed.get("kind"))
        when = QDateTime.fromString(str(typed.get("occurred_at", "")), Qt.DateFormat.ISODate)
        if when.isValid():
            self.occurred_at.setDateTime(when)
        self.duration.setValue(int(typed.get("duration") or 0))
        self.text.setPlainText(str(typed.get("text", "")))
        for combo, key in ((self.staff, "staff"), (self.assignee, "assignee")):
            found = combo.findData(typed.get(key))
            if found >= 0:
                combo.setCurrentIndex(found)
        self.task_title.setText(str(typed.get("task_title", "")))
        self.has_due.setChecked(bool(typed.get("has_due")))
        with contextlib.suppress(TypeError, ValueError):
            self.due_on.setDate(to_qdate(dt.date.fromisoformat(str(typed.get("due_on")))))

    def _forget_input(self) -> None:
        self.text.clear()
        self.task_title.clear()
        self._reset_entry()
        self.has_due.setChecked(False)
        self.due_on.setDate(to_qdate(dt.date.today()))
        for rows in (self.entry_rows, self.task_rows):
            rows.clear_errors()
        self.entry_message.clear()
        self.task_message.clear()

    def _set_editable(self, editable: bool) -> None:
        """The forms are offered only to who may change the case (the services decide)."""
        self.entry_box.setVisible(editable)
        self.new_task.setVisible(editable)

    # --- choices -------------------------------------------------------------------------
    def _fill_kinds(self) -> None:
        for kind in ActivityKind:
            self.kind.addItem(sentence_case(kind.label), kind.value)

    @staticmethod
    def _fill_staff(combo: QComboBox, staff: list[tuple[str, str]], chosen: str) -> None:
        combo.clear()
        for login, name in staff:
            combo.addItem(f"{name} ({login})", login)
        select_data(combo, chosen)

    def _reset_entry(self) -> None:
        self.occurred_at.setDateTime(QDateTime.currentDateTime())
        self.duration.setValue(0)

    # --- the selected rows ---------------------------------------------------------------
    def _show_detail(self, *_args: QItemSelection) -> None:
        rows = self.list.selectionModel().selectedRows()
        item = self.model.item_at(rows[0].row()) if rows else None
        self.detail.setPlainText(full_text(item) if item else "")

    def _task_chosen(self, *_args: QItemSelection) -> None:
        self.done_button.setEnabled(bool(self.tasks.selectionModel().selectedRows()))

    def _tasks_shown(self) -> None:
        has_tasks = self.task_model.rowCount() > 0
        self.tasks.setVisible(has_tasks)
        self.done_button.setVisible(has_tasks)
        self.no_tasks.setVisible(not has_tasks)
        self._task_chosen()

    # --- actions -------------------------------------------------------------------------
    def entry_input(self) -> EntryInput:
        return EntryInput(
            kind=self.kind.currentData(),
            occurred_at=self.occurred_at.dateTime().toPython(),  # type: ignore[arg-type]
            duration_minutes=self.duration.value() or None,
            text=self.text.toPlainText(),
            staff_login=self.staff.currentData(),
        )

    def save_entry(self) -> None:
        if self.ws is None or self.case_id is None:
            return
        self.entry_rows.clear_errors()
        self.entry_message.clear()
        try:
            timeline.add_entry(self.ws, self.case_id, self.entry_input())
        except ValidationError as error:
            if not self.entry_rows.show_error(error.field, str(error)):
                self.entry_message.setText(str(error))
            return
        except LegalAidError as error:
            self.entry_message.setText(str(error))
            return
        self.text.clear()
        self._reset_entry()
        self.reload()
        self.changed.emit()

    def add_task(self) -> None:
        if self.ws is None or self.case_id is None:
            return
        self.task_rows.clear_errors()
        self.task_message.clear()
        due = from_qdate(self.due_on.date()) if self.has_due.isChecked() else None
        try:
            timeline.add_task(
                self.ws, self.case_id, self.task_title.text(), self.assignee.currentData(), due
            )
        except ValidationError as error:
            if not self.task_rows.show_error(error.field, str(error)):
                self.task_message.setText(str(error))
            elif error.field == "due_on":
                self.due_on.setFocus()  # the field is the row holding the check box and date
            return
        except LegalAidError as error:
            self.task_message.setText(str(error))
            return
        self.task_title.clear()
        self.has_due.setChecked(False)
        self.reload()
        self.changed.emit()

    def mark_done(self) -> None:
        rows = self.tasks.selectionModel().selectedRows()
        task = self.task_model.task_at(rows[0].row()) if rows else None
        if self.ws is None or task is None:
            return
        self.task_message.clear()
        try:
            timeline.complete_task(self.ws, task.id)
        except LegalAidError as error:
            self.task_message.setText(str(error))
            return
        self.reload()
        self.changed.emit()

"""The Dashboard: the signed-in person's open tasks on cases they may see, overdue ones first
and marked, each opening its case (double-click or Enter) or marked done in place.

Above them: cases flagged urgent until someone records the action, and the referrals
that need attention (ui/referrals_panel.py). The list reloads whenever the page is shown
and on `refresh()`; `clear()` (at a lock) drops it. Roles that see no client files (trial
monitors) get a line saying so instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from legalaid.errors import LegalAidError
from legalaid.i18n import _, ngettext
from legalaid.services import dashboard, timeline
from legalaid.services.dashboard import DashboardNumbers
from legalaid.services.permissions import Permission, allowed
from legalaid.services.timeline import TaskRow
from legalaid.services.workspace import Workspace
from ui.court_panel import CourtPanel
from ui.dashboard_tiles import TileRow
from ui.messages import error_text
from ui.referrals_panel import ReferralsPanel
from ui.timeline_view import TaskTableModel, table_view
from ui.urgent_panel import UrgentPanel
from ui.worker import Call

TASK_LIMIT = 100


class DashboardPage(QWidget):
    open_case = Signal(int)  # the id of the case a task belongs to
    open_referral = Signal(int, int)  # case id, referral id (the referrals panel)
    open_court = Signal(int, int)  # case id, proceeding id (the court panel)
    changed = Signal()  # a task was marked done here
    open_tile = Signal(str)  # a tile's key (ui/dashboard_tiles.py): show its list

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.title = QLabel()
        self.title.setObjectName("title")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = TaskTableModel((TaskTableModel.DUE, TaskTableModel.CASE, TaskTableModel.TITLE))
        self.view = table_view(self.model, [230, 170])
        self.open_button = QPushButton()
        self.done_button = QPushButton()
        self.refresh_button = QPushButton()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.done_button)
        self.urgent = UrgentPanel(ws)
        self.urgent.open_case.connect(self.open_case)
        self.urgent.changed.connect(self._urgent_recorded)
        self.referrals = ReferralsPanel(ws)
        self.referrals.open_referral.connect(self.open_referral)
        self.court = CourtPanel(ws)
        self.court.open_case.connect(self.open_court)
        self.tiles = TileRow()
        self.tiles.chosen.connect(self._tile_chosen)
        self.job: Call | None = None
        self._count_again = False
        self._generation = 0  # bumped by clear(): numbers arriving after a lock are dropped
        layout = QVBoxLayout(self)
        layout.addWidget(self.tiles)
        layout.addWidget(self.urgent)
        layout.addWidget(self.court)
        layout.addWidget(self.referrals)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.sees_cases = allowed(ws.actor.role, Permission.VIEW_RECORDS)
        for widget in (
            self.view,
            self.open_button,
            self.done_button,
            self.refresh_button,
            self.referrals,
            self.court,
        ):
            widget.setVisible(self.sees_cases)
        # Enter and double-click both activate a row (Qt sends `activated` for each).
        self.view.activated.connect(self._activated)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.open_button.clicked.connect(lambda: self._activated(self.view.currentIndex()))
        self.done_button.clicked.connect(self.mark_done)
        self.refresh_button.clicked.connect(self.refresh)
        self._selection_changed()
        self.retranslate_ui()

    # --- language ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("My tasks"))
        self.view.setAccessibleName(_("My tasks"))
        self.open_button.setText(_("&Open the case"))
        self.done_button.setText(_("Done"))
        self.done_button.setAccessibleName(_("Mark the chosen task done"))
        self.refresh_button.setText(_("Refresh"))
        self.model.retranslate()
        self.tiles.retranslate()
        self._summarise()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _summarise(self) -> None:
        if not self.sees_cases:
            self.summary.setText(_("Tasks on cases appear here for staff who work on cases."))
            return
        tasks = [self.model.task_at(row) for row in range(self.model.rowCount())]
        count = len(tasks)
        late = sum(1 for task in tasks if task is not None and task.overdue)
        if not count:
            self.summary.setText(_("No open tasks."))
            return
        text = ngettext("{count} open task", "{count} open tasks", count).format(count=count)
        if late:
            text += ", " + ngettext("{count} overdue", "{count} overdue", late).format(count=late)
        self.summary.setText(text)

    # --- loading -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self.ws.vault.is_unlocked:
            self.refresh()

    def _urgent_recorded(self) -> None:
        self.refresh()  # its urgent task is done too
        self.changed.emit()

    def _tile_chosen(self, key: str) -> None:
        if key == "urgent":  # its list is on this page
            self.urgent.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.open_tile.emit(key)

    def count_tiles(self) -> None:
        """The tiles' numbers, counted off the GUI thread (a coordinator's six months of key
        numbers take a moment on a big vault)."""
        if self.job is not None:
            self._count_again = True  # a count started before a lock or a change: once more
            return
        self._count_again = False
        ws, generation = self.ws, self._generation
        self.job = Call(lambda: dashboard.dashboard_numbers(ws), self, blocks_lock=False)
        self.job.done.connect(lambda numbers: self._tiles_counted(numbers, generation))
        self.job.failed.connect(lambda error: self._tiles_failed(error, generation))
        self.job.start()

    def _tiles_counted(self, numbers: DashboardNumbers, generation: int) -> None:
        self.job = None
        if generation == self._generation:
            self.tiles.show_numbers(numbers)
        self._again()

    def _tiles_failed(self, error: BaseException, generation: int) -> None:
        self.job = None
        if generation == self._generation and self.ws.vault.is_unlocked:
            self.message.setText(error_text(error))  # the tiles keep their last numbers
        self._again()

    def _again(self) -> None:
        if self._count_again and self.ws.vault.is_unlocked:
            self.count_tiles()

    def refresh(self) -> None:
        """Read the open tasks again (a task set or done elsewhere, an unlock)."""
        self.count_tiles()
        if not self.sees_cases:
            return
        self.urgent.refresh()
        self.referrals.refresh()
        self.court.refresh()
        self.message.clear()
        try:
            tasks = timeline.my_open_tasks(self.ws, TASK_LIMIT)
        except LegalAidError as error:
            self.message.setText(str(error))
            tasks = []
        self.model.set_tasks(tasks)
        self._selection_changed()
        self._summarise()

    def clear(self) -> None:
        """Drop the list (the vault locks: no case number or task stays on screen)."""
        self._generation += 1
        self.tiles.show_numbers(None)
        self.urgent.clear()
        self.referrals.clear()
        self.court.clear()
        self.model.clear()
        self.message.clear()
        self._selection_changed()
        self._summarise()

    # --- actions -------------------------------------------------------------------------
    def _chosen(self) -> TaskRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.task_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: QItemSelection) -> None:
        chosen = self._chosen() is not None
        self.open_button.setEnabled(chosen)
        self.done_button.setEnabled(chosen)

    def _activated(self, index: QModelIndex) -> None:
        task = self.model.task_at(index.row()) if index.isValid() else None
        if task is not None:
            self.open_case.emit(task.case_id)

    def mark_done(self) -> None:
        task = self._chosen()
        if task is None:
            return
        try:
            timeline.complete_task(self.ws, task.id)
        except LegalAidError as error:
            self.message.setText(str(error))
            return
        self.refresh()
        self.changed.emit()

"""The Dashboard's court lists: hearings today and this week, deadlines in the next 7 days,
missed deadlines, and detained clients whose custody needs someone to act — buttons with
their counts over one short list; a row opens the case on its Court tab.

A lawyer sees their own hearings and deadlines; custody alerts are for every case the
person may see (a detained client is everyone's concern).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from legalaid.domain.enums import Role
from legalaid.errors import LegalAidError
from legalaid.i18n import N_, _, format_form_date, sentence_case
from legalaid.services import agenda
from legalaid.services.agenda import CourtDashboard
from legalaid.services.workspace import Workspace
from ui.messages import error_text
from ui.table_models import Index, InMemoryTableModel
from ui.timeline_view import OVERDUE_COLOUR, table_view

LISTS = ("today", "week", "deadlines", "missed", "custody")
LABELS = {
    "today": N_("Hearings today ({count})"),
    "week": N_("This week ({count})"),
    "deadlines": N_("Deadlines, 7 days ({count})"),
    "missed": N_("Missed deadlines ({count})"),
    "custody": N_("Custody ({count})"),
}


@dataclass(frozen=True)
class CourtItem:
    """One line of any of the lists."""

    when: dt.datetime  # aware
    what: str  # translated when the list is drawn
    case_id: int
    case_number: str
    detail: str
    proceeding_id: int
    urgent: bool


class CourtItemModel(InMemoryTableModel):
    HEADERS = (N_("When"), N_("Case"), N_("What"), N_("Where / who"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row()) if index.isValid() else None
        if not isinstance(item, CourtItem):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            local = item.when.astimezone()
            values = (
                f"{format_form_date(local.date())} {local:%H:%M}",
                item.case_number,
                item.what,
                item.detail,
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and item.urgent:
            return QBrush(OVERDUE_COLOUR)
        return None


def items_of(board: CourtDashboard) -> dict[str, list[CourtItem]]:
    def hearings(rows: list[Any]) -> list[CourtItem]:
        return [
            CourtItem(
                h.starts_at,
                sentence_case(h.kind.label),
                h.case_id,
                h.case_number,
                " · ".join(p for p in (h.court, h.courtroom, h.lawyer) if p),
                h.proceeding_id,
                False,
            )
            for h in rows
        ]

    def deadlines(rows: list[Any], urgent: bool) -> list[CourtItem]:
        return [
            CourtItem(
                d.due_at,
                d.title + (" " + _("(rule to be confirmed)") if d.verify else ""),
                d.case_id,
                d.case_number,
                d.responsible,
                d.proceeding_id or 0,
                urgent,
            )
            for d in rows
        ]

    custody = [
        CourtItem(
            alert.warning.deadline,
            _(alert.warning.message()),
            alert.case_id,
            alert.case_number,
            "",
            0,
            True,
        )
        for alert in board.custody
    ]
    return {
        "today": hearings(board.hearings_today),
        "week": hearings(board.hearings_this_week),
        "deadlines": deadlines(board.deadlines_soon, False),
        "missed": deadlines(board.deadlines_missed, True),
        "custody": custody,
    }


class CourtPanel(QWidget):
    open_case = Signal(int, int)  # case id, proceeding id (0: none in particular)

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.title = QLabel()
        self.buttons = {key: QPushButton() for key in LISTS}
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        row.addWidget(self.title)
        for index, key in enumerate(LISTS):
            self.buttons[key].setCheckable(True)
            self.group.addButton(self.buttons[key], index)
            row.addWidget(self.buttons[key])
        row.addStretch(1)
        self.model = CourtItemModel()
        self.view = table_view(self.model, [140, 160, 300])
        self.view.setMaximumHeight(150)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.view)
        self.lists: dict[str, list[CourtItem]] = {key: [] for key in LISTS}
        self.board: CourtDashboard | None = None
        self.buttons["today"].setChecked(True)
        self.group.idToggled.connect(lambda _id, on: on and self._show_list())
        self.view.activated.connect(self._activated)
        self.retranslate_ui()

    def current_list(self) -> str:
        return LISTS[max(self.group.checkedId(), 0)]

    def refresh(self) -> None:
        try:
            # A lawyer's own calendar; others (paralegals, coordinators) see the office's.
            mine = self.ws.actor.role == Role.LAWYER
            self.board = agenda.court_dashboard(self.ws, mine_only=mine)
        except LegalAidError as error:
            self.message.setText(error_text(error))
            self.message.show()
            return
        self.message.hide()
        self.lists = items_of(self.board)
        if not self.lists[self.current_list()]:  # open on the first list with something
            order = ("custody", "missed", "today", "week", "deadlines")
            first = next((k for k in order if self.lists[k]), None)
            if first is not None:
                self.buttons[first].setChecked(True)
        self.retranslate_ui()
        self._show_list()

    def _show_list(self) -> None:
        self.model.set_rows(self.lists[self.current_list()])

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.row_at(index.row())
        if isinstance(item, CourtItem):
            self.open_case.emit(item.case_id, item.proceeding_id)

    def clear(self) -> None:
        self.board = None
        self.lists = {key: [] for key in LISTS}
        self.model.clear()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Court:"))
        if self.board is not None:
            self.lists = items_of(self.board)  # texts in the new language
            self._show_list()
        for key, button in self.buttons.items():
            button.setText(_(LABELS[key]).format(count=len(self.lists[key])))
            button.setStyleSheet(
                "color: #a12622;" if key in ("missed", "custody") and self.lists[key] else ""
            )
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

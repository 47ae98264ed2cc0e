"""The Referrals page: every referral of the cases the person may see, filtered (overdue,
awaiting sending, answered this week, mine), each opening its case on the Referrals tab;
and the register of outgoing letters (numbers never reused; cancelled ones marked).

The lists reload when the page is shown and on `refresh()`; `clear()` (at a lock) drops
them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from legalaid.errors import LegalAidError
from legalaid.i18n import N_, _, format_form_date, ngettext
from legalaid.services import letters, referrals
from legalaid.services.letters import RegisterRow
from legalaid.services.referrals import ReferralFilter
from legalaid.services.workspace import Workspace
from ui.messages import error_text
from ui.referral_models import ReferralTableModel
from ui.table_models import Index, InMemoryTableModel
from ui.timeline_view import table_view

FILTERS: tuple[tuple[str, str], ...] = (
    ("all", N_("All referrals")),
    ("overdue", N_("Answer overdue")),
    ("awaiting", N_("Awaiting sending")),
    ("answered", N_("Answered this week")),
    ("mine", N_("Mine")),
)


def referral_filter(key: str, today: dt.date | None = None) -> ReferralFilter:
    today = today or dt.date.today()
    if key == "overdue":
        return ReferralFilter(overdue=True, today=today)
    if key == "awaiting":
        return ReferralFilter(awaiting_sending=True)
    if key == "answered":
        return ReferralFilter(answered_since=today - dt.timedelta(days=today.weekday()))
    if key == "mine":
        return ReferralFilter(mine=True)
    return ReferralFilter()


class RegisterModel(InMemoryTableModel):
    HEADERS = (N_("Number"), N_("Date"), N_("Recipient"), N_("Case"), N_("Language"), N_("State"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if not isinstance(row, RegisterRow) or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        state = (
            _("cancelled: {reason}").format(reason=row.cancel_reason)
            if row.cancelled
            else _("issued")
        )
        values = (
            row.number,
            format_form_date(row.issued_on),
            row.recipient,
            row.case_number or "—",
            row.language,
            state,
        )
        return values[index.column()]


class ReferralsPage(QWidget):
    open_referral = Signal(int, int)  # case id, referral id

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.title = QLabel()
        self.title.setObjectName("title")
        self.filter = QComboBox()
        for key, _msgid in FILTERS:
            self.filter.addItem("", key)
        self.filter_label = QLabel()
        self.filter_label.setBuddy(self.filter)
        self.count = QLabel()
        self.model = ReferralTableModel(
            (
                ReferralTableModel.DUE,
                ReferralTableModel.CASE,
                ReferralTableModel.ORGANISATION,
                ReferralTableModel.STATUS,
                ReferralTableModel.RESPONSIBLE,
                ReferralTableModel.LETTER,
            )
        )
        self.view = table_view(self.model, [125, 160, 330, 200, 170])
        self.open_button = QPushButton()
        self.register_model = RegisterModel()
        self.register_view = table_view(self.register_model, [140, 95, 330, 150, 80])
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        top.addWidget(self.count, 1)
        top.addWidget(self.open_button)
        referrals_tab = QWidget()
        column = QVBoxLayout(referrals_tab)
        column.addLayout(top)
        column.addWidget(self.view, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(referrals_tab, "")
        self.tabs.addTab(self.register_view, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.view.activated.connect(self._activated)
        self.open_button.clicked.connect(self.open_chosen)
        self.tabs.currentChanged.connect(self.refresh)
        self.retranslate_ui()

    def show_filter(self, key: str) -> None:
        """Show one list (the Dashboard's tiles open the page this way)."""
        self.tabs.setCurrentIndex(0)
        index = self.filter.findData(key)
        if index >= 0 and index != self.filter.currentIndex():
            self.filter.setCurrentIndex(index)  # refreshes
        else:
            self.refresh()

    def refresh(self) -> None:
        try:
            if self.tabs.currentIndex() == 1:
                self.register_model.set_rows(letters.letter_register(self.ws))
            else:
                rows = referrals.list_referrals(self.ws, referral_filter(self.filter.currentData()))
                self.model.set_rows(rows)
                self.count.setText(
                    ngettext("{count} referral", "{count} referrals", len(rows)).format(
                        count=len(rows)
                    )
                )
                if rows:
                    self.view.selectRow(0)
        except LegalAidError as error:
            self.message.setText(error_text(error))
            self.message.show()
            return
        self.message.hide()

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.referral_at(index.row())
        if row is not None:
            self.open_referral.emit(row.case_id, row.id)

    def open_chosen(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self._activated(rows[0])

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        self.refresh()
        super().showEvent(event)

    def clear(self) -> None:
        self.model.clear()
        self.register_model.clear()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Referrals"))
        self.filter_label.setText(_("&Show"))
        for index, (_key, msgid) in enumerate(FILTERS):
            self.filter.setItemText(index, _(msgid))
        self.open_button.setText(_("&Open the case"))
        self.tabs.setTabText(0, _("Referrals"))
        self.tabs.setTabText(1, _("Register of outgoing letters"))
        self.model.retranslate()
        self.register_model.retranslate()
        if self.isVisible():
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

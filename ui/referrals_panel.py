"""The Dashboard's referrals: overdue answers, referrals awaiting sending, and answers
received this week — three buttons with their counts over one short list; a row opens the
referral (its case, on the Referrals tab). Hidden for roles that see no client files."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from legalaid.errors import LegalAidError
from legalaid.i18n import _
from legalaid.services import referrals
from legalaid.services.referrals import ReferralRow
from legalaid.services.workspace import Workspace
from ui.messages import error_text
from ui.referral_models import ReferralTableModel
from ui.timeline_view import table_view

LISTS = ("overdue", "awaiting", "answered")


class ReferralsPanel(QWidget):
    open_referral = Signal(int, int)  # case id, referral id

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.title = QLabel()
        self.title.setObjectName("subtitle")
        self.buttons = {key: QPushButton() for key in LISTS}
        self.group = QButtonGroup(self)
        row = QHBoxLayout()
        row.addWidget(self.title)
        for index, key in enumerate(LISTS):
            button = self.buttons[key]
            button.setCheckable(True)
            self.group.addButton(button, index)
            row.addWidget(button)
        row.addStretch(1)
        self.model = ReferralTableModel(
            (
                ReferralTableModel.DUE,
                ReferralTableModel.CASE,
                ReferralTableModel.ORGANISATION,
                ReferralTableModel.STATUS,
            )
        )
        self.view = table_view(self.model, [125, 160, 360])
        self.view.setMaximumHeight(150)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.view)
        self.lists: dict[str, list[ReferralRow]] = {key: [] for key in LISTS}
        self.buttons["overdue"].setChecked(True)
        self.group.idToggled.connect(lambda _id, on: on and self._show_list())
        self.view.activated.connect(self._activated)
        self.retranslate_ui()

    def current_list(self) -> str:
        return LISTS[max(self.group.checkedId(), 0)]

    def refresh(self) -> None:
        try:
            self.lists = {
                "overdue": referrals.overdue_referrals(self.ws),
                "awaiting": referrals.referrals_awaiting_sending(self.ws),
                "answered": referrals.answers_this_week(self.ws),
            }
        except LegalAidError as error:
            self.message.setText(error_text(error))
            self.message.show()
            return
        self.message.hide()
        self.retranslate_ui()
        self._show_list()

    def _show_list(self) -> None:
        self.model.set_rows(self.lists[self.current_list()])

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.referral_at(index.row())
        if row is not None:
            self.open_referral.emit(row.case_id, row.id)

    def clear(self) -> None:
        self.lists = {key: [] for key in LISTS}
        self.model.clear()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Referrals:"))
        counts = {key: len(rows) for key, rows in self.lists.items()}
        self.buttons["overdue"].setText(
            _("Answer overdue ({count})").format(count=counts["overdue"])
        )
        self.buttons["awaiting"].setText(
            _("Awaiting sending ({count})").format(count=counts["awaiting"])
        )
        self.buttons["answered"].setText(
            _("Answered this week ({count})").format(count=counts["answered"])
        )
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

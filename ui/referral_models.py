"""The table of referrals shared by the Referrals page, a case's Referrals tab and the
Dashboard: which columns each shows is chosen when it is made; an overdue answer is red."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from legalaid.i18n import N_, _, format_form_date, sentence_case
from legalaid.services.referrals import ReferralRow
from ui.table_models import Index, InMemoryTableModel
from ui.timeline_view import OVERDUE_COLOUR

ROW_ROLE = Qt.ItemDataRole.UserRole  # the ReferralRow


class ReferralTableModel(InMemoryTableModel):
    CASE, ORGANISATION, STATUS, REFERRED, DUE, LETTER, RESPONSIBLE = range(7)
    ALL_HEADERS = (
        N_("Case"),
        N_("Organisation"),
        N_("Status"),
        N_("Referred"),
        N_("Answer due"),
        N_("Letter"),
        N_("Responsible"),
    )

    def __init__(self, columns: Sequence[int]) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self.HEADERS = tuple(self.ALL_HEADERS[c] for c in self.columns)

    def referral_at(self, row: int) -> ReferralRow | None:
        found = self.row_at(row)
        return found if isinstance(found, ReferralRow) else None

    def row_of(self, referral_id: int) -> int:
        return next(
            (i for i, r in enumerate(self._rows) if r.id == referral_id),
            -1,
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.referral_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        kind = self.columns[index.column()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, kind)
        if role == Qt.ItemDataRole.ForegroundRole and kind in (self.DUE, self.STATUS):
            return QBrush(OVERDUE_COLOUR) if row.overdue() else None
        return None

    def _display(self, row: ReferralRow, kind: int) -> str:
        if kind == self.CASE:
            return row.case_number
        if kind == self.ORGANISATION:
            return row.organisation
        if kind == self.STATUS:
            status = sentence_case(row.status.label)
            return _("{status} · answer overdue").format(status=status) if row.overdue() else status
        if kind == self.REFERRED:
            return format_form_date(row.referred_on)
        if kind == self.DUE:
            return _date(row.due_on)
        if kind == self.LETTER:
            return row.letter_number or ""
        return row.responsible


def _date(value: dt.date | None) -> str:
    return format_form_date(value) if value else ""

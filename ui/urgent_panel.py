"""On the dashboard: cases taken in with an urgent danger (torture in custody, ongoing
violence, a child at risk, a deadline within days) whose urgent action nobody has recorded.
They stay here, on everyone's dashboard who may see the case, until someone writes down
what was done."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from legalaid.errors import LegalAidError
from legalaid.i18n import _, format_form_date, ngettext
from legalaid.services import intake
from legalaid.services.intake import UrgentCaseRow
from legalaid.services.permissions import Permission, allowed
from legalaid.services.workspace import Workspace

ROW_ROLE = Qt.ItemDataRole.UserRole


class UrgentPanel(QFrame):
    open_case = Signal(int)
    changed = Signal()  # an urgent action was recorded here

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.setObjectName("urgentPanel")
        self.title = QLabel()
        self.title.setObjectName("urgentTitle")
        self.cases = QListWidget()
        self.cases.setMaximumHeight(130)
        self.action_text = QLineEdit()
        self.record_button = QPushButton()
        self.open_button = QPushButton()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.action_text, 1)
        row.addWidget(self.record_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.cases)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.may_record = allowed(ws.actor.role, Permission.EDIT_CASES)
        self.action_text.setVisible(self.may_record)
        self.record_button.setVisible(self.may_record)
        self.cases.itemActivated.connect(self._open)
        self.cases.currentRowChanged.connect(lambda _row: self._enable())
        self.open_button.clicked.connect(lambda: self._open(self.cases.currentItem()))
        self.record_button.clicked.connect(self.record_action)
        self.action_text.returnPressed.connect(self.record_action)
        self.rows: list[UrgentCaseRow] = []
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        count = len(self.rows)
        self.title.setText(
            ngettext(
                "Urgent danger: {count} case waits for its urgent action",
                "Urgent danger: {count} cases wait for their urgent action",
                count,
            ).format(count=count)
        )
        self.action_text.setPlaceholderText(_("What was done (e.g. medical examination asked)"))
        self.action_text.setAccessibleName(_("What was done about the urgent danger"))
        self.record_button.setText(_("Record the action"))
        self.open_button.setText(_("Open the case"))
        self.cases.setAccessibleName(_("Cases with an urgent danger"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self) -> None:
        if not allowed(self.ws.actor.role, Permission.VIEW_RECORDS):
            return
        try:
            self.rows = intake.urgent_open_cases(self.ws)
        except LegalAidError as error:
            self.message.setText(str(error))
            self.rows = []
        self.retranslate_ui()
        self.setVisible(bool(self.rows))

    def _fill(self) -> None:
        chosen = self.cases.currentRow()
        self.cases.clear()
        for row in self.rows:
            item = QListWidgetItem(
                _("{number} · {dangers} · since {date}").format(
                    number=row.case_number,
                    dangers="; ".join(row.rule_labels()),
                    date=format_form_date(row.since),
                )
            )
            item.setData(ROW_ROLE, row.intake_id)
            self.cases.addItem(item)
        if self.rows:
            self.cases.setCurrentRow(min(max(chosen, 0), len(self.rows) - 1))
        self._enable()

    def _enable(self) -> None:
        chosen = self.cases.currentItem() is not None
        self.record_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    def _row(self, item: QListWidgetItem | None) -> UrgentCaseRow | None:
        if item is None:
            return None
        intake_id = item.data(ROW_ROLE)
        return next((row for row in self.rows if row.intake_id == intake_id), None)

    def _open(self, item: QListWidgetItem | None) -> None:
        row = self._row(item)
        if row is not None:
            self.open_case.emit(row.case_id)

    def record_action(self) -> None:
        row = self._row(self.cases.currentItem())
        if row is None or not self.may_record:
            return
        try:
            intake.record_urgent_action(self.ws, row.intake_id, self.action_text.text())
        except LegalAidError as error:
            self.message.setText(str(error))  # what was typed stays in the field
            return
        self.message.clear()
        self.action_text.clear()
        self.refresh()
        self.changed.emit()

    def clear(self) -> None:
        """On lock: no case number stays on screen (what was typed stays, hidden, like a
        form's input, for the same person's unlock)."""
        self.rows = []
        self.cases.clear()
        self.message.clear()
        self.hide()

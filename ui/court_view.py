"""A case's Court tab: its proceedings (each instance its own, the next one pointing back),
the chosen proceeding's hearings, the case's deadlines and a detained client's custody, with
the forms that change them (ui/court_dialogs.py).

Every change goes through the services, which check the role and the case; the buttons are
offered only to who may change this case. A refusal appears in the tab (or at the field in
a form) and what was typed stays. `clear()` (at a lock) forgets the case and closes the
form it opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.deadline_rules import deadline_rules
from legalaid.domain.enums import DeadlineState, HearingResult, Representation
from legalaid.errors import LegalAidError
from legalaid.i18n import N_, _, current_language, format_form_date, ngettext, sentence_case
from legalaid.services import deadlines, proceedings, timeline
from legalaid.services.deadlines import DeadlineRow
from legalaid.services.proceedings import (
    NEXT_INSTANCE,
    CustodyRow,
    HearingRow,
    ProceedingInfo,
    RecordedHearing,
    case_custody,
)
from legalaid.services.workspace import Workspace
from ui.attachments_view import AttachmentsView
from ui.court_dialogs import (
    CourtForm,
    CustodyDialog,
    DeadlineDialog,
    HearingDialog,
    HearingResultDialog,
    NextInstanceDialog,
    ProceedingDialog,
    moment_text,
    warning_text,
)
from ui.messages import error_text
from ui.table_models import Index, InMemoryTableModel
from ui.timeline_view import OVERDUE_COLOUR, table_view

ROW_ROLE = Qt.ItemDataRole.UserRole  # the row's ProceedingInfo, HearingRow or DeadlineRow
PENDING_COLOUR = QColor("#8a5a00")  # as QLabel#warning: a past hearing with no result
CLOSED_COLOUR = QColor("#6b7480")  # a deadline done, missed or not applicable


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


# --- models --------------------------------------------------------------------------------


class ProceedingTableModel(InMemoryTableModel):
    COURT, NUMBER, KIND, INSTANCE, ROLE, LAWYER, STATUS = range(7)
    HEADERS = (
        N_("Court"),
        N_("Number"),
        N_("Kind"),
        N_("Instance"),
        N_("Client's role"),
        N_("Lawyer"),
        N_("Status"),
    )

    def proceeding_at(self, row: int) -> ProceedingInfo | None:
        found = self.row_at(row)
        return found if isinstance(found, ProceedingInfo) else None

    def row_of(self, proceeding_id: int | None) -> int:
        return next((i for i, p in enumerate(self._rows) if p.id == proceeding_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        info = self.proceeding_at(index.row()) if index.isValid() else None
        if info is None:
            return None
        if role == ROW_ROLE:
            return info
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(info, index.column())
        return None

    def _display(self, info: ProceedingInfo, column: int) -> str:
        if column == self.COURT:
            return info.court
        if column == self.NUMBER:
            return info.court_number
        if column == self.KIND:
            return sentence_case(info.kind.label)
        if column == self.INSTANCE:
            return sentence_case(info.instance.label)
        if column == self.ROLE:
            return sentence_case(info.client_role.label)
        if column == self.LAWYER:
            if info.representation is Representation.OURS or info.lawyer:
                return info.lawyer
            return sentence_case(info.representation.label)
        return sentence_case(info.status.label)


def _hearing_pending(row: HearingRow, now: dt.datetime) -> bool:
    """Past, and what happened is not recorded yet."""
    return row.result is None and row.starts_at < now


class HearingTableModel(InMemoryTableModel):
    WHEN, KIND, COURTROOM, RESULT = range(4)
    HEADERS = (N_("Date and time"), N_("Kind of hearing"), N_("Courtroom"), N_("Result"))

    def hearing_at(self, row: int) -> HearingRow | None:
        found = self.row_at(row)
        return found if isinstance(found, HearingRow) else None

    def row_of(self, hearing_id: int | None) -> int:
        return next((i for i, h in enumerate(self._rows) if h.id == hearing_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.hearing_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        now = dt.datetime.now(dt.UTC)
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column, now)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == self.RESULT
            and _hearing_pending(row, now)
        ):
            return QBrush(PENDING_COLOUR)
        return None

    def _display(self, row: HearingRow, column: int, now: dt.datetime) -> str:
        if column == self.WHEN:
            return moment_text(row.starts_at)
        if column == self.KIND:
            return sentence_case(row.kind.label)
        if column == self.COURTROOM:
            return row.courtroom
        if row.result is HearingResult.ADJOURNED and row.adjourned_reason:
            return _("{result}: {reason}").format(
                result=sentence_case(row.result.label),
                reason=" ".join(row.adjourned_reason.split()),
            )
        if row.result is not None:
            return sentence_case(row.result.label)
        return _("not recorded yet") if _hearing_pending(row, now) else ""

    @staticmethod
    def _tooltip(row: HearingRow) -> str:
        """What was recorded, for a look without opening the form."""
        lines = [
            _("{kind}, {length} min · {lawyer}").format(
                kind=sentence_case(row.kind.label),
                length=row.minutes,
                lawyer=row.lawyer or _("no lawyer of ours"),
            )
        ]
        for label, text in (
            (_("Why adjourned"), row.adjourned_reason),
            (_("Who attended"), row.attended),
            (_("Notes"), row.notes),
        ):
            if text:
                lines.append(_("{label}: {value}").format(label=label, value=text))
        return "\n".join(lines)


def deadline_due_text(row: DeadlineRow) -> str:
    """The last day; with the hour when the limit is counted in hours (not a day's end)."""
    local = row.due_at.astimezone()
    if (local.hour, local.minute) == (23, 59):
        return format_form_date(local.date())
    return moment_text(row.due_at)


def deadline_title(row: DeadlineRow) -> str:
    """A rule's name in the current language (the stored title is in the language it was
    counted in); a rule still to be confirmed says so."""
    rule = deadline_rules().get(row.rule_code or "")
    title = rule.name(current_language()) if rule else " ".join(row.title.split())
    return _("{name} (to be confirmed)").format(name=title) if row.verify else title


class DeadlineTableModel(InMemoryTableModel):
    DUE, TITLE, STATE, RESPONSIBLE = range(4)
    HEADERS = (N_("Due by"), N_("Deadline"), N_("State"), N_("Responsible"))

    def deadline_at(self, row: int) -> DeadlineRow | None:
        found = self.row_at(row)
        return found if isinstance(found, DeadlineRow) else None

    def row_of(self, deadline_id: int | None) -> int:
        return next((i for i, d in enumerate(self._rows) if d.id == deadline_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.deadline_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = deadline_title(row)
            if row.verify:
                tip += "\n" + _("The rule is still to be confirmed by a partner lawyer.")
            return tip
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue():
                return QBrush(OVERDUE_COLOUR)
            if row.state is not DeadlineState.OPEN:
                return QBrush(CLOSED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and row.overdue():
            return _bold()
        return None

    def _display(self, row: DeadlineRow, column: int) -> str:
        if column == self.DUE:
            return deadline_due_text(row)
        if column == self.TITLE:
            return deadline_title(row)
        if column == self.STATE:
            return sentence_case(_("overdue") if row.overdue() else row.state.label)
        return row.responsible


# --- the tab -------------------------------------------------------------------------------


def _part(content: QWidget, buttons: Sequence[QPushButton | None]) -> QGroupBox:
    """A titled part of the tab: its content, and its buttons in a column on the right
    (None: a gap between groups of buttons)."""
    box = QGroupBox()
    row = QHBoxLayout(box)
    row.setContentsMargins(6, 4, 6, 6)
    row.addWidget(content, 1)
    column = QVBoxLayout()
    column.setSpacing(4)
    for button in buttons:
        if button is None:
            column.addSpacing(8)
        else:
            column.addWidget(button)
    column.addStretch(1)
    if buttons:
        row.addLayout(column)
    return box


class CourtView(QWidget):
    """The Court tab of a case. `show_case(ws, case_id)` loads it; `clear()` empties it."""

    changed = Signal()  # a proceeding, hearing, deadline or custody was added or changed

    CLOSE_STATES = (DeadlineState.DONE, DeadlineState.MISSED, DeadlineState.NOT_APPLICABLE)

    def __init__(self) -> None:
        super().__init__()
        self.ws: Workspace | None = None
        self.case_id: int | None = None
        self.info: ProceedingInfo | None = None
        self.custody: list[CustodyRow] = []
        self.editable = False
        self.dialog: CourtForm | None = None
        self.case_lawyer: str | None = None  # the case's assigned lawyer, when told
        self._hearing_to_choose: int | None = None  # after a change: the hearing to show

        # Proceedings.
        self.model = ProceedingTableModel()
        self.view = table_view(self.model, [])
        self.view.setMinimumHeight(70)
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.next_button = QPushButton()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        # Hearings of the chosen proceeding.
        self.hearing_model = HearingTableModel()
        self.hearings = table_view(self.hearing_model, [])
        self.add_hearing_button = QPushButton()
        self.result_button = QPushButton()

        # The case's deadlines.
        self.deadline_model = DeadlineTableModel()
        self.deadlines = table_view(self.deadline_model, [])
        self.count_button = QPushButton()
        self.manual_button = QPushButton()
        self.close_buttons = {state: QPushButton() for state in self.CLOSE_STATES}

        # Custody.
        self.custody_text = QLabel()
        self.custody_text.setWordWrap(True)
        self.custody_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.custody_warnings = QLabel()
        self.custody_warnings.setObjectName("error")
        self.custody_warnings.setWordWrap(True)
        self.custody_warnings.hide()
        self.detention_button = QPushButton()
        self.custody_button = QPushButton()

        # Each part: its list (or text) on the left, its buttons in a column on the right.
        proceeding_texts = QWidget()
        proceeding_column = QVBoxLayout(proceeding_texts)
        proceeding_column.setContentsMargins(0, 0, 0, 0)
        proceeding_column.addWidget(self.view, 1)
        proceeding_column.addWidget(self.detail)
        custody_texts = QWidget()
        custody_column = QVBoxLayout(custody_texts)
        custody_column.setContentsMargins(0, 0, 0, 0)
        custody_column.addWidget(self.custody_text)
        custody_column.addWidget(self.custody_warnings)
        custody_column.addStretch(1)
        self.proceeding_box = _part(proceeding_texts, [])
        self.hearing_box = _part(self.hearings, [self.add_hearing_button, self.result_button])
        self.hearing_box.setFlat(True)  # a page of `proceeding_tabs`, which names it
        # The chosen proceeding's documents (filings, decisions), beside its hearings.
        self.documents = AttachmentsView(court_documents=True)
        self.proceeding_tabs = QTabWidget()
        self.proceeding_tabs.addTab(self.hearing_box, "")
        self.proceeding_tabs.addTab(self.documents, "")
        self.deadline_box = _part(
            self.deadlines,
            [self.count_button, self.manual_button, None, *self.close_buttons.values()],
        )
        self.custody_box = _part(custody_texts, [self.detention_button, self.custody_button])
        self.side_buttons = [
            self.add_hearing_button,
            self.result_button,
            self.count_button,
            self.manual_button,
            *self.close_buttons.values(),
            self.detention_button,
            self.custody_button,
        ]
        splitter = QSplitter(Qt.Orientation.Vertical)
        for part in (self.proceeding_box, self.proceeding_tabs, self.deadline_box):
            splitter.addWidget(part)
            splitter.setCollapsible(splitter.count() - 1, False)
        splitter.setSizes([155, 150, 185])
        actions = QHBoxLayout()  # the proceedings' buttons: the whole width stays the list's
        for button in (self.add_button, self.edit_button, self.next_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.custody_box)

        # The main text of each list takes the room left; the others fit their texts (Kyrgyz
        # and Russian headers and labels run long).
        for view, stretched in (
            (self.view, ProceedingTableModel.COURT),
            (self.hearings, HearingTableModel.KIND),
            (self.deadlines, DeadlineTableModel.TITLE),
        ):
            header = view.horizontalHeader()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(stretched, QHeaderView.ResizeMode.Stretch)
        # People's names may be long: a set width, the rest elided
        # (the tooltip has it whole).
        for view, column, width in (
            (self.view, ProceedingTableModel.LAWYER, 150),
            (self.deadlines, DeadlineTableModel.RESPONSIBLE, 155),
        ):
            view.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(column, width)
        self.view.selectionModel().selectionChanged.connect(self._chosen)
        self.view.activated.connect(lambda _index: self.edit_proceeding())
        self.hearings.selectionModel().selectionChanged.connect(self._buttons)
        self.hearings.activated.connect(lambda _index: self.record_result())
        self.deadlines.selectionModel().selectionChanged.connect(self._buttons)
        self.add_button.clicked.connect(self.new_proceeding)
        self.edit_button.clicked.connect(self.edit_proceeding)
        self.next_button.clicked.connect(self.next_instance)
        self.add_hearing_button.clicked.connect(self.new_hearing)
        self.result_button.clicked.connect(self.record_result)
        self.count_button.clicked.connect(self.count_deadline)
        self.manual_button.clicked.connect(self.add_deadline)
        for state, button in self.close_buttons.items():
            button.clicked.connect(lambda _checked=False, s=state: self.close_deadline(s))
        self.detention_button.clicked.connect(self.record_detention)
        self.custody_button.clicked.connect(self.change_custody)
        self.documents.changed.connect(self._documents_changed)
        self.retranslate_ui()
        self._show_chosen()

    # --- loading ---------------------------------------------------------------------------
    def show_case(
        self,
        ws: Workspace,
        case_id: int,
        proceeding_id: int | None = None,
        *,
        case_lawyer: str | None = None,
    ) -> None:
        """Load the case's court work (the proceeding asked for chosen); a refusal appears in
        the tab, not as an exception. `case_lawyer` (the case's assigned lawyer's login, as
        the record view knows it) is offered first for a case's first proceeding."""
        if (self.ws, self.case_id) != (ws, case_id):
            self._close_dialog()
            self.info = None
            self.notice.hide()
            self.case_lawyer = None
        self.ws, self.case_id = ws, case_id
        self.case_lawyer = case_lawyer or self.case_lawyer
        try:
            self.editable = timeline.may_add(ws, case_id)
        except LegalAidError:
            self.editable = False
        self.reload(proceeding_id)

    def reload(self, proceeding_id: int | None = None, hearing_id: int | None = None) -> None:
        if self.ws is None or self.case_id is None:
            return
        keep = proceeding_id or (self.info.id if self.info else None)
        try:
            found = proceedings.case_proceedings(self.ws, self.case_id)
            rows = deadlines.case_deadlines(self.ws, self.case_id)
            custody = case_custody(self.ws, self.case_id)
        except LegalAidError as error:
            self._loaded_nothing(error_text(error))
            return
        self.message.hide()
        self.model.set_rows(found)
        self.deadline_model.set_rows(rows)
        self.custody = custody
        self._show_custody()
        self.info = None
        row = self.model.row_of(keep)
        self._hearing_to_choose = hearing_id
        self.view.selectRow(row if row >= 0 else self.model.rowCount() - 1)
        if not found:
            self._show_chosen()

    def _loaded_nothing(self, text: str) -> None:
        self.info = None
        self.model.clear()
        self.hearing_model.clear()
        self.deadline_model.clear()
        self.custody = []
        self.editable = False
        self._show_custody()
        self._show_chosen()
        self._say(text)

    def select_proceeding(self, proceeding_id: int) -> None:
        row = self.model.row_of(proceeding_id)
        if row >= 0:
            self.view.selectRow(row)

    def tab_title(self) -> str:
        count = self.model.rowCount()
        return _("Court ({count})").format(count=count) if count else _("Court")

    def _chosen(self, *_args: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        self.info = self.model.proceeding_at(rows[0].row()) if rows else None
        self._show_chosen()

    def _show_chosen(self) -> None:
        info = self.info
        self.hearing_model.set_rows(info.hearings if info else ())
        self.hearings.selectRow(self._hearing_row(info))
        self._hearing_to_choose = None
        self.detail.setText(self._detail_text(info) if info else "")
        self.detail.setVisible(bool(self.detail.text()))
        self.proceeding_tabs.setTabText(
            0,
            _("Hearings: {proceeding}").format(proceeding=info.court_number or info.court)
            if info
            else _("Hearings"),
        )
        self._show_documents()
        self._buttons()

    def _show_documents(self) -> None:
        """The chosen proceeding's documents (none chosen: an empty list that says so)."""
        info = self.info
        if self.ws is not None and self.case_id is not None and info is not None:
            self.documents.show_owner(self.ws, "case", self.case_id, info.id)
        else:
            self.documents.clear()
        self.proceeding_tabs.setTabText(1, self.documents.tab_title())

    def _documents_changed(self) -> None:
        self.proceeding_tabs.setTabText(1, self.documents.tab_title())
        self.changed.emit()

    def _hearing_row(self, info: ProceedingInfo | None) -> int:
        """The hearing asked for; else the first past one with no result; else the next."""
        if info is None or not info.hearings:
            return -1
        asked = self.hearing_model.row_of(self._hearing_to_choose)
        if asked >= 0:
            return asked
        now = dt.datetime.now(dt.UTC)
        pending = [i for i, h in enumerate(info.hearings) if _hearing_pending(h, now)]
        if pending:
            return pending[0]
        coming = [i for i, h in enumerate(info.hearings) if h.starts_at >= now]
        return coming[0] if coming else len(info.hearings) - 1

    @staticmethod
    def _detail_text(info: ProceedingInfo) -> str:
        parts = [
            (_("Charges or claims"), "; ".join(info.charges.split("\n"))),
            (_("Judge"), info.judges),
            (_("Stage"), info.stage),
            (_("Opposing counsel"), info.opposing_counsel),
            (_("Represented by"), sentence_case(info.representation.label)),
            (_("Outcome"), info.outcome),
        ]
        return " · ".join(
            _("{label}: {value}").format(label=label, value=" ".join(value.split()))
            for label, value in parts
            if value.strip()
        )

    def _chosen_hearing(self) -> HearingRow | None:
        rows = self.hearings.selectionModel().selectedRows()
        return self.hearing_model.hearing_at(rows[0].row()) if rows else None

    def _chosen_deadline(self) -> DeadlineRow | None:
        rows = self.deadlines.selectionModel().selectedRows()
        return self.deadline_model.deadline_at(rows[0].row()) if rows else None

    def _buttons(self, *_args: QItemSelection) -> None:
        editable, info = self.editable and self.ws is not None, self.info
        for button in (self.add_button, self.edit_button, self.next_button, *self.side_buttons):
            button.setVisible(editable)
        self.add_button.setEnabled(self.case_id is not None)
        self.edit_button.setEnabled(info is not None)
        self.next_button.setEnabled(info is not None and info.instance in NEXT_INSTANCE)
        self.add_hearing_button.setEnabled(info is not None)
        self.result_button.setEnabled(self._chosen_hearing() is not None)
        self.count_button.setEnabled(info is not None)
        self.manual_button.setEnabled(self.case_id is not None)
        deadline = self._chosen_deadline()
        for state, button in self.close_buttons.items():
            button.setEnabled(deadline is not None and deadline.state is not state)
        self.detention_button.setEnabled(self.case_id is not None)
        self.custody_button.setVisible(editable and bool(self.custody))

    def _show_custody(self) -> None:
        if not self.custody:
            self.custody_text.setText(_("No detention recorded."))
            self.custody_warnings.hide()
            return
        lines = [self._custody_line(row) for row in self.custody]
        self.custody_text.setText("\n".join(lines))
        warnings = [warning_text(w) for w in self.custody[0].warnings()]
        self.custody_warnings.setText("\n".join(warnings))
        self.custody_warnings.setVisible(bool(warnings))

    @staticmethod
    def _custody_line(row: CustodyRow) -> str:
        parts = [
            _("Detained {moment}").format(moment=moment_text(row.detained_at)),
            _("court decision {moment}").format(moment=moment_text(row.decision_at))
            if row.decision_at
            else _("no court decision"),
        ]
        if row.custody_until:
            parts.append(_("custody until {date}").format(date=format_form_date(row.custody_until)))
        if row.place:
            parts.append(" ".join(row.place.split()))
        if row.released_on:
            parts.append(_("released {date}").format(date=format_form_date(row.released_on)))
        return " · ".join(parts)

    def _say(self, text: str) -> None:
        self.notice.hide()
        self.message.setText(text)
        self.message.show()

    def _tell(self, text: str) -> None:
        self.message.hide()
        self.notice.setText(text)
        self.notice.show()

    def _quiet(self) -> None:
        self.message.hide()
        self.notice.hide()

    # --- acting ----------------------------------------------------------------------------
    def _open(self, dialog: CourtForm, done: Callable[[Any], None]) -> CourtForm:
        self._close_dialog()
        self._quiet()
        dialog.saved.connect(done)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _may_act(self) -> bool:
        return self.ws is not None and self.case_id is not None and self.editable

    def _default_lawyer(self) -> str | None:
        """The lawyer of the case's latest proceeding, else the case's lawyer, else the
        person at the keyboard (the form drops one who does not represent clients)."""
        assert self.ws is not None
        for row in reversed(range(self.model.rowCount())):
            info = self.model.proceeding_at(row)
            if info is not None and info.lawyer_login:
                return info.lawyer_login
        return self.case_lawyer or self.ws.actor.login

    def new_proceeding(self) -> ProceedingDialog | None:
        if not self._may_act():
            return None
        assert self.ws is not None and self.case_id is not None
        dialog = ProceedingDialog(self.ws, self.case_id, None, self._default_lawyer(), self)
        self._open(dialog, self._proceeding_saved)
        return dialog

    def edit_proceeding(self) -> ProceedingDialog | None:
        if not self._may_act() or self.info is None:
            return None
        assert self.ws is not None and self.case_id is not None
        dialog = ProceedingDialog(self.ws, self.case_id, self.info, None, self)
        self._open(dialog, self._proceeding_saved)
        return dialog

    def next_instance(self) -> NextInstanceDialog | None:
        if not self._may_act() or self.info is None or self.info.instance not in NEXT_INSTANCE:
            return None
        assert self.ws is not None
        dialog = NextInstanceDialog(self.ws, self.info, self)
        self._open(dialog, self._proceeding_saved)
        return dialog

    def _proceeding_saved(self, info: ProceedingInfo) -> None:
        self._changed(info.id)

    def new_hearing(self) -> HearingDialog | None:
        if not self._may_act() or self.info is None:
            return None
        assert self.ws is not None
        dialog = HearingDialog(self.ws, self.info, self)
        self._open(dialog, lambda row: self._changed(row.proceeding_id, row.id))
        return dialog

    def record_result(self) -> HearingResultDialog | None:
        hearing = self._chosen_hearing()
        if not self._may_act() or self.info is None or hearing is None:
            return None
        assert self.ws is not None
        dialog = HearingResultDialog(self.ws, self.info, hearing, self)
        self._open(dialog, self._hearing_recorded)
        return dialog

    def _hearing_recorded(self, recorded: RecordedHearing) -> None:
        following = recorded.next_hearing
        self._changed(recorded.hearing.proceeding_id, (following or recorded.hearing).id)
        texts = []
        if following is not None:
            texts.append(
                _("The next hearing is on {moment}.").format(
                    moment=moment_text(following.starts_at)
                )
            )
        if recorded.deadlines:
            count = len(recorded.deadlines)
            texts.append(
                ngettext(
                    "{count} deadline was counted from the decision: see the list.",
                    "{count} deadlines were counted from the decision: see the list.",
                    count,
                ).format(count=count)
            )
        elif recorded.hearing.result is HearingResult.DECISION_ANNOUNCED:
            texts.append(
                _("No deadline rule counts from this decision: add the deadlines by hand.")
            )
        if texts:
            self._tell(" ".join(texts))

    def count_deadline(self) -> DeadlineDialog | None:
        if not self._may_act() or self.info is None:
            return None
        assert self.ws is not None and self.case_id is not None
        dialog = DeadlineDialog(self.ws, self.case_id, self.info, manual=False, parent=self)
        self._open(dialog, self._deadline_saved)
        return dialog

    def add_deadline(self) -> DeadlineDialog | None:
        if not self._may_act():
            return None
        assert self.ws is not None and self.case_id is not None
        dialog = DeadlineDialog(self.ws, self.case_id, self.info, manual=True, parent=self)
        self._open(dialog, self._deadline_saved)
        return dialog

    def _deadline_saved(self, row: DeadlineRow) -> None:
        self._changed()
        self.deadlines.selectRow(self.deadline_model.row_of(row.id))

    def close_deadline(self, state: DeadlineState) -> None:
        row = self._chosen_deadline()
        if self.ws is None or row is None:
            return
        self._quiet()
        try:
            deadlines.close_deadline(self.ws, row.id, state)
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self._changed()
        self.deadlines.selectRow(self.deadline_model.row_of(row.id))

    def record_detention(self) -> CustodyDialog | None:
        return self._custody_form(None)

    def change_custody(self) -> CustodyDialog | None:
        return self._custody_form(self.custody[0] if self.custody else None, changing=True)

    def _custody_form(
        self, existing: CustodyRow | None, changing: bool = False
    ) -> CustodyDialog | None:
        if not self._may_act() or (changing and existing is None):
            return None
        assert self.ws is not None and self.case_id is not None
        choices: Sequence[ProceedingInfo] = [
            p for p in (self.model.proceeding_at(i) for i in range(self.model.rowCount())) if p
        ]
        dialog = CustodyDialog(
            self.ws,
            self.case_id,
            existing,
            choices,
            self.info.id if self.info else None,
            self,
        )
        self._open(dialog, lambda _custody_id: self._changed())
        return dialog

    def _changed(self, proceeding_id: int | None = None, hearing_id: int | None = None) -> None:
        self.reload(proceeding_id, hearing_id)
        self.changed.emit()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def clear(self) -> None:
        """Forget the case (the vault locks or another record opens): rows, forms, messages."""
        self._close_dialog()
        self.ws = self.case_id = self.info = self.case_lawyer = None
        self.editable = False
        self.model.clear()
        self.hearing_model.clear()
        self.deadline_model.clear()
        self.custody = []
        self._quiet()
        self._show_custody()
        self._show_chosen()

    # --- language --------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add a &proceeding…"))
        self.edit_button.setText(_("Chan&ge…"))
        self.edit_button.setAccessibleName(_("Change the chosen proceeding"))
        self.next_button.setText(_("&Next instance…"))
        self.add_hearing_button.setText(_("Add a hear&ing…"))
        self.result_button.setText(_("Record the res&ult…"))
        self.proceeding_box.setTitle(_("Proceedings"))
        self.deadline_box.setTitle(_("Deadlines of the case"))
        self.count_button.setText(_("&Count a deadline…"))
        self.count_button.setToolTip(_("By a rule, from an event of the chosen proceeding"))
        self.manual_button.setText(_("A&dd a deadline…"))
        self.manual_button.setToolTip(_("A deadline no rule knows, typed by hand"))
        self.close_buttons[DeadlineState.DONE].setText(_("D&one"))
        self.close_buttons[DeadlineState.MISSED].setText(_("&Missed"))
        self.close_buttons[DeadlineState.NOT_APPLICABLE].setText(_("Not applica&ble"))
        for state, button in self.close_buttons.items():
            button.setAccessibleName(
                _("Mark the chosen deadline: {state}").format(state=state.label)
            )
        self.custody_box.setTitle(_("Custody"))
        self.detention_button.setText(_("Record de&tention…"))
        self.custody_button.setText(_("Change custod&y…"))
        self.view.setAccessibleName(_("Proceedings of this case"))
        self.hearings.setAccessibleName(_("Hearings of the chosen proceeding"))
        self.deadlines.setAccessibleName(_("Deadlines of this case"))
        for model in (self.model, self.hearing_model, self.deadline_model):
            model.retranslate()
        self._show_custody()
        self._show_chosen()
        # One width for every button column, so the lists end at the same place.
        for button in self.side_buttons:
            button.setMinimumWidth(0)
        widest = max(button.sizeHint().width() for button in self.side_buttons)
        for button in self.side_buttons:
            button.setMinimumWidth(widest)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


__all__ = ["CourtView", "DeadlineTableModel", "HearingTableModel", "ProceedingTableModel"]

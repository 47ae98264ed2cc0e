"""The Monitoring area: the list of observations the person may see (a monitor's own; all
for a coordinator; submitted and approved ones for a lawyer, who assesses them), and the
courtroom screen of one observation with, for reviewers and experts, the review panel.

A monitor starts an observation with "New observation" (Ctrl+Shift+O); Enter or a double
click opens one. The list is paged (the services count and fetch in SQL) and filtered by
state and "only mine". `clear()` at a lock saves what is typed and empties everything.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.enums import ObservationStatus
from legalaid.errors import LegalAidError
from legalaid.i18n import N_, _, format_form_date, ngettext, sentence_case
from legalaid.services import courts, directory, observation_review, observations
from legalaid.services.observation_review import GRADES
from legalaid.services.observations import ObservationRow
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace
from ui.checklist_editor import ChecklistEditor
from ui.choices import narrow, select_data
from ui.findings_view import FindingsView
from ui.messages import error_text
from ui.models import ID_ROLE, PagedTableModel
from ui.observation_screen import ObservationScreen


class ObservationListModel(PagedTableModel[ObservationRow]):
    NUMBER, WHEN, COURT, COURT_NUMBER, STAGE, STATUS, MONITOR, CONCERNS = range(8)
    HEADERS = (
        N_("Number"),
        N_("Date"),
        N_("Court"),
        N_("Court number"),
        N_("Stage"),
        N_("State"),
        N_("Monitor"),
        N_("Concerns"),
    )

    def __init__(self, ws: Workspace) -> None:
        self.status: str | None = None
        self.mine = False
        self.ids: list[int] | None = None  # the observations behind a number of the findings
        self.court_names: dict[int, str] = {}
        super().__init__(ws)

    def _fetch(self, offset: int, limit: int) -> tuple[list[ObservationRow], int]:
        return observations.list_observations(
            self._ws, status=self.status, mine=self.mine, offset=offset, limit=limit, ids=self.ids
        )

    def _display(self, row: ObservationRow, column: int) -> str:
        if column == self.NUMBER:
            return row.number
        if column == self.WHEN:
            return format_form_date(row.when.astimezone().date()) if row.when else ""
        if column == self.COURT:
            return self.court_names.get(row.court_id or 0, "")
        if column == self.COURT_NUMBER:
            return row.court_number
        if column == self.STAGE:
            return sentence_case(row.stage.label) if row.stage else ""
        if column == self.STATUS:
            return sentence_case(row.status.label)
        if column == self.MONITOR:
            return row.monitor
        if column == self.CONCERNS:
            return str(row.concerns) if row.concerns else ""
        return ""


class ReviewPanel(QWidget):
    """Under the notes, for those who review or assess: the comments so far, a comment,
    Return to the monitor / Approve (coordinators), an assessment with its grade (lawyers and
    coordinators), and the client's case the trial belongs to."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.ws: Workspace | None = None
        self.observation_id: int | None = None
        self.comments = QListWidget()
        self.comments.setWordWrap(True)
        self.comment = QLineEdit()
        self.comment_button = QPushButton()
        self.return_button = QPushButton()
        self.approve_button = QPushButton()
        self.grade = QComboBox()
        self.grade.addItem("", None)
        for grade in GRADES:
            self.grade.addItem(grade, grade)
        self.assessment = QPlainTextEdit()
        self.assessment.setTabChangesFocus(True)
        self.assessment.setFixedHeight(54)
        self.assess_button = QPushButton()
        self.case_number = QLineEdit()
        self.link_button = QPushButton()
        # A concern seen in court becomes a draft referral of the client's case.
        self.refer_label = QLabel()
        self.refer_label.setWordWrap(True)
        self.concern = narrow(QComboBox(), 12)
        self.organisation = narrow(QComboBox(), 12)
        self.refer_button = QPushButton()
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.heading = QLabel()
        self.assessment_label = QLabel()
        self.case_label = QLabel()
        for label in (self.assessment_label, self.case_label):
            label.setWordWrap(True)  # the side column is narrow; Russian runs long
        comment_row = QHBoxLayout()
        comment_row.addWidget(self.comment, 1)
        comment_row.addWidget(self.comment_button)
        decide = QHBoxLayout()
        decide.addWidget(self.return_button)
        decide.addWidget(self.approve_button)
        assess = QHBoxLayout()
        assess.addWidget(self.grade)
        assess.addStretch(1)
        assess.addWidget(self.assess_button)
        link = QHBoxLayout()
        link.addWidget(self.case_number, 1)
        link.addWidget(self.link_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.comments, 1)
        column.addLayout(comment_row)
        column.addLayout(decide)
        column.addWidget(self.assessment_label)
        column.addWidget(self.assessment)
        column.addLayout(assess)
        column.addWidget(self.case_label)
        column.addLayout(link)
        column.addWidget(self.refer_label)
        column.addWidget(self.concern)
        refer = QHBoxLayout()
        refer.addWidget(self.organisation, 1)
        refer.addWidget(self.refer_button)
        column.addLayout(refer)
        column.addWidget(self.notice)
        column.addWidget(self.message)
        self.comment_button.clicked.connect(self.add_comment)
        self.return_button.clicked.connect(self.return_to_monitor)
        self.approve_button.clicked.connect(self.approve)
        self.assess_button.clicked.connect(self.assess)
        self.link_button.clicked.connect(self.link)
        self.refer_button.clicked.connect(self.refer)
        self.retranslate_ui()

    def show_observation(self, ws: Workspace, info: observations.ObservationInfo) -> None:
        self.ws, self.observation_id = ws, info.id
        reviewer = ws.may(Permission.REVIEW_OBSERVATIONS)
        expert = ws.may(Permission.ASSESS_OBSERVATIONS)
        submitted = info.status is ObservationStatus.SUBMITTED
        handed_in = info.status in (ObservationStatus.SUBMITTED, ObservationStatus.APPROVED)
        for widget in (self.return_button, self.approve_button):
            widget.setVisible(reviewer)
            widget.setEnabled(submitted)
        for widget in (self.assessment_label, self.grade, self.assessment, self.assess_button):
            widget.setVisible(expert)
            widget.setEnabled(handed_in)
        links = ws.may(Permission.LINK_OBSERVATIONS)
        for widget in (self.case_label, self.case_number, self.link_button):
            widget.setVisible(links)
        self.message.hide()
        self.notice.hide()
        self._load_concerns(links and bool(info.concerns))
        self.reload()

    def _load_concerns(self, shown: bool) -> None:
        for widget in (self.refer_label, self.concern, self.organisation, self.refer_button):
            widget.setVisible(shown)
        self.concern.clear()
        self.organisation.clear()
        if not shown or self.ws is None or self.observation_id is None:
            return
        try:
            found = observation_review.concerns_of(self.ws, self.observation_id)
            bodies = directory.list_organisations(self.ws)
        except LegalAidError as error:
            self._say(error_text(error))
            return
        for code, text in found:
            self.concern.addItem(f"{code} · {text}", code)
            self.concern.setItemData(self.concern.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        for body in bodies:
            self.organisation.addItem(body.name, body.id)
            self.organisation.setItemData(
                self.organisation.count() - 1, body.name, Qt.ItemDataRole.ToolTipRole
            )

    def refer(self) -> None:
        ws, oid = self.ws, self.observation_id
        code, body = self.concern.currentData(), self.organisation.currentData()
        if ws is None or oid is None or code is None or body is None:
            return
        try:
            made = observation_review.refer_concern(ws, oid, code, body)
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self.message.hide()
        self.notice.setText(
            _(
                "A draft referral was added to case {number}: complete and send it from the "
                "case's Referrals tab."
            ).format(number=made.case_number)
        )
        self.notice.show()
        self.changed.emit()

    def reload(self) -> None:
        if self.ws is None or self.observation_id is None:
            return
        try:
            found = observation_review.review_comments(self.ws, self.observation_id)
            assessed = observation_review.assessments(self.ws, self.observation_id)
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self.comments.clear()
        for comment in found:
            when = comment.at.astimezone().strftime("%d.%m.%Y %H:%M")
            kind = {
                "returned": _("returned to the monitor"),
                "approved": _("approved"),
            }.get(comment.kind, "")
            head = " · ".join(part for part in (when, comment.author, kind) if part)
            self.comments.addItem(f"{head}\n{comment.text}" if comment.text else head)
        for item in assessed:
            self.comments.addItem(
                _("Assessment by {name}: {grade}").format(name=item.author, grade=item.grade)
                + f"\n{item.text}"
            )
            if self.ws is not None and item.author_login == self.ws.actor.login:
                self.grade.setCurrentIndex(self.grade.findData(item.grade))
                self.assessment.setPlainText(item.text)

    def _act(self, work: Any) -> bool:
        try:
            work()
        except LegalAidError as error:
            self._say(error_text(error))
            return False
        self.message.hide()
        self.reload()
        self.changed.emit()
        return True

    def add_comment(self) -> None:
        ws, oid, text = self.ws, self.observation_id, self.comment.text()
        if (
            ws is not None
            and oid is not None
            and self._act(lambda: observation_review.add_comment(ws, oid, text))
        ):
            self.comment.clear()

    def return_to_monitor(self) -> None:
        ws, oid, text = self.ws, self.observation_id, self.comment.text()
        if (
            ws is not None
            and oid is not None
            and self._act(lambda: observation_review.return_to_monitor(ws, oid, text))
        ):
            self.comment.clear()

    def approve(self) -> None:
        ws, oid, text = self.ws, self.observation_id, self.comment.text()
        if (
            ws is not None
            and oid is not None
            and self._act(lambda: observation_review.approve(ws, oid, text))
        ):
            self.comment.clear()

    def assess(self) -> None:
        ws, oid = self.ws, self.observation_id
        grade, text = self.grade.currentData() or "", self.assessment.toPlainText()
        if ws is not None and oid is not None:
            self._act(lambda: observation_review.assess(ws, oid, grade, text))

    def link(self) -> None:
        ws, oid, number = self.ws, self.observation_id, self.case_number.text().strip()
        if ws is not None and oid is not None:
            self._act(lambda: observation_review.link_case(ws, oid, number or None))

    def clear(self) -> None:
        self.ws = self.observation_id = None
        self.comments.clear()
        for line in (self.comment, self.assessment, self.case_number):
            line.clear()
        self.grade.setCurrentIndex(0)
        self.message.hide()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Review"))
        self.comment.setPlaceholderText(_("A comment for the monitor or the file"))
        self.comment_button.setText(_("Send"))
        self.comment_button.setToolTip(_("Comment"))
        self.return_button.setText(_("Return to the monitor"))
        self.approve_button.setText(_("Approve"))
        self.assessment_label.setText(_("Legal assessment and grade (A best, F worst)"))
        self.grade.setItemText(0, _("grade"))
        self.assessment.setPlaceholderText(_("Which rights were respected or breached, and why"))
        self.assess_button.setText(_("Save the assessment"))
        self.case_label.setText(_("The client's case this trial belongs to"))
        self.case_number.setPlaceholderText(_("case number; empty: none"))
        self.link_button.setText(_("Tie to the case"))
        self.refer_label.setText(
            _("Refer a concern seen in court (a draft of the case's referral)")
        )
        self.refer_button.setText(_("Draft the referral"))


class MonitoringPage(QWidget):
    """The list and the screen of one observation (see the module's docstring)."""

    changed = Signal()

    LIST, SCREEN, FINDINGS, CHECKLISTS = 0, 1, 2, 3

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.observes = ws.may(Permission.OBSERVE_TRIALS)
        self.model = ObservationListModel(ws)
        self.title = QLabel()
        self.title.setObjectName("title")
        self.status = QComboBox()
        self.status.addItem("", None)
        for member in ObservationStatus:
            self.status.addItem("", member.value)
        self.status_label = QLabel()
        self.status_label.setBuddy(self.status)
        self.mine = QCheckBox()
        self.mine.setVisible(self.observes and ws.may(Permission.REVIEW_OBSERVATIONS))
        self.count = QLabel()
        self.new_button = QPushButton()
        self.new_button.setVisible(self.observes)
        self.open_button = QPushButton()
        self.findings_button = QPushButton()
        self.findings_button.setVisible(ws.may(Permission.VIEW_FINDINGS))
        self.checklists_button = QPushButton()
        self.checklists_button.setVisible(ws.may(Permission.MANAGE_CHECKLISTS))
        self.behind = QLabel()  # "the observations behind: ..." after a drill-down
        self.behind.setObjectName("notice")
        self.behind.setWordWrap(True)
        self.all_button = QPushButton()
        self.behind.hide()
        self.all_button.hide()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(ObservationListModel.COURT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 120), (1, 95), (3, 120), (4, 150), (5, 150), (6, 150), (7, 80)):
            self.view.setColumnWidth(column, width)

        # The title alone on its line: in Kyrgyz it takes 400 pixels at its size.
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.findings_button)
        top.addWidget(self.checklists_button)
        filters = QHBoxLayout()
        filters.addWidget(self.status_label)
        filters.addWidget(self.status)
        filters.addWidget(self.mine)
        filters.addStretch(1)
        behind = QHBoxLayout()
        behind.addWidget(self.behind, 1)
        behind.addWidget(self.all_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.new_button)
        bottom.addWidget(self.open_button)
        listing = QWidget()
        column = QVBoxLayout(listing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addLayout(filters)
        column.addLayout(behind)
        column.addWidget(self.message)
        column.addWidget(self.view, 1)
        column.addLayout(bottom)

        self.screen = ObservationScreen()
        self.review = ReviewPanel()
        self.screen.side.addWidget(self.review)
        self.findings = FindingsView(ws)
        self.stack = QStackedWidget()
        self.stack.addWidget(listing)
        self.stack.addWidget(self.screen)
        self.stack.addWidget(self.findings)
        self.editor = ChecklistEditor(ws)
        self.stack.addWidget(self.editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.status.currentIndexChanged.connect(lambda _i: self._filter())
        self.mine.toggled.connect(lambda _on: self._filter())
        self.view.activated.connect(self._activated)
        self.open_button.clicked.connect(lambda: self._activated(self.view.currentIndex()))
        self.new_button.clicked.connect(self.new_observation)
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+O"), self)
        shortcut.activated.connect(self.new_observation)
        self.screen.closed.connect(self.show_list)
        self.screen.changed.connect(self.changed.emit)
        self.review.changed.connect(self._reviewed)
        self.findings_button.clicked.connect(self.show_findings)
        self.checklists_button.clicked.connect(self.show_checklists)
        self.editor.closed.connect(self.show_list)
        self.findings.closed.connect(self.show_list)
        self.findings.drill_down.connect(self.show_behind)
        self.all_button.clicked.connect(self.show_all)
        self.retranslate_ui()

    # --- the list --------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self.stack.currentIndex() == self.LIST and self.ws.vault.is_unlocked:
            self.refresh()

    def refresh(self) -> None:
        try:
            self.model.court_names = {c.id: c.name for c in courts.list_courts(self.ws)}
        except LegalAidError as error:
            self._say(error_text(error))
        self.model.reload()
        if self.model.error_message():
            self._say(self.model.error_message())
        else:
            self.message.hide()
        self._show_count()

    def _show_count(self) -> None:
        total = self.model.total()
        self.count.setText(
            ngettext("{count} observation", "{count} observations", total).format(count=total)
        )

    def _filter(self) -> None:
        self.model.status = self.status.currentData()
        self.model.mine = self.mine.isChecked()
        self.refresh()

    def _activated(self, index: QModelIndex) -> None:
        observation_id = index.data(ID_ROLE) if index.isValid() else None
        if isinstance(observation_id, int):
            self.open_observation(observation_id)

    def new_observation(self) -> None:
        if not self.observes or not self.ws.vault.is_unlocked:
            return
        try:
            info = observations.start_observation(self.ws)
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self.open_observation(info.id)

    def open_observation(self, observation_id: int) -> None:
        self.stack.setCurrentIndex(self.SCREEN)
        self.screen.open(self.ws, observation_id)
        info = self.screen.info
        # Everyone reads the comments (a monitor, why it came back); the buttons are the
        # reviewer's and the expert's.
        self.review.setVisible(info is not None)
        if info is not None:
            self.review.show_observation(self.ws, info)

    def show_findings(self) -> None:
        self.findings.load_choices()
        self.stack.setCurrentIndex(self.FINDINGS)
        self.findings.count()

    def show_checklists(self) -> None:
        self.stack.setCurrentIndex(self.CHECKLISTS)
        self.editor.refresh()

    def show_behind(self, ids: list[int], label: str) -> None:
        """The list narrowed to the observations behind a number of the findings."""
        self.model.ids = list(ids)
        self.behind.setText(_("The observations behind: {what}").format(what=label))
        self.behind.show()
        self.all_button.show()
        self.stack.setCurrentIndex(self.LIST)
        self.refresh()

    def show_all(self) -> None:
        self.model.ids = None
        self.behind.hide()
        self.all_button.hide()
        self.refresh()

    def _reviewed(self) -> None:
        if self.screen.info is not None:
            self.screen.open(self.ws, self.screen.info.id)  # its state changed
        self.changed.emit()

    def show_list(self) -> None:
        self.screen.clear()
        self.review.clear()
        self.stack.setCurrentIndex(self.LIST)
        self.refresh()

    def show_filtered(self, status: ObservationStatus, mine: bool) -> None:
        """The list narrowed as a Dashboard tile counted it (returned to me, to review)."""
        self.status.blockSignals(True)
        self.mine.blockSignals(True)
        select_data(self.status, status.value)
        self.mine.setChecked(mine)
        self.status.blockSignals(False)
        self.mine.blockSignals(False)
        self._filter()
        self.show_list()

    def clear(self) -> None:
        """At a lock: what is typed is saved (the vault is still open), then nothing of any
        hearing stays on screen."""
        self.screen.clear()
        self.review.clear()
        self.findings.clear()
        self.editor.clear()
        self.model.clear()
        self.count.clear()
        self.stack.setCurrentIndex(self.LIST)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # --- language --------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Trial monitoring"))
        self.status_label.setText(_("&State"))
        self.status.setItemText(0, _("All states"))
        for index, member in enumerate(ObservationStatus, start=1):
            self.status.setItemText(index, sentence_case(member.label))
        self.mine.setText(_("Only &mine"))
        self.new_button.setText(_("&New observation (Ctrl+Shift+O)"))
        self.open_button.setText(_("&Open"))
        self.findings_button.setText(_("F&indings…"))
        self.checklists_button.setText(_("&Checklists…"))
        self.all_button.setText(_("Show all"))
        self.view.setAccessibleName(_("Observations"))
        self.model.retranslate()
        if self.ws.vault.is_unlocked and self.isVisible():
            self._show_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


__all__ = ["MonitoringPage", "ObservationListModel"]

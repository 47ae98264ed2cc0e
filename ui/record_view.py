"""A person or a case, opened from search or a list (the opening is audited): its details,
its history from the audit trail, and for a case its timeline, referrals, attachments and
the status changes it may take next."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain import reference
from legalaid.domain.cases import TRANSITIONS
from legalaid.domain.enums import CaseOutcome, CaseStatus
from legalaid.errors import LegalAidError
from legalaid.i18n import _, format_datetime, format_form_date, sentence_case
from legalaid.services import cases, history, people
from legalaid.services.permissions import Permission, allowed
from legalaid.services.workspace import Workspace
from ui.attachments_view import AttachmentsView
from ui.court_view import CourtView
from ui.pdf_pages import DOCUMENT_LANGUAGES
from ui.referrals_view import ReferralsView
from ui.timeline_view import TimelineView


class RecordView(QWidget):
    edit_requested = Signal(object)  # the PersonInfo or CaseInfo shown
    new_case_requested = Signal(object)  # the PersonInfo shown: a case with them as client
    print_intake_requested = Signal(int, str)  # case id, document language

    def __init__(self) -> None:
        super().__init__()
        self.ws: Workspace | None = None
        self.info: people.PersonInfo | cases.CaseInfo | None = None
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.edit_button = QPushButton()
        self.new_case_button = QPushButton()
        self.intake_button = QToolButton()  # the intake record, printed in a chosen language
        self.intake_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.intake_menu = QMenu(self.intake_button)
        for code, name in DOCUMENT_LANGUAGES.items():
            action = self.intake_menu.addAction(name)
            action.triggered.connect(
                lambda _checked=False, c=code: self.print_intake_requested.emit(
                    self.record_id or 0, c
                )
            )
        self.intake_button.setMenu(self.intake_menu)
        self.details = QWidget()
        self.form = QFormLayout(self.details)
        self.history = QListWidget()
        self.timeline = TimelineView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.details, "")
        self.timeline_tab = self.tabs.addTab(self.timeline, "")
        self.referrals = ReferralsView()
        self.referrals_tab = self.tabs.addTab(self.referrals, "")
        self.court = CourtView()
        self.court_tab = self.tabs.addTab(self.court, "")
        self.attachments = AttachmentsView()
        self.attachments_tab = self.tabs.addTab(self.attachments, "")
        self.tabs.addTab(self.history, "")
        self.next_status = QComboBox()
        self.outcome = QComboBox()
        self.status_button = QPushButton()
        self.status_message = QLabel()
        self.status_message.setObjectName("error")
        self.status_row = QWidget()
        row = QHBoxLayout(self.status_row)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.next_status, self.outcome, self.status_button):
            row.addWidget(widget)
        row.addWidget(self.status_message, 1)
        self.status_row.hide()
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.intake_button)
        heading.addWidget(self.new_case_button)
        heading.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.status_row)
        layout.addWidget(self.tabs)
        self.next_status.currentIndexChanged.connect(self._outcome_visibility)
        self.status_button.clicked.connect(self.change_status)
        self.timeline.changed.connect(self._reload_history)
        self.attachments.changed.connect(self._attachments_changed)
        self.referrals.changed.connect(self._referrals_changed)
        self.court.changed.connect(self._court_changed)
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.info))
        self.new_case_button.clicked.connect(lambda: self.new_case_requested.emit(self.info))
        self.kind: str | None = None
        self.record_id: int | None = None
        self.sheet: tuple[str, list[tuple[str, str]]] = ("", [])
        self._show_buttons()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, _("Details"))
        self.tabs.setTabText(self.timeline_tab, _("Timeline"))
        self.tabs.setTabText(self.attachments_tab, self.attachments.tab_title())
        self.tabs.setTabText(self.referrals_tab, self.referrals.tab_title())
        self.tabs.setTabText(self.court_tab, self.court.tab_title())
        self.tabs.setTabText(self.tabs.indexOf(self.history), _("History"))
        self.status_button.setText(_("Change the status"))
        self.edit_button.setText(_("&Edit…"))
        self.new_case_button.setText(_("New case for this person…"))
        self.intake_button.setText(_("Print the intake record"))
        self.next_status.setAccessibleName(_("Next status"))
        self.outcome.setAccessibleName(_("Outcome"))
        # The shown record is drawn again from what was read when it was opened (reading
        # it anew would write a "view" audit event for a mere language switch).
        if self.ws is not None and self.ws.vault.is_unlocked:
            if isinstance(self.info, people.PersonInfo):
                self._show_person_info(self.ws, self.info)
            elif isinstance(self.info, cases.CaseInfo):
                self._show_case_info(self.ws, self.info)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _rows(self, title: str, rows: list[tuple[str, str]]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.title.setText(title)
        self.sheet = (title, rows)
        for label, value in rows:
            text = QLabel(value or "—")
            text.setWordWrap(True)
            self.form.addRow(label, text)

    def printable_html(self) -> str:
        """The shown record as a printable page (every value escaped), with who printed it
        and when, and a confidentiality line."""
        title, rows = self.sheet
        cells = "".join(
            f"<tr><td width='30%'><b>{escape(label)}</b></td><td>{escape(value or '—')}</td></tr>"
            for label, value in rows
        )
        who = self.ws.actor.display_name if self.ws else ""
        footer = " ".join(
            (
                _("Confidential: personal data of a client."),
                _("Printed on {date} by {name}.").format(
                    date=format_form_date(dt.date.today()), name=who
                ),
            )
        )
        return (
            f"<h2>{escape(title)}</h2>"
            f"<table cellspacing='0' cellpadding='4' border='1' width='100%'>{cells}</table>"
            f"<p><small>{escape(footer)}</small></p>"
        )

    def _may(self, permission: Permission) -> bool:
        return self.ws is not None and allowed(self.ws.actor.role, permission)

    def _show_buttons(self) -> None:
        """Offered only where the role may act (the services refuse the rest anyway)."""
        self.edit_button.setVisible(
            (self.kind == "person" and self._may(Permission.EDIT_PEOPLE))
            or (self.kind == "case" and self._may(Permission.EDIT_CASES))
        )
        self.new_case_button.setVisible(
            self.kind == "person" and self._may(Permission.CREATE_CASES)
        )
        self.intake_button.setVisible(self.kind == "case")

    def _history(self, ws: Workspace, kind: str, record_id: int) -> None:
        self.history.clear()
        for entry in history.record_history(ws, kind, record_id):
            self.history.addItem(
                f"{format_datetime(entry.at.astimezone(), 'short')} · {entry.who} · {entry.what}"
            )

    def _attachments_changed(self) -> None:
        self.tabs.setTabText(self.attachments_tab, self.attachments.tab_title())
        if self.kind == "case":
            self.court.reload()  # a court document deleted here leaves its proceeding's list
        self._reload_history()

    def _court_changed(self) -> None:
        self.tabs.setTabText(self.court_tab, self.court.tab_title())
        if self.kind == "case":
            self.attachments.reload()  # court documents are the case's attachments too
            self.tabs.setTabText(self.attachments_tab, self.attachments.tab_title())
        self.timeline.reload()  # a hand-over puts a task on it
        self._reload_history()

    def _referrals_changed(self) -> None:
        self.tabs.setTabText(self.referrals_tab, self.referrals.tab_title())
        self.timeline.reload()
        self._reload_history()

    def _reload_history(self) -> None:
        if self.ws is not None and self.kind is not None and self.record_id is not None:
            self._history(self.ws, self.kind, self.record_id)

    def show_person(self, ws: Workspace, person_id: int) -> None:
        info = people.get_person(ws, person_id)
        self.ws, self.kind, self.record_id, self.info = ws, "person", person_id, info
        self.timeline.clear()
        self.tabs.setTabVisible(self.timeline_tab, False)
        self.referrals.clear()
        self.tabs.setTabVisible(self.referrals_tab, False)
        self.court.clear()
        self.tabs.setTabVisible(self.court_tab, False)
        self.attachments.show_owner(ws, "person", person_id)
        self.tabs.setTabText(self.attachments_tab, self.attachments.tab_title())
        self._show_buttons()
        self.status_row.hide()
        self._show_person_info(ws, info)

    def _show_person_info(self, ws: Workspace, info: people.PersonInfo) -> None:
        self._rows(
            info.full_name,
            [
                (_("Gender"), info.gender.label),
                (_("Born"), format_form_date(info.birth_date) if info.birth_date else ""),
                (_("PIN"), info.pin or ""),
                (_("Phone"), info.phone or ""),
                (_("Address"), people.address_text(info)),
                (_("Languages"), ", ".join(code.label for code in info.languages)),
                (_("Vulnerability"), ", ".join(v.label for v in info.vulnerabilities)),
                (_("Notes"), info.notes or ""),
            ],
        )
        self._history(ws, "person", info.id)

    def show_case(self, ws: Workspace, case_id: int) -> None:
        info = cases.get_case(ws, case_id)
        self.ws, self.kind, self.record_id = ws, "case", case_id
        self._show_case_info(ws, info)
        self.tabs.setTabVisible(self.timeline_tab, True)
        self.timeline.show_case(ws, case_id)
        self.tabs.setTabVisible(self.referrals_tab, True)
        if self.referrals.case_id != case_id:
            self.referrals.clear()
        self.referrals.show_case(ws, case_id)
        self.tabs.setTabText(self.referrals_tab, self.referrals.tab_title())
        self.tabs.setTabVisible(self.court_tab, True)
        if self.court.case_id != case_id:
            self.court.clear()
        lawyer = self.info.assigned_lawyer if isinstance(self.info, cases.CaseInfo) else None
        self.court.show_case(ws, case_id, case_lawyer=lawyer)
        self.tabs.setTabText(self.court_tab, self.court.tab_title())
        self.attachments.show_owner(ws, "case", case_id)
        self.tabs.setTabText(self.attachments_tab, self.attachments.tab_title())

    def _show_case_info(self, ws: Workspace, info: cases.CaseInfo) -> None:
        self.info = info
        self._show_buttons()
        self._rows(
            info.number,
            [
                (_("Opened"), format_form_date(info.opened_on)),
                (_("Status"), info.status.label),
                (_("Category"), reference.category_label(info.category)),
                (_("Subcategory"), reference.category_label(info.subcategory)),
                (_("Lawyer"), info.assigned_lawyer or ""),
                (_("Outcome"), info.outcome.label if info.outcome else ""),
                (_("Summary"), info.summary),
                *((sentence_case(party.role.label), party.full_name) for party in info.parties),
            ],
        )
        self.next_status.clear()
        for status in sorted(TRANSITIONS[info.status], key=list(CaseStatus).index):
            self.next_status.addItem(status.label, status)
        self.outcome.clear()
        for outcome in CaseOutcome:
            self.outcome.addItem(outcome.label, outcome)
        self.status_message.clear()
        self.status_row.show()
        self._outcome_visibility()
        self._history(ws, "case", info.id)

    def _outcome_visibility(self) -> None:
        self.outcome.setVisible(self.next_status.currentData() == CaseStatus.CLOSED)

    def change_status(self) -> None:
        if self.ws is None or self.record_id is None:
            return
        status = CaseStatus(self.next_status.currentData())
        outcome = CaseOutcome(self.outcome.currentData()) if status is CaseStatus.CLOSED else None
        try:
            info = cases.change_status(self.ws, self.record_id, status, outcome)
        except LegalAidError as error:
            self.status_message.setText(str(error))
            return
        self._show_case_info(self.ws, info)
        self.timeline.reload()

    def clear(self) -> None:
        self._rows("", [])
        self.history.clear()
        self.timeline.clear()
        self.referrals.clear()
        self.court.clear()
        self.attachments.clear()
        self.status_row.hide()
        self.kind = self.record_id = self.info = None
        self._show_buttons()

"""A case's Referrals tab: the case's referrals, the chosen one's details, and what can be
done next — refer the case again, correct a referral, record that it was sent or what
came back, add a follow-up note, show/issue/print its letter, mark the letter ready for
the batch print, cancel an issued letter.

Every change goes through the services (which check the role and the case); a refusal
appears in the tab and what was typed stays. `clear()` (at a lock) forgets the case and
closes the dialogs it opened.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.enums import ReferralStatus
from legalaid.domain.referral_rules import ANSWERS
from legalaid.errors import LegalAidError
from legalaid.i18n import _, format_form_date, sentence_case
from legalaid.services import letters, referrals
from legalaid.services.permissions import Permission, allowed
from legalaid.services.referrals import ReferralInfo
from legalaid.services.workspace import Workspace
from ui.draft_keeper import DraftKeeper
from ui.intake_steps import DateField
from ui.letter_dialog import LetterDialog
from ui.messages import error_text
from ui.referral_dialog import ReferralDialog
from ui.referral_models import ReferralTableModel
from ui.timeline_view import table_view


def _date(value: dt.date | None) -> str:
    return format_form_date(value) if value else "—"


def referral_html(info: ReferralInfo) -> str:
    """The chosen referral as the detail pane shows it (every typed text escaped)."""
    rows = [
        (_("Organisation"), f"{info.organisation} ({info.organisation_kind.label})"),
        (_("Status"), f"{sentence_case(info.status.label)} · {_date(info.status_on)}"),
        (_("How it was referred"), sentence_case(info.method.label)),
        (_("Referred on"), _date(info.referred_on)),
        (_("Sent on"), _date(info.sent_on)),
        (_("Answer due by"), _date(info.due_on)),
        (_("Answer received"), _date(info.response_on)),
        (_("Responsible"), info.responsible),
        (_("Why referred"), info.reason),
        (_("What is asked of them"), info.request),
        (_("Legal basis"), info.legal_basis),
        (_("Enclosures"), info.enclosures),
        (
            _("Consent to share"),
            _("given on {date} ({method}): {scope}").format(
                date=_date(info.consent_on),
                method=info.consent_method.label if info.consent_method else "—",
                scope=", ".join(scope.label for scope in info.consent_scope),
            )
            if info.consent_on
            else _("not recorded: no letter can be issued"),
        ),
        (_("Their answer"), info.response_summary),
        (_("Outcome"), info.outcome),
        (
            _("Letters"),
            "; ".join(
                letter.number + (" " + _("(cancelled)") if letter.cancelled else "")
                for letter in info.letters
            ),
        ),
    ]
    table = "".join(
        f"<tr><td><b>{escape(label)}</b></td><td>{escape(value).replace(chr(10), '<br>')}</td></tr>"
        for label, value in rows
        if value
    )
    notes = "".join(
        f"<li>{escape(note.at.astimezone().strftime('%d.%m.%Y %H:%M'))} · {escape(note.who)}: "
        f"{escape(note.text)}</li>"
        for note in info.notes
    )
    overdue = (
        f"<p style='color:#a12622'><b>{escape(_('The answer is overdue.'))}</b></p>"
        if info.overdue()
        else ""
    )
    notes_html = f"<p><b>{escape(_('Follow-up notes'))}</b></p><ul>{notes}</ul>" if notes else ""
    return f"{overdue}<table cellspacing='0' cellpadding='3'>{table}</table>{notes_html}"


class ReferralsView(QWidget):
    changed = Signal()  # a referral was made or changed here (the timeline shows them)
    draft_kept = Signal()  # a referral form's unsaved input went to the vault as a draft

    def __init__(self) -> None:
        super().__init__()
        self.ws: Workspace | None = None
        self.case_id: int | None = None
        self.info: ReferralInfo | None = None
        self.model = ReferralTableModel(
            (
                ReferralTableModel.ORGANISATION,
                ReferralTableModel.STATUS,
                ReferralTableModel.REFERRED,
                ReferralTableModel.DUE,
                ReferralTableModel.LETTER,
            )
        )
        self.view = table_view(self.model, [320, 200, 125, 125])
        self.refer_button = QPushButton()
        self.edit_button = QPushButton()
        self.letter_button = QPushButton()
        self.ready_box = QCheckBox()
        self.cancel_letter_button = QPushButton()
        self.detail = QTextBrowser()
        self.next_status = QComboBox()
        self.status_on = DateField()
        self.response = QLineEdit()
        self.outcome = QLineEdit()
        self.status_button = QPushButton()
        self.note = QLineEdit()
        self.note_button = QPushButton()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.dialog: ReferralDialog | LetterDialog | None = None
        self.keeper: DraftKeeper | None = None  # the open referral form's drafts

        actions = QHBoxLayout()
        for widget in (self.refer_button, self.edit_button, self.letter_button):
            actions.addWidget(widget)
        actions.addWidget(self.ready_box)
        actions.addStretch(1)
        actions.addWidget(self.cancel_letter_button)
        status_row = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setBuddy(self.next_status)
        status_row.addWidget(self.status_label)
        status_row.addWidget(self.next_status)
        status_row.addWidget(self.status_on)
        status_row.addWidget(self.response, 2)
        status_row.addWidget(self.outcome, 1)
        status_row.addWidget(self.status_button)
        note_row = QHBoxLayout()
        self.note_label = QLabel()
        self.note_label.setBuddy(self.note)
        note_row.addWidget(self.note_label)
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.note_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail, 1)
        lower_layout.addLayout(status_row)
        lower_layout.addLayout(note_row)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(lower)
        splitter.setSizes([180, 320])
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self.view.selectionModel().selectionChanged.connect(self._chosen)
        self.view.activated.connect(lambda _index: self.edit_referral())
        self.refer_button.clicked.connect(self.new_referral)
        self.edit_button.clicked.connect(self.edit_referral)
        self.letter_button.clicked.connect(self.show_letter)
        self.ready_box.toggled.connect(self._mark_ready)
        self.cancel_letter_button.clicked.connect(self.cancel_letter)
        self.status_button.clicked.connect(self.move)
        self.note_button.clicked.connect(self.add_note)
        self.note.returnPressed.connect(self.add_note)
        self.next_status.currentIndexChanged.connect(self._response_visibility)
        self.retranslate_ui()
        self._show_chosen()

    # --- loading ---------------------------------------------------------------------------
    def show_case(self, ws: Workspace, case_id: int, referral_id: int | None = None) -> None:
        if (self.ws, self.case_id) != (ws, case_id):
            self.note.clear()
            self.response.clear()
        self.ws, self.case_id = ws, case_id
        self.reload(referral_id)

    def reload(self, referral_id: int | None = None) -> None:
        if self.ws is None or self.case_id is None:
            return
        keep = referral_id or (self.info.id if self.info else None)
        try:
            rows = referrals.case_referrals(self.ws, self.case_id)
        except LegalAidError as error:
            self.model.clear()
            self._say(error_text(error))
            return
        self.message.hide()
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep else -1
        self.view.selectRow(row if row >= 0 else 0)
        if not rows:
            self.info = None
            self._show_chosen()

    def select_referral(self, referral_id: int) -> None:
        row = self.model.row_of(referral_id)
        if row >= 0:
            self.view.selectRow(row)

    def tab_title(self) -> str:
        count = self.model.rowCount()
        return _("Referrals ({count})").format(count=count) if count else _("Referrals")

    def _may_edit(self) -> bool:
        return self.ws is not None and allowed(self.ws.actor.role, Permission.EDIT_CASES)

    def _chosen(self, *_args: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        row = self.model.referral_at(rows[0].row()) if rows else None
        self.info = None
        if row is not None and self.ws is not None:
            try:
                self.info = referrals.get_referral(self.ws, row.id)
            except LegalAidError as error:
                self._say(error_text(error))
        self._show_chosen()

    def _show_chosen(self) -> None:
        info, editable = self.info, self._may_edit()
        self.refer_button.setVisible(editable)
        self.refer_button.setEnabled(self.case_id is not None)
        for widget in (self.edit_button, self.status_button, self.note_button, self.letter_button):
            widget.setVisible(editable)
            widget.setEnabled(info is not None)
        self.detail.setHtml(referral_html(info) if info else "")
        self.next_status.clear()
        if info is not None:
            for status in info.next_statuses:
                self.next_status.addItem(sentence_case(status.label), status.value)
        has_next = info is not None and bool(info.next_statuses) and editable
        for widget in (self.status_label, self.next_status, self.status_on, self.status_button):
            widget.setVisible(has_next)
        self._response_visibility()
        letter = info.current_letter if info else None
        self.cancel_letter_button.setVisible(
            letter is not None
            and self.ws is not None
            and allowed(self.ws.actor.role, Permission.CANCEL_LETTERS)
        )
        self.ready_box.blockSignals(True)
        self.ready_box.setChecked(bool(info and info.letter_ready))
        self.ready_box.blockSignals(False)
        self.ready_box.setVisible(editable and info is not None and letter is None)
        self.letter_button.setText(_("Show the le&tter…") if letter else _("Prepare the le&tter…"))

    def _response_visibility(self) -> None:
        status = self.next_status.currentData()
        shows = status is not None and ReferralStatus(status) in ANSWERS
        self.response.setVisible(shows and self.next_status.isVisible())
        self.outcome.setVisible(self.response.isVisible())

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _changed(self, info: ReferralInfo | None = None) -> None:
        self.reload(info.id if info else None)
        self.changed.emit()

    # --- acting ----------------------------------------------------------------------------
    def new_referral(self) -> ReferralDialog | None:
        if self.ws is None or self.case_id is None:
            return None
        return self._open_form(ReferralDialog(self.ws, self.case_id, None, self))

    def edit_referral(self) -> ReferralDialog | None:
        if self.ws is None or self.case_id is None or self.info is None or not self._may_edit():
            return None
        return self._open_form(ReferralDialog(self.ws, self.case_id, self.info, self))

    def _open_form(self, dialog: ReferralDialog) -> ReferralDialog:
        self._close_dialog()
        assert self.ws is not None
        keeper = DraftKeeper(self.ws, lambda: dialog if dialog.isVisible() else None, dialog)
        dialog.saved.connect(lambda info: (keeper.forget(), self._changed(info)))
        dialog.rejected.connect(keeper.forget)  # cancelled: the person threw the input away
        keeper.start()
        self.dialog, self.keeper = dialog, keeper
        dialog.open()
        return dialog

    def has_typed(self) -> bool:
        """A referral form is open with input not saved."""
        return (
            isinstance(self.dialog, ReferralDialog)
            and self.dialog.isVisible()
            and self.dialog.is_dirty()
        )

    def keep_draft(self) -> bool:
        """At a lock or when another record opens: a referral form with unsaved input is
        written to the vault as a draft (offered again), then closed. True when kept."""
        dialog, keeper = self.dialog, self.keeper
        if not isinstance(dialog, ReferralDialog) or keeper is None or not dialog.isVisible():
            return False
        dialog.rejected.disconnect(keeper.forget)
        kept = dialog.is_dirty()
        keeper.release()  # written now; no longer this form's to remove
        keeper.stop()
        self.keeper = None
        if kept:
            self.draft_kept.emit()
        return kept

    def resume_draft(self, state: dict[str, Any]) -> ReferralDialog | None:
        """A kept referral form, back with what was typed (the case is shown)."""
        if self.ws is None or self.case_id is None:
            return None
        referral_id = state.get("referral_id")
        existing = None
        if referral_id:
            try:
                existing = referrals.get_referral(self.ws, int(referral_id))
            except LegalAidError as error:
                self._say(error_text(error))
                return None
        dialog = self._open_form(ReferralDialog(self.ws, self.case_id, existing, self))
        dialog.set_state(state)
        if self.keeper is not None:
            self.keeper.adopt(dialog.draft_key, state)
        return dialog

    def show_letter(self) -> LetterDialog | None:
        if self.ws is None or self.info is None:
            return None
        self._close_dialog()
        dialog = LetterDialog(self.ws, self.info, self)
        dialog.issued.connect(lambda _letter: self._changed(self.info))
        self.dialog = dialog
        dialog.open()
        return dialog

    def move(self) -> None:
        if self.ws is None or self.info is None or self.next_status.currentData() is None:
            return
        if not self.status_on.is_valid():
            self._say(_("Write the date as dd.mm.yyyy, e.g. 28.11.2026."))
            return
        target = ReferralStatus(self.next_status.currentData())
        summary = self.response.text() if self.response.isVisible() else None
        outcome = self.outcome.text() if self.outcome.isVisible() else None
        try:
            info = referrals.move_referral(
                self.ws,
                self.info.id,
                target,
                on=self.status_on.date(),
                response_summary=summary,
                outcome=outcome,
            )
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self.response.clear()
        self.outcome.clear()
        self.status_on.clear()
        self._changed(info)

    def add_note(self) -> None:
        if self.ws is None or self.info is None or not self.note.text().strip():
            return
        try:
            info = referrals.add_note(self.ws, self.info.id, self.note.text())
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self.note.clear()
        self._changed(info)

    def _mark_ready(self, ready: bool) -> None:
        if self.ws is None or self.info is None:
            return
        try:
            info = referrals.set_letter_ready(self.ws, self.info.id, ready)
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self._changed(info)

    def cancel_letter(self) -> QInputDialog | None:
        letter = self.info.current_letter if self.info else None
        if self.ws is None or letter is None:
            return None
        dialog = QInputDialog(self)
        dialog.setWindowTitle(_("Cancel letter {number}").format(number=letter.number))
        dialog.setLabelText(
            _("Why is letter {number} cancelled? Its number stays used.").format(
                number=letter.number
            )
        )
        dialog.textValueSelected.connect(lambda reason: self._cancel(letter.id, reason))
        dialog.open()
        return dialog

    def _cancel(self, letter_id: int, reason: str) -> None:
        if self.ws is None:
            return
        try:
            letters.cancel_letter(self.ws, letter_id, reason)
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self._changed(self.info)

    def _close_dialog(self) -> None:
        self.keep_draft()  # another form replaces it: what was typed stays as a draft
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def clear(self) -> None:
        """Forget the case (the vault locks or another record opens)."""
        self._close_dialog()
        self.ws = self.case_id = self.info = None
        self.model.clear()
        self.note.clear()
        self.response.clear()
        self.outcome.clear()
        self.status_on.clear()
        self.message.hide()
        self._show_chosen()

    # --- language --------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.refer_button.setText(_("Refer the ca&se…"))
        self.edit_button.setText(_("Chan&ge…"))
        self.ready_box.setText(_("Letter rea&dy to print"))
        self.cancel_letter_button.setText(_("Ca&ncel the letter…"))
        self.status_label.setText(_("&Move to"))
        self.status_on.retranslate_ui()
        self.status_on.setPlaceholderText(_("on (default today)"))
        self.response.setPlaceholderText(_("what they answered"))
        self.response.setAccessibleName(_("What they answered"))
        self.outcome.setPlaceholderText(_("outcome for the client"))
        self.outcome.setAccessibleName(_("Outcome for the client"))
        self.status_button.setText(_("Rec&ord"))
        self.note_label.setText(_("&Add a follow-up note"))
        self.note_button.setText(_("Add the note"))
        self.model.retranslate()
        self._show_chosen()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

"""A bar above the work area when the signed-in person has unsaved input kept from
before (a crash, a lock that someone else signed in after, a form left for another):
resume it or throw it away. One draft at a time, newest first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from legalaid.errors import LegalAidError
from legalaid.i18n import _, format_datetime, ngettext
from legalaid.services import drafts
from legalaid.services.drafts import (
    INTAKE_DRAFT,
    OBSERVATION_DRAFT,
    REFERRAL_DRAFT,
    TIMELINE_DRAFT,
    DraftInfo,
)
from legalaid.services.workspace import Workspace


def describe(draft: DraftInfo) -> str:
    """What the draft is, in words (the person's own input: shown only to them)."""
    if draft.form == "person":
        name = " ".join(
            str(draft.state.get(part) or "") for part in ("surname", "given_name")
        ).strip()
        if draft.record_id is None:
            return _("a new person ({name})").format(name=name or "—")
        return _("changes to the person {name}").format(name=name or "—")
    if draft.form == INTAKE_DRAFT:
        typed = " ".join(str(draft.state.get(part) or "") for part in ("surname", "given_name"))
        name = str(draft.state.get("person_name") or "") or typed.strip()
        return _("an intake interview ({name})").format(name=name or "—")
    if draft.form == TIMELINE_DRAFT:
        return _("a note or a task on a case's timeline")
    if draft.form == REFERRAL_DRAFT:
        return _("a referral of a case")
    if draft.form == OBSERVATION_DRAFT:
        return _("the facts of an observed hearing")
    if draft.record_id is None:
        return _("a new case")
    return _("changes to a case")


class DraftBanner(QFrame):
    resume_requested = Signal(object)  # DraftInfo

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.setObjectName("draftBanner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.resume_button = QPushButton()
        self.discard_button = QPushButton()
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.resume_button)
        row.addWidget(self.discard_button)
        self.resume_button.clicked.connect(self._resume)
        self.discard_button.clicked.connect(self._discard)
        self.shown: DraftInfo | None = None
        self._others = 0
        self.retranslate_ui()
        self.hide()

    def refresh(self, skip: tuple[str, int | None] | None = None) -> None:
        """Show the newest draft (except the one at `skip`, open in a form right now)."""
        try:
            kept = [d for d in drafts.my_drafts(self.ws) if (d.form, d.slot) != skip]
        except LegalAidError:
            kept = []
        self.shown = kept[0] if kept else None
        self._others = max(0, len(kept) - 1)
        self.retranslate_ui()
        self.setVisible(self.shown is not None)

    def retranslate_ui(self) -> None:
        self.resume_button.setText(_("Resume"))
        self.discard_button.setText(_("Discard"))
        if self.shown is None:
            self.text.clear()
            return
        text = _("Unsaved input from {when} was kept: {what}.").format(
            when=format_datetime(self.shown.saved_at.astimezone(), "short"),
            what=describe(self.shown),
        )
        if self._others:
            text += " " + ngettext(
                "{count} more draft after this one.",
                "{count} more drafts after this one.",
                self._others,
            ).format(count=self._others)
        self.text.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _resume(self) -> None:
        if self.shown is not None:
            draft, self.shown = self.shown, None
            self.hide()
            self.resume_requested.emit(draft)

    def _discard(self) -> None:
        if self.shown is not None:
            try:
                drafts.discard_draft(self.ws, self.shown.form, self.shown.slot)
            except LegalAidError:
                return
            self.refresh()

    def clear(self) -> None:
        """On lock: the person's input leaves the screen."""
        self.shown = None
        self.text.clear()
        self.hide()

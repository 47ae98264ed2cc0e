"""Keeps the open form's unsaved input as an encrypted draft in the vault: every few
seconds while it changes, and right away before a lock. Saving the form or discarding the
input removes the draft. Nothing of it is written outside the vault."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer

from legalaid.errors import LegalAidError
from legalaid.services import drafts
from legalaid.services.workspace import Workspace

DRAFT_INTERVAL_MS = 3_000  # a crash loses at most the last few seconds of typing


class DraftableForm(Protocol):
    @property
    def draft_key(self) -> tuple[str, int | None]: ...

    def state(self) -> dict[str, Any]: ...

    def set_state(self, state: dict[str, Any]) -> None: ...

    def is_dirty(self) -> bool: ...


class DraftKeeper(QObject):
    def __init__(
        self, ws: Workspace, current_form: Callable[[], DraftableForm | None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.current_form = current_form
        self._kept: tuple[tuple[str, int | None], dict[str, Any]] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(DRAFT_INTERVAL_MS)
        self.timer.timeout.connect(self.keep)
        self.failed = False  # the last write failed (shown by the window, retried)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def keep(self) -> None:
        """Write the form's input if it changed since the last write (vault must be open)."""
        form = self.current_form()
        if form is None or not self.ws.vault.is_unlocked:
            return
        key = form.draft_key
        if not form.is_dirty():
            if self._kept is not None:
                self.forget()  # typed back to what was saved: nothing to keep
            return
        state = form.state()
        if self._kept == (key, state):
            return
        try:
            drafts.save_draft(self.ws, key[0], key[1], state)
        except LegalAidError:
            self.failed = True
            return
        self.failed = False
        self._kept = (key, state)

    def forget(self) -> None:
        """The form was saved or its input thrown away: its draft goes too."""
        if self._kept is not None and self.ws.vault.is_unlocked:
            try:
                drafts.discard_draft(self.ws, *self._kept[0])
            except LegalAidError:
                return  # kept; offered again at the next sign-in, which is harmless
        self._kept = None

    def release(self) -> None:
        """Another form takes the place of this one: its input stays as a draft, offered
        again later, and is no longer this keeper's to replace or remove."""
        self.keep()
        self._kept = None

    def adopt(self, key: tuple[str, int | None], state: dict[str, Any]) -> None:
        """A resumed draft is now the open form's: later writes replace it."""
        self._kept = (key, state)

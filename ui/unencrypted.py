"""The warning before anything leaves the vault as a plain file (SECURITY.md 23): the copy
is not encrypted, anyone with the PC can open it, and the saving is audited. Window-modal,
never blocking: `confirmed()` runs only when the person chooses to save."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from legalaid.i18n import _
from ui.confirm import ask_to_confirm


def ask_unencrypted_copy(parent: QWidget, confirmed: Callable[[], None]) -> QMessageBox:
    return ask_to_confirm(
        parent,
        _("Legal Aid Desk"),
        _("The copy saved on this computer is NOT encrypted."),
        _(
            "Anyone who uses this computer, or takes it, can open the copy. Save it only "
            "where it must go, and delete it when it is no longer needed. The saving is "
            "recorded in the audit trail."
        ),
        _("Save an unencrypted copy…"),
        confirmed,
        icon=QMessageBox.Icon.Warning,
    )

"""A question before something that cannot simply be taken back (an unencrypted copy, an
undo): window-modal and never blocking, Cancel the default; `confirmed()` runs only when the
person chooses the action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_confirm(
    parent: QWidget,
    title: str,
    text: str,
    informative: str,
    action: str,
    confirmed: Callable[[], None],
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole,
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(informative)
    chosen = box.addButton(action, role)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.buttonClicked.connect(lambda button: confirmed() if button is chosen else None)
    box.open()
    return box

"""Form rows where each field has its label and, under it, the core's message when the
value is refused (the typed value stays; the field gets the focus)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

LABEL_MAX_WIDTH = 250


class FieldRows:
    def __init__(
        self, fields: Mapping[str, QWidget], extras: Mapping[str, list[QWidget]] | None = None
    ) -> None:
        self.fields = dict(fields)
        self.labels = {name: QLabel() for name in fields}
        self.errors = {name: QLabel() for name in fields}
        self.layout = QFormLayout()
        for name, widget in fields.items():
            self.labels[name].setBuddy(widget)
            # A long label (Russian and Kyrgyz run long) wraps instead of widening the form.
            self.labels[name].setWordWrap(True)
            self.labels[name].setMaximumWidth(LABEL_MAX_WIDTH)
            error = self.errors[name]
            error.setObjectName("error")
            error.setWordWrap(True)
            error.hide()
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            for extra in (extras or {}).get(name, []):
                column.addWidget(extra)
            column.addWidget(error)
            self.layout.addRow(self.labels[name], column)

    def set_labels(self, texts: dict[str, str]) -> None:
        """Label texts may carry '&' for a shortcut; the accessible name leaves it out."""
        for name, text in texts.items():
            label = self.labels[name]
            label.setText(text)
            self.fields[name].setAccessibleName(text.replace("&", ""))
            # Short labels keep one line; only one longer than the cap wraps.
            natural = label.fontMetrics().horizontalAdvance(text.replace("&", "")) + 4
            label.setMinimumWidth(min(natural, LABEL_MAX_WIDTH))

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()

    def show_error(self, field: str | None, message: str) -> bool:
        """Show the message at `field`; False when the form has no such field."""
        if field not in self.errors:
            return False
        self.errors[field].setText(message)
        self.errors[field].show()
        self.fields[field].setFocus()
        return True

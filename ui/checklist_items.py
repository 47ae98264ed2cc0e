"""One checklist item on the courtroom screen, answered fast and quietly.

A yes / no / not observed / not applicable item takes a single key while it has the focus:
Y, N, O or A (on a Cyrillic keyboard the same keys: Н, Т, Щ, Ф; or 1–4), then the focus
moves on to the next item. Up and Down move between items, Delete clears the answer, Tab goes
into the comment. Other answer types have their own field (a list, check boxes, a number, a
time, a date, a text), saved when the field is left.

The row does not save: it emits `answered(code, values, comment)`; the screen calls the
service and tells the row what was stored (`show_saved`) or what was refused (`show_error`,
the input stays as typed).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.checklists import YN4, AnswerType, Item
from legalaid.i18n import _, current_language
from ui.choices import narrow

# The four answers by key: the Latin letter, the Cyrillic letter on the same key of the
# Russian and Kyrgyz layouts, and a digit.
YN4_KEYS: dict[str, str] = {
    "y": "yes", "н": "yes", "1": "yes",
    "n": "no", "т": "no", "2": "no",
    "o": "not_observed", "щ": "not_observed", "3": "not_observed",
    "a": "not_applicable", "ф": "not_applicable", "4": "not_applicable",
}  # fmt: skip
YN4_SHORT = {"yes": "Y", "no": "N", "not_observed": "O", "not_applicable": "A"}
CONCERN_STYLE = 'ItemRow[concern="true"] { border-left: 4px solid #c0392b; }'


class ItemRow(QFrame):
    """A checklist item: its text, its answer field and a comment line."""

    answered = Signal(str, object, str)  # item code, tuple of values, comment
    move = Signal(int)  # -1 / +1: the focus goes to the previous / next item

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName(f"item-{item.code}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Drawn by the application's style sheet (ui/app.py): a red edge on a concern, a
        # frame on the item that has the keys. No style sheet of its own: a hundred rows
        # with their own sheets make every polish and language switch slow.
        self.setProperty("concern", "false")
        self.code_label = QLabel(item.code)
        self.code_label.setMinimumWidth(34)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.status = QLabel()  # "⚠ concern" or a refusal
        self.status.setWordWrap(True)
        self.comment = QLineEdit()
        self.comment.setMaxLength(2000)
        self.comment.editingFinished.connect(self._comment_left)
        self._saved_comment = ""
        self.buttons: dict[str, QToolButton] = {}
        self.group: QButtonGroup | None = None
        self.combo: QComboBox | None = None
        self.checks: dict[str, QCheckBox] = {}
        self.line: QLineEdit | None = None
        self.box: QPlainTextEdit | None = None
        answer = self._answer_field()
        top = QHBoxLayout()
        top.addWidget(self.code_label)
        top.addWidget(self.text, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 4)
        column.setSpacing(3)
        column.addLayout(top)
        column.addWidget(answer)
        column.addWidget(self.comment)
        column.addWidget(self.status)
        self.status.hide()
        self.retranslate_ui()

    # --- the answer field of each type ----------------------------------------------------
    def _answer_field(self) -> QWidget:
        field = QWidget()
        kind = self.item.answer
        if kind is AnswerType.YN4:
            # Two by two: the Kyrgyz and Russian answers are long, the middle pane narrow.
            grid = QGridLayout(field)
            grid.setContentsMargins(34, 0, 0, 0)
            grid.setHorizontalSpacing(4)
            grid.setVerticalSpacing(2)
            self.group = QButtonGroup(self)
            self.group.setExclusive(False)  # a second click on the chosen one clears it
            for index, code in enumerate(YN4):
                button = QToolButton()
                button.setCheckable(True)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row keeps the keys
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                button.clicked.connect(lambda checked, c=code: self._yn4_clicked(c, checked))
                self.group.addButton(button)
                self.buttons[code] = button
                grid.addWidget(button, index // 2, index % 2)
        elif kind is AnswerType.CHOICE:
            row = QHBoxLayout(field)
            row.setContentsMargins(34, 0, 0, 0)
            self.combo = narrow(QComboBox(), 20)  # never wider than the middle pane
            self.combo.addItem("", None)
            for choice in self.item.choices:
                self.combo.addItem("", choice.code)
            self.combo.activated.connect(lambda _i: self._emit(self._values()))
            row.addWidget(self.combo, 1)
            self.setFocusProxy(self.combo)
        elif kind is AnswerType.MULTI:
            grid = QGridLayout(field)
            grid.setContentsMargins(34, 0, 0, 0)
            for index, choice in enumerate(self.item.choices):
                check = QCheckBox()
                check.toggled.connect(lambda _on: self._emit(self._values()))
                self.checks[choice.code] = check
                grid.addWidget(check, index, 0)  # one a line: the labels run long
            first = next(iter(self.checks.values()), None)
            if first is not None:
                self.setFocusProxy(first)
        elif kind is AnswerType.TEXT:
            row = QHBoxLayout(field)
            row.setContentsMargins(34, 0, 0, 0)
            self.box = QPlainTextEdit()
            self.box.setTabChangesFocus(True)
            self.box.setFixedHeight(64)
            self.box.installEventFilter(self)
            row.addWidget(self.box, 1)
            self.setFocusProxy(self.box)
        else:  # count, duration, time, date: one line
            row = QHBoxLayout(field)
            row.setContentsMargins(34, 0, 0, 0)
            self.line = QLineEdit()
            self.line.setMaximumWidth(160)
            self.line.editingFinished.connect(self._line_left)
            row.addWidget(self.line)
            row.addStretch(1)
            self.setFocusProxy(self.line)
        return field

    def _values(self) -> tuple[str, ...]:
        """What the field holds now, as the service takes it."""
        if self.item.answer is AnswerType.YN4:
            return tuple(c for c, b in self.buttons.items() if b.isChecked())
        if self.combo is not None:
            data = self.combo.currentData()
            return (str(data),) if data else ()
        if self.checks:
            return tuple(c for c, check in self.checks.items() if check.isChecked())
        if self.box is not None:
            return (self.box.toPlainText(),) if self.box.toPlainText().strip() else ()
        if self.line is not None:
            return (self.line.text(),) if self.line.text().strip() else ()
        return ()

    def _emit(self, values: tuple[str, ...]) -> None:
        self.answered.emit(self.item.code, values, self.comment.text())

    # --- yes / no / not observed / not applicable ----------------------------------------
    def _yn4_clicked(self, code: str, checked: bool) -> None:
        for other, button in self.buttons.items():
            if other != code:
                button.setChecked(False)
        self._emit((code,) if checked else ())

    def choose(self, code: str | None) -> None:
        """Answer by key (None clears); the focus moves on after an answer."""
        for other, button in self.buttons.items():
            button.setChecked(other == code)
        self._emit((code,) if code else ())
        if code:
            self.move.emit(1)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and not event.modifiers():
            self.move.emit(1 if key == Qt.Key.Key_Down else -1)
            return
        if self.item.answer is AnswerType.YN4 and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        ):
            text = event.text().lower()
            if text in YN4_KEYS:
                self.choose(YN4_KEYS[text])
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.choose(None)
                return
        super().keyPressEvent(event)

    # --- typed fields: saved when left ---------------------------------------------------
    def _line_left(self) -> None:
        self._emit(self._values())

    def _comment_left(self) -> None:
        if self.comment.text() != self._saved_comment:
            self._emit(self._values())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.box and event.type() == QEvent.Type.FocusOut:
            self._emit(self._values())
        return super().eventFilter(watched, event)

    # --- what the screen tells the row ---------------------------------------------------
    def set_values(self, values: Sequence[str], comment: str = "") -> None:
        """Show what is stored, without emitting (loading an observation)."""
        widgets: list[QWidget] = [*self.buttons.values(), *self.checks.values()]
        for widget in [*widgets, self.combo, self.line, self.box, self.comment]:
            if widget is not None:
                widget.blockSignals(True)
        for code, button in self.buttons.items():
            button.setChecked(code in values)
        if self.combo is not None:
            index = self.combo.findData(values[0]) if values else 0
            self.combo.setCurrentIndex(max(index, 0))
        for code, check in self.checks.items():
            check.setChecked(code in values)
        if self.line is not None:
            self.line.setText(values[0] if values else "")
        if self.box is not None:
            self.box.setPlainText(values[0] if values else "")
        self.comment.setText(comment)
        self._saved_comment = comment
        for widget in [*widgets, self.combo, self.line, self.box, self.comment]:
            if widget is not None:
                widget.blockSignals(False)

    def show_saved(self, values: Sequence[str], concern: bool) -> None:
        """The service stored `values` (cleaned: "9.05" became "09:05")."""
        if self.line is not None and values and self.line.text() != values[0]:
            self.line.setText(values[0])
        self._saved_comment = self.comment.text()
        wanted = "true" if concern else "false"
        if self.property("concern") != wanted:  # a polish only when the edge changes
            self.setProperty("concern", wanted)
            self.style().unpolish(self)
            self.style().polish(self)
        self.status.setObjectName("warning")
        self.status.setText(_("⚠ a concern") if concern else "")
        self.status.setVisible(concern)

    def show_error(self, text: str) -> None:
        """Refused: said under the item; what was typed stays."""
        self.status.setObjectName("error")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)
        self.status.show()

    def is_answered(self) -> bool:
        return bool(self._values())

    # --- language --------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        language = current_language()
        self.text.setText(self.item.text.in_language(language))
        for code, button in self.buttons.items():
            button.setText(
                _("{answer} ({key})").format(
                    answer=self.item.choice_label(code, language), key=YN4_SHORT[code]
                )
            )
        if self.combo is not None:
            self.combo.setItemText(0, _("— not answered —"))
            for index, choice in enumerate(self.item.choices, start=1):
                self.combo.setItemText(index, choice.label.in_language(language))
        for choice in self.item.choices:
            if choice.code in self.checks:
                self.checks[choice.code].setText(choice.label.in_language(language))
        if self.line is not None:
            self.line.setPlaceholderText(self._placeholder())
        self.comment.setPlaceholderText(_("Comment (optional)"))
        self.setAccessibleName(f"{self.item.code} {self.item.text.in_language(language)}")
        if self.status.isVisible() and self.property("concern") == "true":
            self.status.setText(_("⚠ a concern"))

    def _placeholder(self) -> str:
        kind = self.item.answer
        if kind is AnswerType.TIME:
            return _("hh:mm")
        if kind is AnswerType.DATE:
            return _("dd.mm.yyyy")
        if kind is AnswerType.DURATION:
            return _("minutes")
        return _("a number")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

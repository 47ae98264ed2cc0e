"""A grid of check boxes for a set of coded choices (languages a person speaks, their
vulnerabilities): the codes are kept, the labels follow the interface language."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Generic, TypeVar

from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from legalaid.i18n import sentence_case

E = TypeVar("E", bound=Enum)


class ChoiceBoxes(QWidget, Generic[E]):
    def __init__(self, choices: Sequence[E], columns: int = 3) -> None:
        super().__init__()
        self.boxes: dict[E, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, choice in enumerate(choices):
            box = QCheckBox()
            self.boxes[choice] = box
            grid.addWidget(box, index // columns, index % columns)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for choice, box in self.boxes.items():
            box.setText(sentence_case(str(getattr(choice, "label", choice.value))))

    def chosen(self) -> tuple[E, ...]:
        return tuple(choice for choice, box in self.boxes.items() if box.isChecked())

    def set_chosen(self, chosen: Iterable[E]) -> None:
        wanted = set(chosen)
        for choice, box in self.boxes.items():
            box.setChecked(choice in wanted)

"""Filling and choosing in combo boxes the same way on every form: choices carry stable
codes as their data, texts in the current language."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from legalaid.domain import reference


def narrow(combo: QComboBox, characters: int = 14) -> QComboBox:
    """A list that never widens its form: a long Kyrgyz or Russian label is elided in the
    closed list (the open list shows it whole)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


def select_data(combo: QComboBox, data: object) -> None:
    """Choose the item whose data is `data` (the first item when none is)."""
    combo.setCurrentIndex(max(0, combo.findData(data)))


def add_categories(combo: QComboBox) -> None:
    """The complaint categories, in the alphabetical order of the current language."""
    for code, category in sorted(reference.categories().items(), key=lambda p: p[1].label()):
        combo.addItem(category.label(), code)

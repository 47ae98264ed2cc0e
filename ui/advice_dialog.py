"""An advice-only visit: someone came with a question, got advice and left; no case is
opened. Topic, the advice given, how long it took, and (for the statistics, without a
name) gender, age group and district. Counted in the reports like any consultation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain import reference
from legalaid.domain.enums import AgeGroup, Gender
from legalaid.errors import LegalAidError
from legalaid.i18n import _
from legalaid.services import intake
from legalaid.services.intake import AdviceInput, IntakeRefused
from legalaid.services.workspace import Workspace
from ui.choices import add_categories, select_data
from ui.field_rows import FieldRows
from ui.qdates import date_edit, from_qdate


class AdviceDialog(QDialog):
    recorded = Signal(int)  # the consultation's id

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.topic = QComboBox()
        self.advice = QPlainTextEdit()
        self.advice.setTabChangesFocus(True)
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSpecialValueText("—")
        self.given_on = date_edit(latest=dt.date.today())
        self.gender = QComboBox()
        self.age_group = QComboBox()
        self.district = QComboBox()
        self.rows = FieldRows(
            {
                "topic": self.topic,
                "advice": self.advice,
                "duration_minutes": self.duration,
                "given_on": self.given_on,
                "gender": self.gender,
                "age_group": self.age_group,
                "district": self.district,
            }
        )
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(self.rows.layout)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.resize(640, 520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Advice visit"))
        self.note.setText(
            _(
                "For a visit that ends with advice: no case is opened and no name is kept; "
                "it is counted in the statistics."
            )
        )
        self.rows.set_labels(
            {
                "topic": _("&Topic"),
                "advice": _("&Advice given"),
                "duration_minutes": _("D&uration, minutes"),
                "given_on": _("D&ate"),
                "gender": _("&Gender"),
                "age_group": _("Age g&roup"),
                "district": _("Dis&trict"),
            }
        )
        self.save_button.setText(_("Save"))
        self._fill()

    def _fill(self) -> None:
        """Choices in the current language; what was chosen stays chosen."""
        combos = (self.topic, self.gender, self.age_group, self.district)
        chosen = [combo.currentData() for combo in combos]
        for combo in combos:
            combo.clear()
        self.topic.addItem(_("— choose —"), None)
        add_categories(self.topic)
        for gender in Gender:
            self.gender.addItem(gender.label, gender.value)
        for group in AgeGroup:
            self.age_group.addItem(group.label, group.value)
        self.district.addItem(_("— not known —"), None)
        for region in reference.regions().values():
            for place in (*region.districts, *region.cities):
                self.district.addItem(f"{place.label()} ({region.label()})", place.code)
        for combo, data in zip(combos, chosen, strict=True):
            if data is not None:
                select_data(combo, data)
        if chosen[1] is None:
            self.gender.setCurrentIndex(self.gender.findData(Gender.UNKNOWN.value))
        if chosen[2] is None:
            self.age_group.setCurrentIndex(self.age_group.findData(AgeGroup.UNKNOWN.value))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def data(self) -> AdviceInput:
        return AdviceInput(
            topic=self.topic.currentData() or "",
            advice=self.advice.toPlainText(),
            duration_minutes=self.duration.value() or None,
            given_on=from_qdate(self.given_on.date()),
            gender=self.gender.currentData(),
            age_group=self.age_group.currentData(),
            district=self.district.currentData(),
        )

    def save(self) -> None:
        self.rows.clear_errors()
        self.message.clear()
        try:
            record_id = intake.record_advice(self.ws, self.data())
        except IntakeRefused as refused:
            for problem in refused.problems:
                if not self.rows.show_error(problem.field, str(problem)):
                    self.message.setText(str(problem))
            return
        except LegalAidError as error:
            self.message.setText(str(error))
            return
        self.recorded.emit(record_id)
        self.accept()

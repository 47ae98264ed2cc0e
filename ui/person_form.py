"""Adding or changing a person: the core validates, the message appears next to the field,
and everything typed stays where it was. The form survives a lock (it is only hidden)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.enums import Gender
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import _
from legalaid.services import people
from legalaid.services.people import PersonInfo, PersonInput
from legalaid.services.workspace import Workspace
from ui.field_rows import FieldRows
from ui.qdates import FORM_DATE_FORMAT, from_qdate, to_qdate

NO_DATE = QDate(1900, 1, 1)


class PersonForm(QWidget):
    saved = Signal(object)  # PersonInfo

    def __init__(self, ws: Workspace, person: PersonInfo | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.person_id = person.id if person else None
        self.title = QLabel()
        self.title.setObjectName("title")
        self.surname = QLineEdit(person.surname if person else "")
        self.given_name = QLineEdit(person.given_name if person else "")
        self.patronymic = QLineEdit((person.patronymic or "") if person else "")
        self.gender = QComboBox()
        for gender in Gender:
            self.gender.addItem("", gender)
        self.gender.setCurrentIndex(list(Gender).index(person.gender if person else Gender.UNKNOWN))
        self.birth_date = QDateEdit()
        self.birth_date.setDisplayFormat(FORM_DATE_FORMAT)
        self.birth_date.setMinimumDate(NO_DATE)
        self.birth_date.setSpecialValueText(" ")
        self.birth_date.setDate(
            to_qdate(person.birth_date) if person and person.birth_date else NO_DATE
        )
        self.age = QSpinBox()
        self.age.setRange(0, 120)
        self.age.setSpecialValueText(" ")
        self.pin = QLineEdit((person.pin or "") if person else "")
        self.phone = QLineEdit((person.phone or "") if person else "")
        self.notes = QLineEdit((person.notes or "") if person else "")
        self.fields = {
            "surname": self.surname,
            "given_name": self.given_name,
            "patronymic": self.patronymic,
            "gender": self.gender,
            "birth_date": self.birth_date,
            "approximate_age": self.age,
            "pin": self.pin,
            "phone": self.phone,
            "notes": self.notes,
        }
        self.text_fields = {
            name: widget for name, widget in self.fields.items() if isinstance(widget, QLineEdit)
        }
        self.rows = FieldRows(self.fields)
        self.errors, self.labels = self.rows.errors, self.rows.labels
        self.message = QLabel()
        self.message.setObjectName("error")
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.rows.layout)
        layout.addWidget(self.message)
        layout.addWidget(self.save_button)
        layout.addStretch(1)
        self.retranslate_ui()
        self._initial = self.state()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Change a person") if self.person_id else _("New person"))
        names = {
            "surname": _("&Surname"),
            "given_name": _("&Given name"),
            "patronymic": _("Pa&tronymic"),
            "gender": _("Gen&der"),
            "birth_date": _("&Birth date"),
            "approximate_age": _("Approximate &age"),
            "pin": _("P&IN"),
            "phone": _("P&hone"),
            "notes": _("&Notes"),
        }
        self.rows.set_labels(names)
        for index, gender in enumerate(Gender):
            self.gender.setItemText(index, gender.label)
        self.save_button.setText(_("Save"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def data(self) -> PersonInput:
        birth = self.birth_date.date()
        return PersonInput(
            surname=self.surname.text(),
            given_name=self.given_name.text(),
            patronymic=self.patronymic.text() or None,
            gender=Gender(self.gender.currentData()),
            birth_date=None if birth == NO_DATE else from_qdate(birth),
            approximate_age=self.age.value() or None,
            pin=self.pin.text() or None,
            phone=self.phone.text() or None,
            notes=self.notes.text() or None,
        )

    def state(self) -> dict[str, Any]:
        """What the person has typed, as plain data (for drafts and 'unsaved changes?')."""
        birth = self.birth_date.date()
        return {
            **{name: field.text() for name, field in self.text_fields.items()},
            "gender": Gender(self.gender.currentData()).value,
            "birth_date": None if birth == NO_DATE else from_qdate(birth).isoformat(),
            "approximate_age": self.age.value(),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        for name, field in self.text_fields.items():
            field.setText(str(state.get(name) or ""))
        gender = Gender(state.get("gender", Gender.UNKNOWN.value))
        self.gender.setCurrentIndex(max(0, self.gender.findData(gender)))
        birth = state.get("birth_date")
        self.birth_date.setDate(to_qdate(dt.date.fromisoformat(birth)) if birth else NO_DATE)
        self.age.setValue(int(state.get("approximate_age") or 0))

    @property
    def draft_key(self) -> tuple[str, int | None]:
        return "person", self.person_id

    def is_dirty(self) -> bool:
        return self.state() != self._initial

    def save(self) -> None:
        self.rows.clear_errors()
        self.message.clear()
        try:
            if self.person_id is None:
                info = people.add_person(self.ws, self.data())
            else:
                info = people.update_person(self.ws, self.person_id, self.data())
        except ValidationError as error:
            if not self.rows.show_error(error.field, str(error)):
                self.message.setText(str(error))
            return
        except LegalAidError as error:
            self.message.setText(str(error))
            return
        self.person_id = info.id
        self._initial = self.state()
        self.retranslate_ui()
        self.saved.emit(info)

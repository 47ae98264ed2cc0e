"""Adding or changing a person: every field of the record (names, gender, birth date or an
approximate age, PIN, phone, address from the reference districts, languages,
vulnerabilities, notes). The core validates, the message appears next to the field, and
everything typed stays where it was. The form survives a lock (it is only hidden)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain import reference
from legalaid.domain.enums import Gender, Language, Vulnerability
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import _
from legalaid.services import people
from legalaid.services.drafts import new_record_slot
from legalaid.services.people import PersonInfo, PersonInput
from legalaid.services.workspace import Workspace
from ui.choice_boxes import ChoiceBoxes
from ui.choices import select_data
from ui.field_rows import FieldRows
from ui.qdates import FORM_DATE_FORMAT, from_qdate, to_qdate

NO_DATE = QDate(1900, 1, 1)
LINE_FIELDS = ("surname", "given_name", "patronymic", "pin", "phone", "settlement", "street")


def _approximate_age(person: PersonInfo | None) -> int:
    if person is None or person.birth_date is not None or person.birth_year_estimate is None:
        return 0
    return max(0, dt.date.today().year - person.birth_year_estimate)


class PersonForm(QWidget):
    saved = Signal(object)  # PersonInfo

    def __init__(self, ws: Workspace, person: PersonInfo | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.person_id = person.id if person else None
        self.new_slot = new_record_slot()  # names this form's draft while it is new
        self.title = QLabel()
        self.title.setObjectName("title")

        def line(value: str | None) -> QLineEdit:
            return QLineEdit(value or "")

        self.surname = line(person.surname if person else None)
        self.given_name = line(person.given_name if person else None)
        self.patronymic = line(person.patronymic if person else None)
        self.gender = QComboBox()
        for gender in Gender:
            self.gender.addItem("", gender)
        self.gender.setCurrentIndex(list(Gender).index(person.gender if person else Gender.UNKNOWN))
        self.birth_date = QDateEdit()
        self.birth_date.setDisplayFormat(FORM_DATE_FORMAT)
        self.birth_date.setMinimumDate(NO_DATE)
        self.birth_date.setMaximumDate(to_qdate(dt.date.today()))
        self.birth_date.setSpecialValueText(" ")
        self.birth_date.setDate(
            to_qdate(person.birth_date) if person and person.birth_date else NO_DATE
        )
        self.age = QSpinBox()
        self.age.setRange(0, 120)
        self.age.setSpecialValueText(" ")
        self.age.setValue(_approximate_age(person))
        self.pin = line(person.pin if person else None)
        self.phone = line(person.phone if person else None)
        self.region = QComboBox()
        self.district = QComboBox()
        self.settlement = line(person.settlement if person else None)
        self.street = line(person.street if person else None)
        self.languages: ChoiceBoxes[Language] = ChoiceBoxes(list(Language), columns=3)
        self.languages.set_chosen(person.languages if person else ())
        self.vulnerabilities: ChoiceBoxes[Vulnerability] = ChoiceBoxes(
            list(Vulnerability), columns=2
        )
        self.vulnerabilities.set_chosen(person.vulnerabilities if person else ())
        self.notes = QPlainTextEdit(person.notes or "" if person else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(110)
        self.fields: dict[str, QWidget] = {
            "surname": self.surname,
            "given_name": self.given_name,
            "patronymic": self.patronymic,
            "gender": self.gender,
            "birth_date": self.birth_date,
            "approximate_age": self.age,
            "pin": self.pin,
            "phone": self.phone,
            "region": self.region,
            "district": self.district,
            "settlement": self.settlement,
            "street": self.street,
            "languages": self.languages,
            "vulnerabilities": self.vulnerabilities,
            "notes": self.notes,
        }
        self.text_fields = {name: getattr(self, name) for name in LINE_FIELDS}
        self.rows = FieldRows(self.fields)
        self.errors, self.labels = self.rows.errors, self.rows.labels
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.title)
        column.addLayout(self.rows.layout)
        column.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        column.addLayout(buttons)
        column.addStretch(1)
        scroll = QScrollArea()  # the whole record does not fit at 1366x768
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._fill_regions(person.region if person else None)
        self._fill_districts(person.district if person else None)
        self.region.currentIndexChanged.connect(lambda _index: self._fill_districts(None))
        self.retranslate_ui()
        self._initial = self.state()

    # --- choices -------------------------------------------------------------------------
    def _fill_regions(self, chosen: str | None) -> None:
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItem(_("— not known —"), None)
        for code, region in reference.regions().items():
            self.region.addItem(region.label(), code)
        select_data(self.region, chosen)
        self.region.blockSignals(False)

    def _fill_districts(self, chosen: str | None) -> None:
        """Districts and cities of the chosen region (keeping the choice when it still fits)."""
        chosen = chosen or self.district.currentData()
        self.district.clear()
        self.district.addItem(_("— not known —"), None)
        region = reference.regions().get(self.region.currentData() or "")
        for place in (*region.districts, *region.cities) if region else ():
            self.district.addItem(place.label(), place.code)
        select_data(self.district, chosen)
        self.district.setEnabled(self.district.count() > 1)

    # --- language ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Change a person") if self.person_id else _("New person"))
        names = {
            "surname": _("&Surname"),
            "given_name": _("Gi&ven name"),
            "patronymic": _("Pa&tronymic"),
            "gender": _("Gen&der"),
            "birth_date": _("&Birth date"),
            "approximate_age": _("Approximate &age"),
            "pin": _("P&IN"),
            "phone": _("&Phone"),
            "region": _("Re&gion"),
            "district": _("Distri&ct or city"),
            "settlement": _("Settle&ment"),
            "street": _("Street and h&ouse"),
            "languages": _("Spo&ken languages"),
            "vulnerabilities": _("Vulnerabilit&y"),
            "notes": _("&Notes"),
        }
        self.rows.set_labels(names)
        self.labels["languages"].setBuddy(next(iter(self.languages.boxes.values())))
        self.labels["vulnerabilities"].setBuddy(next(iter(self.vulnerabilities.boxes.values())))
        for index, gender in enumerate(Gender):
            self.gender.setItemText(index, gender.label)
        self._fill_regions(self.region.currentData())
        self._fill_districts(self.district.currentData())
        self.languages.retranslate_ui()
        self.vulnerabilities.retranslate_ui()
        self.save_button.setText(_("Save"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- data ----------------------------------------------------------------------------
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
            region=self.region.currentData(),
            district=self.district.currentData(),
            settlement=self.settlement.text() or None,
            street=self.street.text() or None,
            languages=self.languages.chosen(),
            vulnerabilities=self.vulnerabilities.chosen(),
            notes=self.notes.toPlainText() or None,
        )

    def state(self) -> dict[str, Any]:
        """What the person has typed, as plain data (for drafts and 'unsaved changes?')."""
        birth = self.birth_date.date()
        return {
            **{name: field.text() for name, field in self.text_fields.items()},
            "gender": Gender(self.gender.currentData()).value,
            "birth_date": None if birth == NO_DATE else from_qdate(birth).isoformat(),
            "approximate_age": self.age.value(),
            "region": self.region.currentData(),
            "district": self.district.currentData(),
            "languages": [code.value for code in self.languages.chosen()],
            "vulnerabilities": [code.value for code in self.vulnerabilities.chosen()],
            "notes": self.notes.toPlainText(),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        for name, field in self.text_fields.items():
            field.setText(str(state.get(name) or ""))
        gender = Gender(state.get("gender", Gender.UNKNOWN.value))
        select_data(self.gender, gender)
        birth = state.get("birth_date")
        self.birth_date.setDate(to_qdate(dt.date.fromisoformat(birth)) if birth else NO_DATE)
        self.age.setValue(int(state.get("approximate_age") or 0))
        select_data(self.region, state.get("region"))
        self._fill_districts(state.get("district"))
        self.languages.set_chosen(Language(code) for code in state.get("languages", []))
        self.vulnerabilities.set_chosen(
            Vulnerability(code) for code in state.get("vulnerabilities", [])
        )
        self.notes.setPlainText(str(state.get("notes") or ""))

    @property
    def draft_key(self) -> tuple[str, int | None]:
        return "person", self.person_id if self.person_id is not None else self.new_slot

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

"""The pages of the intake interview (ui/intake_form.py holds them in a stack): each page
shows its fields with their labels and, under each field, the core's message; a problem
whose field the page does not know goes to the page's own message line. Pages only hold
input; the form calls the services.

Mnemonics: unique on each page and clear of the main window's menus (F, R, E, L, H) and
the form's own step list (P). Dates accept 28.11.2026, 28/11/2026 and 2026-11-28.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain import reference
from legalaid.domain.enums import (
    ConflictDecision,
    ConsentMethod,
    Gender,
    Language,
    OrganisationKind,
    PartyRole,
    RecommendedAction,
    Vulnerability,
)
from legalaid.domain.intake import NARRATIVE_MAX
from legalaid.domain.intake_rules import eligibility_rules, urgency_rules
from legalaid.domain.typed_dates import parse_typed_date
from legalaid.i18n import _, format_form_date, sentence_case
from legalaid.services.intake import MAX_INCOME, IntakeInput, IntakeProblem, OtherPersonInput
from ui.choice_boxes import ChoiceBoxes
from ui.choices import add_categories, select_data
from ui.field_rows import FieldRows

OTHER_ROLES = (
    PartyRole.OPPOSING_PARTY,
    PartyRole.VICTIM,
    PartyRole.WITNESS,
    PartyRole.REPRESENTATIVE,
)
OTHER_ROLE = Qt.ItemDataRole.UserRole  # an OtherPersonInput's state (dict) on a list item


class DateField(QLineEdit):
    """A date typed as people write it; shown as dd.mm.yyyy once the field is left."""

    def __init__(self) -> None:
        super().__init__()
        self.setMaxLength(10)
        self.editingFinished.connect(self._tidy)

    def date(self) -> dt.date | None:
        return parse_typed_date(self.text())

    def is_valid(self) -> bool:
        return not self.text().strip() or self.date() is not None

    def set_date(self, value: dt.date | None) -> None:
        self.setText(format_form_date(value, "ru") if value else "")

    def _tidy(self) -> None:
        value = self.date()
        if value is not None:
            self.set_date(value)

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(_("dd.mm.yyyy, e.g. 28.11.2026"))


def text_box(height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab goes on to the next field, as everywhere on the form
    box.setFixedHeight(height)
    return box


def warning_label(name: str = "warning") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.hide()
    return label


class Places:
    """A region combo and its districts (reference data); codes kept across languages."""

    def __init__(self) -> None:
        self.region = QComboBox()
        self.district = QComboBox()
        self.region.currentIndexChanged.connect(lambda _index: self.fill_districts(None))

    def fill(self, region: str | None = None, district: str | None = None) -> None:
        region = region if region is not None else self.region.currentData()
        district = district if district is not None else self.district.currentData()
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItem(_("— not known —"), None)
        for code, item in reference.regions().items():
            self.region.addItem(item.label(), code)
        select_data(self.region, region)
        self.region.blockSignals(False)
        self.fill_districts(district)

    def fill_districts(self, chosen: str | None) -> None:
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem(_("— not known —"), None)
        region = reference.regions().get(self.region.currentData() or "")
        for place in (*region.districts, *region.cities) if region else ():
            self.district.addItem(place.label(), place.code)
        select_data(self.district, chosen)
        self.district.setEnabled(self.district.count() > 1)
        self.district.blockSignals(False)
        self.district.currentIndexChanged.emit(self.district.currentIndex())


class Step(QWidget):
    """One page: fields in FieldRows, a title and a message line for problems elsewhere."""

    key = ""  # the core's step name (IntakeProblem.step)

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.fields: dict[str, QWidget] = {}
        self.rows: FieldRows

    def build(self, fields: Mapping[str, QWidget], extras: Mapping[str, list[QWidget]]) -> None:
        self.fields = dict(fields)
        self.rows = FieldRows(self.fields, extras)
        column = QVBoxLayout(self)
        column.addWidget(self.title)
        column.addWidget(self.message)
        column.addLayout(self.rows.layout)
        column.addStretch(1)

    def first_field(self) -> QWidget:
        """The first field the cursor can go to (a box of check boxes: its first box)."""
        for widget in self.fields.values():
            for candidate in (widget, *widget.findChildren(QWidget)):
                if (
                    candidate.isEnabled()
                    and not candidate.isHidden()
                    and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
                ):
                    return candidate
        return self.title

    def clear_problems(self) -> None:
        self.rows.clear_errors()
        self.message.clear()
        self.message.hide()

    def show_problem(self, problem: IntakeProblem) -> None:
        field = (problem.field or "").split(".")[-1] if problem.field else None
        shown = self.rows.errors.get(field or "")
        if shown is not None and shown.isVisible() and shown.text():
            shown.setText(shown.text() + "\n" + str(problem))  # two problems at one field
        elif not self.rows.show_error(field, str(problem)):
            self.add_message(str(problem))

    def add_message(self, text: str) -> None:
        self.message.setText((self.message.text() + "\n" + text).strip())
        self.message.show()

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def load(self, data: IntakeInput) -> None:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        raise NotImplementedError


def _line(widget: QWidget) -> str | None:
    assert isinstance(widget, QLineEdit)
    return widget.text() or None


def _tri_state(combo: QComboBox) -> None:
    for index, text in enumerate((_("not asked"), _("yes"), _("no"))):
        if combo.count() <= index:
            combo.addItem(text, (None, True, False)[index])
        else:
            combo.setItemText(index, text)


class PersonStep(Step):
    key = "person"

    def __init__(self) -> None:
        super().__init__()
        self.surname, self.given_name, self.patronymic = QLineEdit(), QLineEdit(), QLineEdit()
        self.gender = QComboBox()
        for gender in Gender:
            self.gender.addItem("", gender.value)
        select_data(self.gender, Gender.UNKNOWN.value)
        self.birth_date = DateField()
        self.approximate_age = QSpinBox()
        self.approximate_age.setRange(0, 120)
        self.approximate_age.setSpecialValueText(" ")
        self.pin = QLineEdit()
        self.pin.setMaxLength(20)
        self.candidates = QListWidget()
        self.candidates.setMaximumHeight(110)
        self.hidden_note = warning_label()
        self.linked = QLabel()
        self.linked.setObjectName("notice")
        self.linked.setWordWrap(True)
        self.unlink_button = QPushButton()
        linked_row = QWidget()
        row = QHBoxLayout(linked_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.linked, 1)
        row.addWidget(self.unlink_button, 0, Qt.AlignmentFlag.AlignTop)
        self.linked_row = linked_row
        self.linked_row.hide()
        self.name_warning = warning_label()
        self.places = Places()
        self.region, self.district = self.places.region, self.places.district
        self.settlement, self.street = QLineEdit(), QLineEdit()
        self.languages: ChoiceBoxes[Language] = ChoiceBoxes(list(Language), columns=3)
        self.vulnerabilities: ChoiceBoxes[Vulnerability] = ChoiceBoxes(
            list(Vulnerability),
            columns=1,  # long labels: two columns overflow at 1366 px
        )
        self.build(
            {
                "surname": self.surname,
                "given_name": self.given_name,
                "patronymic": self.patronymic,
                "gender": self.gender,
                "birth_date": self.birth_date,
                "approximate_age": self.approximate_age,
                "pin": self.pin,
                "person_id": self.candidates,
                "region": self.region,
                "district": self.district,
                "settlement": self.settlement,
                "street": self.street,
                "languages": self.languages,
                "vulnerabilities": self.vulnerabilities,
            },
            {
                "patronymic": [self.name_warning],
                "person_id": [self.hidden_note, self.linked_row],
            },
        )
        self.places.fill()
        self.person_id: int | None = None
        self.person_name = ""

    def link(self, person_id: int | None, name: str = "") -> None:
        self.person_id, self.person_name = person_id, name if person_id is not None else ""
        self.linked_row.setVisible(person_id is not None)
        self._describe_link()

    def _describe_link(self) -> None:
        self.linked.setText(
            _(
                "Linked to the person already recorded: {name}. Their record is used as it "
                "is (change it on the person form); the fields here are not saved."
            ).format(name=self.person_name)
            if self.person_id is not None
            else ""
        )

    def values(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "surname": self.surname.text(),
            "given_name": self.given_name.text(),
            "patronymic": _line(self.patronymic),
            "gender": self.gender.currentData(),
            "birth_date": self.birth_date.date(),
            "approximate_age": self.approximate_age.value() or None,
            "pin": _line(self.pin),
            "region": self.region.currentData(),
            "district": self.district.currentData(),
            "settlement": _line(self.settlement),
            "street": _line(self.street),
            "languages": tuple(code.value for code in self.languages.chosen()),
            "vulnerabilities": tuple(code.value for code in self.vulnerabilities.chosen()),
        }

    def load(self, data: IntakeInput) -> None:
        self.surname.setText(data.surname)
        self.given_name.setText(data.given_name)
        self.patronymic.setText(data.patronymic or "")
        select_data(self.gender, data.gender)
        self.birth_date.set_date(data.birth_date)
        self.approximate_age.setValue(data.approximate_age or 0)
        self.pin.setText(data.pin or "")
        self.places.fill(data.region, data.district)
        self.settlement.setText(data.settlement or "")
        self.street.setText(data.street or "")
        known = {v.value for v in Language}
        self.languages.set_chosen(Language(c) for c in data.languages if c in known)
        marks = {v.value for v in Vulnerability}
        self.vulnerabilities.set_chosen(
            Vulnerability(c) for c in data.vulnerabilities if c in marks
        )

    def retranslate_ui(self) -> None:
        self.title.setText(_("Who is the complainant?"))
        self.rows.set_labels(
            {
                "surname": _("&Surname"),
                "given_name": _("Gi&ven name"),
                "patronymic": _("Pa&tronymic"),
                "gender": _("Gen&der"),
                "birth_date": _("&Birth date"),
                "approximate_age": _("Approximate &age (birth date not known)"),
                "pin": _("P&IN"),
                "person_id": _("Already recorded? (&who)"),
                "region": _("Regi&on"),
                "district": _("Distri&ct or city"),
                "settlement": _("Settle&ment"),
                "street": _("Street and ho&use"),
                "languages": _("Languages spo&ken"),
                "vulnerabilities": _("Vulnerabilit&y"),
            }
        )
        self.rows.labels["languages"].setBuddy(next(iter(self.languages.boxes.values())))
        self.rows.labels["vulnerabilities"].setBuddy(
            next(iter(self.vulnerabilities.boxes.values()))
        )
        for index in range(self.gender.count()):
            self.gender.setItemText(index, sentence_case(Gender(self.gender.itemData(index)).label))
        self.birth_date.retranslate_ui()
        self.pin.setPlaceholderText(_("14 digits"))
        self.candidates.setAccessibleName(_("People already recorded with a similar name"))
        self.unlink_button.setText(_("U&nlink"))
        self.unlink_button.setAccessibleName(_("Unlink: record a new person instead"))
        self.places.fill()
        self.languages.retranslate_ui()
        self.vulnerabilities.retranslate_ui()
        self._describe_link()


class ContactStep(Step):
    key = "contact"

    def __init__(self) -> None:
        super().__init__()
        self.phone = QLineEdit()
        self.phone_note = QLabel()
        self.phone_note.setWordWrap(True)
        self.phone_note.hide()
        self.may_call, self.may_leave_messages = QComboBox(), QComboBox()
        _tri_state(self.may_call)
        _tri_state(self.may_leave_messages)
        self.do_not_tell = text_box()
        self.safe_contact_notes = text_box(90)
        self.build(
            {
                "phone": self.phone,
                "may_call": self.may_call,
                "may_leave_messages": self.may_leave_messages,
                "do_not_tell": self.do_not_tell,
                "safe_contact_notes": self.safe_contact_notes,
            },
            {"phone": [self.phone_note]},
        )

    def values(self) -> dict[str, Any]:
        return {
            "phone": _line(self.phone),
            "may_call": self.may_call.currentData(),
            "may_leave_messages": self.may_leave_messages.currentData(),
            "do_not_tell": self.do_not_tell.toPlainText(),
            "safe_contact_notes": self.safe_contact_notes.toPlainText(),
        }

    def load(self, data: IntakeInput) -> None:
        self.phone.setText(data.phone or "")
        select_data(self.may_call, data.may_call)
        select_data(self.may_leave_messages, data.may_leave_messages)
        self.do_not_tell.setPlainText(data.do_not_tell)
        self.safe_contact_notes.setPlainText(data.safe_contact_notes)

    def retranslate_ui(self) -> None:
        self.title.setText(_("Contact and safe contact"))
        self.rows.set_labels(
            {
                "phone": _("Phone &number"),
                "may_call": _("May we &call?"),
                "may_leave_messages": _("May we leave &messages?"),
                "do_not_tell": _("Whom not to &tell"),
                "safe_contact_notes": _("How to reach them &safely"),
            }
        )
        self.phone.setPlaceholderText(_("e.g. 0555 123 456"))
        _tri_state(self.may_call)
        _tri_state(self.may_leave_messages)


class ComplaintStep(Step):
    key = "complaint"

    def __init__(self) -> None:
        super().__init__()
        self.category, self.subcategory = QComboBox(), QComboBox()
        self.narrative = QPlainTextEdit()
        self.narrative.setTabChangesFocus(True)
        self.narrative.setMinimumHeight(200)
        self.narrative_count = QLabel()
        self.incident_date = DateField()
        self.incident_period = QLineEdit()
        self.incident_period.setMaxLength(100)
        self.places = Places()
        self.incident_region, self.incident_district = self.places.region, self.places.district
        self.incident_settlement = QLineEdit()
        self.incident_settlement.setMaxLength(100)
        self.responsible = text_box(60)
        self.institutions_approached = text_box(60)
        self.documents_held = text_box(60)
        self.build(
            {
                "category": self.category,
                "subcategory": self.subcategory,
                "narrative": self.narrative,
                "incident_date": self.incident_date,
                "incident_period": self.incident_period,
                "incident_region": self.incident_region,
                "incident_district": self.incident_district,
                "incident_settlement": self.incident_settlement,
                "responsible": self.responsible,
                "institutions_approached": self.institutions_approached,
                "documents_held": self.documents_held,
            },
            {"narrative": [self.narrative_count]},
        )
        self.places.fill()
        self.fill_categories()
        self.category.currentIndexChanged.connect(lambda _index: self.fill_subcategories(None))
        self.narrative.textChanged.connect(self._count)

    def fill_categories(self, chosen: str | None = None) -> None:
        chosen = chosen if chosen is not None else self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(_("— choose —"), "")
        add_categories(self.category)
        select_data(self.category, chosen)
        self.category.blockSignals(False)
        self.fill_subcategories(self.subcategory.currentData())

    def fill_subcategories(self, chosen: str | None) -> None:
        self.subcategory.blockSignals(True)
        self.subcategory.clear()
        self.subcategory.addItem(_("— none —"), None)
        category = reference.categories().get(self.category.currentData() or "")
        for sub in category.subcategories if category else ():
            self.subcategory.addItem(sub.label(), sub.code)
        select_data(self.subcategory, chosen)
        self.subcategory.setEnabled(self.subcategory.count() > 1)
        self.subcategory.blockSignals(False)
        self.subcategory.currentIndexChanged.emit(self.subcategory.currentIndex())

    def _count(self) -> None:
        count = len(self.narrative.toPlainText())
        self.narrative_count.setText(
            _("{count} of {limit} characters").format(count=count, limit=NARRATIVE_MAX)
        )

    def values(self) -> dict[str, Any]:
        return {
            "category": self.category.currentData() or "",
            "subcategory": self.subcategory.currentData(),
            "narrative": self.narrative.toPlainText(),
            "incident_date": self.incident_date.date(),
            "incident_period": self.incident_period.text(),
            "incident_region": self.incident_region.currentData(),
            "incident_district": self.incident_district.currentData(),
            "incident_settlement": self.incident_settlement.text(),
            "responsible": self.responsible.toPlainText(),
            "institutions_approached": self.institutions_approached.toPlainText(),
            "documents_held": self.documents_held.toPlainText(),
        }

    def load(self, data: IntakeInput) -> None:
        select_data(self.category, data.category)
        self.fill_subcategories(data.subcategory)
        self.narrative.setPlainText(data.narrative)
        self.incident_date.set_date(data.incident_date)
        self.incident_period.setText(data.incident_period)
        self.places.fill(data.incident_region, data.incident_district)
        self.incident_settlement.setText(data.incident_settlement)
        self.responsible.setPlainText(data.responsible)
        self.institutions_approached.setPlainText(data.institutions_approached)
        self.documents_held.setPlainText(data.documents_held)

    def retranslate_ui(self) -> None:
        self.title.setText(_("The complaint"))
        self.rows.set_labels(
            {
                "category": _("&Category"),
                "subcategory": _("S&ubcategory"),
                "narrative": _("What happe&ned (in the person's words)"),
                "incident_date": _("&Date it happened"),
                "incident_period": _("Or &approximately when"),
                "incident_region": _("Regi&on where it happened"),
                "incident_district": _("Dis&trict or city"),
                "incident_settlement": _("Settle&ment"),
                "responsible": _("Who is responsi&ble"),
                "institutions_approached": _("&Institutions already approached"),
                "documents_held": _("Documents &with the person"),
            }
        )
        self.incident_date.retranslate_ui()
        self.incident_period.setPlaceholderText(_("e.g. spring 2024"))
        self.places.fill()
        self.fill_categories()
        self._count()


class OthersStep(Step):
    """Other people involved: typed into the entry row, added to the list; the conflict
    check runs on the opposing parties."""

    key = "others"

    def __init__(self) -> None:
        super().__init__()
        self.surname, self.given_name, self.patronymic = QLineEdit(), QLineEdit(), QLineEdit()
        self.role = QComboBox()
        for role in OTHER_ROLES:
            self.role.addItem("", role.value)
        self.pin = QLineEdit()
        self.pin.setMaxLength(20)
        self.add_button = QPushButton()
        self.people = QListWidget()
        self.people.setMaximumHeight(120)
        self.change_button, self.remove_button = QPushButton(), QPushButton()
        people_row = QWidget()
        row = QHBoxLayout(people_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.people, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        self.check_button = QPushButton()
        self.conflicts = QListWidget()
        self.conflicts.setMaximumHeight(110)
        self.conflicts.setWordWrap(True)
        self.conflict_note = warning_label()
        self.conflict_decision, self.conflict_lawyer = QComboBox(), QComboBox()
        self.build(
            {
                "surname": self.surname,
                "given_name": self.given_name,
                "patronymic": self.patronymic,
                "role": self.role,
                "pin": self.pin,
                "others": people_row,
                "conflicts": self.conflicts,
                "conflict_decision": self.conflict_decision,
                "conflict_lawyer": self.conflict_lawyer,
            },
            {
                "pin": [self.add_button],
                "conflicts": [self.conflict_note, self.check_button],
            },
        )
        self.add_button.clicked.connect(self.add_entry)
        self.change_button.clicked.connect(self.change_selected)
        self.people.itemActivated.connect(lambda _item: self.change_selected())
        self.remove_button.clicked.connect(self.remove_selected)
        self.conflict_decision.currentIndexChanged.connect(self._lawyer_enabled)
        self.lawyers: list[tuple[str, str]] = []

    def entry(self) -> dict[str, str]:
        """What is typed in the entry row and not added yet (kept in drafts)."""
        return {
            "surname": self.surname.text(),
            "given_name": self.given_name.text(),
            "patronymic": self.patronymic.text(),
            "role": str(self.role.currentData()),
            "pin": self.pin.text(),
        }

    def set_entry(self, entry: Mapping[str, Any]) -> None:
        for name in ("surname", "given_name", "patronymic", "pin"):
            widget = getattr(self, name)
            assert isinstance(widget, QLineEdit)
            widget.setText(str(entry.get(name) or ""))
        select_data(self.role, entry.get("role") or PartyRole.OPPOSING_PARTY.value)

    def add_entry(self) -> None:
        if not (self.surname.text().strip() or self.given_name.text().strip()):
            self.surname.setFocus()
            return
        other = OtherPersonInput(
            surname=self.surname.text(),
            given_name=self.given_name.text(),
            patronymic=self.patronymic.text() or None,
            role=str(self.role.currentData()),
            pin=self.pin.text() or None,
        )
        self._add(other)
        self.set_entry({})
        self.surname.setFocus()

    def _add(self, other: OtherPersonInput) -> None:
        item = QListWidgetItem()
        item.setData(OTHER_ROLE, other)
        self.people.addItem(item)
        self._label(item)

    @staticmethod
    def _label(item: QListWidgetItem) -> None:
        other: OtherPersonInput = item.data(OTHER_ROLE)
        name = " ".join(p for p in (other.surname, other.given_name, other.patronymic or "") if p)
        role = PartyRole(other.role).label if other.role in set(PartyRole) else other.role
        text = f"{name} · {role}"
        if other.pin:
            text += " · " + _("PIN {pin}").format(pin=other.pin)
        item.setText(text)

    def change_selected(self) -> None:
        """Take the chosen person back into the entry row to correct them; anything typed
        there and not added yet goes to the list first, so nothing is lost."""
        row = self.people.currentRow()
        if row < 0:
            return
        other: OtherPersonInput = self.people.item(row).data(OTHER_ROLE)
        self.people.takeItem(row)
        if self.surname.text().strip() or self.given_name.text().strip():
            self.add_entry()
        self.set_entry(
            {
                "surname": other.surname,
                "given_name": other.given_name,
                "patronymic": other.patronymic,
                "role": other.role,
                "pin": other.pin,
            }
        )
        self.surname.setFocus()

    def remove_selected(self) -> None:
        row = self.people.currentRow()
        if row >= 0:
            self.people.takeItem(row)

    def others(self) -> tuple[OtherPersonInput, ...]:
        return tuple(self.people.item(row).data(OTHER_ROLE) for row in range(self.people.count()))

    def name_of(self, index: int) -> str:
        if 0 <= index < self.people.count():
            return self.people.item(index).text().split(" · ")[0]
        return str(index + 1)

    def fill_decisions(self) -> None:
        chosen, lawyer = self.conflict_decision.currentData(), self.conflict_lawyer.currentData()
        self.conflict_decision.blockSignals(True)
        self.conflict_decision.clear()
        self.conflict_decision.addItem(_("— decide when a conflict is found —"), None)
        for decision in ConflictDecision:
            self.conflict_decision.addItem(sentence_case(decision.label), decision.value)
        select_data(self.conflict_decision, chosen)
        self.conflict_decision.blockSignals(False)
        self.conflict_lawyer.clear()
        self.conflict_lawyer.addItem(_("— choose —"), None)
        for login, name in self.lawyers:
            self.conflict_lawyer.addItem(f"{name} ({login})", login)
        select_data(self.conflict_lawyer, lawyer)
        self._lawyer_enabled()

    def _lawyer_enabled(self) -> None:
        self.conflict_lawyer.setEnabled(
            self.conflict_decision.currentData() == ConflictDecision.SENT_TO_LAWYER.value
        )

    def show_problem(self, problem: IntakeProblem) -> None:
        parts = (problem.field or "").split(".")
        if len(parts) == 3 and parts[0] == "others" and parts[1].isdigit():
            index = int(parts[1])
            self.add_message(
                _("{who}: {problem}").format(who=self.name_of(index), problem=str(problem))
            )
            item = self.people.item(index)
            if item is not None:
                item.setForeground(Qt.GlobalColor.darkRed)
                self.people.setCurrentItem(item)
            return
        super().show_problem(problem)

    def clear_problems(self) -> None:
        super().clear_problems()
        for row in range(self.people.count()):
            self.people.item(row).setData(Qt.ItemDataRole.ForegroundRole, None)

    def values(self) -> dict[str, Any]:
        return {
            "others": self.others(),
            "conflict_decision": self.conflict_decision.currentData(),
            "conflict_lawyer": self.conflict_lawyer.currentData()
            if self.conflict_lawyer.isEnabled()
            else None,
        }

    def load(self, data: IntakeInput) -> None:
        self.people.clear()
        for other in data.others:
            self._add(other)
        select_data(self.conflict_decision, data.conflict_decision)
        select_data(self.conflict_lawyer, data.conflict_lawyer)
        self._lawyer_enabled()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Other people involved"))
        self.rows.set_labels(
            {
                "surname": _("&Surname"),
                "given_name": _("Gi&ven name"),
                "patronymic": _("Pa&tronymic"),
                "role": _("R&ole"),
                "pin": _("P&IN (if known)"),
                "others": _("People i&nvolved"),
                "conflicts": _("Possi&ble conflicts of interest"),
                "conflict_decision": _("&Decision"),
                "conflict_lawyer": _("La&wyer to check"),
            }
        )
        self.add_button.setText(_("&Add to the list"))
        self.change_button.setText(_("Chan&ge"))
        self.change_button.setToolTip(_("Back into the fields above, to correct (or Enter)"))
        self.remove_button.setText(_("Re&move"))
        self.check_button.setText(_("&Check for conflicts"))
        self.people.setAccessibleName(_("People involved"))
        for index, role in enumerate(OTHER_ROLES):
            self.role.setItemText(index, sentence_case(role.label))
        for row in range(self.people.count()):
            self._label(self.people.item(row))
        self.fill_decisions()


class WishesStep(Step):
    key = "wishes"

    def __init__(self) -> None:
        super().__init__()
        self.wants = text_box(160)
        self.build({"wants": self.wants}, {})

    def values(self) -> dict[str, Any]:
        return {"wants": self.wants.toPlainText()}

    def load(self, data: IntakeInput) -> None:
        self.wants.setPlainText(data.wants)

    def retranslate_ui(self) -> None:
        self.title.setText(_("What the person wants"))
        self.rows.set_labels({"wants": _("What the person &wants")})


class CodeBoxes(QWidget):
    """Check boxes for codes with texts from a rules file (urgency answers, categories)."""

    def __init__(self, codes: Iterable[str], columns: int = 1) -> None:
        super().__init__()
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, code in enumerate(codes):
            box = QCheckBox()
            self.boxes[code] = box
            grid.addWidget(box, index // columns, index % columns)

    def chosen(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def set_chosen(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for code, box in self.boxes.items():
            box.setChecked(code in wanted)


class AssessmentStep(Step):
    key = "assessment"

    def __init__(self) -> None:
        super().__init__()
        self.urgency_answers = CodeBoxes(urgency_rules().answers)
        self.deadline_on = DateField()
        self.urgent_box = QLabel()
        self.urgent_box.setWordWrap(True)
        self.urgent_box.setTextFormat(Qt.TextFormat.RichText)
        self.urgent_box.hide()
        self.eligibility_categories = CodeBoxes(eligibility_rules().categories)
        self.monthly_income_per_person = QLineEdit()
        self.monthly_income_per_person.setValidator(QIntValidator(0, MAX_INCOME, self))
        self.eligibility = QLabel()
        self.eligibility.setWordWrap(True)
        self.eligibility.setTextFormat(Qt.TextFormat.RichText)
        self.recommended_action = QComboBox()
        self.build(
            {
                "urgency_answers": self.urgency_answers,
                "deadline_on": self.deadline_on,
                "eligibility_categories": self.eligibility_categories,
                "monthly_income_per_person": self.monthly_income_per_person,
                "recommended_action": self.recommended_action,
            },
            {"deadline_on": [self.urgent_box], "monthly_income_per_person": [self.eligibility]},
        )

    def values(self) -> dict[str, Any]:
        income = self.monthly_income_per_person.text().strip()
        return {
            "urgency_answers": self.urgency_answers.chosen(),
            "deadline_on": self.deadline_on.date(),
            "eligibility_categories": self.eligibility_categories.chosen(),
            "monthly_income_per_person": int(income) if income.isdigit() else None,
            "recommended_action": self.recommended_action.currentData(),
        }

    def load(self, data: IntakeInput) -> None:
        self.urgency_answers.set_chosen(data.urgency_answers)
        self.deadline_on.set_date(data.deadline_on)
        self.eligibility_categories.set_chosen(data.eligibility_categories)
        income = data.monthly_income_per_person
        self.monthly_income_per_person.setText("" if income is None else str(income))
        select_data(self.recommended_action, data.recommended_action)

    def retranslate_ui(self) -> None:
        self.title.setText(_("The paralegal's assessment"))
        self.rows.set_labels(
            {
                "urgency_answers": _("&Urgent danger?"),
                "deadline_on": _("&Deadline (court, appeal, eviction)"),
                "eligibility_categories": _("&Categories of persons (state legal aid)"),
                "monthly_income_per_person": _("Monthly &income per family member, som"),
                "recommended_action": _("Recommended &action"),
            }
        )
        for boxes in (self.urgency_answers, self.eligibility_categories):
            first = next(iter(boxes.boxes.values()), None)
            if first is not None:
                self.rows.labels[
                    "urgency_answers" if boxes is self.urgency_answers else "eligibility_categories"
                ].setBuddy(first)
        for code, box in self.urgency_answers.boxes.items():
            box.setText(urgency_rules().answers[code].label())
        for code, box in self.eligibility_categories.boxes.items():
            box.setText(eligibility_rules().categories[code].label())
        self.deadline_on.retranslate_ui()
        self.monthly_income_per_person.setPlaceholderText(_("not known"))
        chosen = self.recommended_action.currentData()
        self.recommended_action.clear()
        self.recommended_action.addItem(_("— choose —"), None)
        for action in RecommendedAction:
            self.recommended_action.addItem(sentence_case(action.label), action.value)
        select_data(self.recommended_action, chosen)


class ConsentStep(Step):
    key = "consent"

    def __init__(self) -> None:
        super().__init__()
        self.consent_record = QCheckBox()
        self.anonymous_note = warning_label()
        self.consent_share_with: ChoiceBoxes[OrganisationKind] = ChoiceBoxes(
            list(OrganisationKind),
            columns=1,  # Kyrgyz names of the bodies run long
        )
        self.consent_contact = QCheckBox()
        self.consent_method = QComboBox()
        self.consent_witness = QLineEdit()
        self.consent_witness.setMaxLength(200)
        self.consent_on = DateField()
        self.build(
            {
                "consent_record": self.consent_record,
                "consent_share_with": self.consent_share_with,
                "consent_contact": self.consent_contact,
                "consent_method": self.consent_method,
                "consent_witness": self.consent_witness,
                "consent_on": self.consent_on,
            },
            {"consent_record": [self.anonymous_note]},
        )
        self.consent_method.currentIndexChanged.connect(self._witness_enabled)

    def _witness_enabled(self) -> None:
        self.consent_witness.setEnabled(
            self.consent_method.currentData() == ConsentMethod.ORAL_WITNESSED.value
        )

    def values(self) -> dict[str, Any]:
        return {
            "consent_record": self.consent_record.isChecked(),
            "consent_share_with": tuple(k.value for k in self.consent_share_with.chosen()),
            "consent_contact": self.consent_contact.isChecked(),
            "consent_method": self.consent_method.currentData(),
            "consent_witness": self.consent_witness.text(),
            "consent_on": self.consent_on.date(),
        }

    def load(self, data: IntakeInput) -> None:
        self.consent_record.setChecked(data.consent_record)
        kinds = {k.value for k in OrganisationKind}
        self.consent_share_with.set_chosen(
            OrganisationKind(k) for k in data.consent_share_with if k in kinds
        )
        self.consent_contact.setChecked(data.consent_contact)
        select_data(self.consent_method, data.consent_method)
        self.consent_witness.setText(data.consent_witness)
        self.consent_on.set_date(data.consent_on)
        self._witness_enabled()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Consent"))
        self.rows.set_labels(
            {
                "consent_record": _("Record data"),
                "consent_share_with": _("May &share with"),
                "consent_contact": _("Contact"),
                "consent_method": _("How consent was given (&method)"),
                "consent_witness": _("&Witness's name"),
                "consent_on": _("&Date of consent"),
            }
        )
        self.rows.labels["consent_share_with"].setBuddy(
            next(iter(self.consent_share_with.boxes.values()))
        )
        self.consent_record.setText(_("The person &agrees to their data being recorded"))
        self.consent_contact.setText(_("The person agrees to be &contacted"))
        self.consent_share_with.retranslate_ui()
        self.consent_on.retranslate_ui()
        self.consent_on.setPlaceholderText(_("today when left empty"))
        chosen = self.consent_method.currentData()
        self.consent_method.blockSignals(True)
        self.consent_method.clear()
        self.consent_method.addItem(_("— choose —"), None)
        for method in ConsentMethod:
            self.consent_method.addItem(sentence_case(method.label), method.value)
        select_data(self.consent_method, chosen)
        self.consent_method.blockSignals(False)
        self._witness_enabled()


STEP_CLASSES: tuple[type[Step], ...] = (
    PersonStep,
    ContactStep,
    ComplaintStep,
    OthersStep,
    WishesStep,
    AssessmentStep,
    ConsentStep,
)

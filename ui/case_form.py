"""Opening or changing a case: category and subcategory from the taxonomy, summary, lawyer,
restriction and the parties. The core validates; its message appears next to the field and
everything typed stays. What a role may not change is shown but not editable (the services
decide; the form only reflects it). Status changes are not here: they follow the allowed
transitions in the record view.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain import reference
from legalaid.domain.enums import PartyRole
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import _, sentence_case
from legalaid.services import cases, offices
from legalaid.services.cases import CaseInfo, CaseInput, PartyInput
from legalaid.services.drafts import new_record_slot
from legalaid.services.permissions import Permission, allowed
from legalaid.services.workspace import Workspace
from ui.choices import add_categories, select_data
from ui.field_rows import FieldRows
from ui.qdates import date_edit, from_qdate, to_qdate
from ui.search_panel import Hit, SearchPanel

PARTY_ROLE = Qt.ItemDataRole.UserRole  # (person id, role code) of a party list item
PARTY_NAME = Qt.ItemDataRole.UserRole + 1  # the person's full name


class CaseForm(QWidget):
    saved = Signal(object)  # CaseInfo

    def __init__(
        self,
        ws: Workspace,
        case: CaseInfo | None = None,
        parties: tuple[tuple[int, str, PartyRole], ...] = (),
    ) -> None:
        """`parties` (id, name, role) start a new case with, e.g., the person it is opened from."""
        super().__init__()
        self.ws = ws
        self.case = case
        self.new_slot = new_record_slot()  # names this form's draft while it is new
        role = ws.actor.role
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.category = QComboBox()
        self.subcategory = QComboBox()
        self.summary = QPlainTextEdit(case.summary if case else "")
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(90)
        self.summary.setMaximumHeight(160)
        self.opened_on = date_edit(case.opened_on if case else None, latest=dt.date.today())
        self.opened_on.setEnabled(case is None)  # the number carries the year: fixed once made
        self.office = QComboBox()
        self.office.setEnabled(case is None)
        self.assigned_lawyer = QComboBox()
        self.assigned_lawyer.setEnabled(allowed(role, Permission.ASSIGN_LAWYERS))
        self.restricted = QCheckBox()
        self.restricted.setChecked(bool(case and case.restricted))
        self.restricted.setEnabled(allowed(role, Permission.RESTRICT_CASES))
        self.restricted_note = QLabel()
        self.restricted_note.setObjectName("warning")
        self.restricted_note.setWordWrap(True)
        self.party_list = QListWidget()
        self.party_list.setMaximumHeight(110)
        self.remove_party_button = QPushButton()
        self.party_search = QLineEdit()
        self.party_search.setClearButtonEnabled(True)
        self.party_role = QComboBox()
        self.party_picker = SearchPanel(ws, self.party_search, people_only=True)
        self.party_picker.setMaximumHeight(140)
        self.parties_widget = QWidget()
        parties_column = QVBoxLayout(self.parties_widget)
        parties_column.setContentsMargins(0, 0, 0, 0)
        list_row = QHBoxLayout()
        list_row.addWidget(self.party_list, 1)
        list_row.addWidget(self.remove_party_button, 0, Qt.AlignmentFlag.AlignTop)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.party_search, 1)
        pick_row.addWidget(self.party_role)
        parties_column.addLayout(list_row)
        parties_column.addLayout(pick_row)
        parties_column.addWidget(self.party_picker)

        self.fields: dict[str, QWidget] = {
            "category": self.category,
            "subcategory": self.subcategory,
            "summary": self.summary,
            "opened_on": self.opened_on,
            "office_code": self.office,
            "assigned_lawyer": self.assigned_lawyer,
            "restricted": self.restricted,
            "parties": self.parties_widget,
        }
        self.rows = FieldRows(self.fields, {"restricted": [self.restricted_note]})
        self.errors, self.labels = self.rows.errors, self.rows.labels
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)

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
        scroll = QScrollArea()  # at 1366x768 a long party list must not push Save off screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._lawyers = cases.lawyer_choices(ws)
        if case and case.assigned_lawyer and case.assigned_lawyer not in dict(self._lawyers):
            self._lawyers.append((case.assigned_lawyer, case.assigned_lawyer))  # since left
        self._offices = offices.list_offices(ws)
        self._fill_choices()
        select_data(self.category, case.category if case else None)
        self._fill_subcategories()
        select_data(self.subcategory, case.subcategory if case else None)
        select_data(self.office, case.office_code if case else ws.actor.office_code)
        select_data(self.assigned_lawyer, case.assigned_lawyer if case else None)
        for person_id, name, party_role in (
            [(p.person_id, p.full_name, p.role) for p in case.parties] if case else parties
        ):
            self._add_party_item(person_id, name, party_role)

        self.category.currentIndexChanged.connect(self._fill_subcategories)
        self.restricted.toggled.connect(self._explain_restriction)
        self.party_picker.opened.connect(self.add_party)
        self.remove_party_button.clicked.connect(self.remove_party)
        self.save_button.clicked.connect(self.save)
        self._set_tab_order()
        self.retranslate_ui()
        self._initial = self.state()

    # --- choices -------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        """Combo texts in the current language; the chosen codes stay chosen."""
        chosen = {
            combo: combo.currentData()
            for combo in (self.category, self.office, self.assigned_lawyer, self.party_role)
        }
        for combo in chosen:
            combo.blockSignals(True)
            combo.clear()
        if self.case is None:
            self.category.addItem(_("— choose —"), None)
        add_categories(self.category)
        for office in self._offices:
            self.office.addItem(f"{office.code} · {office.name}", office.code)
        self.assigned_lawyer.addItem(_("nobody yet"), None)
        for login, name in self._lawyers:
            self.assigned_lawyer.addItem(f"{name} ({login})", login)
        for party_role in PartyRole:
            self.party_role.addItem(sentence_case(party_role.label), party_role)
        for combo, data in chosen.items():
            select_data(combo, data)
            combo.blockSignals(False)

    def _fill_subcategories(self) -> None:
        chosen = self.subcategory.currentData()
        self.subcategory.blockSignals(True)
        self.subcategory.clear()
        self.subcategory.addItem(_("— none —"), None)
        category = reference.categories().get(self.category.currentData() or "")
        for sub in category.subcategories if category else ():
            self.subcategory.addItem(sub.label(), sub.code)
        select_data(self.subcategory, chosen)
        self.subcategory.setEnabled(self.subcategory.count() > 1)
        self.subcategory.blockSignals(False)

    # --- parties -------------------------------------------------------------------------
    def _add_party_item(self, person_id: int, name: str, role: PartyRole) -> None:
        for row in range(self.party_list.count()):
            if self.party_list.item(row).data(PARTY_ROLE) == (person_id, role.value):
                self.party_list.setCurrentRow(row)
                return  # already there with this role
        item = QListWidgetItem()
        item.setData(PARTY_ROLE, (person_id, role.value))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, name)
        item.setData(PARTY_NAME, name)
        self.party_list.addItem(item)
        self._label_party(item)

    @staticmethod
    def _label_party(item: QListWidgetItem) -> None:
        _person_id, role = item.data(PARTY_ROLE)
        name = item.data(PARTY_NAME)
        item.setText(f"{name} · {PartyRole(role).label}")

    def add_party(self, hit: Hit) -> None:
        """A person chosen in the picker joins with the role chosen beside it."""
        if hit.kind != "person":
            return
        self._add_party_item(hit.id, hit.name, PartyRole(self.party_role.currentData()))
        self.party_picker.clear()
        self.party_search.setFocus()

    def remove_party(self) -> None:
        row = self.party_list.currentRow()
        if row >= 0:
            self.party_list.takeItem(row)

    def parties(self) -> tuple[PartyInput, ...]:
        result = []
        for row in range(self.party_list.count()):
            person_id, role = self.party_list.item(row).data(PARTY_ROLE)
            result.append(PartyInput(int(person_id), PartyRole(role)))
        return tuple(result)

    # --- language ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(
            _("Case {number}").format(number=self.case.number) if self.case else _("New case")
        )
        self.rows.set_labels(
            {
                "category": _("&Category"),
                "subcategory": _("S&ubcategory"),
                "summary": _("Su&mmary"),
                "opened_on": _("&Opened on"),
                "office_code": _("Off&ice"),
                "assigned_lawyer": _("La&wyer"),
                "restricted": _("Res&tricted"),
                "parties": _("&Parties"),
            }
        )
        self.labels["parties"].setBuddy(self.party_search)
        self.restricted.setText(_("only the assigned lawyer and coordinators see this case"))
        self.remove_party_button.setText(_("Remove"))
        self.party_search.setPlaceholderText(_("Add a person: type a name, PIN or phone"))
        self.party_search.setAccessibleName(_("Find a person to add"))
        self.party_role.setAccessibleName(_("Role in the case"))
        self.party_list.setAccessibleName(_("Parties"))
        self.save_button.setText(_("Save"))
        self._fill_choices()
        self._fill_subcategories()
        for row in range(self.party_list.count()):
            self._label_party(self.party_list.item(row))
        self._explain_restriction()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _explain_restriction(self) -> None:
        self.restricted_note.setText(
            _("Use it for torture and violence complaints and anyone at risk if found.")
            if self.restricted.isChecked()
            else ""
        )
        self.restricted_note.setVisible(self.restricted.isChecked())

    def _set_tab_order(self) -> None:
        chain = [
            self.category,
            self.subcategory,
            self.summary,
            self.opened_on,
            self.office,
            self.assigned_lawyer,
            self.restricted,
            self.party_list,
            self.remove_party_button,
            self.party_search,
            self.party_role,
            self.save_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- state (unsaved input, drafts) ---------------------------------------------------
    def state(self) -> dict[str, Any]:
        """What the person has typed or chosen, as plain data (for drafts and 'unsaved?')."""
        return {
            "category": self.category.currentData(),
            "subcategory": self.subcategory.currentData(),
            "summary": self.summary.toPlainText(),
            "opened_on": from_qdate(self.opened_on.date()).isoformat(),
            "office_code": self.office.currentData(),
            "assigned_lawyer": self.assigned_lawyer.currentData(),
            "restricted": self.restricted.isChecked(),
            "parties": [
                [
                    self.party_list.item(row).data(PARTY_ROLE)[0],
                    self.party_list.item(row).data(PARTY_NAME),
                    self.party_list.item(row).data(PARTY_ROLE)[1],
                ]
                for row in range(self.party_list.count())
            ],
        }

    def set_state(self, state: dict[str, Any]) -> None:
        select_data(self.category, state.get("category"))
        self._fill_subcategories()
        select_data(self.subcategory, state.get("subcategory"))
        self.summary.setPlainText(str(state.get("summary", "")))
        if self.case is None and state.get("opened_on"):
            self.opened_on.setDate(to_qdate(dt.date.fromisoformat(str(state["opened_on"]))))
            select_data(self.office, state.get("office_code"))
        select_data(self.assigned_lawyer, state.get("assigned_lawyer"))
        self.restricted.setChecked(bool(state.get("restricted")))
        self.party_list.clear()
        for person_id, name, role in state.get("parties", []):
            self._add_party_item(int(person_id), str(name), PartyRole(role))

    @property
    def draft_key(self) -> tuple[str, int | None]:
        return "case", self.case.id if self.case else self.new_slot

    def is_dirty(self) -> bool:
        return self.state() != self._initial

    # --- saving --------------------------------------------------------------------------
    def save(self) -> None:
        self.rows.clear_errors()
        self.message.clear()
        try:
            info = self._create() if self.case is None else self._update(self.case)
        except ValidationError as error:
            if not self.rows.show_error(error.field, str(error)):
                self.message.setText(str(error))
            return
        except LegalAidError as error:
            self.message.setText(str(error))
            return
        self.case = info
        self._initial = self.state()
        self.opened_on.setEnabled(False)
        self.office.setEnabled(False)
        self.retranslate_ui()
        self.saved.emit(info)

    def _create(self) -> CaseInfo:
        return cases.create_case(
            self.ws,
            CaseInput(
                category=self.category.currentData() or "",
                subcategory=self.subcategory.currentData(),
                summary=self.summary.toPlainText(),
                opened_on=from_qdate(self.opened_on.date()),
                office_code=self.office.currentData(),
                assigned_lawyer=self.assigned_lawyer.currentData(),
                restricted=self.restricted.isChecked(),
                parties=self.parties(),
            ),
        )

    def _update(self, case: CaseInfo) -> CaseInfo:
        """Only what changed is sent, so a role is never refused for a field it left alone."""
        lawyer = self.assigned_lawyer.currentData()
        lawyer_changed = lawyer != case.assigned_lawyer
        restricted = self.restricted.isChecked()
        return cases.update_case(
            self.ws,
            case.id,
            summary=self.summary.toPlainText(),
            category=self.category.currentData(),
            subcategory=self.subcategory.currentData(),
            clear_subcategory=self.subcategory.currentData() is None,
            assigned_lawyer=lawyer if lawyer_changed and lawyer else None,
            unassign=lawyer_changed and lawyer is None,
            restricted=restricted if restricted != case.restricted else None,
            parties=self.parties(),
        )

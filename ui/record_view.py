"""A read-only view of a person or a case, opened from search or a list (audited).

The editing forms come next; until then this shows what the record holds.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from legalaid.domain import reference
from legalaid.domain.enums import Region
from legalaid.i18n import _, format_form_date
from legalaid.services import cases, people
from legalaid.services.workspace import Workspace


class RecordView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.kind: str | None = None
        self.record_id: int | None = None

    def _rows(self, title: str, rows: list[tuple[str, str]]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.title.setText(title)
        for label, value in rows:
            text = QLabel(value or "—")
            text.setWordWrap(True)
            self.form.addRow(label, text)

    def show_person(self, ws: Workspace, person_id: int) -> None:
        info = people.get_person(ws, person_id)
        self.kind, self.record_id = "person", person_id
        region = Region(info.region).label if info.region else ""
        district = reference.district(info.district) if info.district else None
        self._rows(
            info.full_name,
            [
                (_("Gender"), info.gender.label),
                (_("Born"), format_form_date(info.birth_date) if info.birth_date else ""),
                (_("PIN"), info.pin or ""),
                (_("Phone"), info.phone or ""),
                (
                    _("Address"),
                    ", ".join(
                        p
                        for p in (
                            region,
                            district.label() if district else "",
                            info.settlement or "",
                            info.street or "",
                        )
                        if p
                    ),
                ),
                (_("Languages"), ", ".join(code.label for code in info.languages)),
                (_("Vulnerability"), ", ".join(v.label for v in info.vulnerabilities)),
                (_("Notes"), info.notes or ""),
            ],
        )

    def show_case(self, ws: Workspace, case_id: int) -> None:
        info = cases.get_case(ws, case_id)
        self.kind, self.record_id = "case", case_id
        category = reference.categories().get(info.category)
        sub = reference.subcategory(info.subcategory) if info.subcategory else None
        self._rows(
            info.number,
            [
                (_("Opened"), format_form_date(info.opened_on)),
                (_("Status"), info.status.label),
                (_("Category"), category.label() if category else info.category),
                (_("Subcategory"), sub.label() if sub else ""),
                (_("Lawyer"), info.assigned_lawyer or ""),
                (_("Summary"), info.summary),
                *((party.role.label, party.full_name) for party in info.parties),
            ],
        )

    def clear(self) -> None:
        self._rows("", [])
        self.kind = self.record_id = None

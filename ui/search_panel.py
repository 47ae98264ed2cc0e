"""Results as you type: the global search box's list of people and cases.

Typing restarts a short timer (debounce); the search runs when it fires (a few ms to tens
of ms on 100,000 cases, cheap enough for the GUI thread). Up and Down move through the
results from the search box, Enter opens the chosen one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from legalaid.errors import LegalAidError
from legalaid.i18n import _, format_form_date
from legalaid.services import search
from legalaid.services.workspace import Workspace

DEBOUNCE_MS = 200


@dataclass(frozen=True)
class Hit:
    kind: str  # "person" or "case"
    id: int
    name: str = ""  # a person's full name (for a picker), not needed to open a record


class SearchPanel(QWidget):
    opened = Signal(object)  # a Hit

    def __init__(self, ws: Workspace, box: QLineEdit, people_only: bool = False) -> None:
        super().__init__()
        self.ws = ws
        self.box = box
        self.people_only = people_only  # a picker of parties: cases are not offered
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.note = QLabel()
        self.note.setObjectName("warning")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.results)
        layout.addWidget(self.note)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        box.textChanged.connect(lambda _text: self.timer.start())
        box.installEventFilter(self)
        self.results.itemActivated.connect(self._activate)
        self.hide()

    def run(self) -> None:
        query = self.box.text().strip()
        self.results.clear()
        if not query:
            self.hide()
            return
        try:
            found = search.search(self.ws, query)
        except LegalAidError as error:
            self.note.setText(str(error))
            self.note.show()
            self.show()
            return
        for person in found.people:
            born = format_form_date(person.birth_date) if person.birth_date else ""
            self._add(
                _("Person: {name} {born}").format(name=person.full_name, born=born).strip(),
                Hit("person", person.id, person.full_name),
            )
        for case in () if self.people_only else found.cases:
            self._add(
                _("Case {number} · {status} · {client}").format(
                    number=case.number, status=case.status.label, client=case.client or "—"
                ),
                Hit("case", case.id),
            )
        if not self.results.count():
            self.results.addItem(_("Nothing found."))
        self.note.setVisible(bool(found.restricted_matches))
        self.note.setText(
            _("Restricted records also match: {count} (ask their lawyer or a coordinator).").format(
                count=found.restricted_matches
            )
        )
        self.results.setCurrentRow(0)
        self.show()

    def _add(self, text: str, hit: Hit) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, hit)
        self.results.addItem(item)

    def _activate(self, item: QListWidgetItem) -> None:
        hit = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(hit, Hit):
            self.opened.emit(hit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                row = self.results.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.timer.isActive():
                    self.timer.stop()
                    self.run()
                item = self.results.currentItem()
                if item is not None:
                    self._activate(item)
                return True
            if key == Qt.Key.Key_Escape:
                self.box.clear()
                return True
        return False

    def clear(self) -> None:
        """On lock: no names left on screen or in memory."""
        self.timer.stop()
        self.results.clear()
        self.box.clear()
        self.hide()

"""The filter bar above the case list: status and category (the database does the work)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from legalaid.domain import reference
from legalaid.domain.enums import CaseStatus
from legalaid.i18n import _, ngettext
from legalaid.services.cases import CaseFilter
from ui.models import CaseListModel


class CaseFilterBar(QWidget):
    def __init__(self, model: CaseListModel) -> None:
        super().__init__()
        self.model = model
        self.status_label = QLabel()
        self.status = QComboBox()
        self.category_label = QLabel()
        self.category = QComboBox()
        self.total = QLabel()
        self.status_label.setBuddy(self.status)
        self.category_label.setBuddy(self.category)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.status_label, self.status, self.category_label, self.category):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.total)
        self._fill()
        self.status.currentIndexChanged.connect(self.apply)
        self.category.currentIndexChanged.connect(self.apply)
        model.modelReset.connect(self._show_total)
        self._show_total()

    def _fill(self) -> None:
        """Item texts in the current language; the chosen codes stay chosen."""
        status, category = self.status.currentData(), self.category.currentData()
        for combo in (self.status, self.category):
            combo.blockSignals(True)
            combo.clear()
        self.status.addItem(_("all"), None)
        for status_code in CaseStatus:
            self.status.addItem(status_code.label, status_code)
        self.category.addItem(_("all"), None)
        for category_code, item in sorted(
            reference.categories().items(), key=lambda pair: pair[1].label()
        ):
            self.category.addItem(item.label(), category_code)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.category.setCurrentIndex(max(0, self.category.findData(category)))
        for combo in (self.status, self.category):
            combo.blockSignals(False)
        self.status_label.setText(_("&Status"))
        self.category_label.setText(_("&Category"))

    def apply(self) -> None:
        self.model.set_filter(
            CaseFilter(status=self.status.currentData(), category=self.category.currentData())
        )

    def _show_total(self) -> None:
        count = self.model.total()
        self.total.setText(ngettext("{count} case", "{count} cases", count).format(count=count))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self._fill()
            self._show_total()
        super().changeEvent(event)

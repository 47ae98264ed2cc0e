"""The filter bar above the case list: status, category, office, lawyer and the period the
case was opened in (the database does the work; the list stays paged)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QWidget

from legalaid.domain.enums import CaseStatus
from legalaid.i18n import N_, _, ngettext
from legalaid.services import cases, offices
from legalaid.services.cases import NOT_CLOSED, CaseFilter
from ui.choices import add_categories, narrow, select_data
from ui.models import CaseListModel
from ui.qdates import date_edit, from_qdate, to_qdate


def _this_month(today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    return today.replace(day=1), None


def _last_days(days: int) -> Callable[[dt.date], tuple[dt.date | None, dt.date | None]]:
    return lambda today: (today - dt.timedelta(days=days - 1), None)


def _this_year(today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    return dt.date(today.year, 1, 1), None


def _last_year(today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)


CUSTOM = "custom"
# Periods offered for "opened", as (code, label msgid, from-to given today).
PERIODS: tuple[tuple[str, str, Callable[[dt.date], tuple[dt.date | None, dt.date | None]]], ...] = (
    ("any", N_("any time"), lambda _today: (None, None)),
    ("month", N_("this month"), _this_month),
    ("30d", N_("last 30 days"), _last_days(30)),
    ("90d", N_("last 90 days"), _last_days(90)),
    ("year", N_("this year"), _this_year),
    ("last_year", N_("last year"), _last_year),
    (CUSTOM, N_("from … to …"), lambda today: (today.replace(day=1), today)),
)

PERIOD_RANGES = {code: dates for code, _label, dates in PERIODS}


class CaseFilterBar(QWidget):
    def __init__(self, model: CaseListModel) -> None:
        super().__init__()
        self.model = model
        self.status = QComboBox()
        self.category = QComboBox()
        self.office = QComboBox()
        self.lawyer = QComboBox()
        self.period = QComboBox()
        self.opened_from = date_edit(latest=dt.date.today())
        self.opened_to = date_edit(latest=dt.date.today())
        self.total = QLabel()
        self.labels: dict[str, QLabel] = {}
        self._offices = offices.list_offices(model.workspace)
        self._lawyers = cases.lawyer_choices(model.workspace)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        combos = {
            "status": self.status,
            "category": self.category,
            "office": self.office,
            "lawyer": self.lawyer,
            "period": self.period,
        }
        for column, (name, combo) in enumerate(combos.items()):
            label = QLabel()
            label.setBuddy(combo)
            self.labels[name] = label
            narrow(combo, 10)
            grid.addWidget(label, 0, column)
            grid.addWidget(combo, 1, column)
        dates = QHBoxLayout()
        for edit in (self.opened_from, self.opened_to):
            dates.addWidget(edit)
        grid.addLayout(dates, 1, len(combos))
        grid.setColumnStretch(len(combos) + 1, 1)
        grid.addWidget(self.total, 1, len(combos) + 2)
        self.setLayout(grid)
        self._fill()
        self._show_dates()
        for combo in combos.values():
            combo.currentIndexChanged.connect(self.apply)
        self.period.currentIndexChanged.connect(self._show_dates)
        for edit in (self.opened_from, self.opened_to):
            edit.dateChanged.connect(self.apply)
        model.modelReset.connect(self._show_total)
        self._show_total()

    def _fill(self) -> None:
        """Item texts in the current language; the chosen codes stay chosen."""
        combos = (self.status, self.category, self.office, self.lawyer, self.period)
        chosen = [combo.currentData() for combo in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        for combo in (self.status, self.category, self.office, self.lawyer):
            combo.addItem(_("all"), None)
        self.status.addItem(_("not closed"), NOT_CLOSED)
        for status_code in CaseStatus:
            self.status.addItem(status_code.label, status_code)
        add_categories(self.category)
        for office in self._offices:
            self.office.addItem(f"{office.code} · {office.name}", office.code)
        for login, name in self._lawyers:
            self.lawyer.addItem(name, login)
        for code, label, _range in PERIODS:
            self.period.addItem(_(label), code)
        for combo, data in zip(combos, chosen, strict=True):
            select_data(combo, data)
            combo.blockSignals(False)
        texts = {
            "status": _("&Status"),
            "category": _("&Category"),
            "office": _("Off&ice"),
            "lawyer": _("La&wyer"),
            "period": _("&Opened"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.opened_from.setAccessibleName(_("Opened from"))
        self.opened_to.setAccessibleName(_("Opened until"))

    def _show_dates(self) -> None:
        """A custom period shows its two dates, starting from the month so far."""
        custom = self.period.currentData() == CUSTOM
        if custom and self.opened_from.isHidden():
            start, end = PERIOD_RANGES[CUSTOM](dt.date.today())
            for edit, value in ((self.opened_from, start), (self.opened_to, end)):
                edit.blockSignals(True)
                edit.setDate(to_qdate(value or dt.date.today()))
                edit.blockSignals(False)
        self.opened_from.setVisible(custom)
        self.opened_to.setVisible(custom)

    def current_filter(self) -> CaseFilter:
        code = self.period.currentData()
        if code == CUSTOM:
            start, end = sorted(
                (from_qdate(self.opened_from.date()), from_qdate(self.opened_to.date()))
            )
            opened: tuple[dt.date | None, dt.date | None] = (start, end)
        else:
            opened = PERIOD_RANGES[code or "any"](dt.date.today())
        return CaseFilter(
            status=self.status.currentData(),
            category=self.category.currentData(),
            office_code=self.office.currentData(),
            assigned_lawyer=self.lawyer.currentData(),
            opened_from=opened[0],
            opened_to=opened[1],
        )

    def apply(self) -> None:
        self.model.set_filter(self.current_filter())

    def _show_total(self) -> None:
        count = self.model.total()
        self.total.setText(ngettext("{count} case", "{count} cases", count).format(count=count))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self._fill()
            self._show_total()
        super().changeEvent(event)

"""The Reports area (coordinators): statistics of the legal aid work over a period and a
filter, counted off the GUI thread and shown as the chosen report template's tables; a
double click on any number lists the records behind it (ui/records_dialog.py), and a case
among them opens. From here the report leaves the vault as a PDF in ky, ru or en, its tables
as XLSX, or the anonymised case records as CSV, each after the unencrypted-copy warning;
"for outside the organisation" hides small numbers. A coordinator imports a donor's
template (JSON, docs/reports.md) here too.

The screen shows every number (it stays in the office); hiding applies to what leaves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain import reference
from legalaid.domain.enums import Region
from legalaid.domain.report_templates import MAX_BYTES, Show
from legalaid.i18n import N_, _, current_language
from legalaid.services import (
    cases,
    office_settings,
    offices,
    report_templates,
    statistics,
    statistics_export,
)
from legalaid.services.findings import Share, one_decimal
from legalaid.services.permissions import Permission
from legalaid.services.statistics import StatsFilter, Table
from legalaid.services.statistics_report import quarter_of
from legalaid.services.workspace import Workspace
from legalaid.storage.atomic import write_atomic
from ui.attachments_view import choose_existing_file, choose_save_path
from ui.choices import add_categories, narrow, select_data
from ui.intake_steps import DateField, warning_label
from ui.messages import error_text
from ui.pdf_pages import DOCUMENT_LANGUAGES
from ui.records_dialog import RecordsDialog
from ui.table_models import InMemoryTableModel
from ui.timeline_view import table_view
from ui.unencrypted import ask_unencrypted_copy
from ui.worker import Call


def _quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    return quarter_of(today)[0], today  # not beyond today: no hearing yet to come counts


def _last_quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    return quarter_of(quarter_of(today)[0] - dt.timedelta(days=1))


def _this_month(today: dt.date) -> tuple[dt.date, dt.date]:
    return today.replace(day=1), today


def _last_month(today: dt.date) -> tuple[dt.date, dt.date]:
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last


def _this_year(today: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(today.year, 1, 1), today


def _last_year(today: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)


CUSTOM = "custom"
PERIODS: tuple[tuple[str, str, Callable[[dt.date], tuple[dt.date, dt.date]]], ...] = (
    ("quarter", N_("this quarter"), _quarter),
    ("last_quarter", N_("last quarter"), _last_quarter),
    ("month", N_("this month"), _this_month),
    ("last_month", N_("last month"), _last_month),
    ("year", N_("this year"), _this_year),
    ("last_year", N_("last year"), _last_year),
    (CUSTOM, N_("from … to …"), _quarter),
)


@dataclass(frozen=True)
class StatLine:
    """One line of the screen: a statistic's title, one of its groups, or its total."""

    key: str
    code: str | None  # the group's code; None for the title and the total
    label: str
    count: int | None
    share: Share | None = None
    mean: float | None = None
    title: bool = False


def stat_lines(
    template: report_templates.ReportTemplate, tables: dict[str, Table]
) -> list[StatLine]:
    language = current_language()
    lines: list[StatLine] = []
    for section in template.sections:
        lines.append(StatLine("", None, section.title.in_language(language), None, title=True))
        for item in section.items:
            table = tables[item.measure]
            label = item.label.in_language(language) if item.label else _(table.measure.title)
            if item.show is Show.TOTAL:  # a mean's line says its mean too
                lines.append(StatLine(item.measure, None, label, table.total, mean=table.mean))
                continue
            lines.append(StatLine(item.measure, None, label, None, title=True))
            for group, row in table.labelled(language):
                lines.append(
                    StatLine(
                        item.measure,
                        row.code,
                        "    " + group,
                        row.count,
                        Share(row.count, table.total) if not table.measure.mean_days else None,
                        row.mean,
                    )
                )
            total = _("Total ({unit})").format(unit=_(statistics.UNIT_LABELS[table.measure.unit]))
            lines.append(StatLine(item.measure, None, "    " + total, table.total, mean=table.mean))
    return lines


class StatisticsModel(InMemoryTableModel):
    HEADERS = (N_("Statistic"), N_("Count"), N_("Share or mean days"))
    LABEL, COUNT, SHARE = range(3)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.row_at(index.row()) if index.isValid() else None
        if not isinstance(line, StatLine):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.LABEL:
                return line.label
            if column == self.COUNT:
                return "" if line.count is None else str(line.count)
            if line.mean is not None:
                return _("{value} days").format(value=one_decimal(line.mean))
            return line.share.percent_text if line.share is not None else ""
        if role == Qt.ItemDataRole.FontRole and line.title:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.LABEL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and line.count is not None:
            return _("Double-click: the records behind this number")
        return None


def choose_template_file(parent: QWidget, chosen: Callable[[Path], None]) -> None:
    """Ask for a template file to import (a seam the tests replace)."""
    choose_existing_file(
        parent, _("Import a report template"), _("Report templates (*.json)"), chosen
    )


class ReportsPage(QWidget):
    open_case = Signal(int)
    counted = Signal()  # the figures of the filter are on screen
    drilled = Signal(object)  # the RecordsDialog of a number, opened
    written = Signal(object)  # the path of a copy saved

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.job: Call | None = None
        self._generation = 0  # bumped by clear(): a count finishing after a lock is dropped
        self.shown_filter: StatsFilter | None = None
        self.dialogs: list[RecordsDialog] = []
        self.title = QLabel()
        self.title.setObjectName("title")
        self.period = narrow(QComboBox(), 12)
        self.first_day = DateField()
        self.last_day = DateField()
        self.office = narrow(QComboBox())
        self.region = narrow(QComboBox())
        self.district = narrow(QComboBox())
        self.category = narrow(QComboBox())
        self.lawyer = narrow(QComboBox())
        self.template = narrow(QComboBox(), 16)
        self.language = QComboBox()
        for code, name in DOCUMENT_LANGUAGES.items():
            self.language.addItem(name, code)
        select_data(self.language, current_language())  # the person's, until they choose
        self.outside = QCheckBox()
        self.outside.setChecked(True)
        names = ("period", "office", "region", "district", "category", "lawyer", "template")
        self.labels = {name: QLabel() for name in (*names, "language")}
        widgets = (
            self.period,
            self.office,
            self.region,
            self.district,
            self.category,
            self.lawyer,
            self.template,
        )
        grid = QGridLayout()  # two rows of four, so the page fits a 1366-pixel screen
        for place, (name, widget) in enumerate(zip(names, widgets, strict=True)):
            row, column = divmod(place, 4)
            self.labels[name].setBuddy(widget)
            grid.addWidget(self.labels[name], 2 * row, column)
            grid.addWidget(widget, 2 * row + 1, column)
        dates = QHBoxLayout()
        dates.addWidget(self.first_day)
        dates.addWidget(self.last_day)
        self.count_button = QPushButton()
        self.count_button.setDefault(True)
        dates.addWidget(self.count_button)
        grid.addLayout(dates, 3, 3)
        self.labels["language"].setBuddy(self.language)
        self.pdf_button = QPushButton()
        self.xlsx_button = QPushButton()
        self.csv_button = QPushButton()
        self.import_button = QPushButton()
        self.import_button.setVisible(ws.may(Permission.MANAGE_REPORT_TEMPLATES))
        choices = QHBoxLayout()
        choices.addWidget(self.labels["language"])
        choices.addWidget(self.language)
        choices.addWidget(self.outside, 1)
        outputs = QHBoxLayout()
        outputs.addStretch(1)
        for button in (self.pdf_button, self.xlsx_button, self.csv_button, self.import_button):
            outputs.addWidget(button)
        self.model = StatisticsModel()
        self.view = table_view(self.model, [560, 110])
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(10)
        self.busy.hide()
        self.message = warning_label("error")
        self.notice = warning_label("notice")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.busy)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addLayout(choices)
        layout.addLayout(outputs)

        self._offices = offices.list_offices(ws)
        self._lawyers = cases.lawyer_choices(ws)
        self._fill()
        self._period_changed()
        self.period.currentIndexChanged.connect(self._period_changed)
        self.region.currentIndexChanged.connect(self._fill_districts)
        for combo in (*widgets, self.district):
            combo.currentIndexChanged.connect(self._filter_changed)
        for field in (self.first_day, self.last_day):
            field.textChanged.connect(self._filter_changed)
        self.count_button.clicked.connect(self.count)
        self.view.activated.connect(self._activated)
        self.pdf_button.clicked.connect(self.save_report)
        self.xlsx_button.clicked.connect(self.save_tables)
        self.csv_button.clicked.connect(self.save_records)
        self.import_button.clicked.connect(self.import_template)
        self.retranslate_ui()

    # --- language --------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Statistics and reports"))
        texts = {
            "period": _("Pe&riod"),
            "office": _("Office"),
            "region": _("Oblast"),
            "district": _("District"),
            "category": _("Category"),
            "lawyer": _("Lawyer"),
            "template": _("Report &template"),
            "language": _("Report language"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        for field in (self.first_day, self.last_day):
            field.retranslate_ui()
        self.count_button.setText(_("&Count"))
        self.outside.setText(
            _("For outside the organisation (hide numbers below {n})").format(n=self._threshold())
        )
        self.pdf_button.setText(_("Save the report as &PDF…"))
        self.xlsx_button.setText(_("Save the tables as &XLSX…"))
        self.csv_button.setText(_("Save anonymised records (CS&V)…"))
        self.import_button.setText(_("I&mport a template…"))
        self.view.setAccessibleName(_("Statistics"))
        self._fill()
        self.model.retranslate()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt name
        """The threshold may have changed in Administration meanwhile; templates too."""
        super().showEvent(event)
        if self.ws.vault.is_unlocked:
            self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _threshold(self) -> int:
        try:
            return office_settings.small_count_threshold(self.ws)
        except Exception:  # noqa: BLE001 - a locked vault: the default is shown
            return 5

    def _fill(self) -> None:
        """Choices in the current language; what was chosen stays chosen."""
        combos = (
            self.period,
            self.office,
            self.region,
            self.category,
            self.lawyer,
            self.template,
        )
        chosen = [combo.currentData() for combo in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        for code, label, _dates in PERIODS:
            self.period.addItem(_(label), code)
        for combo in (self.office, self.region, self.category, self.lawyer):
            combo.addItem(_("all"), None)
        for office in self._offices:
            self.office.addItem(f"{office.code} · {office.name}", office.code)
        for region in Region:
            self.region.addItem(region.label, region.value)
        add_categories(self.category)
        for login, name in self._lawyers:
            self.lawyer.addItem(name, login)
        try:
            available = report_templates.list_report_templates(self.ws)
        except Exception:  # noqa: BLE001 - a locked vault: filled again at the next showing
            available = []
        for entry in available:
            self.template.addItem(
                entry.template.title.in_language(current_language()), entry.template.code
            )
        for combo, data in zip(combos, chosen, strict=True):
            select_data(combo, data)
            combo.blockSignals(False)
        self._fill_districts()

    def _fill_districts(self) -> None:
        chosen = self.district.currentData()
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem(_("all"), None)
        region = reference.regions().get(self.region.currentData() or "")
        if region is not None:
            for place in (*region.districts, *region.cities):
                self.district.addItem(place.label(), place.code)
        select_data(self.district, chosen)
        self.district.blockSignals(False)

    def _period_changed(self) -> None:
        code = self.period.currentData()
        custom = code == CUSTOM
        if not custom:
            dates = dict((c, d) for c, _l, d in PERIODS)[code or "quarter"]
            first, last = dates(dt.date.today())
            self.first_day.set_date(first)
            self.last_day.set_date(last)
        for field in (self.first_day, self.last_day):
            field.setReadOnly(not custom)

    # --- counting --------------------------------------------------------------------------
    def current_filter(self) -> StatsFilter | None:
        first, last = self.first_day.date(), self.last_day.date()
        if first is None or last is None:
            self._say(_("Enter both days of the period as dd.mm.yyyy."))
            return None
        if first > last:
            self._say(_("The period ends before it begins."))
            return None
        return StatsFilter(
            first,
            last,
            office_code=self.office.currentData(),
            category=self.category.currentData(),
            lawyer_login=self.lawyer.currentData(),
            region=self.region.currentData(),
            district=self.district.currentData(),
        )

    def _say(self, text: str) -> None:
        self.notice.hide()
        self.message.setText(text)
        self.message.show()

    def count(self) -> None:
        """Count off the GUI thread (a year at 100,000 cases takes about a second)."""
        flt = self.current_filter()
        code = self.template.currentData()
        if flt is None or code is None or self.job is not None:
            return
        ws = self.ws

        def work() -> tuple[report_templates.ReportTemplate, dict[str, Table]]:
            template = report_templates.get_report_template(ws, code)
            return template, statistics.tables(ws, flt, template.measures)

        self.message.hide()
        self.busy.show()
        generation = self._generation
        self.job = Call(work, self, blocks_lock=False)
        self.job.done.connect(lambda result: self._counted(result, flt, generation))
        self.job.failed.connect(self._failed)
        self.job.start()

    def _counted(self, result: Any, flt: StatsFilter, generation: int) -> None:
        self.job = None
        self.busy.hide()
        if generation != self._generation:
            return  # locked meanwhile: nothing comes back on screen
        template, tables = result
        self.shown_filter = flt
        self.model.set_rows(stat_lines(template, tables))
        self.counted.emit()

    def _activated(self, index: QModelIndex) -> None:
        """The records behind a number, read off the GUI thread (a year's people served at
        100,000 cases are tens of thousands of names)."""
        line = self.model.row_at(index.row()) if index.isValid() else None
        flt = self.shown_filter
        if not isinstance(line, StatLine) or line.count is None or flt is None:
            return
        if self.job is not None:
            return
        ws, generation = self.ws, self._generation
        self.busy.show()
        self.job = Call(
            lambda: statistics.records_behind(ws, flt, line.key, line.code), self, False
        )
        self.job.done.connect(lambda records: self._listed(line, records, generation))
        self.job.failed.connect(self._failed)
        self.job.start()

    def _listed(self, line: StatLine, records: list[Any], generation: int) -> None:
        self.job = None
        self.busy.hide()
        if generation != self._generation:
            return  # locked meanwhile: no list of names comes back on screen
        dialog = RecordsDialog(line.label.strip(), line.count or 0, records, self)
        dialog.open_case.connect(self.open_case)
        dialog.finished.connect(lambda _r, d=dialog: self.dialogs.remove(d))
        self.dialogs.append(dialog)
        dialog.open()
        self.drilled.emit(dialog)

    def _filter_changed(self) -> None:
        """Figures on screen always belong to the filter above them: a change clears them."""
        if self.shown_filter is not None:
            self.shown_filter = None
            self.model.clear()

    def show_month(self) -> None:
        """This month for the whole network (a Dashboard tile's numbers), counted."""
        for combo in (self.office, self.region, self.category, self.lawyer):
            combo.setCurrentIndex(0)
        select_data(self.period, "month")
        self.count()

    # --- what leaves the vault ---------------------------------------------------------------
    def _outputs(self) -> tuple[StatsFilter, str, str, int | None] | None:
        flt = self.current_filter()
        code = self.template.currentData()
        if flt is None or code is None or self.job is not None:
            return None
        threshold = self._threshold() if self.outside.isChecked() else None
        return flt, str(code), str(self.language.currentData()), threshold

    def _save(self, name: str, write: Callable[[Path], object]) -> None:
        """After the warning and a place chosen, `write(path)` off the GUI thread."""
        ask_unencrypted_copy(
            self,
            lambda: choose_save_path(self, name, lambda path: self._run(lambda: write(path), path)),
        )

    def save_report(self) -> None:
        chosen = self._outputs()
        if chosen is None:
            return
        flt, code, language, threshold = chosen
        ws = self.ws

        def write(path: Path) -> None:
            from legalaid.documents.statistics_pdf import statistics_pdf  # noqa: PLC0415

            write_atomic(path, statistics_pdf(ws, flt, code, language, threshold))

        days = f"{flt.first_day:%Y-%m-%d}-{flt.last_day:%Y-%m-%d}"
        self._save(f"report-{code}-{days}-{language}.pdf", write)

    def save_tables(self) -> None:
        chosen = self._outputs()
        if chosen is None:
            return
        flt, code, language, threshold = chosen
        ws = self.ws
        self._save(
            f"tables-{code}-{flt.first_day:%Y-%m-%d}-{flt.last_day:%Y-%m-%d}.xlsx",
            lambda path: statistics_export.export_tables(
                ws, flt, code, language, threshold, path, confirm_unencrypted=True
            ),
        )

    def save_records(self) -> None:
        chosen = self._outputs()
        if chosen is None:
            return
        flt, _code, language, _threshold = chosen
        ws = self.ws
        self._save(
            f"cases-{flt.first_day:%Y-%m-%d}-{flt.last_day:%Y-%m-%d}.csv",
            lambda path: statistics_export.export_records(
                ws, flt, path, language, confirm_unencrypted=True
            ),
        )

    def import_template(self) -> None:
        choose_template_file(self, self._import_from)

    def _import_from(self, path: Path) -> None:
        try:
            with path.open("rb") as file:  # never more than a template's size into memory
                raw = file.read(MAX_BYTES + 1)
            template = report_templates.import_report_template(self.ws, raw)
        except OSError:
            self._say(_("The file could not be read."))
            return
        except Exception as error:  # noqa: BLE001 - a refusal names the place to fix
            self._say(error_text(error))
            return
        self._fill()
        select_data(self.template, template.code)
        self.message.hide()
        self.notice.setText(
            _("Template imported: {title}").format(
                title=template.title.in_language(current_language())
            )
        )
        self.notice.show()

    def _run(self, work: Callable[[], Any], path: Path) -> None:
        """A copy written off the GUI thread; a lock waits for it (blocks_lock), so that it is
        audited and finished, never cut in half."""
        self.busy.show()
        self.message.hide()
        self.job = Call(work, self, blocks_lock=True)
        self.job.done.connect(lambda result: self._written(path, result))
        self.job.failed.connect(self._failed)
        self.job.start()

    def _written(self, path: Path, result: object = None) -> None:
        self.job = None
        self.busy.hide()
        text = _("Saved: {path}").format(path=str(path))
        if isinstance(result, statistics_export.RecordsExport):
            text += " " + _(
                "{rows} cases; {generalised} coarsened and {left_out} left out so that no one "
                "stands alone."
            ).format(rows=result.rows, generalised=result.generalised, left_out=result.left_out)
        self.notice.setText(text)
        self.notice.show()
        self.written.emit(path)

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.busy.hide()
        if self.ws.vault.is_unlocked:
            self._say(error_text(error))

    def clear(self) -> None:
        """At a lock: no figure stays on screen, no list stays open."""
        self._generation += 1
        self.shown_filter = None
        self.model.clear()
        for dialog in list(self.dialogs):
            dialog.close()
        self.message.hide()
        self.notice.hide()

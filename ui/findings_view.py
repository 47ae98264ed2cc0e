"""Findings of trial monitoring, for coordinators: a filter (period, court, oblast, kind of
case, stage), the key indicators with count, base and share, the share of hearings with a
concern per section; a double click on a row opens the observations behind it (`drill_down`);
the report as PDF in a chosen language and the anonymised answers for researchers (XLSX or
CSV), each written after the unencrypted-copy warning, off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.checklists import Template
from legalaid.domain.enums import ProceedingKind, Region, TrialStage
from legalaid.errors import LegalAidError
from legalaid.i18n import N_, _, current_language, sentence_case
from legalaid.services import checklist_templates, courts, findings, findings_export
from legalaid.services.findings import Findings, FindingsFilter, IndicatorLine, Share
from legalaid.services.workspace import Workspace
from ui.attachments_view import choose_save_path
from ui.choices import narrow
from ui.intake_steps import DateField, warning_label
from ui.messages import error_text
from ui.pdf_pages import DOCUMENT_LANGUAGES
from ui.table_models import Index, InMemoryTableModel
from ui.timeline_view import table_view
from ui.unencrypted import ask_unencrypted_copy
from ui.worker import Call

HEARINGS = N_("Hearings observed")


def indicator_rows(found: Findings) -> list[IndicatorLine]:
    """The hearings counted, then the key indicators of the findings."""
    total = IndicatorLine(HEARINGS, Share(found.hearings, found.hearings))
    return [total, *findings.key_indicators(found)]


class IndicatorModel(InMemoryTableModel):
    LABEL, COUNT, BASE, SHARE = range(4)
    HEADERS = (N_("Indicator"), N_("Count"), N_("Base"), N_("Share"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if not isinstance(row, IndicatorLine):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != self.LABEL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row.item_code:
            return _("Double-click: the observations behind this number")
        return None

    def _display(self, row: IndicatorLine, column: int) -> str:
        if column == self.LABEL:
            return _(row.label).format(minutes=findings.LATE_AFTER_MINUTES)
        if row.share is None:
            if column != self.COUNT:
                return ""
            return (
                "—"
                if row.minutes is None
                else _("{value} min").format(value=findings.one_decimal(row.minutes))
            )
        if column == self.COUNT:
            return str(row.share.count)
        if column == self.BASE:
            return str(row.share.base)
        return row.share.percent_text


class FindingsView(QWidget):
    """See the module's docstring. `drill_down(ids, label)` asks the page to list them."""

    drill_down = Signal(object, str)  # observation ids, what they are behind
    counted = Signal()  # the figures of the filter are shown
    closed = Signal()

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.found: Findings | None = None
        self.job: Call | None = None
        self._generation = 0  # bumped by clear(): a count finishing after a lock is dropped
        self.title = QLabel()
        self.title.setObjectName("title")
        self.first_day = DateField()
        self.last_day = DateField()
        self.court = narrow(QComboBox())
        self.region = narrow(QComboBox())
        self.case_kind = narrow(QComboBox())
        self.stage = narrow(QComboBox())
        self.version = narrow(QComboBox())
        names = ("from", "to", "court", "region", "kind", "stage", "version")
        self.labels = {name: QLabel() for name in names}
        for name, widget in zip(
            self.labels,
            (
                self.first_day,
                self.last_day,
                self.court,
                self.region,
                self.case_kind,
                self.stage,
                self.version,
            ),
            strict=True,
        ):
            self.labels[name].setBuddy(widget)
        self.count_button = QPushButton()
        self.language = QComboBox()
        for code, name in DOCUMENT_LANGUAGES.items():
            self.language.addItem(name, code)
        self.report_button = QPushButton()
        self.export_button = QPushButton()
        self.back_button = QPushButton()
        self.message = warning_label("error")
        self.notice = warning_label("notice")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.hide()
        self.model = IndicatorModel()
        self.table = table_view(self.model, [470, 90, 90, 90])
        self.sections = QLabel()
        self.sections.setWordWrap(True)

        # Three rows of three, so that Kyrgyz and Russian labels fit a 1366-pixel screen.
        filters = QGridLayout()
        for row, names in enumerate(
            (("from", "to", "version"), ("region", "kind", "stage"), ("court",))
        ):
            for column, name in enumerate(names):
                filters.addWidget(self.labels[name], row, column * 2)
                widget = self.labels[name].buddy()
                span = 5 if name == "court" else 1
                filters.addWidget(widget, row, column * 2 + 1, 1, span)
        for column in (1, 3, 5):
            filters.setColumnStretch(column, 1)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.back_button)
        actions = QHBoxLayout()
        actions.addWidget(self.count_button)
        actions.addStretch(1)
        actions.addWidget(self.busy)
        actions.addWidget(self.language)
        actions.addWidget(self.report_button)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.sections)
        self.count_button.clicked.connect(self.count)
        self.report_button.clicked.connect(self.save_report)
        self.export_button.clicked.connect(self.export_answers)
        self.back_button.clicked.connect(self.closed.emit)
        self.table.activated.connect(self._activated)
        self.retranslate_ui()

    # --- the filter --------------------------------------------------------------------------
    def load_choices(self) -> None:
        combos = (self.court, self.region, self.case_kind, self.stage, self.version)
        chosen = {c: c.currentData() for c in combos}
        try:
            found_courts = courts.list_courts(self.ws)
            versions = checklist_templates.list_templates(self.ws)
        except LegalAidError as error:
            self._say(error_text(error))
            found_courts, versions = [], []
        for combo, items in (
            (self.court, [(c.id, c.name) for c in found_courts]),
            (self.version, [(v.id, f"{v.code} {v.version}") for v in versions]),
            (self.region, [(r.value, sentence_case(r.label)) for r in Region]),
            (self.case_kind, [(k.value, sentence_case(k.label)) for k in ProceedingKind]),
            (self.stage, [(s.value, sentence_case(s.label)) for s in TrialStage]),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("all"), None)
            for key, label in items:
                combo.addItem(label, key)
            index = combo.findData(chosen[combo])
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filter(self) -> FindingsFilter | None:
        """The filter typed; None (said) when a date cannot be read."""
        for field in (self.first_day, self.last_day):
            if not field.is_valid():
                self._say(_("Write the date as dd.mm.yyyy, e.g. 28.11.2026."))
                field.setFocus()
                return None
        return FindingsFilter(
            first_day=self.first_day.date(),
            last_day=self.last_day.date(),
            court_id=self.court.currentData(),
            region=self.region.currentData(),
            case_kind=self.case_kind.currentData(),
            stage=self.stage.currentData(),
            template_id=self.version.currentData(),
        )

    def count(self) -> None:
        """Count off the GUI thread (a year of ten thousand hearings takes a few tenths of a
        second); the busy bar shows meanwhile, `counted` tells when the figures are in."""
        flt = self.current_filter()
        if flt is None or self.job is not None:
            return
        ws = self.ws

        def work() -> tuple[Findings, Template | None]:
            versions = checklist_templates.list_templates(ws)
            latest = checklist_templates.get_template(ws, versions[-1].id) if versions else None
            return findings.findings(ws, flt), latest

        self.busy.show()
        generation = self._generation
        self.job = Call(work, self, blocks_lock=False)
        self.job.done.connect(lambda result: self._counted(result, generation))
        self.job.failed.connect(self._failed)
        self.job.start()

    def _counted(self, result: tuple[Findings, Template | None], generation: int) -> None:
        self.job = None
        self.busy.hide()
        if generation != self._generation:
            return  # locked meanwhile: nothing comes back on screen
        found, template = result
        self.message.hide()
        self.found = found
        self.model.set_rows(indicator_rows(found))
        parts = []
        for code, share in found.sections.items():
            title = ""
            if template is not None:
                section = next((s for s in template.sections if s.code == code), None)
                title = section.title.in_language(current_language()) if section else ""
            percent = "" if share.percent is None else f" {share.percent:.0f} %"
            parts.append(f"{code}. {title}: {share.count}/{share.base}{percent}")
        self.sections.setText(
            _("Hearings with a concern, by section: {list}").format(list=" · ".join(parts))
            if parts
            else ""
        )
        self.counted.emit()

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        flt = self.found.filter if self.found is not None else None
        if not isinstance(row, IndicatorLine) or flt is None:
            return
        if row.item_code is None and row.label != HEARINGS:
            self.notice.setText(
                _("This number is counted from the hearings' times, not from answers.")
            )
            self.notice.show()
            return
        ids: list[int] = []
        try:
            if row.item_code is None:
                ids = findings.observations_behind(self.ws, flt)
            else:
                for value in row.values:
                    ids += findings.observations_behind(self.ws, flt, row.item_code, value)
        except LegalAidError as error:
            self._say(error_text(error))
            return
        label = _(row.label).format(minutes=findings.LATE_AFTER_MINUTES)
        self.drill_down.emit(sorted(set(ids)), label)

    # --- what leaves the vault --------------------------------------------------------------
    def save_report(self) -> None:
        flt = self.current_filter()
        if flt is None or self.job is not None:
            return
        language = str(self.language.currentData())
        ws = self.ws

        def write(path: Path) -> None:
            from legalaid.documents.findings_report import findings_report_pdf  # noqa: PLC0415
            from legalaid.storage.atomic import write_atomic  # noqa: PLC0415

            write_atomic(path, findings_report_pdf(ws, flt, language))

        self._save(f"findings-{dt.date.today():%Y-%m-%d}-{language}.pdf", write)

    def export_answers(self) -> None:
        flt = self.current_filter()
        if flt is None or self.job is not None:
            return
        language = str(self.language.currentData())
        ws = self.ws

        self._save(
            f"answers-{dt.date.today():%Y-%m-%d}.xlsx",
            lambda path: findings_export.export_answers(
                ws, flt, path, language, confirm_unencrypted=True
            ),
        )

    def _save(self, name: str, write: Callable[[Path], object]) -> None:
        """After the warning and a place chosen, `write(path)` off the GUI thread."""
        ask_unencrypted_copy(
            self,
            lambda: choose_save_path(self, name, lambda path: self._run(lambda: write(path), path)),
        )

    def _run(self, work: Callable[[], Any], path: Path) -> None:
        """A copy written off the GUI thread; a lock waits for it (blocks_lock), so that it is
        audited and finished, never cut in half."""
        self.busy.show()
        self.message.hide()
        self.job = Call(work, self, blocks_lock=True)
        self.job.done.connect(lambda _result: self._written(path))
        self.job.failed.connect(self._failed)
        self.job.start()

    def _written(self, path: Path) -> None:
        self.job = None
        self.busy.hide()
        self.notice.setText(_("Saved: {path}").format(path=str(path)))
        self.notice.show()

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.busy.hide()
        self._say(error_text(error))

    def clear(self) -> None:
        self._generation += 1
        self.found = None
        self.model.clear()
        self.sections.clear()
        self.message.hide()
        self.notice.hide()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # --- language ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Findings"))
        texts = {
            "from": _("Fro&m"),
            "to": _("&To"),
            "court": _("Co&urt"),
            "region": _("O&blast"),
            "kind": _("&Kind of case"),
            "stage": _("Sta&ge"),
            "version": _("Checklist &version"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        for field in (self.first_day, self.last_day):
            field.retranslate_ui()
        self.count_button.setText(_("&Count"))
        self.report_button.setText(_("Re&port (PDF)…"))
        self.export_button.setText(_("&Answers for researchers…"))
        self.export_button.setToolTip(
            _("Anonymised answers as XLSX or CSV, with a data dictionary")
        )
        self.back_button.setText(_("Back to the list"))
        self.table.setAccessibleName(_("Key indicators"))
        self.model.retranslate()
        if self.ws.vault.is_unlocked and self.court.count():
            self.load_choices()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

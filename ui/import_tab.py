"""Administration → Import: a coordinator brings an existing register in. Read top to
bottom: choose the file (its encoding, separator and sheet are shown, and can be chosen);
pick a saved mapping or take the one suggested from the headers; check each column and map
the values no suggestion knew; run the dry run and read its report (exportable); then
import, with progress and a cancel, and undo while nothing imported has been touched.

Reading, planning, writing and undoing all run off the GUI thread (ui/worker.Call); a lock
waits for a write and drops the file, the mapping on screen and the report (save a mapping
to keep it). Nothing is written before the import button, which names what it will write.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from legalaid.i18n import N_, _, current_language, format_datetime, ngettext
from legalaid.services.imports import saved
from legalaid.services.imports.apply import ImportResult, apply_import
from legalaid.services.imports.batches import past_imports
from legalaid.services.imports.mapping import FIELDS, suggest_columns
from legalaid.services.imports.plan import ImportPlan, Outcome, plan_import
from legalaid.services.imports.report import (
    OUTCOME_LABELS,
    REPORT_COLUMNS,
    ReportLine,
    counts_line,
    export_report,
    report_lines,
)
from legalaid.services.imports.sources import Table, read_table
from legalaid.services.imports.undo import undo_import
from legalaid.services.imports.vault_names import VALUE_MAPPED, field_choices, value_suggestions
from legalaid.services.workspace import Workspace
from ui.attachments_view import choose_existing_file, choose_save_path
from ui.choices import narrow, select_data
from ui.confirm import ask_to_confirm
from ui.import_values import MeaningDelegate, ValueRow, ValuesModel
from ui.intake_steps import warning_label
from ui.messages import error_text
from ui.table_models import Index, InMemoryTableModel
from ui.unencrypted import ask_unencrypted_copy
from ui.worker import Call

SEPARATOR_CHOICES = ((None, N_("detect")), (",", ","), (";", ";"), ("\t", N_("tab")))
SHOWN_CHOICES = (  # what the report lists
    ("look", N_("what needs a look"), (Outcome.REJECT, Outcome.CONFLICT, Outcome.UPDATE)),
    ("reject", N_("rejected"), (Outcome.REJECT,)),
    ("all", N_("every row"), tuple(Outcome)),
)
EXAMPLES = 3  # sample values shown beside each column


def choose_register_file(parent: QWidget, chosen: Callable[[Path], None]) -> None:
    """Ask for the register to import (a seam the tests replace)."""
    choose_existing_file(
        parent, _("Choose a register"), _("Registers (*.xlsx *.csv *.txt)"), chosen
    )


def ask_undo(parent: QWidget, batch: int, confirmed: Callable[[], None]) -> None:
    """Window-modal, never blocking: `confirmed()` runs only if the person says so (a seam
    the tests replace)."""
    box = ask_to_confirm(
        parent,
        _("Undo the import"),
        _("Undo import {batch}?").format(batch=batch),
        _(
            "The cases, people, referrals and hearings it created are deleted and what it "
            "updated gets its earlier values back. It is refused if any of them has been "
            "changed since."
        ),
        _("Undo the import"),
        confirmed,
        role=QMessageBox.ButtonRole.DestructiveRole,
    )
    box.finished.connect(box.deleteLater)


def ask_mapping_name(parent: QWidget, current: str, chosen: Callable[[str], None]) -> None:
    """Ask the name to save the mapping under (a seam the tests replace)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(_("Save the mapping"))
    dialog.setLabelText(_("Name (e.g. the office and the register):"))
    dialog.setTextValue(current)
    dialog.textValueSelected.connect(chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


class ReportModel(InMemoryTableModel):
    """The dry run's lines: row, outcome, column, what happens (rejections in red)."""

    HEADERS = REPORT_COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line: ReportLine | None = self.row_at(index.row())
        if line is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (line.row, _(OUTCOME_LABELS[line.outcome]), line.column, line.text)[
                index.column()
            ]
        if role == Qt.ItemDataRole.ForegroundRole and line.outcome in (
            Outcome.REJECT,
            Outcome.CONFLICT,
        ):
            from PySide6.QtGui import QColor  # noqa: PLC0415

            return QColor("#a61b1b" if line.outcome is Outcome.REJECT else "#8a5a00")
        return None


class _Progress(QObject):
    """Rows written, told from the worker thread; delivered on the GUI thread (queued)."""

    moved = Signal(int, int)


class ImportTab(QWidget):
    read = Signal(object)  # the Table read, and mapped (suggested or saved)
    planned = Signal(object)  # the ImportPlan of the dry run
    imported = Signal(object)  # the ImportResult
    undone = Signal(int)  # the batch taken back
    failed = Signal(str)  # what the person was told

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.path: Path | None = None
        self.table: Table | None = None
        self.columns: dict[int, str] = {}
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.job: Call | None = None
        self._generation = 0  # bumped when what a running read or check was for is gone
        self._cancellable = False  # the job running is a check or the import: it may stop
        self._cancel = threading.Event()
        self._progress = _Progress()
        self._progress.moved.connect(self._moved)

        self.choose_button = QPushButton()
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.separator_label = QLabel()
        self.separator = narrow(QComboBox(), 6)
        self.sheet_label = QLabel()
        self.sheet = narrow(QComboBox(), 12)
        self.mapping_label = QLabel()
        self.mapping = narrow(QComboBox(), 32)
        self.save_mapping_button = QPushButton()
        self.delete_mapping_button = QPushButton()

        self.columns_table = self._table(3)
        header = self.columns_table.horizontalHeader()
        header.setStretchLastSection(False)
        for section, mode in enumerate(
            (QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch)
        ):
            header.setSectionResizeMode(section, mode)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.values_model = ValuesModel()
        self.values_view = QTableView()
        self.values_view.setModel(self.values_model)
        self.values_view.setItemDelegateForColumn(
            ValuesModel.MEANS, MeaningDelegate(lambda code: self._choices.get(code, ()), self)
        )
        self.values_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.values_view.verticalHeader().hide()
        self.values_view.horizontalHeader().setStretchLastSection(True)
        self.values_view.verticalHeader().setDefaultSectionSize(
            self.values_view.fontMetrics().height() + 12
        )
        self._choices: dict[str, list[tuple[str, str]]] = {}  # field -> (code, label)
        self.report_model = ReportModel()
        self.report_view = QTableView()
        self.report_view.setModel(self.report_model)
        self.report_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.report_view.verticalHeader().hide()
        self.report_view.horizontalHeader().setStretchLastSection(True)
        self.report_view.setWordWrap(False)
        self.report_view.verticalHeader().setDefaultSectionSize(
            self.report_view.fontMetrics().height() + 8
        )
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.shown_label = QLabel()
        self.shown = narrow(QComboBox(), 28)
        self.save_report_button = QPushButton()
        report_page = QWidget()
        report_column = QVBoxLayout(report_page)
        report_column.addWidget(self.counts)
        report_column.addLayout(_row([self.shown_label, self.shown]))
        report_column.addWidget(self.report_view, 1)
        report_column.addLayout(_row([self.save_report_button]))
        self.pages = QTabWidget()
        self.pages.addTab(self.columns_table, "")
        self.pages.addTab(self.values_view, "")
        self.pages.addTab(report_page, "")

        self.check_button = QPushButton()
        self.import_button = QPushButton()
        self.cancel_button = QPushButton()
        self.past_label = QLabel()
        self.past = narrow(QComboBox(), 28)
        self.undo_button = QPushButton()
        self.progress = QProgressBar()
        self.progress.hide()
        self.message = warning_label("message")

        layout = QVBoxLayout(self)
        layout.addLayout(_row([self.choose_button, self.file_label], stretch_last=True))
        layout.addLayout(_row([self.separator_label, self.separator, self.sheet_label, self.sheet]))
        layout.addLayout(
            _row(
                [
                    self.mapping_label,
                    self.mapping,
                    self.save_mapping_button,
                    self.delete_mapping_button,
                ]
            )
        )
        layout.addWidget(self.pages, 1)
        layout.addLayout(_row([self.check_button, self.import_button, self.cancel_button]))
        layout.addLayout(_row([self.past_label, self.past, self.undo_button]))
        layout.addWidget(self.progress)
        layout.addWidget(self.message)

        self.choose_button.clicked.connect(lambda: choose_register_file(self, self.open_file))
        self.separator.activated.connect(lambda _index: self._reread())
        self.sheet.activated.connect(lambda _index: self._reread())
        self.mapping.activated.connect(lambda _index: self._use_mapping())
        self.save_mapping_button.clicked.connect(self.save_mapping)
        self.delete_mapping_button.clicked.connect(self.delete_mapping)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.write)
        self.cancel_button.clicked.connect(lambda: self._cancel.set())
        self.undo_button.clicked.connect(self.undo)
        self.past.activated.connect(lambda _index: self._update_buttons())
        self.save_report_button.clicked.connect(self.save_report)
        self.shown.activated.connect(lambda _index: self._show_report())
        self.values_model.mapped.connect(lambda _field, _value, _code: self._forget_plan())
        self.retranslate_ui()

    @property
    def values(self) -> dict[str, dict[str, str | None]]:
        """Each value-mapped field's values and what they mean, as the Values page has them."""
        return self.values_model.meanings

    @staticmethod
    def _table(columns: int) -> QTableWidget:
        table = QTableWidget(0, columns)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # --- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.choose_button.setText(_("&Choose a register…"))
        self.separator_label.setText(_("Separator:"))
        self.sheet_label.setText(_("Sheet:"))
        self.mapping_label.setText(_("Mapping:"))
        self.save_mapping_button.setText(_("Save the mapping…"))
        self.delete_mapping_button.setText(_("Delete it"))
        self.pages.setTabText(0, _("Columns"))
        self.pages.setTabText(1, _("Values"))
        self.pages.setTabText(2, _("Dry-run report"))
        self.columns_table.setHorizontalHeaderLabels(
            [_("Column in the file"), _("Examples"), _("Imported as")]
        )
        self.save_report_button.setText(_("Save the report…"))
        self.shown_label.setText(_("&Show:"))
        self.shown_label.setBuddy(self.shown)
        chosen = self.shown.currentData()
        self.shown.clear()
        for code, label, _outcomes in SHOWN_CHOICES:
            self.shown.addItem(_(label), code)
        select_data(self.shown, chosen or "look")
        self.check_button.setText(_("Chec&k (dry run)"))
        self.cancel_button.setText(_("Cancel"))
        self.undo_button.setText(_("&Undo the import…"))
        self.past_label.setText(_("Imports made:"))
        self._fill_past()
        self.separator.clear()
        for data, label in SEPARATOR_CHOICES:
            self.separator.addItem(_(label) if data in (None, "\t") else label, data)
        self._fill_mappings()
        self._show_file()
        self._fill_columns()
        self._relabel_values()
        self._show_report()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- the file ------------------------------------------------------------------------------
    def open_file(self, path: Path) -> None:
        self.path = path
        self.sheet.clear()
        select_data(self.separator, None)
        self._reread()

    def _reread(self) -> None:
        if self.path is None or self.job is not None:
            return
        path, separator = self.path, self.separator.currentData()
        sheet = self.sheet.currentText() or None
        self._say("")
        self._run(lambda: read_table(path, separator=separator, sheet=sheet), self._was_read)

    def _was_read(self, table: Table) -> None:
        self.table = table
        current = self.sheet.currentText()
        self.sheet.clear()
        self.sheet.addItems(list(table.sheets))
        self.sheet.setCurrentText(current or (table.sheet or ""))
        select_data(self.separator, table.separator)
        self._show_file()
        self._use_mapping()  # then `read` is told, the file mapped

    def _show_file(self) -> None:
        table = self.table
        if table is None or self.path is None:
            self.file_label.setText(_("No register chosen yet: a .xlsx or .csv file."))
            self.separator.setEnabled(False)
            self.sheet.setEnabled(False)
            return
        facts = [self.path.name, table.kind.upper()]
        if table.encoding:
            facts.append(table.encoding)
        if table.sheet:
            facts.append(_("sheet {name}").format(name=table.sheet))
        facts.append(
            ngettext("{count} row", "{count} rows", len(table.rows)).format(count=len(table.rows))
        )
        if table.empty_rows:
            facts.append(
                ngettext(
                    "{count} empty row left out", "{count} empty rows left out", table.empty_rows
                ).format(count=table.empty_rows)
            )
        notes = [_(note) for note in table.notes]
        self.file_label.setText(" · ".join(facts) + ("\n" + "\n".join(notes) if notes else ""))
        self.separator.setEnabled(table.kind == "csv")
        self.sheet.setEnabled(len(table.sheets) > 1)
        for widget in (self.sheet_label, self.sheet):
            widget.setVisible(table.kind == "xlsx")

    # --- the mapping ---------------------------------------------------------------------------
    def _fill_mappings(self) -> None:
        chosen = self.mapping.currentData()
        self.mapping.clear()
        self.mapping.addItem(_("suggested from the headers"), None)
        try:
            names = saved.list_mappings(self.ws)
        except Exception:  # noqa: BLE001 - a locked vault: only the suggestion is offered
            names = []
        for name in names:
            self.mapping.addItem(name, name)
        select_data(self.mapping, chosen)

    def _use_mapping(self) -> None:
        """The chosen saved mapping, or the suggestion, laid on the file off the GUI thread."""
        if self.table is None or self.job is not None:
            return
        ws, table, name, language = (
            self.ws,
            self.table,
            self.mapping.currentData(),
            current_language(),
        )

        def lay() -> _Mapping:
            if name is None:
                columns = suggest_columns(table.header)
                return _mapping(ws, table, columns, value_suggestions(table, columns, ws), language)
            laid = saved.apply_mapping(ws, saved.load_mapping(ws, name), table)
            return _mapping(ws, table, laid.columns, laid.values, language, laid.missing)

        self._run(lay, self._mapping_ready)

    def _mapping_ready(self, mapping: _Mapping) -> None:
        self.columns = mapping.columns
        self._choices = mapping.choices
        self._fill_columns()
        self.values_model.show(
            mapping.rows, mapping.values, {f: dict(c) for f, c in mapping.choices.items()}
        )
        self.values_view.resizeColumnsToContents()
        self._forget_plan()
        if self.table is not None:
            self.read.emit(self.table)
        if mapping.missing:
            self._say(
                _("Columns of the mapping not in this file: {columns}").format(
                    columns=", ".join(mapping.missing)
                )
            )

    def _relabel_values(self) -> None:
        """The meanings' labels in the language chosen now."""
        language = current_language()
        self._choices = {code: field_choices(self.ws, code, language) for code in self._choices}
        self.values_model.relabel({f: dict(c) for f, c in self._choices.items()})

    def _fill_columns(self) -> None:
        table = self.table
        self.columns_table.setRowCount(0)
        if table is None:
            return
        self.columns_table.setRowCount(len(table.header))
        for index, title in enumerate(table.header):
            examples = list(dict.fromkeys(row[index] for row in table.rows[:500] if row[index]))
            examples = examples[:EXAMPLES]
            self.columns_table.setItem(index, 0, QTableWidgetItem(title or f"#{index + 1}"))
            shown = QTableWidgetItem(" · ".join(value[:40] for value in examples))
            shown.setToolTip("\n".join(examples))
            self.columns_table.setItem(index, 1, shown)
            combo = narrow(QComboBox(), 24)
            combo.setAccessibleName(_("Imported as"))
            combo.addItem(_("not imported"), None)
            for found in FIELDS:
                combo.addItem(_(found.label), found.code)
            select_data(combo, self.columns.get(index))
            combo.activated.connect(
                lambda _i, column=index, box=combo: self._column_chosen(column, box.currentData())
            )
            self.columns_table.setCellWidget(index, 2, combo)

    def _column_chosen(self, column: int, code: str | None) -> None:
        if self.table is None or self.job is not None:
            return
        columns = {i: c for i, c in self.columns.items() if c != code or i == column}
        if code is None:  # a field comes from one column
            columns.pop(column, None)
        else:
            columns[column] = code
        ws, table, language = self.ws, self.table, current_language()
        hand = {code: dict(found) for code, found in self.values.items()}  # the worker's own

        def suggest() -> _Mapping:
            fresh = value_suggestions(table, columns, ws)
            for field_code, found in fresh.items():  # what was mapped by hand stays mapped
                for value, meaning in hand.get(field_code, {}).items():
                    if value in found and meaning:
                        found[value] = meaning
            return _mapping(ws, table, columns, fresh, language)

        self._run(suggest, self._mapping_ready)

    def save_mapping(self) -> None:
        if self.table is None:
            return
        ask_mapping_name(self, self.mapping.currentData() or "", self._save_mapping_as)

    def _save_mapping_as(self, name: str) -> None:
        if self.table is None:
            return
        by_header = {self.table.header[i]: code for i, code in self.columns.items()}
        try:
            saved.save_mapping(self.ws, name, by_header, self.values)
        except Exception as error:  # noqa: BLE001 - told; the mapping on screen stays
            self._say(error_text(error))
            return
        self._fill_mappings()
        select_data(self.mapping, name.strip())
        self._say(_("The mapping was saved as {name}.").format(name=name.strip()))

    def delete_mapping(self) -> None:
        name = self.mapping.currentData()
        if name is None:
            return
        try:
            saved.delete_mapping(self.ws, name)
        except Exception as error:  # noqa: BLE001
            self._say(error_text(error))
            return
        self._fill_mappings()
        self._say(_("The mapping {name} was deleted.").format(name=name))

    # --- the dry run ---------------------------------------------------------------------------
    def _forget_plan(self) -> None:
        """The mapping changed: the report no longer says what an import would do."""
        self.plan = None
        self._generation += 1
        self.report_model.clear()
        self._show_counts()
        self._update_buttons()

    def check(self) -> None:
        if self.table is None or self.job is not None:
            return
        ws, table, columns = self.ws, self.table, dict(self.columns)
        values = {code: dict(found) for code, found in self.values.items()}
        cancel = self._cancel
        cancel.clear()
        self._cancellable = True
        self._say("")
        self._run(lambda: plan_import(ws, table, columns, values, cancel.is_set), self._was_planned)

    def _was_planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.pages.setCurrentIndex(2)
        self._show_report()
        self._update_buttons()
        self.planned.emit(plan)

    def _show_report(self) -> None:
        """The lines of the chosen outcomes, in the reader's language."""
        self._show_counts()
        if self.plan is None:
            self.report_model.clear()
            return
        wanted = next(o for code, _l, o in SHOWN_CHOICES if code == self.shown.currentData())
        lines = report_lines(self.plan, _, current_language())
        self.report_model.set_rows([line for line in lines if line.outcome in wanted])
        self.report_view.resizeColumnsToContents()

    def _show_counts(self) -> None:
        if self.plan is None:
            self.counts.setText(_("Run the dry run to see what the import would do."))
            return
        text = counts_line(self.plan, _)
        if self.plan.unmapped:
            text += "\n" + _("Values not mapped (see Values): {count}").format(
                count=sum(len(values) for values in self.plan.unmapped.values())
            )
        self.counts.setText(text)

    def save_report(self) -> None:
        if self.plan is None or self.table is None:
            return
        ws, plan, sha, language = self.ws, self.plan, self.table.sha256, current_language()

        def write(path: Path) -> None:
            self._run(
                lambda: export_report(ws, plan, sha, path, language, confirm_unencrypted=True),
                lambda count: self._say(
                    _("The report ({count} lines) was saved to {path}.").format(
                        count=count, path=path
                    )
                ),
                writes=True,
            )

        ask_unencrypted_copy(self, lambda: choose_save_path(self, "import-report.csv", write))

    # --- writing and undoing -------------------------------------------------------------------
    def write(self) -> None:
        if self.plan is None or self.table is None or self.job is not None:
            return
        ws, table, columns = self.ws, self.table, dict(self.columns)
        values = {code: dict(found) for code, found in self.values.items()}
        progress, cancel = self._progress, self._cancel
        cancel.clear()
        self._cancellable = True
        self._run(
            lambda: apply_import(ws, table, columns, values, progress.moved.emit, cancel.is_set),
            self._was_written,
            writes=True,
        )

    def _moved(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _was_written(self, result: ImportResult) -> None:
        self.result = result
        self.plan = None  # what was planned is now there: a new dry run says so
        self._say(
            _(
                "Import {batch} written: {cases} new cases, {updated} updated, {people} new "
                "people. It can be undone while nothing it wrote has been changed."
            ).format(
                batch=result.batch_id,
                cases=result.cases_created,
                updated=result.cases_updated,
                people=result.people_created,
            )
        )
        self._show_counts()
        self._fill_past()
        self._update_buttons()
        self.imported.emit(result)

    def _fill_past(self) -> None:
        """The imports that can still be undone, newest first (the one just made chosen)."""
        self.past.clear()
        try:
            found = past_imports(self.ws)
        except Exception:  # noqa: BLE001 - a locked vault: nothing to offer
            found = []
        for batch in found:
            if batch.undone or not (batch.cases_created or batch.cases_updated):
                continue  # taken back already, or it wrote nothing (a file imported again)
            self.past.addItem(
                _("Import {batch}, {when}, {who}: {cases} new, {updated} updated").format(
                    batch=batch.batch_id,
                    when=format_datetime(batch.made_at.replace(tzinfo=dt.UTC), "short"),
                    who=batch.made_by,
                    cases=batch.cases_created,
                    updated=batch.cases_updated,
                ),
                batch.batch_id,
            )
        if self.result is not None:
            select_data(self.past, self.result.batch_id)

    def undo(self) -> None:
        batch = self.past.currentData()
        if batch is None or self.job is not None:
            return
        ask_undo(self, int(batch), lambda: self._undo(int(batch)))

    def _undo(self, batch: int) -> None:
        ws = self.ws
        self._run(
            lambda: undo_import(ws, batch), lambda _none: self._was_undone(batch), writes=True
        )

    def _was_undone(self, batch: int) -> None:
        if self.result is not None and self.result.batch_id == batch:
            self.result = None
        self._say(_("Import {batch} was undone.").format(batch=batch))
        self._fill_past()
        self._update_buttons()
        self.undone.emit(batch)

    # --- plumbing ------------------------------------------------------------------------------
    def _run(
        self, work: Callable[[], Any], done: Callable[[Any], None], writes: bool = False
    ) -> None:
        """`work` off the GUI thread, a busy bar meanwhile (counting once rows are written).
        A lock waits for work that `writes`; other work it drops (and its result with it)."""
        self.progress.setRange(0, 0)
        self.progress.show()
        generation = self._generation
        self.job = Call(work, self, blocks_lock=writes)
        self.job.done.connect(lambda result: self._finish(done, result, generation, writes))
        self.job.failed.connect(lambda error: self._failed(error, generation, writes))
        self._update_buttons()
        self.job.start()

    def _finish(
        self, done: Callable[[Any], None], result: Any, generation: int, writes: bool
    ) -> None:
        self.job, self._cancellable = None, False
        self.progress.hide()
        if writes or generation == self._generation:  # what was written is a fact
            done(result)
        self._update_buttons()

    def _failed(self, error: BaseException, generation: int, writes: bool) -> None:
        self.job, self._cancellable = None, False
        self.progress.hide()
        if writes or generation == self._generation:
            self._say(error_text(error))
            self.failed.emit(self.message.text())
        self._update_buttons()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _update_buttons(self) -> None:
        idle = self.job is None
        has_table = self.table is not None
        self.choose_button.setEnabled(idle)
        for control in (self.columns_table, self.values_view, self.mapping):
            control.setEnabled(idle)  # a mapping changed under a running check misleads
        self.separator.setEnabled(idle and has_table and self.table.kind == "csv")  # type: ignore[union-attr]
        self.sheet.setEnabled(idle and has_table and len(self.table.sheets) > 1)  # type: ignore[union-attr]
        self.check_button.setEnabled(idle and has_table)
        self.save_mapping_button.setEnabled(idle and has_table)
        self.delete_mapping_button.setEnabled(idle and self.mapping.currentData() is not None)
        self.save_report_button.setEnabled(idle and self.plan is not None)
        writable = 0
        if self.plan is not None:
            counts = self.plan.counts
            writable = counts[Outcome.CREATE] + counts[Outcome.UPDATE]
        self.import_button.setEnabled(idle and writable > 0)
        self.import_button.setText(
            _("&Import: write {count} rows").format(count=writable)
            if self.plan is not None
            else _("&Import")
        )
        self.cancel_button.setVisible(self._cancellable)
        self.undo_button.setEnabled(idle and self.past.currentData() is not None)
        for widget in (self.past_label, self.past, self.undo_button):
            widget.setVisible(self.past.count() > 0)

    def clear(self) -> None:
        """On lock: the register's rows, the mapping on screen and the report are dropped."""
        self._cancel.set()
        self._generation += 1  # a read or check still running is dropped when it ends
        self.path = self.table = self.plan = self.result = None
        self.columns, self._choices = {}, {}
        self.columns_table.setRowCount(0)
        self.values_model.clear()
        self.report_model.clear()
        self._say("")
        self._show_file()
        self._show_counts()
        self._update_buttons()


@dataclass(frozen=True)
class _Mapping:
    """A mapping laid on a file, with what the Values page shows (made off the GUI thread)."""

    columns: dict[int, str]
    values: dict[str, dict[str, str | None]]
    rows: list[ValueRow]
    choices: dict[str, list[tuple[str, str]]]
    missing: tuple[str, ...] = ()


def _mapping(
    ws: Workspace,
    table: Table,
    columns: dict[int, str],
    values: dict[str, dict[str, str | None]],
    language: str,
    missing: tuple[str, ...] = (),
) -> _Mapping:
    rows: list[ValueRow] = []
    for column, code in sorted(columns.items()):
        if code in VALUE_MAPPED:
            counted = Counter(row[column].strip() for row in table.rows if row[column].strip())
            rows += [ValueRow(code, value, count) for value, count in counted.items()]
    choices = {code: field_choices(ws, code, language) for code in {r.field for r in rows}}
    return _Mapping(dict(columns), values, rows, choices, missing)


def _row(widgets: list[QWidget], stretch_last: bool = False) -> QHBoxLayout:
    row = QHBoxLayout()
    for number, widget in enumerate(widgets):
        row.addWidget(widget, 1 if stretch_last and number == len(widgets) - 1 else 0)
    if not stretch_last:
        row.addStretch(1)
    return row

"""The attachments of one case or one person: a list, Add… (or drop files on it), View,
Save a copy…, Delete….

Files are read and stored, opened, saved out and deleted off the GUI thread (ui.worker.Call),
one job at a time, with a busy bar meanwhile. Images and PDFs open in the in-app viewer
from memory (ui/attachment_viewer.py); any file leaves the vault only as a copy the person
asked for after a warning that the copy is NOT encrypted. Dialogs open with open() and
answer through signals; the file choosers are module-level seams the tests replace.

`show_owner(ws, owner, owner_id)` loads the list; `clear()` (at a lock, or when another
record opens) forgets every name, closes the viewer and any open question, and ignores
whatever a job still running brings back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid.errors import LegalAidError
from legalaid.i18n import N_, _, format_form_date, ngettext
from legalaid.services import attachments
from legalaid.services.attachments import AttachmentInfo, format_size
from legalaid.services.workspace import Workspace
from ui.attachment_viewer import AttachmentViewer, image_from_bytes
from ui.messages import error_text
from ui.table_models import Index, InMemoryTableModel
from ui.unencrypted import ask_unencrypted_copy
from ui.worker import Call

logger = logging.getLogger(__name__)
INFO_ROLE = Qt.ItemDataRole.UserRole  # the row's AttachmentInfo
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


# --- seams the tests replace ---------------------------------------------------------------


def choose_files(parent: QWidget, chosen: Callable[[list[Path]], None]) -> None:
    """Ask for files to attach (several at once); `chosen` gets them if any were picked."""
    dialog = QFileDialog(parent, _("Attach files"))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.filesSelected.connect(lambda names: chosen([Path(name) for name in names]))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def choose_existing_file(
    parent: QWidget, title: str, name_filter: str, chosen: Callable[[Path], None]
) -> None:
    """Ask for a file to read, window-modal and never blocking; `chosen` gets its path."""
    dialog = QFileDialog(parent, title)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilter(name_filter)
    dialog.fileSelected.connect(lambda name: chosen(Path(name)))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def choose_save_path(parent: QWidget, suggested: str, chosen: Callable[[Path], None]) -> None:
    """Ask where to write the unencrypted copy; `chosen` gets the path if one was given."""
    dialog = QFileDialog(parent, _("Save an unencrypted copy"))
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(suggested)
    dialog.fileSelected.connect(lambda name: chosen(Path(name)))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


# --- texts ---------------------------------------------------------------------------------


def added_text(info: AttachmentInfo) -> str:
    local = info.added_at.astimezone()
    return f"{format_form_date(local.date())} {local:%H:%M}"


def refusal_text(file_name: str, error: BaseException) -> str:
    return _("{name}: {reason}").format(name=file_name, reason=error_text(error))


# --- the list --------------------------------------------------------------------------------


class AttachmentModel(InMemoryTableModel):
    """A record's attachments (a few dozen at most: held in memory, replaced as a whole)."""

    NAME, TYPE, SIZE, ADDED, WHO = range(5)
    HEADERS = (N_("File"), N_("Type"), N_("Size"), N_("Added"), N_("By"))

    def info_at(self, row: int) -> AttachmentInfo | None:
        info: AttachmentInfo | None = self.row_at(row)
        return info

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info = self.info_at(index.row())
        if info is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(info, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME:
            text = info.description or info.file_name
            if info.proceeding_id is not None:
                text += "\n" + _("A court document: the Court tab lists it with its proceeding.")
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == INFO_ROLE:
            return info
        if role == SORT_ROLE:
            return self._sort_key(info, column)
        return None

    def _display(self, info: AttachmentInfo, column: int) -> str:
        if column == self.NAME:
            return info.file_name
        if column == self.TYPE:
            return info.type_label
        if column == self.SIZE:
            return format_size(info.size)
        if column == self.ADDED:
            return added_text(info)
        if column == self.WHO:
            return info.added_by
        return ""

    def _sort_key(self, info: AttachmentInfo, column: int) -> Any:
        if column == self.SIZE:
            return info.size
        if column == self.ADDED:
            return info.added_at.timestamp()
        return self._display(info, column).casefold()


# --- the widget ------------------------------------------------------------------------------


class AttachmentsView(QWidget):
    """The attachments tab of a case or a person; with `court_documents`, the documents of
    one court proceeding of a case (in the case's Court tab: filed under the proceeding
    when added, and listed with the case's attachments as well)."""

    changed = Signal()  # an attachment was added or deleted (the count in a tab title moves)
    work_finished = Signal()  # a background job ended and its outcome is on screen

    def __init__(self, parent: QWidget | None = None, *, court_documents: bool = False) -> None:
        super().__init__(parent)
        self.court_documents = court_documents
        self.ws: Workspace | None = None
        self.owner: str | None = None
        self.owner_id: int | None = None
        self.proceeding_id: int | None = None  # court documents: the proceeding shown
        self.editable = False
        self._generation = 0  # bumped by clear(): a job's late answer is then ignored
        self._job: Call | None = None
        self._busy_text = ""
        # What the last action said: refusals (in red) and news; each part is rendered
        # again when the language changes.
        self._errors: list[Callable[[], str]] = []
        self._notices: list[Callable[[], str]] = []
        self.save_warning: QMessageBox | None = None
        self.delete_question: QMessageBox | None = None
        self.viewer = AttachmentViewer(self)

        self.model = AttachmentModel()
        self.list = QTableView()
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(False)
        self.list.verticalHeader().hide()
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(AttachmentModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((AttachmentModel.TYPE, 170), (AttachmentModel.SIZE, 80)):
            self.list.setColumnWidth(column, width)
        self.list.setColumnWidth(AttachmentModel.ADDED, 130)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no steps: it only says "working"
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(160)
        self.busy_label = QLabel()
        self.busy_row = QWidget()
        busy_layout = QHBoxLayout(self.busy_row)
        busy_layout.setContentsMargins(0, 0, 0, 0)
        busy_layout.addWidget(self.busy)
        busy_layout.addWidget(self.busy_label, 1)
        self.busy_row.hide()

        self.add_button = QPushButton()
        self.view_button = QPushButton()
        self.save_button = QPushButton()
        self.delete_button = QPushButton()
        # On a case's tab: file the chosen attachment under one of its court proceedings
        # (or take it out), so a decision scanned earlier joins the proceeding's documents.
        self.file_button = QPushButton()
        self.file_menu = QMenu(self.file_button)
        self.file_button.setMenu(self.file_menu)
        self.file_menu.aboutToShow.connect(self._fill_file_menu)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.view_button,
            self.save_button,
            self.delete_button,
            self.file_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.busy_row)
        layout.addWidget(self.notice)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)

        self.setAcceptDrops(True)
        self.list.setAcceptDrops(False)  # drops go to this widget, whichever child is hit
        self.list.viewport().setAcceptDrops(False)
        self.add_button.clicked.connect(self.ask_for_files)
        self.view_button.clicked.connect(self.view_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.list.doubleClicked.connect(lambda _index: self.view_selected())
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        self._update_buttons()
        self.retranslate_ui()

    # --- language ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        if self.court_documents:
            self._court_texts()
        else:
            self.add_button.setText(_("&Add files…"))
            self.add_button.setAccessibleName(_("Add files to the attachments"))
            self.view_button.setText(_("&View"))
            self.save_button.setText(_("&Save a copy…"))
            self.delete_button.setText(_("&Delete…"))
            self.list.setAccessibleName(_("Attachments"))
            self.hint.setText(
                _(
                    "Scans, photos, PDFs and office documents are kept encrypted in the vault. "
                    "Drop files here, or use Add files…"
                )
            )
            self.empty.setText(_("No attachments."))
        self.view_button.setAccessibleName(_("View the chosen attachment"))
        self.save_button.setAccessibleName(_("Save an unencrypted copy of the chosen attachment"))
        self.delete_button.setAccessibleName(_("Delete the chosen attachment"))
        self.file_button.setText(_("Court &proceeding"))
        self.file_button.setToolTip(_("File the chosen attachment under a court proceeding"))
        self.busy.setAccessibleName(_("Working"))
        self.busy_label.setText(_(self._busy_text) if self._busy_text else "")
        self.hint.setVisible(self.editable)
        self.model.retranslate()
        self._render_messages()
        self._update_buttons()

    def _court_texts(self) -> None:
        """The Court tab shares its Alt letters with the deadlines' buttons beside it: these
        use others, and Delete has none (it asks first, and is rarely the right move)."""
        self.add_button.setText(_("&Add documents…"))
        self.add_button.setAccessibleName(_("Add documents to the chosen proceeding"))
        self.view_button.setText(_("Vie&w"))
        self.save_button.setText(_("Save a cop&y…"))
        self.delete_button.setText(_("Delete…"))
        self.list.setAccessibleName(_("Documents of the chosen proceeding"))
        self.hint.setText(
            _(
                "Filings, decisions and summonses of this proceeding, kept encrypted in the "
                "vault and listed with the case's attachments too. Drop files here, or use "
                "Add documents…"
            )
        )
        self.empty.setText(
            _("No documents filed for this proceeding yet.")
            if self.proceeding_id is not None
            else _("Choose a proceeding to see its documents.")
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def tab_title(self) -> str:
        """ "Attachments" (or "Documents") with their number, for the tab holding this view."""
        count = self.model.rowCount()
        if self.court_documents:
            return _("Documents ({count})").format(count=count) if count else _("Documents")
        return _("Attachments ({count})").format(count=count) if count else _("Attachments")

    # --- loading -------------------------------------------------------------------------
    def show_owner(
        self, ws: Workspace, owner: str, owner_id: int, proceeding_id: int | None = None
    ) -> None:
        """Load the attachments of a case or a person (the caller has opened the record,
        which is audited), or a case's documents filed under `proceeding_id`; a refusal
        appears in the widget, not as an exception."""
        wanted = (ws, owner, owner_id, proceeding_id)
        if (self.ws, self.owner, self.owner_id, self.proceeding_id) != wanted:
            self.clear()
        self.ws, self.owner, self.owner_id = ws, owner, owner_id
        self.proceeding_id = proceeding_id
        try:
            self.editable = attachments.may_change(ws, owner, owner_id)
        except LegalAidError as error:
            self.editable = False
            self.model.clear()
            self._set_messages([partial(error_text, error)])
            self._update_buttons()
            self.retranslate_ui()
            return
        self.retranslate_ui()
        self.reload()

    def reload(self) -> None:
        """Read the list again; the chosen attachment stays chosen while it exists."""
        if self.ws is None or self.owner is None or self.owner_id is None:
            return
        chosen = self.selected()
        try:
            rows = attachments.list_attachments(
                self.ws, self.owner, self.owner_id, self.proceeding_id
            )
        except LegalAidError as error:
            self.model.clear()
            self._set_messages([partial(error_text, error)])
        else:
            self.model.set_rows(rows)
            ids = [row.id for row in rows]
            if chosen is not None and chosen.id in ids:
                self.list.selectRow(ids.index(chosen.id))
        self._update_buttons()

    def clear(self) -> None:
        """Forget the record: names, the viewer and its content, open questions, messages.
        A job still running finishes, but what it brings back is dropped."""
        self._generation += 1
        self._job = None
        self._set_busy("")
        self.ws = self.owner = self.owner_id = self.proceeding_id = None
        self.editable = False
        self.model.clear()
        self._set_messages([])
        for box in (self.save_warning, self.delete_question):
            if box is not None:
                box.close()
        self.save_warning = self.delete_question = None
        self.viewer.clear()
        self.retranslate_ui()

    # --- state ---------------------------------------------------------------------------
    def selected(self) -> AttachmentInfo | None:
        rows = self.list.selectionModel().selectedRows()
        return self.model.info_at(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.list.selectRow(row)

    @property
    def busy_now(self) -> bool:
        return self._job is not None

    def _info_by_id(self, attachment_id: int) -> AttachmentInfo | None:
        for row in range(self.model.rowCount()):
            info = self.model.info_at(row)
            if info is not None and info.id == attachment_id:
                return info
        return None

    def _selection_changed(self, *_args: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected()
        idle = self._job is None
        # Court documents are filed under a proceeding: none chosen, nothing to add to.
        loaded = self.ws is not None and not (self.court_documents and self.proceeding_id is None)
        self.add_button.setVisible(self.editable)
        self.delete_button.setVisible(self.editable)
        self.add_button.setEnabled(idle and loaded)
        self.view_button.setEnabled(idle and chosen is not None and chosen.viewable is not None)
        self.view_button.setToolTip(
            _("Only images and PDFs can be shown here; save a copy to open other files.")
            if chosen is not None and chosen.viewable is None
            else ""
        )
        self.save_button.setEnabled(idle and chosen is not None)
        self.delete_button.setEnabled(idle and chosen is not None)
        self.file_button.setVisible(
            self.editable and self.owner == "case" and not self.court_documents
        )
        self.file_button.setEnabled(idle and chosen is not None)
        has_rows = self.model.rowCount() > 0
        self.list.setVisible(has_rows)
        self.empty.setVisible(loaded and not has_rows)

    def _set_messages(
        self, errors: list[Callable[[], str]], notices: list[Callable[[], str]] | None = None
    ) -> None:
        self._errors, self._notices = errors, notices or []
        self._render_messages()

    def _render_messages(self) -> None:
        for label, parts in ((self.message, self._errors), (self.notice, self._notices)):
            text = "\n".join(part() for part in parts)
            label.setText(text)
            label.setVisible(bool(text))

    def _set_busy(self, text: str) -> None:
        """`text` is a msgid (translated now and again on a language change); "" ends it."""
        self._busy_text = text
        self.busy_label.setText(_(text) if text else "")
        self.busy_row.setVisible(bool(text))
        self._update_buttons()

    def _run(self, busy_text: str, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """One job at a time, off the GUI thread; its answer is used only if nothing was
        cleared meanwhile."""
        generation = self._generation
        job = Call(work, self)

        def finished(result: Any, failed: bool) -> None:
            job.deleteLater()
            if failed and not isinstance(result, LegalAidError):
                logger.warning("attachment job failed: %s", type(result).__name__)
            if generation != self._generation:
                return  # locked or another record opened meanwhile
            self._job = None
            self._set_busy("")
            if failed:
                self._set_messages([partial(error_text, result)])
            else:
                done(result)
            self.work_finished.emit()

        job.done.connect(lambda result: finished(result, False))
        job.failed.connect(lambda error: finished(error, True))
        self._job = job
        self._set_busy(busy_text)
        job.start()

    # --- filing under a court proceeding -------------------------------------------------
    def _fill_file_menu(self) -> None:
        from legalaid.services import proceedings  # noqa: PLC0415 - only a case's tab needs it

        self.file_menu.clear()
        chosen = self.selected()
        if self.ws is None or self.owner_id is None or chosen is None:
            return
        try:
            found = proceedings.case_proceedings(self.ws, self.owner_id)
        except LegalAidError as error:
            self._set_messages([partial(error_text, error)])
            return
        none = self.file_menu.addAction(_("Not a court document"))
        none.setCheckable(True)
        none.setChecked(chosen.proceeding_id is None)
        none.triggered.connect(lambda: self.file_under(None))
        for info in found:
            label = " · ".join(p for p in (info.court, info.court_number) if p)
            action = self.file_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(chosen.proceeding_id == info.id)
            action.triggered.connect(lambda _c=False, pid=info.id: self.file_under(pid))
        if not found:
            empty = self.file_menu.addAction(_("This case has no court proceeding yet."))
            empty.setEnabled(False)

    def file_under(self, proceeding_id: int | None) -> None:
        """File the chosen attachment under the proceeding (None: take it out)."""
        chosen = self.selected()
        if self.ws is None or chosen is None:
            return
        try:
            attachments.file_attachment(self.ws, chosen.id, proceeding_id)
        except LegalAidError as error:
            self._set_messages([partial(error_text, error)])
            return
        self._set_messages([])
        self.reload()
        self.changed.emit()

    # --- adding --------------------------------------------------------------------------
    def ask_for_files(self) -> None:
        if self.editable and self._job is None:
            choose_files(self, self.add_files)

    def add_files(self, paths: Sequence[Path]) -> None:
        """Read and store the files off the GUI thread; each refused one is named with its
        reason, the others are added."""
        ws, owner, owner_id = self.ws, self.owner, self.owner_id
        if ws is None or owner is None or owner_id is None or not paths or self._job is not None:
            return
        if self.court_documents and self.proceeding_id is None:
            return  # no proceeding chosen: nowhere to file them
        chosen = [Path(path) for path in paths]
        proceeding_id = self.proceeding_id

        def work() -> list[tuple[str, BaseException | None]]:
            outcomes: list[tuple[str, BaseException | None]] = []
            for path in chosen:
                try:
                    attachments.add_attachment_from_file(
                        ws, owner, owner_id, path, proceeding_id=proceeding_id
                    )
                except LegalAidError as error:
                    outcomes.append((path.name, error))
                else:
                    outcomes.append((path.name, None))
            return outcomes

        self._set_messages([])
        self._run(N_("Adding files…"), work, self._added)

    def _added(self, outcomes: list[tuple[str, BaseException | None]]) -> None:
        refused = [(name, error) for name, error in outcomes if error is not None]
        added = len(outcomes) - len(refused)
        notices: list[Callable[[], str]] = []
        if added and refused:
            notices.append(
                lambda: ngettext("{count} file added.", "{count} files added.", added).format(
                    count=added
                )
            )
        self._set_messages([partial(refusal_text, name, error) for name, error in refused], notices)
        self.reload()
        if added:
            self.changed.emit()

    # --- drag and drop ---------------------------------------------------------------------
    def _dropped_paths(self, event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        data = event.mimeData()
        if data is None or not data.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]

    def _accepts_drops(self) -> bool:
        return self.add_button.isEnabled() and self.editable and self._job is None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt name
        if self._accepts_drops() and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt name
        if self._accepts_drops() and self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt name
        paths = self._dropped_paths(event)
        if not (self._accepts_drops() and paths):
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    # --- viewing ---------------------------------------------------------------------------
    def view_selected(self) -> None:
        info = self.selected()
        if self.ws is None or info is None or self._job is not None:
            return
        if info.viewable is None:
            self._set_messages(
                [],
                [lambda: _("This kind of file cannot be shown here. Use Save a copy… to open it.")],
            )
            return
        ws, attachment_id, kind = self.ws, info.id, info.viewable

        def work() -> tuple[AttachmentInfo, bytes, Any]:
            opened, data = attachments.open_attachment(ws, attachment_id)
            # Decoding an image is the slow part: done here, off the GUI thread.
            return opened, data, image_from_bytes(data) if kind == "image" else None

        self._set_messages([])
        self._run(N_("Opening the file…"), work, self._opened)

    def _opened(self, result: tuple[AttachmentInfo, bytes, Any]) -> None:
        info, data, image = result
        if self.viewer.isVisible():
            self.viewer.raise_()  # already open behind the main window: to the front
        if info.viewable == "image":
            self.viewer.show_image(info, image)
        else:
            self.viewer.show_pdf(info, data)
        self.viewer.show()
        self.viewer.activateWindow()

    # --- saving a copy -------------------------------------------------------------------
    def save_selected(self) -> None:
        """Warn first (the copy is not encrypted); only then ask where to write it."""
        info = self.selected()
        if self.ws is None or info is None or self._job is not None:
            return
        if self.save_warning is not None:
            self.save_warning.raise_()
            return
        attachment_id = info.id
        box = ask_unencrypted_copy(self, lambda: self._save_answered(attachment_id, True))
        box.finished.connect(self._save_warning_gone)
        self.save_warning = box

    def _save_warning_gone(self) -> None:
        self.save_warning = None

    def _save_answered(self, attachment_id: int, confirmed: bool) -> None:
        info = self._info_by_id(attachment_id)
        if not confirmed or info is None or self.ws is None:
            return
        generation = self._generation
        choose_save_path(
            self,
            attachments.suggested_name(info),
            lambda path: self._export(attachment_id, path, generation),
        )

    def _export(self, attachment_id: int, target: Path, generation: int) -> None:
        ws = self.ws
        if ws is None or generation != self._generation or self._job is not None:
            return

        def work() -> AttachmentInfo:
            return attachments.export_attachment(
                ws, attachment_id, target, confirm_unencrypted=True
            )

        self._set_messages([])
        self._run(N_("Saving the copy…"), work, self._exported)

    def _exported(self, _info: AttachmentInfo) -> None:
        self._set_messages(
            [],
            [lambda: _("The copy was saved. It is not encrypted: delete it when it is done with.")],
        )

    # --- deleting ------------------------------------------------------------------------
    def delete_selected(self) -> None:
        info = self.selected()
        if self.ws is None or info is None or not self.editable or self._job is not None:
            return
        if self.delete_question is not None:
            self.delete_question.raise_()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Legal Aid Desk"),
            _("Delete the attachment “{name}”?").format(name=info.file_name),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(_("It is erased from the vault and cannot be brought back."))
        box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        attachment_id = info.id
        box.buttonClicked.connect(
            lambda button: self._delete_answered(
                attachment_id, box.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole
            )
        )
        box.finished.connect(self._delete_question_gone)
        self.delete_question = box
        box.open()

    def _delete_question_gone(self) -> None:
        self.delete_question = None

    def _delete_answered(self, attachment_id: int, confirmed: bool) -> None:
        ws = self.ws
        if not confirmed or ws is None or self._job is not None:
            return
        if self.viewer.info is not None and self.viewer.info.id == attachment_id:
            self.viewer.clear()

        def work() -> None:
            attachments.delete_attachment(ws, attachment_id)

        self._set_messages([])
        self._run(N_("Deleting…"), work, self._deleted)

    def _deleted(self, _result: None) -> None:
        self.reload()
        self.changed.emit()

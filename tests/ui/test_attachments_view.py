"""The attachments tab: add through the file chooser or by dropping files, view images and
PDFs from memory, save a copy only after the warning, delete after asking, forget all."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.make_vault import CANARY, OTHER_PASSPHRASE
from helpers.records import case_for, person
from PySide6.QtCore import QBuffer, QEvent, QIODevice, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from legalaid import i18n
from legalaid.domain.enums import Role
from legalaid.services import accounts, attachments
from legalaid.services.workspace import Workspace
from ui import attachments_view
from ui.attachments_view import AttachmentModel, AttachmentsView

# --- files made here ---------------------------------------------------------------------


def png_bytes(width: int = 64, height: int = 48, colour: str = "#c03030") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def pdf_bytes(pages: int = 3) -> bytes:
    """Pages numbered in text; the second one painted black all over (easy to tell apart)."""
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    for number in range(1, pages + 1):
        if number == 2:
            document.rect(0, 0, width, height, stroke=0, fill=1)
        document.drawString(72, height - 72, f"Page {number}")
        document.showPage()
    document.save()
    return buffer.getvalue()


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def case_id(workspace: Workspace) -> int:
    client = person(workspace, "Өмүрбекова", "Айгүл")
    return case_for(workspace, client).id


@pytest.fixture
def view(qtbot: QtBot, workspace: Workspace, case_id: int) -> AttachmentsView:
    widget = AttachmentsView()
    qtbot.addWidget(widget)
    widget.resize(800, 500)
    widget.show()
    widget.show_owner(workspace, "case", case_id)
    return widget


def _files(folder: Path, **contents: bytes) -> list[Path]:
    """Files in `folder`, named by the keywords ("letter__pdf" is letter.pdf)."""
    folder.mkdir(exist_ok=True)
    paths = []
    for name, data in contents.items():
        path = folder / name.replace("__", ".")
        path.write_bytes(data)
        paths.append(path)
    return paths


def _wait_for_work(qtbot: QtBot, view: AttachmentsView, action: Callable[[], None]) -> None:
    with qtbot.waitSignal(view.work_finished, timeout=10_000):
        action()


def _texts(view: AttachmentsView, row: int) -> list[str]:
    model = view.model
    return [model.index(row, column).data() for column in range(model.columnCount())]


def _click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def _drop(view: AttachmentsView, paths: list[Path]) -> QDropEvent:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, drop)
    return drop


def _button(box: QMessageBox, role: QMessageBox.ButtonRole) -> object:
    return next(b for b in box.buttons() if box.buttonRole(b) == role)


# --- tests -------------------------------------------------------------------------------------


def test_the_model_passes_the_model_tester(
    qtmodeltester: object, workspace: Workspace, case_id: int
) -> None:
    attachments.add_attachment(workspace, "case", case_id, "a.png", png_bytes())
    attachments.add_attachment(workspace, "case", case_id, "b.txt", b"notes")
    model = AttachmentModel()
    model.set_rows(attachments.list_attachments(workspace, "case", case_id))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2


def test_files_chosen_with_add_are_stored_and_listed(
    qtbot: QtBot,
    view: AttachmentsView,
    workspace: Workspace,
    case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scan = tmp_path / "Скан паспорта.png"
    scan.write_bytes(png_bytes())
    asked: list[object] = []

    def choose(parent: object, chosen: Callable[[list[Path]], None]) -> None:
        asked.append(parent)
        chosen([scan])

    monkeypatch.setattr(attachments_view, "choose_files", choose)
    assert view.add_button.isVisible() and view.empty.isVisible()
    assert view.list.accessibleName() == "Attachments"
    _wait_for_work(qtbot, view, lambda: _click(qtbot, view.add_button))
    assert asked == [view]
    assert view.model.rowCount() == 1
    name, kind, size, added, who = _texts(view, 0)
    assert (name, kind, who) == ("Скан паспорта.png", "Image (PNG)", "Test Coordinator")
    assert size == attachments.format_size(len(png_bytes()))
    assert added and not view.busy_row.isVisible()
    assert view.tab_title() == "Attachments (1)"
    stored = attachments.list_attachments(workspace, "case", case_id)
    assert [a.file_name for a in stored] == ["Скан паспорта.png"]
    assert view.list.isVisible() and not view.empty.isVisible()


def test_the_work_runs_off_the_gui_thread_with_a_busy_bar(
    qtbot: QtBot, view: AttachmentsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    threads: list[threading.Thread] = []
    real = attachments.add_attachment_from_file

    def spy(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(attachments, "add_attachment_from_file", spy)
    (path,) = _files(tmp_path / "in", a__txt=b"hello")
    with qtbot.waitSignal(view.work_finished, timeout=10_000):
        view.add_files([path])
        assert view.busy_row.isVisible() and view.busy_label.text() == "Adding files…"
        assert not view.add_button.isEnabled()
    assert threads and threads[0] is not threading.main_thread()
    assert not view.busy_row.isVisible() and view.add_button.isEnabled()


def test_dropped_files_are_each_checked_and_the_good_ones_added(
    qtbot: QtBot, view: AttachmentsView, workspace: Workspace, case_id: int, tmp_path: Path
) -> None:
    good_pdf, empty, good_png = _files(
        tmp_path / "in", letter__pdf=pdf_bytes(), empty__txt=b"", photo__png=png_bytes()
    )
    with qtbot.waitSignal(view.work_finished, timeout=10_000):
        drop = _drop(view, [good_pdf, empty, good_png])
    assert drop.isAccepted()
    names = sorted(_texts(view, row)[0] for row in range(view.model.rowCount()))
    assert names == ["letter.pdf", "photo.png"]
    assert view.message.isVisible() and view.notice.isVisible()
    assert view.message.text() == "empty.txt: The file is empty."
    assert view.notice.text() == "2 files added."
    assert len(attachments.list_attachments(workspace, "case", case_id)) == 2


def test_a_pdf_is_viewed_page_by_page_from_memory(
    qtbot: QtBot, view: AttachmentsView, workspace: Workspace, case_id: int
) -> None:
    attachments.add_attachment(workspace, "case", case_id, "decision.pdf", pdf_bytes(3))
    view.reload()
    view.select_row(0)
    assert view.view_button.isEnabled()
    _wait_for_work(qtbot, view, lambda: _click(qtbot, view.view_button))
    viewer = view.viewer
    assert viewer.isVisible() and viewer.kind == "pdf"
    assert viewer.windowTitle() == "Attachment"  # never the file's name
    assert "decision.pdf" in viewer.name_label.text()
    assert viewer.page_count == 3 and viewer.page_index == 0
    first = viewer.shown_image()
    assert not first.isNull() and first.width() > 100
    centre = QPoint(first.width() // 2, first.height() // 2)
    assert first.pixelColor(centre).lightness() > 200  # page 1 is white
    assert not viewer.previous_button.isEnabled() and viewer.next_button.isEnabled()
    _click(qtbot, viewer.next_button)
    second = viewer.shown_image()
    assert viewer.page_index == 1 and viewer.page_spin.value() == 2
    assert not second.isNull()
    assert second.pixelColor(second.width() // 2, second.height() // 2).lightness() < 50
    viewer.page_spin.setValue(3)
    assert viewer.page_index == 2 and not viewer.next_button.isEnabled()
    width = viewer.shown_image().width()
    _click(qtbot, viewer.zoom_in_button)
    assert viewer.shown_image().width() > width
    assert viewer.page_label.text() == "of 3"


def test_an_image_is_viewed_and_zoomed(
    qtbot: QtBot, view: AttachmentsView, workspace: Workspace, case_id: int
) -> None:
    attachments.add_attachment(workspace, "case", case_id, "photo.jpg", png_bytes(64, 48))
    view.reload()
    assert _texts(view, 0)[1] == "Image (PNG)"  # what the bytes are, not the name
    view.select_row(0)
    _wait_for_work(qtbot, view, view.view_selected)
    viewer = view.viewer
    assert viewer.kind == "image" and viewer.page_count == 1
    image = viewer.shown_image()
    assert (image.width(), image.height()) == (64, 48)
    assert image.pixelColor(10, 10) == QColor("#c03030")
    assert not viewer.pages.isVisible()
    _click(qtbot, viewer.actual_size_button)
    pixmap_width = viewer.canvas.pixmap().width()
    _click(qtbot, viewer.zoom_in_button)
    assert viewer.canvas.pixmap().width() > pixmap_width


def test_a_damaged_pdf_says_so_in_the_viewer(
    qtbot: QtBot, view: AttachmentsView, workspace: Workspace, case_id: int
) -> None:
    attachments.add_attachment(workspace, "case", case_id, "bad.pdf", b"%PDF-1.4\ngarbage\n")
    view.reload()
    view.select_row(0)
    _wait_for_work(qtbot, view, view.view_selected)
    assert view.viewer.isVisible() and view.viewer.message.isVisible()
    assert "cannot be shown here" in view.viewer.message.text()
    assert view.viewer.shown_image().isNull()


def test_other_types_are_not_viewed_inside(
    qtbot: QtBot, view: AttachmentsView, workspace: Workspace, case_id: int
) -> None:
    attachments.add_attachment(workspace, "case", case_id, "a.bin", bytes(range(256)))
    view.reload()
    view.select_row(0)
    assert _texts(view, 0)[1] == "Other file"
    assert not view.view_button.isEnabled() and view.save_button.isEnabled()
    assert "save a copy" in view.view_button.toolTip()
    view.view_selected()
    assert "cannot be shown here" in view.notice.text()
    assert not view.viewer.isVisible()


def test_a_copy_is_saved_only_after_the_warning(
    qtbot: QtBot,
    view: AttachmentsView,
    workspace: Workspace,
    case_id: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content = b"{\\rtf1 letter}"
    attachments.add_attachment(workspace, "case", case_id, "letter", content)
    out = tmp_path / "out"
    out.mkdir()
    asked: list[str] = []

    def choose(parent: object, suggested: str, chosen: Callable[[Path], None]) -> None:
        asked.append(suggested)
        chosen(out / suggested)

    monkeypatch.setattr(attachments_view, "choose_save_path", choose)
    view.reload()
    view.select_row(0)

    _click(qtbot, view.save_button)  # first time: turned down
    box = view.save_warning
    assert box is not None and box.isVisible()
    assert "NOT encrypted" in box.text()
    assert asked == [] and list(out.iterdir()) == []
    _click(qtbot, _button(box, QMessageBox.ButtonRole.RejectRole))
    assert view.save_warning is None
    assert asked == [] and list(out.iterdir()) == []

    _click(qtbot, view.save_button)  # second time: accepted
    box = view.save_warning
    assert box is not None
    with qtbot.waitSignal(view.work_finished, timeout=10_000):
        _click(qtbot, _button(box, QMessageBox.ButtonRole.AcceptRole))
    assert asked == ["letter.rtf"]
    assert (out / "letter.rtf").read_bytes() == content
    assert "not encrypted" in view.notice.text() and not view.message.isVisible()


def test_delete_asks_first(
    qtbot: QtBot, view: AttachmentsView, workspace: Workspace, case_id: int
) -> None:
    attachments.add_attachment(workspace, "case", case_id, "a.txt", b"a")
    view.reload()
    view.select_row(0)
    _click(qtbot, view.delete_button)
    box = view.delete_question
    assert box is not None and "a.txt" in box.text()
    _click(qtbot, _button(box, QMessageBox.ButtonRole.RejectRole))
    assert view.model.rowCount() == 1
    _click(qtbot, view.delete_button)
    box = view.delete_question
    assert box is not None
    with qtbot.waitSignal(view.changed, timeout=10_000):
        _click(qtbot, _button(box, QMessageBox.ButtonRole.DestructiveRole))
    assert view.model.rowCount() == 0 and view.empty.isVisible()
    assert attachments.list_attachments(workspace, "case", case_id) == []


def test_clear_forgets_everything(
    qtbot: QtBot, view: AttachmentsView, workspace: Workspace, case_id: int
) -> None:
    attachments.add_attachment(workspace, "case", case_id, f"{CANARY}.pdf", pdf_bytes(2))
    view.reload()
    view.select_row(0)
    _wait_for_work(qtbot, view, view.view_selected)
    assert view.viewer.isVisible()
    view.save_selected()  # a question open when the lock comes...
    warning = view.save_warning
    assert warning is not None and warning.isVisible()
    view.view_selected()  # ...and a job running
    assert view.busy_now
    view.clear()
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)  # let the job's late answer arrive: it must be dropped
    assert view.model.rowCount() == 0 and view.ws is None
    assert not view.viewer.isVisible() and view.viewer.info is None
    assert view.viewer.shown_image().isNull() and view.viewer.canvas.pixmap().isNull()
    assert view.viewer.name_label.text() == "" and view.viewer.page_count == 0
    assert view.save_warning is None and not warning.isVisible()
    assert not view.message.isVisible() and not view.notice.isVisible()
    assert not view.busy_row.isVisible()
    assert not view.add_button.isVisible()
    shown = [w.text() for w in view.findChildren(QMessageBox) if w.isVisible()]
    assert shown == []


def test_a_lawyer_of_another_case_reads_but_cannot_add_or_drop(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    accounts.add_account(workspace, "lawyer1", "Бакыт Асанов", Role.LAWYER, OTHER_PASSPHRASE)
    accounts.add_account(workspace, "lawyer2", "Нурлан Жээнбеков", Role.LAWYER, OTHER_PASSPHRASE)
    client = person(workspace, "Өмүрбекова", "Айгүл")
    theirs = case_for(workspace, client, assigned_lawyer="lawyer1")
    attachments.add_attachment(workspace, "case", theirs.id, "a.txt", b"a")
    info = next(a for a in accounts.list_accounts(workspace) if a.login == "lawyer2")
    lawyer2 = Workspace(workspace.vault, info)
    widget = AttachmentsView()
    qtbot.addWidget(widget)
    widget.show()
    widget.show_owner(lawyer2, "case", theirs.id)
    assert widget.model.rowCount() == 1
    assert not widget.add_button.isVisible() and not widget.delete_button.isVisible()
    (path,) = _files(tmp_path / "in", b__txt=b"b")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    assert not enter.isAccepted()


def test_a_monitor_gets_the_refusal_in_the_widget(
    qtbot: QtBot, workspace: Workspace, case_id: int
) -> None:
    accounts.add_account(workspace, "monitor1", "Гүлнара", Role.MONITOR, OTHER_PASSPHRASE)
    info = next(a for a in accounts.list_accounts(workspace) if a.login == "monitor1")
    widget = AttachmentsView()
    qtbot.addWidget(widget)
    widget.show()
    widget.show_owner(Workspace(workspace.vault, info), "case", case_id)
    assert widget.message.text() == "Your role does not allow this action."
    assert widget.model.rowCount() == 0 and not widget.add_button.isVisible()


class _Marked(gettext.NullTranslations):
    """A stand-in Russian catalog that marks every text it translates."""

    def gettext(self, message: str) -> str:
        return f"[ru] {message}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"[ru] {singular if n == 1 else plural}"


def test_texts_follow_the_language(
    qtbot: QtBot,
    view: AttachmentsView,
    workspace: Workspace,
    case_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attachments.add_attachment(workspace, "case", case_id, "a.txt", b"x" * 1536)
    view.reload()
    view.select_row(0)
    assert _texts(view, 0)[1:3] == ["Plain text", "1.5 kB"]
    monkeypatch.setitem(i18n._catalogs, "ru", _Marked())
    i18n.set_language("ru")
    for widget in (view, view.viewer):
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert _texts(view, 0)[1:3] == ["[ru] Plain text", "1,5 кБ"]
    header = view.model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "[ru] File"
    viewer = view.viewer
    for text in (
        view.add_button.text(),
        view.view_button.text(),
        view.save_button.text(),
        view.delete_button.text(),
        view.add_button.accessibleName(),
        view.list.accessibleName(),
        view.hint.text(),
        view.tab_title(),
        viewer.windowTitle(),
        viewer.close_button.text(),
        viewer.next_button.text(),
        viewer.zoom_in_button.text(),
        viewer.fit_button.text(),
        viewer.page_spin.accessibleName(),
    ):
        assert text.startswith("[ru] "), text


def test_the_real_file_choosers_open_without_blocking(
    qtbot: QtBot, view: AttachmentsView, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog

    picked: list[object] = []
    attachments_view.choose_files(view, picked.append)
    attachments_view.choose_save_path(view, "letter.pdf", picked.append)
    dialogs = [d for d in view.findChildren(QFileDialog) if d.isVisible()]
    assert len(dialogs) == 2  # both returned at once: nothing waits in a nested loop
    opener, saver = dialogs
    assert opener.fileMode() == QFileDialog.FileMode.ExistingFiles
    assert saver.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert saver.selectedFiles()[0].endswith("letter.pdf")
    for dialog in dialogs:
        dialog.reject()
    assert picked == []

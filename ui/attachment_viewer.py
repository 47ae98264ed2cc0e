"""The in-app viewer of an attachment: an image, or a PDF page by page, shown from memory.

Nothing is written to disk to show a file: an image is decoded from its bytes
(`QImage.loadFromData`, done by the caller off the GUI thread), a PDF is opened from its
bytes by PDFium (pypdfium2) and one page at a time is rendered into a QImage (the document
is opened for each page and closed at once: no PDFium object is left open between pages). The window
title never names the file (window titles reach task switchers and screen readers of
whoever sits at the PC next); the name is shown inside the window. `clear()` (at a lock)
closes the document, drops the bytes and the picture and hides the window.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from legalaid.i18n import _
from legalaid.services.attachments import AttachmentInfo, format_size
from ui.pdf_pages import POINTS_PER_INCH, render_page

ZOOM_STEP = 1.25
ZOOM_MIN = 0.1
ZOOM_MAX = 8.0
MAX_RENDER_PIXELS = 40_000_000  # a page rendered larger than this is rendered smaller


def image_from_bytes(data: bytes) -> QImage:
    """Decode an image from memory (safe off the GUI thread); a null QImage if it fails."""
    image = QImage()
    image.loadFromData(data)
    return image


class AttachmentViewer(QDialog):
    """A window beside the main one (not modal). `show_image` or `show_pdf` fill it."""

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        self.setModal(False)
        self.resize(900, 700)
        self.info: AttachmentInfo | None = None
        self.kind: str | None = None  # "image" | "pdf" | None
        self._data: bytes | None = None  # the PDF's bytes while it is shown
        self._page_sizes: list[tuple[float, float]] = []  # the PDF's pages, in points
        self._source = QImage()  # the image, or the current page as rendered
        self._page = 0
        self._zoom: float | None = None  # None: fit to the window

        self.name_label = QLabel()
        self.name_label.setObjectName("title")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.canvas = QLabel()
        self.canvas.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.area = QScrollArea()
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area.setWidget(self.canvas)
        self.area.viewport().installEventFilter(self)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()

        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.page_label = QLabel()
        self.zoom_out_button = QPushButton()
        self.zoom_in_button = QPushButton()
        self.fit_button = QPushButton()
        self.actual_size_button = QPushButton()
        self.zoom_label = QLabel()
        self.close_button = QPushButton()
        self.pages = QWidget()
        page_row = QHBoxLayout(self.pages)
        page_row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.page_spin, self.page_label, self.next_button):
            page_row.addWidget(widget)
        tools = QHBoxLayout()
        tools.addWidget(self.pages)
        tools.addStretch(1)
        for widget in (
            self.zoom_out_button,
            self.zoom_label,
            self.zoom_in_button,
            self.fit_button,
            self.actual_size_button,
        ):
            tools.addWidget(widget)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addLayout(tools)
        layout.addWidget(self.message)
        layout.addWidget(self.area, 1)
        layout.addLayout(bottom)

        self.previous_button.clicked.connect(lambda: self.go_to_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self._page + 1))
        self.page_spin.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_button.clicked.connect(self.fit_to_window)
        self.actual_size_button.clicked.connect(lambda: self.set_zoom(1.0))
        self.close_button.clicked.connect(self.close)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence("Ctrl+0"), self.fit_to_window),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go_to_page(self._page + 1)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go_to_page(self._page - 1)),
        ):
            QShortcut(keys, self, slot)
        self._refit = QTimer(self)  # re-render a fitted PDF page once resizing settles
        self._refit.setSingleShot(True)
        self._refit.setInterval(80)
        self._refit.timeout.connect(self._show_current)
        self._controls()
        self.retranslate_ui()

    # --- language ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Attachment"))  # never the file's name
        self.previous_button.setText(_("&Previous page"))
        self.next_button.setText(_("&Next page"))
        self.page_spin.setAccessibleName(_("Page number"))
        self.zoom_in_button.setText(_("Zoom in"))
        self.zoom_out_button.setText(_("Zoom out"))
        self.fit_button.setText(_("Fit to window"))
        self.actual_size_button.setText(_("Actual size"))
        self.close_button.setText(_("Close"))
        self.canvas.setAccessibleName(_("The attachment's content"))
        self.area.setAccessibleName(_("The attachment's content"))
        self._describe()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _describe(self) -> None:
        info = self.info
        self.name_label.setText(
            f"{info.file_name} · {info.type_label} · {format_size(info.size)}" if info else ""
        )
        self.page_label.setText(
            _("of {count}").format(count=self.page_count) if self.kind == "pdf" else ""
        )
        self.zoom_label.setText(
            _("Fitted") if self._zoom is None else f"{round(self._zoom * 100)} %"
        )
        self.zoom_label.setAccessibleName(_("Zoom"))

    # --- what is shown -------------------------------------------------------------------
    @property
    def is_pdf(self) -> bool:
        return self._data is not None

    @property
    def page_count(self) -> int:
        return len(self._page_sizes) if self.is_pdf else (1 if self.kind else 0)

    @property
    def page_index(self) -> int:
        return self._page

    def shown_image(self) -> QImage:
        """The picture behind what is on screen (the image, or the rendered page)."""
        return self._source

    def show_image(self, info: AttachmentInfo, image: QImage) -> bool:
        """Show a decoded image; False (and a message) when it could not be decoded."""
        self.clear(hide=False)
        self.info, self.kind = info, "image"
        if image.isNull():
            return self._cannot_show()
        self._source = image
        self._show_current()
        return True

    def show_pdf(self, info: AttachmentInfo, data: bytes) -> bool:
        """Open a PDF from its bytes and show its first page; False (and a message) when
        PDFium cannot open it (damaged, or protected by a password)."""
        self.clear(hide=False)
        self.info, self.kind = info, "pdf"
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return self._cannot_show()
        try:
            sizes = [document.get_page_size(index) for index in range(len(document))]
        finally:
            document.close()
        if not sizes:
            return self._cannot_show()
        self._data, self._page_sizes = data, sizes
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(len(sizes))
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self._show_current()
        return True

    def _cannot_show(self) -> bool:
        self._forget_pdf()
        self._source = QImage()
        self.canvas.clear()
        self.message.setText(
            _(
                "This file cannot be shown here: it may be damaged or protected by a password. "
                "Save a copy to open it with another program."
            )
        )
        self.message.show()
        self._controls()
        return False

    def go_to_page(self, index: int) -> None:
        if not self.is_pdf or not 0 <= index < len(self._page_sizes):
            return
        self._page = index
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(index + 1)
        self.page_spin.blockSignals(False)
        self._show_current()

    # --- zoom ----------------------------------------------------------------------------
    def set_zoom(self, zoom: float | None) -> None:
        self._zoom = None if zoom is None else min(ZOOM_MAX, max(ZOOM_MIN, zoom))
        self._show_current()

    def zoom_in(self) -> None:
        self.set_zoom(self._effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._effective_zoom() / ZOOM_STEP)

    def fit_to_window(self) -> None:
        self.set_zoom(None)

    def _page_size(self) -> tuple[float, float]:
        """The current page's size in pixels at 100 % (PDF points at the screen's dpi)."""
        if self.is_pdf:
            width, height = self._page_sizes[self._page]
            dots = self.logicalDpiX() / POINTS_PER_INCH
            return width * dots, height * dots
        return float(self._source.width()), float(self._source.height())

    def _effective_zoom(self) -> float:
        if self._zoom is not None:
            return self._zoom
        width, height = self._page_size()
        if width <= 0 or height <= 0:
            return 1.0
        room = self.area.viewport().size()
        margin = 4
        fit_width = max(1, room.width() - margin) / width
        if self.kind == "pdf":
            # A page is read across its width and scrolled down: leave room for the bar.
            if not self.area.verticalScrollBar().isVisible() and fit_width * height > room.height():
                bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
                fit_width = max(1, room.width() - margin - bar) / width
            return fit_width
        fit_all = min(fit_width, max(1, room.height() - margin) / height)
        return min(1.0, fit_all)  # a photo is shown whole, never blown up

    def _render_page(self, zoom: float) -> QImage:
        width, height = self._page_size()
        scale = zoom * self.logicalDpiX() / POINTS_PER_INCH
        pixels = width * zoom * height * zoom
        if pixels > MAX_RENDER_PIXELS:
            scale *= (MAX_RENDER_PIXELS / pixels) ** 0.5
        return render_page(self._data, self._page, scale) if self._data else QImage()

    def _show_current(self) -> None:
        if self.kind is None or (not self.is_pdf and self._source.isNull()):
            self._controls()
            return
        zoom = self._effective_zoom()
        if self.is_pdf:
            self._source = self._render_page(zoom)
            pixmap = QPixmap.fromImage(self._source)
        else:
            size = self._source.size() * zoom
            pixmap = QPixmap.fromImage(
                self._source.scaled(
                    size,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.canvas.setPixmap(pixmap)
        self.canvas.resize(pixmap.size())
        self._controls()

    def _controls(self) -> None:
        is_pdf = self.is_pdf
        self.pages.setVisible(is_pdf)
        self.previous_button.setEnabled(is_pdf and self._page > 0)
        self.next_button.setEnabled(is_pdf and self._page < self.page_count - 1)
        showing = not self._source.isNull()
        for button in (
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_button,
            self.actual_size_button,
        ):
            button.setEnabled(showing)
        self._describe()

    # --- events --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.area.viewport():
            if event.type() == QEvent.Type.Resize and self._zoom is None and self.kind:
                if self.is_pdf:
                    self._refit.start()
                else:
                    self._show_current()
            elif (
                event.type() == QEvent.Type.Wheel
                and isinstance(event, QWheelEvent)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                if event.angleDelta().y() > 0:
                    self.zoom_in()
                elif event.angleDelta().y() < 0:
                    self.zoom_out()
                return True
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        self.clear(hide=False)  # nothing of the file stays in memory once the window is shut
        super().closeEvent(event)

    # --- forgetting ----------------------------------------------------------------------
    def _forget_pdf(self) -> None:
        self._data = None
        self._page_sizes = []

    def clear(self, hide: bool = True) -> None:
        """Forget the file: the document, its bytes, the picture, the name; hide the window."""
        self._refit.stop()
        self._forget_pdf()
        self._source = QImage()
        self.canvas.clear()
        self.canvas.resize(0, 0)
        self.info = self.kind = None
        self._page = 0
        self._zoom = None
        self.message.clear()
        self.message.hide()
        self._controls()
        if hide:
            self.hide()
        self.cleared.emit()

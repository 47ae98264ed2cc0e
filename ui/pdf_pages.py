"""PDF pages drawn by PDFium (pypdfium2) from bytes in memory: for the attachment viewer
and for printing the documents the app makes (no temporary file, ever)."""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72.0
# A document is printed in the language the reader needs, whatever the interface's.
DOCUMENT_LANGUAGES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}


def page_count(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def render_page(data: bytes, index: int, scale: float) -> QImage:
    """Page `index` at `scale` pixels per point; a null QImage if PDFium refuses it."""
    # Opened for each page and closed at once: no PDFium object outlives the call.
    document = pdfium.PdfDocument(data)
    try:
        page = document[index]
        bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
        return QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
        ).copy()  # our own copy: the bitmap's memory goes with the document
    except pdfium.PdfiumError:
        return QImage()
    finally:
        document.close()  # closes its pages and bitmaps too


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Each page onto the printer at its resolution, fitted to the printable area; returns
    the number of pages printed."""
    count = page_count(data)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        area = printer.pageRect(QPrinter.Unit.DevicePixel)
        scale = printer.resolution() / POINTS_PER_INCH
        for index in range(count):
            if index:
                printer.newPage()
            image = render_page(data, index, scale)
            if image.isNull():
                continue
            size = QSizeF(image.size()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
    finally:
        painter.end()
    return count

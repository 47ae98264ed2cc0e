"""What is copied out of the app does not linger (SECURITY.md 17).

A copy made while one of our windows is active (a name, a phone number, a case summary)
is put back on the clipboard marked so that clipboard managers and Windows' clipboard
history and cloud sync leave it alone, and it is cleared after 30 seconds, at a lock and
at quit, but only if it is still ours: text the person copied since, from anywhere, stays.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QWidget

CLEAR_AFTER_MS = 30_000
# Formats that tell clipboard managers the content is secret (the set KeePassXC uses):
# KDE's Klipper and others read the first; Windows reads the other three (a DWORD 0 means
# "not in the clipboard history", "not to the cloud").
SECRET_FORMATS: dict[str, bytes] = {
    "x-kde-passwordManagerHint": b"secret",
    "ExcludeClipboardContentFromMonitorProcessing": b"\x00\x00\x00\x00",
    "CanIncludeInClipboardHistory": b"\x00\x00\x00\x00",
    "CanUploadToCloudClipboard": b"\x00\x00\x00\x00",
}
MARKER = "x-kde-passwordManagerHint"


class ClipboardGuard(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.clipboard: QClipboard = QGuiApplication.clipboard()
        self._ours: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CLEAR_AFTER_MS)
        self.timer.timeout.connect(self.clear_ours)
        self.clipboard.dataChanged.connect(self._changed)
        self._watching = True

    def _changed(self) -> None:
        mime = self.clipboard.mimeData()
        if mime is None or mime.hasFormat(MARKER) or not mime.hasText():
            return  # marked already (by us or a password manager), or not text
        if not (self.clipboard.ownsClipboard() or self.window.isActiveWindow()):
            return  # copied in another program: not ours to touch
        self.mark(mime.text())

    def mark(self, text: str) -> None:
        """Put `text` on the clipboard with the secret formats and start the clock."""
        marked = QMimeData()
        marked.setText(text)
        for name, value in SECRET_FORMATS.items():
            marked.setData(name, value)
        self._ours = text
        self.clipboard.setMimeData(marked)  # emits dataChanged: marked, so left alone
        self.timer.start()

    def clear_ours(self) -> None:
        """Empty the clipboard if it still holds what we put there."""
        self.timer.stop()
        if self._ours is not None and self.clipboard.text() == self._ours:
            self.clipboard.clear()
        self._ours = None

    def stop(self) -> None:
        """At quit: clear what is ours and stop watching (safe to call twice)."""
        self.clear_ours()
        if self._watching:
            self.clipboard.dataChanged.disconnect(self._changed)
            self._watching = False

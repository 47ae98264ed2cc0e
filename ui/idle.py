"""Notices when nobody has touched the app for a while (auto-lock, SECURITY.md 16)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
}  # fmt: skip


class IdleWatcher(QObject):
    """Emits `idle` after `minutes` without keyboard or mouse input anywhere in the app."""

    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        self.timer.start()

    def set_minutes(self, minutes: float) -> None:
        """A new idle time from the coordinator applies from now on."""
        self.timer.setInterval(int(minutes * 60_000))
        if self.timer.isActive():
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def minutes_left(self) -> int:
        return max(0, round(self.timer.remainingTime() / 60_000)) if self.timer.isActive() else 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

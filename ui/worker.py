"""Run a slow call (the KDF, a backup) off the GUI thread and hand the result back.

As in Picard and Anki: a QRunnable does the work; a QObject living on the GUI thread
receives `done` or `failed` through queued signals.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class Call(QObject):
    """`Call(fn).start()`; connect to `done(result)` and `failed(exception)` first."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, function: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._function = function
        self._relay = _Relay()
        self._relay.done.connect(self.done)
        self._relay.failed.connect(self.failed)

    def start(self) -> None:
        relay, function = self._relay, self._function

        class _Job(QRunnable):
            def run(self) -> None:
                try:
                    result = function()
                except Exception as error:  # noqa: BLE001 - handed to the GUI thread
                    _tell(relay.failed, error)
                else:
                    _tell(relay.done, result)

        QThreadPool.globalInstance().start(_Job())


def _tell(signal: Any, value: object) -> None:
    """Hand the outcome over, unless the window that asked is gone (closed while the
    work ran, e.g. the check of a large vault at quit): then nobody is left to tell."""
    with contextlib.suppress(RuntimeError):
        signal.emit(value)


def wait_for_background_work(milliseconds: int = 10_000) -> bool:
    """At quit: let running calls finish before Python tears Qt down."""
    return bool(QThreadPool.globalInstance().waitForDone(milliseconds))

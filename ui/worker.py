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
    """`Call(fn).start()`; connect to `done(result)` and `failed(exception)` first.

    A call that changes the vault (a key rotation, a backup) `blocks_lock`: the window
    locks only when it has finished, so a lock never cuts one in half.
    """

    done = Signal(object)
    failed = Signal(object)
    running_that_block_lock = 0  # calls started and not finished, on the GUI thread's count

    def __init__(
        self, function: Callable[[], Any], parent: QObject | None = None, blocks_lock: bool = True
    ) -> None:
        super().__init__(parent)
        self._function = function
        self._blocks_lock = blocks_lock
        self._counted = False
        self._relay = _Relay()
        self._relay.done.connect(self._finished)
        self._relay.failed.connect(self._finished)
        self._relay.done.connect(self.done)
        self._relay.failed.connect(self.failed)

    def _finished(self, _outcome: object) -> None:
        if self._counted:
            self._counted = False
            Call.running_that_block_lock -= 1

    def start(self) -> None:
        relay, function = self._relay, self._function
        if self._blocks_lock and not self._counted:
            self._counted = True
            Call.running_that_block_lock += 1

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

"""One process at a time per vault (SECURITY.md 32).

An OS advisory lock on `<vault>.lock` is held while the vault is open. The kernel
drops it when the process dies, so a crash never leaves a stale lock behind.
The lock file itself is empty.
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from typing import IO

from legalaid.storage.errors import VaultInUse

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        with contextlib.suppress(OSError):
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def lock_path(vault_path: Path) -> Path:
    return Path(vault_path).with_name(Path(vault_path).name + ".lock")


class ProcessLock:
    """Held for as long as this process has the vault open."""

    def __init__(self, vault_path: Path) -> None:
        self._path = lock_path(vault_path)
        self._handle: IO[bytes] | None = None

    def acquire(self, wait_seconds: float = 0.0) -> None:
        handle = open(self._path, "a+b")  # noqa: SIM115 - kept open while locked
        deadline = time.monotonic() + wait_seconds
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                handle.close()
                raise VaultInUse()
            time.sleep(0.05)
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None

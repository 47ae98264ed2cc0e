"""Crash-safe replacement of small files (key file, audit head, counters).

The bytes go to a temporary file in the same folder, are flushed and fsynced,
then `os.replace`d over the target and the folder is fsynced: after a crash the
file is either the old or the new one, never a mix (SECURITY.md 30).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. Windows has no directory fsync; NTFS journals renames."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _process_alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # never remove what another live writer may still rename
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_temps(path: Path) -> None:
    """Temp files of a writer that was killed (SIGKILL skips `finally`) for this target."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        pid = stale.name[len(path.name) + 2 :].split(".")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid)):
            with contextlib.suppress(OSError):
                stale.unlink()


def write_atomic(path: Path, data: bytes, durable_rename: bool = True) -> None:
    """Replace `path` by `data`: after a crash it holds the old or the new bytes.

    durable_rename=False skips the folder fsync: after a power cut the file may then be
    the old version, which suits files where an older version is still consistent.
    """
    path = Path(path)
    _remove_stale_temps(path)
    tmp = _temp_name(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        if durable_rename:
            fsync_dir(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def previous_copy(path: Path) -> Path:
    return path.with_name(path.name + ".prev")


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())

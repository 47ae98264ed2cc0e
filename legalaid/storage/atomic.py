"""Crash-safe replacement of small files (key file, audit head, counters).

The bytes go to a temporary file in the same folder, are flushed and fsynced,
then `os.replace`d over the target and the folder is fsynced: after a crash the
file is either the old or the new one, never a mix (SECURITY.md 30).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
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


def write_atomic(path: Path, data: bytes, keep_previous: bool = False) -> None:
    """Replace `path` by `data`; with keep_previous, the old content becomes `<path>.prev`."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if keep_previous and path.exists():
            previous = previous_copy(path)
            prev_tmp = previous.with_name(f".{previous.name}.{os.getpid()}.tmp")
            shutil.copyfile(path, prev_tmp)
            with open(prev_tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(prev_tmp, previous)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def previous_copy(path: Path) -> Path:
    return path.with_name(path.name + ".prev")


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())

"""Crash reports that carry no personal data (SECURITY.md 19, 25).

An exception's text can hold anything (SQLAlchemy puts statement parameters in
it), so a report keeps only the exception types and the stack frames (file,
line, function): no message, no locals. Nothing is uploaded.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

from legalaid import __version__
from legalaid.paths import log_dir
from legalaid.storage.atomic import write_atomic


def describe(error: BaseException) -> str:
    lines = [f"Legal Aid Desk {__version__} crash report"]
    current: BaseException | None = error
    while current is not None:
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("caused by:")
    return "\n".join(lines) + "\n"


def report_crash(error: BaseException) -> Path:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"crash-{stamp}-{os.getpid()}.txt"
    write_atomic(path, describe(error).encode("utf-8"))
    return path

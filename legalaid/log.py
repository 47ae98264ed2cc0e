"""The one place that sets up logging (SECURITY.md 19).

A rotating file in the user log folder. Records carry ids and counts, never names,
logins, paths, passphrases or narratives. SQLAlchemy's statement logging (which
would print parameters) is held at WARNING whatever a caller asks.
"""

from __future__ import annotations

import logging
import logging.handlers

from legalaid.paths import log_dir

LOG_FILE_NAME = "legalaid.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_QUIET = ("sqlalchemy", "alembic")
_configured = False


class _NoStatementLogs(logging.Filter):
    """Drop SQLAlchemy engine records below WARNING: they can hold statement parameters."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("sqlalchemy") and record.levelno < logging.WARNING)


def setup(level: int = logging.INFO) -> None:
    global _configured
    if _configured:
        return
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        folder / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(_NoStatementLogs())
    root = logging.getLogger("legalaid")
    root.setLevel(level)
    root.addHandler(handler)
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
        logging.getLogger(name).addHandler(handler)
    _configured = True


def get(name: str) -> logging.Logger:
    return logging.getLogger(name)

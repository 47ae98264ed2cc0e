"""The one module that knows where files live.

Everything the app writes outside a vault's own folder goes below `data_dir()`;
`LEGALAID_HOME` moves all of it (tests, portable installs).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "LegalAidDesk"
VAULT_FILE_NAME = "vault.db"


def data_dir() -> Path:
    """Per-user data folder (or `LEGALAID_HOME` when set)."""
    override = os.environ.get("LEGALAID_HOME")
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def shared_data_dir() -> Path:
    """The per-machine folder every staff account of the PC can use: on Windows
    C:\\ProgramData\\LegalAidDesk, which the installer creates with write access for users."""
    return platformdirs.site_data_path(APP_NAME, appauthor=False)


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def default_vault_path() -> Path:
    """Where a new vault goes unless the person chooses another place (the first-run
    wizard shows it): for an installed app, the shared per-machine folder when it is there
    and writable, so that all staff of the PC open the same vault; otherwise, and for a
    developer's checkout, the person's own data folder. `LEGALAID_HOME` overrides both."""
    if not os.environ.get("LEGALAID_HOME") and getattr(sys, "frozen", False):
        shared = shared_data_dir()
        if _writable(shared):
            return shared / VAULT_FILE_NAME
    return data_dir() / VAULT_FILE_NAME


def log_dir() -> Path:
    return data_dir() / "logs"


def resources_dir() -> Path:
    """Shipped data: inside the wheel as legalaid/resources, in a checkout at ./resources."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("resources folder not found next to the legalaid package")


def translations_dir() -> Path:
    return resources_dir() / "translations"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"

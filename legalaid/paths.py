"""The one module that knows where files live.

Everything the app writes outside a vault's own folder goes below `data_dir()`;
`LEGALAID_HOME` moves all of it (tests, portable installs).
"""

from __future__ import annotations

import os
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


def default_vault_path() -> Path:
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

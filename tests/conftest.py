"""Shared fixtures. Qt runs offscreen; every test gets its own data folder and English."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers.make_vault import new_vault  # noqa: E402

from legalaid import i18n  # noqa: E402
from legalaid.services.workspace import Workspace  # noqa: E402


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--skip-bundle",
        action="store_true",
        help="skip building the frozen app (about a minute); CI always builds it",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_bundle = config.getoption("--skip-bundle") and not os.environ.get("CI")
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
        if skip_bundle and "bundle" in item.keywords:
            item.add_marker(pytest.mark.skip(reason="--skip-bundle: the frozen build not made"))


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("LEGALAID_HOME", str(home))
    for variable in (
        "LEGALAID_VAULT",
        "LEGALAID_USER",
        "LEGALAID_PASSPHRASE",
        "LEGALAID_NEW_PASSPHRASE",
        "LEGALAID_RECOVERY_KEY",
        "LEGALAID_LANG",
    ):
        monkeypatch.delenv(variable, raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "office" / "vault.db"


@pytest.fixture
def workspace(vault_path: Path) -> Iterator[Workspace]:
    ws = new_vault(vault_path)
    yield ws
    ws.close()

"""Where a new vault goes: the shared per-machine folder for an installed (frozen) app when
it is there and writable (all staff of the PC open the same vault), else the person's own
folder; LEGALAID_HOME overrides both; a checkout always uses the person's folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from legalaid import paths


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "ProgramData" / "LegalAidDesk"
    monkeypatch.setattr(paths, "shared_data_dir", lambda: folder)
    return folder


def test_an_installed_app_uses_the_shared_folder(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delenv("LEGALAID_HOME")
    monkeypatch.setattr(paths.platformdirs, "user_data_path", lambda *a, **k: tmp_path / "me")
    assert paths.default_vault_path() == tmp_path / "me" / "vault.db"  # not created: own
    shared.mkdir(parents=True)
    assert paths.default_vault_path() == shared / "vault.db"
    # The installer did not run as administrator: the folder is there but not ours to write.
    monkeypatch.setattr(paths.os, "access", lambda path, mode: Path(path) != shared)
    assert paths.default_vault_path() == tmp_path / "me" / "vault.db"


def test_legalaid_home_and_a_checkout_use_their_own(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared.mkdir(parents=True)
    home = Path(paths.os.environ["LEGALAID_HOME"])
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert paths.default_vault_path() == home / "vault.db"
    monkeypatch.delattr(sys, "frozen")
    monkeypatch.delenv("LEGALAID_HOME")
    monkeypatch.setattr(paths.platformdirs, "user_data_path", lambda *a, **k: tmp_path / "me")
    assert paths.default_vault_path() == tmp_path / "me" / "vault.db"

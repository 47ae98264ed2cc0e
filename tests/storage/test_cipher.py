"""SECURITY.md 1, 3, 4, 27, 35: SQLCipher or nothing, pinned profile, pragmas, no key in logs."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, CANARY, new_vault

from legalaid.services.workspace import Workspace
from legalaid.storage import engine as engine_module
from legalaid.storage.errors import SqlCipherUnavailable
from legalaid.storage.keyfile import new_data_key
from legalaid.storage.vault import Vault


def test_standard_sqlite3_instead_of_sqlcipher_aborts_and_creates_nothing(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "_DRIVER_NAME", "sqlite3")
    with pytest.raises(SqlCipherUnavailable):
        new_vault(vault_path)
    assert not vault_path.exists()
    assert not vault_path.parent.exists() or not any(vault_path.parent.iterdir())


def test_missing_sqlcipher_module_is_a_clear_error(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)
    with pytest.raises(SqlCipherUnavailable) as caught:
        new_vault(vault_path)
    assert "SQLCipher" in str(caught.value)
    assert not vault_path.exists()


def test_cipher_profile_is_pinned(workspace: Workspace) -> None:
    connection = workspace.vault.raw_connection()
    try:
        pragma = lambda name: connection.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("cipher_version").startswith("4.")
        assert pragma("cipher_page_size") == "4096"
        assert pragma("cipher_hmac_algorithm") == "HMAC_SHA512"
        assert pragma("cipher_kdf_algorithm") == "PBKDF2_HMAC_SHA512"
        options = {row[0] for row in connection.execute("PRAGMA compile_options")}
        assert options & {"TEMP_STORE=2", "TEMP_STORE=3"}
    finally:
        connection.close()


def test_a_changed_cipher_profile_is_refused(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "CIPHER_HMAC", "HMAC_SHA256")
    with pytest.raises(SqlCipherUnavailable):
        workspace.vault.raw_connection()


def test_durable_pragmas_on_every_connection(workspace: Workspace) -> None:
    with workspace.vault.engine.connect() as connection:
        read = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert read("journal_mode") == "wal"
        assert read("synchronous") == 2  # FULL
        assert read("foreign_keys") == 1
        assert read("secure_delete") == 1
        assert read("temp_store") == 2  # MEMORY
        assert read("busy_timeout") >= 5000


def _open_files_below(folder: Path) -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)) or "etilqs" in target:
            found.append(target)
    return found


def _sort_big_temp_table(connection: object, temp_dir: Path) -> list[str]:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("CREATE TEMP TABLE scratch(name TEXT, n INTEGER)")
    cursor.executemany(
        "INSERT INTO scratch VALUES (?, ?)",
        ((f"{CANARY}-{i:06d}-" + "x" * 200, i) for i in range(40_000)),
    )
    cursor.execute("SELECT name FROM scratch ORDER BY name DESC, n")
    cursor.fetchmany(10)
    opened = _open_files_below(temp_dir)
    cursor.close()
    return opened


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux /proc")
def test_temporary_data_stays_in_memory(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp_dir = tmp_path / "sqlite-temp"
    temp_dir.mkdir()
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp_dir))
    connection = workspace.vault.raw_connection()
    try:
        assert connection.execute("PRAGMA temp_store").fetchone()[0] == 2
        connection.execute("PRAGMA cache_size = 50")  # force spilling if it could
        assert _sort_big_temp_table(connection, temp_dir) == []
    finally:
        connection.close()


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux /proc")
def test_negative_control_temp_store_file_does_write_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Proves the test above can fail: with temp_store=FILE the sort spills to disk."""
    temp_dir = tmp_path / "sqlite-temp"
    temp_dir.mkdir()
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp_dir))
    connection = sqlite3.connect(tmp_path / "plain.db")
    try:
        connection.execute("PRAGMA temp_store = FILE")
        connection.execute("PRAGMA cache_size = 50")
        assert _sort_big_temp_table(connection, temp_dir) != []
    finally:
        connection.close()


def test_key_never_reaches_sqlalchemy_logs(
    vault_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    new_vault(vault_path).close()
    with caplog.at_level(logging.DEBUG, logger="sqlalchemy"):
        vault = Vault(vault_path)
        vault.unlock(ADMIN, ADMIN_PASSPHRASE)
        dek_hex = bytes(vault._require_dek()).hex()
        with vault.engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM account").scalar()
        vault.close()
    assert caplog.records, "SQLAlchemy logged nothing: the check would prove nothing"
    assert dek_hex not in caplog.text
    assert ADMIN_PASSPHRASE not in caplog.text


def test_key_pragma_is_not_passed_through_sqlalchemy_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The key is set on the raw DBAPI connection before SQLAlchemy sees it."""
    statements: list[str] = []
    driver = engine_module.load_driver()
    real_connect = driver.connect

    class SpyCursor:
        def __init__(self, inner: object) -> None:
            self._inner = inner

        def execute(self, sql: str, *args: object) -> object:
            statements.append(sql)
            return self._inner.execute(sql, *args)  # type: ignore[attr-defined]

        def __getattr__(self, name: str) -> object:
            return getattr(self._inner, name)

    class SpyConnection:
        def __init__(self, inner: object) -> None:
            self._inner = inner

        def cursor(self) -> SpyCursor:
            return SpyCursor(self._inner.cursor())  # type: ignore[attr-defined]

        def execute(self, sql: str, *args: object) -> object:
            statements.append(sql)
            return self._inner.execute(sql, *args)  # type: ignore[attr-defined]

        def __getattr__(self, name: str) -> object:
            return getattr(self._inner, name)

    monkeypatch.setattr(driver, "connect", lambda *a, **k: SpyConnection(real_connect(*a, **k)))
    vault_path = tmp_path / "spy" / "vault.db"
    new_vault(vault_path).close()
    vault = Vault(vault_path)
    vault.unlock(ADMIN, ADMIN_PASSPHRASE)
    vault.close()
    assert any("PRAGMA key" in s for s in statements)
    assert not any(ADMIN_PASSPHRASE in s for s in statements)
    assert not any(ADMIN_PASSPHRASE.encode().hex() in s for s in statements)


def test_raw_key_pragma_shape() -> None:
    dek = new_data_key()
    pragma = engine_module.key_pragma(dek)
    assert pragma == "PRAGMA key = \"x'" + bytes(dek).hex() + "'\""
    assert len(bytes(dek)) == 32

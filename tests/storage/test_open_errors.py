"""Each way opening a vault can fail has its own clear error (issue 2; SECURITY.md 5, 9, 10)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, new_vault
from sqlalchemy import select, text

from legalaid import i18n
from legalaid.domain.audit import AuditEvent
from legalaid.services.auth import sign_in
from legalaid.storage import attempts
from legalaid.storage.errors import (
    KeyFileDamaged,
    KeyFileMismatch,
    KeyFileMissing,
    NetworkShareRefused,
    NotAVault,
    SignInFailed,
    TooManyAttempts,
    VaultDamaged,
    VaultInUse,
    VaultNotFound,
    VaultTooNew,
)
from legalaid.storage.keyfile import key_file_path
from legalaid.storage.vault import Vault, _refuse_network_share


@pytest.fixture
def closed_vault(vault_path: Path) -> Path:
    new_vault(vault_path).close()
    return vault_path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_plain_sqlite_cannot_open_the_vault(closed_vault: Path) -> None:
    assert closed_vault.read_bytes()[:16] != b"SQLite format 3\x00"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(closed_vault).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_passphrase_and_unknown_login_fail_with_the_same_message(
    closed_vault: Path,
) -> None:
    with pytest.raises(SignInFailed) as wrong:
        Vault(closed_vault).unlock(ADMIN, "not the passphrase at all")
    with pytest.raises(SignInFailed) as unknown:
        Vault(closed_vault).unlock("nobody", ADMIN_PASSPHRASE)
    assert str(wrong.value) == str(unknown.value)
    assert "admin" not in str(wrong.value)


def test_twenty_wrong_attempts_change_neither_vault_nor_key_file(
    closed_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (_digest(closed_vault), _digest(key_file_path(closed_vault)))
    clock = [1_000_000.0]
    monkeypatch.setattr(attempts.time, "time", lambda: clock[0])
    messages = set()
    for _ in range(20):
        clock[0] += 3600  # always past the backoff: every attempt is a real one
        with pytest.raises(SignInFailed) as caught:
            Vault(closed_vault).unlock(ADMIN, "wrong passphrase number x")
        messages.add(str(caught.value))
    assert (_digest(closed_vault), _digest(key_file_path(closed_vault))) == before
    assert len(messages) == 1


def test_sixth_attempt_waits_and_the_delay_grows(
    closed_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1_000_000.0]
    monkeypatch.setattr(attempts.time, "time", lambda: clock[0])
    for _ in range(5):
        with pytest.raises(SignInFailed):
            Vault(closed_vault).unlock(ADMIN, "wrong passphrase attempt")
    with pytest.raises(TooManyAttempts) as first_wait:
        Vault(closed_vault).unlock(ADMIN, ADMIN_PASSPHRASE)  # even the right one must wait
    assert first_wait.value.seconds == 2
    assert "wait 2 seconds" in str(first_wait.value)
    i18n.set_language("ru")
    assert "2 секунды" in str(first_wait.value)
    i18n.set_language("en")
    clock[0] += 2
    with pytest.raises(SignInFailed):
        Vault(closed_vault).unlock(ADMIN, "wrong passphrase attempt")
    with pytest.raises(TooManyAttempts) as second_wait:
        Vault(closed_vault).unlock(ADMIN, ADMIN_PASSPHRASE)
    assert second_wait.value.seconds == 4
    assert attempts.delay_after(30) == attempts.MAX_DELAY_SECONDS


def test_next_sign_in_reports_and_audits_the_failures(closed_vault: Path) -> None:
    for _ in range(3):
        with pytest.raises(SignInFailed):
            sign_in(closed_vault, ADMIN, "wrong passphrase attempt")
    with sign_in(closed_vault, ADMIN, ADMIN_PASSPHRASE) as ws:
        assert ws.failed_attempts == 3
        with ws.session() as session:
            event = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "sign_in_failures")
            ).one()
            assert event.detail == '{"count":3}'
    with sign_in(closed_vault, ADMIN, ADMIN_PASSPHRASE) as ws:
        assert ws.failed_attempts == 0


def test_missing_vault(vault_path: Path) -> None:
    with pytest.raises(VaultNotFound):
        Vault(vault_path).unlock(ADMIN, ADMIN_PASSPHRASE)


def test_missing_key_file(closed_vault: Path) -> None:
    key_file_path(closed_vault).unlink()
    with pytest.raises(KeyFileMissing) as caught:
        Vault(closed_vault).unlock(ADMIN, ADMIN_PASSPHRASE)
    assert str(key_file_path(closed_vault)) in str(caught.value)


def test_damaged_key_file(closed_vault: Path) -> None:
    path = key_file_path(closed_vault)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(KeyFileDamaged) as caught:
        Vault(closed_vault).unlock(ADMIN, ADMIN_PASSPHRASE)
    assert ".prev" in str(caught.value)


def test_key_file_of_another_vault(closed_vault: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "vault.db"
    new_vault(other).close()
    key_file_path(closed_vault).write_bytes(key_file_path(other).read_bytes())
    with pytest.raises(KeyFileMismatch):
        Vault(closed_vault).unlock(ADMIN, ADMIN_PASSPHRASE)


def test_a_plain_sqlite_file_is_not_a_vault(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(NotAVault):
        Vault(plain).unlock(ADMIN, ADMIN_PASSPHRASE)


def test_a_random_file_with_no_key_file_is_reported(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_bytes(os.urandom(8192))
    with pytest.raises(KeyFileMissing):
        Vault(junk).unlock(ADMIN, ADMIN_PASSPHRASE)


def test_an_empty_file_is_not_a_vault(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(NotAVault):
        Vault(empty).unlock(ADMIN, ADMIN_PASSPHRASE)


def test_vault_from_a_newer_version(closed_vault: Path) -> None:
    with sign_in(closed_vault, ADMIN, ADMIN_PASSPHRASE) as ws, ws.vault.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(VaultTooNew) as caught:
        Vault(closed_vault).unlock(ADMIN, ADMIN_PASSPHRASE)
    assert "9999_future" in str(caught.value)


def test_vault_open_in_another_process(closed_vault: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from legalaid.storage.vault import Vault\n"
            f"v = Vault({str(closed_vault)!r}); v.unlock('admin', {ADMIN_PASSPHRASE!r})\n"
            "print('open', flush=True); time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(VaultInUse):
            Vault(closed_vault).unlock(ADMIN, ADMIN_PASSPHRASE)
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    vault = Vault(closed_vault)  # the kernel released the lock with the process
    vault.unlock(ADMIN, ADMIN_PASSPHRASE)
    vault.close()


def test_network_share_paths_are_refused() -> None:
    with pytest.raises(NetworkShareRefused):
        _refuse_network_share(Path("//fileserver/share/vault.db"))


def _page_offset(page: int) -> int:
    return (page - 1) * 4096


def test_tampered_page_is_named_and_refused(closed_vault: Path) -> None:
    size = closed_vault.stat().st_size
    assert size >= 4096 * 4
    page = size // 4096  # the last page: an ordinary table page
    data = bytearray(closed_vault.read_bytes())
    data[_page_offset(page) + 100] ^= 0xFF
    closed_vault.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged) as caught:
        Vault(closed_vault).unlock(ADMIN, ADMIN_PASSPHRASE)
    assert f"page {page}" in str(caught.value)
    assert "restore" in str(caught.value).lower()


def test_wrong_key_and_damage_are_told_apart(closed_vault: Path) -> None:
    with pytest.raises(SignInFailed):
        Vault(closed_vault).unlock(ADMIN, "a wrong but long passphrase")
    data = bytearray(closed_vault.read_bytes())
    data[_page_offset(2) + 200] ^= 0xFF
    closed_vault.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged):
        Vault(closed_vault).unlock(ADMIN, ADMIN_PASSPHRASE)

"""Backup and restore (SECURITY.md 6, 31): online, encrypted, verified, never half-written."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import pytest
from helpers.make_vault import (
    ADMIN,
    ADMIN_PASSPHRASE,
    CANARY,
    OTHER_PASSPHRASE,
    files_containing,
    new_vault,
)
from sqlalchemy import select

from legalaid.domain.accounts import Account, Office
from legalaid.domain.enums import Region, Role
from legalaid.errors import PermissionDenied
from legalaid.services import accounts, maintenance, offices
from legalaid.services.auth import sign_in
from legalaid.services.offices import new_office
from legalaid.storage.backup import SUFFIX, automatic_backup, verify_backup
from legalaid.storage.errors import BackupInvalid, RestoreTargetExists, VaultDamaged


def _snapshot(vault_path: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws, ws.session() as session:
        people = [
            (a.login, a.display_name, a.role, str(a.active))
            for a in session.scalars(select(Account).order_by(Account.login))
        ]
        places = [
            (o.code, o.name_ky, o.name_ru, o.name_en)
            for o in session.scalars(select(Office).order_by(Office.code))
        ]
    return people, places


def _filled_vault(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "lawyer1", f"Нурбек {CANARY}", Role.LAWYER, OTHER_PASSPHRASE)
    offices.add_office(
        ws, "OSH", {"ky": "Ош кеңсеси", "ru": "Ошский офис", "en": "Osh"}, Region.OSH_CITY
    )
    ws.close()


def test_backup_then_restore_elsewhere_gives_identical_records(
    vault_path: Path, tmp_path: Path
) -> None:
    _filled_vault(vault_path)
    archive = tmp_path / "backups" / f"office{SUFFIX}"
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        manifest = maintenance.backup(ws, archive)
    assert manifest["audit_events"] > 0
    restored = tmp_path / "elsewhere" / "vault.db"
    maintenance.restore(archive, restored, ADMIN, ADMIN_PASSPHRASE)
    before_people, before_places = _snapshot(vault_path)
    after_people, after_places = _snapshot(restored)
    assert after_people == before_people and after_places == before_places
    with sign_in(restored, ADMIN, ADMIN_PASSPHRASE) as ws:
        assert maintenance.check(ws).ok
    assert files_containing(tmp_path / "backups", CANARY) == []
    assert not list((tmp_path / "backups").glob(".*"))  # no staging left behind


def test_restore_refuses_to_overwrite_without_force_and_keeps_the_old_vault_aside(
    vault_path: Path, tmp_path: Path
) -> None:
    _filled_vault(vault_path)
    archive = tmp_path / f"b{SUFFIX}"
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        maintenance.backup(ws, archive)
        offices.add_office(ws, "LATE", {"ky": "Кеч", "ru": "Поздний", "en": "Late"}, Region.BATKEN)
    with pytest.raises(RestoreTargetExists):
        maintenance.restore(archive, vault_path, ADMIN, ADMIN_PASSPHRASE)
    assert "LATE" in [code for code, *_ in _snapshot(vault_path)[1]]
    maintenance.restore(archive, vault_path, ADMIN, ADMIN_PASSPHRASE, force=True)
    assert "LATE" not in [code for code, *_ in _snapshot(vault_path)[1]]
    aside = list(vault_path.parent.glob("vault.db.replaced-*"))
    assert len(aside) == 1 and (aside[0] / "vault.db").exists()


def test_a_corrupted_backup_is_refused_and_the_target_untouched(
    vault_path: Path, tmp_path: Path
) -> None:
    _filled_vault(vault_path)
    archive = tmp_path / f"b{SUFFIX}"
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        maintenance.backup(ws, archive)
    data = bytearray(archive.read_bytes())
    data[len(data) // 3] ^= 0xFF
    archive.write_bytes(bytes(data))
    target = tmp_path / "restored" / "vault.db"
    with pytest.raises(BackupInvalid):
        maintenance.restore(archive, target, ADMIN, ADMIN_PASSPHRASE)
    assert not target.exists()
    assert not list(target.parent.glob("*.keys"))


def test_a_file_that_is_no_backup_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "holiday.zip"
    with zipfile.ZipFile(bogus, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8")
    with pytest.raises(BackupInvalid):
        maintenance.restore(bogus, tmp_path / "v" / "vault.db", ADMIN, ADMIN_PASSPHRASE)
    with pytest.raises(BackupInvalid):
        maintenance.restore(
            tmp_path / "missing.labak", tmp_path / "v" / "vault.db", ADMIN, ADMIN_PASSPHRASE
        )


def test_only_a_coordinator_may_restore(vault_path: Path, tmp_path: Path) -> None:
    _filled_vault(vault_path)
    archive = tmp_path / f"b{SUFFIX}"
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        maintenance.backup(ws, archive)
    with pytest.raises(PermissionDenied):
        maintenance.restore(archive, tmp_path / "x" / "vault.db", "lawyer1", OTHER_PASSPHRASE)
    assert not (tmp_path / "x" / "vault.db").exists()


def test_only_a_coordinator_may_back_up(vault_path: Path, tmp_path: Path) -> None:
    _filled_vault(vault_path)
    with sign_in(vault_path, "lawyer1", OTHER_PASSPHRASE) as ws, pytest.raises(PermissionDenied):
        maintenance.backup(ws, tmp_path / f"b{SUFFIX}")


def test_backup_during_a_concurrent_writer_is_consistent(vault_path: Path, tmp_path: Path) -> None:
    _filled_vault(vault_path)
    ws = sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE)
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            batch = 0
            while not stop.is_set():
                batch += 1
                with ws.session() as session:
                    for index in range(20):
                        name = f"{CANARY} {batch} {index}"
                        new_office(
                            session,
                            f"W{batch}-{index}",
                            {"ky": name, "ru": name, "en": name},
                            Region.OSH,
                        )
                    session.commit()
                written.append(batch)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 3:
            thread.join(0.01)
        archives = [tmp_path / f"during-{i}{SUFFIX}" for i in range(3)]
        for archive in archives:
            maintenance.backup(ws, archive)
    finally:
        stop.set()
        thread.join()
    dek = ws.vault._require_dek()
    for archive in archives:
        assert verify_backup(archive, dek)["audit_events"] > 0
    ws.close()
    assert errors == []
    assert files_containing(tmp_path, CANARY) == []
    restored = tmp_path / "restored" / "vault.db"
    maintenance.restore(archives[-1], restored, ADMIN, ADMIN_PASSPHRASE)
    codes = [code for code, *_ in _snapshot(restored)[1] if code.startswith("W")]
    batches: dict[str, int] = {}
    for code in codes:
        batches[code.split("-")[0]] = batches.get(code.split("-")[0], 0) + 1
    assert set(batches.values()) == {20}, "the backup caught a transaction half-way"


def test_backup_of_a_damaged_vault_is_refused(vault_path: Path, tmp_path: Path) -> None:
    _filled_vault(vault_path)
    ws = sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE)
    ws.vault.engine.dispose()
    data = bytearray(vault_path.read_bytes())
    page = len(data) // 4096
    data[(page - 1) * 4096 + 300] ^= 0xFF
    vault_path.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged):
        maintenance.backup(ws, tmp_path / f"b{SUFFIX}")
    assert not (tmp_path / f"b{SUFFIX}").exists()
    ws.close()


def test_automatic_backups_keep_a_few_generations(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    made = [automatic_backup(ws.vault, "test") for _ in range(7)]
    kept = sorted((vault_path.parent / "backups").glob(f"*-test-*{SUFFIX}"))
    assert kept == made[-5:]
    ws.close()


def test_restore_accepts_the_login_as_typed(vault_path: Path, tmp_path: Path) -> None:
    _filled_vault(vault_path)
    archive = tmp_path / f"b{SUFFIX}"
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        maintenance.backup(ws, archive)
    maintenance.restore(archive, tmp_path / "r" / "vault.db", ADMIN.upper(), ADMIN_PASSPHRASE)


def test_an_interrupted_restore_is_named_and_finished_by_running_it_again(
    vault_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled_vault(vault_path)
    archive = tmp_path / f"b{SUFFIX}"
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        maintenance.backup(ws, archive)
    import os as os_module

    from legalaid.storage import backup as backup_module
    from legalaid.storage.errors import RestoreInterrupted

    real_replace = os_module.replace
    moves: list[str] = []

    def power_cut(src: object, dst: object) -> None:
        moves.append(str(dst))
        if str(dst).endswith("vault.db.audit") and "staging" in str(src):
            raise KeyboardInterrupt("power cut half-way through the restore")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_module.os, "replace", power_cut)
    with pytest.raises(KeyboardInterrupt):
        maintenance.restore(archive, vault_path, ADMIN, ADMIN_PASSPHRASE, force=True)
    monkeypatch.undo()
    with pytest.raises(RestoreInterrupted) as caught:
        sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE)
    assert "replaced-" in str(caught.value) and "staging" in str(caught.value)
    maintenance.restore(archive, vault_path, ADMIN, ADMIN_PASSPHRASE, force=True)
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        assert maintenance.check(ws).ok
    assert not list(vault_path.parent.glob(".vault.db.staging-*"))
    assert not backup_module.restore_marker_path(vault_path).exists()

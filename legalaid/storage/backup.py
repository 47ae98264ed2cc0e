"""Encrypted backups: one archive with the database copy, its key file and audit head.

The copy is taken with SQLite's online backup API through a keyed connection (never
by copying the live file), after `cipher_integrity_check` and `integrity_check`
pass (SECURITY.md 6, 31). The archive is then re-opened and verified. Staging files
live beside the target, never in a system temp folder; they are encrypted anyway.
Restore verifies the archive and that a passphrase opens it before anything at the
target moves, and moves an existing vault aside instead of deleting it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from legalaid import __version__
from legalaid.storage import audit, migrate
from legalaid.storage.atomic import fsync_dir, fsync_file, previous_copy, write_atomic
from legalaid.storage.engine import connect_raw, load_driver
from legalaid.storage.errors import BackupInvalid, RestoreTargetExists, VaultDamaged
from legalaid.storage.keyfile import KeyFile, key_file_path
from legalaid.storage.process_lock import ProcessLock
from legalaid.storage.vault import Vault, db_salt, sidecar_paths

FORMAT = "legalaid-backup"
VERSION = 1
SUFFIX = ".labak"
DB_MEMBER = "vault.db"
KEYS_MEMBER = "vault.db.keys"
HEAD_MEMBER = "vault.db.audit"
MANIFEST = "manifest.json"
KEEP_AUTOMATIC = 5


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _staging_dir(target: Path) -> Path:
    folder = target.with_name(f".{target.name}.staging-{os.getpid()}")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _copy_database(vault: Vault, destination: Path) -> None:
    source = vault.raw_connection()
    target = connect_raw(destination, vault._require_dek())
    try:
        source.backup(target)
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
        source.close()


def _verify_database_copy(path: Path, dek: bytearray) -> int:
    """Open the copy and run both integrity checks; return its number of audit events."""
    driver = load_driver()
    try:
        connection = connect_raw(path, dek)
    except (VaultDamaged, driver.DatabaseError) as exc:
        raise BackupInvalid(path=str(path), detail="database does not open") from exc
    try:
        pages = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        checks = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
        events = connection.execute("SELECT count(*) FROM audit_event").fetchone()[0]
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except driver.DatabaseError as exc:
        raise BackupInvalid(path=str(path), detail="database damaged") from exc
    finally:
        connection.close()
    if pages or checks != ["ok"]:
        raise BackupInvalid(path=str(path), detail="database damaged")
    return int(events)


def create_backup(vault: Vault, target: Path) -> dict[str, Any]:
    """Write and verify a backup archive at `target`; returns its manifest."""
    target = Path(target)
    problems = vault.integrity_problems()
    if problems:
        raise VaultDamaged(detail=", ".join(problems[:5]))
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = _staging_dir(target)
    try:
        # The head first: commits reach the database before their head is published, so
        # a head copied now is never ahead of the database copied next.
        if vault.head_path.exists():
            shutil.copyfile(vault.head_path, staging / HEAD_MEMBER)
        db_copy = staging / DB_MEMBER
        _copy_database(vault, db_copy)
        # The copy has its own file salt; its key file must name it (and be re-signed).
        copied_keys = replace(vault._current_keys(), db_salt=db_salt(db_copy))
        copied_keys.sign(vault._require_dek()).save(staging / KEYS_MEMBER)
        previous_copy(staging / KEYS_MEMBER).unlink(missing_ok=True)
        events = _verify_database_copy(db_copy, vault._require_dek())
        with vault.connection() as connection:
            revision = migrate.revision_on(connection)
        members = {path.name: _sha256(path) for path in sorted(staging.iterdir()) if path.is_file()}
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "app_version": __version__,
            "created_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "vault_id": vault.vault_id,
            "schema_revision": revision,
            "audit_events": events,
            "members": members,
        }
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
            for name in members:
                archive.write(staging / name, arcname=name)
        fsync_file(partial)
        os.replace(partial, target)
        fsync_dir(target.parent)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    verify_backup(target, vault._require_dek())
    return manifest


def _extract(archive_path: Path, staging: Path) -> dict[str, Any]:
    """Unpack and check member hashes; the manifest is returned."""
    try:
        with zipfile.ZipFile(archive_path) as archive:
            manifest = json.loads(archive.read(MANIFEST))
            if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
                raise ValueError("unknown backup format")
            members = manifest["members"]
            if DB_MEMBER not in members or KEYS_MEMBER not in members:
                raise ValueError("incomplete backup")
            for name, digest in members.items():
                if name not in {DB_MEMBER, KEYS_MEMBER, HEAD_MEMBER}:
                    raise ValueError("unexpected member")
                with archive.open(name) as source, open(staging / name, "wb") as sink:
                    shutil.copyfileobj(source, sink)
                fsync_file(staging / name)
                if _sha256(staging / name) != digest:
                    raise ValueError("checksum mismatch")
    except FileNotFoundError:
        raise
    except (zipfile.BadZipFile, ValueError, KeyError, TypeError, OSError) as exc:
        raise BackupInvalid(path=str(archive_path), detail=str(exc)) from exc
    return dict(manifest)


def verify_backup(archive_path: Path, dek: bytearray) -> dict[str, Any]:
    """Re-open a backup written by this vault: hashes, key file, both integrity checks."""
    archive_path = Path(archive_path)
    staging = _staging_dir(archive_path)
    try:
        manifest = _extract(archive_path, staging)
        KeyFile.load(staging / KEYS_MEMBER)
        events = _verify_database_copy(staging / DB_MEMBER, dek)
        if events != manifest.get("audit_events"):
            raise BackupInvalid(path=str(archive_path), detail="audit trail differs")
        return manifest
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def restore_backup(
    archive_path: Path,
    target: Path,
    login: str | None,
    passphrase: str,
    force: bool = False,
    authorize: Callable[[Vault], None] | None = None,
) -> dict[str, Any]:
    """Put a verified backup at `target`. An existing vault is moved aside, never deleted.

    `authorize` sees the unlocked staged copy and raises if the person may not restore.
    """
    archive_path, target = Path(archive_path), Path(target)
    if not archive_path.is_file():
        raise BackupInvalid(path=str(archive_path), detail="no such file")
    marker = restore_marker_path(target)
    if (target.exists() or key_file_path(target).exists()) and not force:
        raise RestoreTargetExists(path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = ProcessLock(target)
    lock.acquire()
    _discard_interrupted_staging(marker)
    staging = _staging_dir(target)
    installed = False
    try:
        manifest = _extract(archive_path, staging)
        staged_db = staging / DB_MEMBER
        with Vault(staged_db) as staged:
            staged.unlock(login, passphrase)
            if authorize is not None:
                authorize(staged)
            problems = staged.integrity_problems()
            report = staged.verify_audit()
        if problems or not report.ok:
            raise BackupInvalid(path=str(archive_path), detail="integrity check failed")
        for leftover in staging.iterdir():
            if leftover.name not in {DB_MEMBER, KEYS_MEMBER, HEAD_MEMBER}:
                leftover.unlink()
        # From here a crash leaves the marker, which names both folders (the vault refuses
        # to open and says so) until the restore is run again.
        _write_marker(marker, staging, None)
        aside = _move_aside(target)
        _write_marker(marker, staging, aside)
        for name, destination in (
            (DB_MEMBER, target),
            (HEAD_MEMBER, audit.head_path(target)),
            (KEYS_MEMBER, key_file_path(target)),
        ):
            if (staging / name).exists():
                os.replace(staging / name, destination)
        shutil.copyfile(key_file_path(target), previous_copy(key_file_path(target)))
        fsync_dir(target.parent)
        marker.unlink()
        fsync_dir(target.parent)
        installed = True
        return manifest
    finally:
        if installed or not marker.exists():
            shutil.rmtree(staging, ignore_errors=True)
        lock.release()


def restore_marker_path(target: Path) -> Path:
    return Path(target).with_name(Path(target).name + ".restoring")


def _write_marker(marker: Path, staging: Path, aside: Path | None) -> None:
    data = {"staging": staging.name, "aside": aside.name if aside else None}
    write_atomic(marker, json.dumps(data).encode("utf-8"))


def read_restore_marker(target: Path) -> dict[str, str | None] | None:
    try:
        data = json.loads(restore_marker_path(target).read_text("utf-8"))
    except FileNotFoundError:
        return None
    except ValueError:
        return {"staging": None, "aside": None}
    return {"staging": data.get("staging"), "aside": data.get("aside")}


def _discard_interrupted_staging(marker: Path) -> None:
    """A new restore replaces an interrupted one; the vault set aside then stays aside."""
    if not marker.exists():
        return
    found = read_restore_marker(marker.with_name(marker.name[: -len(".restoring")]))
    if found and found["staging"]:
        shutil.rmtree(marker.parent / found["staging"], ignore_errors=True)
    marker.unlink()


def _move_aside(target: Path) -> Path | None:
    present = [p for p in [target, *sidecar_paths(target)] if p.exists()]
    if not present:
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name}.replaced-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = target.with_name(f"{target.name}.replaced-{stamp}-{number}")
    aside.mkdir()
    for path in present:
        os.replace(path, aside / path.name)
    return aside


def automatic_backup(vault: Vault, reason: str) -> Path:
    """A verified backup in `<vault folder>/backups`, keeping the newest few per reason."""
    folder = vault.path.parent / "backups"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{vault.path.stem}-{reason}-{stamp}{SUFFIX}"
    create_backup(vault, target)
    generations = sorted(folder.glob(f"{vault.path.stem}-{reason}-*{SUFFIX}"))
    for old in generations[:-KEEP_AUTOMATIC]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target

"""Create, unlock, lock and close a vault.

A `Vault` is one open vault file in this process: it holds the process lock, the
key file, and, while unlocked, the data key and an engine. Locking disposes the
engine and wipes the key; the object can be unlocked again by the same process.
Accounts and roles are not known here (they live in the database and the
services); this layer knows slots, keys, files and integrity.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import secrets
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from legalaid.domain.vault_meta import VaultMeta
from legalaid.storage import audit, kdf, keyfile, migrate
from legalaid.storage.atomic import previous_copy
from legalaid.storage.attempts import AttemptCounter
from legalaid.storage.engine import (
    connect_raw,
    damaged_pages_of,
    load_driver,
    make_engine,
    read_only,
)
from legalaid.storage.errors import (
    KeyFileDamaged,
    KeyFileMismatch,
    LoginRequired,
    MigrationFailed,
    NetworkShareRefused,
    NotAVault,
    RestoreInterrupted,
    SignInFailed,
    TooManyAttempts,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultNotFound,
)
from legalaid.storage.keyfile import KeyFile, Slot, key_file_path
from legalaid.storage.process_lock import ProcessLock

logger = logging.getLogger(__name__)
# quick_check reads every page: about 25 ms per MiB on the reference PC. Up to this size it
# runs inside unlock; a larger vault is checked by the desktop app in the background right
# after unlock, and by every `check` and backup. Reading a damaged page fails at once in any
# case (SQLCipher authenticates each page it decrypts).
QUICK_CHECK_ON_UNLOCK_MAX_BYTES = 16 * 1024 * 1024
SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
META_VAULT_ID = "vault_id"
META_AUDIT_SECRET = "audit_secret"


def sidecar_paths(vault_path: Path) -> list[Path]:
    """Every file that belongs to a vault besides the database itself."""
    name = Path(vault_path).name
    return [
        Path(vault_path).with_name(name + suffix)
        for suffix in ("-wal", "-shm", "-journal", ".keys", ".keys.prev", ".audit", ".attempts")
    ]


def _refuse_network_share(path: Path) -> None:
    resolved = str(Path(path).resolve())
    if any(str(p).startswith(("\\\\", "//")) for p in (path, resolved)):
        raise NetworkShareRefused(path=str(path))
    if os.name == "posix" and Path("/proc/mounts").exists():
        best = ("", "")
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            if len(parts) >= 3 and resolved.startswith(parts[1]) and len(parts[1]) > len(best[0]):
                best = (parts[1], parts[2])
        if best[1] in {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "sshfs", "fuse.sshfs"}:
            raise NetworkShareRefused(path=str(path))


def db_salt(path: Path) -> str:
    with open(path, "rb") as fh:
        return fh.read(16).hex()


@dataclass
class UnlockResult:
    """What the sign-in learned besides the key: failures to report, warnings to show."""

    slot_id: str
    failed_attempts: int = 0
    warnings: list[str] = field(default_factory=list)
    upgraded_from: str | None = None
    backup_before_upgrade: Path | None = None


class Vault:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.key_path = key_file_path(self.path)
        self.head_path = audit.head_path(self.path)
        self._process_lock = ProcessLock(self.path)
        self._dek: bytearray | None = None
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._readers: sessionmaker[Session] | None = None
        self._audit_key: bytes | None = None
        self.keys: KeyFile | None = None

    # --- creation ---------------------------------------------------------------
    @classmethod
    def create(
        cls,
        path: Path,
        first_login: str,
        passphrase: str,
        params: kdf.KdfParams = kdf.DEFAULT,
        revision: str = "head",
    ) -> Vault:
        """A new vault with one account slot, migrated to `revision` (tests use older ones)."""
        path = Path(path)
        load_driver()
        params.check_floor()
        if path.exists() or key_file_path(path).exists():
            raise VaultExists(path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        _refuse_network_share(path.parent)
        vault = cls(path)
        vault._process_lock.acquire()
        dek = keyfile.new_data_key()
        try:
            connection = connect_raw(path, dek)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.close()
            keys = KeyFile.new(db_salt(path), params)
            secret = kdf.passphrase_bytes(passphrase)
            try:
                slot = keyfile.new_slot(
                    keys.account_slot_id(first_login),
                    keyfile.KIND_ACCOUNT,
                    secret,
                    params,
                    keys.vault_id,
                    dek,
                    keys.dek_generation,
                )
            finally:
                kdf.wipe(secret)
            vault._attach(dek, keys.with_slot(slot))
            migrate.upgrade(vault.engine, revision)
            with vault.engine.begin() as conn:
                conn.execute(
                    insert(VaultMeta),
                    [
                        {"key": META_VAULT_ID, "value": keys.vault_id.encode("ascii")},
                        {"key": META_AUDIT_SECRET, "value": secrets.token_bytes(32)},
                    ],
                )
            vault._load_audit_key()
            vault.engine.dispose()
            with contextlib.closing(connect_raw(path, dek)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            vault._current_keys().sign(dek).save(vault.key_path)
        except BaseException:
            vault.close()
            for leftover in [path, *sidecar_paths(path)]:
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            raise
        return vault

    # --- unlocking --------------------------------------------------------------
    def _check_files(self) -> KeyFile:
        marker = self.path.with_name(self.path.name + ".restoring")
        if marker.exists():
            from legalaid.storage.backup import read_restore_marker  # backup imports vault

            found = read_restore_marker(self.path) or {}
            raise RestoreInterrupted(
                path=str(self.path),
                aside=str(self.path.parent / (found.get("aside") or "-")),
                staging=str(self.path.parent / (found.get("staging") or "-")),
            )
        if not self.path.is_file():
            raise VaultNotFound(path=str(self.path))
        _refuse_network_share(self.path)
        with open(self.path, "rb") as fh:
            header = fh.read(16)
        if header == SQLITE_PLAIN_HEADER or len(header) < 16:
            raise NotAVault(path=str(self.path))
        keys = KeyFile.load(self.key_path)
        if keys.db_salt != header.hex():
            raise KeyFileMismatch(path=str(self.key_path))
        return keys

    def read_key_file(self) -> KeyFile:
        """The key file after the checks that need no passphrase (exists, intact, matches)."""
        return self._check_files()

    def unlock(
        self, login: str | None, passphrase: str, wait_for_lock: float = 0.0
    ) -> UnlockResult:
        """Open the vault for `login`. Unknown login and wrong passphrase fail alike.

        Without a login, the vault's only account is meant; with several, LoginRequired.
        """
        load_driver()
        self._check_files()  # clear errors before waiting for another process
        was_held = self._process_lock.held
        if not was_held:
            self._process_lock.acquire(wait_for_lock)
        try:
            keys = self._check_files()  # read again under the lock: it may have rotated
            slot_id = self._slot_id_for(keys, login)
            counter = AttemptCounter(self.path)
            wait = counter.seconds_to_wait(slot_id)
            if wait > 0:
                raise TooManyAttempts(wait)
            slot = keys.find(slot_id)
            secret = kdf.passphrase_bytes(passphrase)
            try:
                private = self._open_slot(keys, slot, secret)
            except keyfile.InvalidUnwrap:
                counter.record_failure(slot_id)
                raise SignInFailed() from None
            finally:
                kdf.wipe(secret)
            assert slot is not None
            result = self._finish_unlock(keys, slot, private)
            result.failed_attempts = counter.take_on_success(slot_id)
            return result
        except BaseException:
            self._abandon(was_held)
            raise

    def unlock_with_secret(self, slot: Slot, secret: bytearray) -> UnlockResult:
        """Open with a slot found by the caller (the recovery key)."""
        load_driver()
        self._check_files()
        was_held = self._process_lock.held
        if not was_held:
            self._process_lock.acquire()
        try:
            keys = self._check_files()
            current = keys.find(slot.slot_id)
            private = self._open_slot(keys, current, secret)
            assert current is not None
            return self._finish_unlock(keys, current, private)
        except keyfile.InvalidUnwrap:
            self._abandon(was_held)
            raise SignInFailed() from None
        except BaseException:
            self._abandon(was_held)
            raise

    def _abandon(self, keep_process_lock: bool) -> None:
        """A failed unlock leaves nothing open: no engine, no key, no lock it took."""
        self.lock()
        if not keep_process_lock:
            self._process_lock.release()

    @staticmethod
    def _slot_id_for(keys: KeyFile, login: str | None) -> str:
        if login is not None:
            return keys.account_slot_id(login)
        accounts = [slot for slot in keys.slots if slot.kind == keyfile.KIND_ACCOUNT]
        if len(accounts) != 1:
            raise LoginRequired()
        return accounts[0].slot_id

    @staticmethod
    def _open_slot(keys: KeyFile, slot: Slot | None, secret: bytearray) -> Any:
        if slot is None:
            # Same cost as the usual slot: the time taken does not tell which logins exist.
            costs = Counter(s.kdf for s in keys.slots if s.kind == keyfile.KIND_ACCOUNT)
            usual = costs.most_common(1)[0][0] if costs else keys.default_kdf
            usual.derive(secret, bytes(16))
            raise keyfile.InvalidUnwrap()
        return keyfile.open_slot_private_key(slot, secret, keys.vault_id)

    def _damaged_key_file(self) -> KeyFileDamaged:
        return KeyFileDamaged(path=str(self.key_path), previous=str(previous_copy(self.key_path)))

    def _finish_unlock(self, keys: KeyFile, slot: Slot, private: Any) -> UnlockResult:
        try:
            candidates = [keyfile.unseal_data_key(private, slot, slot.dek, keys.vault_id)]
            if slot.pending_dek is not None:
                candidates.append(
                    keyfile.unseal_data_key(private, slot, slot.pending_dek, keys.vault_id)
                )
        except keyfile.InvalidUnwrap:
            # The passphrase opened the slot, so a sealed key that fails was altered.
            raise self._damaged_key_file() from None
        if not keys.mac_valid(candidates[0]):
            raise self._damaged_key_file()
        dek = self._first_working_key(candidates)
        self._attach(dek, keys)
        result = UnlockResult(slot.slot_id)
        if slot.pending_dek is not None:
            # A key rotation (account removal) was interrupted: finish it now, so the
            # removed account's old key stops opening the database.
            if dek is candidates[0]:
                self._rekey(candidates[0], candidates[1])
            self._complete_rotation(candidates[1])
        if self.path.stat().st_size <= QUICK_CHECK_ON_UNLOCK_MAX_BYTES:
            self.quick_check()
        if migrate.needs_upgrade(self.engine):
            result.upgraded_from = migrate.current_revision(self.engine)
            result.backup_before_upgrade = self._upgrade_with_backup()
        self._load_audit_key()
        with self.engine.connect() as connection:
            report = audit.quick_head_check(connection, audit.read_head(self.head_path))
        if not report.ok:
            self._record_head_mismatch(report)
            result.warnings.append("audit_head_mismatch")
        return result

    def _record_head_mismatch(self, report: audit.ChainReport) -> None:
        """The database's chain does not reach the head kept outside it (a rollback, a cut
        tail, a lost head file). Keep the head that was found, write the finding into the
        chain itself, and anchor a new head: nothing is overwritten silently."""
        kept = None
        if self.head_path.exists():
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            kept = self.head_path.with_name(f"{self.head_path.name}.mismatch-{stamp}")
            os.replace(self.head_path, kept)
        logger.warning("audit head mismatch (%s) in vault %s", report.problem, self.vault_id[:8])
        with self.session(None) as session:
            self.record(
                session,
                audit.HEAD_MISMATCH,
                "vault",
                self.vault_id[:16],
                {
                    "problem": report.problem,
                    "expected_seq": report.first_bad_seq,
                    "kept_head": kept.name[-40:] if kept else None,
                },
            )
            session.commit()

    def _first_working_key(self, candidates: list[bytearray]) -> bytearray:
        driver = load_driver()
        first_damage: VaultDamaged | None = None  # what the current key found, if anything
        for candidate in candidates:
            try:
                connect_raw(self.path, candidate).close()
                return candidate
            except VaultDamaged as damage:
                first_damage = first_damage or damage
                continue
            except driver.DatabaseError:
                continue
        raise first_damage or VaultDamaged(detail="page 1")

    def _attach(self, dek: bytearray, keys: KeyFile) -> None:
        self._dek = dek
        self.keys = keys
        self._engine = make_engine(self.path, self._require_dek)
        self._sessions = None

    def _require_dek(self) -> bytearray:
        if self._dek is None:
            raise VaultLocked()
        return self._dek

    def _load_audit_key(self) -> None:
        with self.engine.connect() as connection:
            secret = connection.execute(
                select(VaultMeta.value).where(VaultMeta.key == META_AUDIT_SECRET)
            ).scalar_one()
        self._audit_key = audit.derive_audit_key(secret)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        audit.install(self._sessions, self._audit_key, self.head_path)
        self._readers = sessionmaker(read_only(self.engine), expire_on_commit=False)
        event.listen(self._readers, "before_flush", _refuse_writes)

    def quick_check(self) -> None:
        """SQLite's quick_check over every page (each one decrypted and authenticated):
        VaultDamaged naming the pages if anything is wrong. Cost grows with the vault."""
        driver = load_driver()
        try:
            with self.engine.connect() as connection:
                result = connection.exec_driver_sql("PRAGMA quick_check").scalar()
        except (driver.DatabaseError, DBAPIError):
            result = "error"
        if result != "ok":
            raise VaultDamaged(detail=self.describe_damage())

    def describe_damage(self) -> str:
        """Name the damaged pages (cipher_integrity_check) for the message and the check."""
        pages = self.damaged_pages()
        if pages:
            return ", ".join(f"page {page}" for page in pages[:5])
        return "integrity check failed"

    def damaged_pages(self) -> list[int]:
        connection = connect_raw(self.path, self._require_dek())
        try:
            return damaged_pages_of(connection)
        finally:
            connection.close()

    def _upgrade_with_backup(self) -> Path:
        from legalaid.storage.backup import automatic_backup  # backup imports this module

        backup_file = automatic_backup(self, reason="upgrade")
        try:
            migrate.upgrade(self.engine)
        except Exception as exc:
            logger.error("upgrade failed: vault %s, %s", self.vault_id[:8], type(exc).__name__)
            raise MigrationFailed(backup=str(backup_file)) from exc
        logger.info("vault %s upgraded to schema %s", self.vault_id[:8], migrate.head_revision())
        return backup_file

    # --- state ------------------------------------------------------------------
    @property
    def is_unlocked(self) -> bool:
        return self._dek is not None

    @property
    def engine(self) -> Engine:
        if self._engine is None or self._dek is None:
            raise VaultLocked()
        return self._engine

    @property
    def vault_id(self) -> str:
        assert self.keys is not None
        return self.keys.vault_id

    def session(self, actor_id: int | None) -> Session:
        """A session whose changes are audited in the name of `actor_id`."""
        if self._sessions is None or self._dek is None:
            raise VaultLocked()
        return self._sessions(info={audit.ACTOR_KEY: actor_id})

    def read_session(self) -> Session:
        """A session for queries only: it never waits for, nor blocks, a writer."""
        if self._readers is None or self._dek is None:
            raise VaultLocked()
        return self._readers()

    def record(
        self,
        session: Session,
        action: str,
        entity: str,
        entity_id: str | int,
        detail: dict[str, Any] | None = None,
    ) -> None:
        if self._audit_key is None:
            raise VaultLocked()
        audit.record(session, self._audit_key, action, entity, entity_id, detail)

    def record_many(self, session: Session, events: list[audit.Event]) -> None:
        """Bulk version of `record` (synthetic data, imports) in the session's transaction."""
        if self._audit_key is None:
            raise VaultLocked()
        session.info[audit.HEAD_INFO_KEY] = audit.append_many(
            session.connection(), self._audit_key, events
        )

    def verify_audit(self, exported: audit.Head | None = None) -> audit.ChainReport:
        """Walk the chain against the head file, then against a head exported earlier."""
        if self._audit_key is None:
            raise VaultLocked()
        with self.engine.connect() as connection:
            report = audit.verify_chain(
                connection, self._audit_key, audit.read_head(self.head_path)
            )
            if report.ok and exported is not None:
                report = audit.quick_head_check(connection, exported)
            return report

    def audit_head(self) -> audit.Head:
        with self.engine.connect() as connection:
            return audit.last_entry(connection)

    def recorded_head_mismatches(self) -> list[int]:
        with self.engine.connect() as connection:
            return audit.recorded_mismatches(connection)

    def lock(self) -> None:
        """Close every connection and wipe the keys; the process keeps the vault reserved."""
        if self._engine is not None:
            self._engine.dispose()
        self._engine = None
        self._sessions = None
        self._readers = None
        self._audit_key = None
        kdf.wipe(self._dek)
        self._dek = None

    def close(self) -> None:
        self.lock()
        self._process_lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- key slots --------------------------------------------------------------
    def _save_keys(self, keys: KeyFile) -> None:
        keys.sign(self._require_dek()).save(self.key_path)
        self.keys = keys

    def _current_keys(self) -> KeyFile:
        self._require_dek()
        assert self.keys is not None
        return self.keys

    def set_account_passphrase(
        self, login: str, passphrase: str, params: kdf.KdfParams | None = None
    ) -> None:
        """Write (or replace) the slot of `login`: one atomic key-file write, old file kept."""
        keys = self._current_keys()
        secret = kdf.passphrase_bytes(passphrase)
        try:
            slot = keyfile.new_slot(
                keys.account_slot_id(login),
                keyfile.KIND_ACCOUNT,
                secret,
                params or keys.default_kdf,
                keys.vault_id,
                self._require_dek(),
                keys.dek_generation,
            )
        finally:
            kdf.wipe(secret)
        self._save_keys(keys.with_slot(slot))

    def discard_account_slot(self, login: str) -> None:
        """Undo a slot just written for an account that was not saved (no rotation needed:
        nothing was stored for that person)."""
        keys = self._current_keys()
        self._save_keys(keys.without_slot(keys.account_slot_id(login)))

    def recovery_slots(self) -> Iterator[Slot]:
        return self._current_keys().recovery_slots()

    def has_account_slot(self, login: str) -> bool:
        keys = self._current_keys()
        return keys.find(keys.account_slot_id(login)) is not None

    def check_account_passphrase(self, login: str, passphrase: str) -> bool:
        keys = self._current_keys()
        secret = kdf.passphrase_bytes(passphrase)
        try:
            self._open_slot(keys, keys.find(keys.account_slot_id(login)), secret)
        except keyfile.InvalidUnwrap:
            return False
        finally:
            kdf.wipe(secret)
        return True

    def set_recovery_secret(self, secret: bytearray) -> None:
        """Replace any recovery slot by one that opens with `secret`."""
        keys = self._current_keys()
        for old in list(keys.recovery_slots()):
            keys = keys.without_slot(old.slot_id)
        slot = keyfile.new_slot(
            "r" + secrets.token_hex(16)[:31],
            keyfile.KIND_RECOVERY,
            secret,
            keys.default_kdf,
            keys.vault_id,
            self._require_dek(),
            keys.dek_generation,
        )
        self._save_keys(keys.with_slot(slot))

    def remove_account_and_rotate(self, login: str, drop_recovery: bool = False) -> None:
        """Delete the slot of `login` and re-encrypt the database under a new data key.

        With drop_recovery, recovery slots go too (a departing coordinator may have
        seen the recovery key or hold shares of it).

        Crash-safe order: (1) key file without the removed slot(s), where every other
        slot holds the old key and the new one as pending; (2) PRAGMA rekey; (3) key
        file with only the new key. The removed person has no slot from (1) on; an
        interruption after (1) or (2) is finished by the next unlock, which re-keys if
        needed when it finds a pending key.
        """
        keys = self._current_keys()
        removed = {keys.account_slot_id(login)}
        if drop_recovery:
            removed |= {slot.slot_id for slot in keys.recovery_slots()}
        old_dek = self._require_dek()
        new_dek = keyfile.new_data_key()
        generation = keys.dek_generation + 1
        staged = replace(
            keys,
            slots=[
                _with_pending(slot, new_dek, keys.vault_id, generation)
                for slot in keys.slots
                if slot.slot_id not in removed
            ],
            mac="",
        )
        self._save_keys(staged)
        self._rekey(old_dek, new_dek)
        self._complete_rotation(new_dek)
        logger.info("data key rotated: vault %s, generation %s", keys.vault_id[:8], generation)

    def _rekey(self, old_dek: bytearray, new_dek: bytearray) -> None:
        self.engine.dispose()
        connection = connect_raw(self.path, old_dek)
        try:
            connection.execute("PRAGMA rekey = \"x'" + bytes(new_dek).hex() + "'\"")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()

    def _complete_rotation(self, new_dek: bytearray) -> None:
        """Promote every pending key to current; a slot without one is dropped."""
        keys = self._current_keys()
        promoted = [
            replace(slot, dek=slot.pending_dek, pending_dek=None)
            for slot in keys.slots
            if slot.pending_dek is not None
        ]
        old = self._dek
        if old is not new_dek:
            kdf.wipe(old)
        self._dek = new_dek
        self._save_keys(
            replace(keys, dek_generation=keys.dek_generation + 1, slots=promoted, mac="")
        )

    # --- integrity --------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        """Full check: cipher HMAC of every page and SQLite's own integrity check."""
        problems = [f"page {page}" for page in self.damaged_pages()]
        try:
            with self.engine.connect() as connection:
                rows = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
        except DBAPIError:
            rows = ["database disk image is malformed"]
        problems.extend(str(row) for row in rows if row != "ok")
        return problems

    def purge_deleted_residue(self) -> None:
        """After erasing a record: fold the WAL into the (secure-deleted) file and empty it,
        so no old page copy survives in `-wal` (SECURITY.md 26)."""
        # Outside any transaction (SQLAlchemy would BEGIN first, and a checkpoint cannot
        # run inside one), on a connection of its own.
        with contextlib.closing(self.raw_connection()) as connection:
            busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            logger.warning("checkpoint after erase incomplete: vault %s", self.vault_id[:8])
            raise VaultError()

    def raw_connection(self) -> Any:
        """A separate keyed DBAPI connection (online backup)."""
        return connect_raw(self.path, self._require_dek())

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        with self.engine.connect() as connection:
            yield connection

    def read_meta(self, key: str) -> bytes | None:
        with self.engine.connect() as connection:
            return connection.execute(
                select(VaultMeta.value).where(VaultMeta.key == key)
            ).scalar_one_or_none()

    def write_meta(self, key: str, value: bytes) -> None:
        with self.engine.begin() as connection:
            connection.execute(text("DELETE FROM vault_meta WHERE key = :k"), {"k": key})
            connection.execute(insert(VaultMeta), {"key": key, "value": value})


def _refuse_writes(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("a read session cannot write; use Vault.session()")


def _with_pending(slot: Slot, new_dek: bytearray, vault_id: str, generation: int) -> Slot:
    pending = keyfile.seal_data_key(slot.public_key, new_dek, vault_id, slot.slot_id, generation)
    return replace(slot, pending_dek=pending)


__all__ = ["Vault", "UnlockResult", "VaultError", "sidecar_paths"]

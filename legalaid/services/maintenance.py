"""Checking, backing up and restoring a vault; its status at a glance."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from legalaid import log
from legalaid.domain.accounts import Account
from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import Role
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services import search_index
from legalaid.services.auth import sign_in
from legalaid.services.permissions import Permission, require
from legalaid.services.setup import META_DEMO
from legalaid.services.workspace import Workspace
from legalaid.storage import audit, migrate
from legalaid.storage import backup as backup_store
from legalaid.storage.atomic import previous_copy
from legalaid.storage.errors import SignInFailed
from legalaid.storage.keyfile import KeyFile, normalise_login
from legalaid.storage.vault import Vault

logger = log.get(__name__)

AUDIT_PROBLEMS = {
    "altered": N_("audit event {seq} was altered, or an event before it was swapped"),
    "missing": N_("audit event {seq} is missing (deleted)"),
    "truncated": N_("the audit trail ends before event {seq}: its tail was removed"),
    "head_mismatch": N_("the audit trail does not match its recorded head (event {seq})"),
    "head_missing": N_("the audit trail's head file is missing, so a cut tail would go unseen"),
}


@dataclass(frozen=True)
class CheckItem:
    code: str  # key_file, key_slots, encryption, database, audit
    ok: bool
    message: str  # untranslated template
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class CheckReport:
    items: list[CheckItem]

    @property
    def ok(self) -> bool:
        return all(item.ok for item in self.items)


def check(ws: Workspace, exported_head: str | None = None) -> CheckReport:
    """Key file, key slots against accounts, page encryption, SQLite integrity, audit chain.

    `exported_head` is a head printed earlier by `status` ('SEQ:MAC'): the chain must
    still reach it unchanged, which catches a vault rolled back together with its files.
    """
    ws.require(Permission.CHECK_VAULT)
    vault = ws.vault
    items = [_check_key_file(vault), _check_slots(ws)]
    pages = vault.damaged_pages()
    items.append(
        CheckItem(
            "encryption",
            not pages,
            N_("page encryption: damaged pages {pages}")
            if pages
            else N_("page encryption: every page authenticates"),
            {"pages": ", ".join(map(str, pages[:10]))},
        )
    )
    problems = [p for p in vault.integrity_problems() if not p.startswith("page ")]
    items.append(
        CheckItem(
            "database",
            not problems,
            N_("database structure: {detail}")
            if problems
            else N_("database structure: no problems"),
            {"detail": "; ".join(problems[:3])},
        )
    )
    items.append(_check_search_index(vault))
    items.append(_check_audit(vault, exported_head))
    return CheckReport(items)


def rebuild_search_index(ws: Workspace) -> None:
    """Coordinators: rewrite the search tables from the records (audited)."""
    ws.require(Permission.BACKUP)
    with ws.session() as session:
        search_index.rebuild(session.connection())
        ws.vault.record(session, "search_index_rebuilt", "vault", ws.vault.vault_id[:16])
        session.commit()


def _check_search_index(vault: Vault) -> CheckItem:
    """FTS5's own consistency check, and one index row for every person and case."""
    driver_errors: tuple[type[BaseException], ...] = (DBAPIError,)
    try:
        with vault.engine.begin() as connection:
            for table in ("person_search", "case_search"):
                connection.execute(
                    text(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
                )
            counts = connection.execute(
                text(
                    "SELECT (SELECT count(*) FROM person), (SELECT count(*) FROM person_search), "
                    "(SELECT count(*) FROM legal_case), (SELECT count(*) FROM case_search)"
                )
            ).one()
    except driver_errors:
        return CheckItem(
            "search_index", False, N_("search index: damaged; it can be rebuilt from the records")
        )
    if counts[0] != counts[1] or counts[2] != counts[3]:
        return CheckItem("search_index", False, N_("search index: out of step with the records"))
    return CheckItem("search_index", True, N_("search index: in step with the records"))


def _check_audit(vault: Vault, exported_head: str | None) -> CheckItem:
    exported = None
    if exported_head:
        try:
            exported = audit.parse_exported_head(exported_head)
        except ValueError:
            raise ValidationError(
                N_(
                    "An audit head looks like 123:followed-by-64-hex-digits, as 'status' prints it."
                ),
                field="head",
            ) from None
    report = vault.verify_audit(exported)
    if not report.ok:
        assert report.problem is not None
        return CheckItem(
            "audit", False, AUDIT_PROBLEMS[report.problem], {"seq": report.first_bad_seq or "?"}
        )
    mismatches = vault.recorded_head_mismatches()
    if mismatches:
        return CheckItem(
            "audit",
            False,
            N_(
                "audit trail: intact since event {seq}, which records that the trail was found "
                "cut or replaced at a sign-in; compare with a backup"
            ),
            {"seq": mismatches[-1]},
        )
    return CheckItem(
        "audit", True, N_("audit trail: {count} events, chain intact"), {"count": report.events}
    )


def _check_key_file(vault: Vault) -> CheckItem:
    current = KeyFile.load(vault.key_path)
    assert vault.keys is not None
    if not current.mac_valid(vault._require_dek()):
        return CheckItem("key_file", False, N_("key file: altered since it was written"))
    previous = previous_copy(vault.key_path)
    if previous.exists():
        try:
            KeyFile.load(previous)
        except Exception:  # noqa: BLE001 - any failure means the copy is unusable
            return CheckItem(
                "key_file", False, N_("key file: intact, but its previous copy is damaged")
            )
    return CheckItem("key_file", True, N_("key file: intact"))


def _check_slots(ws: Workspace) -> CheckItem:
    keys = ws.vault.keys
    assert keys is not None
    with ws.reader() as session:
        accounts = list(session.scalars(select(Account)))
    expected = {keys.account_slot_id(a.login) for a in accounts if a.active}
    present = {slot.slot_id for slot in keys.slots if slot.kind == "account"}
    if present - expected:
        return CheckItem(
            "key_slots",
            False,
            N_("key slots: {count} slots belong to no active account"),
            {"count": len(present - expected)},
        )
    if expected - present:
        return CheckItem(
            "key_slots",
            False,
            N_("key slots: {count} active accounts cannot sign in (no slot)"),
            {"count": len(expected - present)},
        )
    return CheckItem("key_slots", True, N_("key slots: one for each active account"))


def backup(ws: Workspace, target: Path) -> dict[str, Any]:
    ws.require(Permission.BACKUP)
    manifest = backup_store.create_backup(ws.vault, target)
    with ws.session() as session:
        ws.vault.record(session, "backup", "vault", ws.vault.vault_id[:16])
        session.commit()
    logger.info(
        "backup verified: vault %s, %s audit events by account %s",
        ws.vault.vault_id[:8],
        manifest["audit_events"],
        ws.actor.id,
    )
    return manifest


def restore(
    archive: Path, target: Path, login: str | None, passphrase: str, force: bool = False
) -> dict[str, Any]:
    """Only a coordinator of the backed-up vault may restore it; the event is audited."""

    def authorize(staged: Vault) -> None:
        assert staged.keys is not None
        with staged.session(None) as session:
            for account in session.scalars(select(Account).where(Account.active.is_(True))):
                matches = (
                    account.login == normalise_login(login)
                    if login is not None
                    else staged.keys.find(staged.keys.account_slot_id(account.login)) is not None
                )
                if matches:
                    require(Role(account.role), Permission.RESTORE)
                    return
        raise SignInFailed()

    manifest = backup_store.restore_backup(archive, target, login, passphrase, force, authorize)
    with sign_in(target, login, passphrase) as ws, ws.session() as session:
        ws.vault.record(
            session,
            "restore",
            "vault",
            ws.vault.vault_id[:16],
            {"backup_created_at": str(manifest.get("created_at", ""))[:20]},
        )
        session.commit()
    return manifest


def status(ws: Workspace) -> dict[str, Any]:
    ws.require(Permission.VIEW_STATUS)
    keys = ws.vault.keys
    assert keys is not None
    with ws.reader() as session:
        accounts = session.scalar(select(func.count(Account.id)).where(Account.active.is_(True)))
        events = session.scalar(select(func.count(AuditEvent.seq)))
        revision = migrate.revision_on(session.connection())
    return {
        "path": str(ws.vault.path),
        "vault_id": keys.vault_id,
        "demo": ws.vault.read_meta(META_DEMO) == b"1",
        "schema": revision,
        "key_generation": keys.dek_generation,
        "active_accounts": int(accounts or 0),
        "audit_events": int(events or 0),
        "audit_head": audit.format_head(ws.vault.audit_head()),
        "user": ws.actor.login,
        "role": ws.actor.role,
        "office": ws.actor.office_code,
    }


__all__ = ["check", "backup", "restore", "status", "CheckReport", "CheckItem"]

"""Signing in and out, locking, and recovering access with the recovery key."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from legalaid import log
from legalaid.domain.accounts import Account
from legalaid.domain.passphrase_policy import check_passphrase
from legalaid.errors import NotFound
from legalaid.i18n import N_
from legalaid.services import recovery_key
from legalaid.services.accounts import passphrase_context
from legalaid.services.checklist_templates import update_templates
from legalaid.services.courts import update_courts
from legalaid.services.directory import update_directory
from legalaid.services.workspace import AccountInfo, Workspace
from legalaid.storage.errors import SignInFailed
from legalaid.storage.keyfile import normalise_login
from legalaid.storage.vault import UnlockResult, Vault

logger = log.get(__name__)


def _find_signed_in_account(
    vault: Vault, session: Session, login: str | None, slot_id: str
) -> Account | None:
    if login is not None:
        return session.scalar(select(Account).where(Account.login == normalise_login(login)))
    assert vault.keys is not None
    for account in session.scalars(select(Account)):
        if vault.keys.account_slot_id(account.login) == slot_id:
            return account
    return None


def _open_workspace(vault: Vault, login: str | None, result: UnlockResult) -> Workspace:
    try:
        with vault.session(None) as session:
            account = _find_signed_in_account(vault, session, login, result.slot_id)
            if account is None or not account.active:
                raise SignInFailed()
            session.info["actor_id"] = account.id
            vault.record(session, "sign_in", "account", account.id)
            if result.failed_attempts:
                vault.record(
                    session,
                    "sign_in_failures",
                    "account",
                    account.id,
                    {"count": result.failed_attempts},
                )
            update_directory(vault, session)
            update_courts(vault, session)
            update_templates(vault, session)
            if result.upgraded_from is not None:
                vault.record(
                    session, "vault_upgraded", "vault", "schema", {"from": result.upgraded_from}
                )
            session.commit()
            info = AccountInfo.of(account)
    except BaseException:
        vault.close()
        raise
    logger.info(
        "signed in: vault %s, account %s, role %s, earlier failures %s",
        vault.vault_id[:8],
        info.id,
        info.role.value,
        result.failed_attempts,
    )
    return Workspace(vault, info, result.failed_attempts, list(result.warnings))


def sign_in(
    path: Path, login: str | None, passphrase: str, wait_for_lock: float = 0.0
) -> Workspace:
    """Unlock the vault as `login` (None: the vault's only account) and audit the sign-in."""
    vault = Vault(path)
    result = vault.unlock(login, passphrase, wait_for_lock)
    return _open_workspace(vault, login, result)


def lock(ws: Workspace) -> None:
    """Auto-lock or Ctrl+L: audit, then drop every connection and key."""
    with ws.session() as session:
        ws.vault.record(session, "lock", "account", ws.actor.id)
        session.commit()
    ws.vault.lock()


def unlock_again(ws: Workspace, passphrase: str) -> Workspace:
    """The same person comes back after a lock; nobody else can take over the session."""
    result = ws.vault.unlock(ws.actor.login, passphrase)
    with ws.session() as session:
        ws.vault.record(session, "unlock", "account", ws.actor.id)
        session.commit()
    ws.failed_attempts = result.failed_attempts
    return ws


def recover(path: Path, key_texts: list[str], login: str, new_passphrase: str) -> Workspace:
    """Open with the printed recovery key (or enough of its shares) and give `login` a new
    passphrase. The use is audited."""
    secret = recovery_key.secret_from(key_texts)
    vault = Vault(path)
    try:
        keys_slots = list(vault.read_key_file().recovery_slots())
        if not keys_slots:
            raise SignInFailed()
        result = None
        for slot in keys_slots:
            try:
                result = vault.unlock_with_secret(slot, secret)
                break
            except SignInFailed:
                continue
        if result is None:
            raise SignInFailed()
    finally:
        recovery_key.wipe(secret)
    try:
        with vault.session(None) as session:
            # Recorded before anything else: the vault was opened with the recovery key.
            vault.record(session, "recovery_used", "vault", "recovery")
            session.commit()
        with vault.session(None) as session:
            account = session.scalar(select(Account).where(Account.login == normalise_login(login)))
            if account is None or not account.active:
                raise NotFound(
                    N_("There is no active account with the login {login}."), login=login
                )
            check_passphrase(
                new_passphrase,
                passphrase_context(account.login, account.display_name, account.office),
            )
            vault.record(session, "passphrase_reset", "account", account.id)
            session.commit()
            vault.set_account_passphrase(account.login, new_passphrase)
    except BaseException:
        vault.close()
        raise
    vault.close()
    return sign_in(path, login, new_passphrase)

"""Staff accounts: add, list, change role, deactivate, passphrases, recovery key.

A passphrase lives only in the key file (a slot); the account row carries who the
person is and what they may do. Deactivating removes the slot and rotates the
data key before the row is marked inactive, so a crash in between leaves an
account that cannot sign in rather than a removed person who still can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select

from legalaid.domain.accounts import Account, Office
from legalaid.domain.enums import Role
from legalaid.domain.passphrase_policy import check_passphrase
from legalaid.errors import Conflict, NotFound, ValidationError
from legalaid.i18n import LANGUAGES, N_
from legalaid.services import recovery_key
from legalaid.services.permissions import Permission
from legalaid.services.workspace import AccountInfo, Workspace
from legalaid.storage.keyfile import normalise_login

LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


def validate_login(login: str) -> str:
    normalised = normalise_login(login)
    if not LOGIN_PATTERN.match(normalised):
        raise ValidationError(
            N_(
                "A login has 2 to 32 characters: Latin letters, digits, '.', '_' or '-', "
                "starting with a letter or digit."
            ),
            field="login",
        )
    return normalised


def validate_display_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not 2 <= len(cleaned) <= 200:
        raise ValidationError(
            N_("The name must have between 2 and 200 characters."), field="display_name"
        )
    return cleaned


def validate_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValidationError(
            N_("The language must be one of: {choices}."),
            field="language",
            choices=", ".join(LANGUAGES),
        )
    return language


def passphrase_context(login: str, display_name: str, office: Office | None) -> list[str]:
    words = [login, display_name, *display_name.split()]
    if office is not None:
        words += [office.code, office.name_ky, office.name_ru, office.name_en]
    return words


def _account(session: object, login: str) -> Account:
    account = session.scalar(  # type: ignore[attr-defined]
        select(Account).where(Account.login == normalise_login(login))
    )
    if account is None:
        raise NotFound(N_("There is no account with the login {login}."), login=login)
    return account  # type: ignore[no-any-return]


def _office(session: object, code: str) -> Office:
    office = session.scalar(select(Office).where(Office.code == code.upper()))  # type: ignore[attr-defined]
    if office is None:
        raise NotFound(N_("There is no office with the code {code}."), code=code)
    return office  # type: ignore[no-any-return]


def add_account(
    ws: Workspace,
    login: str,
    display_name: str,
    role: Role,
    passphrase: str,
    office_code: str | None = None,
    language: str = "ru",
) -> AccountInfo:
    ws.require(Permission.MANAGE_ACCOUNTS)
    login = validate_login(login)
    display_name = validate_display_name(display_name)
    language = validate_language(language)
    with ws.session() as session:
        office = _office(session, office_code or ws.actor.office_code)
        check_passphrase(passphrase, passphrase_context(login, display_name, office))
        if session.scalar(select(Account.id).where(Account.login == login)) is not None:
            raise Conflict(N_("The login {login} is already taken."), login=login)
        account = Account(
            login=login,
            display_name=display_name,
            role=Role(role).value,
            active=True,
            language=language,
            office=office,
        )
        session.add(account)
        session.flush()
        ws.vault.set_account_passphrase(login, passphrase)
        try:
            session.commit()
        except BaseException:
            ws.vault.discard_account_slot(login)  # no account row, so no slot either
            raise
        return AccountInfo.of(account)


def list_accounts(ws: Workspace, include_inactive: bool = True) -> list[AccountInfo]:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.reader() as session:
        query = select(Account).order_by(Account.login)
        if not include_inactive:
            query = query.where(Account.active.is_(True))
        return [AccountInfo.of(account) for account in session.scalars(query)]


def _active_coordinators(session: object) -> int:
    return int(
        session.scalar(  # type: ignore[attr-defined]
            select(func.count(Account.id)).where(
                Account.active.is_(True), Account.role == Role.COORDINATOR.value
            )
        )
    )


def _refuse_last_coordinator(session: object, account: Account) -> None:
    if (
        account.role == Role.COORDINATOR.value
        and account.active
        and (_active_coordinators(session) <= 1)
    ):
        raise Conflict(
            N_("{login} is the last active coordinator; make someone else coordinator first."),
            login=account.login,
        )


def set_role(ws: Workspace, login: str, role: Role) -> AccountInfo:
    ws.require(Permission.MANAGE_ACCOUNTS)
    with ws.session() as session:
        account = _account(session, login)
        if Role(role) != Role.COORDINATOR:
            _refuse_last_coordinator(session, account)
        account.role = Role(role).value
        session.commit()
        return AccountInfo.of(account)


@dataclass(frozen=True)
class Deactivation:
    account: AccountInfo
    recovery_key_revoked: bool


def deactivate(ws: Workspace, login: str) -> Deactivation:
    """Remove the person's key slot, rotate the data key, then mark the account inactive.

    A departing coordinator may have seen the recovery key: it is revoked with them,
    and a new one should be made.
    """
    ws.require(Permission.MANAGE_ACCOUNTS)
    with ws.session() as session:
        account = _account(session, login)
        if not account.active:
            return Deactivation(AccountInfo.of(account), False)
        _refuse_last_coordinator(session, account)
        account_id = account.id
        was_coordinator = account.role == Role.COORDINATOR.value
    had_recovery = any(True for _ in ws.vault.recovery_slots())
    ws.vault.remove_account_and_rotate(login, drop_recovery=was_coordinator)
    revoked = was_coordinator and had_recovery
    with ws.session() as session:
        account = _account(session, login)
        account.active = False
        ws.vault.record(
            session,
            "key_rotation",
            "vault",
            "dek",
            {"removed_account": account_id, "recovery_key_revoked": revoked},
        )
        session.commit()
        return Deactivation(AccountInfo.of(account), revoked)


def activate(ws: Workspace, login: str, passphrase: str) -> AccountInfo:
    """Give a deactivated account a new slot (a new passphrase) and mark it active."""
    ws.require(Permission.MANAGE_ACCOUNTS)
    with ws.session() as session:
        account = _account(session, login)
        check_passphrase(
            passphrase, passphrase_context(account.login, account.display_name, account.office)
        )
        ws.vault.set_account_passphrase(account.login, passphrase)
        account.active = True
        session.commit()
        return AccountInfo.of(account)


def reset_passphrase(ws: Workspace, login: str, passphrase: str) -> None:
    """A coordinator gives another person a new passphrase (a new slot replaces the old)."""
    ws.require(Permission.MANAGE_ACCOUNTS)
    with ws.session() as session:
        account = _account(session, login)
        if not account.active:
            raise Conflict(
                N_("The account {login} is deactivated; activate it instead."), login=login
            )
        check_passphrase(
            passphrase, passphrase_context(account.login, account.display_name, account.office)
        )
        # Recorded first: an interrupted reset is over-reported, never hidden.
        ws.vault.record(session, "passphrase_reset", "account", account.id)
        session.commit()
        ws.vault.set_account_passphrase(account.login, passphrase)


def change_own_passphrase(ws: Workspace, current: str, new: str) -> None:
    if not ws.vault.check_account_passphrase(ws.actor.login, current):
        raise ValidationError(N_("The current passphrase is wrong."), field="current_passphrase")
    with ws.session() as session:
        account = _account(session, ws.actor.login)
        check_passphrase(
            new, passphrase_context(account.login, account.display_name, account.office)
        )
        ws.vault.record(session, "passphrase_change", "account", account.id)
        session.commit()
        ws.vault.set_account_passphrase(account.login, new)


def create_recovery_key(ws: Workspace, shares: int = 1, threshold: int = 1) -> list[str]:
    """A new printed recovery key, whole or as `shares` of which `threshold` open the vault.

    It replaces any older one, is shown once and never stored in clear.
    """
    ws.require(Permission.CREATE_RECOVERY_KEY)
    if shares == 1 and threshold == 1:
        secret, printed = recovery_key.generate()
        printable = [printed]
    else:
        if not 2 <= threshold <= shares <= 15:
            raise ValidationError(
                N_(
                    "Shares must number between 2 and 15, and at least 2 of them must be "
                    "needed (no more than there are)."
                ),
                field="shares",
            )
        secret, printable = recovery_key.generate_shares(shares, threshold)
    try:
        with ws.session() as session:
            ws.vault.set_recovery_secret(secret)
            ws.vault.record(
                session,
                "recovery_key_created",
                "vault",
                "recovery",
                {"shares": shares, "threshold": threshold},
            )
            session.commit()
    finally:
        recovery_key.wipe(secret)
    return printable

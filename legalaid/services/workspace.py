"""A signed-in person working in an unlocked vault: the argument of every service call."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account
from legalaid.domain.enums import Role
from legalaid.services.permissions import Permission, allowed, require
from legalaid.storage.vault import Vault


@dataclass(frozen=True)
class AccountInfo:
    id: int
    login: str
    display_name: str
    role: Role
    active: bool
    language: str
    office_code: str

    @classmethod
    def of(cls, account: Account) -> AccountInfo:
        return cls(
            id=account.id,
            login=account.login,
            display_name=account.display_name,
            role=Role(account.role),
            active=account.active,
            language=account.language,
            office_code=account.office.code,
        )


@dataclass
class Workspace:
    vault: Vault
    actor: AccountInfo
    failed_attempts: int = 0
    warnings: list[str] = field(default_factory=list)

    def session(self) -> Session:
        """For a service call that changes records (audited in the actor's name)."""
        return self.vault.session(self.actor.id)

    def reader(self) -> Session:
        """For a service call that only reads: never blocks and is never blocked."""
        return self.vault.read_session()

    def require(self, permission: Permission) -> None:
        require(self.actor.role, permission)

    def may(self, permission: Permission) -> bool:
        return allowed(self.actor.role, permission)

    def acting_as(self, login: str) -> Workspace:
        """The same open vault in another active account's name: for the demo's synthetic
        work, never for a person at the keyboard (who signs in with their passphrase)."""
        from sqlalchemy import select  # noqa: PLC0415 - only the demo needs it

        with self.reader() as session:
            account = session.scalar(
                select(Account).where(Account.login == login, Account.active.is_(True))
            )
            if account is None:
                raise LookupError(login)
            return Workspace(self.vault, AccountInfo.of(account))

    def lock(self) -> None:
        self.vault.lock()

    def close(self) -> None:
        self.vault.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

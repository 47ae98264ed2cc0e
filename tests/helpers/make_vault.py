"""Small builders shared by tests (cheap KDF, a few accounts)."""

from __future__ import annotations

from pathlib import Path

from legalaid.domain.enums import Role
from legalaid.services import accounts
from legalaid.services.setup import create_vault
from legalaid.services.workspace import Workspace
from legalaid.storage import kdf

ADMIN = "admin"
ADMIN_PASSPHRASE = "correct horse battery staple"
OTHER_PASSPHRASE = "another long passphrase for tests"
CANARY = "Zqxjvwkpl"


def new_vault(path: Path, **kwargs: object) -> Workspace:
    return create_vault(
        path, ADMIN, "Test Coordinator", ADMIN_PASSPHRASE, params=kdf.FAST_FOR_TESTS, **kwargs
    )  # type: ignore[arg-type]


def add_staff(
    ws: Workspace, login: str, role: Role, passphrase: str, name: str = "Staff Member"
) -> None:
    accounts.add_account(ws, login, name, role, passphrase)


def files_below(folder: Path) -> list[Path]:
    """Every file in a folder tree (database, WAL, key file, backups, counters...)."""
    return [p for p in folder.rglob("*") if p.is_file()]


def files_containing(folder: Path, needle: str) -> list[Path]:
    """Files whose raw bytes contain `needle` in UTF-8 or UTF-16 (SQLite's text encodings)."""
    patterns = [needle.encode("utf-8"), needle.encode("utf-16-le"), needle.encode("utf-16-be")]
    return [p for p in files_below(folder) if any(pat in p.read_bytes() for pat in patterns)]


def copy_vault(source: Path, folder: Path) -> Path:
    """A closed vault's files (not its lock) copied into `folder`; returns the new path."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for item in source.parent.glob(source.name + "*"):
        if item.is_file() and not item.name.endswith(".lock"):
            shutil.copyfile(item, folder / item.name)
    return folder / source.name


def as_user(ws: Workspace, login: str) -> Workspace:
    """The same open vault, acting as another account (to test what each role may do)."""
    from sqlalchemy import select

    from legalaid.domain.accounts import Account
    from legalaid.services.workspace import AccountInfo

    with ws.reader() as session:
        account = session.scalar(select(Account).where(Account.login == login))
        assert account is not None
        return Workspace(ws.vault, AccountInfo.of(account))

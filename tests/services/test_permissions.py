"""SECURITY.md 15: every service call enforces the role matrix below the UI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, copy_vault, new_vault

from legalaid.domain.enums import Region, Role
from legalaid.errors import PermissionDenied
from legalaid.services import accounts, maintenance, offices
from legalaid.services.auth import sign_in
from legalaid.services.permissions import ROLE_PERMISSIONS, Permission
from legalaid.services.workspace import Workspace

PASSPHRASES = {role: f"passphrase of the {role.value} for tests" for role in Role}

COORDINATOR_ONLY: dict[str, Callable[[Workspace, Path], object]] = {
    "add account": lambda ws, _p: accounts.add_account(
        ws, "newbie", "New Person", Role.LAWYER, "a long passphrase for newbie"
    ),
    "list accounts": lambda ws, _p: accounts.list_accounts(ws),
    "set role": lambda ws, _p: accounts.set_role(ws, "staff-lawyer", Role.PARALEGAL),
    "deactivate": lambda ws, _p: accounts.deactivate(ws, "staff-lawyer"),
    "reset passphrase": lambda ws, _p: accounts.reset_passphrase(
        ws, "staff-lawyer", "a replacement passphrase"
    ),
    "recovery key": lambda ws, _p: accounts.create_recovery_key(ws),
    "add office": lambda ws, _p: offices.add_office(
        ws, "NEW", {"ky": "Жаңы", "ru": "Новый", "en": "New"}, Region.OSH
    ),
    "backup": lambda ws, p: maintenance.backup(ws, p / "b.labak"),
}
EVERYONE: dict[str, Callable[[Workspace, Path], object]] = {
    "check": lambda ws, _p: maintenance.check(ws),
    "status": lambda ws, _p: maintenance.status(ws),
    "list offices": lambda ws, _p: offices.list_offices(ws),
}


@pytest.fixture(scope="module")
def staffed_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("staffed") / "vault.db"
    ws = new_vault(path)
    for role in Role:
        if role is not Role.COORDINATOR:
            accounts.add_account(
                ws, f"staff-{role.value}", f"Staff {role.value}", role, PASSPHRASES[role]
            )
    ws.close()
    return path


@pytest.mark.parametrize("action", sorted(COORDINATOR_ONLY))
@pytest.mark.parametrize("role", [Role.LAWYER, Role.PARALEGAL, Role.MONITOR])
def test_non_coordinators_are_refused(
    staffed_vault: Path, tmp_path: Path, role: Role, action: str
) -> None:
    with (
        sign_in(staffed_vault, f"staff-{role.value}", PASSPHRASES[role]) as ws,
        pytest.raises(PermissionDenied),
    ):
        COORDINATOR_ONLY[action](ws, tmp_path)


@pytest.mark.parametrize("action", sorted(EVERYONE))
@pytest.mark.parametrize("role", [Role.LAWYER, Role.PARALEGAL, Role.MONITOR])
def test_every_role_may_check_and_see_status(
    staffed_vault: Path, tmp_path: Path, role: Role, action: str
) -> None:
    with sign_in(staffed_vault, f"staff-{role.value}", PASSPHRASES[role]) as ws:
        assert EVERYONE[action](ws, tmp_path) is not None


@pytest.mark.parametrize("action", sorted(COORDINATOR_ONLY))
def test_the_coordinator_may(tmp_path: Path, action: str) -> None:
    ws = new_vault(tmp_path / "v" / "vault.db")
    accounts.add_account(ws, "staff-lawyer", "Staff Lawyer", Role.LAWYER, PASSPHRASES[Role.LAWYER])
    accounts.add_account(
        ws, "second-coordinator", "Second", Role.COORDINATOR, "second coordinator passphrase"
    )
    try:
        COORDINATOR_ONLY[action](ws, tmp_path)
    finally:
        ws.close()


def test_matrix_gives_coordinators_everything_and_others_little() -> None:
    assert ROLE_PERMISSIONS[Role.COORDINATOR] == frozenset(Permission)
    for role in (Role.LAWYER, Role.PARALEGAL, Role.MONITOR):
        assert Permission.MANAGE_ACCOUNTS not in ROLE_PERMISSIONS[role]


def test_an_inactive_account_cannot_sign_in_even_with_its_old_passphrase(
    staffed_vault: Path, tmp_path: Path
) -> None:
    copy = copy_vault(staffed_vault, tmp_path / "copy")
    with sign_in(copy, ADMIN, ADMIN_PASSPHRASE) as ws:
        accounts.deactivate(ws, "staff-monitor")
    from legalaid.storage.errors import SignInFailed

    with pytest.raises(SignInFailed):
        sign_in(copy, "staff-monitor", PASSPHRASES[Role.MONITOR])

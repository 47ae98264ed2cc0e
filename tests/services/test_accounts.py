"""Accounts and offices: validation, last coordinator, passphrases, recovery key."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, OTHER_PASSPHRASE, new_vault
from sqlalchemy import select

from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import Region, Role
from legalaid.errors import Conflict, NotFound, ValidationError
from legalaid.services import accounts, auth, offices, recovery_key
from legalaid.services.auth import sign_in
from legalaid.services.workspace import Workspace
from legalaid.storage.errors import SignInFailed


def test_add_and_list_accounts_with_kyrgyz_names(workspace: Workspace) -> None:
    accounts.add_account(
        workspace, "Aigul.T", "Айгүл  Токтосунова", Role.PARALEGAL, OTHER_PASSPHRASE, language="ky"
    )
    listed = {a.login: a for a in accounts.list_accounts(workspace)}
    assert listed["aigul.t"].display_name == "Айгүл Токтосунова"
    assert listed["aigul.t"].role is Role.PARALEGAL
    assert listed["aigul.t"].office_code == "MAIN"
    assert listed["aigul.t"].language == "ky"


@pytest.mark.parametrize("login", ["a", "has space", "айгүл", "-dash", "x" * 33, ""])
def test_bad_logins_are_refused_with_the_field_named(workspace: Workspace, login: str) -> None:
    with pytest.raises(ValidationError) as caught:
        accounts.add_account(workspace, login, "Some Body", Role.LAWYER, OTHER_PASSPHRASE)
    assert caught.value.field == "login"


def test_duplicate_login_and_unknown_office(workspace: Workspace) -> None:
    accounts.add_account(workspace, "lawyer1", "Lawyer One", Role.LAWYER, OTHER_PASSPHRASE)
    with pytest.raises(Conflict):
        accounts.add_account(workspace, "LAWYER1", "Lawyer Two", Role.LAWYER, OTHER_PASSPHRASE)
    with pytest.raises(NotFound):
        accounts.add_account(
            workspace, "lawyer3", "Lawyer Three", Role.LAWYER, OTHER_PASSPHRASE, office_code="NOPE"
        )


def test_a_refused_account_leaves_no_slot(workspace: Workspace) -> None:
    with pytest.raises(ValidationError):
        accounts.add_account(workspace, "weak", "Weak Person", Role.LAWYER, "short")
    assert not workspace.vault.has_account_slot("weak")
    assert "weak" not in [a.login for a in accounts.list_accounts(workspace)]


def test_the_last_coordinator_cannot_be_demoted_or_deactivated(workspace: Workspace) -> None:
    with pytest.raises(Conflict):
        accounts.set_role(workspace, ADMIN, Role.LAWYER)
    with pytest.raises(Conflict):
        accounts.deactivate(workspace, ADMIN)
    accounts.add_account(
        workspace, "second", "Second Coordinator", Role.COORDINATOR, OTHER_PASSPHRASE
    )
    assert accounts.set_role(workspace, ADMIN, Role.LAWYER).role is Role.LAWYER


def test_reset_and_reactivate(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "lawyer1", "Lawyer One", Role.LAWYER, OTHER_PASSPHRASE)
    accounts.reset_passphrase(ws, "lawyer1", "the reset passphrase of lawyer one")
    accounts.deactivate(ws, "lawyer1")
    with pytest.raises(Conflict):
        accounts.reset_passphrase(ws, "lawyer1", "yet another long passphrase")
    accounts.activate(ws, "lawyer1", "a passphrase after coming back")
    ws.close()
    sign_in(vault_path, "lawyer1", "a passphrase after coming back").close()
    with pytest.raises(SignInFailed):
        sign_in(vault_path, "lawyer1", "the reset passphrase of lawyer one")


def test_change_own_passphrase_needs_the_current_one(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        accounts.change_own_passphrase(workspace, "not my passphrase", "new long passphrase x")
    assert caught.value.field == "current_passphrase"


def test_recovery_key_resets_a_passphrase_and_is_audited(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    [printed] = accounts.create_recovery_key(ws)
    ws.close()
    assert len(printed.replace("-", "")) == 40
    with auth.recover(
        vault_path, [printed.lower().replace("-", " ")], ADMIN, "the passphrase after recovery"
    ) as recovered:
        with recovered.session() as session:
            actions = session.scalars(select(AuditEvent.action)).all()
        assert "recovery_used" in actions and "passphrase_reset" in actions
    with pytest.raises(SignInFailed):
        sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE)
    sign_in(vault_path, ADMIN, "the passphrase after recovery").close()


def test_a_new_recovery_key_replaces_the_old_one(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    first = accounts.create_recovery_key(ws)
    second = accounts.create_recovery_key(ws)
    ws.close()
    with pytest.raises(SignInFailed):
        auth.recover(vault_path, first, ADMIN, "the passphrase after recovery")
    auth.recover(vault_path, second, ADMIN, "the passphrase after recovery").close()


@pytest.mark.parametrize("pair", [(0, 1), (0, 2), (1, 2)])
def test_any_two_of_three_shares_recover(vault_path: Path, pair: tuple[int, int]) -> None:
    ws = new_vault(vault_path)
    shares = accounts.create_recovery_key(ws, shares=3, threshold=2)
    ws.close()
    assert len(set(shares)) == 3
    chosen = [shares[i] for i in pair]
    auth.recover(vault_path, chosen, ADMIN, "the passphrase after recovery").close()
    sign_in(vault_path, ADMIN, "the passphrase after recovery").close()


def test_one_share_is_not_enough(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    shares = accounts.create_recovery_key(ws, shares=3, threshold=2)
    ws.close()
    for share in shares:
        with pytest.raises(ValidationError) as caught:
            auth.recover(vault_path, [share, share], ADMIN, "the passphrase after recovery")
        assert "2 are needed" in str(caught.value)
    sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE).close()  # nothing changed


def test_shares_of_another_key_do_not_open(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    old = accounts.create_recovery_key(ws, shares=3, threshold=2)
    accounts.create_recovery_key(ws, shares=3, threshold=2)
    ws.close()
    with pytest.raises(SignInFailed):
        auth.recover(vault_path, old[:2], ADMIN, "the passphrase after recovery")


def test_silly_share_counts_are_refused(workspace: Workspace) -> None:
    for shares, threshold in ((3, 1), (2, 3), (16, 2)):
        with pytest.raises(ValidationError):
            accounts.create_recovery_key(workspace, shares, threshold)


def test_recovery_key_typos_are_caught_before_trying() -> None:
    _secret, printed = recovery_key.generate()
    typo = ("B" if printed[0] != "B" else "C") + printed[1:]
    with pytest.raises(ValidationError):
        recovery_key.parse(typo)
    assert recovery_key.parse(printed.lower()) == _secret


def test_recovery_without_a_recovery_slot_fails_plainly(vault_path: Path) -> None:
    new_vault(vault_path).close()
    _secret, printed = recovery_key.generate()
    with pytest.raises(SignInFailed):
        auth.recover(vault_path, [printed], ADMIN, "the passphrase after recovery")


def test_lock_and_unlock_again_by_the_same_person(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    auth.lock(ws)
    from legalaid.storage.errors import VaultLocked

    with pytest.raises(VaultLocked):
        accounts.list_accounts(ws)
    auth.unlock_again(ws, ADMIN_PASSPHRASE)
    assert accounts.list_accounts(ws)
    with ws.session() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions[-2:] == ["lock", "unlock"]
    ws.close()


def test_offices_validate_their_codes_and_names(workspace: Workspace) -> None:
    with pytest.raises(ValidationError):
        offices.add_office(workspace, "o", {"ky": "Ош", "ru": "Ош", "en": "Osh"}, Region.OSH)
    with pytest.raises(ValidationError):
        offices.add_office(workspace, "OSH", {"ky": "", "ru": "Ош", "en": "Osh"}, Region.OSH)
    info = offices.add_office(
        workspace,
        "osh",
        {"ky": "Ош кеңсеси", "ru": "Ошский офис", "en": "Osh office"},
        Region.OSH_CITY,
    )
    assert info.code == "OSH"
    with pytest.raises(Conflict):
        offices.add_office(workspace, "OSH", {"ky": "Ош", "ru": "Ош", "en": "Osh"}, Region.OSH)

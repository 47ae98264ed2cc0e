"""The idle time before the lock and the small-count threshold of reports are the office's,
set by a coordinator, kept in the vault."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, OTHER_PASSPHRASE

from legalaid.domain.enums import Role
from legalaid.errors import PermissionDenied, ValidationError
from legalaid.services import accounts, office_settings
from legalaid.services.auth import sign_in
from legalaid.services.workspace import Workspace


def test_the_default_is_five_minutes_and_a_coordinator_changes_it(
    workspace: Workspace, vault_path: Path
) -> None:
    assert office_settings.idle_minutes(workspace) == 5
    assert office_settings.set_idle_minutes(workspace, 12) == 12
    workspace.close()
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as again:
        assert office_settings.idle_minutes(again) == 12
        assert again.vault.verify_audit().ok


@pytest.mark.parametrize("minutes", [0, 61, -5])
def test_an_idle_time_out_of_range_is_refused(workspace: Workspace, minutes: int) -> None:
    with pytest.raises(ValidationError) as refused:
        office_settings.set_idle_minutes(workspace, minutes)
    assert refused.value.field == "idle_minutes"
    assert office_settings.idle_minutes(workspace) == 5


def test_only_a_coordinator_sets_it(workspace: Workspace, vault_path: Path) -> None:
    accounts.add_account(workspace, "para1", "Айгүл Осмонова", Role.PARALEGAL, OTHER_PASSPHRASE)
    workspace.close()
    with sign_in(vault_path, "para1", OTHER_PASSPHRASE) as paralegal:
        with pytest.raises(PermissionDenied):
            office_settings.set_idle_minutes(paralegal, 30)
        assert office_settings.idle_minutes(paralegal) == 5


def test_the_change_is_audited(workspace: Workspace) -> None:
    from sqlalchemy import select

    from legalaid.domain.audit import AuditEvent

    office_settings.set_idle_minutes(workspace, 10)
    with workspace.reader() as session:
        actions = list(session.scalars(select(AuditEvent.action)))
    assert actions[-1] == "settings_change"


def test_the_office_decides_whether_the_last_login_is_offered(workspace: Workspace) -> None:
    assert office_settings.remember_last_login(workspace) is True
    office_settings.set_remember_last_login(workspace, False)
    assert office_settings.remember_last_login(workspace) is False


def test_the_small_count_threshold_is_five_and_kept_between_two_and_twenty(
    workspace: Workspace, vault_path: Path
) -> None:
    assert office_settings.small_count_threshold(workspace) == 5
    for refused_value in (1, 21):
        with pytest.raises(ValidationError) as refused:
            office_settings.set_small_count_threshold(workspace, refused_value)
        assert refused.value.field == "small_count_threshold"
    assert office_settings.set_small_count_threshold(workspace, 10) == 10
    workspace.close()
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as again:
        assert office_settings.small_count_threshold(again) == 10

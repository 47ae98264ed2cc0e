"""Schema migrations (issue 2; SECURITY.md 34): upgrade after a backup, all or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import op
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE
from sqlalchemy import inspect as sa_inspect

from legalaid.storage import migrate
from legalaid.storage.backup import SUFFIX, verify_backup
from legalaid.storage.errors import MigrationFailed
from legalaid.storage.vault import Vault

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def old_vault(tmp_path: Path) -> Path:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURES / "vault-0001", folder)
    return folder / "vault.db"


def _tables(vault: Vault) -> set[str]:
    with vault.engine.connect() as connection:
        return set(sa_inspect(connection).get_table_names())


def test_migrations_form_one_line_from_0001() -> None:
    known = migrate.known_revisions()
    assert {"0001", "0002", "0003"} <= known
    assert migrate.head_revision() == max(known)


def test_the_released_schema_0002_upgrades_and_keeps_its_records(tmp_path: Path) -> None:
    folder = tmp_path / "released"
    shutil.copytree(FIXTURES / "vault-0002", folder)
    from legalaid.services import accounts, people
    from legalaid.services.auth import sign_in
    from legalaid.services.people import PersonInput

    with sign_in(folder / "vault.db", ADMIN, ADMIN_PASSPHRASE) as ws:
        assert migrate.current_revision(ws.vault.engine) == migrate.head_revision()
        assert [a.display_name for a in accounts.list_accounts(ws)] == ["Жылдыз Асанова"]
        person = people.add_person(ws, PersonInput("Токтосунова", "Айгүл"))
        assert people.get_person(ws, person.id).surname == "Токтосунова"
        assert ws.vault.verify_audit().ok


def test_a_vault_made_with_the_first_migration_upgrades_to_head(old_vault: Path) -> None:
    vault = Vault(old_vault)
    result = vault.unlock(ADMIN, ADMIN_PASSPHRASE)
    try:
        assert result.upgraded_from == "0001"
        assert migrate.current_revision(vault.engine) == migrate.head_revision()
        assert {
            "office",
            "account",
            "audit_event",
            "vault_meta",
            "person",
            "legal_case",
            "person_search",
        } <= _tables(vault)
        assert result.backup_before_upgrade is not None
        assert result.backup_before_upgrade.name.endswith(SUFFIX)
        manifest = verify_backup(result.backup_before_upgrade, vault._require_dek())
        assert manifest["schema_revision"] == "0001"
        assert vault.verify_audit().ok
    finally:
        vault.close()


def test_a_migration_that_fails_midway_changes_nothing(
    old_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_create_table = op.create_table
    calls = []

    def failing_create_table(name: str, *columns: object, **kw: object) -> object:
        calls.append(name)
        if name == "account":  # the second table of 0002: 'office' already exists
            raise RuntimeError("injected failure")
        return real_create_table(name, *columns, **kw)

    monkeypatch.setattr(op, "create_table", failing_create_table)
    with pytest.raises(MigrationFailed) as caught:
        Vault(old_vault).unlock(ADMIN, ADMIN_PASSPHRASE)
    assert calls == ["office", "account"]
    assert "backups" in str(caught.value)
    monkeypatch.undo()

    vault = Vault(old_vault)
    vault._check_files()
    # Open below the migration machinery: the schema must be exactly as before.
    from legalaid.storage import keyfile
    from legalaid.storage.engine import connect_raw
    from legalaid.storage.kdf import passphrase_bytes

    keys = vault.read_key_file()
    slot = keys.find(keys.account_slot_id(ADMIN))
    assert slot is not None
    private = keyfile.open_slot_private_key(slot, passphrase_bytes(ADMIN_PASSPHRASE), keys.vault_id)
    dek = keyfile.unseal_data_key(private, slot, slot.dek, keys.vault_id)
    connection = connect_raw(old_vault, dek)
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        connection.close()
    assert "office" not in tables and revision == "0001"

    reopened = Vault(old_vault)  # and a later, working upgrade still succeeds
    assert reopened.unlock(ADMIN, ADMIN_PASSPHRASE).upgraded_from == "0001"
    reopened.close()

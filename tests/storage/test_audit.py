"""Audit events and their HMAC chain (SECURITY.md 20-22)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, CANARY, OTHER_PASSPHRASE, new_vault
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import Region, Role
from legalaid.services import accounts, maintenance, offices
from legalaid.services.auth import sign_in
from legalaid.services.workspace import Workspace
from legalaid.storage import audit


def _events(ws: Workspace) -> list[AuditEvent]:
    with ws.session() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def test_record_changes_write_events_naming_fields_not_content(workspace: Workspace) -> None:
    before = len(_events(workspace))
    info = accounts.add_account(
        workspace, "lawyer1", f"{CANARY} Lawyer", Role.LAWYER, OTHER_PASSPHRASE
    )
    accounts.set_role(workspace, "lawyer1", Role.PARALEGAL)
    new = _events(workspace)[before:]
    assert [(e.action, e.entity, e.entity_id) for e in new] == [
        ("create", "account", str(info.id)),
        ("update", "account", str(info.id)),
    ]
    assert all(e.actor_id == workspace.actor.id for e in new)
    assert json.loads(new[0].detail)["fields"] == [
        "active",
        "created_at",
        "display_name",
        "id",
        "language",
        "login",
        "office_id",
        "role",
    ]
    assert json.loads(new[1].detail) == {"fields": ["role"]}
    assert all(CANARY not in (e.detail + e.entity_id) for e in _events(workspace))


def test_deletes_are_audited(workspace: Workspace) -> None:
    offices.add_office(
        workspace, "TMP", {"ky": "Убактылуу", "ru": "Временный", "en": "Temporary"}, Region.OSH
    )
    from legalaid.domain.accounts import Office

    with workspace.session() as session:
        session.delete(session.scalars(select(Office).where(Office.code == "TMP")).one())
        session.commit()
    assert _events(workspace)[-1].action == "delete"
    assert _events(workspace)[-1].entity == "office"


def test_sign_in_is_audited_with_time_and_actor(vault_path: Path) -> None:
    new_vault(vault_path).close()
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        last = _events(ws)[-1]
        assert (last.action, last.actor_id) == ("sign_in", ws.actor.id)
        assert last.at.endswith("Z") and len(last.at) == 20


def test_audit_table_is_append_only(workspace: Workspace) -> None:
    with workspace.vault.engine.begin() as connection, pytest.raises(DatabaseError):
        connection.execute(text("UPDATE audit_event SET action = 'x' WHERE seq = 1"))
    with workspace.vault.engine.begin() as connection, pytest.raises(DatabaseError):
        connection.execute(text("DELETE FROM audit_event WHERE seq = 1"))


def test_audit_detail_refuses_free_text() -> None:
    with pytest.raises(ValueError):
        audit._detail_json({"note": "Айгүл told us about her husband"})


def _vault_with_events(vault_path: Path, count: int = 6) -> Workspace:
    ws = new_vault(vault_path)
    for index in range(count):
        offices.add_office(
            ws,
            f"OF{index}",
            {"ky": f"Кеңсе {index}", "ru": f"Офис {index}", "en": f"Office {index}"},
            Region.OSH,
        )
    assert maintenance.check(ws).ok
    return ws


def _tamper(ws: Workspace, *statements: str) -> None:
    """Bypass the append-only triggers, as an attacker with the key would."""
    with ws.vault.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_event_no_update"))
        connection.execute(text("DROP TRIGGER audit_event_no_delete"))
        for statement in statements:
            connection.execute(text(statement))


def test_intact_chain_verifies(vault_path: Path) -> None:
    ws = _vault_with_events(vault_path)
    report = ws.vault.verify_audit()
    assert report.ok and report.events == len(_events(ws))
    ws.close()


def test_edited_event_is_named(vault_path: Path) -> None:
    ws = _vault_with_events(vault_path)
    _tamper(ws, "UPDATE audit_event SET actor_id = 99 WHERE seq = 4")
    report = ws.vault.verify_audit()
    assert (report.problem, report.first_bad_seq) == ("altered", 4)
    ws.close()


def test_deleted_event_is_named(vault_path: Path) -> None:
    ws = _vault_with_events(vault_path)
    _tamper(ws, "DELETE FROM audit_event WHERE seq = 3")
    report = ws.vault.verify_audit()
    assert (report.problem, report.first_bad_seq) == ("missing", 3)
    ws.close()


def test_swapped_events_are_named(vault_path: Path) -> None:
    ws = _vault_with_events(vault_path)
    _tamper(
        ws,
        "UPDATE audit_event SET seq = -5 WHERE seq = 5",
        "UPDATE audit_event SET seq = 5 WHERE seq = 6",
        "UPDATE audit_event SET seq = 6 WHERE seq = -5",
    )
    report = ws.vault.verify_audit()
    assert (report.problem, report.first_bad_seq) == ("altered", 5)
    ws.close()


def test_truncated_tail_is_detected_against_the_external_head(vault_path: Path) -> None:
    ws = _vault_with_events(vault_path)
    total = len(_events(ws))
    _tamper(ws, f"DELETE FROM audit_event WHERE seq > {total - 2}")
    report = ws.vault.verify_audit()
    assert (report.problem, report.first_bad_seq) == ("truncated", total - 1)
    ws.close()


def test_check_command_reports_the_bad_event(vault_path: Path) -> None:
    ws = _vault_with_events(vault_path)
    _tamper(ws, "UPDATE audit_event SET entity_id = '777' WHERE seq = 2")
    report = maintenance.check(ws)
    assert not report.ok
    item = next(i for i in report.items if i.code == "audit")
    assert item.params == {"seq": 2}
    ws.close()


def test_opening_notices_a_head_that_does_not_match(vault_path: Path) -> None:
    ws = _vault_with_events(vault_path)
    total = len(_events(ws))
    _tamper(ws, f"DELETE FROM audit_event WHERE seq > {total - 1}")
    ws.close()
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as reopened:
        assert "audit_head_mismatch" in reopened.warnings


def test_a_mismatch_found_at_sign_in_is_written_into_the_chain_and_kept(
    vault_path: Path,
) -> None:
    ws = _vault_with_events(vault_path)
    total = len(_events(ws))
    _tamper(ws, f"DELETE FROM audit_event WHERE seq > {total - 1}")
    ws.close()
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as reopened:
        mismatch = [e for e in _events(reopened) if e.action == audit.HEAD_MISMATCH]
        assert len(mismatch) == 1
        assert json.loads(mismatch[0].detail)["problem"] == "truncated"
        item = next(i for i in maintenance.check(reopened).items if i.code == "audit")
        assert not item.ok and item.params == {"seq": mismatch[0].seq}
    assert list(vault_path.parent.glob("vault.db.audit.mismatch-*"))
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as again:  # stays visible
        assert not maintenance.check(again).ok


def test_a_rollback_with_the_head_file_deleted_is_caught(vault_path: Path, tmp_path: Path) -> None:
    """Copy back an older database and delete the head: needs no key at all."""
    ws = _vault_with_events(vault_path, count=2)
    ws.close()
    old = tmp_path / "old-copy"
    old.mkdir()
    for name in ("vault.db", "vault.db-wal"):
        if (vault_path.parent / name).exists():
            shutil.copyfile(vault_path.parent / name, old / name)
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        offices.add_office(ws, "LATER", {"ky": "Кийин", "ru": "Позже", "en": "Later"}, Region.OSH)
    for name in ("vault.db", "vault.db-wal"):
        (vault_path.parent / name).unlink(missing_ok=True)
        if (old / name).exists():
            shutil.copyfile(old / name, vault_path.parent / name)
    audit.head_path(vault_path).unlink()
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as reopened:
        assert "audit_head_mismatch" in reopened.warnings
        assert not maintenance.check(reopened).ok


def test_an_exported_head_catches_a_rollback_of_every_file(
    vault_path: Path, tmp_path: Path
) -> None:
    ws = _vault_with_events(vault_path, count=2)
    ws.close()
    saved = tmp_path / "saved"
    shutil.copytree(vault_path.parent, saved)
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        offices.add_office(ws, "LATER", {"ky": "Кийин", "ru": "Позже", "en": "Later"}, Region.OSH)
        exported = maintenance.status(ws)["audit_head"]
        assert maintenance.check(ws, exported).ok
    shutil.rmtree(vault_path.parent)
    shutil.copytree(saved, vault_path.parent)  # database, key file and head file, all older
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as rolled_back:
        assert maintenance.check(rolled_back).ok  # consistent with itself...
        report = maintenance.check(rolled_back, exported)  # ...but not with the paper copy
        item = next(i for i in report.items if i.code == "audit")
        assert not item.ok and item.message == maintenance.AUDIT_PROBLEMS["truncated"]


def test_a_malformed_exported_head_is_a_clear_error(workspace: Workspace) -> None:
    from legalaid.errors import ValidationError

    with pytest.raises(ValidationError):
        maintenance.check(workspace, "yesterday")

"""Drafts: unsaved input kept per person inside the vault, never in clear on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, CANARY, OTHER_PASSPHRASE, files_containing

from legalaid.domain.enums import Role
from legalaid.errors import ValidationError
from legalaid.services import accounts, drafts
from legalaid.services.auth import sign_in
from legalaid.services.workspace import Workspace


def test_a_draft_is_kept_replaced_and_discarded(workspace: Workspace) -> None:
    drafts.save_draft(workspace, "person", None, {"surname": "Асан"})
    drafts.save_draft(workspace, "person", None, {"surname": "Асанова"})
    drafts.save_draft(workspace, "case", 7, {"summary": "Жаңы"})
    kept = drafts.my_drafts(workspace)
    assert sorted((d.form, d.record_id) for d in kept) == [("case", 7), ("person", None)]
    assert next(d for d in kept if d.form == "person").state == {"surname": "Асанова"}
    drafts.discard_draft(workspace, "person", None)
    assert [(d.form, d.record_id) for d in drafts.my_drafts(workspace)] == [("case", 7)]


def test_only_the_person_who_typed_sees_the_draft(workspace: Workspace, vault_path: Path) -> None:
    accounts.add_account(workspace, "para1", "Айгүл Осмонова", Role.PARALEGAL, OTHER_PASSPHRASE)
    drafts.save_draft(workspace, "person", None, {"surname": "Асанова"})
    workspace.close()
    with sign_in(vault_path, "para1", OTHER_PASSPHRASE) as other:
        assert drafts.my_drafts(other) == []
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as again:
        assert [d.state for d in drafts.my_drafts(again)] == [{"surname": "Асанова"}]


def test_a_draft_is_never_in_clear_on_disk(workspace: Workspace, vault_path: Path) -> None:
    drafts.save_draft(workspace, "case", None, {"summary": f"{CANARY} coerced confession"})
    workspace.close()
    assert files_containing(vault_path.parent.parent, CANARY) == []


def test_an_oversized_draft_is_refused(workspace: Workspace) -> None:
    with pytest.raises(ValidationError):
        drafts.save_draft(workspace, "case", None, {"summary": "x" * (drafts.MAX_STATE_CHARS + 1)})
    assert drafts.my_drafts(workspace) == []

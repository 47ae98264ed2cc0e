"""Nothing written into the vault appears in clear on disk (SECURITY.md 2, 26)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from helpers.make_vault import (
    ADMIN,
    ADMIN_PASSPHRASE,
    CANARY,
    files_below,
    files_containing,
    new_vault,
)

from legalaid.bench import decrypted_copy
from legalaid.domain.enums import Region, Role
from legalaid.services import accounts, maintenance, offices
from legalaid.services.auth import sign_in
from legalaid.storage.errors import SignInFailed

STAFF_NAME = f"Айгүл {CANARY}ова"
OFFICE_NAME = f"{CANARY} кеңсеси"


def _write_canaries(vault_path: Path) -> None:
    ws = new_vault(
        vault_path, office_names={"ky": OFFICE_NAME, "ru": OFFICE_NAME, "en": OFFICE_NAME}
    )
    offices.add_office(
        ws, "OSH", {"ky": OFFICE_NAME, "ru": OFFICE_NAME, "en": OFFICE_NAME}, Region.OSH_CITY
    )
    accounts.add_account(ws, "aigul", STAFF_NAME, Role.PARALEGAL, "a long passphrase for aigul")
    # Checked while the vault is open, WAL not yet checkpointed:
    assert vault_path.with_name("vault.db-wal").exists()
    assert files_containing(vault_path.parent, CANARY) == []
    assert files_containing(vault_path.parent, "Айгүл") == []
    ws.close()


def test_no_name_or_text_in_any_file_the_vault_writes(vault_path: Path) -> None:
    _write_canaries(vault_path)
    names = {p.name for p in files_below(vault_path.parent)}
    assert {"vault.db", "vault.db.keys", "vault.db.audit"} <= names
    assert files_containing(vault_path.parent, CANARY) == []
    assert files_containing(vault_path.parent, "aigul") == []  # logins neither
    assert vault_path.read_bytes()[:16] != b"SQLite format 3\x00"


def test_no_plaintext_in_backups_or_counters(vault_path: Path, tmp_path: Path) -> None:
    _write_canaries(vault_path)
    for _ in range(2):
        with contextlib.suppress(SignInFailed):
            sign_in(vault_path, "aigul", "not aigul's passphrase")
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        maintenance.backup(ws, vault_path.parent / "backup.labak")
    assert vault_path.with_name("vault.db.attempts").exists()
    assert files_containing(vault_path.parent, CANARY) == []
    assert files_containing(vault_path.parent, "aigul") == []
    assert files_containing(Path(str(tmp_path / "home")), CANARY) == []


def test_an_erased_record_leaves_no_trace_in_the_decrypted_pages(
    vault_path: Path, tmp_path: Path
) -> None:
    ws = new_vault(vault_path)
    erased = f"{CANARY}-erased"
    offices.add_office(ws, "GONE", {"ky": erased, "ru": erased, "en": erased}, Region.OSH)
    offices.delete_office(ws, "GONE")
    assert vault_path.with_name("vault.db-wal").stat().st_size == 0
    plain = tmp_path / "decrypted-test-copy.db"
    decrypted_copy(vault_path, ws.vault._require_dek(), plain)
    ws.close()
    raw = plain.read_bytes()
    assert raw[:16] == b"SQLite format 3\x00"  # the export really is plaintext...
    assert erased.encode() not in raw  # ...and the erased text is not in it
    assert b"Test Coordinator" in raw  # a control: kept records are there

"""`legalaid import FILE --dry-run --json REPORT` on a synthetic 300-row register with
deliberate errors (tools/make_register.py: Windows-1251, semicolons, Russian headers): the
suggested mapping printed, the counts, each rejected row with its column and reason, the JSON
report naming rows and columns but no person; nothing written by a dry run; without it the
rows written once (a second import adds nothing) and undone by number; a file that is no
register refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.cli import run_legalaid
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, new_vault

from legalaid.services.auth import sign_in
from legalaid.services.imports.sample_register import register_text
from legalaid.services.imports.saved import save_mapping

ROOT = Path(__file__).resolve().parent.parent


def make_register(target: Path, count: int, later: bool = False) -> None:
    target.write_bytes(register_text(count, 3, later).encode("cp1251"))


def run(args: list[str], vault: Path) -> tuple[int, str, str]:
    return run_legalaid(args, vault, LEGALAID_LANG="en")


@pytest.fixture
def vault(vault_path: Path) -> Path:
    new_vault(vault_path).close()
    return vault_path


def test_a_dry_run_reports_every_row_and_writes_nothing(vault: Path, tmp_path: Path) -> None:
    register = tmp_path / "реестр.csv"
    make_register(register, 300)
    report = tmp_path / "report.json"
    code, out, err = run(["import", str(register), "--dry-run", "--json", str(report)], vault)
    assert code == 0, err
    assert "ФИО -> Full name (surname, name, patronymic)" in out
    assert "Дата обращения -> Date opened" in out
    data = json.loads(report.read_text("utf-8"))
    assert (data["encoding"], data["separator"]) == ("cp1251", ";")
    counts = data["counts"]
    assert sum(counts.values()) == 300 and counts["create"] > 200
    assert counts["duplicate"] > 0 and counts["reject"] > 0
    assert f"{counts['create']} to create, 0 to update, {counts['duplicate']} already there" in out
    rejected = [row for row in data["rows"] if row["outcome"] == "reject"]
    assert all(row["problems"] for row in rejected)
    assert any(
        p["column"] == "Д.р." and "is not a possible date" in p["problem"]
        for row in rejected
        for p in row["problems"]
    )
    text = report.read_text("utf-8")
    for name in ("Асанова", "Токтогулов", "Жылдыз"):
        assert name not in text  # rows and columns, never a person
    # Nothing was written: a second dry run plans exactly the same.
    code, _out, _err = run(["import", str(register), "--dry-run", "--json", str(report)], vault)
    assert json.loads(report.read_text("utf-8"))["counts"] == counts


def test_an_import_is_written_once_and_undone(vault: Path, tmp_path: Path) -> None:
    register = tmp_path / "r.csv"
    make_register(register, 40)
    report = tmp_path / "plan.json"
    code, _out, err = run(["import", str(register), "--dry-run", "--json", str(report)], vault)
    assert code == 0, err
    planned = json.loads(report.read_text("utf-8"))["counts"]["create"]
    code, out, err = run(["import", str(register)], vault)
    assert code == 0, err
    assert f"Imported: {planned} new cases, 0 updated" in out and "import 1;" in out
    code, _out, _err = run(["import", str(register), "--dry-run", "--json", str(report)], vault)
    assert json.loads(report.read_text("utf-8"))["counts"]["create"] == 0  # all there now
    code, out, err = run(["import", "--undo", "1"], vault)
    assert code == 0 and "Import 1 was undone." in out, err
    code, _out, _err = run(["import", str(register), "--dry-run", "--json", str(report)], vault)
    assert json.loads(report.read_text("utf-8"))["counts"]["create"] == planned


def test_a_later_register_updates_and_a_saved_mapping_is_used(vault: Path, tmp_path: Path) -> None:
    first, later = tmp_path / "r.csv", tmp_path / "r-later.csv"
    make_register(first, 60)
    make_register(later, 60, later=True)
    code, _out, err = run(["import", str(first)], vault)
    assert code == 0, err
    report = tmp_path / "later.json"
    code, out, err = run(["import", str(later), "--dry-run", "--json", str(report)], vault)
    assert code == 0, err
    data = json.loads(report.read_text("utf-8"))
    assert data["counts"]["update"] > 0 and data["counts"]["create"] == 0
    updated = [row for row in data["rows"] if row["outcome"] == "update"]
    assert all(
        {"field": "status", "old": "open", "new": "closed"} in row["changes"] for row in updated
    )
    assert f"Row {updated[0]['row']}, Status: open → closed" in out
    code, out, err = run(["import", str(later), "--mapping", "Ош"], vault)
    assert code == 6 and "There is no saved mapping named Ош" in err  # not found
    ws = sign_in(vault, ADMIN, ADMIN_PASSPHRASE)
    columns = {"ФИО": "full_name", "Дата обращения": "opened_on", "Вид": "category"}
    save_mapping(ws, "Ош", columns, {})
    ws.close()
    code, out, err = run(["import", str(later), "--mapping", "Ош", "--dry-run"], vault)
    assert code == 0, err
    assert "Columns (mapping Ош):" in out and "Д.р. -> not imported" in out
    assert "Вид: in the mapping, not in this file" in out


def test_a_non_register_and_a_missing_file_name_are_refused(vault: Path, tmp_path: Path) -> None:
    code, _out, err = run(["import"], vault)
    assert code == 2 and "Name the file" in err
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    code, _out, err = run(["import", str(old), "--dry-run"], vault)
    assert code == 2 and "old Excel file" in err and len(err.strip().splitlines()) == 1

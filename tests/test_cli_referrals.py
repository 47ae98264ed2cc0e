"""`legalaid referrals list`, `legalaid letter` and `legalaid letters --ready` as a person at
a terminal runs them: JSON, files written where asked, refusals in one translated line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from helpers.cli import run_legalaid
from helpers.make_vault import new_vault
from helpers.records import FEMALE, case_for, person
from pypdf import PdfReader

from legalaid.services import directory, referrals
from legalaid.services.referrals import ReferralInput


def run(args: list[str], vault: Path) -> tuple[int, str, str]:
    return run_legalaid(args, vault)


@pytest.fixture
def referred(vault_path: Path) -> dict[str, object]:
    ws = new_vault(vault_path)
    client = person(ws, "Өмүрбекова", "Айгүл", gender=FEMALE, region="osh_city")
    case = case_for(ws, client, "GBV", summary="Beaten by her husband.")
    organisation = next(o.id for o in directory.list_organisations(ws, kind="sgla_centre"))
    consented = referrals.create_referral(
        ws,
        case.id,
        ReferralInput(
            organisation_id=organisation,
            request="Appoint an advocate.",
            consent_on=case.opened_on,
            consent_method="signed_form",
            consent_scope=("identity", "facts"),
        ),
    )
    without_consent = referrals.create_referral(
        ws, case.id, ReferralInput(organisation_id=organisation, request="Help her.")
    )
    for referral in (consented, without_consent):
        referrals.set_letter_ready(ws, referral.id)
    ws.close()
    return {"case": case.number, "with": consented.id, "without": without_consent.id}


def test_referrals_list_as_json(vault_path: Path, referred: dict[str, object]) -> None:
    code, out, err = run(
        ["referrals", "list", "--case", str(referred["case"]), "--json"], vault_path
    )
    assert code == 0, err
    rows = json.loads(out)
    assert {row["id"] for row in rows} == {referred["with"], referred["without"]}
    assert all(row["status"] == "draft" and row["case"] == referred["case"] for row in rows)
    code, out, _err = run(["referrals", "list", "--overdue", "--json"], vault_path)
    assert code == 0 and json.loads(out) == []


def test_a_letter_is_written_where_asked_in_the_chosen_language(
    vault_path: Path, referred: dict[str, object], tmp_path: Path
) -> None:
    target = tmp_path / "letter.pdf"
    code, out, err = run(
        ["letter", str(referred["with"]), "--lang", "ky", "--out", str(target)], vault_path
    )
    assert code == 0, err
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Өмүрбекова Айгүл" in text and "MAIN-" in text and "-жылдын" in text
    assert "MAIN-" in out
    refused = tmp_path / "refused.pdf"
    code, _out, err = run(["letter", str(referred["without"]), "--out", str(refused)], vault_path)
    assert code != 0 and "consent" in err and "Traceback" not in err
    assert not refused.exists()


def test_the_batch_issues_every_ready_letter_and_names_the_refused(
    vault_path: Path, referred: dict[str, object], tmp_path: Path
) -> None:
    folder = tmp_path / "ready"
    code, out, err = run(["letters", "--ready", "--out", str(folder)], vault_path)
    assert code == 1  # one could not be issued
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 1 and files[0].startswith("MAIN-") and files[0].endswith(".pdf")
    assert f"{referred['without']}" in err and "consent" in err
    code, out, err = run(["letters", "--ready", "--out", str(folder)], vault_path)
    assert len(list(folder.iterdir())) == 1  # issued letters are no longer 'ready'

"""Referral letters: no letter without consent, the register's numbers (never reused, distinct
under concurrent issue), reprints, the PDF's text and font in three languages, templates."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, add_staff, as_user
from helpers.records import FEMALE, case_for, organisation, person
from pypdf import PdfReader
from sqlalchemy import select

from legalaid.documents.letter_templates import TemplateError
from legalaid.domain.enums import ReferralStatus, Role
from legalaid.domain.referrals import OutgoingLetter
from legalaid.errors import PermissionDenied, ValidationError
from legalaid.services import letters, referrals
from legalaid.services.letters import ConsentMissing
from legalaid.services.referrals import ReferralInput
from legalaid.services.workspace import Workspace

TODAY = dt.date(2026, 11, 20)
SCOPE = ("identity", "contact", "facts")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def case_id(workspace: Workspace) -> int:
    client = person(
        workspace, "Өмүрбекова", "Айгүл", gender=FEMALE, region="osh_city", phone="0555 123 456"
    )
    return case_for(workspace, client, "GBV", summary="Beaten by her husband on 2 November.").id


def refer(
    ws: Workspace, case_id: int, consent: bool = True, org: int | None = None, **fields: object
) -> int:
    values: dict[str, object] = {
        "organisation_id": org or organisation(ws),
        "reason": "Needs an advocate in court.",
        "request": "Please appoint an advocate of the state-guaranteed legal aid register.",
        "legal_basis": "Law on State-Guaranteed Legal Aid, Art. 20.",
        "enclosures": "Copy of the complaint\nMedical certificate",
        "referred_on": TODAY,
    }
    if consent:
        values.update(consent_on=TODAY, consent_method="signed_form", consent_scope=SCOPE)
    values.update(fields)
    return referrals.create_referral(ws, case_id, ReferralInput(**values), today=TODAY).id  # type: ignore[arg-type]


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def embedded_fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]))
    return names


def test_no_letter_without_the_clients_consent(workspace: Workspace, case_id: int) -> None:
    rid = refer(workspace, case_id, consent=False)
    with pytest.raises(ConsentMissing) as refused:
        letters.issue_letter(workspace, rid, today=TODAY)
    assert "consent" in str(refused.value)
    with pytest.raises(ConsentMissing):
        letters.preview_letter(workspace, rid, today=TODAY)
    with workspace.reader() as session:
        assert session.scalar(select(OutgoingLetter.id)) is None  # no number was used
    only_facts = refer(
        workspace, case_id, consent_on=TODAY, consent_method="signed_form", consent_scope=("facts",)
    )
    with pytest.raises(ConsentMissing):  # the letter names the client: identity is needed
        letters.issue_letter(workspace, only_facts, today=TODAY)


def test_numbers_per_office_and_year_are_never_reused(workspace: Workspace, case_id: int) -> None:
    first = letters.issue_letter(workspace, refer(workspace, case_id), today=TODAY)
    second = letters.issue_letter(workspace, refer(workspace, case_id), today=TODAY)
    assert (first.number, second.number) == ("MAIN-2026/0001", "MAIN-2026/0002")
    letters.cancel_letter(workspace, second.id, "Sent to the wrong centre.")
    third = letters.issue_letter(workspace, refer(workspace, case_id), today=TODAY)
    assert third.number == "MAIN-2026/0003"
    next_year = letters.issue_letter(
        workspace, refer(workspace, case_id), today=dt.date(2027, 1, 4)
    )
    assert next_year.number == "MAIN-2027/0001"
    register = {row.number: row for row in letters.letter_register(workspace)}
    assert register["MAIN-2026/0002"].cancelled
    assert register["MAIN-2026/0002"].cancel_reason == "Sent to the wrong centre."
    with pytest.raises(ValidationError):
        letters.cancel_letter(workspace, second.id, "again")
    with pytest.raises(ValidationError):
        letters.cancel_letter(workspace, first.id, "  ")


def test_a_letter_in_force_is_printed_again_not_renumbered(
    workspace: Workspace, case_id: int
) -> None:
    rid = refer(workspace, case_id)
    issued = letters.issue_letter(workspace, rid, "ru", today=TODAY)
    again = letters.issue_letter(workspace, rid, "ru", today=TODAY + dt.timedelta(days=2))
    assert again.number == issued.number and again.pdf == issued.pdf
    with pytest.raises(ValidationError) as refused:
        letters.issue_letter(workspace, rid, "en", today=TODAY)
    assert issued.number in str(refused.value)
    letters.cancel_letter(workspace, issued.id, "The centre asked for English.")
    english = letters.issue_letter(workspace, rid, "en", today=TODAY)
    assert english.number != issued.number and english.language == "en"
    assert letters.letter_pdf(workspace, issued.id).pdf == issued.pdf  # the register keeps it


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ky", ["Жаран", "2026-жылдын 20-ноябры", "Ң", "Ө", "Ү"]),
        ("ru", ["О направлении", "20 ноября 2026 г."]),
        ("en", ["Referral", "20 November 2026"]),
    ],
)
def test_the_letter_in_each_language(
    workspace: Workspace, case_id: int, language: str, expected: list[str]
) -> None:
    rid = refer(workspace, case_id)
    issued = letters.issue_letter(workspace, rid, language, today=TODAY)
    text = text_of(issued.pdf)
    assert "Өмүрбекова Айгүл" in text
    assert issued.number in text
    assert "+996 555 123 456" in text or "+996555123456" in text  # contact: consented
    assert "Beaten by her husband" in text  # facts: consented
    assert "Medical certificate" in text and "1. Copy of the complaint" in text
    assert "Test Coordinator" in text  # no signatory set: the responsible member of staff
    for needle in expected:
        assert needle in text or needle in text.upper(), needle
    assert {"/DejaVuSans", "/DejaVuSans-Bold"} <= {
        name.split("+")[-1] if "+" in name else name for name in embedded_fonts(issued.pdf)
    } or any("DejaVuSans" in name for name in embedded_fonts(issued.pdf))


def test_what_consent_does_not_cover_is_left_out(workspace: Workspace, case_id: int) -> None:
    rid = refer(
        workspace,
        case_id,
        consent_on=TODAY,
        consent_method="signed_form",
        consent_scope=("identity",),
    )
    text = text_of(letters.issue_letter(workspace, rid, "en", today=TODAY).pdf)
    assert "Өмүрбекова Айгүл" in text
    assert "555" not in text and "Beaten" not in text


def test_a_long_letter_flows_onto_a_second_page(workspace: Workspace, case_id: int) -> None:
    long_request = " ".join(["Please examine the enclosed documents carefully."] * 120)
    rid = refer(workspace, case_id, request=long_request)
    pdf = letters.issue_letter(workspace, rid, "ru", today=TODAY).pdf
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    assert "2" in reader.pages[1].extract_text()  # "page 2 of N" in the footer
    assert " ".join(text_of(pdf).split()).count("Please examine") == 120


def test_two_threads_issuing_at_once_get_distinct_numbers(
    workspace: Workspace, case_id: int
) -> None:
    ids = [refer(workspace, case_id) for _ in range(8)]
    numbers: list[str] = []
    errors: list[BaseException] = []

    def issue(chunk: list[int]) -> None:
        try:
            for rid in chunk:
                numbers.append(letters.issue_letter(workspace, rid, "ru", today=TODAY).number)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=issue, args=(ids[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == [f"MAIN-2026/{n:04d}" for n in range(1, 9)]


def test_two_processes_issuing_at_once_get_distinct_numbers(
    workspace: Workspace, case_id: int, vault_path: Path, tmp_path: Path
) -> None:
    first, second = refer(workspace, case_id), refer(workspace, case_id)
    workspace.close()
    env = {
        **os.environ,
        "LEGALAID_PASSPHRASE": ADMIN_PASSPHRASE,
        "PYTHONPATH": str(ROOT),
    }
    commands = [
        [
            sys.executable,
            "-m",
            "legalaid",
            "--vault",
            str(vault_path),
            "--user",
            ADMIN,
            "--wait",
            "60",
            "letter",
            str(rid),
            "--lang",
            "ru",
            "--out",
            str(tmp_path / f"{rid}.pdf"),
        ]
        for rid in (first, second)
    ]
    running = [
        subprocess.Popen(
            c, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for c in commands
    ]
    results = [p.communicate(timeout=120) for p in running]
    assert [p.returncode for p in running] == [0, 0], results
    texts = [text_of((tmp_path / f"{rid}.pdf").read_bytes()) for rid in (first, second)]
    numbers = {n for n in ("MAIN-2026/0001", "MAIN-2026/0002") for t in texts if n in t}
    assert numbers == {"MAIN-2026/0001", "MAIN-2026/0002"}


def test_who_may_cancel_and_who_may_issue(workspace: Workspace, case_id: int) -> None:
    add_staff(workspace, "para", Role.PARALEGAL, "seven quiet rivers at dawn")
    paralegal = as_user(workspace, "para")
    org = organisation(workspace)
    issued = letters.issue_letter(paralegal, refer(paralegal, case_id, org=org), today=TODAY)
    assert issued.number == "MAIN-2026/0001"
    with pytest.raises(PermissionDenied):
        letters.cancel_letter(paralegal, issued.id, "mistake")
    with pytest.raises(PermissionDenied):
        letters.save_letter_template(paralegal, "ru", "Тема", "Текст")


def test_a_template_with_an_unknown_placeholder_is_refused_by_name(workspace: Workspace) -> None:
    with pytest.raises(TemplateError) as refused:
        letters.save_letter_template(workspace, "ru", "О {client_name}", "Просим {clientname}.")
    assert "{clientname}" in str(refused.value)
    assert refused.value.field == "body"
    assert not letters.letter_template(workspace, "ru").custom


def test_a_coordinators_wording_is_used_until_reset(workspace: Workspace, case_id: int) -> None:
    letters.save_letter_template(
        workspace, "en", "Our referral of {client_name}", "Kindly help {client_name}: {request}"
    )
    rid = refer(workspace, case_id)
    text = text_of(letters.issue_letter(workspace, rid, "en", today=TODAY).pdf)
    assert "Our referral of Өмүрбекова Айгүл" in text and "Kindly help" in text
    assert not letters.reset_letter_template(workspace, "en").custom
    assert letters.letter_template(workspace, "en").template.subject.startswith("Referral")


def test_the_preview_lists_what_is_missing_and_issues_nothing(
    workspace: Workspace, case_id: int
) -> None:
    rid = refer(workspace, case_id, legal_basis="")
    preview = letters.preview_letter(workspace, rid, "ru", today=TODAY)
    assert preview.missing == ("legal_basis",) or "legal_basis" in preview.missing
    assert "due_date" not in preview.missing  # the default period is counted from today
    assert "Өмүрбекова Айгүл" in text_of(preview.pdf)
    assert letters.letter_register(workspace) == []


def test_sending_clears_the_ready_mark_and_the_batch_lists_ready_ones(
    workspace: Workspace, case_id: int
) -> None:
    rid = refer(workspace, case_id)
    referrals.set_letter_ready(workspace, rid)
    assert letters.ready_referral_ids(workspace) == [rid]
    letters.issue_letter(workspace, rid, today=TODAY)
    assert letters.ready_referral_ids(workspace) == []
    referrals.move_referral(workspace, rid, ReferralStatus.SENT, on=TODAY, today=TODAY)


def test_a_letter_to_a_state_legal_aid_centre_carries_the_intakes_eligibility(
    workspace: Workspace,
) -> None:
    from legalaid.domain.intake_rules import document_labels
    from legalaid.services import intake
    from legalaid.services.intake import IntakeInput

    result = intake.submit_intake(
        workspace,
        IntakeInput(
            surname="Асанова",
            given_name="Жылдыз",
            gender="female",
            category="GBV",
            narrative="He beats me.",
            recommended_action="referral",
            eligibility_categories=("family_violence_survivor",),
            consent_record=True,
            consent_method="signed_form",
        ),
    )
    stored = intake.get_intake(workspace, result.case_id)
    assert stored.eligibility_documents
    wanted = document_labels(stored.eligibility_documents[:1], "ru")[0]
    to_centre = refer(workspace, result.case_id, org=organisation(workspace, kind="sgla_centre"))
    text = " ".join(
        text_of(letters.issue_letter(workspace, to_centre, "ru", today=TODAY).pdf).split()
    )
    assert "гарантированную государством" in text and wanted in text
    to_police = refer(workspace, result.case_id, org=organisation(workspace, kind="police"))
    text = " ".join(
        text_of(letters.issue_letter(workspace, to_police, "ru", today=TODAY).pdf).split()
    )
    assert "гарантированную государством" not in text  # the paragraph is left out


def test_a_letter_written_after_the_due_date_asks_anew_from_its_own_day(
    workspace: Workspace, case_id: int
) -> None:
    rid = refer(workspace, case_id, due_on=TODAY + dt.timedelta(days=5))
    referrals.move_referral(workspace, rid, ReferralStatus.SENT, on=TODAY, today=TODAY)
    later = TODAY + dt.timedelta(days=30)  # overdue: a reminder letter
    issued = letters.issue_letter(workspace, rid, "en", today=later)
    due = referrals.get_referral(workspace, rid).due_on
    assert due is not None and due > later
    from legalaid.documents.letter_templates import official_date

    assert official_date(due, "en") in " ".join(text_of(issued.pdf).split())

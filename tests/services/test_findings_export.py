"""Anonymised answers for researchers: XLSX read back with openpyxl (answers and the
dictionary, numbers as numbers), CSV with its dictionary, none of the sensitive values
(observation and court numbers, notes, pseudonyms, free text, the monitor), a formula
defused, confirmation needed, and audited."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from helpers.make_vault import add_staff, as_user
from openpyxl import load_workbook

from legalaid.documents.tabular import csv_bytes, safe_cell
from legalaid.domain.enums import Role
from legalaid.errors import PermissionDenied, ValidationError
from legalaid.services import courts, findings_export, observation_review, observations
from legalaid.services.findings import FindingsFilter
from legalaid.services.observations import DefendantInput, ObservationInput
from legalaid.services.workspace import Workspace

SENSITIVE = ["MON-2026", "УД-777/26", "Zqxjvwkpl", "Д-Кзх", "Айгерим", "Судья Аликулов"]


@pytest.fixture
def observed(workspace: Workspace) -> Workspace:
    add_staff(workspace, "monitor", Role.MONITOR, "quiet hall watching the bench", "Айгерим")
    monitor = as_user(workspace, "monitor")
    osh = next(c.id for c in courts.list_courts(workspace) if c.code == "osh-city-court")
    scheduled = dt.datetime(2026, 4, 14, 10)
    found = observations.start_observation(
        monitor,
        ObservationInput(
            court_id=osh,
            court_number="УД-777/26",
            judges="Судья Аликулов",
            case_kind="criminal",
            stage="first_instance",
            hearing_kind="main",
            scheduled_at=scheduled,
            started_at=scheduled + dt.timedelta(minutes=25),
            ended_at=scheduled + dt.timedelta(minutes=70),
            notes="Zqxjvwkpl",
        ),
        [DefendantInput("Д-Кзх", counsel="none", custody="detained")],
    )
    observations.answer_item(monitor, found.id, "A1", ["no"])
    observations.answer_item(monitor, found.id, "A6", ["12"])
    observations.answer_item(monitor, found.id, "R2", ["Zqxjvwkpl summary"])
    observation_review.submit(monitor, found.id)
    observation_review.approve(workspace, found.id)
    return workspace


def test_the_xlsx_reads_back_without_sensitive_values(observed: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "answers.xlsx"
    written = findings_export.export_answers(
        observed, FindingsFilter(), target, "ru", confirm_unencrypted=True
    )
    assert written == 1
    book = load_workbook(target)
    answers, dictionary = book.worksheets
    header = [c.value for c in answers[1]]
    row = dict(zip(header, [c.value for c in answers[2]], strict=True))
    assert row["row"] == 1 and row["month"] == "2026-04" and row["court"] == "osh-city-court"
    assert row["delay_minutes"] == 25 and row["duration_minutes"] == 45
    assert row["A1"] == "no" and row["A6"] == 12  # a count is a number
    assert row["detained"] == 1 and row["without_counsel"] == 1
    assert "R2" not in header  # free text is never exported
    every = " ".join(str(c.value) for sheet in book for line in sheet.iter_rows() for c in line)
    for value in SENSITIVE:
        assert value not in every, value
    meanings = {r[0].value: r[1].value for r in dictionary.iter_rows(min_row=2)}
    assert "A1" in meanings and meanings["month"]


def test_the_csv_comes_with_its_dictionary(observed: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "answers.csv"
    findings_export.export_answers(
        observed, FindingsFilter(), target, "en", confirm_unencrypted=True
    )
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the Cyrillic right
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "row" and len(rows) == 2
    text = raw.decode("utf-8-sig") + (tmp_path / "answers-dictionary.csv").read_text("utf-8-sig")
    for value in SENSITIVE:
        assert value not in text, value


def test_refusals_and_formulas(observed: Workspace, tmp_path: Path) -> None:
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    with pytest.raises(ValidationError):
        findings_export.export_answers(observed, FindingsFilter(), tmp_path / "a.xlsx", "en")
    with pytest.raises(ValidationError):
        findings_export.export_answers(
            observed, FindingsFilter(), tmp_path / "a.txt", "en", confirm_unencrypted=True
        )
    with pytest.raises(PermissionDenied):
        findings_export.export_answers(
            as_user(observed, "monitor"),
            FindingsFilter(),
            tmp_path / "a.csv",
            "en",
            confirm_unencrypted=True,
        )
    assert not list(tmp_path.iterdir())  # nothing written by a refusal
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe_cell(-5) == -5
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)" and safe_cell("ok") == "ok"
    assert b"'+1" in csv_bytes(["a"], [["+1"]])

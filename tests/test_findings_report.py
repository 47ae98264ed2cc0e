"""The findings report: in each language with its own words (Kyrgyz letters in Kyrgyz), the
filter printed, each indicator with its count and base, sections and quarters, no
pseudonym or note of a hearing in it, fonts embedded, and audited as an export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from helpers.make_vault import add_staff, as_user
from pypdf import PdfReader
from sqlalchemy import select

from legalaid.documents.findings_report import findings_report_pdf
from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import Role
from legalaid.errors import PermissionDenied
from legalaid.services import courts, observation_review, observations
from legalaid.services.findings import FindingsFilter
from legalaid.services.observations import DefendantInput, ObservationInput
from legalaid.services.workspace import Workspace


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def observed(workspace: Workspace) -> Workspace:
    add_staff(workspace, "monitor", Role.MONITOR, "quiet hall watching the bench")
    monitor = as_user(workspace, "monitor")
    osh = next(c.id for c in courts.list_courts(workspace) if c.code == "osh-city-court")
    for day, late, cage in (("2026-04-14", 30, "metal_cage"), ("2026-08-03", 5, "free")):
        scheduled = dt.datetime.fromisoformat(f"{day}T10:00")
        found = observations.start_observation(
            monitor,
            ObservationInput(
                court_id=osh,
                case_kind="criminal",
                stage="first_instance",
                hearing_kind="main",
                scheduled_at=scheduled,
                started_at=scheduled + dt.timedelta(minutes=late),
                notes="Заметка монитора Zqxjvwkpl",
            ),
            [DefendantInput("Д-Кзх", counsel="none")],
        )
        observations.answer_item(monitor, found.id, "C1", [cage])
        observations.answer_item(monitor, found.id, "K1", ["yes" if late > 10 else "no"])
        observation_review.submit(monitor, found.id)
        observation_review.approve(workspace, found.id)
    return workspace


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Fair-trial monitoring: findings", "What was counted", "Key indicators"]),
        ("ru", ["Мониторинг", "Ключевые показатели"]),
        ("ky", ["мониторинг", "Негизги көрсөткүчтөр"]),
    ],
)
def test_the_report_in_each_language(observed: Workspace, language: str, words: list[str]) -> None:
    pdf = findings_report_pdf(observed, FindingsFilter(), language, dt.date(2026, 11, 29))
    text = text_of(pdf)
    for word in words:
        assert word in text, (language, word)
    assert "2026 Q2" in text and "2026 Q3" in text  # a quarter each
    assert "Zqxjvwkpl" not in text and "Д-Кзх" not in text  # no note, no pseudonym
    if language == "ky":
        assert any(letter in text for letter in "ҢӨҮңөү")
    fonts = {
        str(font.get("/BaseFont"))
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in (page.get("/Resources") or {}).get("/Font", {}).values()
    }
    assert fonts and all("DejaVu" in name for name in fonts)


def test_the_filter_and_the_bases_are_printed(observed: Workspace) -> None:
    text = text_of(
        findings_report_pdf(
            observed,
            FindingsFilter(first_day=dt.date(2026, 4, 1), last_day=dt.date(2026, 6, 30)),
            "en",
        )
    )
    assert "01 Apr 2026 – 30 Jun 2026" in text or "1 Apr 2026 – 30 Jun 2026" in text
    assert "Hearings observed: 1" in text
    # the cage: 1 of 1 hearing in the period (a base under 5 carries an asterisk)
    assert "Hearings with defendants in a cage or glass cabin 1 1 100,0 % *" in text


def test_only_coordinators_and_the_export_is_audited(observed: Workspace) -> None:
    with pytest.raises(PermissionDenied):
        findings_report_pdf(as_user(observed, "monitor"), FindingsFilter(), "en")
    findings_report_pdf(observed, FindingsFilter(case_kind="criminal"), "ru")
    with observed.reader() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "findings", AuditEvent.action == "export")
        ).all()
    assert len(events) == 1 and "criminal" in (events[0].detail or "")

"""The court history sheet: proceedings in the order of instances with the court's name of
the time, hearings (why adjourned), the documents filed under each, deadlines and custody,
in the chosen language; audited once."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.records import FEMALE, case_for, person
from pypdf import PdfReader

from legalaid.documents.court_history import court_history_pdf
from legalaid.domain.enums import Role
from legalaid.errors import NotFound
from legalaid.services import attachments, courts, deadlines, history, proceedings
from legalaid.services.proceedings import (
    CustodyInput,
    HearingInput,
    HearingOutcome,
    ProceedingInput,
)
from legalaid.services.workspace import Workspace


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_court_history_in_each_language(workspace: Workspace) -> None:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills", "Нурбек Жээнбеков")
    client = person(workspace, "Асанова", "Жылдыз", gender=FEMALE)
    case = case_for(workspace, client, "CRJ", assigned_lawyer="lawyer", restricted=True)
    by_code = {c.code: c.id for c in courts.list_courts(workspace)}
    first = proceedings.add_proceeding(
        workspace,
        case.id,
        ProceedingInput(
            by_code["osh-city-court"],
            "criminal",
            "accused",
            court_number="УД-77/26",
            charges="CC 122(2)",
            lawyer_login="lawyer",
        ),
    )
    hearing = proceedings.add_hearing(
        workspace, first.id, HearingInput(dt.datetime(2026, 11, 2, 10))
    )
    proceedings.record_hearing(
        workspace, hearing.id, HearingOutcome(result="adjourned", adjourned_reason="No interpreter")
    )
    proceedings.next_instance(workspace, first.id, by_code["osh-oblast-court"], "А-12/26")
    attachments.add_attachment(
        workspace, "case", case.id, "приговор.pdf", b"%PDF-1.4\n%%", proceeding_id=first.id
    )
    attachments.add_attachment(workspace, "case", case.id, "паспорт.pdf", b"%PDF-1.4\n% id")
    deadlines.add_manual_deadline(workspace, case.id, "Подать возражения", dt.date(2026, 12, 4))
    proceedings.set_custody(
        workspace, case.id, CustodyInput(detained_at=dt.datetime(2026, 10, 30, 8), place="СИЗО-5")
    )
    for language, words in (
        ("ru", ["Ошский городской суд", "УД-77/26", "А-12/26", "Подать возражения", "СИЗО-5"]),
        ("ky", ["Ош шаардык соту", "УД-77/26"]),
        ("en", ["Osh City Court", "Osh Oblast Court", "Court history", "No interpreter"]),
    ):
        text = text_of(court_history_pdf(workspace, case.id, language))
        for word in words:
            assert word in text, (language, word)
        assert "приговор.pdf" in text  # the proceeding's document, by name
        assert "паспорт.pdf" not in text  # a case file that is not a court document
    ky = text_of(court_history_pdf(workspace, case.id, "ky"))
    assert any(letter in ky for letter in "ҢӨҮңөү")
    prints = [e for e in history.record_history(workspace, "case", case.id) if e.what == "printed"]
    assert len(prints) == 4
    add_staff(workspace, "para", Role.PARALEGAL, "seven quiet rivers at dawn")
    with pytest.raises(NotFound):
        court_history_pdf(as_user(workspace, "para"), case.id, "ru")

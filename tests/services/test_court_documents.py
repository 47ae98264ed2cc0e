"""Court documents: a case's attachments filed under one of its proceedings — filed when
added or later, listed per proceeding and with the case, refused for another case's
proceeding or a person's file, taken out again, audited with ids only, and gone with the
attachment."""

from __future__ import annotations

import json

import pytest
from helpers.records import case_for, person
from sqlalchemy import select

from legalaid.domain.audit import AuditEvent
from legalaid.domain.courts import ProceedingDocument
from legalaid.errors import ValidationError
from legalaid.services import attachments, courts, history, proceedings
from legalaid.services.proceedings import ProceedingInput
from legalaid.services.workspace import Workspace

DECISION = b"%PDF-1.4\n% the decision of the court\n"
SUMMONS = b"%PDF-1.4\n% a summons\n"


def a_proceeding(ws: Workspace, case_id: int, number: str) -> int:
    court_id = next(c.id for c in courts.list_courts(ws) if c.code == "osh-city-court")
    return proceedings.add_proceeding(
        ws,
        case_id,
        ProceedingInput(court_id, "criminal", "accused", court_number=number, lawyer_login="admin"),
    ).id


@pytest.fixture
def case_id(workspace: Workspace) -> int:
    return case_for(workspace, person(workspace, "Асанова", "Жылдыз"), "CRJ").id


def test_a_document_is_filed_under_its_proceeding_and_listed_with_the_case(
    workspace: Workspace, case_id: int
) -> None:
    first, appeal = (
        a_proceeding(workspace, case_id, "УД-1/26"),
        a_proceeding(workspace, case_id, "УД-2/26"),
    )
    filed = attachments.add_attachment(
        workspace, "case", case_id, "решение.pdf", DECISION, proceeding_id=first
    )
    loose = attachments.add_attachment(workspace, "case", case_id, "повестка.pdf", SUMMONS)
    assert filed.proceeding_id == first and loose.proceeding_id is None

    assert [a.id for a in attachments.list_attachments(workspace, "case", case_id, first)] == [
        filed.id
    ]
    assert attachments.list_attachments(workspace, "case", case_id, appeal) == []
    every = {
        a.id: a.proceeding_id for a in attachments.list_attachments(workspace, "case", case_id)
    }
    assert every == {filed.id: first, loose.id: None}
    info, data = attachments.open_attachment(workspace, filed.id)
    assert info.proceeding_id == first and data == DECISION


def test_another_cases_proceeding_or_a_persons_file_is_refused_and_nothing_stored(
    workspace: Workspace, case_id: int
) -> None:
    client = person(workspace, "Токтогулов", "Эрлан")
    other_case = case_for(workspace, client, "CRJ").id
    theirs = a_proceeding(workspace, other_case, "УД-9/26")
    with pytest.raises(ValidationError) as refused:
        attachments.add_attachment(
            workspace, "case", case_id, "решение.pdf", DECISION, proceeding_id=theirs
        )
    assert refused.value.field == "proceeding_id"
    with pytest.raises(ValidationError) as refused:
        attachments.add_attachment(
            workspace, "person", client.id, "паспорт.pdf", DECISION, proceeding_id=theirs
        )
    assert refused.value.field == "proceeding_id"
    assert attachments.list_attachments(workspace, "case", case_id) == []
    assert attachments.list_attachments(workspace, "person", client.id) == []


def test_a_document_is_filed_later_moved_and_taken_out_with_the_history_saying_so(
    workspace: Workspace, case_id: int
) -> None:
    first, appeal = (
        a_proceeding(workspace, case_id, "УД-1/26"),
        a_proceeding(workspace, case_id, "УД-2/26"),
    )
    loose = attachments.add_attachment(workspace, "case", case_id, "решение.pdf", DECISION)
    assert attachments.file_attachment(workspace, loose.id, first).proceeding_id == first
    assert attachments.file_attachment(workspace, loose.id, appeal).proceeding_id == appeal
    assert attachments.list_attachments(workspace, "case", case_id, first) == []
    assert attachments.file_attachment(workspace, loose.id, None).proceeding_id is None
    assert attachments.list_attachments(workspace, "case", case_id, appeal) == []
    with pytest.raises(ValidationError):
        attachments.file_attachment(workspace, loose.id, 9_999)

    with workspace.reader() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "attachment", AuditEvent.action.in_(["file", "unfile"]))
            .order_by(AuditEvent.seq)
        ).all()
    assert [(e.action, json.loads(e.detail)) for e in events] == [
        ("file", {"proceeding": first}),
        ("file", {"proceeding": appeal}),
        ("unfile", {"proceeding": appeal}),
    ]
    assert all("решение" not in (e.detail or "") for e in events)  # ids, never a file name
    said = [entry.what for entry in history.record_history(workspace, "case", case_id)]
    assert "attachment filed with a court proceeding's documents" in said
    assert "attachment taken out of a court proceeding's documents" in said


def test_the_link_goes_with_the_attachment_and_the_proceeding_list_empties(
    workspace: Workspace, case_id: int
) -> None:
    first = a_proceeding(workspace, case_id, "УД-1/26")
    filed = attachments.add_attachment(
        workspace, "case", case_id, "решение.pdf", DECISION, proceeding_id=first
    )
    attachments.delete_attachment(workspace, filed.id)
    assert attachments.list_attachments(workspace, "case", case_id, first) == []
    with workspace.reader() as session:
        assert session.scalars(select(ProceedingDocument)).all() == []

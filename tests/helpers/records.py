"""Builders for people and cases in tests."""

from __future__ import annotations

from legalaid.domain.enums import Gender, PartyRole
from legalaid.services import cases, people
from legalaid.services.cases import CaseInput, PartyInput
from legalaid.services.people import PersonInfo, PersonInput
from legalaid.services.workspace import Workspace


def person(ws: Workspace, surname: str, given: str, **fields: object) -> PersonInfo:
    return people.add_person(ws, PersonInput(surname, given, **fields))  # type: ignore[arg-type]


def case_for(
    ws: Workspace, client: PersonInfo, category: str = "FAM", **fields: object
) -> cases.CaseInfo:
    parties = (PartyInput(client.id, PartyRole.CLIENT),)
    extra = fields.pop("parties", ())
    return cases.create_case(
        ws,
        CaseInput(
            category,
            parties=parties + tuple(extra),  # type: ignore[arg-type]
            **fields,
        ),
    )  # type: ignore[arg-type]


FEMALE = Gender.FEMALE
MALE = Gender.MALE

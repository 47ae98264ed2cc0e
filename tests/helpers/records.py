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


def organisation(
    ws: Workspace, kind: str = "sgla_centre", days: int | None = 10, language: str = "ky"
) -> int:
    """A test organisation of the directory, one per kind (made once, then reused)."""
    from legalaid.services import directory
    from legalaid.services.directory import OrganisationInput

    found = directory.list_organisations(ws, text=f"Free Legal Aid Centre {kind}")
    if found:
        return found[0].id
    return directory.add_organisation(
        ws,
        OrganisationInput(
            kind=kind,
            name_ky=f"Ош шаарындагы акысыз юридикалык жардам борбору {kind}",
            name_ru=f"Центр бесплатной юридической помощи г. Ош {kind}",
            name_en=f"Free Legal Aid Centre {kind}",
            head_title_ky="Борбордун жетекчиси",
            head_title_ru="Руководителю центра",
            head_title_en="To the head of the centre",
            head_name="Т. Асанов",
            regions=("osh_city",),
            letter_language=language,
            response_days=days,
        ),
    ).id

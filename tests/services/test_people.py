"""People: validation that names the field, PIN agreement, duplicates, audit of views."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.records import FEMALE, MALE, case_for, person
from sqlalchemy import select

from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import Language, Vulnerability
from legalaid.errors import Conflict, ValidationError
from legalaid.services import people
from legalaid.services.people import PersonInput
from legalaid.services.workspace import Workspace


def test_a_pin_fills_birth_date_and_gender(workspace: Workspace) -> None:
    info = person(workspace, "Жолдошбеков", "Нурлан", pin="2 15031990 00123")
    assert info.pin == "21503199000123"
    assert info.birth_date == dt.date(1990, 3, 15)
    assert info.gender is MALE


def test_a_pin_that_contradicts_the_form_names_the_field(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        person(workspace, "Токтосунова", "Айгүл", gender=FEMALE, pin="21503199000123")
    assert caught.value.field == "pin"
    assert people.list_people(workspace)[1] == 0  # nothing was written


def test_two_people_cannot_share_a_pin(workspace: Workspace) -> None:
    person(workspace, "Асанов", "Бакыт", pin="21503199000123")
    with pytest.raises(Conflict):
        person(workspace, "Осмонов", "Бакыт", pin="21503199000123")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"surname": ""}, "surname"),
        ({"surname": "Асан0в"}, "surname"),
        ({"given_name": "  "}, "given_name"),
        ({"phone": "12"}, "phone"),
        ({"phone": "call me"}, "phone"),
        ({"birth_date": dt.date(2999, 1, 1)}, "birth_date"),
        ({"approximate_age": 300}, "approximate_age"),
        ({"region": "osh", "district": "batken.leilek"}, "district"),
        ({"district": "nowhere.at_all"}, "district"),
    ],
)
def test_each_bad_field_is_named(
    workspace: Workspace, fields: dict[str, object], field: str
) -> None:
    data = {"surname": "Асанов", "given_name": "Бакыт", **fields}
    with pytest.raises(ValidationError) as caught:
        people.add_person(workspace, PersonInput(**data))  # type: ignore[arg-type]
    assert caught.value.field == field


def test_everything_a_person_can_carry_round_trips(workspace: Workspace) -> None:
    info = people.add_person(
        workspace,
        PersonInput(
            "Өмүрбекова",
            "Айгүл",
            "Бакыт кызы",
            FEMALE,
            approximate_age=34,
            phone="+996 555 12-34-56",
            district="osh.nookat",
            settlement="Ноокат",
            street="ул. Ленина 5",
            languages=(Language.KYRGYZ, Language.RUSSIAN),
            vulnerabilities=(Vulnerability.GBV_SURVIVOR, Vulnerability.LOW_INCOME),
            notes="  ",
        ),
    )
    shown = people.get_person(workspace, info.id)
    assert shown.region == "osh" and shown.district == "osh.nookat"
    assert shown.birth_year_estimate == dt.date.today().year - 34
    assert set(shown.vulnerabilities) == {Vulnerability.GBV_SURVIVOR, Vulnerability.LOW_INCOME}
    assert shown.languages == (Language.KYRGYZ, Language.RUSSIAN)
    assert shown.notes is None
    changed = people.update_person(
        workspace,
        info.id,
        PersonInput("Өмүрбекова", "Айгүл", vulnerabilities=(Vulnerability.DISABILITY,)),
    )
    assert changed.vulnerabilities == (Vulnerability.DISABILITY,)


def test_opening_a_person_is_audited(workspace: Workspace) -> None:
    info = person(workspace, "Асанов", "Бакыт")
    people.get_person(workspace, info.id)
    with workspace.reader() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    assert last is not None and (last.action, last.entity, last.entity_id) == (
        "view",
        "person",
        str(info.id),
    )


def test_people_list_in_kyrgyz_alphabet_order_with_paging(workspace: Workspace) -> None:
    for surname in [
        "Үсөнов",
        "Ушаков",
        "Өмүров",
        "Орозов",
        "Ңамаз",
        "Нурланов",
        "Ёлкин",
        "Ермеков",
        "Яковлев",
        "Абдыкадыров",
    ]:
        person(workspace, surname, "Тест")
    first, total = people.list_people(workspace, 0, 6)
    second, _ = people.list_people(workspace, 6, 6)
    assert total == 10
    assert [r.full_name.split()[0] for r in first + second] == [
        "Абдыкадыров",
        "Ёлкин",
        "Ермеков",
        "Нурланов",
        "Ңамаз",
        "Орозов",
        "Өмүров",
        "Ушаков",
        "Үсөнов",
        "Яковлев",
    ]


def test_a_person_with_cases_cannot_be_erased(workspace: Workspace) -> None:
    client = person(workspace, "Асанов", "Бакыт")
    case_for(workspace, client)
    with pytest.raises(Conflict):
        people.delete_person(workspace, client.id)
    loner = person(workspace, "Осмонов", "Улан")
    people.delete_person(workspace, loner.id)
    assert people.list_people(workspace)[1] == 1


def test_non_latin_digits_are_not_a_pin(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        person(workspace, "Асанов", "Бакыт", pin="2١٥٠٣١٩٩٠١٢٣٤٥")
    assert caught.value.field == "pin"


def test_decomposed_letters_are_accepted_and_stored_composed(workspace: Workspace) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Йўлдошев")
    assert decomposed != "Йўлдошев"
    assert person(workspace, decomposed, "Бакыт").surname == "Йўлдошев"


def test_the_first_wrong_field_is_named_first(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        people.add_person(workspace, PersonInput("", "Бакыт", birth_date=dt.date(2999, 1, 1)))
    assert caught.value.field == "surname"

"""A register's referral and court hearing (services/imports): the columns suggested in three
languages; organisations and courts suggested from their names in any script and mapped by
hand like lawyers; a new case gets its referral (sent on its day) and its proceeding with
the hearing, shown where the case shows them; rows whose dates lack their organisation or
court, whose court lacks the kind of proceeding, or whose referral comes before the case,
rejected by column; an undo takes them all back, and is refused once one was added to."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from helpers.make_vault import add_staff
from sqlalchemy import func, select

from legalaid.domain.cases import Case
from legalaid.domain.courts import Hearing, Proceeding
from legalaid.domain.enums import (
    HearingResult,
    Instance,
    ProceduralRole,
    ProceedingKind,
    ProceedingStatus,
    ReferralMethod,
    ReferralStatus,
    Representation,
    Role,
)
from legalaid.domain.imports import ImportedRecord
from legalaid.domain.people import Person
from legalaid.domain.referrals import Organisation, Referral
from legalaid.errors import Conflict
from legalaid.services import directory, proceedings, referrals
from legalaid.services.imports import apply, undo
from legalaid.services.imports.mapping import suggest_columns, value_choices
from legalaid.services.imports.plan import Outcome, plan_import
from legalaid.services.imports.sources import Table, read_csv
from legalaid.services.imports.vault_names import VALUE_MAPPED, field_choices, value_suggestions
from legalaid.services.proceedings import HearingOutcome, to_utc
from legalaid.services.referrals import ReferralInput
from legalaid.services.workspace import Workspace

LAWYER = "Нурбек Жээнбеков"
SOON = dt.date.today() + dt.timedelta(days=30)
HEADER = (
    "№ дела;ФИО;Д.р.;Категория;Дата обращения;Юрист;"
    "Куда направлен;Дата направления;Суд;Вид производства;Дата заседания\n"
)
REGISTER = HEADER + (
    f"А-1;Асанова Жылдыз;12.03.1990;Бытовое насилие;05.02.2024;{LAWYER};"
    "Ак-Журок;06.02.2024;Ошский горсуд;уголовное;15.03.2024 14:30\n"
    f"А-2;Токтогулов Эрлан;01.04.1985;Трудовые споры;06.02.2024;{LAWYER};"
    f"Social Fund of the Kyrgyz Republic;;Ноокат райондук сот;гражданское;{SOON:%d.%m.%Y}\n"
    "А-3;Осмонова Айгүл;15.05.1992;Семейные дела;07.02.2024;;;;;;\n"
)


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills", LAWYER)
    return workspace


def mapped(ws: Workspace, text: str) -> tuple[Table, dict[int, str], dict]:  # type: ignore[type-arg]
    table = read_csv(text.encode())
    columns = suggest_columns(table.header)
    return table, columns, value_suggestions(table, columns, ws)


def linked_counts(ws: Workspace) -> tuple[int, ...]:
    with ws.reader() as session:
        return tuple(
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Person, Case, Referral, Proceeding, Hearing)
        )


def case_id(ws: Workspace, ref: str) -> int:
    with ws.reader() as session:
        found = session.scalar(select(Case.id).where(Case.external_ref == ref))
        assert found is not None
        return int(found)


def organisation_id(ws: Workspace, key: str) -> int:
    with ws.reader() as session:
        found = session.scalar(select(Organisation.id).where(Organisation.key == key))
        assert found is not None
        return int(found)


LINK_FIELDS = ["referral_to", "referred_on", "court", "hearing_on", "proceeding_kind"]


@pytest.mark.parametrize(
    "header",
    [
        ["Куда направлен", "Дата направления", "Суд", "Дата заседания", "Вид производства"],
        ["Кайда жөнөтүлдү", "Жөнөтүлгөн күнү", "Сот", "Сот отуруму", "Иштин түрү"],
        ["Referred to", "Date referred", "Court", "Hearing date", "Kind of proceeding"],
    ],
)
def test_the_new_columns_are_suggested_in_each_language(header: list[str]) -> None:
    found = suggest_columns(["ФИО", "Категория", "Дата обращения", *header])
    assert found == dict(enumerate(["full_name", "category", "opened_on", *LINK_FIELDS]))


def test_a_date_of_the_case_and_the_category_stay_theirs() -> None:
    assert suggest_columns(["Дата обращения", "Категория", "Дата суда", "Вид дела"]) == {
        0: "opened_on",
        1: "category",
        2: "hearing_on",
        3: "proceeding_kind",
    }


def test_organisations_and_courts_are_suggested_and_offered_by_name(office: Workspace) -> None:
    _table, _columns, values = mapped(office, REGISTER)
    assert values["referral_to"] == {
        "Ак-Журок": str(organisation_id(office, "crisis-ak-jurok-osh")),
        "Social Fund of the Kyrgyz Republic": str(organisation_id(office, "social-fund")),
    }
    assert values["court"] == {
        "Ошский горсуд": "osh-city-court",  # an alias
        "Ноокат райондук сот": "nookat-district-court",
    }
    assert values["proceeding_kind"] == {"уголовное": "criminal", "гражданское": "civil"}
    assert {"referral_to", "court", "proceeding_kind"} <= set(VALUE_MAPPED)
    courts = dict(field_choices(office, "court", "ru"))
    assert courts["manas-city-court"] == "Манасский городской суд"  # today's name
    named = dict(field_choices(office, "referral_to", "ky"))
    assert named[str(organisation_id(office, "social-fund"))].startswith("Кыргыз Республикасынын")
    assert dict(value_choices("proceeding_kind", "ru"))["civil"] == "гражданское"


def test_a_register_brings_in_referrals_and_hearings(office: Workspace) -> None:
    result = apply.apply_import(office, *mapped(office, REGISTER))
    assert (result.cases_created, result.referrals_created) == (3, 2)
    assert (result.proceedings_created, result.hearings_created) == (2, 2)
    assert linked_counts(office) == (3, 3, 2, 2, 2)

    first = case_id(office, "А-1")
    (row,) = referrals.case_referrals(office, first)
    assert row.status is ReferralStatus.SENT and row.referred_on == dt.date(2024, 2, 6)
    assert row.responsible == LAWYER
    with office.reader() as session:
        referral = session.scalar(select(Referral).where(Referral.id == row.id))
        organisation = session.get(Organisation, referral.organisation_id)  # type: ignore[union-attr]
        assert referral is not None and organisation is not None
        assert organisation.key == "crisis-ak-jurok-osh"
        assert (referral.sent_on, referral.status_on) == (dt.date(2024, 2, 6),) * 2
        assert referral.method == ReferralMethod.LETTER.value and referral.reason == ""
        assert referral.due_on is None  # answered or not, the register did not say: not overdue
        imported = session.execute(
            select(ImportedRecord.entity, func.count())
            .where(ImportedRecord.batch_id == result.batch_id)
            .group_by(ImportedRecord.entity)
        ).all()
    assert dict(imported) == {"person": 3, "case": 3, "referral": 2, "proceeding": 2, "hearing": 2}

    (proceeding,) = proceedings.case_proceedings(office, first)
    assert proceeding.kind is ProceedingKind.CRIMINAL
    assert proceeding.client_role is ProceduralRole.VICTIM  # a criminal case of her complaint
    assert proceeding.instance is Instance.FIRST_INSTANCE
    assert proceeding.representation is Representation.OURS
    assert proceeding.status is ProceedingStatus.PENDING and proceeding.lawyer_login == "lawyer"
    (hearing,) = proceeding.hearings
    assert hearing.starts_at == to_utc(dt.datetime(2024, 3, 15, 14, 30)).replace(tzinfo=dt.UTC)
    assert hearing.result is None and hearing.lawyer_login == "lawyer"

    second = case_id(office, "А-2")
    (row,) = referrals.case_referrals(office, second)
    assert row.referred_on == dt.date(2024, 2, 6)  # the day the case was opened
    (proceeding,) = proceedings.case_proceedings(office, second)
    assert proceeding.kind is ProceedingKind.CIVIL
    assert proceeding.client_role is ProceduralRole.APPLICANT
    (hearing,) = proceeding.hearings  # to come, at ten by default
    assert hearing.starts_at == to_utc(dt.datetime.combine(SOON, dt.time(10))).replace(
        tzinfo=dt.UTC
    )
    assert hearing.result is None
    assert referrals.case_referrals(office, case_id(office, "А-3")) == []
    assert proceedings.case_proceedings(office, case_id(office, "А-3")) == []


def test_a_reimport_adds_no_second_referral_or_hearing(office: Workspace) -> None:
    apply.apply_import(office, *mapped(office, REGISTER))
    again = apply.apply_import(office, *mapped(office, REGISTER))
    assert (again.cases_created, again.referrals_created, again.hearings_created) == (0, 0, 0)
    changed = REGISTER.replace("Бытовое насилие", "Семейные дела")  # А-1 re-categorised
    plan = plan_import(office, *mapped(office, changed))
    assert [row.outcome for row in plan.rows][0] is Outcome.UPDATE
    result = apply.apply_import(office, *mapped(office, changed))
    assert result.cases_updated == 1 and result.referrals_created == 0
    assert linked_counts(office) == (3, 3, 2, 2, 2)


def problems_of(ws: Workspace, text: str) -> tuple[dict[int, list[tuple[str, str]]], object]:
    plan = plan_import(ws, *mapped(ws, text))
    return {
        row.row: [(p.column, p.message) for p in row.problems]
        for row in plan.rows
        if row.outcome is Outcome.REJECT
    }, plan


def test_rows_with_an_incomplete_referral_or_hearing_are_rejected(office: Workspace) -> None:
    text = HEADER + (
        f"1;Асанова Жылдыз;12.03.1990;Семейные дела;05.02.2024;{LAWYER};;;;;15.03.2024\n"
        f"2;Исаков Бакыт;09.09.1979;Семейные дела;05.02.2024;{LAWYER};;;Ошский горсуд;;\n"
        f"3;Осмонова Айгүл;15.05.1992;Семейные дела;05.02.2024;{LAWYER};"
        "Ак-Журок;01.02.2024;;;\n"
        f"4;Бакирова Айпери;01.01.1980;Семейные дела;05.02.2024;{LAWYER};"
        "Марсианское агентство;;;;\n"
        f"5;Калыев Бек;02.02.1982;Семейные дела;05.02.2024;{LAWYER};;06.02.2024;;;\n"
        "6;Мамытова Айгерим;03.03.1983;Семейные дела;05.02.2024;;;;"
        "Ошский горсуд;гражданское;\n"
        f"7;Сыдыкова Гүлнара;04.04.1984;Семейные дела;05.02.2024;{LAWYER};;;"
        "Ошский горсуд;гражданское;31.02.2024\n"
        f"8;Токтогулов Эрлан;01.04.1985;Семейные дела;05.02.2024;{LAWYER};;;"
        "Ошский горсуд;Космическое;\n"
    )
    before = linked_counts(office)
    rejected, plan = problems_of(office, text)
    assert rejected == {
        2: [("Дата заседания", "A hearing date needs the court the hearing is in.")],
        3: [
            (
                "Вид производства",
                "The kind of proceeding (criminal, civil...) is missing: a court case needs it.",
            )
        ],
        4: [("Дата направления", "The case cannot be referred before it was opened.")],
        5: [("Куда направлен", "{value} is not mapped to a known value.")],
        6: [("Дата направления", "A date of referral needs the organisation it was made to.")],
        7: [("Юрист", "The lawyer is missing: our lawyer represents the client in court.")],
        8: [("Дата заседания", "{value} is not a possible date and time (DD.MM.YYYY HH:MM).")],
        9: [("Вид производства", "{value} is not mapped to a known value.")],
    }
    assert plan.unmapped == {  # type: ignore[attr-defined]
        "referral_to": ("Марсианское агентство",),
        "proceeding_kind": ("Космическое",),
    }
    assert linked_counts(office) == before  # a dry run writes nothing


def test_an_organisation_mapped_by_hand_is_taken(office: Workspace) -> None:
    text = HEADER + (
        f"А-9;Бакирова Айпери;01.01.1980;Семейные дела;05.02.2024;{LAWYER};"
        "Марсианское агентство;;;;\n"
    )
    table, columns, values = mapped(office, text)
    ombudsperson = str(organisation_id(office, "akyikatchy-osh-region"))
    values["referral_to"]["Марсианское агентство"] = ombudsperson
    result = apply.apply_import(office, table, columns, values)
    (row,) = referrals.case_referrals(office, case_id(office, "А-9"))
    assert result.referrals_created == 1 and row.responsible == LAWYER
    # an organisation closed since the mapping was saved rejects the row, never the import
    entry = directory.get_organisation(office, int(ombudsperson))
    directory.update_organisation(office, entry.id, replace(entry.as_input(), active=False))
    rejected, _plan = problems_of(office, text.replace("А-9", "А-10"))
    assert rejected == {2: [("Куда направлен", "{value} is not mapped to a known value.")]}
    plan = plan_import(office, table, columns, values)
    assert [p.message for p in plan.rows[0].problems] == [
        "{value} is not an active organisation of the directory."
    ]


def test_undo_takes_the_referrals_and_hearings_back(office: Workspace) -> None:
    empty = linked_counts(office)
    assert empty == (0, 0, 0, 0, 0)
    result = apply.apply_import(office, *mapped(office, REGISTER))
    undo.undo_import(office, result.batch_id)
    assert linked_counts(office) == empty


def test_undo_is_refused_once_a_referral_is_added_by_hand(office: Workspace) -> None:
    result = apply.apply_import(office, *mapped(office, REGISTER))
    referrals.create_referral(
        office,
        case_id(office, "А-3"),
        ReferralInput(organisation_id(office, "social-fund"), request="Pension advice."),
    )
    with pytest.raises(Conflict):
        undo.undo_import(office, result.batch_id)
    assert linked_counts(office) == (3, 3, 3, 2, 2)


def test_undo_is_refused_once_an_imported_hearing_is_recorded(office: Workspace) -> None:
    result = apply.apply_import(office, *mapped(office, REGISTER))
    (proceeding,) = proceedings.case_proceedings(office, case_id(office, "А-1"))
    proceedings.record_hearing(
        office, proceeding.hearings[0].id, HearingOutcome(HearingResult.HELD.value)
    )
    with pytest.raises(Conflict):
        undo.undo_import(office, result.batch_id)
    assert linked_counts(office) == (3, 3, 2, 2, 2)


@pytest.mark.parametrize(
    ("kind", "category", "subcategory", "role"),
    [
        ("criminal", "LAB", None, ProceduralRole.ACCUSED),
        ("offence", "FAM", None, ProceduralRole.ACCUSED),
        ("criminal", "GBV", "GBV.DOMESTIC_VIOLENCE", ProceduralRole.VICTIM),
        ("criminal", "CRJ", "CRJ.TORTURE", ProceduralRole.VICTIM),
        ("civil", "GBV", None, ProceduralRole.APPLICANT),
    ],
)
def test_the_client_role_follows_the_kind_and_the_case(
    kind: str, category: str, subcategory: str | None, role: ProceduralRole
) -> None:
    assert apply.client_role(kind, category, subcategory) is role

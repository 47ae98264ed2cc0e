"""Intake interviews: validation that reports every problem at once, submission in one
transaction (person, case, parties, intake, consents, tasks), the anonymous record without
consent, conflicts, urgency on the dashboard, eligibility, advice-only visits."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from pathlib import Path

import pytest
from helpers.make_vault import CANARY, as_user, files_containing
from helpers.records import case_for, person
from sqlalchemy import func, select, text

from legalaid.domain.cases import Case
from legalaid.domain.enums import (
    AgeGroup,
    CaseStatus,
    ConflictDecision,
    ConsentKind,
    ConsentMethod,
    EligibilityOutcome,
    OrganisationKind,
    PartyRole,
    RecommendedAction,
    Role,
)
from legalaid.domain.intake import AnonymousRecord, Consent, Intake
from legalaid.domain.people import Person
from legalaid.domain.timeline import CaseEntry, CaseTask
from legalaid.errors import Conflict, PermissionDenied
from legalaid.i18n import set_language
from legalaid.services import accounts, cases, history, intake, timeline
from legalaid.services.intake import (
    AdviceInput,
    IntakeInput,
    IntakeRefused,
    OtherPersonInput,
    submit_intake,
    validate_intake,
)
from legalaid.services.workspace import Workspace

PASSPHRASES = {
    "para": "seven quiet rivers at dawn",
    "nurbek": "orange kites over the hills",
    "aida": "a violin under the walnut tree",
    "mon": "slow trains to the valley",
}


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    for login, name, role in (
        ("para", "Paralegal Jyldyz", Role.PARALEGAL),
        ("nurbek", "Nurbek Lawyer", Role.LAWYER),
        ("aida", "Aida Lawyer", Role.LAWYER),
        ("mon", "Monitor Kanat", Role.MONITOR),
    ):
        accounts.add_account(workspace, login, name, role, PASSPHRASES[login])
    return workspace


@pytest.fixture
def para(office: Workspace) -> Workspace:
    return as_user(office, "para")


def valid(**changes: object) -> IntakeInput:
    base = IntakeInput(
        surname="Өмүрбекова",
        given_name="Айгүл",
        gender="female",
        birth_date=dt.date(1991, 4, 12),
        district="osh.kara_suu",
        phone="0555 123 456",
        may_call=True,
        may_leave_messages=False,
        do_not_tell="Күйөөсүнүн энесине айтпагыла",
        category="FAM",
        subcategory="FAM.ALIMONY",
        narrative="Күйөөм алимент төлөбөй жатат.",
        incident_district="osh.kara_suu",
        incident_settlement="Нариман",
        responsible="экс-күйөөсү",
        institutions_approached="сот аткаруучу",
        documents_held="ажырашуу тууралуу күбөлүк",
        wants="алимент өндүрүү",
        recommended_action=RecommendedAction.REPRESENTATION.value,
        consent_record=True,
        consent_share_with=(OrganisationKind.STATE_LEGAL_AID.value,),
        consent_contact=True,
        consent_method=ConsentMethod.SIGNED_FORM.value,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _count(ws: Workspace, model: type) -> int:
    with ws.reader() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# --- submission -------------------------------------------------------------------------------


def test_a_submitted_intake_opens_a_case_in_one_go(para: Workspace) -> None:
    data = valid(
        others=(
            OtherPersonInput("Өмүрбеков", "Бакыт", role=PartyRole.OPPOSING_PARTY.value),
            OtherPersonInput("Asanova", "Cholpon", role=PartyRole.WITNESS.value),
        ),
        eligibility_categories=("family_violence_survivor",),
    )
    result = submit_intake(para, data)
    assert result.case_number is not None and result.case_number.endswith("-00001")
    case = cases.get_case(para, result.case_id or 0)
    assert case.status is CaseStatus.INTAKE
    assert case.category == "FAM" and case.subcategory == "FAM.ALIMONY"
    assert case.assigned_lawyer is None  # the coordinator assigns (no urgency)
    assert [(p.full_name, p.role) for p in case.parties] == [
        ("Өмүрбекова Айгүл", PartyRole.CLIENT),
        ("Өмүрбеков Бакыт", PartyRole.OPPOSING_PARTY),
        ("Asanova Cholpon", PartyRole.WITNESS),
    ]
    info = intake.get_intake(para, case.id)
    assert info.person_id == result.person_id
    assert info.contact_phone == "+996555123456"
    assert (info.may_call, info.may_leave_messages) == (True, False)
    assert info.do_not_tell == "Күйөөсүнүн энесине айтпагыла"
    assert info.incident_region == "osh" and info.incident_district == "osh.kara_suu"
    assert info.recommended_action is RecommendedAction.REPRESENTATION
    assert info.eligibility is EligibilityOutcome.ELIGIBLE
    assert info.eligibility_documents == ("passport_or_id", "protection_order_or_police_report")
    assert info.document_labels("ru")[0] == "Паспорт или ID-карта (или свидетельство о рождении)"
    assert info.eligibility_rules_date == "2026-11-28" and info.eligibility_to_verify
    assert [(c.kind, c.organisation_kinds, c.method) for c in info.consents] == [
        (ConsentKind.RECORD_DATA, (), ConsentMethod.SIGNED_FORM),
        (ConsentKind.SHARE, (OrganisationKind.STATE_LEGAL_AID,), ConsentMethod.SIGNED_FORM),
        (ConsentKind.CONTACT, (), ConsentMethod.SIGNED_FORM),
    ]
    assert all(c.given_on == dt.date.today() for c in info.consents)
    assert result.urgent_rules == () and result.task_ids == ()
    kinds = [entry.what for entry in history.record_history(para, "case", case.id)]
    assert "intake created" in kinds


def test_a_picked_person_is_linked_not_copied(para: Workspace, office: Workspace) -> None:
    known = person(office, "Өмүрбекова", "Айгүл", phone="0700 11 22 33")
    result = submit_intake(para, valid(person_id=known.id, surname="", given_name=""))
    assert result.person_id == known.id
    assert _count(para, Person) == 1


def test_oral_consent_keeps_the_witness(para: Workspace) -> None:
    result = submit_intake(
        para,
        valid(
            consent_method=ConsentMethod.ORAL_WITNESSED.value,
            consent_witness="  Садыкова   Нургүл ",
            consent_share_with=(),
            consent_contact=False,
            consent_on=dt.date.today() - dt.timedelta(days=1),
        ),
    )
    with para.reader() as session:
        (consent,) = session.scalars(select(Consent).where(Consent.intake_id == result.intake_id))
    assert consent.kind == ConsentKind.RECORD_DATA.value
    assert consent.witness_name == "Садыкова Нургүл"
    assert consent.given_on == dt.date.today() - dt.timedelta(days=1)


def test_a_long_narrative_in_any_script_is_kept_exactly(
    para: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="legalaid")
    piece = f"{CANARY} Мени уруп жатат 😢👩‍👧 — שלום עליכם — مرحبا بالعالم \u200f ‎Ң Ө Ү\n"
    narrative = (piece * (100_000 // len(piece) + 1))[:100_000]
    assert len(narrative) == 100_000
    result = submit_intake(para, valid(narrative=narrative, wants="🙏 " + "ا" * 19_998))
    info = intake.get_intake(para, result.case_id or 0)
    assert info.narrative == narrative
    assert info.wants == "🙏 " + "ا" * 19_998
    too_long = validate_intake(valid(narrative=narrative + "!"))
    assert [(p.field, p.step) for p in too_long] == [("narrative", "complaint")]
    assert "100000" in str(too_long[0]) or "100,000" in str(too_long[0])
    assert CANARY not in caplog.text  # nothing of the narrative in any log line


def test_every_problem_is_reported_at_once_and_nothing_is_written(para: Workspace) -> None:
    bad = valid(
        surname="Асан0ва",
        given_name="",
        pin="21204199100123",  # says man, born 12.04.1991; the form says woman
        phone="0155 123 456",
        category="XXX",
        narrative="   \n ",
        incident_date=dt.date.today() + dt.timedelta(days=3),
        others=(OtherPersonInput("", "Бакыт", role="client"),),
        recommended_action=None,
        consent_method=ConsentMethod.ORAL_WITNESSED.value,
        consent_witness="",
    )
    expected = [
        ("surname", "person"),
        ("given_name", "person"),
        ("pin", "person"),
        ("phone", "contact"),
        ("category", "complaint"),
        ("narrative", "complaint"),
        ("incident_date", "complaint"),
        ("others.0.role", "others"),
        ("others.0.surname", "others"),
        ("recommended_action", "assessment"),
        ("consent_witness", "consent"),
    ]
    assert [(p.field, p.step) for p in validate_intake(bad)] == expected
    with pytest.raises(IntakeRefused) as caught:
        submit_intake(para, bad)
    assert [(p.field, p.step) for p in caught.value.problems] == expected
    assert all(str(p) for p in caught.value.problems)  # each a message in words
    assert _count(para, Person) == _count(para, Case) == _count(para, Intake) == 0


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"pin": "11204199000123"}, "pin", "birth date"),  # PIN born 1990, form says 1991
        ({"pin": "21204199100123"}, "pin", "first digit"),  # PIN says man, form says woman
        ({"pin": "1120419910012"}, "pin", "14 digits"),
        ({"birth_date": dt.date.today() + dt.timedelta(days=1)}, "birth_date", "future"),
        ({"birth_date": dt.date(dt.date.today().year - 121, 1, 1)}, "birth_date", "over 120"),
        ({"phone": "12-34-56"}, "phone", "9 digits"),
        ({"narrative": ""}, "narrative", "what happened"),
        ({"gender": "robot"}, "gender", "gender"),
    ],
)
def test_each_bad_input_gets_its_own_message(
    changes: dict[str, object], field: str, words: str
) -> None:
    problems = validate_intake(valid(**changes))
    assert [p.field for p in problems] == [field]
    assert words in str(problems[0])


def test_messages_follow_the_language(para: Workspace) -> None:
    set_language("ru")
    (problem,) = validate_intake(valid(pin="1120419910012"))
    assert "14" in str(problem) and "PIN" not in str(problem)


def test_a_name_mixing_scripts_is_a_warning_not_an_error(para: Workspace) -> None:
    data = valid(surname="Oмүрбекова")  # Latin O typed on a Kyrgyz keyboard
    assert validate_intake(data) == []
    result = submit_intake(para, data)
    assert [(w.field, w.step) for w in result.warnings] == [("surname", "person")]
    assert "mixes Latin and Cyrillic" in str(result.warnings[0])
    assert intake.mixed_script_words("Aйгүл Omurbekova Өмүрбекова") == ["Aйгүл"]


def test_a_pin_recorded_for_someone_else_points_to_that_record(
    para: Workspace, office: Workspace
) -> None:
    known = person(office, "Токтосунова", "Айгүл", pin="11204199100123")
    with pytest.raises(IntakeRefused) as caught:
        submit_intake(para, valid(pin="11204199100123"))
    (problem,) = caught.value.problems
    assert problem.field == "pin" and str(known.id) in str(problem)
    assert _count(para, Case) == 0


def test_an_opposing_party_found_by_pin_is_reused(para: Workspace, office: Workspace) -> None:
    husband = person(office, "Өмүрбеков", "Бакыт", pin="21503199012345")
    result = submit_intake(
        para, valid(others=(OtherPersonInput("Omurbekov", "Bakyt", pin="21503199012345"),))
    )
    case = cases.get_case(para, result.case_id or 0)
    assert (husband.id, PartyRole.OPPOSING_PARTY) in [(p.person_id, p.role) for p in case.parties]
    assert _count(para, Person) == 2


def test_monitors_cannot_take_intakes(office: Workspace) -> None:
    monitor = as_user(office, "mon")
    with pytest.raises(PermissionDenied):
        submit_intake(monitor, valid())
    with pytest.raises(PermissionDenied):
        intake.record_advice(monitor, AdviceInput("FAM", "advice"))
    with pytest.raises(PermissionDenied):
        intake.urgent_open_cases(monitor)
    assert _count(office, Case) == 0


def test_lawyers_and_coordinators_take_intakes_too(office: Workspace) -> None:
    assert submit_intake(as_user(office, "nurbek"), valid()).case_id
    assert submit_intake(office, valid(pin=None, given_name="Жылдыз")).case_id


def test_a_draft_holds_the_whole_form() -> None:
    data = valid(
        others=(OtherPersonInput("Өмүрбеков", "Бакыт", pin="21503199012345"),),
        deadline_on=dt.date.today(),
        urgency_answers=("ongoing_danger",),
    )
    state = json.loads(json.dumps(data.to_state(), ensure_ascii=False))
    assert IntakeInput.from_state(state) == data
    assert IntakeInput.from_state({**state, "from_a_newer_version": 1}) == data


# --- consent refused: the anonymous record ------------------------------------------------


def test_without_consent_only_an_anonymous_record_is_kept(para: Workspace, tmp_path: Path) -> None:
    data = valid(
        surname=f"{CANARY}ова",
        given_name="Айгүл",
        birth_date=dt.date(dt.date.today().year - 35, 1, 1),
        pin=None,
        phone="0555 987 654",
        narrative=f"{CANARY}: күйөөм урат",
        do_not_tell=f"{CANARY} эжеси",
        others=(OtherPersonInput(f"{CANARY}ов", "Бакыт"),),
        consent_record=False,
        consent_method=None,
    )
    result = submit_intake(para, data)
    assert result.case_id is None and result.person_id is None
    assert result.message == intake.anonymous_notice()
    assert "anonymous record" in result.message and "Nothing else" in result.message
    with para.reader() as session:
        record = session.get(AnonymousRecord, result.anonymous_record_id)
        assert record is not None
        assert (record.category, record.district, record.gender, record.age_group) == (
            "FAM",
            "osh.kara_suu",
            "female",
            AgeGroup.AGE_30_44.value,
        )
    assert _count(para, Person) == _count(para, Case) == _count(para, Intake) == 0
    # Nothing typed is anywhere in the decrypted database (search index and audit included)...
    with para.vault.engine.connect() as connection:
        tables = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table'")
        ).scalars()
        for table in list(tables):
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                assert not any(CANARY in str(value) for value in row), table
    # ...nor in any file: vault, journal, logs, temporary files.
    para.vault.close()
    assert files_containing(tmp_path, CANARY) == []
    assert files_containing(tmp_path, "0555 987 654") == []


def test_without_consent_the_rest_of_the_form_is_not_required(para: Workspace) -> None:
    data = IntakeInput(category="GBV", gender="female", approximate_age=16, consent_record=False)
    assert validate_intake(data) == []
    result = submit_intake(para, data)
    with para.reader() as session:
        record = session.get(AnonymousRecord, result.anonymous_record_id)
        assert record is not None and record.age_group == AgeGroup.UNDER_18.value
    with pytest.raises(IntakeRefused) as caught:
        submit_intake(para, IntakeInput(category="", consent_record=False))
    assert [p.field for p in caught.value.problems] == ["category"]


# --- conflicts of interest --------------------------------------------------------------------


def test_a_conflict_must_be_acknowledged_and_a_restricted_one_hides_the_client(
    para: Workspace, office: Workspace
) -> None:
    client = person(office, "Өмүрбеков", "Бакыт")
    case_for(office, client, "CRJ", restricted=True, assigned_lawyer="nurbek")
    data = valid(others=(OtherPersonInput("Omurbekov", "Bakyt"),))
    with pytest.raises(IntakeRefused) as caught:
        submit_intake(para, data)
    assert [(p.field, p.step) for p in caught.value.problems] == [
        ("conflict_decision", "conflicts")
    ]
    (match,) = caught.value.conflicts
    assert match.restricted and match.client_name is None and match.ask == "Nurbek Lawyer"
    assert _count(para, Intake) == 0
    result = submit_intake(para, valid(**{**_others(data), "conflict_decision": "acknowledged"}))
    with para.reader() as session:
        row = session.scalar(select(Intake).where(Intake.id == result.intake_id))
        assert row is not None
        assert row.conflict_matches == 1
        assert row.conflict_decision == ConflictDecision.ACKNOWLEDGED.value
        assert row.conflict_decided_by == para.actor.id


def _others(data: IntakeInput) -> dict[str, object]:
    return {"others": data.others}


def test_an_opposing_party_picked_from_the_records_is_checked_too(
    para: Workspace, office: Workspace
) -> None:
    client = person(office, "Өмүрбеков", "Бакыт")
    case = case_for(office, client, "LAB")
    data = valid(
        others=(
            OtherPersonInput("Асанова", "Чолпон", role=PartyRole.WITNESS.value),
            OtherPersonInput(person_id=client.id),
        )
    )
    with pytest.raises(IntakeRefused) as caught:
        submit_intake(para, data)
    (match,) = caught.value.conflicts
    assert match.party_index == 1  # the second person on the form
    assert (match.case_number, match.client_name) == (case.number, "Өмүрбеков Бакыт")


def test_a_conflict_sent_to_a_lawyer_gives_them_a_task(para: Workspace, office: Workspace) -> None:
    client = person(office, "Өмүрбеков", "Бакыт")
    case_for(office, client, "LAB")
    data = valid(
        others=(OtherPersonInput("Omurbekov", "Bakyt"),),
        conflict_decision=ConflictDecision.SENT_TO_LAWYER.value,
    )
    with pytest.raises(IntakeRefused) as caught:
        submit_intake(para, data)
    assert [p.field for p in caught.value.problems] == ["conflict_lawyer"]
    result = submit_intake(para, dataclasses.replace(data, conflict_lawyer="aida"))
    (task,) = timeline.case_tasks(office, result.case_id or 0)
    assert task.assignee_login == "aida" and "conflict of interest" in task.title


# --- urgent danger ---------------------------------------------------------------------------


def test_urgent_danger_flags_the_case_until_the_action_is_recorded(
    para: Workspace, office: Workspace
) -> None:
    data = valid(
        category="GBV",
        subcategory="GBV.DOMESTIC_VIOLENCE",
        urgency_answers=("ongoing_danger",),
    )
    findings = intake.urgent_actions(data)
    assert [f.code for f in findings] == ["domestic_violence_danger"]
    assert findings[0].actions[0].code == "protection_order"
    result = submit_intake(para, data)
    assert result.urgent_rules == ("domestic_violence_danger",)
    assert result.assigned_lawyer is None  # no lawyer on duty set: the task is the paralegal's
    (task,) = timeline.case_tasks(para, result.case_id or 0)
    assert task.assignee_login == "para" and task.due_on == dt.date.today()
    assert task.title.startswith("Urgent: Domestic violence with ongoing danger")
    (row,) = intake.urgent_open_cases(para)
    assert (row.case_id, row.rules) == (result.case_id, ("domestic_violence_danger",))
    assert row.rule_labels("ky") == ["Коркунучу сакталган үй-бүлөлүк зомбулук"]
    intake.record_urgent_action(para, result.intake_id or 0, "Коргоо ордери алынды 🛡")
    assert intake.urgent_open_cases(office) == []
    assert timeline.case_tasks(para, result.case_id or 0) == []  # the task is done
    with para.reader() as session:
        entry = session.scalar(select(CaseEntry).where(CaseEntry.case_id == result.case_id))
        assert entry is not None and entry.text == "Коргоо ордери алынды 🛡"
    with pytest.raises(Conflict):
        intake.record_urgent_action(para, result.intake_id or 0, "again")


def test_an_urgent_case_goes_to_the_lawyer_on_duty(para: Workspace, office: Workspace) -> None:
    with pytest.raises(PermissionDenied):
        intake.set_duty_lawyer(para, "nurbek")
    intake.set_duty_lawyer(office, "nurbek")
    assert intake.duty_lawyer(para) == "nurbek"
    result = submit_intake(
        para, valid(category="CRJ", subcategory="CRJ.TORTURE", deadline_on=dt.date.today())
    )
    assert result.urgent_rules == ("torture_in_custody", "deadline_soon")
    assert result.assigned_lawyer == "nurbek"
    assert cases.get_case(para, result.case_id or 0).assigned_lawyer == "nurbek"
    (task,) = timeline.case_tasks(para, result.case_id or 0)
    assert task.assignee_login == "nurbek"
    not_urgent = submit_intake(para, valid(pin=None, given_name="Гүлнара"))
    assert not_urgent.assigned_lawyer is None  # only urgent intakes go to the lawyer on duty


def test_the_urgent_list_follows_what_the_viewer_may_see(
    para: Workspace, office: Workspace
) -> None:
    result = submit_intake(office, valid(urgency_answers=("child_at_risk",)))
    cases.update_case(office, result.case_id or 0, restricted=True, assigned_lawyer="aida")
    assert [r.case_id for r in intake.urgent_open_cases(office)] == [result.case_id]
    assert [r.case_id for r in intake.urgent_open_cases(as_user(office, "aida"))] == [
        result.case_id
    ]
    assert intake.urgent_open_cases(para) == []
    with pytest.raises(Exception, match="No intake"):
        intake.record_urgent_action(para, result.intake_id or 0, "done")
    with para.reader() as session:
        assert session.scalar(select(CaseTask.done_at)) is None


# --- advice-only visits ------------------------------------------------------------------------


def test_an_advice_visit_is_recorded_and_counted_without_a_case(para: Workspace) -> None:
    first = intake.record_advice(
        para,
        AdviceInput(
            "SOC",
            "Пенсия боюнча Социалдык фондго кайрылуу",
            20,
            gender="female",
            age_group="60_plus",
        ),
    )
    intake.record_advice(para, AdviceInput("SOC", "Жөлөкпул", 10, district="osh.aravan"))
    intake.record_advice(para, AdviceInput("LAB", "Эмгек келишими", 15))
    submit_intake(para, valid(consent_record=False))
    assert first > 0 and _count(para, Case) == 0
    counts = intake.visit_counts(para, dt.date.today() - dt.timedelta(days=1), dt.date.today())
    assert counts.advice == {"SOC": 2, "LAB": 1}
    assert counts.anonymous == {"FAM": 1}
    assert counts.total == 4


def test_advice_problems_are_reported_together(para: Workspace) -> None:
    with pytest.raises(IntakeRefused) as caught:
        intake.record_advice(
            para,
            AdviceInput(
                "XXX", "  ", 2000, given_on=dt.date.today() + dt.timedelta(days=1), gender="x"
            ),
        )
    assert [p.field for p in caught.value.problems] == [
        "topic",
        "advice",
        "duration_minutes",
        "given_on",
        "gender",
    ]


def test_a_bad_phone_is_one_of_the_listed_problems_not_a_crash(para: Workspace) -> None:
    with pytest.raises(IntakeRefused) as refused:
        submit_intake(para, valid(phone="12"))
    assert [problem.field for problem in refused.value.problems] == ["phone"]

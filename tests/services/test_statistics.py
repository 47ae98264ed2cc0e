"""Statistics against hand-counted values on a small fixed set (March 2026): distinct people,
new and returning, age on the period's last day, vulnerabilities, districts; cases by
category, subcategory, month and outcome; consultations; referrals with the mean days to an
answer; hearings and deadlines; period boundaries at both ends; the filters; the drill-down
lists matching every number; and who may see them."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.records import FEMALE, case_for, organisation, person

from legalaid.domain.enums import (
    CaseOutcome,
    CaseStatus,
    DeadlineState,
    Gender,
    HearingResult,
    PartyRole,
    ReferralStatus,
    Role,
    Vulnerability,
)
from legalaid.errors import NotFound, PermissionDenied, ValidationError
from legalaid.services import (
    cases,
    deadlines,
    observation_review,
    observations,
    proceedings,
    referrals,
    statistics,
)
from legalaid.services.cases import PartyInput
from legalaid.services.intake.advice import AdviceInput, record_advice
from legalaid.services.observations import ObservationInput
from legalaid.services.proceedings import HearingInput, HearingOutcome, ProceedingInput
from legalaid.services.referrals import ReferralInput
from legalaid.services.statistics import MEASURES, StatsFilter, Unit
from legalaid.services.workspace import Workspace

MARCH = StatsFilter(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
TODAY = dt.date(2026, 4, 10)


def _court(ws: Workspace) -> int:
    from legalaid.services import courts

    return next(c.id for c in courts.list_courts(ws) if c.code == "osh-city-court")


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    """P1 returning (a case in January, one in March), P2 new (on the last day), P3 new (on
    the first day; another case in April); P2 also a victim in P3's case."""
    ws = workspace
    add_staff(ws, "lawyer", Role.LAWYER, "orange kites over the hills", "Нурбек Жээнбеков")
    p1 = person(
        ws,
        "Асанова",
        "Жылдыз",
        gender=FEMALE,
        region="osh",
        district="osh.aravan",
        birth_date=dt.date(1990, 3, 31),  # 36 on the last day
        vulnerabilities=(Vulnerability.GBV_SURVIVOR, Vulnerability.LOW_INCOME),
    )
    p2 = person(
        ws,
        "Токтогулов",
        "Эрлан",
        gender=Gender.MALE,
        region="batken",
        district="batken.kadamjay",
        birth_date=dt.date(2008, 4, 1),  # turns 18 the day after the period
        vulnerabilities=(Vulnerability.MINOR,),
    )
    p3 = person(ws, "Сыдыкова", "Гүлнара", gender=FEMALE, region="osh")
    case_for(ws, p1, "FAM", opened_on=dt.date(2026, 1, 10))
    gbv = case_for(ws, p1, "GBV", opened_on=dt.date(2026, 3, 5), assigned_lawyer="lawyer")
    case_for(ws, p2, "LAB", opened_on=dt.date(2026, 3, 31))
    family = case_for(
        ws,
        p3,
        "FAM",
        opened_on=dt.date(2026, 3, 1),
        parties=(PartyInput(p2.id, PartyRole.VICTIM),),
    )
    case_for(ws, p3, "FAM", opened_on=dt.date(2026, 4, 1))
    cases.change_status(
        ws, family.id, CaseStatus.CLOSED, CaseOutcome.SETTLED, closed_on=dt.date(2026, 3, 20)
    )
    for day, topic in ((dt.date(2026, 3, 2), "FAM"), (dt.date(2026, 3, 31), "LAB")):
        record_advice(ws, AdviceInput(topic, "Explained the next step.", given_on=day))
    record_advice(ws, AdviceInput("FAM", "Explained.", given_on=dt.date(2026, 4, 1)))
    # Referrals: two sent and answered in March (10 and 4 days), a draft, one sent in February.
    centre = organisation(ws, "sgla_centre")
    for referred, sent, answered in (
        (dt.date(2026, 3, 1), dt.date(2026, 3, 2), dt.date(2026, 3, 12)),
        (dt.date(2026, 3, 10), dt.date(2026, 3, 10), dt.date(2026, 3, 14)),
        (dt.date(2026, 2, 1), dt.date(2026, 2, 20), None),
        (dt.date(2026, 3, 3), None, None),
    ):
        rid = referrals.create_referral(
            ws,
            gbv.id,
            ReferralInput(centre, request="Protection order", referred_on=referred),
            today=TODAY,
        ).id
        if sent:
            referrals.move_referral(ws, rid, ReferralStatus.SENT, on=sent, today=TODAY)
        if answered:
            referrals.move_referral(ws, rid, ReferralStatus.ANSWERED, on=answered, today=TODAY)
    # Court: hearings on 10 March (held), 31 March 23:30 (not recorded), 1 April 00:00.
    pid = proceedings.add_proceeding(
        ws,
        gbv.id,
        ProceedingInput(
            court_id=_court(ws), kind="criminal", client_role="victim", lawyer_login="lawyer"
        ),
    ).id
    held = proceedings.add_hearing(ws, pid, HearingInput(dt.datetime(2026, 3, 10, 10)))
    proceedings.record_hearing(ws, held.id, HearingOutcome(HearingResult.HELD.value))
    proceedings.add_hearing(ws, pid, HearingInput(dt.datetime(2026, 3, 31, 23, 30)))
    proceedings.add_hearing(ws, pid, HearingInput(dt.datetime(2026, 4, 1, 0, 0)))
    kept = deadlines.add_manual_deadline(ws, gbv.id, "Submit the statement", dt.date(2026, 3, 15))
    deadlines.close_deadline(ws, kept.id, DeadlineState.DONE)
    missed = deadlines.add_manual_deadline(ws, gbv.id, "File the appeal", dt.date(2026, 3, 31))
    deadlines.close_deadline(ws, missed.id, DeadlineState.MISSED)
    deadlines.add_manual_deadline(ws, gbv.id, "Next month", dt.date(2026, 4, 1))
    return ws


def test_people_are_counted_once_and_new_or_returning(office: Workspace) -> None:
    found = statistics.tables(office, MARCH)
    served = found["people_served"]
    assert served.total == 3  # P2 is also a victim in P3's case: counted once, as a client
    assert (served.count("new"), served.count("returning")) == (2, 1)
    assert dict((r.code, r.count) for r in found["people_by_gender"].rows) == {
        "female": 2,
        "male": 1,
    }
    ages = found["people_by_age_group"]
    assert (ages.count("under_18"), ages.count("30_44"), ages.count("unknown")) == (1, 1, 1)
    vulnerable = found["people_by_vulnerability"]
    assert vulnerable.total == 3  # P1 has two markers and is one person
    assert [(r.code, r.count) for r in vulnerable.rows] == [
        ("minor", 1),
        ("gbv_survivor", 1),
        ("low_income", 1),
        ("none", 1),
    ]
    districts = found["people_by_district"]
    assert {r.code: r.count for r in districts.rows} == {
        "osh.aravan": 1,
        "batken.kadamjay": 1,
        "none": 1,
    }


def test_cases_consultations_referrals_and_court(office: Workspace) -> None:
    found = statistics.tables(office, MARCH)
    assert found["cases_opened_by_category"].total == 3
    assert {r.code: r.count for r in found["cases_opened_by_category"].rows} == {
        "FAM": 1,
        "GBV": 1,
        "LAB": 1,
    }
    assert [(r.code, r.count) for r in found["cases_opened_by_month"].rows] == [("2026-03", 3)]
    assert [(r.code, r.count) for r in found["cases_closed_by_outcome"].rows] == [("settled", 1)]
    assert {r.code: r.count for r in found["consultations_by_topic"].rows} == {"FAM": 1, "LAB": 1}
    assert found["referrals_by_target"].total == 2  # the draft and February's do not count
    assert found["referrals_by_status"].count("answered") == 2
    response = found["referral_response_days"]
    assert response.total == 2 and response.mean == pytest.approx(7.0)
    assert response.rows[0].mean == pytest.approx(7.0)
    hearings = found["hearings_by_result"]
    assert hearings.total == 2  # 10 March and 31 March 23:30 local, not 1 April 00:00
    assert (hearings.count("held"), hearings.count("none")) == (1, 1)
    assert found["proceedings_by_kind"].count("criminal") == 1
    states = found["deadlines_by_state"]
    assert (states.count("done"), states.count("missed"), states.total) == (1, 1, 2)


def test_filters_and_period_boundaries(office: Workspace) -> None:
    osh = statistics.tables(office, StatsFilter(MARCH.first_day, MARCH.last_day, region="osh"))
    assert (osh["cases_opened_by_category"].total, osh["people_served"].total) == (2, 2)
    family = statistics.tables(office, StatsFilter(MARCH.first_day, MARCH.last_day, category="FAM"))
    assert (family["cases_opened_by_category"].total, family["people_served"].total) == (1, 1)
    assert family["consultations_by_topic"].total == 1
    mine = statistics.tables(
        office, StatsFilter(MARCH.first_day, MARCH.last_day, lawyer_login="lawyer")
    )
    assert mine["cases_opened_by_category"].total == 1
    assert mine["referrals_by_target"].total == 2
    last_day = statistics.tables(office, StatsFilter(dt.date(2026, 3, 31), dt.date(2026, 3, 31)))
    assert last_day["cases_opened_by_category"].total == 1
    assert last_day["people_served"].count("new") == 1
    assert last_day["hearings_by_result"].total == 1  # 23:30 local on the last day
    first_day = statistics.tables(office, StatsFilter(dt.date(2026, 3, 1), dt.date(2026, 3, 1)))
    assert first_day["cases_opened_by_category"].total == 1
    with pytest.raises(ValidationError):
        statistics.tables(office, StatsFilter(dt.date(2026, 4, 1), dt.date(2026, 3, 1)))
    with pytest.raises(NotFound):
        statistics.tables(office, MARCH, ["no_such_measure"])


def test_every_drill_down_lists_the_records_counted(office: Workspace) -> None:
    for key, table in statistics.tables(office, MARCH).items():
        behind = statistics.records_behind(office, MARCH, key)
        assert len(behind) == table.total, key
        assert all(record.unit is MEASURES[key].unit for record in behind)
        for row in table.rows:
            listed = statistics.records_behind(office, MARCH, key, row.code)
            assert len(listed) == row.count, (key, row.code)


def test_drill_down_rows_say_what_they_are(office: Workspace) -> None:
    people = statistics.records_behind(office, MARCH, "people_served", "returning")
    assert [p.text for p in people] == ["Асанова Жылдыз"]
    opened = statistics.records_behind(office, MARCH, "cases_opened_by_category", "GBV")
    assert opened[0].case_id is not None and opened[0].day == dt.date(2026, 3, 5)
    assert opened[0].unit is Unit.CASES


def test_only_coordinators(office: Workspace) -> None:
    lawyer = as_user(office, "lawyer")
    with pytest.raises(PermissionDenied):
        statistics.tables(lawyer, MARCH)
    with pytest.raises(PermissionDenied):
        statistics.records_behind(lawyer, MARCH, "people_served")


def test_monitoring_counts_approved_trials_in_the_period(office: Workspace) -> None:
    add_staff(office, "monitor", Role.MONITOR, "quiet hall watching the bench")
    monitor = as_user(office, "monitor")
    observed = []
    for day, approve in (("2026-03-10", True), ("2026-03-11", False), ("2026-04-01", True)):
        found = observations.start_observation(
            monitor,
            ObservationInput(
                court_id=_court(office),
                case_kind="criminal",
                stage="first_instance",
                scheduled_at=dt.datetime.fromisoformat(f"{day}T10:00"),
            ),
            [],
        )
        observation_review.submit(monitor, found.id)
        if approve:
            observation_review.approve(office, found.id)
        observed.append(found.id)
    found = statistics.tables(
        office, MARCH, ["observations_by_oblast", "observations_by_case_kind"]
    )
    assert [(r.code, r.count) for r in found["observations_by_oblast"].rows] == [("osh_city", 1)]
    assert found["observations_by_case_kind"].count("criminal") == 1
    behind = statistics.records_behind(office, MARCH, "observations_by_oblast", "osh_city")
    assert [r.record_id for r in behind] == observed[:1]
    batken = StatsFilter(MARCH.first_day, MARCH.last_day, region="batken")
    assert (
        statistics.tables(office, batken, ["observations_by_oblast"])[
            "observations_by_oblast"
        ].total
        == 0
    )


def test_consultations_are_placed_by_their_district_or_their_person(office: Workspace) -> None:
    may = (dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    batken_person = person(office, "Мамытова", "Айгерим", gender=FEMALE, region="batken")
    record_advice(
        office,
        AdviceInput("FAM", "Explained.", given_on=dt.date(2026, 5, 4), district="osh.aravan"),
    )
    record_advice(
        office,
        AdviceInput("FAM", "Explained.", given_on=dt.date(2026, 5, 5), person_id=batken_person.id),
    )
    record_advice(office, AdviceInput("FAM", "Explained.", given_on=dt.date(2026, 5, 6)))

    def counted(**place: str) -> int:
        flt = StatsFilter(*may, **place)
        return statistics.tables(office, flt, ["consultations_by_topic"])[
            "consultations_by_topic"
        ].total

    assert counted() == 3
    assert counted(region="osh") == 1
    assert counted(region="batken") == 1  # by the person: no district was recorded
    assert counted(district="osh.aravan") == 1
    assert counted(region="chui") == 0


def test_an_open_deadline_whose_day_passed_is_counted_as_overdue(office: Workspace) -> None:
    client = person(office, "Мамытова", "Айгерим", gender=FEMALE)
    case = case_for(office, client, "FAM", opened_on=dt.date(2026, 2, 1))
    deadlines.add_manual_deadline(office, case.id, "Answer the court", dt.date(2026, 3, 20))
    states = statistics.tables(office, MARCH, ["deadlines_by_state"])["deadlines_by_state"]
    assert (states.count("overdue"), states.count("open")) == (1, 0)  # today is long after
    labels = dict((row.code, label) for label, row in states.labelled("en"))
    assert labels["overdue"] == "open after its day"
    assert [row.code for row in states.rows] == ["done", "missed", "overdue"]  # in that order

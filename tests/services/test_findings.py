"""Findings against hand-counted values on a small fixed set: three approved hearings and one
only submitted (which does not count); per-item counts with their base, the indicators of
DOMAIN.md §1.5, quarters, filters and their boundaries, the records behind a number, and who
may see findings."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.make_vault import add_staff, as_user

from legalaid.domain.enums import Role
from legalaid.errors import PermissionDenied, ValidationError
from legalaid.services import courts, findings, observation_review, observations
from legalaid.services.findings import FindingsFilter, Share
from legalaid.services.observations import DefendantInput, ObservationInput
from legalaid.services.workspace import Workspace


def at(day: str, time: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}")


@pytest.fixture
def hearings(workspace: Workspace) -> dict[str, int]:
    """O1 criminal trial in Osh City (Feb), O2 custody hearing in Osh City (May), O3 civil
    in Batken (May), O4 criminal but only submitted."""
    add_staff(workspace, "monitor", Role.MONITOR, "quiet hall watching the bench")
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills")
    monitor = as_user(workspace, "monitor")
    by_code = {c.code: c for c in courts.list_courts(workspace)}
    osh = by_code["osh-city-court"].id
    batken = next(c.id for c in by_code.values() if c.region == "batken" and c.id != osh)

    def observe(
        data: ObservationInput,
        answers: dict[str, list[str]],
        defendants: list[DefendantInput],
        approve: bool = True,
    ) -> int:
        found = observations.start_observation(monitor, data, defendants)
        for code, values in answers.items():
            observations.answer_item(monitor, found.id, code, values)
        observation_review.submit(monitor, found.id)
        if approve:
            observation_review.approve(workspace, found.id)
        return found.id

    return {
        "O1": observe(
            ObservationInput(
                court_id=osh,
                case_kind="criminal",
                stage="first_instance",
                hearing_kind="main",
                scheduled_at=at("2026-02-10", "10:00"),
                started_at=at("2026-02-10", "10:20"),
                ended_at=at("2026-02-10", "11:00"),
            ),
            {
                "A1": ["yes"],
                "A5": ["judges_office"],
                "C1": ["metal_cage"],
                "K1": ["yes"],
                "K6": ["ignored"],
                "I3": ["yes"],
                "I3a": ["no"],
            },
            [DefendantInput("D1", counsel="none"), DefendantInput("D2", counsel="private")],
        ),
        "O2": observe(
            ObservationInput(
                court_id=osh,
                case_kind="criminal",
                stage="pretrial",
                hearing_kind="custody",
                scheduled_at=at("2026-05-05", "09:00"),
                started_at=at("2026-05-05", "09:05"),
                ended_at=at("2026-05-05", "09:17"),
                adjourned="yes",
                adjourned_reason="counsel_absent",
            ),
            {"A1": ["no"], "A5": ["courtroom"], "C1": ["free"], "K1": ["no"], "L8": ["no"]},
            [DefendantInput("D1", counsel="state_legal_aid")],
        ),
        "O3": observe(
            ObservationInput(
                court_id=batken,
                case_kind="civil",
                stage="first_instance",
                scheduled_at=at("2026-05-20", "14:00"),
                started_at=at("2026-05-20", "14:10"),
                adjourned="no",
            ),
            {"A1": ["not_observed"]},
            [],
        ),
        "O4": observe(
            ObservationInput(
                court_id=osh,
                case_kind="criminal",
                stage="first_instance",
                scheduled_at=at("2026-05-21", "10:00"),
            ),
            {"K1": ["yes"]},
            [],
            approve=False,
        ),
    }


def test_items_are_counted_per_answer_with_their_base(
    workspace: Workspace, hearings: dict[str, int]
) -> None:
    found = findings.findings(workspace)
    assert found.hearings == 3  # the submitted one does not count
    posted = found.item("A1")  # the hearing list posted?
    assert dict(posted.counts) == {"yes": 1, "no": 1, "not_observed": 1}
    assert (posted.base, posted.answered, posted.concerns) == (2, 3, 1)  # "not observed" out
    venue = found.item("A5")
    assert dict(venue.counts) == {"judges_office": 1, "courtroom": 1}
    assert (venue.base, venue.answered, venue.concerns) == (2, 2, 1)
    torture = found.item("K1")
    assert dict(torture.counts) == {"yes": 1, "no": 1} and torture.base == 2
    assert found.item("Z9").base == 0  # an item nobody answered


def test_sections_count_hearings_with_a_concern_from_each_hearings_summary(
    workspace: Workspace, hearings: dict[str, int]
) -> None:
    sections = findings.findings(workspace).sections
    assert sections == {
        "A": Share(2, 3),  # O1 in a judge's office, O2 no list posted; O3 nothing wrong
        "C": Share(1, 2),
        "I": Share(1, 1),
        "K": Share(1, 2),
        "L": Share(1, 1),
    }


def test_the_indicators_are_the_hand_counted_ones(
    workspace: Workspace, hearings: dict[str, int]
) -> None:
    shown = findings.findings(workspace).indicators
    assert shown.hearings == 3
    assert shown.late_starts == Share(1, 3)  # 20 minutes late; 5 and 10 are not
    assert shown.mean_delay_minutes == pytest.approx(11.7, abs=0.05)
    assert shown.adjourned == Share(1, 2)  # O1 did not say
    assert dict(shown.adjourned_by_reason) == {"counsel_absent": 1}
    assert shown.judges_office == Share(1, 2) and shown.judges_office.percent == 50.0
    assert shown.caged == Share(1, 2)
    assert shown.without_counsel == Share(1, 3)  # defendants, not hearings
    assert shown.torture_allegations == Share(1, 2)
    assert shown.allegations_ignored == Share(1, 1)
    assert shown.custody_hearing_minutes == pytest.approx(12.0, abs=0.05)
    assert shown.custody_orders_reasoned == Share(0, 1)
    assert shown.interpreter_needed == Share(1, 1)
    assert shown.interpreter_provided == Share(0, 1)


def test_quarters_filters_and_their_boundaries(
    workspace: Workspace, hearings: dict[str, int]
) -> None:
    quarters = findings.findings(workspace).quarters
    assert [(q.quarter, q.hearings, q.late_starts) for q in quarters] == [
        ("2026 Q1", 1, 1),
        ("2026 Q2", 2, 0),
    ]
    assert quarters[0].concerns >= 3  # judge's office, cage, allegation, ignored...

    def count(**fields: object) -> int:
        return findings.findings(workspace, FindingsFilter(**fields)).hearings  # type: ignore[arg-type]

    assert count(case_kind="civil") == 1
    assert count(region="batken") == 1
    assert count(stage="pretrial") == 1
    assert count(first_day=dt.date(2026, 5, 5), last_day=dt.date(2026, 5, 20)) == 2  # both ends
    assert count(first_day=dt.date(2026, 5, 6)) == 1
    assert count(last_day=dt.date(2026, 2, 9)) == 0
    with pytest.raises(ValidationError):
        count(first_day=dt.date(2026, 6, 1), last_day=dt.date(2026, 5, 1))


def test_a_number_opens_the_records_behind_it(
    workspace: Workspace, hearings: dict[str, int]
) -> None:
    flt = FindingsFilter()
    assert findings.observations_behind(workspace, flt, "K1", "yes") == [hearings["O1"]]
    assert findings.observations_behind(workspace, flt) == sorted(
        hearings[k] for k in ("O1", "O2", "O3")
    )
    found = findings.findings(workspace, flt)
    behind = findings.observations_behind(workspace, flt, "A5", "courtroom")
    assert len(behind) == found.item("A5").counts["courtroom"]


def test_only_coordinators_see_findings(workspace: Workspace, hearings: dict[str, int]) -> None:
    for login in ("lawyer", "monitor"):
        with pytest.raises(PermissionDenied):
            findings.findings(as_user(workspace, login))

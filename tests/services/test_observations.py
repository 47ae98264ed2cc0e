"""Trial observations in the core: a monitor's draft numbered and answered item by item
(concerns flagged, choices in the list's order), names of defendants refused unless the
office allows them, the clock, who sees what, submission (facts needed; answers to items that
no longer apply dropped), review (return with a reason, approve), an expert's assessment,
linking to a client's case, and checklist versions that old observations keep."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.records import case_for, person
from sqlalchemy import select

from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import ObservationStatus, Role
from legalaid.errors import Conflict, NotFound, PermissionDenied, ValidationError
from legalaid.services import (
    checklist_templates,
    courts,
    observation_review,
    observations,
    office_settings,
)
from legalaid.services.observations import DefendantInput, ObservationInput
from legalaid.services.workspace import Workspace

TODAY = dt.date.today()


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    add_staff(workspace, "monitor", Role.MONITOR, "quiet hall watching the bench", "Айгерим")
    add_staff(workspace, "other", Role.MONITOR, "another quiet observer here", "Нурлан")
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills", "Бакыт")
    add_staff(workspace, "para", Role.PARALEGAL, "seven quiet rivers at dawn")
    return workspace


@pytest.fixture
def monitor(office: Workspace) -> Workspace:
    return as_user(office, "monitor")


def osh_court(ws: Workspace) -> int:
    return next(c.id for c in courts.list_courts(ws) if c.code == "osh-city-court")


def hearing(ws: Workspace, **fields: object) -> ObservationInput:
    values: dict[str, object] = {
        "court_id": osh_court(ws),
        "court_number": "УД-350/26",
        "case_kind": "criminal",
        "stage": "first_instance",
        "hearing_kind": "main",
        "scheduled_at": dt.datetime.combine(TODAY, dt.time(10)),
        **fields,
    }
    return ObservationInput(**values)  # type: ignore[arg-type]


def test_a_monitors_draft_is_numbered_and_answered_item_by_item(
    office: Workspace, monitor: Workspace
) -> None:
    first = observations.start_observation(monitor, hearing(office))
    second = observations.start_observation(monitor)
    year = TODAY.year
    assert (first.number, second.number) == (f"MON-{year}-0001", f"MON-{year}-0002")
    assert first.status is ObservationStatus.DRAFT and first.monitor_login == "monitor"
    assert [t.frozen for t in checklist_templates.list_templates(office)] == [True]

    saved = observations.answer_item(monitor, first.id, "A1", ["no"])
    assert saved.concern and saved.values == ("no",)
    assert not observations.answer_item(monitor, first.id, "A3", ["yes"]).concern
    template = checklist_templates.get_template(office, first.template_id)
    obstacles = [c.code for c in template.item("A3a").choices]
    picked = observations.answer_item(monitor, first.id, "A3a", [obstacles[2], obstacles[0]])
    assert picked.values == (obstacles[0], obstacles[2])  # in the list's order
    observations.answer_item(monitor, first.id, "A6", [" 12 "], comment="Родственники")
    info = observations.get_observation(monitor, first.id)
    assert info.answers["A6"] == ("12",) and info.comments == {"A6": "Родственники"}
    assert info.concerns == ("A1",)
    observations.answer_item(monitor, first.id, "A1", [])  # cleared
    assert "A1" not in observations.get_observation(monitor, first.id).answers
    with pytest.raises(ValidationError) as refused:
        observations.answer_item(monitor, first.id, "A6", ["many"])
    assert refused.value.field == "A6"
    with pytest.raises(ValidationError):
        observations.answer_item(monitor, first.id, "Z9", ["yes"])


def test_names_of_defendants_are_refused_unless_the_office_allows_them(
    office: Workspace, monitor: Workspace
) -> None:
    with pytest.raises(ValidationError) as refused:
        observations.start_observation(
            monitor, hearing(office), [DefendantInput("Асанов Бакыт", sex="male")]
        )
    assert refused.value.field == "defendants.0.pseudonym"
    found = observations.start_observation(
        monitor,
        hearing(office),
        [DefendantInput("Defendant A", age_band="under_18"), DefendantInput("")],
    )
    assert [d.pseudonym for d in found.defendants] == ["Defendant A", "D2"]
    assert found.defendants[0].juvenile and found.context.juvenile
    office_settings.set_monitoring_names_allowed(office, True)
    named = observations.update_observation(
        monitor, found.id, hearing(office), [DefendantInput("Асанов Бакыт")]
    )
    assert named.defendants[0].pseudonym == "Асанов Бакыт"


def test_the_clock_gives_the_delay_and_the_length_less_breaks(
    office: Workspace, monitor: Workspace
) -> None:
    found = observations.start_observation(monitor, hearing(office))
    at = dt.datetime.combine(TODAY, dt.time(10, 25))
    observations.stamp_clock(monitor, found.id, "started", at)
    observations.stamp_clock(monitor, found.id, "break", at + dt.timedelta(minutes=20))
    observations.stamp_clock(monitor, found.id, "resumed", at + dt.timedelta(minutes=35))
    info = observations.stamp_clock(monitor, found.id, "ended", at + dt.timedelta(minutes=50))
    assert info.delay_minutes == 25
    assert info.duration_minutes == 35
    assert [kind for kind, _at in info.stamps] == ["started", "break", "resumed", "ended"]
    with pytest.raises(ValidationError):
        observations.stamp_clock(monitor, found.id, "lunch")


def test_who_sees_which_observation(office: Workspace, monitor: Workspace) -> None:
    found = observations.start_observation(monitor, hearing(office))
    with pytest.raises(NotFound):
        observations.get_observation(as_user(office, "other"), found.id)
    with pytest.raises(NotFound):
        observations.get_observation(as_user(office, "lawyer"), found.id)  # a draft
    with pytest.raises(PermissionDenied):
        observations.list_observations(as_user(office, "para"))
    with pytest.raises(PermissionDenied):
        observations.start_observation(as_user(office, "lawyer"))
    assert observations.list_observations(office)[1] == 1  # the coordinator sees all
    assert observations.list_observations(as_user(office, "other"))[1] == 0
    observation_review.submit(monitor, found.id)
    assert observations.get_observation(as_user(office, "lawyer"), found.id).id == found.id
    with pytest.raises(NotFound):
        observations.answer_item(as_user(office, "other"), found.id, "A1", ["yes"])


def test_submission_needs_the_facts_and_drops_answers_that_no_longer_apply(
    office: Workspace, monitor: Workspace
) -> None:
    found = observations.start_observation(monitor, hearing(office, court_id=None))
    observations.answer_item(monitor, found.id, "A3", ["no"])
    template = checklist_templates.get_template(office, found.template_id)
    obstacle = template.item("A3a").choices[0].code
    observations.answer_item(monitor, found.id, "A3a", [obstacle])
    observations.answer_item(monitor, found.id, "L1", [template.item("L1").choices[0].code])
    observations.answer_item(monitor, found.id, "A3", ["yes"])  # A3a no longer applies
    assert "A3a" in observations.get_observation(monitor, found.id).answers  # kept till then
    with pytest.raises(ValidationError) as refused:
        observation_review.submit(monitor, found.id)
    assert refused.value.field == "court_id"
    observations.update_observation(monitor, found.id, hearing(office))
    submitted = observation_review.submit(monitor, found.id)
    assert set(submitted.dropped) == {"A3a", "L1"}  # L: pre-trial hearings only
    assert submitted.info.answers == {"A3": ("yes",)}
    assert submitted.info.status is ObservationStatus.SUBMITTED
    with pytest.raises(Conflict):
        observations.answer_item(monitor, found.id, "A1", ["yes"])


def test_review_returns_with_a_reason_approves_and_an_expert_grades(
    office: Workspace, monitor: Workspace
) -> None:
    found = observations.start_observation(monitor, hearing(office))
    observation_review.submit(monitor, found.id)
    with pytest.raises(PermissionDenied):
        observation_review.approve(as_user(office, "lawyer"), found.id)
    with pytest.raises(ValidationError):
        observation_review.return_to_monitor(office, found.id, "  ")
    returned = observation_review.return_to_monitor(office, found.id, "Укажите зал.")
    assert returned.status is ObservationStatus.RETURNED
    observations.update_observation(monitor, found.id, hearing(office, courtroom="Зал 4"))
    observation_review.add_comment(monitor, found.id, "Исправила.")
    observation_review.submit(monitor, found.id)
    approved = observation_review.approve(office, found.id)
    assert approved.status is ObservationStatus.APPROVED and approved.approved_at is not None
    kinds = [c.kind for c in observation_review.review_comments(office, found.id)]
    assert kinds == ["returned", "reply", "approved"]
    with pytest.raises(Conflict):
        observation_review.approve(office, found.id)

    lawyer = as_user(office, "lawyer")
    with pytest.raises(ValidationError):
        observation_review.assess(lawyer, found.id, "E", "Нарушено право на защиту.")
    first = observation_review.assess(lawyer, found.id, "c", "Нарушено право на защиту.")
    again = observation_review.assess(lawyer, found.id, "D", "Хуже, чем казалось.")
    assert first.id == again.id and again.grade == "D"  # one per expert, replaced
    with pytest.raises(PermissionDenied):
        observation_review.assess(monitor, found.id, "A", "—")
    assert [a.grade for a in observation_review.assessments(office, found.id)] == ["D"]


def test_only_a_lawyer_or_coordinator_ties_a_trial_to_a_clients_case(
    office: Workspace, monitor: Workspace
) -> None:
    case = case_for(office, person(office, "Асанова", "Жылдыз"), "CRJ", assigned_lawyer="lawyer")
    found = observations.start_observation(monitor, hearing(office))
    observation_review.submit(monitor, found.id)
    with pytest.raises(PermissionDenied):
        observation_review.link_case(monitor, found.id, case.number)
    linked = observation_review.link_case(as_user(office, "lawyer"), found.id, case.number)
    assert linked.case_id == case.id
    assert observation_review.link_case(office, found.id, None).case_id is None


def test_answers_are_audited_without_their_content(office: Workspace, monitor: Workspace) -> None:
    found = observations.start_observation(monitor, hearing(office))
    observations.answer_item(monitor, found.id, "A6", ["3"], comment="Брат подсудимого")
    with office.reader() as session:
        details = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.entity == "observation")
        ).all()
    assert any(json.loads(d or "{}").get("fields") == ["answers"] for d in details)
    assert not any("Брат" in (d or "") for d in details)


def test_a_new_checklist_version_leaves_old_observations_on_theirs(
    office: Workspace, monitor: Workspace
) -> None:
    old = observations.start_observation(monitor, hearing(office))
    data = checklist_templates.template_json(office, old.template_id)
    with pytest.raises(ValidationError):
        checklist_templates.new_version(office, old.template_id, data)  # nothing changed
    removed = json.loads(json.dumps(data))
    removed["sections"][0]["items"] = removed["sections"][0]["items"][1:]  # A1 gone
    with pytest.raises(ValidationError) as refused:
        checklist_templates.new_version(office, old.template_id, removed)
    assert "A1" in str(refused.value)
    changed = json.loads(json.dumps(data))
    changed["sections"][0]["items"][0]["retired"] = True
    changed["sections"][0]["items"][1]["text"]["en"] = "Did the list name the articles?"
    with pytest.raises(PermissionDenied):
        checklist_templates.new_version(as_user(office, "lawyer"), old.template_id, changed)
    made = checklist_templates.new_version(office, old.template_id, changed)
    assert made.version == 2 and not made.frozen
    new = observations.start_observation(monitor, hearing(office))
    assert new.template_id == made.id and old.template_id != made.id
    with pytest.raises(ValidationError):
        observations.answer_item(monitor, new.id, "A1", ["yes"])  # retired in version 2
    observations.answer_item(monitor, old.id, "A1", ["yes"])  # version 1 still has it
    assert checklist_templates.get_template(office, old.template_id).item("A2").text.en != (
        "Did the list name the articles?"
    )


def test_the_demo_observes_through_the_services_in_every_state(
    office: Workspace, monitor: Workspace
) -> None:
    from legalaid.services import demo_monitoring  # noqa: PLC0415 - the demo's own test

    assert demo_monitoring.fill_observations(office, monitor, count=7, seed=3) == 7
    rows, total = observations.list_observations(office)
    states = sorted(row.status.value for row in rows)
    assert total == 7
    assert states.count("draft") == 1 and states.count("returned") == 1
    assert states.count("approved") == 2 and states.count("submitted") == 3
    assert all(row.concerns < 20 for row in rows)  # most of a hearing goes well


def test_paralegals_read_approved_observations_only_when_the_office_allows(
    office: Workspace, monitor: Workspace
) -> None:
    para = as_user(office, "para")
    approved = observations.start_observation(monitor, hearing(office))
    observation_review.submit(monitor, approved.id)
    observation_review.approve(office, approved.id)
    waiting = observations.start_observation(monitor, hearing(office))
    observation_review.submit(monitor, waiting.id)
    with pytest.raises(PermissionDenied):
        observations.list_observations(para)
    with pytest.raises(PermissionDenied):
        observations.get_observation(para, approved.id)
    office_settings.set_paralegals_read_monitoring(office, True)
    rows, total = observations.list_observations(para)
    assert total == 1 and rows[0].id == approved.id  # approved ones only
    assert observations.get_observation(para, approved.id).id == approved.id
    with pytest.raises(NotFound):
        observations.get_observation(para, waiting.id)
    with pytest.raises(PermissionDenied):
        observations.start_observation(para)
    assert observation_review.review_comments(para, approved.id)[0].kind == "approved"


def test_a_concern_becomes_a_draft_referral_of_the_clients_case(
    office: Workspace, monitor: Workspace
) -> None:
    from legalaid.services import directory, referrals  # noqa: PLC0415

    case = case_for(office, person(office, "Асанова", "Жылдыз"), "CRJ", assigned_lawyer="lawyer")
    found = observations.start_observation(
        monitor, hearing(office, notes="Zqxjvwkpl"), [DefendantInput("Defendant Q")]
    )
    observations.answer_item(monitor, found.id, "K1", ["yes"])
    observations.answer_item(monitor, found.id, "A1", ["yes"])  # no concern
    observation_review.submit(monitor, found.id)
    ombudsman = directory.list_organisations(office)[0].id
    lawyer = as_user(office, "lawyer")
    assert [code for code, _text in observation_review.concerns_of(lawyer, found.id)] == ["K1"]
    with pytest.raises(ValidationError) as refused:
        observation_review.refer_concern(lawyer, found.id, "K1", ombudsman)
    assert refused.value.field == "case"  # a referral belongs to a case
    observation_review.link_case(lawyer, found.id, case.number)
    with pytest.raises(ValidationError):
        observation_review.refer_concern(lawyer, found.id, "A1", ombudsman)
    with pytest.raises(PermissionDenied):
        observation_review.refer_concern(monitor, found.id, "K1", ombudsman)
    made = observation_review.refer_concern(lawyer, found.id, "K1", ombudsman)
    assert made.status.value == "draft"
    assert found.number in made.reason
    assert "Zqxjvwkpl" not in made.reason and "Defendant Q" not in made.reason
    assert [r.id for r in referrals.case_referrals(office, case.id)] == [made.id]

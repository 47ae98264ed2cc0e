"""Referrals: life cycle and allowed moves, default due dates, follow-up notes, visibility,
the dashboard's lists, and the case's timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.records import FEMALE, case_for, organisation, person
from sqlalchemy import select

from legalaid.domain.enums import ReferralStatus, Role
from legalaid.errors import NotFound, PermissionDenied, ValidationError
from legalaid.services import directory, referrals, timeline
from legalaid.services.referrals import ReferralFilter, ReferralInput
from legalaid.services.workspace import Workspace

TODAY = dt.date(2026, 11, 20)
S = ReferralStatus


@pytest.fixture
def case_id(workspace: Workspace) -> int:
    client = person(workspace, "Өмүрбекова", "Айгүл", gender=FEMALE, region="osh_city")
    return case_for(workspace, client, "GBV", summary="Beaten by her husband.").id


def refer(ws: Workspace, case_id: int, organisation_id: int, **fields: object) -> int:
    data = ReferralInput(
        organisation_id=organisation_id,
        reason="Needs an advocate in court.",
        request="Please appoint an advocate.",
        referred_on=TODAY,
        **fields,  # type: ignore[arg-type]
    )
    return referrals.create_referral(ws, case_id, data, today=TODAY).id


def test_a_referral_moves_along_its_allowed_path(workspace: Workspace, case_id: int) -> None:
    org = organisation(workspace, days=10)
    rid = refer(workspace, case_id, org)
    info = referrals.get_referral(workspace, rid)
    assert info.status == S.DRAFT and info.due_on is None
    assert info.next_statuses == (S.SENT,)
    with pytest.raises(ValidationError) as refused:
        referrals.move_referral(workspace, rid, S.ANSWERED, today=TODAY)
    assert "draft" in str(refused.value) and "answered" in str(refused.value)
    sent = referrals.move_referral(workspace, rid, S.SENT, on=TODAY, today=TODAY)
    assert sent.sent_on == TODAY and sent.due_on == TODAY + dt.timedelta(days=10)
    received = referrals.move_referral(workspace, rid, S.RECEIVED, today=TODAY)
    assert received.status == S.RECEIVED and received.response_on is None
    answered = referrals.move_referral(
        workspace, rid, S.ANSWERED, response_summary="An advocate was appointed.", today=TODAY
    )
    assert answered.response_on == TODAY
    assert answered.response_summary == "An advocate was appointed."
    assert answered.next_statuses == ()  # final
    with pytest.raises(ValidationError):
        referrals.move_referral(workspace, rid, S.SENT, today=TODAY)


def test_the_due_date_comes_from_the_organisation_or_its_kind(
    workspace: Workspace, case_id: int
) -> None:
    without_days = organisation(workspace, kind="prosecutor", days=None)
    rid = refer(workspace, case_id, without_days)
    sent = referrals.move_referral(workspace, rid, S.SENT, on=TODAY, today=TODAY)
    kind_days = directory.kind_response_days().get("prosecutor", 30)
    assert sent.due_on == TODAY + dt.timedelta(days=kind_days)
    typed = refer(workspace, case_id, without_days, due_on=TODAY + dt.timedelta(days=3))
    kept = referrals.move_referral(workspace, typed, S.SENT, on=TODAY, today=TODAY)
    assert kept.due_on == TODAY + dt.timedelta(days=3)


def test_bad_input_is_refused_with_the_field_named(workspace: Workspace, case_id: int) -> None:
    org = organisation(workspace)
    cases_of_bad_input = [
        ({"request": "  "}, "request"),
        ({"method": "pigeon"}, "method"),
        ({"referred_on": TODAY + dt.timedelta(days=1)}, "referred_on"),
        ({"due_on": TODAY - dt.timedelta(days=1)}, "due_on"),
        ({"consent_scope": ("identity",)}, "consent_on"),
        ({"consent_on": TODAY}, "consent_scope"),
        ({"consent_on": TODAY, "consent_scope": ("everything",)}, "consent_scope"),
        ({"responsible_login": "nobody"}, "responsible_login"),
        ({"organisation_id": 999_999}, "organisation_id"),
    ]
    for fields, field in cases_of_bad_input:
        values = {
            "organisation_id": org,
            "request": "Please help.",
            "referred_on": TODAY,
            **fields,
        }
        with pytest.raises(ValidationError) as refused:
            referrals.create_referral(
                workspace,
                case_id,
                ReferralInput(**values),
                today=TODAY,  # type: ignore[arg-type]
            )
        assert refused.value.field == field, fields
    assert referrals.case_referrals(workspace, case_id) == []


def test_notes_follow_a_referral_up(workspace: Workspace, case_id: int) -> None:
    rid = refer(workspace, case_id, organisation(workspace))
    referrals.add_note(workspace, rid, "Called them: the file is with the deputy head.")
    info = referrals.add_note(workspace, rid, "Called again.")
    assert [n.text for n in info.notes] == [
        "Called them: the file is with the deputy head.",
        "Called again.",
    ]
    assert info.notes[0].who == "Test Coordinator"
    with pytest.raises(ValidationError):
        referrals.add_note(workspace, rid, "   ")


def test_dashboard_lists_overdue_drafts_and_this_weeks_answers(
    workspace: Workspace, case_id: int
) -> None:
    org = organisation(workspace, days=10)
    overdue = refer(workspace, case_id, org)
    referrals.move_referral(workspace, overdue, S.SENT, on=TODAY, today=TODAY)
    draft = refer(workspace, case_id, org)
    answered = refer(workspace, case_id, org)
    referrals.move_referral(workspace, answered, S.SENT, on=TODAY, today=TODAY)
    later = TODAY + dt.timedelta(days=12)  # a Wednesday: the week began on Monday the 30th
    referrals.move_referral(workspace, answered, S.ACCEPTED, on=later, today=later)
    assert [r.id for r in referrals.overdue_referrals(workspace, today=later)] == [overdue]
    assert referrals.overdue_referrals(workspace, today=TODAY) == []
    assert [r.id for r in referrals.referrals_awaiting_sending(workspace)] == [draft]
    week = referrals.answers_this_week(workspace, today=later)
    assert [r.id for r in week] == [answered]
    assert referrals.answers_this_week(workspace, today=later + dt.timedelta(days=7)) == []
    row = referrals.list_referrals(workspace, ReferralFilter(overdue=True, today=later))[0]
    assert row.overdue(later) and row.case_number and row.organisation.startswith("Free Legal")


def test_a_restricted_cases_referrals_stay_hidden(workspace: Workspace) -> None:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills")
    add_staff(workspace, "para", Role.PARALEGAL, "seven quiet rivers at dawn")
    client = person(workspace, "Асанова", "Жылдыз", gender=FEMALE)
    hidden = case_for(workspace, client, "GBV", restricted=True, assigned_lawyer="lawyer").id
    rid = refer(workspace, hidden, organisation(workspace))
    paralegal = as_user(workspace, "para")
    with pytest.raises(NotFound):
        referrals.get_referral(paralegal, rid)
    assert referrals.list_referrals(paralegal) == []
    assert [r.id for r in referrals.list_referrals(as_user(workspace, "lawyer"))] == [rid]


def test_a_lawyer_cannot_refer_a_colleagues_case(workspace: Workspace) -> None:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills")
    add_staff(workspace, "other", Role.LAWYER, "purple goats in the attic")
    client = person(workspace, "Асанова", "Жылдыз", gender=FEMALE)
    theirs = case_for(workspace, client, "FAM", assigned_lawyer="other").id
    org = organisation(workspace)
    with pytest.raises(PermissionDenied):
        refer(as_user(workspace, "lawyer"), theirs, org)
    monitor_login = "mon"
    add_staff(workspace, monitor_login, Role.MONITOR, "slow trains to the valley")
    with pytest.raises(PermissionDenied):
        refer(as_user(workspace, monitor_login), theirs, org)


def test_referral_events_appear_on_the_case_timeline(workspace: Workspace, case_id: int) -> None:
    rid = refer(workspace, case_id, organisation(workspace))
    referrals.move_referral(workspace, rid, S.SENT, on=TODAY, today=TODAY)
    kinds = [item.kind for item in timeline.case_timeline(workspace, case_id)]
    assert "referral_made" in kinds and "referral_sent" in kinds
    made = next(i for i in timeline.case_timeline(workspace, case_id) if i.kind == "referral_made")
    assert made.text == "Free Legal Aid Centre sgla_centre" and made.record_id == rid


def test_every_change_is_audited_without_the_text(workspace: Workspace, case_id: int) -> None:
    rid = refer(workspace, case_id, organisation(workspace))
    referrals.add_note(workspace, rid, "Secret words Zqxjvwkpl")
    with workspace.reader() as session:
        from legalaid.domain.audit import AuditEvent

        events = session.scalars(
            select(AuditEvent).where(AuditEvent.entity.in_(["referral", "referral_note"]))
        ).all()
    assert {e.entity for e in events} == {"referral", "referral_note"}
    assert not any("Zqxjvwkpl" in e.detail for e in events)


def test_the_intakes_consent_to_share_is_offered_for_a_matching_organisation(
    workspace: Workspace,
) -> None:
    from legalaid.domain.enums import ConsentMethod, OrganisationKind
    from legalaid.services import intake
    from legalaid.services.intake import IntakeInput

    data = IntakeInput(
        surname="Асанова",
        given_name="Жылдыз",
        gender="female",
        category="GBV",
        narrative="He beats me.",
        consent_record=True,
        consent_share_with=(OrganisationKind.STATE_LEGAL_AID.value,),
        consent_method=ConsentMethod.ORAL_WITNESSED.value,
        consent_witness="Айбек Осмонов",
        recommended_action="referral",
    )
    case_id = intake.submit_intake(workspace, data).case_id
    sgla = organisation(workspace, kind="sgla_centre")
    police = organisation(workspace, kind="police")
    found = referrals.intake_share_consent(workspace, case_id, sgla)
    assert found is not None and found.method == ConsentMethod.ORAL_WITNESSED
    assert referrals.intake_share_consent(workspace, case_id, police) is None


def test_the_list_puts_those_waiting_first_then_drafts_then_the_rest(
    workspace: Workspace, case_id: int
) -> None:
    org = organisation(workspace)
    answered = refer(workspace, case_id, org)
    referrals.move_referral(workspace, answered, S.SENT, on=TODAY, today=TODAY)
    referrals.move_referral(workspace, answered, S.ANSWERED, on=TODAY, today=TODAY)
    draft = refer(workspace, case_id, org)
    later = refer(workspace, case_id, org, due_on=TODAY + dt.timedelta(days=20))
    sooner = refer(workspace, case_id, org, due_on=TODAY + dt.timedelta(days=5))
    for rid in (later, sooner):
        referrals.move_referral(workspace, rid, S.SENT, on=TODAY, today=TODAY)
    assert [r.id for r in referrals.list_referrals(workspace)] == [sooner, later, draft, answered]


def test_a_referrals_changes_appear_in_the_cases_history(
    workspace: Workspace, case_id: int
) -> None:
    from legalaid.services import history

    rid = refer(workspace, case_id, organisation(workspace))
    referrals.move_referral(workspace, rid, S.SENT, on=TODAY, today=TODAY)
    lines = [entry.what for entry in history.record_history(workspace, "case", case_id)]
    referral_lines = [line for line in lines if line.startswith("referral")]
    assert len(referral_lines) == 2, lines
    assert "sending date" in referral_lines[1] and "answer due date" in referral_lines[1]

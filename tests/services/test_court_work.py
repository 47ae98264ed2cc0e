"""Court representation in the services: courts and their name history, proceedings and
the next instance, hearings (adjourned, the next hearing, a decision and its deadlines),
manual deadlines and closing them, custody alerts, the agenda with conflicts, the .ics
export parsed back, the Dashboard's lists, and who may see any of it."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.records import FEMALE, case_for, person
from icalendar import Calendar

from legalaid.domain.enums import DeadlineState, HearingResult, Instance, Role
from legalaid.errors import PermissionDenied, ValidationError
from legalaid.services import agenda, courts, deadlines, proceedings
from legalaid.services.agenda import AgendaFilter
from legalaid.services.proceedings import (
    CustodyInput,
    HearingInput,
    HearingOutcome,
    ProceedingInput,
)
from legalaid.services.workspace import Workspace

LAWYER_PASSPHRASE = "orange kites over the hills"


def court(ws: Workspace, code: str) -> int:
    return next(c.id for c in courts.list_courts(ws) if c.code == code)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    add_staff(workspace, "lawyer", Role.LAWYER, LAWYER_PASSPHRASE, "Нурбек Жээнбеков")
    add_staff(workspace, "other", Role.LAWYER, "purple goats in the attic", "Бакыт Өмүрбеков")
    return workspace


@pytest.fixture
def case_id(office: Workspace) -> int:
    client = person(office, "Асанова", "Жылдыз", gender=FEMALE)
    return case_for(office, client, "CRJ", assigned_lawyer="lawyer").id


def criminal(ws: Workspace, case_id: int, **fields: object) -> int:
    values: dict[str, object] = {
        "court_id": court(ws, "osh-city-court"),
        "kind": "criminal",
        "client_role": "accused",
        "court_number": "УД-1234/26",
        "charges": "CC 122(2)",
        "lawyer_login": "lawyer",
        **fields,
    }
    return proceedings.add_proceeding(ws, case_id, ProceedingInput(**values)).id  # type: ignore[arg-type]


def test_a_renamed_court_shows_the_name_it_had_then(workspace: Workspace) -> None:
    manas = next(c for c in courts.list_courts(workspace) if c.code == "manas-city-court")
    assert "Jalal-Abad" in manas.name_on(dt.date(2025, 6, 1), "en")
    assert "Manas" in manas.name_on(dt.date(2026, 1, 1), "en")
    # found by its old name and by an alias, in any script and case
    assert manas.id in {c.id for c in courts.list_courts(workspace, text="JALAL-ABAD CITY")}
    found = courts.list_courts(workspace, text="ошский")
    assert found and all(c.matches(["ошский"]) for c in found)


def test_the_next_instance_keeps_the_history(office: Workspace, case_id: int) -> None:
    first = criminal(office, case_id)
    appeal = proceedings.next_instance(office, first, court(office, "osh-oblast-court"), "А-77")
    assert appeal.instance is Instance.APPEAL and appeal.previous_id == first
    assert appeal.lawyer_login == "lawyer" and appeal.charges == "CC 122(2)"
    listed = proceedings.case_proceedings(office, case_id)
    assert [p.id for p in listed] == [first, appeal.id]
    assert listed[0].status.value == "decided"


def test_our_lawyer_is_required_when_we_represent(office: Workspace, case_id: int) -> None:
    with pytest.raises(ValidationError) as refused:
        criminal(office, case_id, lawyer_login=None)
    assert refused.value.field == "lawyer_login"
    with pytest.raises(ValidationError) as refused:
        proceedings.add_proceeding(
            office,
            case_id,
            ProceedingInput(court_id=999_999, kind="criminal", client_role="accused"),
        )
    assert refused.value.field == "court_id"


def test_an_adjourned_hearing_needs_a_reason_and_makes_the_next_one(
    office: Workspace, case_id: int
) -> None:
    pid = criminal(office, case_id)
    day = dt.date(2026, 11, 16)
    hearing = proceedings.add_hearing(office, pid, HearingInput(local(day, 10), courtroom="5"))
    assert hearing.lawyer_login == "lawyer" and hearing.court
    with pytest.raises(ValidationError) as refused:
        proceedings.record_hearing(office, hearing.id, HearingOutcome(result="adjourned"))
    assert refused.value.field == "adjourned_reason"
    with pytest.raises(ValidationError):
        proceedings.record_hearing(
            office,
            hearing.id,
            HearingOutcome(result="adjourned", adjourned_reason="x", next_starts_at=local(day, 9)),
        )
    done = proceedings.record_hearing(
        office,
        hearing.id,
        HearingOutcome(
            result="adjourned",
            adjourned_reason="The prosecutor did not come.",
            time_spent_minutes=90,
            next_starts_at=local(day + dt.timedelta(days=14), 14, 30),
        ),
    )
    assert done.hearing.result is HearingResult.ADJOURNED
    assert done.next_hearing is not None and done.next_hearing.courtroom == "5"
    assert done.next_hearing.starts_at.astimezone().hour == 14


def test_a_decision_announced_counts_the_appeal_deadline(office: Workspace, case_id: int) -> None:
    pid = criminal(office, case_id)
    day = dt.date(2026, 12, 12)  # a Saturday hearing day for the test: 15 days -> 28 Dec
    hearing = proceedings.add_hearing(office, pid, HearingInput(local(day, 10)))
    done = proceedings.record_hearing(
        office, hearing.id, HearingOutcome(result="decision_announced", decision_on=day)
    )
    assert len(done.deadlines) >= 1
    rows = deadlines.case_deadlines(office, case_id)
    appeal = next(r for r in rows if r.rule_code == "criminal_appeal")
    assert appeal.due_at.astimezone().date() == dt.date(2026, 12, 28)
    assert appeal.responsible_login == "lawyer" and appeal.verify
    closed = deadlines.close_deadline(office, appeal.id, DeadlineState.DONE)
    assert closed.state is DeadlineState.DONE


def test_manual_deadlines_and_missed_ones(office: Workspace, case_id: int) -> None:
    past = deadlines.add_manual_deadline(office, case_id, "File the objection", dt.date(2026, 1, 5))
    soon = deadlines.add_manual_deadline(
        office, case_id, "Bring the certificate", dt.date.today() + dt.timedelta(days=2)
    )
    with pytest.raises(ValidationError):
        deadlines.add_manual_deadline(office, case_id, "  ", dt.date.today())
    missed = deadlines.open_deadlines(office, overdue_only=True)
    assert [d.id for d in missed] == [past.id] and past.overdue()
    lawyer = as_user(office, "lawyer")
    board = agenda.court_dashboard(lawyer)
    assert [d.id for d in board.deadlines_missed] == [past.id]
    assert [d.id for d in board.deadlines_soon] == [soon.id]
    deadlines.close_deadline(office, past.id, DeadlineState.MISSED)
    assert agenda.court_dashboard(lawyer).deadlines_missed == []


def test_the_agenda_flags_a_lawyer_in_two_courts_at_once(office: Workspace, case_id: int) -> None:
    day = dt.date.today() + dt.timedelta(days=3)
    first = criminal(office, case_id)
    client = person(office, "Токтосунов", "Улан")
    other_case = case_for(office, client, "FAM", assigned_lawyer="lawyer").id
    second = proceedings.add_proceeding(
        office,
        other_case,
        ProceedingInput(
            court_id=court(office, "osh-oblast-court"),
            kind="civil",
            client_role="plaintiff",
            lawyer_login="lawyer",
        ),
    ).id
    a = proceedings.add_hearing(office, first, HearingInput(local(day, 10), minutes=90))
    b = proceedings.add_hearing(office, second, HearingInput(local(day, 11)))
    c = proceedings.add_hearing(office, second, HearingInput(local(day, 15)))
    week = agenda.agenda(office, day, day, AgendaFilter(lawyer_login="lawyer"))
    assert [h.id for h in week.hearings] == [a.id, b.id, c.id]
    assert week.conflicts == {a.id, b.id}
    hearings, _deadlines = week.on(day)
    assert len(hearings) == 3
    assert agenda.agenda(office, day, day, AgendaFilter(lawyer_login="other")).hearings == []
    board = agenda.court_dashboard(as_user(office, "lawyer"))
    assert {h.id for h in board.hearings_this_week} == {a.id, b.id, c.id}


def test_the_ics_export_parses_and_names_clients_only_when_asked(
    office: Workspace, case_id: int
) -> None:
    day = dt.date.today() + dt.timedelta(days=1)
    pid = criminal(office, case_id)
    proceedings.add_hearing(
        office, pid, HearingInput(local(day, 9, 30), courtroom="Зал №3, каб. 12")
    )
    lawyer = as_user(office, "lawyer")
    plain = Calendar.from_ical(agenda.hearings_ics(lawyer, day, day))
    events = [c for c in plain.walk("VEVENT")]
    assert len(events) == 1
    event = events[0]
    assert "УД-1234/26" in str(event["SUMMARY"]) and "Асанова" not in str(event["SUMMARY"])
    assert "Зал №3, каб. 12" in str(event["LOCATION"])
    assert event.decoded("DTSTART").astimezone().hour == 9
    named = Calendar.from_ical(agenda.hearings_ics(lawyer, day, day, with_names=True))
    assert "Асанова Жылдыз" in str(next(iter(named.walk("VEVENT")))["SUMMARY"])


def test_custody_alerts_on_the_dashboard(office: Workspace, case_id: int) -> None:
    now = dt.datetime.now()
    custody_id = proceedings.set_custody(
        office,
        case_id,
        CustodyInput(detained_at=now - dt.timedelta(hours=50), place="ИВС УВД г. Ош"),
    )
    alerts = agenda.court_dashboard(office, mine_only=False).custody
    assert [a.warning.code for a in alerts] == ["no_decision_late"]
    proceedings.set_custody(
        office,
        case_id,
        CustodyInput(
            detained_at=now - dt.timedelta(hours=50),
            decision_at=now - dt.timedelta(hours=30),
            custody_until=dt.date.today() + dt.timedelta(days=3),
        ),
        custody_id,
    )
    assert [a.warning.code for a in agenda.court_dashboard(office, mine_only=False).custody] == [
        "term_ending"
    ]
    with pytest.raises(ValidationError):
        proceedings.set_custody(
            office, case_id, CustodyInput(detained_at=now + dt.timedelta(days=1))
        )


def test_a_monitor_sees_none_of_it_and_a_colleague_cannot_change_it(
    office: Workspace, case_id: int
) -> None:
    add_staff(office, "mon", Role.MONITOR, "slow trains to the valley")
    monitor = as_user(office, "mon")
    for call in (
        lambda: proceedings.case_proceedings(monitor, case_id),
        lambda: agenda.agenda(monitor, dt.date.today(), dt.date.today()),
        lambda: agenda.court_dashboard(monitor),
        lambda: deadlines.open_deadlines(monitor),
    ):
        with pytest.raises(PermissionDenied):
            call()
    with pytest.raises(PermissionDenied):
        criminal(as_user(office, "other"), case_id)


def test_handing_a_proceeding_over_tells_the_new_lawyer(office: Workspace, case_id: int) -> None:
    from legalaid.services import timeline

    pid = criminal(office, case_id)
    info = proceedings.get_proceeding(office, pid)
    from dataclasses import replace

    proceedings.update_proceeding(office, pid, replace(info.as_input(), lawyer_login="other"))
    tasks = timeline.my_open_tasks(as_user(office, "other"))
    assert any("УД-1234/26" in task.title for task in tasks)


def test_recording_a_hearing_again_corrects_it_without_doubling(
    office: Workspace, case_id: int
) -> None:
    pid = criminal(office, case_id)
    day = dt.date(2026, 12, 14)
    hearing = proceedings.add_hearing(office, pid, HearingInput(local(day, 10)))
    first = proceedings.record_hearing(
        office,
        hearing.id,
        HearingOutcome(
            result="decision_announced",
            decision_on=day,
            next_starts_at=local(day + dt.timedelta(days=7), 10),
        ),
    )
    again = proceedings.record_hearing(
        office,
        hearing.id,
        HearingOutcome(
            result="decision_announced",
            decision_on=day,
            next_starts_at=local(day + dt.timedelta(days=9), 11),
        ),
    )
    assert again.next_hearing is not None and first.next_hearing is not None
    assert again.next_hearing.id == first.next_hearing.id  # moved, not a second one
    assert again.next_hearing.starts_at.astimezone().day == 23
    assert again.deadlines == ()  # the decision's deadlines were counted once
    hearings = proceedings.get_proceeding(office, pid).hearings
    assert len(hearings) == 2


def test_custody_is_checked_against_the_case_and_its_dates(office: Workspace, case_id: int) -> None:
    client = person(office, "Токтосунов", "Улан")
    other = case_for(office, client, "CRJ", assigned_lawyer="lawyer").id
    foreign = criminal(office, other)
    detained = dt.datetime(2026, 11, 20, 8)
    for data, field in (
        (CustodyInput(detained_at=detained, proceeding_id=foreign), "proceeding_id"),
        (CustodyInput(detained_at=detained, released_on=dt.date(2026, 11, 19)), "released_on"),
        (
            CustodyInput(
                detained_at=detained, decision_at=dt.datetime.now() + dt.timedelta(days=2)
            ),
            "decision_at",
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            proceedings.set_custody(office, case_id, data)
        assert refused.value.field == field
    made = proceedings.set_custody(office, case_id, CustodyInput(detained_at=detained, place="ИВС"))
    rows = proceedings.case_custody(office, case_id)
    assert [row.id for row in rows] == [made] and rows[0].place == "ИВС"


def test_a_coordinator_renames_a_court_and_the_old_name_stays_for_the_past(
    office: Workspace,
) -> None:
    from dataclasses import replace

    from legalaid.services.courts import CourtInput

    nookat = next(c for c in courts.list_courts(office) if c.district == "osh.nookat")
    base = CourtInput(
        kind=nookat.kind.value,
        name_ky=nookat.name_on(language="ky"),
        name_ru=nookat.name_on(language="ru"),
        name_en=nookat.name_on(language="en"),
        region=nookat.region,
        district=nookat.district,
    )
    renamed = courts.update_court(
        office,
        nookat.id,
        replace(base, name_en="Nookat Inter-District Court", renamed_on=dt.date(2027, 1, 1)),
    )
    assert renamed.name_on(dt.date(2026, 12, 31), "en") == base.name_en
    assert renamed.name_on(dt.date(2027, 1, 2), "en") == "Nookat Inter-District Court"
    with office.session() as session:
        assert courts.sync_shipped_courts(session, {**courts.shipped_courts(), "version": "x"})
        session.commit()
    kept = courts.get_court(office, nookat.id)
    assert kept.name_on(dt.date(2027, 1, 2), "en") == "Nookat Inter-District Court"
    added = courts.add_court(
        office, replace(base, name_en="Aksy Court", name_ru="Суд", name_ky="Сот")
    )
    assert added.name_on(language="en") == "Aksy Court"
    with pytest.raises(ValidationError):
        courts.add_court(office, replace(base, kind="martian"))
    with pytest.raises(PermissionDenied):
        courts.add_court(as_user(office, "lawyer"), base)

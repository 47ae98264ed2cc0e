"""A case's timeline (notes, activities, tasks, milestones) and the tasks on a dashboard."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from helpers.make_vault import OTHER_PASSPHRASE
from helpers.records import case_for, person
from sqlalchemy import func, select, update

from legalaid.domain.audit import AuditEvent
from legalaid.domain.base import Base
from legalaid.domain.enums import ActivityKind, CaseOutcome, CaseStatus, Role
from legalaid.domain.timeline import CaseEntry, CaseTask
from legalaid.errors import Conflict, NotFound, PermissionDenied, ValidationError
from legalaid.services import accounts, cases, history, timeline
from legalaid.services.timeline import EntryInput
from legalaid.services.workspace import Workspace
from legalaid.storage import migrate

SECRET_TEXT = "Күйөөсү коркутат"


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class Office:
    admin: Workspace
    lawyer1: Workspace
    lawyer2: Workspace
    para: Workspace
    monitor: Workspace
    plain: int  # unassigned
    mine: int  # lawyer1's
    secret: int  # lawyer1's, restricted


def _acting_as(ws: Workspace, login: str) -> Workspace:
    """Another member of staff on the same open vault (the service reads only the actor)."""
    info = next(a for a in accounts.list_accounts(ws) if a.login == login)
    return Workspace(ws.vault, info)


@pytest.fixture
def office(workspace: Workspace) -> Office:
    for login, name, role in (
        ("lawyer1", "Бакыт Асанов", Role.LAWYER),
        ("lawyer2", "Нурлан Жээнбеков", Role.LAWYER),
        ("para1", "Айгүл Осмонова", Role.PARALEGAL),
        ("monitor1", "Гүлнара Токтосунова", Role.MONITOR),
    ):
        accounts.add_account(workspace, login, name, role, OTHER_PASSPHRASE)
    client = person(workspace, "Өмүрбекова", "Айгүл")
    plain = case_for(workspace, client, opened_on=dt.date(2025, 1, 10))
    mine = case_for(workspace, client, "LAB", assigned_lawyer="lawyer1")
    secret = case_for(workspace, client, "GBV", assigned_lawyer="lawyer1", restricted=True)
    return Office(
        workspace,
        _acting_as(workspace, "lawyer1"),
        _acting_as(workspace, "lawyer2"),
        _acting_as(workspace, "para1"),
        _acting_as(workspace, "monitor1"),
        plain.id,
        mine.id,
        secret.id,
    )


def _note(text: str = "Клиентка келди", at: dt.datetime | None = None) -> EntryInput:
    return EntryInput(ActivityKind.NOTE, at or _now(), None, text)


# --- entries ---------------------------------------------------------------------------------


def test_a_note_needs_its_text_and_other_activities_do_not(office: Office) -> None:
    with pytest.raises(ValidationError) as caught:
        timeline.add_entry(office.admin, office.plain, _note("   "))
    assert caught.value.field == "text"
    call = timeline.add_entry(
        office.admin, office.plain, EntryInput(ActivityKind.CALL, _now(), 15, "")
    )
    assert (call.kind, call.duration_minutes, call.text) == ("call", 15, "")
    assert call.label == "phone call" and call.who == "Test Coordinator"


@pytest.mark.parametrize("minutes", [-1, 24 * 60 + 1, 100_000])
def test_a_duration_is_between_zero_and_a_day(office: Office, minutes: int) -> None:
    with pytest.raises(ValidationError) as caught:
        timeline.add_entry(
            office.admin, office.plain, EntryInput(ActivityKind.MEETING, _now(), minutes, "")
        )
    assert caught.value.field == "duration_minutes"


def test_durations_at_the_limits_are_kept(office: Office) -> None:
    for minutes in (0, 24 * 60, None):
        item = timeline.add_entry(
            office.admin, office.plain, EntryInput(ActivityKind.VISIT, _now(), minutes)
        )
        assert item.duration_minutes == minutes


def test_when_it_happened(office: Office) -> None:
    for refused in (_now() + dt.timedelta(hours=1), dt.datetime(1999, 12, 31, 12, 0)):
        with pytest.raises(ValidationError) as caught:
            timeline.add_entry(office.admin, office.plain, _note(at=refused))
        assert caught.value.field == "occurred_at"
    # A clock a little ahead is no mistake; work done before the case was opened is kept.
    timeline.add_entry(office.admin, office.plain, _note(at=_now() + dt.timedelta(minutes=2)))
    before_opening = dt.datetime(2025, 1, 3, 9, 30)
    item = timeline.add_entry(office.admin, office.plain, _note(at=before_opening))
    assert item.local_at.replace(tzinfo=None) == before_opening  # naive means local time
    aware = dt.datetime(2025, 2, 1, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=6)))
    item = timeline.add_entry(office.admin, office.plain, _note(at=aware))
    assert item.at == aware and item.at.tzinfo == dt.UTC


def test_an_unknown_kind_is_refused(office: Office) -> None:
    with pytest.raises(ValidationError) as caught:
        timeline.add_entry(office.admin, office.plain, EntryInput("fax", _now(), None, "x"))
    assert caught.value.field == "kind"


def test_who_did_it_is_the_actor_unless_named(office: Office) -> None:
    item = timeline.add_entry(office.para, office.plain, _note())
    assert item.who == "Айгүл Осмонова"
    named = timeline.add_entry(
        office.admin,
        office.plain,
        EntryInput(ActivityKind.ADVICE, _now(), 30, "Кеңеш берилди", staff_login="LAWYER1"),
    )
    assert named.who == "Бакыт Асанов" and named.label == "advice given"
    for login in ("monitor1", "nobody"):
        with pytest.raises(ValidationError) as caught:
            timeline.add_entry(
                office.admin, office.plain, EntryInput("call", _now(), None, "", login)
            )
        assert caught.value.field == "staff_login"


# --- the timeline ------------------------------------------------------------------------


def test_the_timeline_merges_everything_newest_first(office: Office) -> None:
    ws = office.admin
    timeline.add_entry(ws, office.plain, _note("Биринчи жолугушуу", dt.datetime(2025, 1, 11, 9)))
    timeline.add_entry(
        ws, office.plain, EntryInput(ActivityKind.CALL, dt.datetime(2025, 1, 12, 10), 5)
    )
    timeline.add_entry(
        ws,
        office.plain,
        EntryInput(ActivityKind.DOCUMENT_RECEIVED, dt.datetime(2025, 1, 9, 16), None, "Справка"),
    )
    task = timeline.add_task(ws, office.plain, "Арыз жазуу", "para1", dt.date.today())
    timeline.complete_task(office.para, task.id)
    items = timeline.case_timeline(ws, office.plain)
    assert [i.kind for i in items] == [
        "task_done",
        "task_set",
        "call",
        "note",
        "case_opened",
        "document_received",  # work may come before the case was opened
    ]
    done, set_ = items[0], items[1]
    assert (done.who, set_.who) == ("Айгүл Осмонова", "Test Coordinator")
    assert done.text == set_.text == "Арыз жазуу" and set_.assignee == "Айгүл Осмонова"
    assert set_.due_on == dt.date.today() and set_.label == "task set"
    opened = items[4]
    assert opened.all_day and opened.local_at.date() == dt.date(2025, 1, 10)
    assert opened.label == "case opened" and opened.who == "Test Coordinator"
    assert [i.at for i in items[2:]] == sorted((i.at for i in items[2:]), reverse=True)


def test_a_closed_case_shows_when_it_closed(office: Office) -> None:
    timeline.add_entry(office.admin, office.plain, _note())
    cases.change_status(office.admin, office.plain, CaseStatus.CLOSED, CaseOutcome.SETTLED)
    items = timeline.case_timeline(office.admin, office.plain)
    assert items[0].kind == "case_closed" and items[0].local_at.date() == dt.date.today()
    assert items[0].all_day and items[0].label == "case closed"


def test_a_later_source_joins_the_timeline(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    """How referrals and hearings will add their events."""
    hearing_at = dt.datetime(2025, 3, 1, 10, tzinfo=dt.UTC)
    monkeypatch.setattr(timeline, "TIMELINE_SOURCES", list(timeline.TIMELINE_SOURCES))
    monkeypatch.setitem(timeline.ITEM_LABELS, "hearing", "hearing")
    timeline.timeline_source(
        lambda session, case, viewer: [
            timeline.TimelineItem(hearing_at, "hearing", source="hearing", record_id=case.id)
        ]
    )
    timeline.add_entry(office.admin, office.plain, _note(at=dt.datetime(2025, 2, 1, 9)))
    items = timeline.case_timeline(office.admin, office.plain)
    assert [i.kind for i in items] == ["hearing", "note", "case_opened"]
    assert items[0].label == "hearing"


# --- permissions ---------------------------------------------------------------------------


def test_a_monitor_sees_and_adds_nothing(office: Office) -> None:
    task = timeline.add_task(office.admin, office.plain, "Чакыруу", "admin")
    for call in (
        lambda: timeline.case_timeline(office.monitor, office.plain),
        lambda: timeline.add_entry(office.monitor, office.plain, _note()),
        lambda: timeline.add_task(office.monitor, office.plain, "x", "monitor1"),
        lambda: timeline.complete_task(office.monitor, task.id),
        lambda: timeline.my_open_tasks(office.monitor),
        lambda: timeline.case_tasks(office.monitor, office.plain),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_a_restricted_case_answers_as_a_missing_one(office: Office) -> None:
    timeline.add_entry(office.lawyer1, office.secret, _note(SECRET_TEXT))
    task = timeline.add_task(office.lawyer1, office.secret, "Сотко даярдоо", "lawyer1")
    assert timeline.case_timeline(office.lawyer1, office.secret)[0].text == "Сотко даярдоо"
    with pytest.raises(NotFound) as missing:
        cases.get_case(office.para, 999_999)
    for ws in (office.para, office.lawyer2):
        for call in (
            lambda ws=ws: timeline.case_timeline(ws, office.secret),
            lambda ws=ws: timeline.add_entry(ws, office.secret, _note()),
            lambda ws=ws: timeline.case_tasks(ws, office.secret),
        ):
            with pytest.raises(NotFound) as caught:
                call()
            assert str(caught.value) == str(missing.value)
        with pytest.raises(NotFound) as caught:
            timeline.complete_task(ws, task.id)
        assert str(caught.value) == str(timeline.task_not_found())
        with pytest.raises(NotFound):
            timeline.complete_task(ws, 999_999)


def test_adding_needs_what_changing_the_case_needs(office: Office) -> None:
    # Another lawyer may read lawyer1's case but not add to it; a paralegal may.
    assert timeline.case_timeline(office.lawyer2, office.mine)[-1].kind == "case_opened"
    with pytest.raises(PermissionDenied):
        timeline.add_entry(office.lawyer2, office.mine, _note())
    with pytest.raises(PermissionDenied):
        timeline.add_task(office.lawyer2, office.mine, "Текшерүү", "lawyer2")
    assert timeline.add_entry(office.para, office.mine, _note()).who == "Айгүл Осмонова"
    assert timeline.add_task(office.para, office.mine, "Текшерүү", "lawyer2").assignee_login == (
        "lawyer2"
    )
    assert timeline.add_entry(office.lawyer1, office.mine, _note()).who == "Бакыт Асанов"


def test_the_assignee_or_whoever_may_change_the_case_marks_a_task_done(office: Office) -> None:
    for_lawyer2 = timeline.add_task(office.lawyer1, office.mine, "Күбөнү табуу", "lawyer2")
    for_para = timeline.add_task(office.lawyer1, office.mine, "Көчүрмө алуу", "para1")
    with pytest.raises(PermissionDenied):  # neither assignee nor allowed to change the case
        timeline.complete_task(office.lawyer2, for_para.id)
    done = timeline.complete_task(office.lawyer2, for_lawyer2.id)  # the assignee
    assert done.done_at is not None and not done.overdue
    with pytest.raises(Conflict):
        timeline.complete_task(office.lawyer2, for_lawyer2.id)
    assert timeline.complete_task(office.lawyer1, for_para.id).done_at is not None
    reopened = timeline.reopen_task(office.para, for_para.id)
    assert reopened.done_at is None
    with pytest.raises(Conflict):
        timeline.reopen_task(office.para, for_para.id)


def test_a_task_needs_a_title_a_due_date_ahead_and_someone_who_works_on_cases(
    office: Office,
) -> None:
    attempts = {
        "title": ("   ", "para1", None),
        "due_on": ("Арыз", "para1", dt.date.today() - dt.timedelta(days=1)),
        "assignee": ("Арыз", "monitor1", None),
    }
    for field, (title, login, due) in attempts.items():
        with pytest.raises(ValidationError) as caught:
            timeline.add_task(office.admin, office.plain, title, login, due)
        assert caught.value.field == field
    with pytest.raises(ValidationError) as caught:
        timeline.add_task(office.admin, office.plain, "x" * 301, "para1")
    assert caught.value.field == "title" and "300" in str(caught.value)
    # Someone who cannot open a restricted case would never see the task.
    for login in ("para1", "lawyer2"):
        with pytest.raises(ValidationError) as caught:
            timeline.add_task(office.lawyer1, office.secret, "Арыз", login)
        assert caught.value.field == "assignee"
    assert timeline.add_task(office.lawyer1, office.secret, "Арыз", "admin").assignee_login == (
        "admin"
    )


def test_staff_choices_are_the_active_people_who_work_on_cases(office: Office) -> None:
    accounts.add_account(office.admin, "para2", "Left Already", Role.PARALEGAL, OTHER_PASSPHRASE)
    accounts.deactivate(office.admin, "para2")
    logins = [login for login, _name in timeline.staff_choices(office.para)]
    assert set(logins) == {"admin", "lawyer1", "lawyer2", "para1"}


# --- the dashboard -----------------------------------------------------------------------


def _make_due(ws: Workspace, task_id: int, due: dt.date) -> None:
    """Time passes: a task set for later is now overdue."""
    with ws.session() as session:
        session.execute(update(CaseTask).where(CaseTask.id == task_id).values(due_on=due))
        session.commit()


def test_my_open_tasks_overdue_first_then_by_due_date(office: Office) -> None:
    ws = office.lawyer1
    undated = timeline.add_task(ws, office.mine, "Undated", "lawyer1")
    later = timeline.add_task(
        ws, office.mine, "Later", "lawyer1", dt.date.today() + dt.timedelta(days=5)
    )
    today = timeline.add_task(ws, office.mine, "Today", "lawyer1", dt.date.today())
    late = timeline.add_task(ws, office.mine, "Late", "lawyer1", dt.date.today())
    later_late = timeline.add_task(ws, office.secret, "Very late", "lawyer1", dt.date.today())
    _make_due(ws, late.id, dt.date.today() - dt.timedelta(days=1))
    _make_due(ws, later_late.id, dt.date.today() - dt.timedelta(days=3))
    done = timeline.add_task(ws, office.mine, "Done", "lawyer1", dt.date.today())
    timeline.complete_task(ws, done.id)
    timeline.add_task(ws, office.mine, "Not mine", "para1", dt.date.today())

    rows = timeline.my_open_tasks(ws)
    assert [r.id for r in rows] == [later_late.id, late.id, today.id, later.id, undated.id]
    assert [r.overdue for r in rows] == [True, True, False, False, False]
    mine_number = cases.get_case(ws, office.mine).number
    assert (rows[1].case_id, rows[1].case_number) == (office.mine, mine_number)
    assert [r.id for r in timeline.my_open_tasks(ws, limit=2)] == [later_late.id, late.id]
    assert [r.title for r in timeline.case_tasks(ws, office.mine)] == [
        "Late",
        "Today",
        "Not mine",
        "Later",
        "Undated",
    ]
    assert timeline.case_tasks(ws, office.mine, include_done=True)[-1].title == "Done"

    # The case goes to another lawyer, restricted: lawyer1 no longer sees it nor its task.
    cases.update_case(office.admin, office.secret, assigned_lawyer="lawyer2")
    assert later_late.id not in [r.id for r in timeline.my_open_tasks(ws)]
    assert [r.title for r in timeline.my_open_tasks(office.para)] == ["Not mine"]


# --- audit, history, erasure -------------------------------------------------------------


def test_every_change_is_audited_by_field_name_only(office: Office) -> None:
    ws = office.admin
    entry = timeline.add_entry(ws, office.plain, _note(SECRET_TEXT))
    task = timeline.add_task(ws, office.plain, SECRET_TEXT, "para1", dt.date.today())
    timeline.complete_task(office.para, task.id)
    timeline.reopen_task(ws, task.id)
    with ws.reader() as session:
        events = [
            (e.actor_id, e.action, e.entity, e.entity_id, e.detail)
            for e in session.scalars(
                select(AuditEvent).where(AuditEvent.entity.in_(("case_entry", "case_task")))
            )
        ]
    para_id = office.para.actor.id
    assert [(a, act, ent, i) for a, act, ent, i, _d in events] == [
        (ws.actor.id, "create", "case_entry", str(entry.record_id)),
        (ws.actor.id, "create", "case_task", str(task.id)),
        (para_id, "update", "case_task", str(task.id)),
        (ws.actor.id, "update", "case_task", str(task.id)),
    ]
    assert "text" in json.loads(events[0][4])["fields"]
    assert json.loads(events[2][4])["fields"] == ["done_at", "done_by"]
    assert all(SECRET_TEXT not in detail for *_rest, detail in events)
    assert ws.vault.verify_audit().ok

    texts = [h.what for h in history.record_history(ws, "case", office.plain)]
    assert "timeline entry created" in texts and "task created" in texts
    assert texts.count("task changed: completion") == 2
    assert all(SECRET_TEXT not in t for t in texts)


def test_erasing_a_case_erases_its_timeline(office: Office) -> None:
    ws = office.admin
    timeline.add_entry(ws, office.plain, _note(SECRET_TEXT))
    timeline.add_task(ws, office.plain, "Арыз", "para1")
    kept = timeline.add_task(ws, office.mine, "Башка иш", "lawyer1")
    cases.delete_case(ws, office.plain)
    with ws.reader() as session:
        assert session.scalar(select(func.count(CaseEntry.id))) == 0
        assert session.scalar(select(CaseTask.id)) == kept.id
    with pytest.raises(NotFound):
        timeline.case_timeline(ws, office.plain)
    assert ws.vault.verify_audit().ok


def test_the_migration_builds_the_mapped_tables(office: Office) -> None:
    """0005 and domain/timeline.py describe the same tables (names of constraints too)."""
    with office.admin.vault.engine.connect() as connection:
        assert "0005" in migrate.known_revisions()
        assert migrate.revision_on(connection) == migrate.head_revision()
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        foreign_keys = {
            (fk["name"], fk["referred_table"], fk["options"].get("ondelete"))
            for table in ("case_entry", "case_task")
            for fk in connection.dialect.get_foreign_keys(connection, table)
        }
    ours = [d for d in diff if "case_entry" in repr(d) or "case_task" in repr(d)]
    assert ours == []
    assert ("fk_case_entry_case_id_legal_case", "legal_case", "CASCADE") in foreign_keys
    assert ("fk_case_task_case_id_legal_case", "legal_case", "CASCADE") in foreign_keys
    assert ("fk_case_task_assignee_id_account", "account", None) in foreign_keys

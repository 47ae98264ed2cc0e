"""A case's timeline (notes, activities, tasks, milestones) and the tasks on a dashboard.

The timeline is one chronological list, newest first, merged from *sources*: functions
`(session, case, viewer) -> list[TimelineItem]` listed in `TIMELINE_SOURCES`. Built in are
the case's notes and activities, its tasks (set; done) and its own milestones (opened,
closed). A later feature (referrals, hearings) adds its events with one more source and a
label for its kinds, in its own service module:

    from legalaid.services import timeline

    @timeline.timeline_source
    def _hearings(session: Session, case: Case, viewer: AccountInfo) -> list[TimelineItem]:
        return [timeline.TimelineItem(at=..., kind="hearing", source="hearing", record_id=...)]

    timeline.ITEM_LABELS["hearing"] = N_("hearing")

A source runs in a read-only session after the case was found visible to `viewer`; it
returns `at` as an aware UTC datetime (`as_utc` converts a stored one) and leaves out
whatever the viewer may not see. The module that registers it must be imported before the
timeline is read (import it from `legalaid.services.__init__` or from the UI that shows it).

Rules chosen here (tests/services/test_timeline.py holds them):
- `occurred_at`: a naive datetime is this computer's local time; stored in UTC. At most
  `FUTURE_SLACK` (5 minutes: clocks differ) in the future. It may lie before the case was
  opened (an intake call or advice given before the case was registered), but not before
  `EARLIEST` (2000: a mistyped year).
- Duration: whole minutes from 0 to 24 hours, or None when not known; any kind may have one.
- Text: needed for a note (other kinds may stay without); at most `TEXT_MAX` characters.
- Who did it: an active account whose role works on cases; the actor unless named.
- Tasks: a title of at most 300 characters; the assignee is active staff who works on cases
  and can open the case (only its lawyer and coordinators for a restricted case); a new task
  is not due in the past. Done and reopened by the assignee or by anyone who may change the
  case. Open tasks stay on the assignee's dashboard until done, also after the case closes.
- Reading needs VIEW_RECORDS and the case visible (a restricted case gets the same answer as
  a missing one). Reading is not audited here: the record view opens the case with
  `cases.get_case`, which writes the "view" event. Adding needs what changing the case
  needs (`cases.require_case_edit`). Every change is audited by the Audited mixin: field names
  only, never the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from legalaid.domain.accounts import Account
from legalaid.domain.cases import Case
from legalaid.domain.enums import ActivityKind, Role, label_msgid
from legalaid.domain.timeline import TITLE_MAX, CaseEntry, CaseTask
from legalaid.errors import Conflict, NotFound, PermissionDenied, ValidationError
from legalaid.i18n import N_, _
from legalaid.services.cases import find_case, require_case_edit
from legalaid.services.permissions import Permission, allowed
from legalaid.services.visibility import can_see_case, case_visible
from legalaid.services.workspace import AccountInfo, Workspace

FUTURE_SLACK = dt.timedelta(minutes=5)
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
MAX_DURATION_MINUTES = 24 * 60
TEXT_MAX = 20_000

# Labels of the kinds of timeline items (N_-marked msgids; later sources add theirs).
ITEM_LABELS: dict[str, str] = {
    **{kind.value: label_msgid(kind) for kind in ActivityKind},
    "task_set": N_("task set"),
    "task_done": N_("task done"),
    "case_opened": N_("case opened"),
    "case_closed": N_("case closed"),
}


@dataclass(frozen=True)
class EntryInput:
    kind: ActivityKind | str
    occurred_at: dt.datetime  # naive: local time of this computer
    duration_minutes: int | None = None
    text: str = ""
    staff_login: str | None = None  # who did it; the actor when None


@dataclass(frozen=True)
class TimelineItem:
    at: dt.datetime  # aware, UTC
    kind: str  # an ActivityKind code, a key of ITEM_LABELS
    who: str = ""  # the staff member's display name ("" when not known)
    text: str = ""  # what staff typed: an entry's text, a task's title
    duration_minutes: int | None = None
    source: str = "entry"  # what record_id names: "entry", "task", "case"...
    record_id: int = 0
    all_day: bool = False  # only the (local) date is known: show no time
    assignee: str | None = None  # tasks: for whom
    due_on: dt.date | None = None  # tasks: by when

    @property
    def label(self) -> str:
        """The kind in the current language (an unknown code from a newer version as is)."""
        return _(ITEM_LABELS.get(self.kind, self.kind))

    @property
    def local_at(self) -> dt.datetime:
        return self.at.astimezone()


@dataclass(frozen=True)
class TaskRow:
    id: int
    case_id: int
    case_number: str
    title: str
    assignee_login: str
    assignee: str  # display name
    due_on: dt.date | None
    done_at: dt.datetime | None  # aware, UTC

    @property
    def overdue(self) -> bool:
        return self.done_at is None and self.due_on is not None and self.due_on < dt.date.today()


TimelineSource = Callable[[Session, Case, AccountInfo], list[TimelineItem]]
TIMELINE_SOURCES: list[TimelineSource] = []


def timeline_source(source: TimelineSource) -> TimelineSource:
    """Register a source of timeline items (a decorator; see the module docstring)."""
    if source not in TIMELINE_SOURCES:
        TIMELINE_SOURCES.append(source)
    return source


# --- times -------------------------------------------------------------------------------


def as_utc(stored: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as an aware one."""
    return stored.replace(tzinfo=dt.UTC)


def _to_storage(moment: dt.datetime) -> dt.datetime:
    aware = moment.astimezone() if moment.tzinfo is None else moment
    return aware.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)


def _day_at(day: dt.date, time: dt.time) -> dt.datetime:
    """A local date and time, in UTC (for milestones known only by their date)."""
    return dt.datetime.combine(day, time).astimezone().astimezone(dt.UTC)


# --- validation --------------------------------------------------------------------------


def _kind(kind: ActivityKind | str) -> ActivityKind:
    try:
        return ActivityKind(str(kind).strip().lower())
    except ValueError:
        raise ValidationError(N_("Choose what kind of entry this is."), field="kind") from None


def _occurred_at(moment: dt.datetime) -> dt.datetime:
    stored = _to_storage(moment)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if stored > now + FUTURE_SLACK:
        raise ValidationError(
            N_("The date and time cannot lie in the future."), field="occurred_at"
        )
    if stored < EARLIEST.replace(tzinfo=None):
        raise ValidationError(N_("This date lies too far in the past."), field="occurred_at")
    return stored


def _duration(minutes: int | None) -> int | None:
    if minutes is not None and not 0 <= minutes <= MAX_DURATION_MINUTES:
        raise ValidationError(
            N_("A duration lies between 0 minutes and 24 hours."), field="duration_minutes"
        )
    return minutes


def _text(text: str, kind: ActivityKind) -> str:
    text = (text or "").strip()
    if kind is ActivityKind.NOTE and not text:
        raise ValidationError(N_("A note needs its text."), field="text")
    if len(text) > TEXT_MAX:
        raise ValidationError(
            N_("Too long: at most {limit} characters."), field="text", limit=TEXT_MAX
        )
    return text


def _case_roles() -> tuple[str, ...]:
    return tuple(role.value for role in Role if allowed(role, Permission.EDIT_CASES))


def _staff(session: Session, login: str, field: str) -> Account:
    """An active account whose role works on cases."""
    account = session.scalar(select(Account).where(Account.login == login.strip().lower()))
    if account is None or not account.active or account.role not in _case_roles():
        raise ValidationError(
            N_("{login} is not the login of active staff who work on cases."),
            field=field,
            login=login,
        )
    return account


def _title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError(N_("A task needs a title."), field="title")
    if len(title) > TITLE_MAX:
        raise ValidationError(
            N_("Too long: at most {limit} characters."), field="title", limit=TITLE_MAX
        )
    return title


# --- entries -------------------------------------------------------------------------------


def add_entry(ws: Workspace, case_key: int | str, data: EntryInput) -> TimelineItem:
    """Add a note or an activity to a case (audited); returns it as the timeline shows it."""
    ws.require(Permission.EDIT_CASES)  # before looking: no hint whether the case exists
    kind = _kind(data.kind)
    text = _text(data.text, kind)
    occurred_at = _occurred_at(data.occurred_at)
    duration = _duration(data.duration_minutes)
    with ws.session() as session:
        case = find_case(session, ws.actor, case_key)
        require_case_edit(ws, case)
        staff = _staff(session, data.staff_login or ws.actor.login, "staff_login")
        entry = CaseEntry(
            case_id=case.id,
            kind=kind.value,
            occurred_at=occurred_at,
            duration_minutes=duration,
            staff_id=staff.id,
            text=text,
            created_by=ws.actor.id,
        )
        session.add(entry)
        session.commit()
        return TimelineItem(
            at=as_utc(entry.occurred_at),
            kind=entry.kind,
            who=staff.display_name,
            text=entry.text,
            duration_minutes=entry.duration_minutes,
            source="entry",
            record_id=entry.id,
        )


def may_add(ws: Workspace, case_key: int | str) -> bool:
    """Whether the actor may add entries and tasks to the case (for the UI to offer the
    forms; the calls check again). Not audited: it reads no client data."""
    if not allowed(ws.actor.role, Permission.EDIT_CASES):
        return False
    with ws.reader() as session:
        case = find_case(session, ws.actor, case_key)
        try:
            require_case_edit(ws, case)
        except PermissionDenied:
            return False
    return True


# --- tasks ---------------------------------------------------------------------------------


def _task_query() -> Select[*tuple[Any, ...]]:
    """Tasks with their case's number and their assignee (add the WHERE and ORDER BY)."""
    assignee = aliased(Account)
    return (
        select(
            CaseTask.id,
            CaseTask.case_id,
            Case.number,
            CaseTask.title,
            assignee.login,
            assignee.display_name,
            CaseTask.due_on,
            CaseTask.done_at,
        )
        .join(Case, Case.id == CaseTask.case_id)
        .join(assignee, assignee.id == CaseTask.assignee_id)
    )


def _task_rows(session: Session, query: Select[*tuple[Any, ...]]) -> list[TaskRow]:
    return [
        TaskRow(
            id=r.id,
            case_id=r.case_id,
            case_number=r.number,
            title=r.title,
            assignee_login=r.login,
            assignee=r.display_name,
            due_on=r.due_on,
            done_at=as_utc(r.done_at) if r.done_at else None,
        )
        for r in session.execute(query)
    ]


def _task_row(session: Session, task_id: int) -> TaskRow:
    return _task_rows(session, _task_query().where(CaseTask.id == task_id))[0]


def add_task(
    ws: Workspace,
    case_key: int | str,
    title: str,
    assignee_login: str,
    due_on: dt.date | None = None,
) -> TaskRow:
    """Set a task on a case for someone (audited); it shows on their dashboard until done."""
    ws.require(Permission.EDIT_CASES)
    title = _title(title)
    if due_on is not None and due_on < dt.date.today():
        raise ValidationError(N_("A new task cannot be due in the past."), field="due_on")
    with ws.session() as session:
        case = find_case(session, ws.actor, case_key)
        require_case_edit(ws, case)
        assignee = _staff(session, assignee_login or "", "assignee")
        if not can_see_case(AccountInfo.of(assignee), case):
            raise ValidationError(
                N_("{login} cannot open this restricted case."),
                field="assignee",
                login=assignee.login,
            )
        task = CaseTask(
            case_id=case.id,
            title=title,
            assignee_id=assignee.id,
            due_on=due_on,
            created_by=ws.actor.id,
        )
        session.add(task)
        session.commit()
        return _task_row(session, task.id)


def task_not_found() -> NotFound:
    """The same answer for a task that does not exist and one on a case hidden from the viewer."""
    return NotFound(N_("No task with this id is open to you."))


def _task_to_change(ws: Workspace, session: Session, task_id: int) -> CaseTask:
    """The task, when the actor is its assignee or may change its case."""
    found = session.execute(
        select(CaseTask, Case)
        .join(Case, Case.id == CaseTask.case_id)
        .where(CaseTask.id == task_id, case_visible(ws.actor))
    ).first()
    if found is None:
        raise task_not_found()
    task, case = found
    if task.assignee_id != ws.actor.id:
        require_case_edit(ws, case)
    return task


def complete_task(ws: Workspace, task_id: int) -> TaskRow:
    """Mark a task done (audited): it leaves the assignee's dashboard."""
    ws.require(Permission.VIEW_RECORDS)  # before looking: no hint whether the task exists
    with ws.session() as session:
        task = _task_to_change(ws, session, task_id)
        if task.done_at is not None:
            raise Conflict(N_("This task is already done."))
        task.done_at = _to_storage(dt.datetime.now(dt.UTC))
        task.done_by = ws.actor.id
        session.commit()
        return _task_row(session, task.id)


def reopen_task(ws: Workspace, task_id: int) -> TaskRow:
    """Undo "done" (audited): the task is back on the assignee's dashboard."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.session() as session:
        task = _task_to_change(ws, session, task_id)
        if task.done_at is None:
            raise Conflict(N_("This task is not done."))
        task.done_at, task.done_by = None, None
        session.commit()
        return _task_row(session, task.id)


def case_tasks(ws: Workspace, case_key: int | str, include_done: bool = False) -> list[TaskRow]:
    """A case's open tasks by due date (none last), then, if asked, the done ones, latest
    first."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        case = find_case(session, ws.actor, case_key)
        query = _task_query().where(CaseTask.case_id == case.id)
        if not include_done:
            query = query.where(CaseTask.done_at.is_(None))
        return _task_rows(
            session,
            query.order_by(
                CaseTask.done_at.is_not(None),
                CaseTask.done_at.desc(),
                CaseTask.due_on.is_(None),
                CaseTask.due_on,
                CaseTask.id,
            ),
        )


def my_open_tasks(ws: Workspace, limit: int = 100) -> list[TaskRow]:
    """The actor's open tasks on cases they may see: overdue first, then by due date, tasks
    without one last. (Overdue tasks are exactly those due before today, so ordering by due
    date puts them first, the longest overdue at the top.)"""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        query = (
            _task_query()
            .where(
                CaseTask.assignee_id == ws.actor.id,
                CaseTask.done_at.is_(None),
                case_visible(ws.actor),
            )
            .order_by(CaseTask.due_on.is_(None), CaseTask.due_on, CaseTask.id)
            .limit(limit)
        )
        return _task_rows(session, query)


def staff_choices(ws: Workspace) -> list[tuple[str, str]]:
    """(login, name) of the active staff who work on cases (coordinators, lawyers,
    paralegals): who did an activity, whom a task is for."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        rows = session.execute(
            select(Account.login, Account.display_name)
            .where(Account.active.is_(True), Account.role.in_(_case_roles()))
            .order_by(Account.display_name, Account.login)
        )
        return [(login, name) for login, name in rows]


# --- the timeline --------------------------------------------------------------------------


def case_timeline(ws: Workspace, case_key: int | str) -> list[TimelineItem]:
    """Everything that happened on a case, newest first, from every registered source."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        case = find_case(session, ws.actor, case_key)
        items = [item for source in TIMELINE_SOURCES for item in source(session, case, ws.actor)]
    # At the same moment, an item a source lists later is the newer one (a task done in the
    # second it was set; entries in the order they were added).
    order = sorted(range(len(items)), key=lambda i: (items[i].at, i), reverse=True)
    return [items[i] for i in order]


def _names(session: Session) -> dict[int, str]:
    return {
        account_id: name
        for account_id, name in session.execute(select(Account.id, Account.display_name))
    }


@timeline_source
def _entries(session: Session, case: Case, viewer: AccountInfo) -> list[TimelineItem]:
    rows = session.execute(
        select(
            CaseEntry.id,
            CaseEntry.kind,
            CaseEntry.occurred_at,
            CaseEntry.duration_minutes,
            CaseEntry.text,
            Account.display_name,
        )
        .join(Account, Account.id == CaseEntry.staff_id)
        .where(CaseEntry.case_id == case.id)
        .order_by(CaseEntry.id)
    )
    return [
        TimelineItem(
            at=as_utc(r.occurred_at),
            kind=r.kind,
            who=r.display_name,
            text=r.text,
            duration_minutes=r.duration_minutes,
            source="entry",
            record_id=r.id,
        )
        for r in rows
    ]


@timeline_source
def _tasks(session: Session, case: Case, viewer: AccountInfo) -> list[TimelineItem]:
    names = _names(session)
    items = []
    tasks = session.scalars(
        select(CaseTask).where(CaseTask.case_id == case.id).order_by(CaseTask.id)
    )
    for task in tasks:
        set_item = TimelineItem(
            at=as_utc(task.created_at),
            kind="task_set",
            who=names.get(task.created_by or -1, ""),
            text=task.title,
            source="task",
            record_id=task.id,
            assignee=names.get(task.assignee_id, ""),
            due_on=task.due_on,
        )
        items.append(set_item)
        if task.done_at is not None:
            items.append(
                replace(
                    set_item,
                    at=as_utc(task.done_at),
                    kind="task_done",
                    who=names.get(task.done_by or -1, ""),
                )
            )
    return items


@timeline_source
def _milestones(session: Session, case: Case, viewer: AccountInfo) -> list[TimelineItem]:
    """Opened at the start of its day (work that day comes after), closed at the end."""
    creator = session.scalar(select(Account.display_name).where(Account.id == case.created_by))
    items = [
        TimelineItem(
            at=_day_at(case.opened_on, dt.time.min),
            kind="case_opened",
            who=creator or "",
            source="case",
            record_id=case.id,
            all_day=True,
        )
    ]
    if case.closed_on is not None:
        items.append(
            TimelineItem(
                at=_day_at(case.closed_on, dt.time(23, 59, 59)),
                kind="case_closed",
                source="case",
                record_id=case.id,
                all_day=True,
            )
        )
    return items

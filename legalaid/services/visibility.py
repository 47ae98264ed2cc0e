"""Restricted cases: only their assigned lawyer and coordinators may open them.

Everyone else sees at most that a restricted record exists when a search hits it (a
conflict or duplicate check). A person who is a party only to restricted cases the
viewer cannot see is hidden the same way. These are SQL conditions, so lists and
searches filter in the database, never in Python. Being the assigned lawyer counts only
while the account's role may hold restricted cases (a lawyer moved to paralegal loses
them at once).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, not_, or_, select, true
from sqlalchemy.orm import Session, aliased

from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.people import Person
from legalaid.errors import NotFound
from legalaid.i18n import N_
from legalaid.services.permissions import Permission, allowed
from legalaid.services.workspace import AccountInfo


def sees_everything(viewer: AccountInfo) -> bool:
    return allowed(viewer.role, Permission.SEE_ALL_RESTRICTED)


def _holds(viewer: AccountInfo, case: Any) -> ColumnElement[bool]:
    """The viewer is the assigned lawyer of `case`, in a role that may hold restricted cases."""
    if not allowed(viewer.role, Permission.RESTRICT_CASES):
        return false()
    condition: ColumnElement[bool] = case.assigned_lawyer_id == viewer.id
    return condition


def _case_visible(viewer: AccountInfo, case: Any) -> ColumnElement[bool]:
    if sees_everything(viewer):
        return true()
    return or_(case.restricted.is_(False), _holds(viewer, case))


def case_visible(viewer: AccountInfo) -> ColumnElement[bool]:
    return _case_visible(viewer, Case)


def _case_hidden(viewer: AccountInfo, case: Any) -> ColumnElement[bool]:
    return and_(case.restricted.is_(True), not_(_holds(viewer, case)))


def _person_has(
    viewer: AccountInfo,
    condition: Callable[[AccountInfo, Any], ColumnElement[bool]],
    person_id: Any,
) -> ColumnElement[bool]:
    party, case = aliased(CaseParty), aliased(Case)
    predicate = condition(viewer, case)
    return exists(
        select(party.id)
        .join(case, case.id == party.case_id)
        .where(party.person_id == person_id, predicate)
    )


def person_visible(viewer: AccountInfo) -> ColumnElement[bool]:
    if sees_everything(viewer):
        return true()
    return or_(
        ~_person_has(viewer, _case_hidden, Person.id), _person_has(viewer, _case_visible, Person.id)
    )


def person_hidden(viewer: AccountInfo) -> ColumnElement[bool]:
    if sees_everything(viewer):
        return false()
    return and_(
        _person_has(viewer, _case_hidden, Person.id), ~_person_has(viewer, _case_visible, Person.id)
    )


def hidden_people_count(session: Session, viewer: AccountInfo) -> int:
    """How many people the viewer cannot see, counted from the (few) restricted cases
    rather than by testing every person."""
    if sees_everything(viewer):
        return 0
    query = (
        select(func.count(func.distinct(CaseParty.person_id)))
        .join(Case, Case.id == CaseParty.case_id)
        .where(_case_hidden(viewer, Case), ~_person_has(viewer, _case_visible, CaseParty.person_id))
    )
    return int(session.scalar(query) or 0)


def can_see_case(viewer: AccountInfo, case: Case) -> bool:
    if sees_everything(viewer) or not case.restricted:
        return True
    return allowed(viewer.role, Permission.RESTRICT_CASES) and case.assigned_lawyer_id == viewer.id


def not_found_or_restricted() -> NotFound:
    """The same answer for a case that does not exist and one the viewer may not open."""
    return NotFound(N_("No case with this number or id is open to you."))


def person_not_found() -> NotFound:
    """The same answer for a person who does not exist and one the viewer may not see."""
    return NotFound(N_("No person with this id is open to you."))

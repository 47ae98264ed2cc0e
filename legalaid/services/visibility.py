"""Restricted cases: only their assigned lawyer and coordinators may open them.

Everyone else sees at most that a restricted case exists when a search hits it (a
conflict or duplicate check). A person who is a party only to restricted cases the
viewer cannot see is hidden the same way. These are SQL conditions, so lists and
searches filter in the database, never in Python.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, true
from sqlalchemy.orm import Session, aliased

from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.people import Person
from legalaid.errors import NotFound
from legalaid.i18n import N_
from legalaid.services.permissions import Permission, allowed
from legalaid.services.workspace import AccountInfo


def sees_everything(viewer: AccountInfo) -> bool:
    return allowed(viewer.role, Permission.SEE_ALL_RESTRICTED)


def case_visible(viewer: AccountInfo) -> ColumnElement[bool]:
    if sees_everything(viewer):
        return true()
    return or_(Case.restricted.is_(False), Case.assigned_lawyer_id == viewer.id)


def _hidden_case_of_person(viewer: AccountInfo) -> ColumnElement[bool]:
    return exists(
        select(CaseParty.id)
        .join(Case, Case.id == CaseParty.case_id)
        .where(
            CaseParty.person_id == Person.id,
            Case.restricted.is_(True),
            or_(Case.assigned_lawyer_id.is_(None), Case.assigned_lawyer_id != viewer.id),
        )
    )


def _visible_case_of_person(viewer: AccountInfo) -> ColumnElement[bool]:
    return exists(
        select(CaseParty.id)
        .join(Case, Case.id == CaseParty.case_id)
        .where(CaseParty.person_id == Person.id, case_visible(viewer))
    )


def person_visible(viewer: AccountInfo) -> ColumnElement[bool]:
    if sees_everything(viewer):
        return true()
    return or_(~_hidden_case_of_person(viewer), _visible_case_of_person(viewer))


def person_hidden(viewer: AccountInfo) -> ColumnElement[bool]:
    if sees_everything(viewer):
        return false()
    return and_(_hidden_case_of_person(viewer), ~_visible_case_of_person(viewer))


def hidden_people_count(session: Session, viewer: AccountInfo) -> int:
    """How many people the viewer cannot see, counted from the (few) restricted cases
    rather than by testing every person."""
    if sees_everything(viewer):
        return 0
    hidden_case = and_(
        Case.restricted.is_(True),
        or_(Case.assigned_lawyer_id.is_(None), Case.assigned_lawyer_id != viewer.id),
    )
    other = aliased(CaseParty)
    other_case = aliased(Case)
    seen_elsewhere = exists(
        select(other.id)
        .join(other_case, other_case.id == other.case_id)
        .where(
            other.person_id == CaseParty.person_id,
            or_(other_case.restricted.is_(False), other_case.assigned_lawyer_id == viewer.id),
        )
    )
    query = (
        select(func.count(func.distinct(CaseParty.person_id)))
        .join(Case, Case.id == CaseParty.case_id)
        .where(hidden_case, ~seen_elsewhere)
    )
    return int(session.scalar(query) or 0)


def can_see_case(viewer: AccountInfo, case: Case) -> bool:
    return sees_everything(viewer) or not case.restricted or case.assigned_lawyer_id == viewer.id


def not_found_or_restricted() -> NotFound:
    """The same answer for a case that does not exist and one the viewer may not open."""
    return NotFound(N_("No case with this number or id is open to you."))

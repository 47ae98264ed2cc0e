"""Statistics against hand-counted values on a small fixed set: cases opened in the period
(both ends included), distinct people served, new and returning, by category and gender,
a victim who is not a client not counted, filters by the client's region and by category,
and who may see them."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.records import FEMALE, case_for, person

from legalaid.domain.enums import Gender, PartyRole, Role
from legalaid.errors import PermissionDenied, ValidationError
from legalaid.services import statistics
from legalaid.services.cases import PartyInput
from legalaid.services.statistics import StatsFilter
from legalaid.services.workspace import Workspace

MARCH = StatsFilter(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    """P1 returning (a case in January, one in March), P2 new (on the last day), P3 new (on
    the first day; another case in April); P2 also a victim in P3's case."""
    p1 = person(workspace, "Асанова", "Жылдыз", gender=FEMALE, region="osh")
    p2 = person(workspace, "Токтогулов", "Эрлан", gender=Gender.MALE, region="batken")
    p3 = person(workspace, "Сыдыкова", "Гүлнара", gender=FEMALE, region="osh")
    case_for(workspace, p1, "FAM", opened_on=dt.date(2026, 1, 10))
    case_for(workspace, p1, "GBV", opened_on=dt.date(2026, 3, 5))
    case_for(workspace, p2, "LAB", opened_on=dt.date(2026, 3, 31))
    case_for(
        workspace,
        p3,
        "FAM",
        opened_on=dt.date(2026, 3, 1),
        parties=(PartyInput(p2.id, PartyRole.VICTIM),),
    )
    case_for(workspace, p3, "FAM", opened_on=dt.date(2026, 4, 1))
    return workspace


def test_people_are_counted_once_and_new_or_returning(office: Workspace) -> None:
    found = statistics.statistics(office, MARCH)
    assert (found.cases_opened, found.cases_closed) == (3, 0)
    assert (found.people_served, found.new_people, found.returning_people) == (3, 2, 1)
    assert dict(found.opened_by_category) == {"FAM": 1, "GBV": 1, "LAB": 1}
    assert dict(found.people_by_gender) == {"female": 2, "male": 1}


def test_filters_and_boundaries(office: Workspace) -> None:
    osh = statistics.statistics(office, StatsFilter(MARCH.first_day, MARCH.last_day, region="osh"))
    assert (osh.cases_opened, osh.people_served) == (2, 2)
    family = statistics.statistics(
        office, StatsFilter(MARCH.first_day, MARCH.last_day, category="FAM")
    )
    assert (family.cases_opened, family.people_served) == (1, 1)
    one_day = statistics.statistics(office, StatsFilter(dt.date(2026, 3, 31), dt.date(2026, 3, 31)))
    assert (one_day.cases_opened, one_day.new_people) == (1, 1)
    with pytest.raises(ValidationError):
        statistics.statistics(office, StatsFilter(dt.date(2026, 4, 1), dt.date(2026, 3, 1)))


def test_only_coordinators(office: Workspace) -> None:
    add_staff(office, "lawyer", Role.LAWYER, "orange kites over the hills")
    with pytest.raises(PermissionDenied):
        statistics.statistics(as_user(office, "lawyer"), MARCH)

"""What statistics count and how their groups are named: the units (people, cases...) and
the labels of group codes in a language (an enumeration's label, a category or district
from the reference data, "not recorded" for an empty field). Shared by the tables
(services/statistics.py) and the lists behind them (services/stat_records.py)."""

from __future__ import annotations

import enum
from collections.abc import Callable

from legalaid.domain import reference
from legalaid.domain.enums import DeadlineState, LabelledEnum, label_msgid
from legalaid.i18n import N_, translate_in
from legalaid.services.stat_sources import NOT_RECORDED, OVERDUE


class Unit(enum.StrEnum):
    """What a measure counts (and what its drill-down lists)."""

    PEOPLE = "people"
    CASES = "cases"
    CONSULTATIONS = "consultations"
    INTAKES = "intakes"
    CONTACTS = "contacts"
    REFERRALS = "referrals"
    PROCEEDINGS = "proceedings"
    HEARINGS = "hearings"
    DEADLINES = "deadlines"
    OBSERVATIONS = "observations"


UNIT_LABELS = {
    Unit.PEOPLE: N_("people"),
    Unit.CASES: N_("cases"),
    Unit.CONSULTATIONS: N_("consultations"),
    Unit.INTAKES: N_("intakes"),
    Unit.CONTACTS: N_("anonymous contacts"),
    Unit.REFERRALS: N_("referrals"),
    Unit.PROCEEDINGS: N_("proceedings"),
    Unit.HEARINGS: N_("hearings"),
    Unit.DEADLINES: N_("deadlines"),
    Unit.OBSERVATIONS: N_("observations"),
}

Labeller = Callable[[str, str], str]  # (code, language) -> label


def not_recorded(language: str) -> str:
    return translate_in(language, N_("not recorded"))


def enum_labels(kind: type[LabelledEnum]) -> Labeller:
    def label(code: str, language: str) -> str:
        try:
            return translate_in(language, label_msgid(kind(code)))
        except ValueError:
            return not_recorded(language) if code == NOT_RECORDED else code

    return label


def category(code: str, language: str) -> str:
    return reference.category_label(code, language) or code


def subcategory(code: str, language: str) -> str:
    if "." in code:
        return f"{category(code.split('.')[0], language)} — {category(code, language)}"
    return f"{category(code, language)} — {not_recorded(language)}"


def district(code: str, language: str) -> str:
    found = reference.district(code)
    if found is not None:
        return found.label(language)
    return not_recorded(language) if code == NOT_RECORDED else code


def as_is(code: str, _language: str) -> str:
    return code


_NEW_OR_RETURNING = {"new": N_("new"), "returning": N_("returning")}


def new_or_returning(code: str, language: str) -> str:
    return translate_in(language, _NEW_OR_RETURNING.get(code, code))


def order(kind: type[enum.Enum]) -> tuple[str, ...]:
    return (*(member.value for member in kind), NOT_RECORDED)


def deadline_state(code: str, language: str) -> str:
    """A deadline's state; "overdue": still open after its day (nobody marked it)."""
    if code == OVERDUE:
        return translate_in(language, N_("open after its day"))
    return enum_labels(DeadlineState)(code, language)


DEADLINE_ORDER = ("open", "done", "missed", OVERDUE, "not_applicable", NOT_RECORDED)

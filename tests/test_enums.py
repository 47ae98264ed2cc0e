"""Every stored code has its own label, also where two enumerations share a code."""

from __future__ import annotations

from legalaid.domain import enums
from legalaid.domain.enums import CaseOutcome, LabelledEnum, Language


def _enumerations() -> list[type[LabelledEnum]]:
    return [
        value
        for value in vars(enums).values()
        if isinstance(value, type) and issubclass(value, LabelledEnum) and value is not LabelledEnum
    ]


def test_every_member_has_a_label_of_its_own_class() -> None:
    for enumeration in _enumerations():
        labels = [member.label for member in enumeration]
        assert all(labels), enumeration
        assert len(set(labels)) == len(labels), enumeration


def test_a_code_shared_by_two_enumerations_keeps_both_labels() -> None:
    assert Language.OTHER == CaseOutcome.OTHER  # both "other", as stored
    assert Language.OTHER.label == "another language"
    assert CaseOutcome.OTHER.label == "other outcome"

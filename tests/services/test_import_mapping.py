"""Mapping suggestions (services/imports/mapping.py): columns from headers in Kyrgyz,
Russian and English with the abbreviations registers use; each field to one column; coded
values (category, status, gender, district) from their labels in three languages and the
words offices use; what matches nothing is left for the person (None)."""

from __future__ import annotations

import pytest

from legalaid.services.imports.mapping import FIELDS, suggest_columns, suggest_values

EXPECTED = [
    "external_ref",
    "full_name",
    "birth_date",
    "gender",
    "phone",
    "district",
    "category",
    "opened_on",
    "status",
    "lawyer",
]


@pytest.mark.parametrize(
    "header",
    [
        [
            "№ дела",
            "ФИО",
            "Д.р.",
            "Пол",
            "Тел.",
            "Район",
            "Категория",
            "Дата обращения",
            "Статус",
            "Юрист",
        ],
        [
            "Иштин номери",
            "Аты-жөнү",
            "Туулган күнү",
            "Жынысы",
            "Телефону",
            "Району",
            "Категориясы",
            "Кайрылган күнү",
            "Абалы",
            "Жооптуу",
        ],
        [
            "Case no",
            "Full name",
            "Date of birth",
            "Sex",
            "Phone",
            "District",
            "Category",
            "Date opened",
            "Status",
            "Lawyer",
        ],
    ],
)
def test_columns_are_suggested_in_each_language(header: list[str]) -> None:
    assert suggest_columns(header) == dict(enumerate(EXPECTED))


def test_unknown_and_empty_headers_are_left_and_a_field_goes_to_one_column() -> None:
    found = suggest_columns(["ФИО", "", "Цвет глаз", "Клиент", "Дата", "Дата закрытия"])
    assert found == {0: "full_name", 4: "opened_on", 5: "closed_on"}  # "Клиент" is a 2nd name


@pytest.mark.parametrize("ordinal", ["№", "№ п/п", "No."])
def test_a_row_ordinal_is_never_taken_for_the_register_number(ordinal: str) -> None:
    """A sheet sorted again renumbers its rows: matching cases on that would update the
    wrong case, so only a header that names a case number is suggested."""
    assert suggest_columns([ordinal, "ФИО", "№ дела"]) == {1: "full_name", 2: "external_ref"}


def test_every_field_has_aliases_in_the_three_languages_and_a_label() -> None:
    for found in FIELDS:
        assert found.label and found.aliases
        assert any(any("a" <= c <= "z" for c in alias) for alias in found.aliases), found.code
        assert any(any("а" <= c <= "я" for c in alias) for alias in found.aliases), found.code


def test_coded_values_are_suggested_and_the_rest_left_to_the_person() -> None:
    assert suggest_values(
        "category", ["Бытовое насилие", "Семейные дела", "Трудовые споры", "?"]
    ) == {
        "Бытовое насилие": "GBV.DOMESTIC_VIOLENCE",
        "Семейные дела": "FAM",
        "Трудовые споры": "LAB",
        "?": None,
    }
    assert suggest_values("gender", ["ж", "Муж.", "эркек", "Female", "x"]) == {
        "ж": "female",
        "Муж.": "male",
        "эркек": "male",
        "Female": "female",
        "x": None,
    }
    assert suggest_values("district", ["Алайский район", "Кара-Суу", "Ноокат р-н", "Марс"]) == {
        "Алайский район": "osh.alay",
        "Кара-Суу": "osh.kara_suu",
        "Ноокат р-н": "osh.nookat",
        "Марс": None,
    }
    assert suggest_values("status", ["Закрыто", "в работе", "Жабык", "в суде"]) == {
        "Закрыто": "closed",
        "в работе": "open",
        "Жабык": "closed",
        "в суде": "in_court",
    }
    assert suggest_values("lawyer", ["Асанов"]) == {"Асанов": None}  # not a coded field

"""Referral letter templates: the shipped ky/ru/en wording is valid, a template with anything
but known plain placeholders is refused with the problem named, values are inserted as
typed (no format-string injection), and dates read as official letters write them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from babel import Locale

from legalaid.documents.letter_templates import (
    MAX_TEXT_LENGTH,
    PLACEHOLDERS,
    LetterTemplate,
    TemplateError,
    check_template,
    fill,
    missing_values,
    official_date,
    paragraphs,
    placeholders_in,
    shipped_template,
)
from legalaid.errors import ValidationError
from legalaid.paths import resources_dir

LANGUAGES = ("ky", "ru", "en")
BODY = "Dear colleagues,\n\nwe refer {client_name}."
ALL_VALUES = {name: f"<{name}>" for name in PLACEHOLDERS}


def _refusal(subject: str = "Referral", body: str = BODY) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        check_template(subject, body)
    return caught.value


# --- the shipped templates ---------------------------------------------------------------


def test_the_file_has_a_version_an_explanation_and_exactly_our_languages() -> None:
    data = json.loads((resources_dir() / "letters" / "referral_letter.json").read_text("utf-8"))
    assert data["version"]
    assert "{{" in data["about"]
    assert sorted(data["templates"]) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_template_is_valid_and_uses_only_known_placeholders(language: str) -> None:
    template = shipped_template(language)
    assert isinstance(template, LetterTemplate)
    assert template.language == language
    check_template(template.subject, template.body)
    used = set(placeholders_in(template.subject)) | set(placeholders_in(template.body))
    assert used <= set(PLACEHOLDERS)
    assert "client_name" in placeholders_in(template.subject)
    for needed in ("client_name", "subject_matter", "facts", "request", "legal_basis"):
        assert needed in used
    for needed in ("due_date", "letter_number", "consent_date", "office_name"):
        assert needed in used
    assert "\n" not in template.subject
    assert len(paragraphs(template.body)) >= 5


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_template_filled_with_every_value_leaves_nothing_out(language: str) -> None:
    template = shipped_template(language)
    texts = (template.subject, template.body)
    assert missing_values(texts, ALL_VALUES) == []
    for text in texts:
        filled = fill(text, ALL_VALUES)
        assert "{" not in filled and "}" not in filled
    assert "<client_name>" in fill(template.subject, ALL_VALUES)


def test_the_kyrgyz_template_is_kyrgyz_and_not_the_russian_one() -> None:
    ky, ru = shipped_template("ky"), shipped_template("ru")
    text = ky.subject + ky.body
    assert set(text.lower()) & set("ңөү")
    assert ky.subject != ru.subject
    assert ky.body != ru.body
    assert paragraphs(ky.body)[0] != paragraphs(ru.body)[0]


def test_the_russian_subject_names_the_referral() -> None:
    assert shipped_template("ru").subject == "О направлении обращения гр. {client_name}"


def test_an_unsupported_language_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        shipped_template("de")
    assert shipped_template("ru_RU").language == "ru"


# --- what a template may contain ---------------------------------------------------------


def test_every_placeholder_is_a_plain_name_with_a_description() -> None:
    for name, description in PLACEHOLDERS.items():
        assert name.isidentifier() and name.islower()
        assert description.strip()


def test_an_unknown_placeholder_is_refused_and_named() -> None:
    error = _refusal(body="We refer {clientname} to you.")
    assert isinstance(error, ValidationError)
    assert error.field == "body"
    assert "{clientname}" in str(error)
    assert "{client_name}" in str(error)  # the suggestion


def test_an_unknown_placeholder_without_a_near_name_is_named_alone() -> None:
    error = _refusal(subject="Referral of {somebody}")
    assert error.field == "subject"
    assert str(error) == "The template uses an unknown placeholder {somebody}."


def test_a_placeholder_in_another_script_is_unknown_not_a_crash() -> None:
    assert "{аты}" in str(_refusal(body="Жаран {аты}"))


@pytest.mark.parametrize(
    ("body", "line", "column", "brace"),
    [
        ("We refer {client_name to you.", 1, 10, "{"),
        ("We refer client_name} to you.", 1, 21, "}"),
        ("First line.\n\nSecond {client_name {facts}", 3, 8, "{"),
        ("Text {", 1, 6, "{"),
        ("{{client_name}", 1, 14, "}"),
    ],
)
def test_a_brace_without_its_pair_is_refused_with_its_position(
    body: str, line: int, column: int, brace: str
) -> None:
    error = _refusal(body=body)
    assert error.field == "body"
    assert error.params["line"] == line
    assert error.params["column"] == column
    assert f"line {line}, column {column}" in str(error)
    assert brace in str(error)


@pytest.mark.parametrize(
    "placeholder",
    [
        "{client_name!r}",
        "{client_name.__class__}",
        "{client_name[0]}",
        "{0}",
        "{}",
        "{client_name:>20}",
        "{client_name:}",
        "{client_name!}",
    ],
)
def test_only_plain_names_are_allowed(placeholder: str) -> None:
    error = _refusal(body=f"We refer {placeholder} to you.")
    assert error.field == "body"
    assert placeholder in str(error)
    assert "not allowed" in str(error)


def test_placeholders_in_reads_python_fields_and_refuses_what_python_cannot_parse() -> None:
    assert placeholders_in("{client_name!r}") == ["client_name"]
    with pytest.raises(TemplateError, match="not allowed"):
        placeholders_in("{client_name!}")
    with pytest.raises(TemplateError, match="not closed"):
        placeholders_in("{client_name")


@pytest.mark.parametrize(
    ("subject", "body", "field"), [(" ", BODY, "subject"), ("S", "\n\n", "body")]
)
def test_an_empty_subject_or_body_is_refused(subject: str, body: str, field: str) -> None:
    error = _refusal(subject=subject, body=body)
    assert error.field == field
    assert "empty" in str(error)


def test_a_text_over_the_limit_is_refused() -> None:
    check_template("Referral", "x" * MAX_TEXT_LENGTH)
    error = _refusal(body="x" * (MAX_TEXT_LENGTH + 1))
    assert error.field == "body"
    assert str(MAX_TEXT_LENGTH) in str(error)
    assert _refusal(subject="s" * (MAX_TEXT_LENGTH + 1)).field == "subject"


def test_doubled_braces_are_allowed_and_are_not_placeholders() -> None:
    check_template("Referral", "Write {{ and }} for braces; {{client_name}} is text.")
    assert placeholders_in("{{client_name}} {facts} {facts} {{{request}}}") == [
        "facts",
        "request",
    ]


# --- filling -----------------------------------------------------------------------------


def test_fill_replaces_placeholders_and_renders_doubled_braces_as_single() -> None:
    text = "{client_name}: {{literal}} {{{case_number}}}"
    values = {"client_name": "Асанова Айгүл", "case_number": "OSH-2026-0042"}
    assert fill(text, values) == "Асанова Айгүл: {literal} {OSH-2026-0042}"


@pytest.mark.parametrize(
    "typed",
    [
        "He was told to quote {letter_number}.",
        "{0} {} {client_name.__class__} {facts!r} {{x}}",
        "Unbalanced { and } as typed",
        "%s %(name)s $name ${name}",
    ],
)
def test_values_are_inserted_exactly_as_typed(typed: str) -> None:
    values = {"facts": typed, "letter_number": "17/2026", "client_name": "A"}
    assert fill("Facts: {facts}", values) == f"Facts: {typed}"


def test_a_placeholder_without_a_value_prints_as_nothing() -> None:
    assert fill("Reply by {due_date}.", {}) == "Reply by ."
    assert fill("[{facts}]", {"facts": ""}) == "[]"


def test_fill_refuses_an_invalid_template() -> None:
    with pytest.raises(TemplateError, match=r"\{clientname\}"):
        fill("{clientname}", {"clientname": "x"})
    with pytest.raises(TemplateError, match="not allowed"):
        fill("{client_name.__class__}", {"client_name": "x"})


def test_missing_values_lists_each_empty_placeholder_once_in_order() -> None:
    subject = "Referral of {client_name}"
    body = "{office_name} refers {client_name}. Facts: {facts}\n\nReply by {due_date}; {facts}"
    values = {"client_name": "A", "office_name": "  ", "facts": "", "request": ""}
    assert missing_values([subject, body], values) == ["office_name", "facts", "due_date"]
    assert missing_values([subject], {"client_name": "A"}) == []


def test_paragraphs_split_at_blank_lines() -> None:
    assert paragraphs("One\nstill one\n\n  \nTwo\n \nThree\n\n") == [
        "One\nstill one",
        "Two",
        "Three",
    ]


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ky", "2026-жылдын 29-ноябры"),
        ("ru", "29 ноября 2026 г."),
        ("en", "29 November 2026"),
    ],
)
def test_official_date(language: str, expected: str) -> None:
    assert official_date(dt.date(2026, 11, 29), language) == expected


@pytest.mark.parametrize(
    ("day", "ky", "ru"),
    [
        (dt.date(2027, 1, 5), "2027-жылдын 5-январы", "5 января 2027 г."),
        (dt.date(2026, 4, 30), "2026-жылдын 30-апрели", "30 апреля 2026 г."),
        (dt.date(2026, 5, 1), "2026-жылдын 1-майы", "1 мая 2026 г."),
        (dt.date(2026, 6, 11), "2026-жылдын 11-июну", "11 июня 2026 г."),
        (dt.date(2026, 8, 31), "2026-жылдын 31-августу", "31 августа 2026 г."),
        (dt.date(2016, 12, 16), "2016-жылдын 16-декабры", "16 декабря 2016 г."),
    ],
)
def test_official_date_other_months(day: dt.date, ky: str, ru: str) -> None:
    assert official_date(day, "ky") == ky
    assert official_date(day, "ru") == ru


def test_kyrgyz_months_are_cldr_months_with_the_possessive_ending() -> None:
    nominative = Locale.parse("ky").months["format"]["wide"]
    for month in range(1, 13):
        written = official_date(dt.date(2026, month, 1), "ky").split("-")[-1]
        stem = nominative[month].lower().removesuffix("ь")
        assert written.startswith(stem)
        assert written[len(stem) :] in ("ы", "и", "у")


def test_official_date_refuses_an_unsupported_language() -> None:
    with pytest.raises(ValueError):
        official_date(dt.date(2026, 11, 29), "de")

"""Translation at run time: languages, plurals, locale formatting, typed error messages."""

from __future__ import annotations

import datetime as dt

import pytest

from legalaid import i18n
from legalaid.domain.enums import Region, Role
from legalaid.storage.errors import SignInFailed, TooManyAttempts

ONE = "Warning: {count} failed sign-in to your account since your last sign-in."
MANY = "Warning: {count} failed sign-ins to your account since your last sign-in."


def test_each_language_translates_an_error() -> None:
    texts = {}
    for language in i18n.LANGUAGES:
        i18n.set_language(language)
        texts[language] = str(SignInFailed())
    assert texts["en"].startswith("Sign-in failed")
    assert len(set(texts.values())) == 3


@pytest.mark.parametrize(
    ("count", "form"),
    [(1, 0), (21, 0), (2, 1), (4, 1), (22, 1), (5, 2), (11, 2), (12, 2), (0, 2), (25, 2)],
)
def test_russian_plurals_follow_one_few_many(count: int, form: int) -> None:
    i18n.set_language("ru")
    forms = {i18n.ngettext(ONE, MANY, n) for n in (1, 2, 5)}
    assert len(forms) == 3, "the Russian catalog must give three different forms"
    expected = i18n.ngettext(ONE, MANY, {0: 1, 1: 2, 2: 5}[form])
    assert i18n.ngettext(ONE, MANY, count) == expected


def test_english_and_kyrgyz_plurals() -> None:
    i18n.set_language("en")
    assert i18n.ngettext(ONE, MANY, 1) == ONE and i18n.ngettext(ONE, MANY, 3) == MANY
    i18n.set_language("ky")
    assert i18n.ngettext(ONE, MANY, 3).format(count=3).count("3") == 1


def test_dates_and_numbers_follow_the_locale() -> None:
    day = dt.date(2026, 11, 28)
    assert i18n.format_date(day, "long", "en") == "November 28, 2026"
    assert "ноября" in i18n.format_date(day, "long", "ru")
    assert "2026" in i18n.format_date(day, "long", "ky")
    assert i18n.format_number(1234567.5, "ru") == "1\xa0234\xa0567,5"
    assert i18n.format_number(1234567.5, "en") == "1,234,567.5"


def test_enumeration_labels_are_translated() -> None:
    i18n.set_language("ky")
    assert Role.MONITOR.label != "trial monitor"
    assert Region.OSH.label == "Ош облусу"
    i18n.set_language("en")
    assert Role.MONITOR.label == "trial monitor"


def test_parametrised_error_renders_its_numbers() -> None:
    i18n.set_language("ru")
    assert "8" in str(TooManyAttempts(8))


def test_system_language_falls_back_to_russian(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(i18n.locale, "getlocale", lambda: ("de_DE", "UTF-8"))
    assert i18n.system_language() == "ru"
    monkeypatch.setenv("LANG", "ky_KG.UTF-8")
    assert i18n.system_language() == "ky"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        i18n.set_language("fr")

"""The shipped directory of referral targets (resources/reference/organisations.json): its
shape, its codes against districts.json and categories.json, its languages, and its coverage
of the four southern regions (DOMAIN.md §2.1, §2.3, §3, §4.3)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from typing import Any

import pytest

from legalaid.paths import resources_dir

LANGUAGES = ("ky", "ru", "en")
KINDS = {
    "sgla_centre",
    "ombudsman",
    "prosecutor",
    "police",
    "court",
    "crisis_centre",
    "npm",
    "partner_ngo",
    "international",
    "other",
}
TOP_LEVEL_KEYS = {"version", "about", "default_response_days", "organisations"}
OPTIONAL_TOP_LEVEL_KEYS = {"default_response_days_note"}
ENTRY_KEYS = {
    "key",
    "kind",
    "name",
    "address",
    "head_title",
    "head_name",
    "phone",
    "email",
    "regions",
    "categories",
    "letter_language",
    "active",
    "source",
    "verify",
}
SOUTH = ("osh_city", "osh", "jalal_abad", "batken")
# Kinds a client in any southern region must be able to reach.
COVERED_KINDS = (
    "sgla_centre",
    "ombudsman",
    "prosecutor",
    "police",
    "court",
    "crisis_centre",
    "partner_ngo",
)
# State bodies with a territorial office in every southern region: a national body alone
# (one that lists every region) does not count for them.
LOCAL_KINDS = ("ombudsman", "prosecutor", "police", "court")
NCPT_KEY = "npm-national-centre-prevention-torture"
NPM_UNIT_KEY = "akyikatchy-npm"
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Kazakh and other look-alikes of the Kyrgyz letters Ң Ө Ү (DOMAIN.md §5).
LOOK_ALIKES = set("\u04b0\u04b1\u04a4\u04a5\u04e6\u04e7")  # Ұ ұ Ҥ ҥ Ӧ ӧ
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")


def _load(*parts: str) -> Any:
    return json.loads(resources_dir().joinpath(*parts).read_text("utf-8"))


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    loaded = _load("reference", "organisations.json")
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def organisations(data: dict[str, Any]) -> list[dict[str, Any]]:
    entries = data["organisations"]
    assert isinstance(entries, list) and entries
    return entries


@pytest.fixture(scope="module")
def region_codes() -> set[str]:
    return {region["code"] for region in _load("reference", "districts.json")["regions"]}


@pytest.fixture(scope="module")
def category_codes() -> set[str]:
    codes = set()
    for category in _load("taxonomy", "categories.json")["categories"]:
        codes.add(category["code"])
        codes.update(sub["code"] for sub in category.get("subcategories", []))
    return codes


def _serves(entry: dict[str, Any], region: str) -> bool:
    return bool(entry["active"]) and region in entry["regions"]


def test_version_about_and_top_level_keys(data: dict[str, Any]) -> None:
    assert TOP_LEVEL_KEYS <= set(data) <= TOP_LEVEL_KEYS | OPTIONAL_TOP_LEVEL_KEYS
    dt.date.fromisoformat(data["version"])
    assert isinstance(data["about"], str) and len(data["about"].strip()) > 100


def test_default_response_days_for_every_kind(data: dict[str, Any]) -> None:
    days = data["default_response_days"]
    assert set(days) == KINDS
    for kind, value in days.items():
        assert type(value) is int and value > 0, kind
    # The days are marked as to be checked, in the note or in 'about'.
    note = data.get("default_response_days_note", "") + data["about"]
    assert "verify" in note


def test_every_entry_has_exactly_the_agreed_keys_and_types(
    organisations: list[dict[str, Any]],
) -> None:
    for entry in organisations:
        key = entry.get("key")
        assert set(entry) == ENTRY_KEYS, key
        assert entry["kind"] in KINDS, key
        assert entry["letter_language"] in LANGUAGES, key
        assert isinstance(entry["active"], bool), key
        assert isinstance(entry["verify"], bool), key
        assert isinstance(entry["source"], str) and entry["source"].strip(), key
        for field in ("head_name", "phone", "email"):
            assert isinstance(entry[field], str), (key, field)
        assert isinstance(entry["regions"], list) and entry["regions"], key
        assert isinstance(entry["categories"], list), key


def test_keys_are_unique_lowercase_slugs(organisations: list[dict[str, Any]]) -> None:
    keys = [entry["key"] for entry in organisations]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    assert [k for k in keys if not KEY_PATTERN.match(k)] == []


def test_names_and_titles_in_all_three_languages(organisations: list[dict[str, Any]]) -> None:
    for entry in organisations:
        for field in ("name", "head_title"):
            texts = entry[field]
            assert set(texts) == set(LANGUAGES), (entry["key"], field)
            for language in LANGUAGES:
                text = texts[language]
                assert isinstance(text, str) and text.strip() == text and text, (
                    entry["key"],
                    field,
                    language,
                )
        assert set(entry["address"]) == set(LANGUAGES), entry["key"]
        assert all(isinstance(entry["address"][lang], str) for lang in LANGUAGES)


def test_kyrgyz_names_are_not_the_russian_ones(organisations: list[dict[str, Any]]) -> None:
    same = [e["key"] for e in organisations if e["name"]["ky"] == e["name"]["ru"]]
    assert same == []


def test_kyrgyz_and_russian_texts_are_clean_cyrillic(organisations: list[dict[str, Any]]) -> None:
    """No Kazakh look-alikes of Ң Ө Ү, no Latin letters inside a Cyrillic word, and the
    English names in Latin script."""
    problems = []
    for entry in organisations:
        for field in ("name", "head_title"):
            for language in ("ky", "ru"):
                text = entry[field][language]
                if LOOK_ALIKES & set(text):
                    problems.append((entry["key"], field, language, "look-alike"))
                for word in re.findall(r"[^\s«»“”\"()'.,:;–-]+", text):
                    if CYRILLIC.search(word) and LATIN.search(word):
                        problems.append((entry["key"], field, language, word))
            if CYRILLIC.search(entry[field]["en"]):
                problems.append((entry["key"], field, "en", "Cyrillic"))
    assert problems == []


def test_regions_and_categories_use_known_codes(
    organisations: list[dict[str, Any]], region_codes: set[str], category_codes: set[str]
) -> None:
    assert set(SOUTH) <= region_codes
    for entry in organisations:
        regions, categories = entry["regions"], entry["categories"]
        assert set(regions) <= region_codes, (entry["key"], set(regions) - region_codes)
        assert len(regions) == len(set(regions)), entry["key"]
        assert set(categories) <= category_codes, (entry["key"], set(categories) - category_codes)
        assert len(categories) == len(set(categories)), entry["key"]


def test_contacts_are_empty_or_well_formed(organisations: list[dict[str, Any]]) -> None:
    for entry in organisations:
        if entry["email"]:
            assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", entry["email"]), entry["key"]
        if entry["phone"]:
            assert re.fullmatch(r"\+?[0-9 ()-]{3,}", entry["phone"]), entry["key"]
        # Anything filled in but not confirmed by DOMAIN.md is flagged for a partner.
        if entry["email"] or entry["phone"] or any(entry["address"].values()):
            assert entry["verify"], entry["key"]


@pytest.mark.parametrize("region", SOUTH)
@pytest.mark.parametrize("kind", COVERED_KINDS)
def test_each_southern_region_is_served_by_each_main_kind(
    organisations: list[dict[str, Any]], kind: str, region: str
) -> None:
    assert any(e["kind"] == kind and _serves(e, region) for e in organisations)


@pytest.mark.parametrize("region", SOUTH)
@pytest.mark.parametrize("kind", LOCAL_KINDS)
def test_each_southern_region_has_a_local_state_office(
    organisations: list[dict[str, Any]], region_codes: set[str], kind: str, region: str
) -> None:
    local = [
        e
        for e in organisations
        if e["kind"] == kind and _serves(e, region) and set(e["regions"]) != region_codes
    ]
    assert local, (kind, region)


def test_abolished_torture_centre_is_kept_inactive_and_the_npm_unit_is_active(
    organisations: list[dict[str, Any]],
) -> None:
    by_key = {entry["key"]: entry for entry in organisations}
    centre, unit = by_key[NCPT_KEY], by_key[NPM_UNIT_KEY]
    assert centre["kind"] == "npm" and centre["active"] is False
    assert unit["kind"] == "npm" and unit["active"] is True
    assert "Акыйкатчы" in unit["name"]["ru"] and "Akyikatchy" in unit["name"]["en"]
    assert "CRJ.TORTURE" in unit["categories"]
    # The Ombudsperson's unit is the only active NPM target.
    assert [e["key"] for e in organisations if e["kind"] == "npm" and e["active"]] == [NPM_UNIT_KEY]


def test_renamed_city_is_manas_and_the_oblast_keeps_its_name(
    organisations: list[dict[str, Any]],
) -> None:
    """Jalal-Abad city became Manas on 27 Sep 2025; the oblast is still Jalal-Abad (§3)."""
    for entry in organisations:
        if not entry["active"]:
            continue
        for language, city in (("en", "Jalal-Abad city"), ("ru", "городе Джалал-Абад")):
            assert city not in entry["name"][language], entry["key"]
    assert any("Manas" in e["name"]["en"] for e in organisations if e["kind"] == "court")

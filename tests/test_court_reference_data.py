"""The shipped reference data for court representation (issue 7): courts.json (courts of the
south with their name history), holidays.json (non-working days per year) and
deadline_rules.json (procedural deadlines as data). Checks their shape, their codes against
districts.json, their three languages, and the facts DOMAIN.md §2.1, §2.4 and §3 confirm."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from typing import Any

import pytest

from legalaid.paths import resources_dir

LANGUAGES = ("ky", "ru", "en")
SOUTHERN_OBLASTS = ("osh", "jalal_abad", "batken")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SNAKE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
# Kazakh and other look-alikes of the Kyrgyz letters Ң Ө Ү (DOMAIN.md §5).
LOOK_ALIKES = set("\u04b0\u04b1\u04a4\u04a5\u04e6\u04e7")  # Ұ ұ Ҥ ҥ Ӧ ӧ
KYRGYZ_ONLY = set("ҢңӨөҮү")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")

COURT_KINDS = {
    "constitutional",
    "supreme",
    "oblast",
    "city",
    "district",
    "administrative",
    "aksakal",
}
INSTANCE_LEVELS = {"first_instance", "appeal", "cassation", "review", "investigating_judge"}
COURT_KEYS = {
    "code",
    "kind",
    "names",
    "aliases",
    "region",
    "district",
    "city",
    "instance_levels",
    "source",
    "verify",
}
NAME_KEYS = {"ky", "ru", "en", "valid_from", "valid_to"}
# Jalal-Abad city became Manas on 27 Sep 2025 (DOMAIN.md §3 [S25]; districts.json).
MANAS_RENAMED = dt.date(2025, 9, 27)

YEARS = ("2025", "2026", "2027")
YEAR_KEYS = {
    "source",
    "verify",
    "note",
    "holidays",
    "working_weekends",
    "extra_days_off",
    "working_holidays",
}
HOLIDAY_KINDS = {"fixed", "break", "movable"}
# Non-working every year under the 2025 Labour Code.
FIXED_EVERY_YEAR = ("01-01", "01-07", "03-08", "03-21", "05-01", "05-05", "05-09", "08-31")

PROCEEDING_KINDS = {"criminal", "offence", "civil", "administrative", "economic", "aksakal"}
UNITS = {"hours", "days", "months"}
STARTS = {"next_day", "same_day", "event_time"}
LAST_DAY = {"next_working_day", "keep"}
BINDS = {"party", "court", "authority"}
CONDITIONS = {None, "client_in_custody", "client_not_in_custody"}
RULE_KEYS = {
    "code",
    "names",
    "proceeding_kinds",
    "trigger",
    "condition",
    "amount",
    "unit",
    "counting",
    "binds",
    "legal_basis",
    "source",
    "verify",
    "note",
}
OPTIONAL_RULE_KEYS = {"warn_before_days", "warn_before_hours", "amount_set_by_decision"}
# Rules whose value DOMAIN.md §2.4 marks (verify) or does not give at all.
MUST_VERIFY = {
    "criminal_appeal",
    "criminal_appeal_in_custody",
    "civil_appeal",
    "administrative_appeal",
    "offence_appeal",
    "custody_term",
}


def _load(name: str) -> dict[str, Any]:
    loaded = json.loads(resources_dir().joinpath("reference", name).read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _date(text: Any) -> dt.date:
    assert isinstance(text, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text), text
    return dt.date.fromisoformat(text)


def _check_texts(texts: Any, where: Any, *, distinct_ky_ru: bool = True) -> None:
    """ky/ru/en present, non-empty, trimmed; clean Cyrillic in ky and ru; Latin in en."""
    assert isinstance(texts, dict), where
    assert set(LANGUAGES) <= set(texts), where
    for language in LANGUAGES:
        text = texts[language]
        assert isinstance(text, str) and text and text.strip() == text, (where, language)
    for language in ("ky", "ru"):
        text = texts[language]
        assert CYRILLIC.search(text), (where, language)
        assert not LOOK_ALIKES & set(text), (where, language, "look-alike")
        for word in re.findall(r"[^\s«»“”\"()'.,:;–-]+", text):
            assert not (CYRILLIC.search(word) and LATIN.search(word)), (where, language, word)
    assert not KYRGYZ_ONLY & set(texts["ru"]), (where, "Kyrgyz letter in ru")
    assert not CYRILLIC.search(texts["en"]), (where, "Cyrillic in en")
    if distinct_ky_ru:
        assert texts["ky"] != texts["ru"], where


@pytest.fixture(scope="module")
def districts_data() -> dict[str, Any]:
    return _load("districts.json")


@pytest.fixture(scope="module")
def regions(districts_data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {region["code"]: region for region in districts_data["regions"]}


@pytest.fixture(scope="module")
def courts_data() -> dict[str, Any]:
    return _load("courts.json")


@pytest.fixture(scope="module")
def courts(courts_data: dict[str, Any]) -> list[dict[str, Any]]:
    entries = courts_data["courts"]
    assert isinstance(entries, list) and entries
    return entries


@pytest.fixture(scope="module")
def holidays_data() -> dict[str, Any]:
    return _load("holidays.json")


@pytest.fixture(scope="module")
def rules_data() -> dict[str, Any]:
    return _load("deadline_rules.json")


@pytest.fixture(scope="module")
def rules(rules_data: dict[str, Any]) -> list[dict[str, Any]]:
    entries = rules_data["rules"]
    assert isinstance(entries, list) and entries
    return entries


@pytest.fixture(scope="module")
def rules_by_code(rules: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {rule["code"]: rule for rule in rules}


# --- all three files ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["courts.json", "holidays.json", "deadline_rules.json"])
def test_version_and_about(name: str) -> None:
    data = _load(name)
    _date(data["version"])
    assert isinstance(data["about"], str) and len(data["about"].strip()) > 300
    assert "verify" in data["about"]
    assert "tests/test_court_reference_data.py" in data["about"]


# --- courts.json -------------------------------------------------------------------------


def test_courts_top_level_and_label_tables(courts_data: dict[str, Any]) -> None:
    assert set(courts_data) == {"version", "about", "kinds", "instance_levels", "courts"}
    assert set(courts_data["kinds"]) == COURT_KINDS
    assert set(courts_data["instance_levels"]) == INSTANCE_LEVELS
    for table in ("kinds", "instance_levels"):
        for key, texts in courts_data[table].items():
            _check_texts(texts, (table, key))


def test_court_entries_have_the_agreed_keys_and_types(courts: list[dict[str, Any]]) -> None:
    for court in courts:
        code = court.get("code")
        assert set(court) == COURT_KEYS, code
        assert court["kind"] in COURT_KINDS, code
        assert isinstance(court["verify"], bool), code
        assert isinstance(court["source"], str) and court["source"].strip(), code
        # The vault keeps at most 400 characters of a court's source (courts.source).
        assert len(court["source"]) <= 400, code
        levels = court["instance_levels"]
        assert isinstance(levels, list) and levels, code
        assert set(levels) <= INSTANCE_LEVELS and len(levels) == len(set(levels)), code


def test_court_codes_are_unique_slugs(courts: list[dict[str, Any]]) -> None:
    codes = [court["code"] for court in courts]
    assert [code for code, n in Counter(codes).items() if n > 1] == []
    assert [code for code in codes if not SLUG.match(code)] == []


def test_court_names_in_three_languages(courts: list[dict[str, Any]]) -> None:
    for court in courts:
        names = court["names"]
        assert isinstance(names, list) and names, court["code"]
        for name in names:
            assert set(name) == NAME_KEYS, court["code"]
            _check_texts(name, court["code"])


def test_name_history_is_ordered_and_without_overlap(courts: list[dict[str, Any]]) -> None:
    for court in courts:
        code, names = court["code"], court["names"]
        for name in names:
            start = _date(name["valid_from"]) if name["valid_from"] is not None else None
            end = _date(name["valid_to"]) if name["valid_to"] is not None else None
            if start and end:
                assert start <= end, code
        for older, newer in zip(names, names[1:], strict=False):
            # Only the oldest name may be open at the start, only the newest at the end.
            assert older["valid_to"] is not None and newer["valid_from"] is not None, code
            ended, began = _date(older["valid_to"]), _date(newer["valid_from"])
            assert ended < began, code
            # A renaming leaves no gap: the new name starts the day after the old one ends.
            assert began - ended == dt.timedelta(days=1), code
            assert older["en"] != newer["en"], code


def test_aliases_are_clean_and_point_to_one_court(courts: list[dict[str, Any]]) -> None:
    owner: dict[str, str] = {}
    for court in courts:
        for name in court["names"]:
            for language in LANGUAGES:
                owner.setdefault(name[language].casefold(), court["code"])
    for court in courts:
        aliases = court["aliases"]
        assert isinstance(aliases, list), court["code"]
        folded = [alias.casefold() for alias in aliases]
        assert len(folded) == len(set(folded)), court["code"]
        for alias in aliases:
            assert isinstance(alias, str) and alias and alias.strip() == alias, court["code"]
            assert not LOOK_ALIKES & set(alias), (court["code"], alias)
            for word in re.findall(r"[^\s«»“”\"()'.,:;–-]+", alias):
                assert not (CYRILLIC.search(word) and LATIN.search(word)), (court["code"], word)
            # Not one of its own names, and not a name or alias of another court.
            assert owner.setdefault(alias.casefold(), court["code"]) == court["code"], alias
            assert alias.casefold() not in {
                n[lang].casefold() for n in court["names"] for lang in LANGUAGES
            }, (court["code"], alias)


def test_court_regions_districts_and_cities_exist(
    courts: list[dict[str, Any]], regions: dict[str, dict[str, Any]]
) -> None:
    for court in courts:
        code, kind, region = court["code"], court["kind"], court["region"]
        if kind == "aksakal":
            assert region is None, code
        else:
            assert region in regions, (code, region)
        if kind == "district":
            district_codes = {d["code"] for d in regions[region]["districts"]}
            assert court["district"] in district_codes, (code, court["district"])
        else:
            assert court["district"] is None, code
        if court["city"] is not None:
            assert kind == "city", code
            city_codes = {c["code"] for c in regions[region]["cities"]}
            assert court["city"] in city_codes, (code, court["city"])
        elif kind == "city":
            # A city court without a city code is the court of a city that is a region.
            assert region == "osh_city", code


@pytest.mark.parametrize("oblast", SOUTHERN_OBLASTS)
def test_every_southern_district_has_exactly_one_district_court(
    courts: list[dict[str, Any]], regions: dict[str, dict[str, Any]], oblast: str
) -> None:
    districts = [district["code"] for district in regions[oblast]["districts"]]
    assert districts
    per_district = Counter(c["district"] for c in courts if c["kind"] == "district")
    assert {code: per_district[code] for code in districts} == dict.fromkeys(districts, 1)
    for court in courts:
        if court["district"] in districts:
            assert court["region"] == oblast, court["code"]
            assert court["code"].endswith("-district-court"), court["code"]


def test_district_courts_only_in_the_south(courts: list[dict[str, Any]]) -> None:
    assert {c["region"] for c in courts if c["kind"] == "district"} == set(SOUTHERN_OBLASTS)


def test_the_courts_the_issue_asks_for_are_there(courts: list[dict[str, Any]]) -> None:
    def where(kind: str) -> list[str]:
        return sorted(c["region"] or "" for c in courts if c["kind"] == kind)

    assert len(where("constitutional")) == 1
    assert len(where("supreme")) == 1
    assert where("oblast") == sorted(SOUTHERN_OBLASTS)
    assert "osh_city" in where("city")
    assert {"osh", "jalal_abad"} <= set(where("administrative"))
    assert len(where("aksakal")) == 1
    assert "bishkek-city-court" not in {c["code"] for c in courts}
    # Batken's administrative court is not confirmed (DOMAIN.md §2.1: "Batken: verify").
    for court in courts:
        if court["kind"] == "administrative" and court["region"] == "batken":
            assert court["verify"] is True


def test_instance_levels_fit_the_kind_of_court(courts: list[dict[str, Any]]) -> None:
    for court in courts:
        levels, kind = set(court["instance_levels"]), court["kind"]
        if kind == "oblast":
            assert "appeal" in levels and "first_instance" not in levels, court["code"]
        if kind == "supreme":
            assert "cassation" in levels, court["code"]
        if kind in ("district", "city", "administrative", "aksakal"):
            assert "first_instance" in levels, court["code"]
        if "investigating_judge" in levels:
            assert kind in ("district", "city"), court["code"]


def _name_on(court: dict[str, Any], day: dt.date) -> dict[str, Any] | None:
    names: list[dict[str, Any]] = court["names"]
    for name in names:
        start = _date(name["valid_from"]) if name["valid_from"] else dt.date.min
        end = _date(name["valid_to"]) if name["valid_to"] else dt.date.max
        if start <= day <= end:
            return name
    return None


def test_manas_city_court_keeps_its_former_name_until_the_renaming(
    courts: list[dict[str, Any]], districts_data: dict[str, Any]
) -> None:
    assert "27 Sep 2025" in districts_data["source"]
    manas = [c for c in courts if c["city"] == "jalal_abad.manas"]
    assert len(manas) == 1
    court = manas[0]
    assert court["kind"] == "city" and court["region"] == "jalal_abad"
    old, new = court["names"][-2], court["names"][-1]
    assert "Jalal-Abad" in old["en"] and "Джалал-Абад" in old["ru"] and "Жалал-Абад" in old["ky"]
    assert _date(old["valid_to"]) == MANAS_RENAMED - dt.timedelta(days=1)
    assert "Manas" in new["en"] and "Манас" in new["ru"] and "Манас" in new["ky"]
    assert _date(new["valid_from"]) == MANAS_RENAMED and new["valid_to"] is None
    before = _name_on(court, MANAS_RENAMED - dt.timedelta(days=1))
    after = _name_on(court, MANAS_RENAMED)
    assert before is old and after is new


def test_current_names_do_not_use_the_old_city_name(courts: list[dict[str, Any]]) -> None:
    """The oblast is still Jalal-Abad, the city is Manas (DOMAIN.md §3)."""
    for court in courts:
        current = court["names"][-1]
        assert current["valid_to"] is None, court["code"]
        assert "Jalal-Abad City" not in current["en"], court["code"]


# --- holidays.json -----------------------------------------------------------------------


def test_holidays_top_level_and_years(holidays_data: dict[str, Any]) -> None:
    assert set(holidays_data) == {"version", "about", "weekly_days_off", "years"}
    assert holidays_data["weekly_days_off"] == ["saturday", "sunday"]
    assert set(YEARS) <= set(holidays_data["years"])
    for year, entry in holidays_data["years"].items():
        assert re.fullmatch(r"\d{4}", year)
        assert set(entry) == YEAR_KEYS, year
        assert isinstance(entry["source"], str) and entry["source"].strip(), year
        assert isinstance(entry["note"], str), year
        assert isinstance(entry["verify"], bool), year


def _year_dates(entry: dict[str, Any], field: str) -> list[dt.date]:
    items = entry[field]
    assert isinstance(items, list), field
    if field in ("holidays", "working_holidays"):
        return [_date(item["date"]) for item in items]
    return [_date(item) for item in items]


@pytest.mark.parametrize("year", YEARS)
def test_holiday_dates_are_inside_their_year_sorted_and_unique(
    holidays_data: dict[str, Any], year: str
) -> None:
    entry = holidays_data["years"][year]
    seen: list[dt.date] = []
    for field in ("holidays", "working_weekends", "extra_days_off", "working_holidays"):
        dates = _year_dates(entry, field)
        assert all(day.year == int(year) for day in dates), (year, field)
        assert dates == sorted(dates), (year, field)
        assert len(dates) == len(set(dates)), (year, field)
        seen += dates
    # No day is at once a holiday, a working weekend, an extra day off and a working holiday.
    assert [day for day, n in Counter(seen).items() if n > 1] == []


@pytest.mark.parametrize("year", YEARS)
def test_holidays_have_names_kinds_and_verify_flags(
    holidays_data: dict[str, Any], year: str
) -> None:
    entry = holidays_data["years"][year]
    movable = []
    for field in ("holidays", "working_holidays"):
        for item in entry[field]:
            assert (
                {"date", "kind", "name"}
                <= set(item)
                <= {
                    "date",
                    "kind",
                    "name",
                    "verify",
                    "note",
                }
            ), (year, item)
            assert item["kind"] in HOLIDAY_KINDS, (year, item["date"])
            _check_texts(item["name"], (year, item["date"]), distinct_ky_ru=False)
            if item["kind"] == "movable":
                movable.append(item)
                assert isinstance(item.get("verify"), bool), (year, item["date"])
                assert item["note"].strip(), (year, item["date"])
    # Orozo Ait and Kurman Ait, each once, as non-working days.
    assert len(movable) == 2, year
    assert {item["name"]["en"].split(" (")[0] for item in movable} == {"Orozo Ait", "Kurman Ait"}
    assert all(item in entry["holidays"] for item in movable)
    # A year with an unannounced feast date is itself flagged.
    if any(item["verify"] for item in movable):
        assert entry["verify"] is True, year


@pytest.mark.parametrize("year", YEARS)
def test_fixed_non_working_days_are_there(holidays_data: dict[str, Any], year: str) -> None:
    entry = holidays_data["years"][year]
    dates = {item["date"] for item in entry["holidays"]}
    for month_day in FIXED_EVERY_YEAR:
        assert f"{year}-{month_day}" in dates, (year, month_day)
    # New Year (1-6 Jan) and May (1-9 May) holidays are whole runs of days off.
    assert all(f"{year}-01-0{d}" in dates for d in range(1, 8)), year
    assert all(f"{year}-05-0{d}" in dates for d in range(1, 10)), year
    # 23 Feb, 7 Apr and 7-8 Nov are holidays but working days since the 2025 Labour Code.
    working = {item["date"] for item in entry["working_holidays"]}
    for month_day in ("02-23", "04-07", "11-07", "11-08"):
        assert f"{year}-{month_day}" in working and f"{year}-{month_day}" not in dates


def _non_working_days(entry: dict[str, Any], year: int) -> set[dt.date]:
    days = set()
    day = dt.date(year, 1, 1)
    while day.year == year:
        if day.weekday() >= 5:
            days.add(day)
        day += dt.timedelta(days=1)
    days |= set(_year_dates(entry, "holidays")) | set(_year_dates(entry, "extra_days_off"))
    return days - set(_year_dates(entry, "working_weekends"))


@pytest.mark.parametrize("year", YEARS)
def test_weekdays_of_transfers_and_the_count_of_days_off(
    holidays_data: dict[str, Any], year: str
) -> None:
    entry = holidays_data["years"][year]
    for day in _year_dates(entry, "working_weekends"):
        assert day.weekday() >= 5, (year, day)
    for day in _year_dates(entry, "extra_days_off"):
        assert day.weekday() < 5, (year, day)
    # 104 or so weekend days plus a couple of weeks of holidays.
    assert 110 <= len(_non_working_days(entry, int(year))) <= 135, year


def test_known_days_of_2026(holidays_data: dict[str, Any]) -> None:
    entry = holidays_data["years"]["2026"]
    off = _non_working_days(entry, 2026)
    assert dt.date(2026, 3, 21).weekday() == 5  # Nooruz on a Saturday: not moved
    assert dt.date(2026, 3, 23) not in off
    assert dt.date(2026, 3, 20) in off  # Orozo Ait (announced)
    assert {dt.date(2026, 1, 8), dt.date(2026, 1, 9)} <= off  # Cabinet decree No. 835
    assert dt.date(2026, 1, 12) not in off
    assert dt.date(2026, 2, 23) not in off  # a Monday: holiday but a working day


# --- deadline_rules.json -----------------------------------------------------------------


def test_rules_top_level_and_triggers(
    rules_data: dict[str, Any], rules: list[dict[str, Any]]
) -> None:
    assert set(rules_data) == {"version", "about", "triggers", "rules"}
    triggers = rules_data["triggers"]
    assert triggers and all(SNAKE.match(code) for code in triggers)
    for code, texts in triggers.items():
        _check_texts(texts, code)
    assert {rule["trigger"] for rule in rules} == set(triggers)


def test_rule_entries_have_the_agreed_keys_and_types(
    rules: list[dict[str, Any]], rules_data: dict[str, Any]
) -> None:
    for rule in rules:
        code = rule.get("code")
        assert RULE_KEYS <= set(rule) <= RULE_KEYS | OPTIONAL_RULE_KEYS, code
        _check_texts(rule["names"], code)
        kinds = rule["proceeding_kinds"]
        assert isinstance(kinds, list) and kinds, code
        assert set(kinds) <= PROCEEDING_KINDS and len(kinds) == len(set(kinds)), code
        assert rule["trigger"] in rules_data["triggers"], code
        assert rule["condition"] in CONDITIONS, code
        assert rule["unit"] in UNITS, code
        assert type(rule["amount"]) is int and rule["amount"] > 0, code
        assert rule["binds"] in BINDS, code
        assert isinstance(rule["note"], str), code
        assert isinstance(rule.get("amount_set_by_decision", False), bool), code


def test_rule_codes_are_unique(rules: list[dict[str, Any]]) -> None:
    codes = [rule["code"] for rule in rules]
    assert [code for code, n in Counter(codes).items() if n > 1] == []
    assert [code for code in codes if not SNAKE.match(code)] == []


def test_every_rule_has_a_basis_a_source_and_a_verify_flag(rules: list[dict[str, Any]]) -> None:
    for rule in rules:
        texts = [rule["legal_basis"], rule["source"]]
        assert all(isinstance(text, str) for text in texts), rule["code"]
        assert any(text.strip() for text in texts), rule["code"]
        assert isinstance(rule["verify"], bool), rule["code"]
    assert {rule["code"] for rule in rules} >= MUST_VERIFY
    assert [r["code"] for r in rules if r["code"] in MUST_VERIFY and not r["verify"]] == []


def test_counting_fields(rules: list[dict[str, Any]]) -> None:
    for rule in rules:
        counting, code = rule["counting"], rule["code"]
        assert set(counting) == {"calendar_days", "start", "if_last_day_non_working"}, code
        assert isinstance(counting["calendar_days"], bool), code
        assert counting["start"] in STARTS, code
        assert counting["if_last_day_non_working"] in LAST_DAY, code
        # Hours run from the time of the event and never move over a weekend.
        hours = rule["unit"] == "hours"
        assert (counting["start"] == "event_time") == hours, code
        if hours:
            assert counting["if_last_day_non_working"] == "keep", code


def test_warnings_fit_the_unit_and_the_period(rules: list[dict[str, Any]]) -> None:
    for rule in rules:
        code = rule["code"]
        if "warn_before_hours" in rule:
            assert rule["unit"] == "hours", code
            assert type(rule["warn_before_hours"]) is int, code
            assert 0 < rule["warn_before_hours"] < rule["amount"], code
        if "warn_before_days" in rule:
            assert rule["unit"] in ("days", "months"), code
            days = rule["amount"] * (28 if rule["unit"] == "months" else 1)
            assert type(rule["warn_before_days"]) is int, code
            assert 0 < rule["warn_before_days"] < days, code


def test_conditional_rules_come_in_pairs(rules: list[dict[str, Any]]) -> None:
    """A deadline split by the client's custody has a rule for each case."""
    complement = {"client_in_custody": "client_not_in_custody"}
    complement.update({value: key for key, value in complement.items()})
    for rule in rules:
        if rule["condition"] is None:
            continue
        partners = [
            other
            for other in rules
            if other["condition"] == complement[rule["condition"]]
            and other["proceeding_kinds"] == rule["proceeding_kinds"]
            and other["unit"] == rule["unit"]
        ]
        assert len(partners) == 1, rule["code"]


def test_the_rules_domain_md_gives(rules_by_code: dict[str, dict[str, Any]]) -> None:
    detention = rules_by_code["detention_48h"]
    assert (detention["amount"], detention["unit"], detention["trigger"]) == (
        48,
        "hours",
        "detention_started",
    )
    assert detention["binds"] == "authority" and "Constitution" in detention["legal_basis"]

    appeal = rules_by_code["criminal_appeal"]
    in_custody = rules_by_code["criminal_appeal_in_custody"]
    assert appeal["trigger"] == "judgment_announced"
    assert in_custody["trigger"] == "judgment_copy_received"
    assert appeal["amount"] == in_custody["amount"] == 15

    civil = rules_by_code["civil_appeal"]
    assert (civil["amount"], civil["unit"]) == (30, "days") and "civil" in civil["proceeding_kinds"]

    cassation = rules_by_code["civil_cassation"]
    assert (cassation["amount"], cassation["unit"], cassation["trigger"]) == (
        3,
        "months",
        "appeal_decision",
    )

    aksakal = rules_by_code["aksakal_appeal"]
    assert (aksakal["amount"], aksakal["unit"], aksakal["proceeding_kinds"]) == (
        10,
        "days",
        ["aksakal"],
    )

    custody = rules_by_code["custody_term"]
    assert (custody["amount"], custody["unit"], custody["trigger"]) == (
        2,
        "months",
        "custody_ordered",
    )
    assert custody["warn_before_days"] > 0 and custody["amount_set_by_decision"] is True
    assert custody["counting"]["if_last_day_non_working"] == "keep"

    assert rules_by_code["administrative_appeal"]["proceeding_kinds"] == ["administrative"]
    assert rules_by_code["offence_appeal"]["proceeding_kinds"] == ["offence"]


def test_every_proceeding_kind_has_an_appeal_rule(rules: list[dict[str, Any]]) -> None:
    covered = {
        kind for rule in rules if rule["binds"] == "party" for kind in rule["proceeding_kinds"]
    }
    assert covered == PROCEEDING_KINDS

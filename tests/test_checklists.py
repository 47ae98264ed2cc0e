"""Checklist templates (docs/checklists.md): the shipped fair-trial template reads and writes
back unchanged, each kind of broken file is refused with the place named, the sections and
follow-ups shown follow the hearing and the answers, and answers are stored in one spelling."""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from legalaid.domain.checklists import (
    YN4,
    Applies,
    HearingContext,
    Template,
    TemplateError,
    Texts,
    load_template_file,
    normalise_answer,
    parse_template,
    raises_concern,
    shipped_templates,
    template_to_json,
)
from legalaid.errors import ValidationError
from legalaid.paths import resources_dir

FILE = resources_dir() / "checklists" / "fair-trial-1.json"

# DOMAIN.md §1.4: how many numbered items each section has (120 in all).
ITEMS_PER_SECTION = {
    "A": 11, "B": 9, "C": 7, "D": 4, "E": 6, "F": 9, "G": 5, "H": 9, "I": 7,
    "J": 3, "K": 10, "L": 10, "M": 7, "N": 5, "O": 7, "P": 4, "Q": 4, "R": 3,
}  # fmt: skip
ALL_SECTIONS = "ABCDEFGHIJKLMNOPQR"


@functools.cache
def _file_data() -> dict[str, Any]:
    data = json.loads(FILE.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def raw() -> dict[str, Any]:
    """A fresh copy of the shipped file's JSON, for a test to break."""
    return copy.deepcopy(_file_data())


@functools.cache
def fair_trial() -> Template:
    return parse_template(_file_data())


def raw_item(data: dict[str, Any], code: str) -> dict[str, Any]:
    for section in data["sections"]:
        for item in section["items"]:
            if item["code"] == code:
                return item  # type: ignore[no-any-return]
    raise KeyError(code)


def in_display_order(data: dict[str, Any]) -> dict[str, Any]:
    """The file with `when` and `concern` in their answers' order, as the writer puts them."""
    data = copy.deepcopy(data)
    template = parse_template(data)
    for section in data["sections"]:
        for entry in section["items"]:
            item = template.item(entry["code"])
            if "when" in entry:
                order = template.item(entry["follows"]).answer_codes
                entry["when"] = [code for code in order if code in entry["when"]]
            if "concern" in entry:
                entry["concern"] = [code for code in item.answer_codes if code in entry["concern"]]
    return data


# --- the shipped template ------------------------------------------------------------------


def test_the_shipped_template_has_18_sections_and_every_item_of_domain_1_4() -> None:
    template = fair_trial()
    assert (template.code, template.version) == ("fair-trial", 1)
    assert "".join(section.code for section in template.sections) == ALL_SECTIONS
    codes = {item.code for item in template.items}
    expected = {f"{s}{n}" for s, count in ITEMS_PER_SECTION.items() for n in range(1, count + 1)}
    assert len(expected) == 120
    assert expected - codes == set()
    assert not any(item.retired for item in template.items)
    assert shipped_templates() == [template]


def test_writing_it_back_gives_the_same_template_and_the_files_json() -> None:
    template = fair_trial()
    written = template_to_json(template)
    assert parse_template(written) == template
    # Order-sensitive: keys come in the documented order, as in the file. `when`/`concern`
    # are sets, written in the answers' order (the file lists O3a's `when` otherwise).
    expected = in_display_order(_file_data())
    assert json.dumps(written, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


def test_sets_are_written_in_the_answers_order() -> None:
    written = template_to_json(fair_trial())
    o3a = next(item for item in written["sections"][14]["items"] if item["code"] == "O3a")
    assert o3a["when"] == ["deprivation_of_rights", "probation", "imprisonment"]


def test_a_later_version_with_a_retired_item_and_narrower_applies_round_trips() -> None:
    data = raw()
    data["version"] = 2
    raw_item(data, "A3")["retired"] = True
    raw_item(data, "A1")["applies"] = {"hearing_kinds": ["main", "custody"], "juvenile": True}
    template = parse_template(data)
    assert template.item("A3").retired
    assert template.item("A1").applies == Applies(
        hearing_kinds=frozenset({"custody", "main"}), juvenile=True
    )
    assert parse_template(template_to_json(template)) == template
    assert template_to_json(template)["sections"][0]["items"][0]["applies"] == {
        "hearing_kinds": ["custody", "main"],
        "juvenile": True,
    }


# --- broken templates ----------------------------------------------------------------------


REMOVE = object()  # as a new value: delete the key
_STEP = re.compile(r"\.?([A-Za-z_]+)|\[([0-9]+)\]")


def change_at(data: dict[str, Any], where: str, value: Any) -> None:
    """Set (or remove) the value at a path written as errors write it: "sections[0].items[1]"."""
    steps: list[str | int] = [name or int(index) for name, index in _STEP.findall(where)]
    parent: Any = data
    for step in steps[:-1]:
        parent = parent[step]
    if value is REMOVE:
        del parent[steps[-1]]
    else:
        parent[steps[-1]] = value


# Each case breaks one thing at one place; the error must name exactly that place.
# sections[0] is A (items: A1 A2 A3 A3a A4 A4a A5 A6...), [1] B (B1 B2 B2a...), [2] C, [12] M.
BROKEN = [
    ("format 2", "format", 2),
    ("template code upper-case", "code", "Fair_Trial"),
    ("version 0", "version", 0),
    ("choice code twice in a list", "choice_lists.venue[1].code", "courtroom"),
    ("section code twice", "sections[1].code", "A"),
    ("item code twice: A2 as A1", "sections[0].items[1].code", "A1"),
    ("item code of another section", "sections[1].items[0].code", "C20"),
    ("unknown answer type", "sections[0].items[0].answer", "yesno"),
    ("A5 choice without its list", "sections[0].items[6].choices", REMOVE),
    ("A5 names no existing list", "sections[0].items[6].choices", "venues"),
    ("A1 yn4 with choices", "sections[0].items[0].choices", "venue"),
    ("A3a follows a later item", "sections[0].items[3].follows", "A4"),
    # A3a's own list has security_refused, but `when` names answers of A3, a yn4.
    ("A3a when not an answer of A3", "sections[0].items[3].when", ["security_refused"]),
    ("A3a when empty", "sections[0].items[3].when", []),
    ("A1 when without follows", "sections[0].items[0].when", ["no"]),
    ("A5 concern not a venue", "sections[0].items[6].concern", ["no"]),
    ("A6 concern on a count", "sections[0].items[7].concern", ["0"]),
    ("misspelt key on A1", "sections[0].items[0].concen", ["no"]),
    ("A1 text without Kyrgyz", "sections[0].items[0].text.ky", REMOVE),
    ("bad applies value", "sections[2].applies.case_kinds", ["criminal", "penal"]),
    ("retired in version 1", "sections[0].items[0].retired", True),
]


@pytest.mark.parametrize(("where", "value"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_a_broken_template_is_refused_with_the_place_named(where: str, value: Any) -> None:
    data = raw()
    change_at(data, where, value)
    with pytest.raises(TemplateError) as raised:
        parse_template(data)
    assert raised.value.where == where
    assert raised.value.field == where
    assert str(raised.value).startswith(f"Checklist {where}: ")


def test_a_when_needs_a_followed_item_with_coded_answers() -> None:
    data = raw()
    raw_item(data, "H1a")["when"] = ["0"]  # H1 is a count
    with pytest.raises(TemplateError) as raised:
        parse_template(data)
    assert raised.value.where == "sections[7].items[1].when"
    assert str(raised.value) == (
        "Checklist sections[7].items[1].when: H1 has no coded answers to choose from"
    )


def test_a_non_bool_retired_is_refused() -> None:
    data = raw()
    data["version"] = 2
    raw_item(data, "A1")["retired"] = "yes"
    with pytest.raises(TemplateError, match=r"items\[0\]\.retired: must be true or false"):
        parse_template(data)


def test_the_error_is_a_translated_validation_error() -> None:
    data = raw()
    data["format"] = 2
    with pytest.raises(ValidationError) as raised:
        parse_template(data)
    assert str(raised.value) == (
        "Checklist format: format 2 is not supported; this app reads format 1"
    )


# --- files ---------------------------------------------------------------------------------


def test_a_file_that_is_not_json_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "fair-trial-2.json"
    path.write_text('{\n  "format": 1,\n  oops\n}', encoding="utf-8")
    with pytest.raises(TemplateError) as raised:
        load_template_file(path)
    assert raised.value.where == "fair-trial-2.json"
    assert raised.value.problem_params == {"line": 3, "column": 3}


def test_an_error_inside_a_file_names_the_file_and_the_place(tmp_path: Path) -> None:
    data = raw()
    raw_item(data, "A1")["answer"] = "yesno"
    path = tmp_path / "fair-trial-1.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TemplateError) as raised:
        load_template_file(path)
    assert raised.value.where == "fair-trial-1.json, sections[0].items[0].answer"


def test_a_missing_file_is_a_template_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="cannot be read"):
        load_template_file(tmp_path / "nothing-1.json")


def test_shipped_templates_sorts_by_code_and_version_and_checks_names(tmp_path: Path) -> None:
    for code, version in (("fair-trial", 2), ("fair-trial", 1), ("custody", 1)):
        data = raw()
        data["code"], data["version"] = code, version
        (tmp_path / f"{code}-{version}.json").write_text(json.dumps(data), encoding="utf-8")
    found = [(t.code, t.version) for t in shipped_templates(tmp_path)]
    assert found == [("custody", 1), ("fair-trial", 1), ("fair-trial", 2)]

    (tmp_path / "fair-trial-2.json").rename(tmp_path / "fair-trial-latest.json")
    with pytest.raises(TemplateError) as raised:
        shipped_templates(tmp_path)
    assert raised.value.where == "fair-trial-latest.json"
    assert raised.value.problem_params == {"expected": "fair-trial-2.json"}


# --- which sections and items apply ----------------------------------------------------------


@pytest.mark.parametrize(
    ("context", "sections"),
    [
        (HearingContext(case_kind="civil"), "ABINPQR"),  # stage not given yet: P stays
        (HearingContext("civil", "first_instance", "main"), "ABINQR"),
        (HearingContext("criminal", "pretrial", "custody"), "ABCDEFGHIJKLNR"),
        (HearingContext("criminal", "first_instance", "main"), "ABCDEFGHIJKNOR"),
        (HearingContext("criminal", "first_instance", "main", juvenile=True), "ABCDEFGHIJKMNOR"),
        (HearingContext("offence", "appeal", "announcement"), "ABCDEFGHIJKNOPR"),
        (HearingContext(), "ABCDEFGHIJKLNOPQR"),  # nothing known: all but the juvenile M
        (HearingContext(juvenile=True), ALL_SECTIONS),
    ],
)
def test_sections_shown_follow_the_hearing(context: HearingContext, sections: str) -> None:
    shown = fair_trial().sections_for(context)
    assert "".join(section.code for section in shown) == sections


@pytest.mark.parametrize(
    ("context", "shown"),
    [
        (HearingContext("criminal", "first_instance"), True),
        (HearingContext("criminal", "pretrial"), False),
        (HearingContext("offence", "first_instance"), False),
    ],
)
def test_e6_last_word_is_narrowed_to_criminal_first_instance_and_appeal(
    context: HearingContext, shown: bool
) -> None:
    assert fair_trial().is_visible("E6", context, {}) is shown


def test_applies_needs_every_given_key_to_match() -> None:
    applies = Applies(case_kinds=frozenset({"criminal"}), hearing_kinds=frozenset({"custody"}))
    assert applies.matches(HearingContext("criminal", None, "custody"))
    assert applies.matches(HearingContext("criminal", "pretrial", None))
    assert not applies.matches(HearingContext("criminal", "pretrial", "main"))
    assert not applies.matches(HearingContext("civil", "pretrial", "custody"))
    assert Applies().matches(HearingContext("civil", "review", "other", juvenile=True))


# --- follow-ups -----------------------------------------------------------------------------

CRIMINAL_TRIAL = HearingContext("criminal", "first_instance", "main")


@pytest.mark.parametrize(
    ("code", "answers", "shown"),
    [
        ("A3a", {}, False),
        ("A3a", {"A3": ("yes",)}, False),
        ("A3a", {"A3": ("no",)}, True),
        ("H1a", {}, True),  # no `when`: always asked with H1
        ("F3", {"F2": ("private",)}, False),
        ("F3", {"F2": ("waived",)}, True),
        # K1 -> K3 -> K3a: K3a has no `when` but only shows while K3 does.
        ("K3", {"K1": ("yes",)}, True),
        ("K3a", {"K1": ("yes",)}, True),
        ("K3a", {"K1": ("no",), "K3": ("sizo",)}, False),
        # A8 -> A9 -> A9a: an answer kept for a hidden A9 shows nothing.
        ("A9a", {"A8": ("partial",), "A9": ("yes",)}, True),
        ("A9a", {"A8": ("open",), "A9": ("yes",)}, False),
    ],
)
def test_a_follow_up_shows_after_the_answers_that_call_for_it(
    code: str, answers: dict[str, tuple[str, ...]], shown: bool
) -> None:
    assert fair_trial().is_visible(code, CRIMINAL_TRIAL, answers) is shown


def test_visible_items_keep_the_template_order() -> None:
    context = HearingContext("civil", "first_instance", "main")
    codes = [item.code for item in fair_trial().visible_items(context, {"A3": ("no",)})]
    assert codes[:5] == ["A1", "A2", "A3", "A3a", "A4"]
    assert codes[-3:] == ["R1", "R2", "R3"]
    assert not any(code[0] in "CDEFGHJKLMOP" for code in codes)


def test_a_retired_item_and_its_follow_ups_are_hidden() -> None:
    data = raw()
    data["version"] = 2
    raw_item(data, "A3")["retired"] = True
    template = parse_template(data)
    codes = [item.code for item in template.visible_items(HearingContext(), {"A3": ("no",)})]
    assert "A3" not in codes
    assert "A3a" not in codes
    assert template.item("A3").code == "A3"  # old observations still show it


def test_an_unknown_item_code_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        fair_trial().item("Z1")
    with pytest.raises(KeyError):
        fair_trial().is_visible("Z1", HearingContext(), {})


# --- labels ---------------------------------------------------------------------------------


def test_labels_in_each_language() -> None:
    texts = Texts(ky="Темир тордо", ru="В металлической клетке", en="In a metal cage")
    assert [texts.in_language(lang) for lang in ("ky", "ru_RU", "en", "de")] == [
        "Темир тордо",
        "В металлической клетке",
        "In a metal cage",
        "In a metal cage",
    ]
    c1 = fair_trial().item("C1")
    assert c1.choice_label("metal_cage", "ky") == "Темир тордо"
    assert fair_trial().item("A1").choice_label("not_observed", "en") == "Not observed"
    assert [fair_trial().item("A1").choice_label(code, "en") for code in YN4[:2]] == ["Yes", "No"]
    with pytest.raises(KeyError):
        c1.choice_label("yes", "en")


# --- answers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "values", "stored"),
    [
        ("A1", [" no "], ("no",)),  # yn4
        ("A5", ["judges_office"], ("judges_office",)),  # choice
        ("A3a", ["long_wait", "security_refused", "long_wait"], ("security_refused", "long_wait")),
        ("A6", [" 12 "], ("12",)),  # count
        ("A6", ["007"], ("7",)),
        ("B9a", ["1440"], ("1440",)),  # duration
        ("L2", ["9:05"], ("09:05",)),  # time
        ("L2", ["0905"], ("09:05",)),
        ("L2", ["9.05"], ("09:05",)),
        ("J1", ["2026-11-28"], ("2026-11-28",)),  # date
        ("J1", ["28.11.2026"], ("2026-11-28",)),
        ("J1", ["28/11/2026"], ("2026-11-28",)),
        ("R2", ["  Судья:\r\n\tбаш тартты  "], ("Судья:\n\tбаш тартты",)),  # text
        ("R2", ["x" * 5000], ("x" * 5000,)),
        # Nothing given is "not answered", whatever the type.
        ("A1", [], ()),
        ("A3a", [" ", ""], ()),
        ("R2", ["\n\t "], ()),
    ],
)
def test_an_answer_is_stored_in_one_spelling(
    code: str, values: list[str], stored: tuple[str, ...]
) -> None:
    assert normalise_answer(fair_trial().item(code), values) == stored


@pytest.mark.parametrize(
    ("code", "values", "message"),
    [
        ("A1", ["maybe"], "not one of the answers"),
        ("A1", ["yes", "no"], "one answer only"),
        ("A5", ["metal_cage"], "not one of the answers"),  # a code of another list
        ("A3a", ["long_wait", "stairs"], "not one of the answers"),
        ("A6", ["-1"], "whole number"),
        ("A6", ["١٢"], "whole number"),  # Arabic-Indic digits
        ("A6", ["100001"], "whole number"),
        ("B9a", ["1441"], "whole minutes"),
        ("L2", ["24:00"], "HH:MM"),
        ("L2", ["905"], "HH:MM"),
        ("J1", ["2026-02-30"], "no such date"),
        ("J1", ["1990-12-31"], "between the years 1991 and 2100"),
        ("J1", ["28.11/2026"], "DD.MM.YYYY"),
        ("R2", ["x" * 5001], "at most 5,000"),
        ("R2", ["bell\x07"], "control character"),
        ("R2", ["next\x85line"], "control character"),
    ],
)
def test_a_bad_answer_is_refused_for_its_item(code: str, values: list[str], message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        normalise_answer(fair_trial().item(code), values)
    assert raised.value.field == code
    assert message in str(raised.value)


def test_one_string_is_not_taken_for_a_list_of_answers() -> None:
    with pytest.raises(TypeError):
        normalise_answer(fair_trial().item("A1"), "yes")


@pytest.mark.parametrize(
    ("code", "values", "concern"),
    [
        ("A1", ("no",), True),
        ("A1", ("not_observed",), False),
        ("C1", ("metal_cage",), True),
        ("K6", ("asked_details", "ignored"), True),  # any chosen code of a multi
        ("A6", ("0",), False),
    ],
)
def test_raises_concern(code: str, values: tuple[str, ...], concern: bool) -> None:
    assert raises_concern(fair_trial().item(code), values) is concern

"""Fair-trial monitoring checklists: templates kept as data, and the answers given to them.

A template (docs/checklists.md) is a JSON file in resources/checklists/, one file per
version: sections A, B, C... of items with stable codes, each with an answer type, its
choices, the answers that count as a concern and the hearings it applies to. The app never
hard-codes a question; it reads the template, shows what applies to the hearing and stores
answers by item code, so statistics can compare answers across versions by code.

    template = shipped_templates()[0]
    context = HearingContext(case_kind="criminal", stage="pretrial", hearing_kind="custody")
    for item in template.visible_items(context, answers):
        ...
    answers[item.code] = normalise_answer(item, typed_values)

A template is checked in full when it is read (`parse_template`): a coordinator edits new
versions and a typo must stop at load with the place named (`TemplateError.where`, e.g.
"sections[3].items[2].when"), never surface as a question that cannot be answered or a
follow-up that never shows. `template_to_json` writes the same structure back, in the
documented key order, so an edited version is saved in the shape it was read in.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from legalaid.domain.data_files import DataFileError, Texts
from legalaid.domain.data_files import at as _at
from legalaid.domain.data_files import listed as _list
from legalaid.domain.data_files import obj as _object
from legalaid.domain.data_files import snake as _snake
from legalaid.domain.data_files import string as _string
from legalaid.domain.data_files import texts as _texts
from legalaid.errors import ValidationError
from legalaid.i18n import N_, format_number, normalise_language, translate_in
from legalaid.paths import resources_dir

FORMAT = 1  # the file format this module reads and writes

YN4: tuple[str, ...] = ("yes", "no", "not_observed", "not_applicable")
NOT_ANSWERED_CODES = frozenset({"not_observed", "not_applicable"})  # excluded from an item's base
YN4_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "yes": N_("Yes"),
        "no": N_("No"),
        "not_observed": N_("Not observed"),
        "not_applicable": N_("Not applicable"),
    }
)

# The values an `applies` object may name (docs/checklists.md), in the order they are written.
CASE_KINDS: tuple[str, ...] = ("criminal", "offence", "civil", "administrative", "economic")
STAGES: tuple[str, ...] = ("pretrial", "first_instance", "appeal", "cassation", "review")
HEARING_KINDS: tuple[str, ...] = (
    "custody",
    "preliminary",
    "main",
    "appeal",
    "announcement",
    "other",
)

COUNT_MAX = 100_000
DURATION_MAX = 24 * 60  # minutes: no hearing runs longer than a day
TEXT_MAX = 5000
EARLIEST_DATE = dt.date(1991, 1, 1)  # independence: no case the network sees is older
LATEST_DATE = dt.date(2100, 12, 31)

_TEMPLATE_CODE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_SNAKE_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
_SECTION_CODE = re.compile(r"[A-Z]")
_TIME_SEPARATED = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})")
_TIME_DIGITS = re.compile(r"([0-9]{2})([0-9]{2})")
_DATE_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DATE_DAY_FIRST = re.compile(r"([0-9]{1,2})([./])([0-9]{1,2})\2([0-9]{4})")
_WHOLE_NUMBER = re.compile(r"[0-9]+")


class AnswerType(enum.StrEnum):
    YN4 = "yn4"
    CHOICE = "choice"
    MULTI = "multi"
    COUNT = "count"
    TIME = "time"
    DURATION = "duration"
    DATE = "date"
    TEXT = "text"


_CODED = frozenset({AnswerType.YN4, AnswerType.CHOICE, AnswerType.MULTI})
_WITH_LIST = frozenset({AnswerType.CHOICE, AnswerType.MULTI})


class TemplateError(DataFileError):
    """A checklist file is not what docs/checklists.md describes (see DataFileError)."""

    template = N_("Checklist {where}: {problem}")


# --- the template --------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    code: str
    label: Texts


@dataclass(frozen=True)
class HearingContext:
    """What decides which sections and items apply to an observation."""

    case_kind: str | None = None  # criminal/offence/civil/administrative/economic
    stage: str | None = None  # pretrial/first_instance/appeal/cassation/review
    hearing_kind: str | None = None  # custody/preliminary/main/appeal/announcement/other
    juvenile: bool = False


@dataclass(frozen=True)
class Applies:
    """When a section or item is shown: each non-empty set must contain the hearing's value."""

    case_kinds: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    hearing_kinds: frozenset[str] = frozenset()
    juvenile: bool = False

    def matches(self, context: HearingContext) -> bool:
        """Empty sets allow anything. A value the monitor has not given yet (None) matches:
        the questions stay on screen until the form says they do not apply, rather than
        vanishing with answers typed into them. Only `juvenile` needs a positive flag."""
        return (
            _allows(self.case_kinds, context.case_kind)
            and _allows(self.stages, context.stage)
            and _allows(self.hearing_kinds, context.hearing_kind)
            and (context.juvenile or not self.juvenile)
        )


def _allows(allowed: frozenset[str], value: str | None) -> bool:
    return not allowed or value is None or value in allowed


@dataclass(frozen=True)
class Item:
    code: str
    section: str
    text: Texts
    answer: AnswerType
    choices: tuple[Choice, ...] = ()  # resolved from the choice list
    choice_list: str | None = None
    concern: frozenset[str] = frozenset()
    follows: str | None = None
    when: frozenset[str] = frozenset()  # empty: always asked after `follows`
    applies: Applies = Applies()
    standard: str = ""
    retired: bool = False

    @property
    def answer_codes(self) -> tuple[str, ...]:
        """The coded answers in display order: the four of yn4 or the choice list's; ()
        for the types answered with a number, a time, a date or text."""
        if self.answer is AnswerType.YN4:
            return YN4
        return tuple(choice.code for choice in self.choices)

    def choice_label(self, code: str, language: str) -> str:
        """The label of a coded answer in `language`; KeyError for a code the item lacks."""
        if self.answer is AnswerType.YN4:
            if code not in YN4_LABELS:
                raise KeyError(code)
            return translate_in(normalise_language(language) or "en", YN4_LABELS[code])
        for choice in self.choices:
            if choice.code == code:
                return choice.label.in_language(language)
        raise KeyError(code)


@dataclass(frozen=True)
class Section:
    code: str
    title: Texts
    standard: str
    applies: Applies
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Template:
    code: str
    version: int
    title: Texts
    source: str
    sections: tuple[Section, ...]
    choice_lists: Mapping[str, tuple[Choice, ...]]
    _index: Mapping[str, Item] = field(init=False, repr=False, compare=False)
    _items: tuple[Item, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Own copies (plain dicts, so a template can be copied and pickled): a template is
        # shared by every form showing it and must not change under them.
        object.__setattr__(self, "choice_lists", dict(self.choice_lists))
        items = tuple(item for section in self.sections for item in section.items)
        object.__setattr__(self, "_items", items)
        object.__setattr__(self, "_index", {item.code: item for item in items})

    def __hash__(self) -> int:
        # (code, version) names a template for good; the mapping field is not hashable.
        return hash((self.code, self.version))

    def item(self, code: str) -> Item:
        """The item with this code; KeyError if the template has none."""
        return self._index[code]

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item, retired ones included, in display order."""
        return self._items

    def sections_for(self, context: HearingContext) -> list[Section]:
        """The sections shown for this hearing, each with all its items."""
        return [section for section in self.sections if section.applies.matches(context)]

    def visible_items(
        self, context: HearingContext, answers: Mapping[str, Sequence[str]]
    ) -> list[Item]:
        """The items to ask now, in order: in a section that applies, applying themselves,
        not retired, and (for a follow-up) after a shown item answered with one of `when`.

        One pass is enough because an item only follows an earlier one of its section, so
        chains (K3a after K3 after K1) resolve in order. An answer kept for an item that is
        hidden does not show its follow-ups: hidden answers are not counted.
        """
        shown: list[Item] = []
        shown_codes: set[str] = set()
        for section in self.sections_for(context):
            for item in section.items:
                if item.retired or not item.applies.matches(context):
                    continue
                if item.follows is not None:
                    if item.follows not in shown_codes:
                        continue
                    if item.when and item.when.isdisjoint(answers.get(item.follows, ())):
                        continue
                shown.append(item)
                shown_codes.add(item.code)
        return shown

    def is_visible(
        self, code: str, context: HearingContext, answers: Mapping[str, Sequence[str]]
    ) -> bool:
        """Whether `visible_items` includes this item; KeyError for an unknown code."""
        self.item(code)
        return any(item.code == code for item in self.visible_items(context, answers))


# --- reading a template --------------------------------------------------------------------

_TOP_KEYS = ("format", "code", "version", "title", "source", "choice_lists", "sections")
_SECTION_KEYS = ("code", "title", "standard", "applies", "items")
_ITEM_KEYS = (
    "code",
    "text",
    "answer",
    "choices",
    "follows",
    "when",
    "concern",
    "standard",
    "applies",
    "retired",
)
_ITEM_REQUIRED = ("code", "text", "answer")
_CHOICE_KEYS = ("code", "label")
_APPLIES_VALUES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"case_kinds": CASE_KINDS, "stages": STAGES, "hearing_kinds": HEARING_KINDS}
)
_APPLIES_KEYS = (*_APPLIES_VALUES, "juvenile")


def _codes(
    value: Any, where: str, valid: Sequence[str], problem: str, **params: Any
) -> frozenset[str]:
    """A non-empty list of distinct codes from `valid`; `problem` names a stranger."""
    codes: list[str] = []
    for entry in _list(value, where):
        if not isinstance(entry, str) or entry not in valid:
            raise TemplateError(where, problem, value=json.dumps(entry), **params)
        if entry in codes:
            raise TemplateError(where, N_("{value} is listed twice"), value=entry)
        codes.append(entry)
    return frozenset(codes)


def _default_given(where: str) -> TemplateError:
    # A default written out would be dropped when the file is saved again; refusing it keeps
    # every valid file exactly what `template_to_json` writes.
    return TemplateError(where, N_("this is the default; leave the key out"))


def _applies(value: Any, where: str, *, optional: bool) -> Applies:
    raw = _object(value, where, _APPLIES_KEYS)
    if optional and not raw:
        raise _default_given(where)
    sets: dict[str, frozenset[str]] = {}
    for key, allowed in _APPLIES_VALUES.items():
        if key in raw:
            sets[key] = _codes(
                raw[key],
                _at(where, key),
                allowed,
                N_("{value} is not one of: {allowed}"),
                allowed=", ".join(allowed),
            )
    juvenile = raw.get("juvenile", True)
    if not isinstance(juvenile, bool):
        raise TemplateError(_at(where, "juvenile"), N_("must be true or false"))
    if not juvenile:
        raise _default_given(_at(where, "juvenile"))
    return Applies(
        case_kinds=sets.get("case_kinds", frozenset()),
        stages=sets.get("stages", frozenset()),
        hearing_kinds=sets.get("hearing_kinds", frozenset()),
        juvenile="juvenile" in raw,
    )


def _choice_lists(value: Any, where: str) -> dict[str, tuple[Choice, ...]]:
    if not isinstance(value, Mapping):
        raise TemplateError(where, N_("must be an object"))
    lists: dict[str, tuple[Choice, ...]] = {}
    for name, entries in value.items():
        list_where = _at(where, name)
        _snake(name, list_where)
        choices: list[Choice] = []
        for index, entry in enumerate(_list(entries, list_where)):
            entry_where = _at(list_where, index)
            choice = _object(entry, entry_where, _CHOICE_KEYS, _CHOICE_KEYS)
            code = _snake(choice["code"], _at(entry_where, "code"))
            if any(earlier.code == code for earlier in choices):
                raise TemplateError(
                    _at(entry_where, "code"), N_("the code {code} is used twice"), code=code
                )
            choices.append(
                Choice(code=code, label=_texts(choice["label"], _at(entry_where, "label")))
            )
        lists[name] = tuple(choices)
    return lists


class _Reader:
    """State shared while one file is checked: its version, lists and the codes seen."""

    def __init__(self, version: int, choice_lists: Mapping[str, tuple[Choice, ...]]) -> None:
        self.version = version
        self.choice_lists = choice_lists
        self.codes: set[str] = set()

    def claim(self, code: str, where: str) -> None:
        if code in self.codes:
            raise TemplateError(where, N_("the code {code} is used twice"), code=code)
        self.codes.add(code)

    def section(self, value: Any, where: str) -> Section:
        raw = _object(value, where, _SECTION_KEYS, _SECTION_KEYS)
        code = _string(raw["code"], _at(where, "code"))
        if not _SECTION_CODE.fullmatch(code):
            raise TemplateError(
                _at(where, "code"),
                N_("a section code is one capital letter, not {code}"),
                code=code,
            )
        self.claim(code, _at(where, "code"))
        title = _texts(raw["title"], _at(where, "title"))
        standard = _string(raw["standard"], _at(where, "standard"))
        applies = _applies(raw["applies"], _at(where, "applies"), optional=False)
        items: dict[str, Item] = {}
        items_where = _at(where, "items")
        for index, entry in enumerate(_list(raw["items"], items_where)):
            item = self.item(entry, _at(items_where, index), code, items)
            items[item.code] = item
        return Section(
            code=code, title=title, standard=standard, applies=applies, items=tuple(items.values())
        )

    def item(self, value: Any, where: str, section: str, earlier: Mapping[str, Item]) -> Item:
        raw = _object(value, where, _ITEM_KEYS, _ITEM_REQUIRED)
        code_where = _at(where, "code")
        code = _string(raw["code"], code_where)
        if not re.fullmatch(re.escape(section) + r"[1-9][0-9]*[a-z]?", code):
            raise TemplateError(
                code_where,
                N_(
                    "{code} is not a code for an item of section {section}: its letter, a "
                    "number and maybe a lower-case letter, like A3 or A3a"
                ),
                section=section,
                code=code,
            )
        self.claim(code, code_where)
        text = _texts(raw["text"], _at(where, "text"))

        answer_where = _at(where, "answer")
        answer_name = _string(raw["answer"], answer_where)
        if answer_name not in AnswerType._value2member_map_:
            raise TemplateError(
                answer_where,
                N_("unknown answer type {answer}; expected one of: {types}"),
                answer=answer_name,
                types=", ".join(AnswerType),
            )
        answer = AnswerType(answer_name)

        choices_where = _at(where, "choices")
        choice_list: str | None = None
        choices: tuple[Choice, ...] = ()
        if answer in _WITH_LIST:
            if "choices" not in raw:
                raise TemplateError(
                    choices_where, N_("a {answer} item names its choice list"), answer=answer
                )
            choice_list = _string(raw["choices"], choices_where)
            if choice_list not in self.choice_lists:
                raise TemplateError(
                    choices_where, N_("there is no choice list named {name}"), name=choice_list
                )
            choices = self.choice_lists[choice_list]
        elif "choices" in raw:
            raise TemplateError(
                choices_where, N_("a {answer} item has no choice list"), answer=answer
            )

        follows: str | None = None
        when: frozenset[str] = frozenset()
        if "follows" in raw:
            follows_where = _at(where, "follows")
            follows = _string(raw["follows"], follows_where)
            if follows not in earlier:
                raise TemplateError(
                    follows_where,
                    N_("{code} is not an earlier item of section {section}"),
                    code=follows,
                    section=section,
                )
        if "when" in raw:
            when_where = _at(where, "when")
            if follows is None:
                raise TemplateError(
                    when_where, N_("only an item that follows another has this key")
                )
            followed = earlier[follows]
            if not followed.answer_codes:
                raise TemplateError(
                    when_where, N_("{item} has no coded answers to choose from"), item=follows
                )
            when = _codes(
                raw["when"],
                when_where,
                followed.answer_codes,
                N_("{value} is not an answer of {item}"),
                item=follows,
            )

        concern: frozenset[str] = frozenset()
        if "concern" in raw:
            concern_where = _at(where, "concern")
            if answer not in _CODED:
                raise TemplateError(
                    concern_where, N_("only yn4, choice and multi items can raise a concern")
                )
            item_codes = YN4 if answer is AnswerType.YN4 else tuple(c.code for c in choices)
            concern = _codes(
                raw["concern"],
                concern_where,
                item_codes,
                N_("{value} is not an answer of {item}"),
                item=code,
            )

        standard = ""
        if "standard" in raw:
            standard = _string(raw["standard"], _at(where, "standard"))
        applies = Applies()
        if "applies" in raw:
            applies = _applies(raw["applies"], _at(where, "applies"), optional=True)
        retired = False
        if "retired" in raw:
            retired_where = _at(where, "retired")
            if not isinstance(raw["retired"], bool):
                raise TemplateError(retired_where, N_("must be true or false"))
            if not raw["retired"]:
                raise _default_given(retired_where)
            if self.version == 1:
                raise TemplateError(retired_where, N_("version 1 cannot retire an item"))
            retired = True

        return Item(
            code=code,
            section=section,
            text=text,
            answer=answer,
            choices=choices,
            choice_list=choice_list,
            concern=concern,
            follows=follows,
            when=when,
            applies=applies,
            standard=standard,
            retired=retired,
        )


def parse_template(data: Mapping[str, Any]) -> Template:
    """A checked template from a file's JSON; TemplateError naming the first problem's place.

    Everything docs/checklists.md says is checked, and keys it does not name are refused, so
    a misspelt "concen" is an error instead of a concern that silently never counts.
    """
    try:
        return _parse(data)
    except TemplateError:
        raise
    except DataFileError as error:  # from the shared readers: named as a checklist's
        raise TemplateError(error.where, error.problem, **error.problem_params) from None


def _parse(data: Mapping[str, Any]) -> Template:
    if not isinstance(data, Mapping):
        raise TemplateError("(top)", N_("must be an object"))
    # The format first: a newer file is reported as newer, not as a list of unknown keys.
    if "format" not in data:
        raise TemplateError("format", N_("required key is missing"))
    found = data["format"]
    if type(found) is not int or found != FORMAT:
        raise TemplateError(
            "format",
            N_("format {found} is not supported; this app reads format {expected}"),
            found=json.dumps(found),
            expected=FORMAT,
        )
    raw = _object(data, "", _TOP_KEYS, _TOP_KEYS)
    code = _string(raw["code"], "code")
    if not _TEMPLATE_CODE.fullmatch(code):
        raise TemplateError(
            "code",
            N_("use lower-case letters, digits and dashes (like fair-trial), not {code}"),
            code=code,
        )
    version = raw["version"]
    if type(version) is not int or version < 1:
        raise TemplateError("version", N_("must be a whole number, 1 or more"))
    title = _texts(raw["title"], "title")
    source = _string(raw["source"], "source")
    choice_lists = _choice_lists(raw["choice_lists"], "choice_lists")
    reader = _Reader(version, choice_lists)
    sections = tuple(
        reader.section(entry, _at("sections", index))
        for index, entry in enumerate(_list(raw["sections"], "sections"))
    )
    return Template(
        code=code,
        version=version,
        title=title,
        source=source,
        sections=sections,
        choice_lists=choice_lists,
    )


# --- writing a template --------------------------------------------------------------------


def _ordered(codes: frozenset[str], order: Iterable[str]) -> list[str]:
    """Codes in their display order; any stranger last (parse_template will then name it)."""
    known = [code for code in order if code in codes]
    return known + sorted(codes.difference(known))


def _texts_json(texts: Texts) -> dict[str, str]:
    return {"ky": texts.ky, "ru": texts.ru, "en": texts.en}


def _applies_json(applies: Applies) -> dict[str, Any]:
    written: dict[str, Any] = {}
    for key, order in _APPLIES_VALUES.items():
        values: frozenset[str] = getattr(applies, key)
        if values:
            written[key] = _ordered(values, order)
    if applies.juvenile:
        written["juvenile"] = True
    return written


def _item_json(item: Item, template: Template) -> dict[str, Any]:
    written: dict[str, Any] = {
        "code": item.code,
        "text": _texts_json(item.text),
        "answer": str(item.answer),
    }
    if item.choice_list is not None:
        written["choices"] = item.choice_list
    if item.follows is not None:
        written["follows"] = item.follows
    if item.when:
        followed = template._index.get(item.follows or "")
        written["when"] = _ordered(item.when, followed.answer_codes if followed else ())
    if item.concern:
        written["concern"] = _ordered(item.concern, item.answer_codes)
    if item.standard:
        written["standard"] = item.standard
    if item.applies != Applies():
        written["applies"] = _applies_json(item.applies)
    if item.retired:
        written["retired"] = True
    return written


def template_to_json(template: Template) -> dict[str, Any]:
    """The file's JSON for a template: `parse_template` of it gives the template back.

    Keys come in the documented order and defaults are left out, as in the shipped files.
    `when`, `concern` and `applies` values are sets; they are written in their display
    order (the answers' order, the order of docs/checklists.md), so a saved file is stable.
    """
    return {
        "format": FORMAT,
        "code": template.code,
        "version": template.version,
        "title": _texts_json(template.title),
        "source": template.source,
        "choice_lists": {
            name: [{"code": c.code, "label": _texts_json(c.label)} for c in choices]
            for name, choices in template.choice_lists.items()
        },
        "sections": [
            {
                "code": section.code,
                "title": _texts_json(section.title),
                "standard": section.standard,
                "applies": _applies_json(section.applies),
                "items": [_item_json(item, template) for item in section.items],
            }
            for section in template.sections
        ],
    }


# --- files ---------------------------------------------------------------------------------


def load_template_file(path: Path) -> Template:
    """Read and check one template file; TemplateError whose `where` starts with its name."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise TemplateError(path.name, N_("the file is not UTF-8 text")) from None
    except OSError:
        raise TemplateError(path.name, N_("the file cannot be read")) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TemplateError(
            path.name,
            N_("the file is not valid JSON (line {line}, column {column})"),
            line=error.lineno,
            column=error.colno,
        ) from None
    try:
        return parse_template(data)
    except TemplateError as error:
        raise TemplateError(
            f"{path.name}, {error.where}", error.problem, **error.problem_params
        ) from None


def shipped_templates(directory: Path | None = None) -> list[Template]:
    """Every template in resources/checklists, sorted by code and version.

    Each file must be named <code>-<version>.json after its content: the name is how a
    version is found again, and two files must never claim the same version.
    """
    folder = directory if directory is not None else resources_dir() / "checklists"
    if not folder.is_dir():
        raise TemplateError(str(folder), N_("the checklist folder is missing"))
    templates: list[Template] = []
    for path in sorted(folder.glob("*.json")):
        template = load_template_file(path)
        expected = f"{template.code}-{template.version}.json"
        if path.name != expected:
            raise TemplateError(
                path.name, N_("the file name should be {expected}"), expected=expected
            )
        templates.append(template)
    return sorted(templates, key=lambda t: (t.code, t.version))


# --- answers -------------------------------------------------------------------------------


def normalise_answer(item: Item, values: Sequence[str]) -> tuple[str, ...]:
    """What the monitor gave, as stored: validated, cleaned; ValidationError(field=item.code)
    with a clear translated message otherwise.

    Blank values are dropped and nothing left means "not answered": (). Coded answers keep
    their codes (a multi answer in the list's order, each once); numbers, times and dates are
    stored in one spelling ("7", "09:05", "2026-11-28") so answers compare and count alike.
    """
    if isinstance(values, str):
        raise TypeError("values is a sequence of strings, not one string")
    given: list[str] = []
    for value in values:
        if item.answer is AnswerType.TEXT:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        value = value.strip()
        if value:
            given.append(value)
    if not given:
        return ()
    if item.answer is AnswerType.MULTI:
        codes = item.answer_codes
        if any(value not in codes for value in given):
            raise _not_offered(item)
        return tuple(code for code in codes if code in given)
    if len(given) > 1:
        raise ValidationError(N_("Give one answer only."), field=item.code)
    value = given[0]
    if item.answer in _CODED:
        if value not in item.answer_codes:
            raise _not_offered(item)
        return (value,)
    if item.answer is AnswerType.COUNT:
        return (str(_whole_number(item, value, COUNT_MAX)),)
    if item.answer is AnswerType.DURATION:
        return (str(_whole_number(item, value, DURATION_MAX)),)
    if item.answer is AnswerType.TIME:
        return (_time(item, value),)
    if item.answer is AnswerType.DATE:
        return (_date(item, value).isoformat(),)
    return (_text(item, value),)


def _not_offered(item: Item) -> ValidationError:
    return ValidationError(
        N_("This is not one of the answers offered for {code}."), field=item.code, code=item.code
    )


def _whole_number(item: Item, value: str, maximum: int) -> int:
    number = int(value) if _WHOLE_NUMBER.fullmatch(value) else None
    if number is None or number > maximum:
        if item.answer is AnswerType.DURATION:
            raise ValidationError(
                N_("Enter the duration in whole minutes, from 0 to {maximum}."),
                field=item.code,
                maximum=format_number(maximum),
            )
        raise ValidationError(
            N_("Enter a whole number from 0 to {maximum}."),
            field=item.code,
            maximum=format_number(maximum),
        )
    return number


def _time(item: Item, value: str) -> str:
    found = _TIME_SEPARATED.fullmatch(value) or _TIME_DIGITS.fullmatch(value)
    hour, minute = (int(found[1]), int(found[2])) if found else (-1, -1)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValidationError(
            N_("Enter a time of day as HH:MM, from 00:00 to 23:59."), field=item.code
        )
    return f"{hour:02d}:{minute:02d}"


def _date(item: Item, value: str) -> dt.date:
    if found := _DATE_ISO.fullmatch(value):
        year, month, day = int(found[1]), int(found[2]), int(found[3])
    elif found := _DATE_DAY_FIRST.fullmatch(value):
        year, month, day = int(found[4]), int(found[3]), int(found[1])
    else:
        raise ValidationError(N_("Enter a date as DD.MM.YYYY."), field=item.code)
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise ValidationError(N_("There is no such date."), field=item.code) from None
    if not EARLIEST_DATE <= date <= LATEST_DATE:
        raise ValidationError(
            N_("Enter a date between the years {first} and {last}."),
            field=item.code,
            first=EARLIEST_DATE.year,
            last=LATEST_DATE.year,
        )
    return date


def _text(item: Item, value: str) -> str:
    if len(value) > TEXT_MAX:
        raise ValidationError(
            N_("The text has {count} characters; at most {maximum} are allowed."),
            field=item.code,
            count=format_number(len(value)),
            maximum=format_number(TEXT_MAX),
        )
    if any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t" for ch in value):
        raise ValidationError(
            N_("The text contains an invisible control character; remove it."), field=item.code
        )
    return value


def raises_concern(item: Item, values: Sequence[str]) -> bool:
    """Whether a stored answer counts as a concern: any of its codes is in `item.concern`."""
    return not item.concern.isdisjoint(values)

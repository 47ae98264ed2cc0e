"""Which column of a register holds what, and what its values mean.

Columns are suggested from their headers, written in Kyrgyz, Russian or English with the
abbreviations registers use ("ФИО", "Д.р.", "Тел.", "№ дела", "Аты-жөнү"); a person edits
the suggestion and may save it under a name for the next file. Values of the coded fields
(category, status, gender, district) are suggested the same way from their labels in the
three languages ("Бытовое насилие" -> GBV.DOMESTIC_VIOLENCE, "жен." -> female), and those
that match nothing are listed for the person to map by hand.

A row may also bring one referral (the organisation it went to and the day) and one court
hearing (the court, the kind of proceeding and the day, with a time if the register has
one). Organisations and courts are the vault's own records: plan.py suggests them with
`match_values` from their names in the three languages (and a court's other names).

Matching is on folded text (lower case, Ё as Е, punctuation as spaces; names.fold), exact
first, then a header that contains an alias as whole words; a field goes to one column.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from legalaid.domain import reference
from legalaid.domain.enums import CaseStatus, Gender, ProceedingKind, label_msgid
from legalaid.domain.names import fold
from legalaid.i18n import N_, translate_in
from legalaid.paths import resources_dir


@dataclass(frozen=True)
class Field:
    code: str  # stable: saved mappings name fields by it
    label: str  # msgid
    aliases: tuple[str, ...]  # folded at use; ky, ru and en


FIELDS: tuple[Field, ...] = (
    Field(
        "full_name",
        N_("Full name (surname, name, patronymic)"),
        (
            "фио",
            "ф и о",
            "аты жөнү",
            "аты жону",
            "толук аты",
            "full name",
            "name",
            "клиент",
            "заявитель",
            "арыз ээси",
            "кайрылуучу",
            "client",
            "applicant",
        ),
    ),
    Field("surname", N_("Surname"), ("фамилия", "фамилиясы", "surname", "last name")),
    Field("given_name", N_("Given name"), ("имя", "аты", "first name", "given name")),
    Field("patronymic", N_("Patronymic"), ("отчество", "атасынын аты", "patronymic")),
    Field(
        "birth_date",
        N_("Date of birth"),
        (
            "дата рождения",
            "д р",
            "др",
            "туулган күнү",
            "туулган датасы",
            "туулган жылы",
            "год рождения",
            "date of birth",
            "dob",
            "birth date",
            "born",
        ),
    ),
    Field("gender", N_("Gender"), ("пол", "жынысы", "gender", "sex")),
    Field(
        "pin",
        N_("PIN"),
        (
            "пин",
            "инн",
            "пин код",
            "персональный номер",
            "жеке номер",
            "жсн",
            "pin",
            "personal number",
        ),
    ),
    Field("phone", N_("Phone"), ("телефон", "тел", "телефону", "байланыш", "phone", "mobile")),
    Field("region", N_("Oblast"), ("область", "облус", "облусу", "oblast", "region")),
    Field("district", N_("District"), ("район", "району", "district", "rayon")),
    Field(
        "settlement",
        N_("Settlement"),
        ("село", "айыл", "населенный пункт", "город", "шаар", "village", "settlement", "town"),
    ),
    Field("street", N_("Street address"), ("адрес", "дарек", "улица", "көчө", "address")),
    Field(
        "external_ref",
        N_("Number in the register"),
        (
            "номер дела",
            "№ дела",
            "рег №",
            "рег номер",
            "регистрационный номер",
            "иштин номери",
            "каттоо номери",
            "case number",
            "case no",
            "ref",
            "reference",
        ),
    ),
    Field(
        "category",
        N_("Category"),
        ("категория", "категориясы", "тема", "вид обращения", "суть", "category", "type"),
    ),
    Field("subcategory", N_("Subcategory"), ("подкатегория", "субкатегория", "subcategory")),
    Field(
        "opened_on",
        N_("Date opened"),
        (
            "дата обращения",
            "дата открытия",
            "дата приема",
            "дата",
            "кайрылган күнү",
            "кабыл алынган күнү",
            "күнү",
            "date opened",
            "opened",
            "date",
        ),
    ),
    Field(
        "closed_on",
        N_("Date closed"),
        ("дата закрытия", "закрыто", "жабылган күнү", "date closed", "closed"),
    ),
    Field("status", N_("Status"), ("статус", "состояние", "абалы", "статусу", "status")),
    Field(
        "lawyer",
        N_("Lawyer"),
        ("юрист", "адвокат", "ответственный", "жооптуу", "lawyer", "responsible", "assigned to"),
    ),
    Field("office", N_("Office"), ("офис", "кеңсе", "филиал", "office", "branch")),
    Field(
        "summary",
        N_("Summary"),
        (
            "суть обращения",
            "описание",
            "содержание",
            "кыскача",
            "мазмуну",
            "summary",
            "description",
            "notes",
            "примечание",
        ),
    ),
    Field(
        "referral_to",
        N_("Referred to"),
        (
            "куда направлен",
            "куда направлено",
            "направлен в",
            "направлено в",
            "перенаправлен",
            "перенаправлено",
            "жөнөтүлдү",
            "кайда жөнөтүлдү",
            "жолдомо",
            "referred to",
            "referral",
            "referred",
        ),
    ),
    Field(
        "referred_on",
        N_("Date referred"),
        (
            "дата направления",
            "дата перенаправления",
            "жөнөтүлгөн күнү",
            "жолдомо берилген күнү",
            "date referred",
            "referral date",
            "referred on",
        ),
    ),
    Field("court", N_("Court"), ("суд", "сот", "наименование суда", "court", "court name")),
    Field(
        "hearing_on",
        N_("Hearing date"),
        (
            "дата заседания",
            "дата суда",
            "дата судебного заседания",
            "заседание",
            "судебное заседание",
            "сот отуруму",
            "отурум",
            "сот отурумунун күнү",
            "hearing",
            "hearing date",
            "court date",
        ),
    ),
    Field(
        "proceeding_kind",
        N_("Kind of proceeding"),
        (
            "вид производства",
            "вид судопроизводства",
            "вид дела",
            "иштин түрү",
            "өндүрүштүн түрү",
            "kind of proceeding",
            "type of proceeding",
            "proceeding",
        ),
    ),
)
FIELD_BY_CODE = {f.code: f for f in FIELDS}


def _words(text: str) -> tuple[str, ...]:
    return tuple(fold(text.replace("№", " no ")).split())


def suggest_columns(header: Sequence[str]) -> dict[int, str]:
    """Column index -> field code, for the columns whose header says what they hold."""
    scored: list[tuple[int, int, int, str]] = []  # (-score, column, order, field)
    for column, title in enumerate(header):
        words = _words(title)
        if not words:
            continue
        for order, found in enumerate(FIELDS):
            for alias in found.aliases:
                target = _words(alias)
                if words == target:
                    scored.append((-100 - len(target), column, order, found.code))
                elif _contains(words, target):
                    scored.append((-10 - len(target), column, order, found.code))
    chosen: dict[int, str] = {}
    taken: set[str] = set()
    for _score, column, _order, code in sorted(scored):
        if column in chosen or code in taken:
            continue
        chosen[column] = code
        taken.add(code)
    return dict(sorted(chosen.items()))


def _contains(words: tuple[str, ...], target: tuple[str, ...]) -> bool:
    size = len(target)
    return any(words[i : i + size] == target for i in range(len(words) - size + 1))


# --- values -----------------------------------------------------------------------------------


def _labels_in_all(labels: dict[str, str]) -> list[str]:
    return [labels[language] for language in ("ky", "ru", "en") if labels.get(language)]


GENDER_WORDS = {
    Gender.FEMALE.value: ("ж", "жен", "женский", "женщина", "аял", "кыз", "f", "female", "woman"),
    Gender.MALE.value: ("м", "муж", "мужской", "мужчина", "эркек", "m", "male", "man"),
}
STATUS_WORDS = {
    CaseStatus.OPEN.value: ("открыто", "открыт", "в работе", "ачык", "иштелүүдө", "open"),
    CaseStatus.CLOSED.value: ("закрыто", "закрыт", "завершено", "жабык", "жабылды", "closed"),
    CaseStatus.IN_COURT.value: ("в суде", "сотто", "in court", "court"),
    CaseStatus.REFERRED.value: ("перенаправлено", "направлено", "жөнөтүлдү", "referred"),
}


def _candidates(field: str) -> dict[str, list[str]]:
    """Code -> the texts that mean it, for a coded field."""
    if field in ("category", "subcategory"):
        found: dict[str, list[str]] = {}
        for code, category in reference.categories().items():
            found[code] = _labels_in_all(category.labels) + [code]
            for sub in category.subcategories:
                found[sub.code] = _labels_in_all(sub.labels) + list(sub.aliases)
        return found
    if field == "district":
        return {
            place.code: _labels_in_all(place.labels) + list(place.aliases)
            for region in reference.regions().values()
            for place in (*region.districts, *region.cities)
        }
    if field == "region":
        return {
            code: _labels_in_all(region.labels) + [code]
            for code, region in reference.regions().items()
        }
    if field == "gender":
        return {
            code: [
                *words,
                *(translate_in(lang, label_msgid(Gender(code))) for lang in ("ky", "ru", "en")),
            ]
            for code, words in GENDER_WORDS.items()
        }
    if field == "status":
        return {
            member.value: [
                *STATUS_WORDS.get(member.value, ()),
                *(translate_in(lang, label_msgid(member)) for lang in ("ky", "ru", "en")),
            ]
            for member in CaseStatus
        }
    if field == "proceeding_kind":  # more words in resources/imports/value_aliases.json
        return {
            member.value: [translate_in(lang, label_msgid(member)) for lang in ("ky", "ru", "en")]
            for member in ProceedingKind
        }
    return {}


CODED_FIELDS = (
    "category",
    "subcategory",
    "district",
    "region",
    "gender",
    "status",
    "proceeding_kind",
)


@functools.cache
def _extra_words() -> dict[str, dict[str, list[str]]]:
    """resources/imports/value_aliases.json: words offices use beyond the labels."""
    data = json.loads((resources_dir() / "imports" / "value_aliases.json").read_text("utf-8"))
    return {field: codes for field, codes in data.items() if not field.startswith("_")}


def _meanings(field: str) -> dict[str, list[str]]:
    found = _candidates(field)
    source = "category" if field == "subcategory" else field
    for code, words in _extra_words().get(source, {}).items():
        found.setdefault(code, []).extend(words)
    return found


def suggest_values(field: str, values: Iterable[str]) -> dict[str, str | None]:
    """Each distinct value -> the code it means, or None when nothing matches (listed for
    the person to map). Exact folded matches first, then a value that is one of the
    meanings' words or contains one whole ("Алайский р-н" -> osh.alay)."""
    return match_values(_meanings(field), values)


def match_values(
    meanings: Mapping[str, Sequence[str]],
    values: Iterable[str],
    words_of: Callable[[str], tuple[str, ...]] = _words,
) -> dict[str, str | None]:
    """suggest_values on the meanings given (code -> the texts that mean it), the words of
    a text taken by `words_of` (folded by default; a Latin skeleton matches across
    scripts)."""
    exact: dict[tuple[str, ...], str] = {}
    for meaning, texts in meanings.items():
        for text in texts:
            exact.setdefault(words_of(text), meaning)
    found: dict[str, str | None] = {}
    for value in dict.fromkeys(v for v in values if v.strip()):
        words = words_of(value)
        code = exact.get(words)
        if code is None:
            partial = [
                (len(key), found_code)
                for key, found_code in exact.items()
                if key and _contains(words, key) and len(" ".join(key)) > 2
            ]
            code = max(partial)[1] if partial else None
        if code is None and (len(words) >= 2 or len("".join(words)) >= 6):
            # the value is the beginning or a part of one label only ("Бытовое насилие" of
            # "Бытовое насилие и охранные ордера")
            within = {c for key, c in exact.items() if _contains(key, words)}
            code = within.pop() if len(within) == 1 else None
        found[value] = code
    return found


def value_choices(field: str, language: str) -> list[tuple[str, str]]:
    """(code, label in `language`) of every value a coded field can take: what a person
    picks from when mapping a register's words by hand, and how a report names a code."""
    if field in ("category", "subcategory"):
        found: list[tuple[str, str]] = []
        for code, category in reference.categories().items():
            label = category.labels.get(language) or code
            if field == "category":
                found.append((code, label))
            for sub in category.subcategories:
                found.append((sub.code, f"{label}: {sub.labels.get(language) or sub.code}"))
        return found
    if field == "district":
        return [
            (place.code, f"{place.labels.get(language)} ({region.labels.get(language)})")
            for region in reference.regions().values()
            for place in (*region.districts, *region.cities)
        ]
    if field == "region":
        return [
            (code, region.labels.get(language) or code)
            for code, region in reference.regions().items()
        ]
    members = {"gender": Gender, "status": CaseStatus, "proceeding_kind": ProceedingKind}.get(field)
    if members is None:
        return []
    return [(member.value, translate_in(language, label_msgid(member))) for member in members]

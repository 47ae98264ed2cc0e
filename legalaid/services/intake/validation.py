"""Checking an intake before it is submitted: every problem at once, each at its field.

Pure checks on an `IntakeInput` (nothing from the vault), so the form can run them as the person
types; `submit_intake` runs them again and adds what only the vault can tell (parties.py).
Texts: the narrative up to 100,000 characters, the other free texts up to 20,000.
`name_warnings` only warns (a wrong keyboard layout), it never refuses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from legalaid.domain import reference
from legalaid.domain.enums import (
    ConsentMethod,
    Gender,
    Language,
    OrganisationKind,
    RecommendedAction,
    Region,
    Vulnerability,
)
from legalaid.domain.intake import NARRATIVE_MAX, TEXT_MAX
from legalaid.domain.intake_rules import eligibility_rules, urgency_rules
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services import people
from legalaid.services.cases import validate_category
from legalaid.services.intake.input import (
    OTHER_ROLES,
    IntakeInput,
    IntakeProblem,
    age_on,
    mixed_script_words,
)
from legalaid.services.phones import normalise_phone

MAX_AGE = 120
EARLIEST_DATE = dt.date(1900, 1, 1)
MAX_INCOME = 10_000_000


def too_long(value: str | None, limit: int, name: str, step: str) -> list[IntakeProblem]:
    """The problem of a text over `limit` characters, at field `name` of `step`."""
    if value is not None and len(value) > limit:
        return [
            IntakeProblem(
                N_("Too long: at most {limit} characters (now {count})."),
                name,
                step,
                limit=limit,
                count=len(value),
            )
        ]
    return []


# Values that let people.validate go on past a field it refused (to collect every problem).
_NEUTRAL: dict[str, Any] = {
    "surname": "X",
    "given_name": "X",
    "patronymic": None,
    "birth_date": None,
    "approximate_age": None,
    "pin": None,
    "phone": None,
    "region": None,
    "district": None,
    "settlement": None,
    "street": None,
}


def validate_person(
    data: people.PersonInput, today: dt.date, step: str, prefix: str = ""
) -> tuple[people.PersonInput | None, list[IntakeProblem]]:
    """Every problem people.validate finds (it stops at the first: retry without it)."""
    problems: list[IntakeProblem] = []
    candidate = data
    if data.birth_date is not None:
        if data.birth_date > today:
            problems.append(
                IntakeProblem(
                    N_("The birth date cannot lie in the future."), f"{prefix}birth_date", step
                )
            )
            candidate = replace(candidate, birth_date=None)
        elif age_on(data.birth_date, today) > MAX_AGE:
            problems.append(
                IntakeProblem(
                    N_("This birth date gives an age over {maximum} years; check the year."),
                    f"{prefix}birth_date",
                    step,
                    maximum=MAX_AGE,
                )
            )
            candidate = replace(candidate, birth_date=None)
    for _attempt in range(len(_NEUTRAL) + 1):
        try:
            clean = people.validate(candidate, today)
        except ValidationError as error:
            problems.append(IntakeProblem.of(error, step, prefix))
            if error.field not in _NEUTRAL:
                return None, problems
            candidate = replace(candidate, **{error.field: _NEUTRAL[error.field]})
            continue
        if clean.birth_date is not None and age_on(clean.birth_date, today) > MAX_AGE:
            problems.append(
                IntakeProblem(
                    N_("This birth date gives an age over {maximum} years; check the year."),
                    f"{prefix}{'birth_date' if data.birth_date else 'pin'}",
                    step,
                    maximum=MAX_AGE,
                )
            )
        return (None if problems else clean), problems
    return None, problems


def person_input(data: IntakeInput) -> people.PersonInput:
    """The client's part of the form, for services/people (unknown codes dropped; the
    phone is checked at the contact step)."""

    def codes(values: Iterable[str], enum: Any) -> tuple[Any, ...]:
        return tuple(enum(v) for v in values if v in {m.value for m in enum})

    return people.PersonInput(
        surname=data.surname,
        given_name=data.given_name,
        patronymic=data.patronymic,
        gender=Gender(data.gender) if data.gender in {g.value for g in Gender} else Gender.UNKNOWN,
        birth_date=data.birth_date,
        approximate_age=data.approximate_age,
        pin=data.pin,
        phone=None,  # checked (and normalised) at the contact step
        region=data.region,
        district=data.district,
        settlement=data.settlement,
        street=data.street,
        languages=codes(data.languages, Language),
        vulnerabilities=codes(data.vulnerabilities, Vulnerability),
    )


def _place_problems(
    region: str | None, district: str | None, region_field: str, district_field: str, step: str
) -> list[IntakeProblem]:
    if region and region not in {r.value for r in Region}:
        return [IntakeProblem(N_("Unknown region."), region_field, step)]
    if district and (
        reference.district(district) is None
        or (region is not None and not district.startswith(region + "."))
    ):
        return [
            IntakeProblem(N_("This district is not in the chosen region."), district_field, step)
        ]
    return []


def name_warnings(data: IntakeInput) -> list[IntakeProblem]:
    """Words that mix scripts in a name: a warning (a wrong keyboard layout), never a refusal."""
    message = N_("A word in this name mixes Latin and Cyrillic letters; check the keyboard layout.")
    warnings = [
        IntakeProblem(message, name, "person")
        for name in ("surname", "given_name", "patronymic")
        if data.person_id is None and mixed_script_words(getattr(data, name))
    ]
    for index, other in enumerate(data.others):
        for name in ("surname", "given_name", "patronymic"):
            if other.person_id is None and mixed_script_words(getattr(other, name)):
                warnings.append(IntakeProblem(message, f"others.{index}.{name}", "others"))
    return warnings


def validate_intake(data: IntakeInput, today: dt.date | None = None) -> list[IntakeProblem]:
    """Every problem of the form, in the order of its steps (empty: it may be submitted,
    subject to what only the vault can tell: see `submit_intake`)."""
    today = today or dt.date.today()
    if not data.consent_record:
        return _validate_anonymous(data, today)
    problems: list[IntakeProblem] = []
    # Who.
    if data.person_id is None:
        if data.gender not in {g.value for g in Gender}:
            problems.append(
                IntakeProblem(N_("Choose the gender from the list."), "gender", "person")
            )
        problems += validate_person(person_input(data), today, "person")[1]
    # Contact.
    try:
        normalise_phone(data.phone, "phone")
    except ValidationError as error:
        problems.append(IntakeProblem.of(error, "contact"))
    problems += too_long(data.do_not_tell, TEXT_MAX, "do_not_tell", "contact")
    problems += too_long(data.safe_contact_notes, TEXT_MAX, "safe_contact_notes", "contact")
    # The complaint.
    problems += _category_problems(data.category, data.subcategory)
    if not (data.narrative or "").strip():
        problems.append(
            IntakeProblem(
                N_("Write down what happened, in the person's words."), "narrative", "complaint"
            )
        )
    problems += too_long(data.narrative, NARRATIVE_MAX, "narrative", "complaint")
    if data.incident_date is not None and not EARLIEST_DATE <= data.incident_date <= today:
        problems.append(
            IntakeProblem(
                N_("When it happened cannot lie in the future or before 1900."),
                "incident_date",
                "complaint",
            )
        )
    problems += too_long(data.incident_period, 100, "incident_period", "complaint")
    problems += _place_problems(
        data.incident_region,
        data.incident_district,
        "incident_region",
        "incident_district",
        "complaint",
    )
    problems += too_long(data.incident_settlement, 100, "incident_settlement", "complaint")
    for name in ("responsible", "institutions_approached", "documents_held"):
        problems += too_long(getattr(data, name), TEXT_MAX, name, "complaint")
    # Other people involved.
    for index, other in enumerate(data.others):
        prefix = f"others.{index}."
        if other.role not in {r.value for r in OTHER_ROLES}:
            problems.append(
                IntakeProblem(
                    N_("Choose this person's role in the case."), prefix + "role", "others"
                )
            )
        if other.person_id is None:
            person = people.PersonInput(other.surname, other.given_name, other.patronymic)
            if other.pin:
                person = replace(person, pin=other.pin)
            problems += validate_person(person, today, "others", prefix)[1]
    # What the person wants.
    problems += too_long(data.wants, TEXT_MAX, "wants", "wishes")
    # Assessment.
    if not set(data.urgency_answers) <= set(urgency_rules().answers):
        problems.append(
            IntakeProblem(
                N_("Unknown answer to an urgency question."), "urgency_answers", "assessment"
            )
        )
    if not set(data.eligibility_categories) <= set(eligibility_rules().categories):
        problems.append(
            IntakeProblem(
                N_("Unknown category of persons for state-guaranteed legal aid."),
                "eligibility_categories",
                "assessment",
            )
        )
    income = data.monthly_income_per_person
    if income is not None and not 0 <= income <= MAX_INCOME:
        problems.append(
            IntakeProblem(
                N_("An income lies between 0 and {maximum} som a month."),
                "monthly_income_per_person",
                "assessment",
                maximum=MAX_INCOME,
            )
        )
    if data.recommended_action not in {a.value for a in RecommendedAction}:
        problems.append(
            IntakeProblem(
                N_("Choose the recommended action: advice, referral or representation."),
                "recommended_action",
                "assessment",
            )
        )
    # Consent.
    problems += _consent_problems(data, today)
    return problems


def _category_problems(category: str, subcategory: str | None) -> list[IntakeProblem]:
    try:
        validate_category(category, subcategory)
    except ValidationError as error:
        return [IntakeProblem.of(error, "complaint")]
    return []


def _consent_problems(data: IntakeInput, today: dt.date) -> list[IntakeProblem]:
    problems: list[IntakeProblem] = []
    if data.consent_method not in {m.value for m in ConsentMethod}:
        problems.append(
            IntakeProblem(
                N_("Say how consent was given: a signed paper form, or orally before a witness."),
                "consent_method",
                "consent",
            )
        )
    elif data.consent_method == ConsentMethod.ORAL_WITNESSED.value:
        witness = " ".join((data.consent_witness or "").split())
        if not witness:
            problems.append(
                IntakeProblem(
                    N_("Oral consent needs the name of the witness."), "consent_witness", "consent"
                )
            )
        problems += too_long(witness, 200, "consent_witness", "consent")
    if data.consent_on is not None and not EARLIEST_DATE <= data.consent_on <= today:
        problems.append(
            IntakeProblem(N_("Consent cannot be dated in the future."), "consent_on", "consent")
        )
    if not set(data.consent_share_with) <= {k.value for k in OrganisationKind}:
        problems.append(
            IntakeProblem(
                N_("Unknown kind of organisation to share with."), "consent_share_with", "consent"
            )
        )
    return problems


def _validate_anonymous(data: IntakeInput, today: dt.date) -> list[IntakeProblem]:
    """Without consent only what the anonymous record keeps is checked."""
    problems = _category_problems(data.category, data.subcategory)
    problems += _place_problems(
        data.incident_region,
        data.incident_district,
        "incident_region",
        "incident_district",
        "complaint",
    )
    problems += _place_problems(data.region, data.district, "region", "district", "person")
    if data.birth_date is not None and not (
        data.birth_date <= today and age_on(data.birth_date, today) <= MAX_AGE
    ):
        problems.append(
            IntakeProblem(
                N_("The birth date cannot lie in the future, nor give an age over {maximum}."),
                "birth_date",
                "person",
                maximum=MAX_AGE,
            )
        )
    if data.approximate_age is not None and not 0 <= data.approximate_age <= MAX_AGE:
        problems.append(
            IntakeProblem(
                N_("An age is between 0 and {maximum}."),
                "approximate_age",
                "person",
                maximum=MAX_AGE,
            )
        )
    if data.gender not in {g.value for g in Gender}:
        problems.append(IntakeProblem(N_("Choose the gender from the list."), "gender", "person"))
    return problems

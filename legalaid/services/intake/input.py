"""What the intake form hands over, and how a problem with it is named.

`IntakeInput` (with `OtherPersonInput`) is plain data, as typed: `to_state`/`from_state` turn it
into the JSON a draft holds. `IntakeProblem` names a field and the form's step (one of `STEPS`);
`IntakeRefused` carries every problem at once. The small helpers on what was typed (mixed
scripts, age) are here because the checks, the form and the anonymous record all need them and
they need nothing from the vault.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from legalaid.domain.enums import AgeGroup, Gender, PartyRole
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services.conflicts import ConflictMatch

STEPS = ("person", "contact", "complaint", "others", "wishes", "assessment", "consent", "conflicts")
OTHER_ROLES = frozenset(
    {PartyRole.OPPOSING_PARTY, PartyRole.VICTIM, PartyRole.WITNESS, PartyRole.REPRESENTATIVE}
)


class IntakeProblem(ValidationError):
    """One problem of the form: the field and the step it is on."""

    def __init__(
        self, template: str | None = None, field: str | None = None, step: str = "", **params: Any
    ) -> None:
        super().__init__(template, field=field, **params)
        self.step = step

    @classmethod
    def of(cls, error: ValidationError, step: str, prefix: str = "") -> IntakeProblem:
        return cls(error.template, f"{prefix}{error.field or ''}", step, **error.params)


class IntakeRefused(ValidationError):
    """Submission refused; `problems` lists every one (each at its field), `conflicts` the
    possible conflicts of interest found (when the check could run)."""

    template = N_("The intake has problems to correct; each is shown at its field.")

    def __init__(
        self, problems: list[IntakeProblem], conflicts: list[ConflictMatch] | None = None
    ) -> None:
        super().__init__()
        self.problems = problems
        self.conflicts = conflicts or []


@dataclass(frozen=True)
class OtherPersonInput:
    """Someone else involved: the other side, a victim, a witness, a representative."""

    surname: str = ""
    given_name: str = ""
    patronymic: str | None = None
    role: str = PartyRole.OPPOSING_PARTY.value
    pin: str | None = None
    person_id: int | None = None  # an existing record picked on the form


@dataclass(frozen=True)
class IntakeInput:
    """Everything the intake form gives, as typed (plain data: a draft holds it)."""

    # Who: an existing person (person_id) or a new one.
    person_id: int | None = None
    surname: str = ""
    given_name: str = ""
    patronymic: str | None = None
    gender: str = Gender.UNKNOWN.value
    birth_date: dt.date | None = None
    approximate_age: int | None = None
    pin: str | None = None
    region: str | None = None
    district: str | None = None
    settlement: str | None = None
    street: str | None = None
    languages: tuple[str, ...] = ()
    vulnerabilities: tuple[str, ...] = ()
    # Contact and safe contact.
    phone: str | None = None
    may_call: bool | None = None
    may_leave_messages: bool | None = None
    do_not_tell: str = ""
    safe_contact_notes: str = ""
    # The complaint.
    category: str = ""
    subcategory: str | None = None
    narrative: str = ""
    incident_date: dt.date | None = None
    incident_period: str = ""  # "spring 2024" when the date is not known
    incident_region: str | None = None
    incident_district: str | None = None
    incident_settlement: str = ""
    responsible: str = ""
    institutions_approached: str = ""
    documents_held: str = ""
    # Other people involved.
    others: tuple[OtherPersonInput, ...] = ()
    # What the person wants.
    wants: str = ""
    # The paralegal's assessment.
    urgency_answers: tuple[str, ...] = ()  # answer codes of urgency_rules.json
    deadline_on: dt.date | None = None
    eligibility_categories: tuple[str, ...] = ()  # category codes of the eligibility rules
    monthly_income_per_person: int | None = None
    recommended_action: str | None = None  # a RecommendedAction code
    # Consent.
    consent_record: bool = False
    consent_share_with: tuple[str, ...] = ()  # OrganisationKind codes
    consent_contact: bool = False
    consent_method: str | None = None  # a ConsentMethod code
    consent_witness: str = ""
    consent_on: dt.date | None = None
    # Conflict of interest.
    conflict_decision: str | None = None  # a ConflictDecision code
    conflict_lawyer: str | None = None  # login, when sent to a lawyer
    office_code: str | None = None

    def to_state(self) -> dict[str, Any]:
        """JSON-ready (dates as ISO text) for a draft."""
        return _to_json(self)  # type: ignore[no-any-return]

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> IntakeInput:
        """Back from a draft; unknown keys (from another version) are ignored."""
        made: IntakeInput = _from_json(cls, state)
        return made


_DATE_FIELDS = frozenset({"birth_date", "incident_date", "deadline_on", "consent_on", "given_on"})


def _to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_to_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _from_json(cls: Any, state: dict[str, Any]) -> Any:
    known = {f.name for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for name, value in state.items():
        if name not in known:
            continue
        if name in _DATE_FIELDS and isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                value = None
        elif name == "others" and isinstance(value, list):
            value = tuple(_from_json(OtherPersonInput, item) for item in value)
        elif isinstance(value, list):
            value = tuple(value)
        values[name] = value
    return cls(**values)


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def mixed_script_words(text: str | None) -> list[str]:
    """Words that mix Latin and Cyrillic letters ("Aйгүл" typed with a Latin A)."""
    return [
        word
        for word in re.split(r"[\s\-'’]+", unicodedata.normalize("NFC", text or ""))
        if _LATIN.search(word) and _CYRILLIC.search(word)
    ]


def age_on(birth_date: dt.date, today: dt.date) -> int:
    return (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )


def age_group(
    birth_date: dt.date | None, approximate_age: int | None, today: dt.date | None = None
) -> AgeGroup:
    today = today or dt.date.today()
    age = age_on(birth_date, today) if birth_date else approximate_age
    if age is None or age < 0:
        return AgeGroup.UNKNOWN
    for limit, group in (
        (18, AgeGroup.UNDER_18),
        (30, AgeGroup.AGE_18_29),
        (45, AgeGroup.AGE_30_44),
        (60, AgeGroup.AGE_45_59),
    ):
        if age < limit:
            return group
    return AgeGroup.AGE_60_PLUS

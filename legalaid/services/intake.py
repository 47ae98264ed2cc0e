"""Intake interviews: from a person at the desk to a registered complaint.

The form gives an `IntakeInput` (plain data: `to_state`/`from_state` turn it into the JSON a
draft holds). `validate_intake` returns every problem at once, each naming its field and
the form's step; `submit_intake` checks again (also what needs the vault: the PIN held by
someone else, the conflict check) and, in ONE transaction, creates or reuses the person,
opens the case (status intake), adds the other people as parties, writes the Intake and
the consents, and sets a task for the urgent action. Nothing typed is lost on refusal:
`IntakeRefused` carries the problems, the caller keeps the input.

Rules chosen here (tests/services/test_intake.py holds them):
- Office assignment: the case belongs to the actor's office (or `office_code`) and is not
  assigned: the office's coordinator assigns it. An urgent intake is assigned to the
  office's lawyer on duty when one is set (`set_duty_lawyer`) and gets a task for the
  urgent action, for the lawyer on duty or else for the person who took the intake.
- Without consent to record data only an `AnonymousRecord` is written (category,
  district, gender, age group, date, office); no person, no case, no text. The result
  carries `ANONYMOUS_NOTICE` for the form to show.
- Possible conflicts of interest (services/conflicts) must be acknowledged, or sent to a
  lawyer (who gets a task to check), before the intake is accepted.
- An existing person picked on the form is linked as they are (their record is changed on
  the person form, not here); the phone typed at the contact step is kept on the intake.
- Texts: the narrative up to 100,000 characters, the other free texts up to 20,000, kept
  exactly as typed (any Unicode: emoji, right-to-left). Nothing typed goes into a message,
  a log line or the audit trail (field names only).
- Permissions: taking an intake needs CREATE_CASES (paralegals, lawyers, coordinators;
  not trial monitors).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legalaid.domain import reference
from legalaid.domain.accounts import Account, Office
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.enums import (
    ActivityKind,
    AgeGroup,
    CaseStatus,
    ConflictDecision,
    ConsentKind,
    ConsentMethod,
    EligibilityOutcome,
    Gender,
    Language,
    OrganisationKind,
    PartyRole,
    RecommendedAction,
    Region,
    Role,
    Vulnerability,
)
from legalaid.domain.intake import (
    NARRATIVE_MAX,
    TEXT_MAX,
    AdviceConsultation,
    AnonymousRecord,
    Consent,
    Intake,
)
from legalaid.domain.intake_rules import (
    EligibilityAnswers,
    EligibilityResult,
    UrgencyFacts,
    UrgentFinding,
    assess_eligibility,
    document_labels,
    eligibility_rules,
    urgency_rules,
)
from legalaid.domain.intake_rules import urgent_actions as _urgent_actions
from legalaid.domain.people import Person, PersonVulnerability
from legalaid.domain.timeline import TITLE_MAX, CaseEntry, CaseTask
from legalaid.domain.vault_meta import VaultMeta
from legalaid.errors import Conflict, NotFound, ValidationError
from legalaid.i18n import N_, _
from legalaid.services import people
from legalaid.services.cases import _find, _next_number, _require_edit, _validate_category
from legalaid.services.conflicts import ConflictMatch, OpposingParty, run_conflict_check
from legalaid.services.permissions import Permission
from legalaid.services.phones import normalise_phone
from legalaid.services.visibility import case_visible, person_visible
from legalaid.services.workspace import Workspace

__all__ = [
    "AdviceInput",
    "IntakeInput",
    "IntakeProblem",
    "IntakeRefused",
    "IntakeResult",
    "OtherPersonInput",
    "assess_eligibility",
    "record_advice",
    "record_urgent_action",
    "submit_intake",
    "urgent_actions",
    "urgent_open_cases",
    "validate_intake",
]

STEPS = ("person", "contact", "complaint", "others", "wishes", "assessment", "consent", "conflicts")
MAX_AGE = 120
EARLIEST_DATE = dt.date(1900, 1, 1)
MAX_INCOME = 10_000_000
MAX_DURATION_MINUTES = 24 * 60
SUMMARY_MAX = 300
DUTY_LAWYER_KEY = "duty_lawyer:{office}"
OTHER_ROLES = frozenset(
    {PartyRole.OPPOSING_PARTY, PartyRole.VICTIM, PartyRole.WITNESS, PartyRole.REPRESENTATIVE}
)
ANONYMOUS_NOTICE = N_(
    "The person did not consent to their data being recorded. Only an anonymous record "
    "for statistics was kept: category, district, gender and age group. Nothing else that "
    "was typed has been saved."
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


# --- small checks ----------------------------------------------------------------------------

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


def _too_long(value: str | None, limit: int, name: str, step: str) -> list[IntakeProblem]:
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


def _code(value: str | None, allowed: Iterable[str]) -> bool:
    return value is None or value in set(allowed)


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


def _validate_person(
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


def _person_input(data: IntakeInput) -> people.PersonInput:
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


# --- validation ------------------------------------------------------------------------------


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
        problems += _validate_person(_person_input(data), today, "person")[1]
    # Contact.
    try:
        normalise_phone(data.phone, "phone")
    except ValidationError as error:
        problems.append(IntakeProblem.of(error, "contact"))
    problems += _too_long(data.do_not_tell, TEXT_MAX, "do_not_tell", "contact")
    problems += _too_long(data.safe_contact_notes, TEXT_MAX, "safe_contact_notes", "contact")
    # The complaint.
    problems += _category_problems(data.category, data.subcategory)
    if not (data.narrative or "").strip():
        problems.append(
            IntakeProblem(
                N_("Write down what happened, in the person's words."), "narrative", "complaint"
            )
        )
    problems += _too_long(data.narrative, NARRATIVE_MAX, "narrative", "complaint")
    if data.incident_date is not None and not EARLIEST_DATE <= data.incident_date <= today:
        problems.append(
            IntakeProblem(
                N_("When it happened cannot lie in the future or before 1900."),
                "incident_date",
                "complaint",
            )
        )
    problems += _too_long(data.incident_period, 100, "incident_period", "complaint")
    problems += _place_problems(
        data.incident_region,
        data.incident_district,
        "incident_region",
        "incident_district",
        "complaint",
    )
    problems += _too_long(data.incident_settlement, 100, "incident_settlement", "complaint")
    for name in ("responsible", "institutions_approached", "documents_held"):
        problems += _too_long(getattr(data, name), TEXT_MAX, name, "complaint")
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
            problems += _validate_person(person, today, "others", prefix)[1]
    # What the person wants.
    problems += _too_long(data.wants, TEXT_MAX, "wants", "wishes")
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
        _validate_category(category, subcategory)
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
        problems += _too_long(witness, 200, "consent_witness", "consent")
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


# --- assessment --------------------------------------------------------------------------------


def eligibility_of(data: IntakeInput) -> EligibilityResult:
    return assess_eligibility(
        EligibilityAnswers(data.eligibility_categories, data.monthly_income_per_person)
    )


def urgent_actions(data: IntakeInput, today: dt.date | None = None) -> list[UrgentFinding]:
    """What must happen now, from the urgency rules (empty: not urgent)."""
    category = (data.category or "").strip().upper() or None
    subcategory = (data.subcategory or "").strip().upper() or None
    return _urgent_actions(
        UrgencyFacts(category, subcategory, frozenset(data.urgency_answers), data.deadline_on),
        today,
    )


# --- the lawyer on duty ----------------------------------------------------------------------


def _duty_key(office_code: str) -> str:
    return DUTY_LAWYER_KEY.format(office=office_code.upper())


def _active_lawyer(session: Session, login: str | None) -> Account | None:
    if not login:
        return None
    account = session.scalar(select(Account).where(Account.login == login.strip().lower()))
    if (
        account is None
        or not account.active
        or account.role not in (Role.LAWYER.value, Role.COORDINATOR.value)
    ):
        return None
    return account


def set_duty_lawyer(ws: Workspace, login: str | None, office_code: str | None = None) -> None:
    """Name the office's lawyer on duty (None: nobody); urgent intakes go to them."""
    ws.require(Permission.MANAGE_OFFICES)
    office = (office_code or ws.actor.office_code).upper()
    with ws.session() as session:
        row = session.get(VaultMeta, _duty_key(office))
        if login is None:
            if row is not None:
                session.delete(row)
        else:
            account = _active_lawyer(session, login)
            if account is None:
                raise ValidationError(
                    N_("{login} is not an active lawyer's login."), field="duty_lawyer", login=login
                )
            value = str(account.id).encode("ascii")
            if row is None:
                session.add(VaultMeta(key=_duty_key(office), value=value))
            else:
                row.value = value
        ws.vault.record(session, "settings_change", "office", office)
        session.commit()


def _duty_lawyer(session: Session, office_code: str) -> Account | None:
    row = session.get(VaultMeta, _duty_key(office_code))
    if row is None:
        return None
    account = session.get(Account, int(row.value.decode("ascii")))
    if account is None or not account.active:
        return None
    return account if account.role in (Role.LAWYER.value, Role.COORDINATOR.value) else None


def duty_lawyer(ws: Workspace, office_code: str | None = None) -> str | None:
    """The login of the office's lawyer on duty, if one is set and still active."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        account = _duty_lawyer(session, office_code or ws.actor.office_code)
        return account.login if account else None


# --- submission --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeResult:
    case_id: int | None = None
    case_number: str | None = None
    person_id: int | None = None
    intake_id: int | None = None
    urgent_rules: tuple[str, ...] = ()
    task_ids: tuple[int, ...] = ()
    assigned_lawyer: str | None = None
    eligibility: EligibilityResult | None = None
    warnings: list[IntakeProblem] = field(default_factory=list)
    anonymous_record_id: int | None = None
    message: str = ""  # for the form: what happened, in the current language


def _office(session: Session, code: str) -> Office:
    office = session.scalar(select(Office).where(Office.code == code.strip().upper()))
    if office is None:
        raise NotFound(N_("There is no office with the code {code}."), code=code)
    return office


def submit_intake(ws: Workspace, data: IntakeInput, today: dt.date | None = None) -> IntakeResult:
    """Validate, then register the intake in one transaction (see the module docstring).
    Raises IntakeRefused with every problem; nothing is written then."""
    ws.require(Permission.CREATE_CASES)
    today = today or dt.date.today()
    problems = validate_intake(data, today)
    if not data.consent_record:
        if problems:
            raise IntakeRefused(problems)
        return _anonymous(ws, data, today)
    with ws.session() as session:
        office = _office(session, data.office_code or ws.actor.office_code)
        person, person_problems = _client(ws, session, data, today)
        problems += person_problems
        others, other_problems = _others(ws, session, data, today)
        problems += other_problems
        conflicts = _conflicts(ws, session, others)
        conflict_lawyer, conflict_problems = _conflict_decision(session, data, conflicts)
        problems += conflict_problems
        if problems:
            session.rollback()
            raise IntakeRefused(sorted(problems, key=_step_order), conflicts)
        assert person is not None
        result = _register(
            ws, session, data, today, office, person, others, conflicts, conflict_lawyer
        )
        session.commit()
    return replace(result, warnings=name_warnings(data))


def _step_order(problem: IntakeProblem) -> int:
    return STEPS.index(problem.step) if problem.step in STEPS else len(STEPS)


def _client(
    ws: Workspace, session: Session, data: IntakeInput, today: dt.date
) -> tuple[Person | None, list[IntakeProblem]]:
    if data.person_id is not None:
        person = session.scalar(
            select(Person).where(Person.id == data.person_id, person_visible(ws.actor))
        )
        if person is None:
            return None, [
                IntakeProblem(N_("No person with this id is open to you."), "person_id", "person")
            ]
        return person, []
    clean, _problems = _validate_person(_person_input(data), today, "person")
    if clean is None:
        return None, []  # reported by validate_intake
    pin_problem = _pin_taken(ws, session, clean.pin, "pin", "person")
    if pin_problem:
        return None, [pin_problem]
    try:
        phone = normalise_phone(data.phone)
    except ValidationError:
        return None, []  # reported by validate_intake (the contact step), with the rest
    person = Person(
        surname=clean.surname,
        given_name=clean.given_name,
        patronymic=clean.patronymic,
        gender=Gender(clean.gender).value,
        birth_date=clean.birth_date,
        birth_year_estimate=(
            today.year - clean.approximate_age
            if clean.birth_date is None and clean.approximate_age is not None
            else None
        ),
        pin=clean.pin,
        phone=phone,
        region=clean.region,
        district=clean.district,
        settlement=clean.settlement,
        street=clean.street,
        languages=",".join(code.value for code in clean.languages),
        created_by=ws.actor.id,
    )
    person.vulnerabilities = [
        PersonVulnerability(code=code) for code in sorted({v.value for v in clean.vulnerabilities})
    ]
    return person, []


def _pin_taken(
    ws: Workspace, session: Session, pin: str | None, name: str, step: str
) -> IntakeProblem | None:
    if pin is None:
        return None
    holder = session.scalar(select(Person.id).where(Person.pin == pin))
    if holder is None:
        return None
    if session.scalar(select(Person.id).where(Person.id == holder, person_visible(ws.actor))):
        return IntakeProblem(
            N_("This PIN is already recorded (person {id}): pick that record instead."),
            name,
            step,
            id=holder,
        )
    return IntakeProblem(
        N_("This PIN belongs to a person in a restricted record; ask a coordinator."), name, step
    )


def _others(
    ws: Workspace, session: Session, data: IntakeInput, today: dt.date
) -> tuple[list[tuple[int, Person, PartyRole]], list[IntakeProblem]]:
    """Each other person as a record (existing, found by PIN, or new) with their role and
    their place on the form."""
    found: list[tuple[int, Person, PartyRole]] = []
    problems: list[IntakeProblem] = []
    for index, other in enumerate(data.others):
        prefix = f"others.{index}."
        if other.role not in {r.value for r in OTHER_ROLES}:
            continue  # reported by validate_intake
        role = PartyRole(other.role)
        if other.person_id is not None:
            person = session.scalar(
                select(Person).where(Person.id == other.person_id, person_visible(ws.actor))
            )
            if person is None:
                problems.append(
                    IntakeProblem(
                        N_("No person with this id is open to you."), prefix + "person_id", "others"
                    )
                )
            else:
                found.append((index, person, role))
            continue
        base = people.PersonInput(other.surname, other.given_name, other.patronymic)
        clean, _problems = _validate_person(
            replace(base, pin=other.pin) if other.pin else base, today, "others", prefix
        )
        if clean is None:
            continue  # reported by validate_intake
        if clean.pin is not None:
            existing = session.scalar(
                select(Person).where(Person.pin == clean.pin, person_visible(ws.actor))
            )
            if existing is not None:
                found.append((index, existing, role))
                continue
            taken = _pin_taken(ws, session, clean.pin, prefix + "pin", "others")
            if taken is not None:
                problems.append(taken)
                continue
        found.append(
            (
                index,
                Person(
                    surname=clean.surname,
                    given_name=clean.given_name,
                    patronymic=clean.patronymic,
                    gender=Gender(clean.gender).value,
                    birth_date=clean.birth_date,
                    pin=clean.pin,
                    languages="",
                    created_by=ws.actor.id,
                ),
                role,
            )
        )
    return found, problems


def _conflicts(
    ws: Workspace, session: Session, others: list[tuple[int, Person, PartyRole]]
) -> list[ConflictMatch]:
    """The opposing parties (as typed, or the records picked) against every client;
    `party_index` names the place on the form."""
    opposing = [(i, p) for i, p, role in others if role is PartyRole.OPPOSING_PARTY]
    matches = run_conflict_check(
        session,
        ws.actor,
        [OpposingParty(p.surname, p.given_name, p.patronymic, p.pin) for _i, p in opposing],
    )
    return [replace(m, party_index=opposing[m.party_index][0]) for m in matches]


def _conflict_decision(
    session: Session, data: IntakeInput, conflicts: list[ConflictMatch]
) -> tuple[Account | None, list[IntakeProblem]]:
    if not conflicts:
        return None, []
    if data.conflict_decision not in {d.value for d in ConflictDecision}:
        return None, [
            IntakeProblem(
                N_(
                    "A possible conflict of interest was found: acknowledge it, or send the "
                    "intake to a lawyer, before going on."
                ),
                "conflict_decision",
                "conflicts",
            )
        ]
    if data.conflict_decision == ConflictDecision.SENT_TO_LAWYER.value:
        lawyer = _active_lawyer(session, data.conflict_lawyer)
        if lawyer is None:
            return None, [
                IntakeProblem(
                    N_("Choose the lawyer who will check the conflict."),
                    "conflict_lawyer",
                    "conflicts",
                )
            ]
        return lawyer, []
    return None, []


def _summary(narrative: str) -> str:
    first = next((line.strip() for line in narrative.splitlines() if line.strip()), "")
    return first[:SUMMARY_MAX]


def _new_task(
    session: Session, ws: Workspace, case: Case, title: str, assignee: int, due: dt.date
) -> CaseTask:
    task = CaseTask(
        case_id=case.id,
        title=title[:TITLE_MAX],
        assignee_id=assignee,
        due_on=due,
        created_by=ws.actor.id,
    )
    session.add(task)
    session.flush()
    return task


def _register(
    ws: Workspace,
    session: Session,
    data: IntakeInput,
    today: dt.date,
    office: Office,
    person: Person,
    others: list[tuple[int, Person, PartyRole]],
    conflicts: list[ConflictMatch],
    conflict_lawyer: Account | None,
) -> IntakeResult:
    category, subcategory = _validate_category(data.category, data.subcategory)
    findings = urgent_actions(data, today)
    duty = _duty_lawyer(session, office.code) if findings else None
    seq, number = _next_number(session, office, today.year)
    case = Case(
        number=number,
        office_id=office.id,
        year=today.year,
        seq=seq,
        opened_on=today,
        category=category,
        subcategory=subcategory,
        summary=_summary(data.narrative),
        status=CaseStatus.INTAKE.value,
        assigned_lawyer_id=duty.id if duty else None,
        restricted=False,
        created_by=ws.actor.id,
    )
    session.add(person)
    case.parties.append(CaseParty(person=person, role=PartyRole.CLIENT.value))
    seen = {(id(person), PartyRole.CLIENT)}
    for _index, other, role in others:
        if (id(other), role) not in seen:
            seen.add((id(other), role))
            session.add(other)
            case.parties.append(CaseParty(person=other, role=role.value))
    session.add(case)
    session.flush()
    eligibility = eligibility_of(data)
    intake = Intake(
        case_id=case.id,
        person_id=person.id,
        office_id=office.id,
        taken_on=today,
        contact_phone=normalise_phone(data.phone),
        may_call=data.may_call,
        may_leave_messages=data.may_leave_messages,
        do_not_tell=data.do_not_tell or None,
        safe_contact_notes=data.safe_contact_notes or None,
        narrative=data.narrative,
        incident_date=data.incident_date,
        incident_period=" ".join(data.incident_period.split()) or None,
        incident_region=data.incident_region
        or (data.incident_district.split(".")[0] if data.incident_district else None),
        incident_district=data.incident_district or None,
        incident_settlement=" ".join(data.incident_settlement.split()) or None,
        responsible=data.responsible or None,
        institutions_approached=data.institutions_approached or None,
        documents_held=data.documents_held or None,
        wants=data.wants or None,
        urgent=bool(findings),
        urgent_rules=",".join(f.code for f in findings),
        urgency_answers=",".join(sorted(set(data.urgency_answers))),
        deadline_on=data.deadline_on,
        eligibility=eligibility.outcome.value,
        eligibility_categories=",".join(r for r in eligibility.reasons),
        eligibility_income=data.monthly_income_per_person,
        eligibility_documents=",".join(eligibility.documents),
        eligibility_rules_version=eligibility.rules_version,
        eligibility_rules_date=eligibility.rules_date,
        eligibility_to_verify=eligibility.to_verify,
        recommended_action=data.recommended_action,
        conflict_matches=len(conflicts),
        conflict_decision=data.conflict_decision if conflicts else None,
        conflict_decided_by=ws.actor.id if conflicts else None,
        conflict_lawyer_id=conflict_lawyer.id if conflict_lawyer else None,
        created_by=ws.actor.id,
    )
    session.add(intake)
    session.flush()
    _add_consents(ws, session, data, today, intake, person)
    tasks: list[int] = []
    if findings:
        what = "; ".join(f.rule.label() for f in findings)
        task = _new_task(
            session,
            ws,
            case,
            _("Urgent: {what}").format(what=what),
            duty.id if duty else ws.actor.id,
            today,
        )
        intake.urgent_task_id = task.id
        tasks.append(task.id)
    if conflict_lawyer is not None:
        task = _new_task(
            session,
            ws,
            case,
            _("Check a possible conflict of interest before work on this case starts"),
            conflict_lawyer.id,
            today,
        )
        tasks.append(task.id)
    message = _("Case {number} was opened.").format(number=number)
    return IntakeResult(
        case_id=case.id,
        case_number=number,
        person_id=person.id,
        intake_id=intake.id,
        urgent_rules=tuple(f.code for f in findings),
        task_ids=tuple(tasks),
        assigned_lawyer=duty.login if duty else None,
        eligibility=eligibility,
        message=message,
    )


def _add_consents(
    ws: Workspace,
    session: Session,
    data: IntakeInput,
    today: dt.date,
    intake: Intake,
    person: Person,
) -> None:
    method = ConsentMethod(data.consent_method or ConsentMethod.SIGNED_FORM.value)
    witness = " ".join(data.consent_witness.split()) or None
    given: list[tuple[ConsentKind, str]] = [(ConsentKind.RECORD_DATA, "")]
    if data.consent_share_with:
        kinds = [k.value for k in OrganisationKind if k.value in set(data.consent_share_with)]
        given.append((ConsentKind.SHARE, ",".join(kinds)))
    if data.consent_contact:
        given.append((ConsentKind.CONTACT, ""))
    for kind, organisations in given:
        session.add(
            Consent(
                intake_id=intake.id,
                person_id=person.id,
                kind=kind.value,
                organisation_kinds=organisations,
                method=method.value,
                witness_name=witness if method is ConsentMethod.ORAL_WITNESSED else None,
                given_on=data.consent_on or today,
                created_by=ws.actor.id,
            )
        )


def _anonymous(ws: Workspace, data: IntakeInput, today: dt.date) -> IntakeResult:
    category, _sub = _validate_category(data.category, data.subcategory)
    district = data.incident_district or data.district or None
    region = (
        data.incident_region
        or (data.incident_district.split(".")[0] if data.incident_district else None)
        or data.region
        or (data.district.split(".")[0] if data.district else None)
    )
    with ws.session() as session:
        office = _office(session, data.office_code or ws.actor.office_code)
        record = AnonymousRecord(
            recorded_on=today,
            office_id=office.id,
            category=category,
            region=region,
            district=district,
            gender=Gender(data.gender).value,
            age_group=age_group(data.birth_date, data.approximate_age, today).value,
            created_by=ws.actor.id,
        )
        session.add(record)
        session.commit()
        return IntakeResult(anonymous_record_id=record.id, message=_(ANONYMOUS_NOTICE))


def anonymous_notice() -> str:
    """What the form says before and after submitting without consent to record."""
    return _(ANONYMOUS_NOTICE)


# --- reading an intake back (the case view; a referral carries the eligibility) ----------------


@dataclass(frozen=True)
class ConsentInfo:
    kind: ConsentKind
    organisation_kinds: tuple[OrganisationKind, ...]
    method: ConsentMethod
    witness_name: str | None
    given_on: dt.date


@dataclass(frozen=True)
class IntakeInfo:
    id: int
    case_id: int
    person_id: int
    taken_on: dt.date
    contact_phone: str | None
    may_call: bool | None
    may_leave_messages: bool | None
    do_not_tell: str | None
    safe_contact_notes: str | None
    narrative: str
    incident_date: dt.date | None
    incident_period: str | None
    incident_region: str | None
    incident_district: str | None
    incident_settlement: str | None
    responsible: str | None
    institutions_approached: str | None
    documents_held: str | None
    wants: str | None
    urgent_rules: tuple[str, ...]
    urgent_open: bool
    urgent_action_text: str | None
    eligibility: EligibilityOutcome
    eligibility_reasons: tuple[str, ...]
    eligibility_documents: tuple[str, ...]
    eligibility_rules_version: str
    eligibility_rules_date: str
    eligibility_to_verify: bool
    recommended_action: RecommendedAction | None
    conflict_matches: int
    conflict_decision: ConflictDecision | None
    consents: tuple[ConsentInfo, ...]

    def document_labels(self, language: str | None = None) -> list[str]:
        """The documents the client must bring, in `language` (a referral letter's)."""
        return document_labels(self.eligibility_documents, language)


def _split(codes: str) -> tuple[str, ...]:
    return tuple(code for code in codes.split(",") if code)


def get_intake(ws: Workspace, case_key: int | str) -> IntakeInfo:
    """The intake that opened a case (audited as a view of the intake)."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.session() as session:
        case = _find(session, ws.actor, case_key)
        intake = session.scalar(select(Intake).where(Intake.case_id == case.id))
        if intake is None:
            raise NotFound(N_("This case was not opened from an intake."))
        consents = tuple(
            ConsentInfo(
                ConsentKind(c.kind),
                tuple(OrganisationKind(k) for k in _split(c.organisation_kinds)),
                ConsentMethod(c.method),
                c.witness_name,
                c.given_on,
            )
            for c in session.scalars(
                select(Consent).where(Consent.intake_id == intake.id).order_by(Consent.id)
            )
        )
        ws.vault.record(session, "view", "intake", intake.id)
        session.commit()
        return IntakeInfo(
            id=intake.id,
            case_id=intake.case_id,
            person_id=intake.person_id,
            taken_on=intake.taken_on,
            contact_phone=intake.contact_phone,
            may_call=intake.may_call,
            may_leave_messages=intake.may_leave_messages,
            do_not_tell=intake.do_not_tell,
            safe_contact_notes=intake.safe_contact_notes,
            narrative=intake.narrative,
            incident_date=intake.incident_date,
            incident_period=intake.incident_period,
            incident_region=intake.incident_region,
            incident_district=intake.incident_district,
            incident_settlement=intake.incident_settlement,
            responsible=intake.responsible,
            institutions_approached=intake.institutions_approached,
            documents_held=intake.documents_held,
            wants=intake.wants,
            urgent_rules=_split(intake.urgent_rules),
            urgent_open=intake.urgent and intake.urgent_action_at is None,
            urgent_action_text=intake.urgent_action_text,
            eligibility=EligibilityOutcome(intake.eligibility),
            eligibility_reasons=_split(intake.eligibility_categories),
            eligibility_documents=_split(intake.eligibility_documents),
            eligibility_rules_version=intake.eligibility_rules_version,
            eligibility_rules_date=intake.eligibility_rules_date,
            eligibility_to_verify=intake.eligibility_to_verify,
            recommended_action=(
                RecommendedAction(intake.recommended_action) if intake.recommended_action else None
            ),
            conflict_matches=intake.conflict_matches,
            conflict_decision=(
                ConflictDecision(intake.conflict_decision) if intake.conflict_decision else None
            ),
            consents=consents,
        )


# --- urgent cases on the dashboard -------------------------------------------------------------


@dataclass(frozen=True)
class UrgentCaseRow:
    intake_id: int
    case_id: int
    case_number: str
    rules: tuple[str, ...]  # urgency rule codes
    since: dt.date
    assigned_lawyer: str | None  # login

    def rule_labels(self, language: str | None = None) -> list[str]:
        labels = {rule.code: rule for rule in urgency_rules().rules}
        return [labels[c].label(language) if c in labels else c for c in self.rules]


def urgent_open_cases(ws: Workspace, limit: int = 100) -> list[UrgentCaseRow]:
    """Cases flagged urgent whose urgent action nobody has recorded yet, oldest first,
    only those the viewer may see."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        rows = session.execute(
            select(
                Intake.id,
                Case.id,
                Case.number,
                Intake.urgent_rules,
                Intake.taken_on,
                Account.login,
            )
            .join(Case, Case.id == Intake.case_id)
            .outerjoin(Account, Account.id == Case.assigned_lawyer_id)
            .where(
                Intake.urgent.is_(True), Intake.urgent_action_at.is_(None), case_visible(ws.actor)
            )
            .order_by(Intake.taken_on, Intake.id)
            .limit(limit)
        )
        return [UrgentCaseRow(r[0], r[1], r[2], _split(r[3]), r[4], r[5]) for r in rows]


def record_urgent_action(ws: Workspace, intake_id: int, text: str) -> UrgentCaseRow:
    """Record what was done about the urgent danger: the case leaves the dashboard's urgent
    list, the urgent task is done, and a note on the timeline keeps the text (audited)."""
    ws.require(Permission.EDIT_CASES)
    if not (text or "").strip():
        raise ValidationError(N_("Write down what was done."), field="text")
    if len(text) > TEXT_MAX:
        raise ValidationError(
            N_("Too long: at most {limit} characters (now {count})."),
            field="text",
            limit=TEXT_MAX,
            count=len(text),
        )
    with ws.session() as session:
        found = session.execute(
            select(Intake, Case)
            .join(Case, Case.id == Intake.case_id)
            .where(Intake.id == intake_id, case_visible(ws.actor))
        ).first()
        if found is None:
            raise NotFound(N_("No intake with this id is open to you."))
        intake, case = found
        _require_edit(ws, case)
        if not intake.urgent:
            raise Conflict(N_("This intake was not urgent."))
        if intake.urgent_action_at is not None:
            raise Conflict(N_("The urgent action for this case is already recorded."))
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        intake.urgent_action_at, intake.urgent_action_by = now, ws.actor.id
        intake.urgent_action_text = text
        session.add(
            CaseEntry(
                case_id=case.id,
                kind=ActivityKind.NOTE.value,
                occurred_at=now,
                staff_id=ws.actor.id,
                text=text,
                created_by=ws.actor.id,
            )
        )
        if intake.urgent_task_id is not None:
            task = session.get(CaseTask, intake.urgent_task_id)
            if task is not None and task.done_at is None:
                task.done_at, task.done_by = now, ws.actor.id
        session.commit()
        return UrgentCaseRow(
            intake.id, case.id, case.number, _split(intake.urgent_rules), intake.taken_on, None
        )


# --- advice-only visits --------------------------------------------------------------------------


@dataclass(frozen=True)
class AdviceInput:
    topic: str  # a taxonomy category
    advice: str
    duration_minutes: int | None = None
    given_on: dt.date | None = None
    subtopic: str | None = None
    person_id: int | None = None  # optional: the person, when they agreed to be recorded
    gender: str | None = None  # for statistics, without a person
    age_group: str | None = None
    district: str | None = None


def validate_advice(data: AdviceInput, today: dt.date | None = None) -> list[IntakeProblem]:
    today = today or dt.date.today()
    problems: list[IntakeProblem] = []
    try:
        _validate_category(data.topic, data.subtopic)
    except ValidationError as error:
        field_name = "topic" if error.field == "category" else "subtopic"
        problems.append(IntakeProblem(error.template, field_name, "advice", **error.params))
    if not (data.advice or "").strip():
        problems.append(IntakeProblem(N_("Write down the advice given."), "advice", "advice"))
    problems += _too_long(data.advice, TEXT_MAX, "advice", "advice")
    if data.duration_minutes is not None and not 0 <= data.duration_minutes <= MAX_DURATION_MINUTES:
        problems.append(
            IntakeProblem(
                N_("A duration lies between 0 minutes and 24 hours."), "duration_minutes", "advice"
            )
        )
    if data.given_on is not None and not dt.date(2000, 1, 1) <= data.given_on <= today:
        problems.append(
            IntakeProblem(
                N_("The date cannot lie in the future or before 2000."), "given_on", "advice"
            )
        )
    if not _code(data.gender, (g.value for g in Gender)):
        problems.append(IntakeProblem(N_("Choose the gender from the list."), "gender", "advice"))
    if not _code(data.age_group, (a.value for a in AgeGroup)):
        problems.append(
            IntakeProblem(N_("Choose the age group from the list."), "age_group", "advice")
        )
    if data.district and reference.district(data.district) is None:
        problems.append(IntakeProblem(N_("Unknown district."), "district", "advice"))
    return problems


def record_advice(ws: Workspace, data: AdviceInput) -> int:
    """Record an advice consultation without opening a case (audited); returns its id."""
    ws.require(Permission.CREATE_CASES)
    today = dt.date.today()
    problems = validate_advice(data, today)
    if problems:
        raise IntakeRefused(problems)
    topic, subtopic = _validate_category(data.topic, data.subtopic)
    with ws.session() as session:
        if data.person_id is not None and (
            session.scalar(
                select(Person.id).where(Person.id == data.person_id, person_visible(ws.actor))
            )
            is None
        ):
            raise IntakeRefused(
                [IntakeProblem(N_("No person with this id is open to you."), "person_id", "advice")]
            )
        office = _office(session, ws.actor.office_code)
        record = AdviceConsultation(
            given_on=data.given_on or today,
            office_id=office.id,
            staff_id=ws.actor.id,
            topic=topic,
            subtopic=subtopic,
            advice=data.advice,
            duration_minutes=data.duration_minutes,
            person_id=data.person_id,
            gender=data.gender,
            age_group=data.age_group,
            district=data.district or None,
            created_by=ws.actor.id,
        )
        session.add(record)
        session.commit()
        return record.id


@dataclass(frozen=True)
class VisitCounts:
    """Visits that opened no case, for statistics: by category."""

    advice: dict[str, int]
    anonymous: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.advice.values()) + sum(self.anonymous.values())


def visit_counts(ws: Workspace, start: dt.date, end: dt.date) -> VisitCounts:
    """Advice-only consultations and anonymous records between two dates (inclusive)."""
    ws.require(Permission.VIEW_STATUS)
    with ws.reader() as session:
        advice = dict(
            (row[0], int(row[1]))
            for row in session.execute(
                select(AdviceConsultation.topic, func.count())
                .where(AdviceConsultation.given_on.between(start, end))
                .group_by(AdviceConsultation.topic)
            )
        )
        anonymous = dict(
            (row[0], int(row[1]))
            for row in session.execute(
                select(AnonymousRecord.category, func.count())
                .where(AnonymousRecord.recorded_on.between(start, end))
                .group_by(AnonymousRecord.category)
            )
        )
    return VisitCounts(advice, anonymous)

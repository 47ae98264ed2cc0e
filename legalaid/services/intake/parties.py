"""Who an intake names, as records, and the conflict-of-interest check on them.

The client (picked, or new) and the other people involved (picked, found by PIN, or new), with
the problems only the vault can tell (a PIN held by someone else, a hidden record), then the
possible conflicts with the opposing parties and the decision taken on them. Runs inside
`submit_intake`'s transaction and returns problems rather than raising, so that submission can
report them all at once. An existing person is linked as they are (changed on the person form).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account
from legalaid.domain.enums import ConflictDecision, Gender, PartyRole
from legalaid.domain.people import Person, PersonVulnerability
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services import people
from legalaid.services.conflicts import ConflictMatch, OpposingParty, run_conflict_check
from legalaid.services.intake.duty import active_lawyer
from legalaid.services.intake.input import OTHER_ROLES, IntakeInput, IntakeProblem
from legalaid.services.intake.validation import person_input, validate_person
from legalaid.services.phones import normalise_phone
from legalaid.services.visibility import person_visible
from legalaid.services.workspace import Workspace


def resolve_client(
    ws: Workspace, session: Session, data: IntakeInput, today: dt.date
) -> tuple[Person | None, list[IntakeProblem]]:
    """The client: the person picked on the form, or a new record (not yet in the session).
    Problems only for what the vault tells (a person not open to the actor, a PIN already
    recorded); the rest validate_intake reports."""
    if data.person_id is not None:
        person = session.scalar(
            select(Person).where(Person.id == data.person_id, person_visible(ws.actor))
        )
        if person is None:
            return None, [
                IntakeProblem(N_("No person with this id is open to you."), "person_id", "person")
            ]
        return person, []
    clean, _problems = validate_person(person_input(data), today, "person")
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


def resolve_others(
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
        clean, _problems = validate_person(
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


def find_conflicts(
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


def check_conflict_decision(
    session: Session, data: IntakeInput, conflicts: list[ConflictMatch]
) -> tuple[Account | None, list[IntakeProblem]]:
    """With conflicts found, a decision must be taken; the lawyer it was sent to, if any."""
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
        lawyer = active_lawyer(session, data.conflict_lawyer)
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

"""Submitting an intake: everything written in ONE transaction, or nothing.

`submit_intake` checks again (validation.py, then what the vault tells: parties.py) and
registers the person, the case (status intake), the parties, the Intake, the consents and
the tasks (the urgent action; a conflict sent to a lawyer). Without consent to record data only
an anonymous record is written. The rules are in the package docstring (services/intake).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account, Office
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.enums import (
    CaseStatus,
    ConsentKind,
    ConsentMethod,
    Gender,
    OrganisationKind,
    PartyRole,
)
from legalaid.domain.intake import AnonymousRecord, Consent, Intake
from legalaid.domain.intake_rules import EligibilityResult
from legalaid.domain.people import Person
from legalaid.domain.timeline import TITLE_MAX, CaseTask
from legalaid.errors import NotFound
from legalaid.i18n import N_, _
from legalaid.services.cases import next_case_number, validate_category
from legalaid.services.conflicts import ConflictMatch
from legalaid.services.intake.assessment import eligibility_of, urgent_actions
from legalaid.services.intake.duty import duty_lawyer_account
from legalaid.services.intake.input import (
    STEPS,
    IntakeInput,
    IntakeProblem,
    IntakeRefused,
    age_group,
)
from legalaid.services.intake.parties import (
    check_conflict_decision,
    find_conflicts,
    resolve_client,
    resolve_others,
)
from legalaid.services.intake.validation import name_warnings, validate_intake
from legalaid.services.permissions import Permission
from legalaid.services.phones import normalise_phone
from legalaid.services.workspace import Workspace

SUMMARY_MAX = 300
ANONYMOUS_NOTICE = N_(
    "The person did not consent to their data being recorded. Only an anonymous record "
    "for statistics was kept: category, district, gender and age group. Nothing else that "
    "was typed has been saved."
)


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


def office_by_code(session: Session, code: str) -> Office:
    """The office with this code (any case, spaces around ignored); NotFound if none."""
    office = session.scalar(select(Office).where(Office.code == code.strip().upper()))
    if office is None:
        raise NotFound(N_("There is no office with the code {code}."), code=code)
    return office


def submit_intake(ws: Workspace, data: IntakeInput, today: dt.date | None = None) -> IntakeResult:
    """Validate, then register the intake in one transaction (see the package docstring).
    Raises IntakeRefused with every problem; nothing is written then."""
    ws.require(Permission.CREATE_CASES)
    today = today or dt.date.today()
    problems = validate_intake(data, today)
    if not data.consent_record:
        if problems:
            raise IntakeRefused(problems)
        return _anonymous(ws, data, today)
    with ws.session() as session:
        office = office_by_code(session, data.office_code or ws.actor.office_code)
        person, person_problems = resolve_client(ws, session, data, today)
        problems += person_problems
        others, other_problems = resolve_others(ws, session, data, today)
        problems += other_problems
        conflicts = find_conflicts(ws, session, others)
        conflict_lawyer, conflict_problems = check_conflict_decision(session, data, conflicts)
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
    category, subcategory = validate_category(data.category, data.subcategory)
    findings = urgent_actions(data, today)
    duty = duty_lawyer_account(session, office.code) if findings else None
    seq, number = next_case_number(session, office, today.year)
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
    category, _sub = validate_category(data.category, data.subcategory)
    district = data.incident_district or data.district or None
    region = (
        data.incident_region
        or (data.incident_district.split(".")[0] if data.incident_district else None)
        or data.region
        or (data.district.split(".")[0] if data.district else None)
    )
    with ws.session() as session:
        office = office_by_code(session, data.office_code or ws.actor.office_code)
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

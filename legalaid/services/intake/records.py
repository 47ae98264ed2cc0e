"""Reading an intake back: the case view, the printed intake record, a referral.

The intake that opened a case, with its consents, as plain data; opening it is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from legalaid.domain.enums import (
    ConflictDecision,
    ConsentKind,
    ConsentMethod,
    EligibilityOutcome,
    OrganisationKind,
    RecommendedAction,
)
from legalaid.domain.intake import Consent, Intake
from legalaid.domain.intake_rules import document_labels
from legalaid.errors import NotFound
from legalaid.i18n import N_
from legalaid.services.cases import find_case
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace


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


def split_codes(codes: str) -> tuple[str, ...]:
    """The codes of a comma-separated column ("" gives none)."""
    return tuple(code for code in codes.split(",") if code)


def get_intake(ws: Workspace, case_key: int | str) -> IntakeInfo:
    """The intake that opened a case (audited as a view of the intake)."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.session() as session:
        case = find_case(session, ws.actor, case_key)
        intake = session.scalar(select(Intake).where(Intake.case_id == case.id))
        if intake is None:
            raise NotFound(N_("This case was not opened from an intake."))
        consents = tuple(
            ConsentInfo(
                ConsentKind(c.kind),
                tuple(OrganisationKind(k) for k in split_codes(c.organisation_kinds)),
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
            urgent_rules=split_codes(intake.urgent_rules),
            urgent_open=intake.urgent and intake.urgent_action_at is None,
            urgent_action_text=intake.urgent_action_text,
            eligibility=EligibilityOutcome(intake.eligibility),
            eligibility_reasons=split_codes(intake.eligibility_categories),
            eligibility_documents=split_codes(intake.eligibility_documents),
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

"""Writing an import: the dry run is made again (a plan shown earlier may be stale), then
every row to create or update is written in one transaction — a person (unless one
matched), a case with the person as its client, or the changed fields of a case imported
before (what they replaced kept for an undo) — and the batch is kept with the file's
SHA-256 and the ids it touched, audited as one import event. A failure on any row, or a
cancel, rolls the whole file back: nothing is half-imported. Rows already there, conflicts
and rejected rows are counted, not written.

A new case also gets the referral and the court hearing its row names: a referral sent on
its day (by letter: registers do not say how; what was asked is left blank, as the register
does not say it either), answer due as the organisation's days say, the case's lawyer (or
the importing coordinator) responsible; and a pending first-instance proceeding in that court
with our lawyer representing the client (CLIENT_ROLES) and its main hearing, nothing
recorded of it, whether it is past or to come. A case updated by a re-import gets neither:
its referrals and hearings are kept in the app.

Every change the import makes is audited as the import's (ORIGIN_KEY), so that a later
re-import tells them from edits made in the app; undo.py takes an import back.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from legalaid.domain.cases import Case
from legalaid.domain.courts import Court, Hearing, Proceeding
from legalaid.domain.enums import (
    CaseOutcome,
    CaseStatus,
    PartyRole,
    ProceduralRole,
    ProceedingKind,
    ReferralMethod,
    ReferralStatus,
)
from legalaid.domain.imports import ImportBatch, ImportedRecord
from legalaid.domain.referrals import Organisation, Referral
from legalaid.services import cases, people, proceedings, referrals
from legalaid.services.cases import CaseInput, PartyInput
from legalaid.services.imports.plan import (
    UPDATABLE,
    Change,
    ImportCancelled,
    ImportPlan,
    Outcome,
    plan_import,
)
from legalaid.services.imports.rows import CaseValues, HearingValues, ReferralValues, person_input
from legalaid.services.imports.sources import Table
from legalaid.services.proceedings import HearingInput, ProceedingInput
from legalaid.services.referrals import ReferralInput
from legalaid.services.workspace import Workspace
from legalaid.storage.audit import ORIGIN_KEY

Progress = Callable[[int, int], None]  # (rows written, rows to write)

# The client's role in an imported proceeding: a register gives only the kind of case. Our
# lawyers defend the accused in criminal and offence cases, except where the case is the
# client's own complaint of violence or torture (then the client is the victim); in the
# others the client is taken for the one who went to court. The lawyer corrects it in the
# proceeding if not.
CLIENT_ROLES = {
    ProceedingKind.CRIMINAL.value: ProceduralRole.ACCUSED,
    ProceedingKind.OFFENCE.value: ProceduralRole.ACCUSED,
}
OTHER_CLIENT_ROLE = ProceduralRole.APPLICANT
VICTIM_CASES = ("GBV", "CRJ.TORTURE")  # categories or subcategories: the client complains


def client_role(kind: str, category: str, subcategory: str | None) -> ProceduralRole:
    role = CLIENT_ROLES.get(kind, OTHER_CLIENT_ROLE)
    if role is ProceduralRole.ACCUSED and (category in VICTIM_CASES or subcategory in VICTIM_CASES):
        return ProceduralRole.VICTIM
    return role


LINKED_ENTITIES = ("referral", "proceeding", "hearing")  # what a new case's row may add


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    plan: ImportPlan
    cases_created: int
    people_created: int
    cases_updated: int = 0
    referrals_created: int = 0
    hearings_created: int = 0  # with their proceedings (one each; a court without a date:
    proceedings_created: int = 0  # a proceeding alone)


def _closing(case: Case, values: CaseValues) -> None:
    """The register's status: closed on its day (a closed status always has one: see
    rows.py), or another status, which reopens a closed case."""
    if values.closed_on is not None:
        case.status = CaseStatus.CLOSED.value
        case.closed_on = values.closed_on
        case.outcome = case.outcome or CaseOutcome.OTHER.value  # the register did not say
    elif values.status:
        case.status = values.status
        case.closed_on = case.outcome = None


def _create(session: Any, ws: Workspace, values: CaseValues, person_id: int) -> Case:
    case = cases.new_case(
        session,
        ws,
        CaseInput(
            values.category,
            values.subcategory,
            values.summary,
            values.opened_on,
            office_code=values.office_code,
            assigned_lawyer=values.lawyer_login,
            parties=(PartyInput(person_id, PartyRole.CLIENT),),
        ),
    )
    case.external_ref = values.external_ref
    _closing(case, values)
    return case


def _refer(
    session: Any, ws: Workspace, case: Case, values: ReferralValues, lawyer: str | None
) -> Referral:
    """The referral a row names, recorded as sent on its day; the case's lawyer (else the
    importing coordinator) responsible for it."""
    on = values.referred_on
    referral = referrals.new_referral(
        session,
        ws,
        case,
        ReferralInput(
            values.organisation_id,
            method=ReferralMethod.LETTER.value,
            referred_on=on,
            responsible_login=lawyer or ws.actor.login,
        ),
        dt.date.today(),
        need_request=False,
    )
    organisation = session.get(Organisation, values.organisation_id)  # loaded: no flush
    referral.status, referral.status_on = ReferralStatus.SENT.value, on
    referrals.record_sent(referral, organisation, on)
    if referral.due_on is not None and referral.due_on < dt.date.today():
        # an old referral whose answer the register did not record: not "overdue" on every
        # dashboard; the lawyer records the answer, or a due day, when they know it
        referral.due_on = None
    session.flush()  # one audited insert, with its id
    return referral


def _to_court(
    session: Any, ws: Workspace, case: Case, values: HearingValues, lawyer: str | None
) -> tuple[Proceeding, Hearing | None]:
    """The proceeding a row names, in the first instance with the case's lawyer (the plan
    made sure it has one), and its hearing if the row dates one."""
    court_id = session.scalar(select(Court.id).where(Court.code == values.court_code))
    proceeding = proceedings.new_proceeding(
        session,
        ws,
        case,
        ProceedingInput(
            court_id,
            values.proceeding_kind,
            client_role(values.proceeding_kind, case.category, case.subcategory).value,
            lawyer_login=lawyer,
        ),
    )
    if values.starts_at is None:
        return proceeding, None
    return proceeding, proceedings.new_hearing(
        session, ws, proceeding, HearingInput(values.starts_at)
    )


def _stored(case: Case, attribute: str) -> Any:
    value = getattr(case, attribute)
    return value.isoformat() if isinstance(value, dt.date) else value


def _update(session: Any, case_id: int, changes: tuple[Change, ...], values: CaseValues) -> str:
    """Write a re-import's changes; the values they replace, as JSON, for an undo."""
    case = session.get(Case, case_id)
    touched = {UPDATABLE[change.field] for change in changes} | {"outcome"}
    if any(change.field in ("status", "closed_on") for change in changes):
        touched |= {"status", "closed_on"}
    before = {attribute: _stored(case, attribute) for attribute in sorted(touched)}
    for change in changes:
        if change.field == "lawyer":
            case.assigned_lawyer_id = cases.lawyer_id(session, change.new)
        elif change.field == "category":
            case.category = change.new
        elif change.field == "subcategory":
            case.subcategory = change.new
        elif change.field == "summary":
            case.summary = change.new or ""
    if any(change.field in ("status", "closed_on") for change in changes):
        _closing(case, values)
    return json.dumps(before, sort_keys=True)


def _write_case(
    session: Any,
    ws: Workspace,
    values: CaseValues,
    person_id: int,
    linked: dict[str, list[int]],
) -> int:
    """A new case for the person, with the referral and hearing its row names (their ids
    added to `linked`); the case's id."""
    case = _create(session, ws, values, person_id)
    if values.referral is not None:
        linked["referral"].append(
            _refer(session, ws, case, values.referral, values.lawyer_login).id
        )
    if values.hearing is not None:
        proceeding, hearing = _to_court(session, ws, case, values.hearing, values.lawyer_login)
        linked["proceeding"].append(proceeding.id)
        if hearing is not None:
            linked["hearing"].append(hearing.id)
    return case.id


def apply_import(
    ws: Workspace,
    table: Table,
    columns: Mapping[int, str],
    values: Mapping[str, Mapping[str, str | None]],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Write the rows to create or update, all or none; the batch's id for an undo.
    `progress` hears how far it is; `cancelled` is asked between rows (a True rolls back)."""
    plan = plan_import(ws, table, columns, values, cancelled)
    counts = plan.counts
    to_write = counts[Outcome.CREATE] + counts[Outcome.UPDATE]
    made_people: dict[tuple[str, ...], int] = {}
    created_people, created_cases, updated_cases = [], [], []
    linked: dict[str, list[int]] = {entity: [] for entity in LINKED_ENTITIES}
    with ws.session() as session:
        session.info[ORIGIN_KEY] = "import"  # its changes are no edits made in the app
        batch = ImportBatch(
            sha256=table.sha256,
            rows_skipped=counts[Outcome.DUPLICATE] + counts[Outcome.CONFLICT],
            rows_rejected=counts[Outcome.REJECT],
            created_by=ws.actor.id,
        )
        session.add(batch)
        session.flush()
        written = 0
        for row in plan.rows:
            if row.outcome not in (Outcome.CREATE, Outcome.UPDATE):
                continue
            if cancelled is not None and cancelled():
                session.rollback()
                raise ImportCancelled()
            if row.outcome is Outcome.UPDATE and row.case_id is not None and row.case:
                before = _update(session, row.case_id, row.changes, row.case)
                updated_cases.append((row.case_id, before))
            elif row.person is not None:
                person_id = row.person_id or made_people.get(row.person.key)
                if person_id is None:
                    person = people.new_person(session, ws, person_input(row.person))
                    person_id = made_people[row.person.key] = person.id
                    created_people.append(person.id)
                if row.case is not None:  # None: a list of people, no cases
                    created_cases.append(_write_case(session, ws, row.case, person_id, linked))
            written += 1
            if progress is not None and (written % 50 == 0 or written == to_write):
                progress(written, to_write)
        batch.cases_created, batch.people_created = len(created_cases), len(created_people)
        session.add_all(
            [
                ImportedRecord(batch_id=batch.id, entity="person", entity_id=i)
                for i in created_people
            ]
            + [ImportedRecord(batch_id=batch.id, entity="case", entity_id=i) for i in created_cases]
            + [
                ImportedRecord(batch_id=batch.id, entity="case", entity_id=i, before=before)
                for i, before in updated_cases
            ]
            + [
                ImportedRecord(batch_id=batch.id, entity=entity, entity_id=i)
                for entity, ids in linked.items()
                for i in ids
            ]
        )
        session.flush()  # every change audited before the import's own event
        ws.vault.record(
            session,
            "import",
            "import_batch",
            batch.id,
            {
                "sha256": table.sha256,
                "cases": len(created_cases),
                "people": len(created_people),
                "updated": len(updated_cases),
                "referrals": len(linked["referral"]),
                "proceedings": len(linked["proceeding"]),
                "hearings": len(linked["hearing"]),
                "skipped": batch.rows_skipped,
                "rejected": batch.rows_rejected,
            },
        )
        session.commit()
        return ImportResult(
            batch.id,
            plan,
            len(created_cases),
            len(created_people),
            len(updated_cases),
            referrals_created=len(linked["referral"]),
            hearings_created=len(linked["hearing"]),
            proceedings_created=len(linked["proceeding"]),
        )

"""Writing an import: the dry run is made again (a plan shown earlier may be stale), then
every row to create or update is written in one transaction — a person (unless one
matched), a case with the person as its client, or the changed fields of a case imported
before (what they replaced kept for an undo) — and the batch is kept with the file's
SHA-256 and the ids it touched, audited as one import event. A failure on any row, or a
cancel, rolls the whole file back: nothing is half-imported. Rows already there, conflicts
and rejected rows are counted, not written.

`undo_import` takes a batch back while nothing it touched has been changed since: no record
of it edited, no referral, hearing, note or attachment added to its new cases, no other
case given to its new people. Updated cases get their earlier values back.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select

from legalaid.domain.audit import AuditEvent
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.enums import CaseOutcome, CaseStatus, Gender, PartyRole
from legalaid.domain.imports import ImportBatch, ImportedRecord
from legalaid.domain.people import Person
from legalaid.errors import Conflict, LegalAidError, NotFound
from legalaid.i18n import N_
from legalaid.services import cases, people
from legalaid.services.cases import CaseInput, PartyInput
from legalaid.services.imports.plan import (
    UPDATABLE,
    CaseValues,
    Change,
    ImportPlan,
    Outcome,
    PersonValues,
    plan_import,
)
from legalaid.services.imports.sources import Table
from legalaid.services.people import PersonInput
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

Progress = Callable[[int, int], None]  # (rows written, rows to write)


class ImportCancelled(LegalAidError):
    """The person cancelled: the transaction was rolled back, nothing was written."""

    def __init__(self) -> None:
        super().__init__(N_("The import was cancelled: nothing was written."))


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    plan: ImportPlan
    cases_created: int
    people_created: int
    cases_updated: int = 0


def _person_input(values: PersonValues) -> PersonInput:
    return PersonInput(
        values.surname,
        values.given_name,
        values.patronymic,
        Gender(values.gender) if values.gender else Gender.UNKNOWN,
        values.birth_date,
        pin=values.pin,
        phone=values.phone,
        region=values.region,
        district=values.district,
        settlement=values.settlement,
        street=values.street,
    )


def _closing(case: Case, values: CaseValues) -> None:
    if values.status:
        case.status = values.status
    if values.status == CaseStatus.CLOSED.value or values.closed_on:
        case.status = CaseStatus.CLOSED.value
        case.closed_on = values.closed_on or case.closed_on or case.opened_on
        case.outcome = case.outcome or CaseOutcome.OTHER.value  # the register did not say


def _create(session: Any, ws: Workspace, values: CaseValues, person_id: int) -> Case:
    case = cases.new_case(
        session,
        ws,
        CaseInput(
            values.category,
            values.subcategory,
            values.summary,
            values.opened_on,
            assigned_lawyer=values.lawyer_login,
            parties=(PartyInput(person_id, PartyRole.CLIENT),),
        ),
    )
    case.external_ref = values.external_ref
    _closing(case, values)
    return case


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
    plan = plan_import(ws, table, columns, values)
    counts = plan.counts
    to_write = counts[Outcome.CREATE] + counts[Outcome.UPDATE]
    made_people: dict[tuple[str, ...], int] = {}
    created_people, created_cases, updated_cases = [], [], []
    with ws.session() as session:
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
            if row.outcome not in (Outcome.CREATE, Outcome.UPDATE) or row.case is None:
                continue
            if cancelled is not None and cancelled():
                session.rollback()
                raise ImportCancelled()
            if row.outcome is Outcome.UPDATE and row.case_id is not None:
                before = _update(session, row.case_id, row.changes, row.case)
                updated_cases.append((row.case_id, before))
            elif row.person is not None:
                person_id = row.person_id or made_people.get(row.person.key)
                if person_id is None:
                    person = people.new_person(session, ws, _person_input(row.person))
                    person_id = made_people[row.person.key] = person.id
                    created_people.append(person.id)
                created_cases.append(_create(session, ws, row.case, person_id).id)
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
                "skipped": batch.rows_skipped,
                "rejected": batch.rows_rejected,
            },
        )
        session.commit()
        return ImportResult(
            batch.id, plan, len(created_cases), len(created_people), len(updated_cases)
        )


def undo_import(ws: Workspace, batch_id: int) -> None:
    """Remove what a batch made, if none of it has been touched since."""
    ws.require(Permission.MANAGE_ACCOUNTS)
    with ws.session() as session:
        batch = session.get(ImportBatch, batch_id)
        if batch is None or batch.undone_at is not None:
            raise NotFound(N_("There is no such import to undo."))
        made = session.execute(
            select(ImportedRecord.entity, ImportedRecord.entity_id, ImportedRecord.before).where(
                ImportedRecord.batch_id == batch_id
            )
        ).all()
        case_ids = [i for entity, i, before in made if entity == "case" and before is None]
        person_ids = [i for entity, i, _ in made if entity == "person"]
        updated = {i: json.loads(before) for entity, i, before in made if before is not None}
        since = session.scalar(  # the import's own event: recorded after all it wrote
            select(func.max(AuditEvent.seq)).where(
                AuditEvent.entity == "import_batch",
                AuditEvent.entity_id == str(batch_id),
                AuditEvent.action == "import",
            )
        )
        touched = session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(
                AuditEvent.seq > (since or 0),
                AuditEvent.action != "view",
                or_(
                    (AuditEvent.entity == "case")
                    & AuditEvent.entity_id.in_([str(i) for i in [*case_ids, *updated]]),
                    (AuditEvent.entity == "person")
                    & AuditEvent.entity_id.in_(map(str, person_ids)),
                ),
            )
        )
        others = session.scalar(
            select(func.count())
            .select_from(CaseParty)
            .where(
                or_(
                    CaseParty.case_id.in_(case_ids) & CaseParty.person_id.not_in(person_ids),
                    CaseParty.person_id.in_(person_ids) & CaseParty.case_id.not_in(case_ids),
                )
            )
        )
        if touched or others or _has_more(session, case_ids):
            raise Conflict(
                N_("Records of this import have been changed since: it cannot be undone.")
            )
        for case in session.scalars(select(Case).where(Case.id.in_(list(updated)))):
            _restore(case, updated[case.id])
        for case in session.scalars(select(Case).where(Case.id.in_(case_ids))):
            session.delete(case)
        session.flush()
        for person in session.scalars(select(Person).where(Person.id.in_(person_ids))):
            session.delete(person)
        batch.undone_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        ws.vault.record(
            session,
            "undo_import",
            "import_batch",
            batch_id,
            {"cases": len(case_ids), "updated": len(updated)},
        )
        session.commit()


def _restore(case: Case, before: Mapping[str, Any]) -> None:
    """Put back what an update replaced (days were kept as ISO text)."""
    for attribute, value in before.items():
        if attribute == "closed_on" and value is not None:
            value = dt.date.fromisoformat(value)
        setattr(case, attribute, value)


def _has_more(session: object, case_ids: list[int]) -> bool:
    """Anything added to the imported cases since: referrals, proceedings, notes, files."""
    from legalaid.domain.attachments import Attachment  # noqa: PLC0415
    from legalaid.domain.courts import Proceeding  # noqa: PLC0415
    from legalaid.domain.referrals import Referral  # noqa: PLC0415
    from legalaid.domain.timeline import CaseEntry, CaseTask  # noqa: PLC0415

    for model in (Referral, Proceeding, CaseEntry, CaseTask, Attachment):
        found = session.scalar(  # type: ignore[attr-defined]
            select(func.count()).select_from(model).where(model.case_id.in_(case_ids))
        )
        if found:
            return True
    return False

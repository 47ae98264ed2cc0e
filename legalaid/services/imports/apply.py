"""Writing an import: the dry run is made again (a plan shown earlier may be stale), then
every row to create is written in one transaction — a person (unless one matched), a case
with the person as its client — and the batch is kept with the file's SHA-256 and the ids
it made, audited as one import event. A failure on any row rolls the whole file back:
nothing is half-imported. Rows already there and rejected rows are counted, not written.

`undo_import` takes a batch back while nothing it made has been touched since: no record of
it changed, no referral, hearing, note or attachment added to its cases, no other case
given to its people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from legalaid.domain.audit import AuditEvent
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.enums import CaseOutcome, CaseStatus, Gender, PartyRole
from legalaid.domain.imports import ImportBatch, ImportedRecord
from legalaid.domain.people import Person
from legalaid.errors import Conflict, NotFound
from legalaid.i18n import N_
from legalaid.services import cases, people
from legalaid.services.cases import CaseInput, PartyInput
from legalaid.services.imports.plan import ImportPlan, Outcome, PersonValues, plan_import
from legalaid.services.imports.sources import Table
from legalaid.services.people import PersonInput
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    plan: ImportPlan
    cases_created: int
    people_created: int


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


def apply_import(
    ws: Workspace,
    table: Table,
    columns: Mapping[int, str],
    values: Mapping[str, Mapping[str, str | None]],
) -> ImportResult:
    """Write the rows to create, all or none; the batch's id for an undo."""
    plan = plan_import(ws, table, columns, values)
    counts = plan.counts
    made_people: dict[tuple[str, ...], int] = {}
    created_people, created_cases = [], []
    with ws.session() as session:
        batch = ImportBatch(
            sha256=table.sha256,
            rows_skipped=counts[Outcome.DUPLICATE],
            rows_rejected=counts[Outcome.REJECT],
            created_by=ws.actor.id,
        )
        session.add(batch)
        session.flush()
        for row in plan.rows:
            if row.outcome is not Outcome.CREATE or row.person is None or row.case is None:
                continue
            person_id = row.person_id or made_people.get(row.person.key)
            if person_id is None:
                person = people.new_person(session, ws, _person_input(row.person))
                person_id = made_people[row.person.key] = person.id
                created_people.append(person.id)
            case = cases.new_case(
                session,
                ws,
                CaseInput(
                    row.case.category,
                    row.case.subcategory,
                    row.case.summary,
                    row.case.opened_on,
                    assigned_lawyer=row.case.lawyer_login,
                    parties=(PartyInput(person_id, PartyRole.CLIENT),),
                ),
            )
            if row.case.status:
                case.status = row.case.status
            if row.case.status == CaseStatus.CLOSED.value or row.case.closed_on:
                case.status = CaseStatus.CLOSED.value
                case.closed_on = row.case.closed_on or row.case.opened_on
                case.outcome = CaseOutcome.OTHER.value  # the register did not say
            created_cases.append(case.id)
        batch.cases_created, batch.people_created = len(created_cases), len(created_people)
        session.add_all(
            [
                ImportedRecord(batch_id=batch.id, entity="person", entity_id=i)
                for i in created_people
            ]
            + [ImportedRecord(batch_id=batch.id, entity="case", entity_id=i) for i in created_cases]
        )
        ws.vault.record(
            session,
            "import",
            "import_batch",
            batch.id,
            {
                "sha256": table.sha256,
                "cases": len(created_cases),
                "people": len(created_people),
                "skipped": batch.rows_skipped,
                "rejected": batch.rows_rejected,
            },
        )
        session.commit()
        return ImportResult(batch.id, plan, len(created_cases), len(created_people))


def undo_import(ws: Workspace, batch_id: int) -> None:
    """Remove what a batch made, if none of it has been touched since."""
    ws.require(Permission.MANAGE_ACCOUNTS)
    with ws.session() as session:
        batch = session.get(ImportBatch, batch_id)
        if batch is None or batch.undone_at is not None:
            raise NotFound(N_("There is no such import to undo."))
        made = session.execute(
            select(ImportedRecord.entity, ImportedRecord.entity_id).where(
                ImportedRecord.batch_id == batch_id
            )
        ).all()
        case_ids = [i for entity, i in made if entity == "case"]
        person_ids = [i for entity, i in made if entity == "person"]
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
                    (AuditEvent.entity == "case") & AuditEvent.entity_id.in_(map(str, case_ids)),
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
        for case in session.scalars(select(Case).where(Case.id.in_(case_ids))):
            session.delete(case)
        session.flush()
        for person in session.scalars(select(Person).where(Person.id.in_(person_ids))):
            session.delete(person)
        batch.undone_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        ws.vault.record(session, "undo_import", "import_batch", batch_id, {"cases": len(case_ids)})
        session.commit()


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

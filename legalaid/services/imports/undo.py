"""Taking an import back: the cases, people, referrals, proceedings and hearings a batch
created are deleted, and the cases it updated get the values it replaced — while nothing it
touched has been changed in the app since, nothing was added to or linked with what it
created, and no later import that is still in place updated its cases. Otherwise the undo
is refused whole, with one sentence, and nothing changes.

"Added or linked since" is asked of the schema itself: every row of any table whose foreign
key points at a record to delete (a note, a file, a deadline, a consultation, an
observation, a vulnerability...) blocks the undo, except what the batch itself made and the
client party it gave each new case. The ids are read through the batch's own records (no
list of ids is bound into the SQL, so a batch of any size can be undone).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from legalaid.domain.audit import AuditEvent
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.courts import Hearing, Proceeding
from legalaid.domain.imports import ImportBatch, ImportedRecord
from legalaid.domain.people import Person
from legalaid.domain.referrals import Referral
from legalaid.domain.schema import mapped_tables
from legalaid.errors import Conflict, NotFound
from legalaid.i18n import N_
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace
from legalaid.storage.audit import ORIGIN_KEY

# entity (as ImportedRecord and the audit trail name it) -> its model; children first
CREATED = {
    "hearing": Hearing,
    "proceeding": Proceeding,
    "referral": Referral,
    "case": Case,
    "person": Person,
}


def _made(batch_id: int, entity: str, updated: bool = False) -> Any:
    """The ids of what the batch created (or updated) of one kind, as a subquery."""
    before = ImportedRecord.before.is_not(None) if updated else ImportedRecord.before.is_(None)
    return select(ImportedRecord.entity_id).where(
        ImportedRecord.batch_id == batch_id, ImportedRecord.entity == entity, before
    )


def _changed_in_app(session: Session, batch_id: int, since: int) -> bool:
    """An audited change (not a look) of anything the batch touched, made after it by
    anything but an import."""
    touched = [
        (AuditEvent.entity == entity)
        & AuditEvent.entity_id.in_(
            select(cast(ImportedRecord.entity_id, String)).where(
                ImportedRecord.batch_id == batch_id, ImportedRecord.entity == entity
            )
        )
        for entity in CREATED
    ]
    events = session.scalars(
        select(AuditEvent.detail).where(
            AuditEvent.seq > since, AuditEvent.action != "view", or_(*touched)
        )
    )
    return any(json.loads(detail or "{}").get("origin") != "import" for detail in events)


def _updated_later(session: Session, batch_id: int) -> bool:
    """A later import, still in place, touched one of this batch's cases."""
    mine = select(ImportedRecord.entity_id).where(
        ImportedRecord.batch_id == batch_id, ImportedRecord.entity == "case"
    )
    return bool(
        session.scalar(
            select(func.count())
            .select_from(ImportedRecord)
            .join(ImportBatch, ImportBatch.id == ImportedRecord.batch_id)
            .where(
                ImportedRecord.batch_id > batch_id,
                ImportBatch.undone_at.is_(None),
                ImportedRecord.entity == "case",
                ImportedRecord.entity_id.in_(mine),
            )
        )
    )


def _linked_since(session: Session, batch_id: int) -> bool:
    """Any row pointing at what the batch created that the batch did not make itself."""
    targets = {model.__table__.name: entity for entity, model in CREATED.items()}
    own = {model.__table__.name: entity for entity, model in CREATED.items()}
    for table in mapped_tables():
        if table.name == CaseParty.__tablename__:
            continue  # parties: asked below
        for key in table.foreign_keys:
            entity = targets.get(key.column.table.name)
            if entity is None:
                continue
            query = (
                select(func.count())
                .select_from(table)
                .where(key.parent.in_(_made(batch_id, entity)))
            )
            if table.name in own:  # the batch's own hearings of its own proceedings...
                query = query.where(table.c.id.not_in(_made(batch_id, own[table.name])))
            if session.scalar(query):
                return True
    return _other_parties(session, batch_id)


def _other_parties(session: Session, batch_id: int) -> bool:
    """A party added to a new case (each had its client only), or a new person made a
    party to a case the batch did not create."""
    cases = _made(batch_id, "case")
    people = _made(batch_id, "person")
    parties = session.scalar(
        select(func.count()).select_from(CaseParty).where(CaseParty.case_id.in_(cases))
    )
    new_cases = session.scalar(select(func.count()).select_from(cases.subquery()))
    elsewhere = session.scalar(
        select(func.count())
        .select_from(CaseParty)
        .where(CaseParty.person_id.in_(people), CaseParty.case_id.not_in(cases))
    )
    return bool((parties or 0) > (new_cases or 0) or elsewhere)


def _restore(case: Case, before: Mapping[str, Any]) -> None:
    """Put back what an update replaced (days were kept as ISO text)."""
    for attribute, value in before.items():
        if attribute == "closed_on" and value is not None:
            value = dt.date.fromisoformat(value)
        setattr(case, attribute, value)


def undo_import(ws: Workspace, batch_id: int) -> None:
    """Remove what a batch made and restore what it updated, if none of it has been touched
    since; Conflict otherwise (nothing changes)."""
    ws.require(Permission.MANAGE_ACCOUNTS)
    with ws.session() as session:
        session.info[ORIGIN_KEY] = "import"  # the undo's own changes are no app edits
        batch = session.get(ImportBatch, batch_id)
        if batch is None or batch.undone_at is not None:
            raise NotFound(N_("There is no such import to undo."))
        since = session.scalar(  # the import's own event: recorded after all it wrote
            select(func.max(AuditEvent.seq)).where(
                AuditEvent.entity == "import_batch",
                AuditEvent.entity_id == str(batch_id),
                AuditEvent.action == "import",
            )
        )
        if (
            _changed_in_app(session, batch_id, since or 0)
            or _updated_later(session, batch_id)
            or _linked_since(session, batch_id)
        ):
            raise Conflict(
                N_("Records of this import have been changed since: it cannot be undone.")
            )
        updated = {
            case_id: before
            for case_id, before in session.execute(
                select(ImportedRecord.entity_id, ImportedRecord.before).where(
                    ImportedRecord.batch_id == batch_id,
                    ImportedRecord.entity == "case",
                    ImportedRecord.before.is_not(None),
                )
            )
        }
        for case in session.scalars(select(Case).where(Case.id.in_(_made(batch_id, "case", True)))):
            _restore(case, json.loads(updated[case.id]))
        removed: dict[str, int] = {}
        for entity, model in CREATED.items():  # children first, one by one: each audited
            found = list(
                session.scalars(select(model).where(model.id.in_(_made(batch_id, entity))))
            )
            for record in found:
                session.delete(record)
            session.flush()
            removed[entity] = len(found)
        batch.undone_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        ws.vault.record(
            session,
            "undo_import",
            "import_batch",
            batch_id,
            {**{f"{entity}s": count for entity, count in removed.items()}, "updated": len(updated)},
        )
        session.commit()

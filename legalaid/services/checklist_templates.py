"""Checklist templates in the vault: the shipped ones (resources/checklists/) loaded at vault
creation and sign-in, the versions coordinators make, and the parsed template of a version.

A version is frozen once an observation uses it; a coordinator's change is a new version
based on the last one (items added, reworded or retired — never removed, so every code an
old observation answered keeps its meaning). New observations take the newest active
version of a checklist.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legalaid.domain.checklists import (
    Template,
    TemplateError,
    parse_template,
    shipped_templates,
    template_to_json,
)
from legalaid.domain.monitoring import ChecklistTemplate
from legalaid.errors import NotFound, ValidationError
from legalaid.i18n import N_, current_language
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace
from legalaid.storage.vault import Vault

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    code: str
    version: int
    title: str  # in the current language
    frozen: bool
    active: bool
    shipped: bool
    items: int  # not retired


def _body(template: Template) -> str:
    return json.dumps(template_to_json(template), ensure_ascii=False, sort_keys=False)


@functools.lru_cache(maxsize=32)
def _parsed(body: str) -> Template:
    """Parsing ~150 items takes milliseconds; an observation screen asks many times."""
    return parse_template(json.loads(body))


def template_of(row: ChecklistTemplate) -> Template:
    return _parsed(row.body)


def _info(row: ChecklistTemplate) -> TemplateInfo:
    template = template_of(row)
    return TemplateInfo(
        id=row.id,
        code=row.code,
        version=row.version,
        title=template.title.in_language(current_language()),
        frozen=row.frozen,
        active=row.active,
        shipped=row.shipped,
        items=sum(1 for item in template.items if not item.retired),
    )


def _row_for(template: Template, **extra: Any) -> ChecklistTemplate:
    return ChecklistTemplate(
        code=template.code,
        version=template.version,
        title_ky=template.title.ky[:300],
        title_ru=template.title.ru[:300],
        title_en=template.title.en[:300],
        body=_body(template),
        **extra,
    )


def sync_shipped_templates(session: Session, templates: list[Template] | None = None) -> int:
    """Add each shipped version the vault lacks, in the caller's transaction; a version
    already there is never changed (observations may use it). Returns how many were added."""
    found = shipped_templates() if templates is None else templates
    have = set(session.execute(select(ChecklistTemplate.code, ChecklistTemplate.version)).all())
    added = 0
    for template in found:
        if (template.code, template.version) in have:
            continue
        session.add(_row_for(template, shipped=True, frozen=False, active=True))
        added += 1
    return added


def update_templates(vault: Vault, session: Session) -> int:
    """At vault creation and sign-in; a damaged file is logged and never stops a sign-in."""
    try:
        added = sync_shipped_templates(session)
    except (OSError, ValueError, TemplateError):
        logger.exception("the shipped checklists could not be loaded")
        return 0
    if added:
        vault.record(session, "checklists_updated", "vault", "checklists", {"added": added})
    return added


def _require_monitoring(ws: Workspace) -> None:
    if not any(
        ws.may(permission)
        for permission in (
            Permission.OBSERVE_TRIALS,
            Permission.REVIEW_OBSERVATIONS,
            Permission.ASSESS_OBSERVATIONS,
            Permission.MANAGE_CHECKLISTS,
        )
    ):
        ws.require(Permission.OBSERVE_TRIALS)  # raises the usual refusal


def list_templates(ws: Workspace) -> list[TemplateInfo]:
    """Every version, by checklist and version (newest last)."""
    _require_monitoring(ws)
    with ws.reader() as session:
        rows = session.scalars(
            select(ChecklistTemplate).order_by(ChecklistTemplate.code, ChecklistTemplate.version)
        )
        return [_info(row) for row in rows]


def current_template_row(session: Session, code: str | None = None) -> ChecklistTemplate:
    """The newest active version (of `code`, or of any checklist) for a new observation."""
    query = select(ChecklistTemplate).where(ChecklistTemplate.active.is_(True))
    if code is not None:
        query = query.where(ChecklistTemplate.code == code)
    row = session.scalar(
        query.order_by(ChecklistTemplate.version.desc(), ChecklistTemplate.id.desc()).limit(1)
    )
    if row is None:
        raise NotFound(N_("There is no checklist to observe with; ask a coordinator."))
    return row


def get_template(ws: Workspace, template_id: int) -> Template:
    _require_monitoring(ws)
    with ws.reader() as session:
        row = session.get(ChecklistTemplate, int(template_id))
        if row is None:
            raise NotFound(N_("There is no such checklist version."))
        return template_of(row)


def template_json(ws: Workspace, template_id: int) -> dict[str, Any]:
    """A version as the editor and exports read it."""
    return template_to_json(get_template(ws, template_id))


def new_version(ws: Workspace, based_on_id: int, data: dict[str, Any]) -> TemplateInfo:
    """A coordinator's change as the next version of the same checklist. Every item code of
    the version it is based on must still be there (retire an item instead of removing it).
    The earlier versions stay; new observations take this one."""
    ws.require(Permission.MANAGE_CHECKLISTS)
    with ws.session() as session:
        base = session.get(ChecklistTemplate, int(based_on_id))
        if base is None:
            raise NotFound(N_("There is no such checklist version."))
        latest = session.scalar(
            select(func.max(ChecklistTemplate.version)).where(ChecklistTemplate.code == base.code)
        )
        draft = dict(data)
        draft["code"] = base.code
        draft["version"] = int(latest or 0) + 1
        template = parse_template(draft)
        before = {item.code for item in template_of(base).items}
        missing = sorted(before - {item.code for item in template.items})
        if missing:
            raise ValidationError(
                N_(
                    "Items cannot be removed, only retired (old observations answered them): "
                    "{codes}."
                ),
                field="items",
                codes=", ".join(missing),
            )
        if _body(template) == _body(
            parse_template({**template_to_json(template_of(base)), "version": template.version})
        ):
            raise ValidationError(N_("Nothing was changed."), field="items")
        row = _row_for(template, shipped=False, frozen=False, active=True, based_on_id=base.id)
        row.created_by = ws.actor.id
        session.add(row)
        session.commit()
        logger.info("checklist %s version %s made", row.code, row.version)
        return _info(row)


def set_active(ws: Workspace, template_id: int, active: bool) -> TemplateInfo:
    """Offer a version for new observations or stop offering it (kept for the old ones)."""
    ws.require(Permission.MANAGE_CHECKLISTS)
    with ws.session() as session:
        row = session.get(ChecklistTemplate, int(template_id))
        if row is None:
            raise NotFound(N_("There is no such checklist version."))
        row.active = bool(active)
        session.commit()
        return _info(row)

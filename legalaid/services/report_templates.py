"""Report templates offered when a report is made: the shipped ones (resources/reports/)
and those a coordinator imported into the vault (a donor's indicator set), checked in full
on import (domain/report_templates.py), so a report never fails on a template."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from sqlalchemy import select

from legalaid.domain.report_templates import (
    ReportTemplate,
    ReportTemplateError,
    StoredReportTemplate,
    read_report_template,
    template_to_json,
)
from legalaid.errors import NotFound, ValidationError
from legalaid.i18n import N_
from legalaid.paths import resources_dir
from legalaid.services.permissions import Permission
from legalaid.services.statistics import MEASURES
from legalaid.services.workspace import Workspace

GENERAL = "general"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AvailableTemplate:
    template: ReportTemplate
    shipped: bool  # from resources/reports: cannot be replaced or removed


@functools.cache
def shipped_templates() -> tuple[ReportTemplate, ...]:
    folder = resources_dir() / "reports"
    return tuple(
        read_report_template(path.read_bytes(), MEASURES) for path in sorted(folder.glob("*.json"))
    )


def list_report_templates(ws: Workspace) -> list[AvailableTemplate]:
    """The general template first, then the others by code."""
    ws.require(Permission.VIEW_STATISTICS)
    found = [AvailableTemplate(t, True) for t in shipped_templates()]
    with ws.reader() as session:
        for template_id, body in session.execute(
            select(StoredReportTemplate.id, StoredReportTemplate.body)
        ):
            try:
                template = read_report_template(body.encode(), MEASURES)
            except ReportTemplateError:
                # Checked at import; a later app that dropped a statistic cannot read it.
                # The others, the shipped one first, stay usable; the log says which.
                logger.warning("report template %s cannot be read by this version", template_id)
                continue
            found.append(AvailableTemplate(template, False))
    return sorted(found, key=lambda a: (a.template.code != GENERAL, a.template.code))


def get_report_template(ws: Workspace, code: str) -> ReportTemplate:
    for available in list_report_templates(ws):
        if available.template.code == code:
            return available.template
    raise NotFound(N_("There is no report template {code}."), code=code)


def import_report_template(ws: Workspace, raw: bytes) -> ReportTemplate:
    """Check and keep a template file; one of the same code is replaced (an updated set)."""
    ws.require(Permission.MANAGE_REPORT_TEMPLATES)
    template = read_report_template(raw, MEASURES)
    if any(t.code == template.code for t in shipped_templates()):
        raise ValidationError(
            N_("{code} is the code of a template that comes with the app; choose another."),
            field="code",
            code=template.code,
        )
    with ws.session() as session:
        row = session.scalar(
            select(StoredReportTemplate).where(StoredReportTemplate.code == template.code)
        )
        if row is None:
            session.add(
                StoredReportTemplate(
                    code=template.code, body=template_to_json(template), created_by=ws.actor.id
                )
            )
        else:
            row.body = template_to_json(template)
        session.commit()
    return template


def remove_report_template(ws: Workspace, code: str) -> None:
    ws.require(Permission.MANAGE_REPORT_TEMPLATES)
    with ws.session() as session:
        row = session.scalar(select(StoredReportTemplate).where(StoredReportTemplate.code == code))
        if row is None:
            raise NotFound(N_("There is no report template {code}."), code=code)
        session.delete(row)
        session.commit()

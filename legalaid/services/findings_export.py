"""Anonymised answers of approved observations for researchers, as CSV or XLSX, with a
data dictionary.

One row per hearing, numbered in the export only (no observation number, no court case
number, no judge, no charges, no notes, no free text, no pseudonym, no monitor): the month
of the hearing, the court's code and oblast, the kind of case, stage and hearing, the delay,
length and adjournment, counts of defendants (juvenile, detained, without counsel), then one
column per checklist item holding its answer codes ("|" between the choices of a multiple
answer). The dictionary explains every column and every code in the chosen language.

Writing a copy outside the vault needs the person's confirmation and is audited with the
filter (services/findings.record_export).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, cast, func, select

from legalaid.documents.tabular import Cell, Sheet, csv_bytes, xlsx_bytes
from legalaid.domain.checklists import YN4, AnswerType, Template
from legalaid.domain.courts import Court
from legalaid.domain.monitoring import (
    ChecklistTemplate,
    Observation,
    ObservationAnswer,
    ObservedDefendant,
)
from legalaid.errors import ValidationError
from legalaid.i18n import N_, translate_in
from legalaid.services import checklist_templates, findings
from legalaid.services.findings import FindingsFilter
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace
from legalaid.storage.atomic import write_atomic

BATCH = 500
FIXED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("row", N_("Number of the row in this export only")),
    ("month", N_("Month of the hearing (YYYY-MM)")),
    ("court", N_("Court (code of the reference list)")),
    ("oblast", N_("Oblast of the court")),
    ("checklist", N_("Checklist and version the hearing was observed with")),
    ("case_kind", N_("Kind of case")),
    ("stage", N_("Stage")),
    ("hearing_kind", N_("Kind of hearing")),
    ("delay_minutes", N_("Minutes between the scheduled and the actual start")),
    ("duration_minutes", N_("Minutes from start to end")),
    ("adjourned", N_("Adjourned (yes, no, not observed, not applicable)")),
    ("adjourned_reason", N_("Cause of the adjournment (code)")),
    ("defendants", N_("Defendants")),
    ("juveniles", N_("Defendants under 18")),
    ("detained", N_("Defendants in custody")),
    ("without_counsel", N_("Defendants without counsel")),
)


def _items(template: Template) -> list[Any]:
    """The items exported: every one but free text (it may name people)."""
    return [item for item in template.items if item.answer is not AnswerType.TEXT]


def _rows(ws: Workspace, flt: FindingsFilter, template: Template) -> Iterator[list[Cell]]:
    codes = [item.code for item in _items(template)]
    condition = findings.counted(flt)  # the same observations as the findings
    with ws.reader() as session:
        ids = list(
            session.scalars(
                select(Observation.id)
                .where(condition)
                .order_by(findings.hearing_time(), Observation.id)
            )
        )
        number = 0
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            answers: dict[int, dict[str, list[str]]] = {}
            for oid, code, value in session.execute(
                select(
                    ObservationAnswer.observation_id,
                    ObservationAnswer.item_code,
                    ObservationAnswer.value,
                ).where(ObservationAnswer.observation_id.in_(chunk))
            ):
                answers.setdefault(oid, {}).setdefault(code, []).append(value)
            people = {
                oid: (total, young, held, alone)
                for oid, total, young, held, alone in session.execute(
                    select(
                        ObservedDefendant.observation_id,
                        func.count(),
                        func.sum(cast(ObservedDefendant.juvenile, Integer)),
                        func.count(ObservedDefendant.custody).filter(
                            ObservedDefendant.custody == "detained"
                        ),
                        func.count(ObservedDefendant.counsel).filter(
                            ObservedDefendant.counsel.in_(("none", "waived"))
                        ),
                    )
                    .where(ObservedDefendant.observation_id.in_(chunk))
                    .group_by(ObservedDefendant.observation_id)
                )
            }
            rows = session.execute(
                select(
                    Observation,
                    Court.code,
                    Court.region,
                    ChecklistTemplate.code,
                    ChecklistTemplate.version,
                )
                .outerjoin(Court, Court.id == Observation.court_id)
                .join(ChecklistTemplate, ChecklistTemplate.id == Observation.template_id)
                .where(Observation.id.in_(chunk))
                .order_by(findings.hearing_time(), Observation.id)
            )
            for observation, court, region, checklist, version in rows:
                number += 1
                when = observation.started_at or observation.scheduled_at
                delay = (
                    round((observation.started_at - observation.scheduled_at).total_seconds() / 60)
                    if observation.started_at and observation.scheduled_at
                    else None
                )
                length = (
                    round((observation.ended_at - observation.started_at).total_seconds() / 60)
                    if observation.started_at and observation.ended_at
                    else None
                )
                total, young, held, alone = people.get(observation.id, (0, 0, 0, 0))
                given = answers.get(observation.id, {})
                yield [
                    number,
                    f"{when:%Y-%m}" if when else None,
                    court,
                    region,
                    f"{checklist}-{version}",
                    observation.case_kind,
                    observation.stage,
                    observation.hearing_kind,
                    delay,
                    length,
                    observation.adjourned,
                    observation.adjourned_reason,
                    int(total or 0),
                    int(young or 0),
                    int(held or 0),
                    int(alone or 0),
                    *(_answer(given.get(code)) for code in codes),
                ]


def _answer(values: list[str] | None) -> Cell:
    if not values:
        return None
    if len(values) == 1 and values[0].isdigit():
        return int(values[0])
    return "|".join(sorted(values))


def _dictionary(template: Template, language: str) -> list[list[Cell]]:
    rows: list[list[Cell]] = [
        [name, translate_in(language, meaning), ""] for name, meaning in FIXED_COLUMNS
    ]
    for item in _items(template):
        codes: Sequence[str] = (
            YN4 if item.answer is AnswerType.YN4 else [c.code for c in item.choices]
        )
        meaning = " · ".join(f"{code} = {item.choice_label(code, language)}" for code in codes)
        rows.append([item.code, item.text.in_language(language), meaning or item.answer.value])
    return rows


def export_answers(
    ws: Workspace,
    flt: FindingsFilter,
    target: Path,
    language: str,
    *,
    confirm_unencrypted: bool = False,
) -> int:
    """Write the anonymised answers to `target` (.xlsx: answers and dictionary sheets;
    .csv: the answers, and the dictionary beside it as `<name>-dictionary.csv`). Returns
    the number of hearings written."""
    ws.require(Permission.VIEW_FINDINGS)
    if not confirm_unencrypted:
        raise ValidationError(
            N_("Saving an unencrypted copy needs your confirmation."), field="confirm"
        )
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValidationError(N_("Choose a file ending in .csv or .xlsx."), field="target")
    versions = checklist_templates.list_templates(ws)
    template_id = flt.template_id or (versions[-1].id if versions else None)
    if template_id is None:
        raise ValidationError(N_("There is no checklist to export answers of."), field="target")
    template = checklist_templates.get_template(ws, template_id)
    header = [name for name, _meaning in FIXED_COLUMNS] + [i.code for i in _items(template)]
    rows = list(_rows(ws, flt, template))
    dictionary = _dictionary(template, language)
    columns = [
        translate_in(language, N_("Column")),
        translate_in(language, N_("Meaning")),
        translate_in(language, N_("Codes")),
    ]
    files: list[tuple[Path, bytes]]
    if suffix == ".xlsx":
        answers = Sheet(translate_in(language, N_("Answers")), header, rows)
        words = Sheet(translate_in(language, N_("Dictionary")), columns, dictionary)
        files = [(target, xlsx_bytes([answers, words]))]
    else:
        files = [
            (target, csv_bytes(header, rows)),
            (target.with_name(f"{target.stem}-dictionary.csv"), csv_bytes(columns, dictionary)),
        ]
    findings.record_export(ws, f"answers{suffix}", flt)  # before any byte leaves the vault
    for path, data in files:
        write_atomic(path, data)
    return len(rows)

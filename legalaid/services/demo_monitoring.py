"""Synthetic trial observations for the demo vault: hearings in the courts of the south over
the last months, watched by the demo monitor against the shipped checklist, most approved,
some submitted and waiting for review, one returned and one still a draft; answers drawn so
that the findings show the known problems (late starts, hearings in judges' offices,
defendants in cages, torture allegations ignored) without any real person or case.

Written through the services, as a monitor and a coordinator would, so the demo exercises
the same rules; deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import insert, select, update

from legalaid.domain.accounts import Account, Office
from legalaid.domain.checklists import AnswerType, HearingContext, Item
from legalaid.domain.enums import ObservationStatus, Role
from legalaid.domain.monitoring import (
    ChecklistTemplate,
    MonitoringCounter,
    Observation,
    ObservationAnswer,
    ObservedDefendant,
)
from legalaid.errors import LegalAidError
from legalaid.services import checklist_templates, courts, observation_review, observations
from legalaid.services.observations import DefendantInput, ObservationInput
from legalaid.services.workspace import Workspace

DEMO_MONITOR = "monitor"
STAGES = (
    ("criminal", "pretrial", "custody"),
    ("criminal", "first_instance", "main"),
    ("criminal", "first_instance", "main"),
    ("criminal", "first_instance", "preliminary"),
    ("criminal", "appeal", "appeal"),
    ("offence", "first_instance", "main"),
    ("civil", "first_instance", "main"),
)
# How often a yes/no item is answered "yes" where the demo has a view; otherwise most
# hearings go well (9 in 10 "yes" where "no" is the concern, 1 in 20 where "yes" is).
YES_SHARE = {"A1": 0.8, "A2": 0.3, "C2": 0.4, "K1": 0.15, "F1": 0.75, "I3": 0.2, "C6": 0.5}
REASONS = ("counsel_absent", "prosecutor_absent", "witness_absent", "detainee_not_delivered")
NOTES = (
    "Заседание в кабинете судьи, слушатели стояли у двери.",
    "Отурум 40 мүнөт кечигип башталды; конвой кечикти.",
    "Подсудимый в металлической клетке, наручники не снимали.",
    "Котормочу жок болчу, айыпталуучу орусча начар түшүнөт.",
)


def _values(rng: random.Random, item: Item) -> tuple[str, ...]:
    kind = item.answer
    if kind is AnswerType.YN4:
        if rng.random() < 0.05:
            return ("not_observed",)
        usual = 0.05 if "yes" in item.concern else 0.9
        return ("yes",) if rng.random() < YES_SHARE.get(item.code, usual) else ("no",)
    if kind is AnswerType.CHOICE:
        usual = [c for c in item.choices if c.code not in item.concern] or list(item.choices)
        pool = usual if rng.random() < 0.75 else list(item.choices)
        return (rng.choice(pool).code,)
    if kind is AnswerType.MULTI:
        return tuple(c.code for c in rng.sample(item.choices, k=min(2, len(item.choices))))
    if kind is AnswerType.COUNT:
        return (str(rng.randint(0, 12)),)
    if kind is AnswerType.DURATION:
        return (str(rng.randint(5, 90)),)
    if kind is AnswerType.TIME:
        return (f"{rng.randint(8, 17):02d}:{rng.choice((0, 15, 30, 45)):02d}",)
    if kind is AnswerType.DATE:
        return ((dt.date.today() - dt.timedelta(days=rng.randint(30, 300))).isoformat(),)
    return ()  # free text: the demo leaves it to the notes


def _court_ids(ws: Workspace) -> list[int]:
    return [c.id for c in courts.list_courts(ws) if c.kind.value in ("city", "district")]


def fill_observations(ws: Workspace, monitor: Workspace, count: int = 36, seed: int = 7) -> int:
    """`count` observations by `monitor`, reviewed by `ws` (a coordinator). Returns how many
    were written (a refusal of one leaves the others)."""
    rng = random.Random(seed)
    court_ids = _court_ids(ws)
    made = 0
    today = dt.date.today()
    for number in range(count):
        kind, stage, hearing_kind = rng.choice(STAGES)
        day = today - dt.timedelta(days=rng.randint(1, 270))
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        scheduled = dt.datetime.combine(day, dt.time(rng.choice((9, 10, 11, 14, 15))))
        started = scheduled + dt.timedelta(minutes=rng.choice((0, 5, 10, 25, 40, 75)))
        juvenile = rng.random() < 0.1
        data = ObservationInput(
            court_id=rng.choice(court_ids) if court_ids else None,
            courtroom=rng.choice(("", "Зал 2", "каб. 14", "каб. 7")),
            court_number=f"{'УД' if kind != 'civil' else 'ГД'}-{rng.randint(100, 999)}/{day:%y}",
            case_kind=kind,
            charges="CC 350(1)" if kind == "criminal" else "",
            stage=stage,
            hearing_kind=hearing_kind,
            scheduled_at=scheduled,
            started_at=started,
            ended_at=started + dt.timedelta(minutes=rng.randint(10, 120)),
            adjourned=(adjourned := rng.choice(("yes", "no", "no", "no"))),
            adjourned_reason=rng.choice(REASONS) if adjourned == "yes" else None,
            prosecutor_present="yes" if kind != "civil" else None,
            witnesses=rng.randint(0, 4),
            guards=rng.randint(0, 3) if kind == "criminal" else None,
            notes=rng.choice(NOTES),
        )
        defendants = [
            DefendantInput(
                pseudonym=f"D{i + 1}",
                sex=rng.choice(("male", "male", "female")),
                age_band="under_18" if juvenile and i == 0 else rng.choice(("18_25", "26_35")),
                custody=rng.choice(("detained", "at_liberty")),
                counsel=rng.choice(("private", "state_legal_aid", "none")),
            )
            for i in range(1 if kind == "civil" else rng.randint(1, 2))
        ]
        try:
            info = observations.start_observation(monitor, data, defendants)
            template = observations.template_of_observation(monitor, info.id)
            answers: dict[str, tuple[str, ...]] = {}
            for _round in range(3):  # follow-ups appear once their item is answered
                for item in template.visible_items(info.context, answers):
                    if item.code in answers:
                        continue
                    values = _values(rng, item)
                    if values:
                        observations.answer_item(monitor, info.id, item.code, values)
                        answers[item.code] = values
            if number == count - 1:
                made += 1
                continue  # the newest stays a draft
            observation_review.submit(monitor, info.id)
            if number == count - 2:
                observation_review.return_to_monitor(
                    ws, info.id, "Укажите номер зала и кто присутствовал."
                )
            elif number < count - 5:
                observation_review.approve(ws, info.id)
            made += 1
        except LegalAidError:
            continue
    return made


def _answers(
    rng: random.Random, template: Any, context: HearingContext
) -> dict[str, tuple[str, ...]]:
    """A hearing's answers as a monitor gives them: follow-ups once their item is answered."""
    answers: dict[str, tuple[str, ...]] = {}
    for _round in range(3):
        for item in template.visible_items(context, answers):
            if item.code not in answers:
                values = _values(rng, item)
                if values:
                    answers[item.code] = values
    return answers


def bulk_observations(ws: Workspace, count: int, days: int = 365, seed: int = 11) -> int:
    """`count` approved observations over the last `days`, written in one transaction with
    plain inserts (the demo's few hundred a year, the bench's ten thousand): no audit
    events, since no person made them. Returns how many."""
    rng = random.Random(seed)
    with ws.reader() as session:
        template_row = checklist_templates.current_template_row(session)
        template = checklist_templates.template_of(template_row)
        monitor = (
            session.scalar(select(Account.id).where(Account.role == Role.MONITOR.value).limit(1))
            or ws.actor.id
        )
        office = session.scalar(select(Office.id).where(Office.code == ws.actor.office_code))
        counters = dict(
            session.execute(select(MonitoringCounter.year, MonitoringCounter.last_seq)).all()
        )
        first_id = (
            session.scalar(select(Observation.id).order_by(Observation.id.desc()).limit(1)) or 0
        ) + 1
    court_ids = _court_ids(ws)
    today = dt.date.today()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    observation_rows: list[dict[str, Any]] = []
    answer_rows: list[dict[str, Any]] = []
    defendant_rows: list[dict[str, Any]] = []
    known_years = set(counters)

    def flush(connection: Any) -> None:
        """Write what is gathered and forget it: memory stays that of 500 hearings."""
        connection.execute(insert(Observation), observation_rows)
        if defendant_rows:
            connection.execute(insert(ObservedDefendant), defendant_rows)
        if answer_rows:
            connection.execute(insert(ObservationAnswer), answer_rows)
        for rows in (observation_rows, defendant_rows, answer_rows):
            rows.clear()

    with ws.session() as session:
        connection = session.connection()
        for offset in range(count):
            oid = first_id + offset
            kind, stage, hearing_kind = rng.choice(STAGES)
            day = today - dt.timedelta(days=rng.randint(1, days))
            scheduled = dt.datetime.combine(day, dt.time(rng.choice((9, 10, 11, 14, 15))))
            started = scheduled + dt.timedelta(minutes=rng.choice((0, 5, 10, 25, 40, 75)))
            counters[day.year] = counters.get(day.year, 0) + 1
            juvenile = rng.random() < 0.08
            adjourned = rng.choice(("yes", "no", "no", "no"))
            observation_rows.append(
                {
                    "id": oid,
                    "number": f"MON-{day.year}-{counters[day.year]:04d}",
                    "template_id": template_row.id,
                    "status": ObservationStatus.APPROVED.value,
                    "office_id": office,
                    "monitor_id": monitor,
                    "court_id": rng.choice(court_ids) if court_ids else None,
                    "courtroom": "",
                    "court_number": "",
                    "case_kind": kind,
                    "charges": "",
                    "stage": stage,
                    "stage_detail": "",
                    "hearing_kind": hearing_kind,
                    "judges": "",
                    "panel": False,
                    "scheduled_at": scheduled,
                    "started_at": started,
                    "ended_at": started + dt.timedelta(minutes=rng.randint(10, 120)),
                    "adjourned": adjourned,
                    "adjourned_reason": rng.choice(REASONS) if adjourned == "yes" else None,
                    "outcome": "",
                    "notes": "",
                    "submitted_at": now,
                    "approved_at": now,
                    "approved_by": ws.actor.id,
                    "created_at": now,
                    "created_by": monitor,
                    "updated_at": now,
                }
            )
            for position in range(1 if kind == "civil" else rng.randint(1, 2)):
                defendant_rows.append(
                    {
                        "observation_id": oid,
                        "position": position + 1,
                        "pseudonym": f"D{position + 1}",
                        "sex": rng.choice(("male", "male", "female")),
                        "age_band": "under_18" if juvenile and position == 0 else "26_35",
                        "juvenile": juvenile and position == 0,
                        "custody": rng.choice(("detained", "at_liberty")),
                        "detention_place": "",
                        "disability": False,
                        "counsel": rng.choice(("private", "state_legal_aid", "none")),
                    }
                )
            context = HearingContext(kind, stage, hearing_kind, juvenile)
            numeric = (AnswerType.COUNT, AnswerType.DURATION)
            given = _answers(rng, template, context)
            concerns = [
                (c, v) for c, vs in given.items() for v in vs if v in template.item(c).concern
            ]
            observation_rows[-1] |= {
                "answered_sections": "".join(sorted({c[0] for c in given})),
                "concern_sections": "".join(sorted({c[0] for c, _v in concerns})),
                "concern_count": len(concerns),
            }
            for code, values in given.items():
                item = template.item(code)
                for value in values:
                    answer_rows.append(
                        {
                            "observation_id": oid,
                            "item_code": code,
                            "value": value,
                            "number": int(value) if item.answer in numeric else None,
                            "concern": value in item.concern,
                        }
                    )
            if len(observation_rows) >= 500:
                flush(connection)
        if observation_rows:
            flush(connection)
        for year, last in counters.items():
            if year in known_years:
                connection.execute(
                    update(MonitoringCounter)
                    .where(MonitoringCounter.year == year)
                    .values(last_seq=last)
                )
            else:
                connection.execute(insert(MonitoringCounter).values(year=year, last_seq=last))
        connection.execute(
            update(ChecklistTemplate)
            .where(ChecklistTemplate.id == template_row.id)
            .values(frozen=True)  # observations use it now
        )
        session.commit()
    return count

"""An observation's way after the courtroom: the monitor submits it; a coordinator comments,
returns it for a correction or approves it (only approved observations count in findings);
a lawyer, as the expert, writes a legal assessment with a grade, kept apart from what the
monitor saw; a lawyer or a coordinator may tie it to a client's case.

On submission the answers to items that no longer apply to the hearing (a changed answer
hid a follow-up, or the case's kind hid a section) are dropped, and the monitor is told how
many; until then they were kept, so that a slip lost nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account
from legalaid.domain.enums import ObservationStatus
from legalaid.domain.monitoring import (
    AnswerComment,
    ExpertAssessment,
    Observation,
    ObservationAnswer,
    ObservationComment,
)
from legalaid.errors import Conflict, ValidationError
from legalaid.i18n import N_, _, current_language, format_form_date
from legalaid.services import courts, observations, referrals
from legalaid.services.cases import find_case, require_case_edit
from legalaid.services.fields import bounded_text
from legalaid.services.observations import (
    TEXT_MAX,
    ObservationInfo,
    find_observation,
    observation_info,
    paralegal_reads,
    require_own_draft,
    require_read,
    template_for,
)
from legalaid.services.permissions import Permission
from legalaid.services.referrals import ReferralInfo
from legalaid.services.timeline import as_utc
from legalaid.services.workspace import Workspace

logger = logging.getLogger(__name__)

GRADES = ("A", "B", "C", "D", "F")  # as TrialWatch's fairness reports grade


@dataclass(frozen=True)
class Submitted:
    info: ObservationInfo
    dropped: tuple[str, ...]  # item codes whose answers no longer applied


@dataclass(frozen=True)
class ReviewComment:
    id: int
    kind: str  # comment / returned / approved
    author: str
    text: str
    at: dt.datetime  # aware UTC


@dataclass(frozen=True)
class Assessment:
    id: int
    author_login: str
    author: str
    grade: str
    text: str
    updated_at: dt.datetime  # aware UTC


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _missing_facts(observation: Observation) -> list[str]:
    """What findings cannot do without: where, when, what kind of case and stage."""
    missing = []
    if observation.court_id is None:
        missing.append("court_id")
    if observation.started_at is None and observation.scheduled_at is None:
        missing.append("started_at")
    if observation.case_kind is None:
        missing.append("case_kind")
    if observation.stage is None:
        missing.append("stage")
    return missing


def submit(ws: Workspace, observation_id: int) -> Submitted:
    """The monitor hands the observation in; it is theirs to change again only if returned."""
    with ws.session() as session:
        observation = find_observation(session, ws.actor, observation_id)
        require_own_draft(ws, observation)
        missing = _missing_facts(observation)
        if missing:
            raise ValidationError(
                N_("Say where and when the hearing was, the kind of case and the stage first."),
                field=missing[0],
            )
        info = observation_info(session, observation)
        template = template_for(session, observation)
        visible = {item.code for item in template.visible_items(info.context, info.answers)}
        dropped = tuple(code for code in info.answers if code not in visible)
        if dropped:
            for table in (ObservationAnswer, AnswerComment):
                session.execute(
                    delete(table).where(
                        table.observation_id == observation.id, table.item_code.in_(dropped)
                    )
                )
        observations.summarise(session, observation)
        observation.status = ObservationStatus.SUBMITTED.value
        observation.submitted_at = observation.updated_at = _now()
        session.commit()
        logger.info("observation %s submitted (%s answers dropped)", observation.id, len(dropped))
        return Submitted(observation_info(session, observation), dropped)


def _reviewable(ws: Workspace, session: Session, observation_id: int) -> Observation:
    ws.require(Permission.REVIEW_OBSERVATIONS)
    observation = find_observation(session, ws.actor, observation_id)
    if observation.status != ObservationStatus.SUBMITTED.value:
        raise Conflict(N_("Only a submitted observation is reviewed."))
    return observation


def _comment(
    session: Session, ws: Workspace, observation: Observation, kind: str, text: str
) -> None:
    session.add(
        ObservationComment(
            observation_id=observation.id,
            author_id=ws.actor.id,
            kind=kind,
            text=bounded_text(text, "comment", TEXT_MAX),
        )
    )


def return_to_monitor(ws: Workspace, observation_id: int, comment: str) -> ObservationInfo:
    """Back to the monitor with what to correct (a reason is needed)."""
    if not (comment or "").strip():
        raise ValidationError(N_("Say what the monitor should correct."), field="comment")
    with ws.session() as session:
        observation = _reviewable(ws, session, observation_id)
        _comment(session, ws, observation, "returned", comment)
        observation.status = ObservationStatus.RETURNED.value
        observation.updated_at = _now()
        session.commit()
        return observation_info(session, observation)


def approve(ws: Workspace, observation_id: int, comment: str = "") -> ObservationInfo:
    """Approved: it counts in findings from now on."""
    with ws.session() as session:
        observation = _reviewable(ws, session, observation_id)
        _comment(session, ws, observation, "approved", comment)
        observation.status = ObservationStatus.APPROVED.value
        observation.approved_at = observation.updated_at = _now()
        observation.approved_by = ws.actor.id
        session.commit()
        return observation_info(session, observation)


def add_comment(ws: Workspace, observation_id: int, text: str) -> ReviewComment:
    """A remark on an observation: a reviewer's, or its monitor's reply."""
    if not (text or "").strip():
        raise ValidationError(N_("Write the comment."), field="comment")
    with ws.session() as session:
        observation = find_observation(session, ws.actor, observation_id)
        mine = ws.actor.id in (observation.monitor_id, observation.second_monitor_id)
        if not mine:
            ws.require(Permission.REVIEW_OBSERVATIONS)
        _comment(session, ws, observation, "comment" if not mine else "reply", text)
        session.commit()
        return review_comments_of(session, observation.id)[-1]


def review_comments_of(session: Session, observation_id: int) -> list[ReviewComment]:
    rows = session.execute(
        select(ObservationComment, Account.display_name)
        .outerjoin(Account, Account.id == ObservationComment.author_id)
        .where(ObservationComment.observation_id == observation_id)
        .order_by(ObservationComment.created_at, ObservationComment.id)
    )
    return [
        ReviewComment(c.id, c.kind, name or "", c.text, as_utc(c.created_at)) for c, name in rows
    ]


def review_comments(ws: Workspace, observation_id: int) -> list[ReviewComment]:
    require_read(ws)
    reads = paralegal_reads(ws)
    with ws.reader() as session:
        find_observation(session, ws.actor, observation_id, reads)
        return review_comments_of(session, observation_id)


def assess(ws: Workspace, observation_id: int, grade: str, text: str) -> Assessment:
    """The expert's own assessment of a submitted or approved observation (one per expert,
    replaced when written again)."""
    ws.require(Permission.ASSESS_OBSERVATIONS)
    grade = (grade or "").strip().upper()
    if grade not in GRADES:
        raise ValidationError(N_("Grade it A, B, C, D or F."), field="grade")
    body = bounded_text(text, "text", TEXT_MAX)
    if not body:
        raise ValidationError(N_("Write the assessment."), field="text")
    with ws.session() as session:
        observation = find_observation(session, ws.actor, observation_id)
        if observation.status not in (
            ObservationStatus.SUBMITTED.value,
            ObservationStatus.APPROVED.value,
        ):
            raise Conflict(N_("An observation is assessed once its monitor has submitted it."))
        row = session.scalar(
            select(ExpertAssessment).where(
                ExpertAssessment.observation_id == observation.id,
                ExpertAssessment.author_id == ws.actor.id,
            )
        )
        if row is None:
            row = ExpertAssessment(observation_id=observation.id, author_id=ws.actor.id)
            session.add(row)
        row.grade, row.text, row.updated_at = grade, body, _now()
        session.commit()
        return next(a for a in assessments_of(session, observation.id) if a.id == row.id)


def assessments_of(session: Session, observation_id: int) -> list[Assessment]:
    rows = session.execute(
        select(ExpertAssessment, Account.login, Account.display_name)
        .outerjoin(Account, Account.id == ExpertAssessment.author_id)
        .where(ExpertAssessment.observation_id == observation_id)
        .order_by(ExpertAssessment.created_at, ExpertAssessment.id)
    )
    return [
        Assessment(a.id, login or "", name or "", a.grade, a.text, as_utc(a.updated_at))
        for a, login, name in rows
    ]


def assessments(ws: Workspace, observation_id: int) -> list[Assessment]:
    require_read(ws)
    reads = paralegal_reads(ws)
    with ws.reader() as session:
        find_observation(session, ws.actor, observation_id, reads)
        return assessments_of(session, observation_id)


def link_case(ws: Workspace, observation_id: int, case_key: int | str | None) -> ObservationInfo:
    """Tie the monitored trial to a client's case (None unties it): only someone who may
    change that case, and never a monitor (monitors see no client files)."""
    ws.require(Permission.LINK_OBSERVATIONS)
    with ws.session() as session:
        observation = find_observation(session, ws.actor, observation_id)
        case_id = None
        if case_key is not None and str(case_key).strip():
            case = find_case(session, ws.actor, case_key)
            require_case_edit(ws, case)
            case_id = case.id
        observation.case_id = case_id
        session.commit()
        return observation_info(session, observation)


def concerns_of(ws: Workspace, observation_id: int) -> list[tuple[str, str]]:
    """(item code, the item's text in the current language) of the answers that raised a
    concern, in the checklist's order: what can become a referral."""
    require_read(ws)
    info = observations.get_observation(ws, observation_id)
    template = observations.template_of_observation(ws, observation_id)
    language = current_language()
    return [(code, template.item(code).text.in_language(language)) for code in info.concerns]


def refer_concern(
    ws: Workspace, observation_id: int, item_code: str, organisation_id: int
) -> ReferralInfo:
    """A concern seen in court (a torture allegation, a detainee held past 48 hours) becomes
    a draft referral of the client's case the trial is tied to, through the referrals'
    own rules (consent, letter, follow-up). It carries no more than needed: what the
    checklist item asks and how it was answered, the court, the day and the observation's
    number — never the monitor's notes, comments or pseudonyms."""
    ws.require(Permission.LINK_OBSERVATIONS)
    info = observations.get_observation(ws, observation_id)
    if item_code not in info.concerns:
        raise ValidationError(N_("This answer raised no concern to refer."), field="item_code")
    if info.case_id is None:
        raise ValidationError(
            N_("Tie the trial to a client's case first: a referral belongs to a case."),
            field="case",
        )
    template = observations.template_of_observation(ws, observation_id)
    item = template.item(item_code)
    language = current_language()
    answers = ", ".join(item.choice_label(v, language) for v in info.answers.get(item_code, ()))
    when = info.data.started_at or info.data.scheduled_at
    court = courts.get_court(ws, info.data.court_id).name if info.data.court_id else ""
    reason = _(
        "Seen by our trial monitor at {court} on {day} (observation {number}): {item} — {answer}."
    ).format(
        court=court or _("a court"),
        day=format_form_date(when.astimezone().date()) if when else "",
        number=info.number,
        item=item.text.in_language(language),
        answer=answers,
    )
    request = _("Please examine this and inform us of the measures taken.")
    return referrals.create_referral(
        ws,
        info.case_id,
        referrals.ReferralInput(organisation_id=organisation_id, reason=reason, request=request),
    )

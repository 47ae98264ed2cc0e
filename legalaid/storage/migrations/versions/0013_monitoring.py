"""Fair-trial monitoring: checklist template versions, observations of hearings with their
defendants, answers (one row per value), comments on answers, clock stamps, review comments
and experts' assessments.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _fk(
    table: str,
    column: str,
    target: str,
    nullable: bool,
    ondelete: str | None = None,
    primary_key: bool = False,
) -> sa.Column[int]:
    target_table = target.split(".")[0]
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey(target, ondelete=ondelete, name=f"fk_{table}_{column}_{target_table}"),
        nullable=nullable,
        primary_key=primary_key,
    )


def _yn4(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(16), nullable=True)


def upgrade() -> None:
    op.create_table(
        "checklist_template",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title_ky", sa.String(300), nullable=False),
        sa.Column("title_ru", sa.String(300), nullable=False),
        sa.Column("title_en", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("shipped", sa.Boolean(), nullable=False),
        sa.Column("frozen", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _fk("checklist_template", "based_on_id", "checklist_template.id", True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("checklist_template", "created_by", "account.id", True),
        sa.UniqueConstraint("code", "version", name="uq_checklist_template_code"),
    )
    op.create_table(
        "monitoring_counter",
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
    )
    op.create_table(
        "observation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.String(32), nullable=False),
        _fk("observation", "template_id", "checklist_template.id", False),
        sa.Column("status", sa.String(16), nullable=False),
        _fk("observation", "office_id", "office.id", False),
        _fk("observation", "monitor_id", "account.id", False),
        _fk("observation", "second_monitor_id", "account.id", True),
        _fk("observation", "court_id", "court.id", True),
        sa.Column("courtroom", sa.String(100), nullable=False),
        sa.Column("court_number", sa.String(64), nullable=False),
        sa.Column("case_kind", sa.String(16), nullable=True),
        sa.Column("charges", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(24), nullable=True),
        sa.Column("stage_detail", sa.String(200), nullable=False),
        sa.Column("hearing_kind", sa.String(24), nullable=True),
        sa.Column("judges", sa.String(300), nullable=False),
        sa.Column("panel", sa.Boolean(), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        _yn4("adjourned"),
        sa.Column("adjourned_reason", sa.String(32), nullable=True),
        sa.Column("next_date", sa.Date(), nullable=True),
        _yn4("prosecutor_present"),
        _yn4("victim_present"),
        sa.Column("witnesses", sa.Integer(), nullable=True),
        sa.Column("guards", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        _fk("observation", "case_id", "legal_case.id", True, "SET NULL"),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        _fk("observation", "approved_by", "account.id", True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("observation", "created_by", "account.id", True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("number", name="uq_observation_number"),
    )
    op.create_index("ix_observation_template_id", "observation", ["template_id"])
    op.create_index("ix_observation_status", "observation", ["status"])
    op.create_index("ix_observation_office_id", "observation", ["office_id"])
    op.create_index("ix_observation_case_id", "observation", ["case_id"])
    op.create_index("ix_observation_court_started", "observation", ["court_id", "started_at"])
    op.create_index("ix_observation_monitor_status", "observation", ["monitor_id", "status"])
    op.create_table(
        "observed_defendant",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("observed_defendant", "observation_id", "observation.id", False, "CASCADE"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(64), nullable=False),
        sa.Column("sex", sa.String(16), nullable=True),
        sa.Column("age_band", sa.String(16), nullable=True),
        sa.Column("juvenile", sa.Boolean(), nullable=False),
        sa.Column("custody", sa.String(16), nullable=True),
        sa.Column("detention_place", sa.String(200), nullable=False),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("disability", sa.Boolean(), nullable=False),
        sa.Column("plea", sa.String(16), nullable=True),
        sa.Column("counsel", sa.String(24), nullable=True),
    )
    op.create_index(
        "ix_observed_defendant_observation_id", "observed_defendant", ["observation_id"]
    )
    op.create_table(
        "observation_answer",
        _fk("observation_answer", "observation_id", "observation.id", False, "CASCADE", True),
        sa.Column("item_code", sa.String(16), primary_key=True),
        sa.Column("value", sa.Text(), primary_key=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("concern", sa.Boolean(), nullable=False),
    )
    op.create_index(
        "ix_observation_answer_item_value", "observation_answer", ["item_code", "value"]
    )
    op.create_table(
        "answer_comment",
        _fk("answer_comment", "observation_id", "observation.id", False, "CASCADE", True),
        sa.Column("item_code", sa.String(16), primary_key=True),
        sa.Column("comment", sa.Text(), nullable=False),
    )
    op.create_table(
        "clock_stamp",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("clock_stamp", "observation_id", "observation.id", False, "CASCADE"),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_clock_stamp_observation_id", "clock_stamp", ["observation_id"])
    op.create_table(
        "observation_comment",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("observation_comment", "observation_id", "observation.id", False, "CASCADE"),
        _fk("observation_comment", "author_id", "account.id", True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index(
        "ix_observation_comment_observation_id", "observation_comment", ["observation_id"]
    )
    op.create_table(
        "expert_assessment",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("expert_assessment", "observation_id", "observation.id", False, "CASCADE"),
        _fk("expert_assessment", "author_id", "account.id", True),
        sa.Column("grade", sa.String(1), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_expert_assessment_observation_id", "expert_assessment", ["observation_id"])


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")

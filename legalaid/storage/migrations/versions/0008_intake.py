"""Intake interviews: the submitted intake of a case, consents, anonymous statistical
records (no consent to record data) and advice-only consultations.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _fk(
    table: str, column: str, target: str, nullable: bool, ondelete: str | None = None
) -> sa.Column[int]:
    target_table = target.split(".")[0]
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey(target, ondelete=ondelete, name=f"fk_{table}_{column}_{target_table}"),
        nullable=nullable,
    )


def upgrade() -> None:
    op.create_table(
        "intake",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("intake", "case_id", "legal_case.id", False, "CASCADE"),
        _fk("intake", "person_id", "person.id", False),
        _fk("intake", "office_id", "office.id", False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("contact_phone", sa.String(32), nullable=True),
        sa.Column("may_call", sa.Boolean(), nullable=True),
        sa.Column("may_leave_messages", sa.Boolean(), nullable=True),
        sa.Column("do_not_tell", sa.Text(), nullable=True),
        sa.Column("safe_contact_notes", sa.Text(), nullable=True),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("incident_date", sa.Date(), nullable=True),
        sa.Column("incident_period", sa.String(100), nullable=True),
        sa.Column("incident_region", sa.String(32), nullable=True),
        sa.Column("incident_district", sa.String(64), nullable=True),
        sa.Column("incident_settlement", sa.String(100), nullable=True),
        sa.Column("responsible", sa.Text(), nullable=True),
        sa.Column("institutions_approached", sa.Text(), nullable=True),
        sa.Column("documents_held", sa.Text(), nullable=True),
        sa.Column("wants", sa.Text(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("urgent_rules", sa.String(200), nullable=False),
        sa.Column("urgency_answers", sa.String(200), nullable=False),
        sa.Column("deadline_on", sa.Date(), nullable=True),
        _fk("intake", "urgent_task_id", "case_task.id", True, "SET NULL"),
        sa.Column("urgent_action_at", sa.DateTime(), nullable=True),
        _fk("intake", "urgent_action_by", "account.id", True),
        sa.Column("urgent_action_text", sa.Text(), nullable=True),
        sa.Column("eligibility", sa.String(16), nullable=False),
        sa.Column("eligibility_categories", sa.String(300), nullable=False),
        sa.Column("eligibility_income", sa.Integer(), nullable=True),
        sa.Column("eligibility_documents", sa.String(500), nullable=False),
        sa.Column("eligibility_rules_version", sa.String(32), nullable=False),
        sa.Column("eligibility_rules_date", sa.String(10), nullable=False),
        sa.Column("eligibility_to_verify", sa.Boolean(), nullable=False),
        sa.Column("recommended_action", sa.String(16), nullable=True),
        sa.Column("conflict_matches", sa.Integer(), nullable=False),
        sa.Column("conflict_decision", sa.String(16), nullable=True),
        _fk("intake", "conflict_decided_by", "account.id", True),
        _fk("intake", "conflict_lawyer_id", "account.id", True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("intake", "created_by", "account.id", True),
        sa.UniqueConstraint("case_id", name="uq_intake_case_id"),
    )
    op.create_index("ix_intake_person_id", "intake", ["person_id"])
    op.create_index("ix_intake_urgent", "intake", ["urgent"])
    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("consent", "intake_id", "intake.id", False, "CASCADE"),
        _fk("consent", "person_id", "person.id", False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("organisation_kinds", sa.String(300), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("witness_name", sa.String(200), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("consent", "created_by", "account.id", True),
    )
    op.create_index("ix_consent_intake_id", "consent", ["intake_id"])
    op.create_index("ix_consent_person_id", "consent", ["person_id"])
    op.create_table(
        "anonymous_record",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        _fk("anonymous_record", "office_id", "office.id", False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("region", sa.String(32), nullable=True),
        sa.Column("district", sa.String(64), nullable=True),
        sa.Column("gender", sa.String(16), nullable=False),
        sa.Column("age_group", sa.String(16), nullable=False),
        _fk("anonymous_record", "created_by", "account.id", True),
    )
    op.create_index("ix_anonymous_record_recorded_on", "anonymous_record", ["recorded_on"])
    op.create_table(
        "advice_consultation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("given_on", sa.Date(), nullable=False),
        _fk("advice_consultation", "office_id", "office.id", False),
        _fk("advice_consultation", "staff_id", "account.id", False),
        sa.Column("topic", sa.String(16), nullable=False),
        sa.Column("subtopic", sa.String(48), nullable=True),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        _fk("advice_consultation", "person_id", "person.id", True, "SET NULL"),
        sa.Column("gender", sa.String(16), nullable=True),
        sa.Column("age_group", sa.String(16), nullable=True),
        sa.Column("district", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("advice_consultation", "created_by", "account.id", True),
    )
    op.create_index("ix_advice_consultation_given_on", "advice_consultation", ["given_on"])
    op.create_index("ix_advice_consultation_person_id", "advice_consultation", ["person_id"])


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")

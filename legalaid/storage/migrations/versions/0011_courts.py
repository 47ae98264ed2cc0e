"""Court representation: courts with their name history, proceedings of a case, hearings,
procedural deadlines and custody.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
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


def _created(table: str) -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk(table, "created_by", "account.id", True),  # type: ignore[list-item]
    ]


def upgrade() -> None:
    op.create_table(
        "court",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("region", sa.String(32), nullable=True),
        sa.Column("district", sa.String(64), nullable=True),
        sa.Column("aliases", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(400), nullable=False),
        sa.Column("verify", sa.Boolean(), nullable=False),
        sa.Column("edited_locally", sa.Boolean(), nullable=False),
        sa.Column("data_version", sa.String(32), nullable=True),
        sa.UniqueConstraint("code", name="uq_court_code"),
    )
    op.create_table(
        "court_name",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("court_name", "court_id", "court.id", False, "CASCADE"),
        sa.Column("name_ky", sa.String(300), nullable=False),
        sa.Column("name_ru", sa.String(300), nullable=False),
        sa.Column("name_en", sa.String(300), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
    )
    op.create_index("ix_court_name_court_id", "court_name", ["court_id"])
    op.create_table(
        "proceeding",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("proceeding", "case_id", "legal_case.id", False, "CASCADE"),
        _fk("proceeding", "previous_id", "proceeding.id", True, "SET NULL"),
        _fk("proceeding", "court_id", "court.id", False),
        sa.Column("court_number", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("client_role", sa.String(24), nullable=False),
        sa.Column("charges", sa.Text(), nullable=False),
        sa.Column("judges", sa.String(300), nullable=False),
        sa.Column("instance", sa.String(24), nullable=False),
        sa.Column("stage", sa.String(200), nullable=False),
        sa.Column("representation", sa.String(16), nullable=False),
        _fk("proceeding", "lawyer_id", "account.id", True),
        sa.Column("opposing_counsel", sa.String(300), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        *_created("proceeding"),
    )
    for column in ("case_id", "court_id", "lawyer_id"):
        op.create_index(f"ix_proceeding_{column}", "proceeding", [column])
    op.create_table(
        "hearing",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("hearing", "proceeding_id", "proceeding.id", False, "CASCADE"),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("courtroom", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        _fk("hearing", "lawyer_id", "account.id", True),
        sa.Column("result", sa.String(24), nullable=True),
        sa.Column("adjourned_reason", sa.Text(), nullable=False),
        sa.Column("attended", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("time_spent_minutes", sa.Integer(), nullable=True),
        _fk("hearing", "next_hearing_id", "hearing.id", True, "SET NULL"),
        *_created("hearing"),
    )
    for column in ("proceeding_id", "starts_at"):
        op.create_index(f"ix_hearing_{column}", "hearing", [column])
    op.create_index("ix_hearing_lawyer_starts", "hearing", ["lawyer_id", "starts_at"])
    op.create_table(
        "deadline",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("deadline", "case_id", "legal_case.id", False, "CASCADE"),
        _fk("deadline", "proceeding_id", "proceeding.id", True, "CASCADE"),
        sa.Column("rule_code", sa.String(64), nullable=True),
        sa.Column("rules_version", sa.String(32), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("event_at", sa.DateTime(), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        _fk("deadline", "responsible_id", "account.id", False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        _fk("deadline", "closed_by", "account.id", True),
        *_created("deadline"),
    )
    for column in ("case_id", "proceeding_id", "due_at", "state"):
        op.create_index(f"ix_deadline_{column}", "deadline", [column])
    op.create_index("ix_deadline_responsible_due", "deadline", ["responsible_id", "due_at"])
    op.create_table(
        "custody",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("custody", "case_id", "legal_case.id", False, "CASCADE"),
        _fk("custody", "proceeding_id", "proceeding.id", True, "SET NULL"),
        sa.Column("detained_at", sa.DateTime(), nullable=False),
        sa.Column("decision_at", sa.DateTime(), nullable=True),
        sa.Column("custody_until", sa.Date(), nullable=True),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("released_on", sa.Date(), nullable=True),
        *_created("custody"),
    )
    op.create_index("ix_custody_case_id", "custody", ["case_id"])
    op.create_index("ix_custody_custody_until", "custody", ["custody_until"])


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")

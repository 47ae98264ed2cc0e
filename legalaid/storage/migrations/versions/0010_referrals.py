"""Referrals: the directory of organisations, referrals with their follow-up notes, the
outgoing letter register, coordinators' letter templates, and the letterhead of offices.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
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


def _texts(prefix: str, length: int) -> list[sa.Column[str]]:
    return [
        sa.Column(f"{prefix}_{language}", sa.String(length), nullable=False, server_default="")
        for language in ("ky", "ru", "en")
    ]


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(80), nullable=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("name_ky", sa.String(300), nullable=False),
        sa.Column("name_ru", sa.String(300), nullable=False),
        sa.Column("name_en", sa.String(300), nullable=False),
        *_texts("address", 300),
        sa.Column("head_name", sa.String(200), nullable=False),
        *_texts("head_title", 300),
        sa.Column("phone", sa.String(64), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("regions", sa.String(200), nullable=False),
        sa.Column("categories", sa.String(400), nullable=False),
        sa.Column("letter_language", sa.String(2), nullable=False),
        sa.Column("response_days", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(400), nullable=False),
        sa.Column("verify", sa.Boolean(), nullable=False),
        sa.Column("edited_locally", sa.Boolean(), nullable=False),
        sa.Column("data_version", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("key", name="uq_organisation_key"),
    )
    op.create_index("ix_organisation_kind", "organisation", ["kind"])
    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("referral", "case_id", "legal_case.id", False, "CASCADE"),
        _fk("referral", "organisation_id", "organisation.id", False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("enclosures", sa.Text(), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        _fk("referral", "responsible_id", "account.id", False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("response_on", sa.Date(), nullable=True),
        sa.Column("response_summary", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=True),
        sa.Column("consent_method", sa.String(24), nullable=True),
        sa.Column("consent_scope", sa.String(200), nullable=False),
        sa.Column("letter_ready", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("referral", "created_by", "account.id", True),
    )
    for column in ("case_id", "organisation_id", "responsible_id", "due_on", "status"):
        op.create_index(f"ix_referral_{column}", "referral", [column])
    op.create_table(
        "referral_note",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("referral_note", "referral_id", "referral.id", False, "CASCADE"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("referral_note", "created_by", "account.id", True),
    )
    op.create_index("ix_referral_note_referral_id", "referral_note", ["referral_id"])
    op.create_table(
        "outgoing_letter",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("outgoing_letter", "office_id", "office.id", False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        _fk("outgoing_letter", "referral_id", "referral.id", True, "SET NULL"),
        _fk("outgoing_letter", "case_id", "legal_case.id", True, "SET NULL"),
        _fk("outgoing_letter", "organisation_id", "organisation.id", True),
        sa.Column("recipient", sa.String(300), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        _fk("outgoing_letter", "cancelled_by", "account.id", True),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("outgoing_letter", "created_by", "account.id", True),
        sa.UniqueConstraint("office_id", "year", "seq", name="uq_outgoing_letter_seq"),
        sa.UniqueConstraint("number", name="uq_outgoing_letter_number"),
    )
    op.create_index("ix_outgoing_letter_referral_id", "outgoing_letter", ["referral_id"])
    op.create_index("ix_outgoing_letter_case_id", "outgoing_letter", ["case_id"])
    op.create_table(
        "letter_template",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("letter_template", "updated_by", "account.id", True),
        sa.UniqueConstraint("kind", "language", name="uq_letter_template_kind"),
    )
    office_columns = [
        *_texts("address", 300),
        sa.Column("phone", sa.String(64), nullable=False, server_default=""),
        sa.Column("email", sa.String(200), nullable=False, server_default=""),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("signatory_name", sa.String(200), nullable=False, server_default=""),
        *_texts("signatory_title", 300),
    ]
    with op.batch_alter_table("office") as batch:
        for column in office_columns:
            batch.add_column(column)


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")

"""A case's timeline: notes and activities (who did what for the client, when, for how long),
and tasks on the case (what, for whom, by when) that stay on the assignee's dashboard until
done.

Both belong to their case: the database removes them with it (ON DELETE CASCADE; there is no
ORM collection on Case, so erasing a case does not load hundreds of entries first). The
erasure is one audited event of the case; the rows go with the case's own secure delete.
Times are stored in UTC without a zone, as `created_at` everywhere.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from legalaid.domain.base import Audited, Base, utc_now

TITLE_MAX = 300


class CaseEntry(Audited, Base):
    """A note or an activity (an ActivityKind code): a call, a meeting, advice given..."""

    __tablename__ = "case_entry"
    __audit_entity__ = "case_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(24))  # an ActivityKind code
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC
    duration_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("account.id"))  # who did it
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class CaseTask(Audited, Base):
    """Something to do on a case, for one member of staff, open until marked done."""

    __tablename__ = "case_task"
    __audit_entity__ = "case_task"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    assignee_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)  # UTC
    done_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)

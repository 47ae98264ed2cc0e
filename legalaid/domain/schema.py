"""The vault's whole schema as SQLAlchemy knows it: every domain module imported, so that a
question asked of all tables (which rows point at this record?) misses none."""

from __future__ import annotations

import functools
import importlib
import pkgutil

from sqlalchemy import Table

import legalaid.domain
from legalaid.domain.base import Base


@functools.cache
def mapped_tables() -> tuple[Table, ...]:
    for module in pkgutil.iter_modules(legalaid.domain.__path__):
        importlib.import_module(f"legalaid.domain.{module.name}")
    return tuple(Base.metadata.sorted_tables)

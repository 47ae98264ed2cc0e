"""Running Alembic migrations on an open vault."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from legalaid.storage.errors import VaultTooNew

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def revision_on(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return revision_on(connection)


def needs_upgrade(engine: Engine) -> bool:
    """True when the vault is behind; VaultTooNew when it is ahead of this program."""
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise VaultTooNew(revision=current)
    return current != head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade in one transaction: an exception leaves the vault exactly as it was."""
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

"""SQLCipher connections and the SQLAlchemy engine over them.

The raw key is set on the DBAPI connection before SQLAlchemy sees it (never through
`text()`, never in a URL, never logged: SECURITY.md 35). Every connection then has
its cipher profile and durability pragmas asserted (SECURITY.md 1, 3, 4, 27); a
mismatch aborts instead of silently running with weaker settings.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from legalaid.storage.errors import SqlCipherUnavailable, VaultDamaged

# The profile we ship and test. A wheel that changes any of these must fail loudly.
CIPHER_MAJOR = "4."
CIPHER_PAGE_SIZE = "4096"
CIPHER_HMAC = "HMAC_SHA512"
CIPHER_KDF = "PBKDF2_HMAC_SHA512"
BUSY_TIMEOUT_MS = 10_000
# 64 MiB page cache: the working set of 100,000 cases stays decrypted in memory.
CACHE_SIZE_KIB = 64 * 1024

_DRIVER_NAME = "sqlcipher3"


def load_driver() -> Any:
    """The SQLCipher DBAPI module; never a fallback to the standard library's sqlite3."""
    try:
        module = importlib.import_module(_DRIVER_NAME)
    except ImportError as exc:
        raise SqlCipherUnavailable() from exc
    if getattr(module, "__name__", "").split(".")[0] == "sqlite3":
        raise SqlCipherUnavailable()
    return module


def key_pragma(dek: bytearray) -> str:
    return "PRAGMA key = \"x'" + bytes(dek).hex() + "'\""


def _scalar(cursor: Any, sql: str) -> Any:
    cursor.execute(sql)
    row = cursor.fetchone()
    return None if row is None else row[0]


def verify_profile(dbapi_connection: Any) -> None:
    """SECURITY.md 1, 3, 4: SQLCipher 4 with the pinned algorithms, temp data in memory."""
    cursor = dbapi_connection.cursor()
    try:
        version = _scalar(cursor, "PRAGMA cipher_version")
        if not version or not str(version).startswith(CIPHER_MAJOR):
            raise SqlCipherUnavailable()
        checks = {
            "PRAGMA cipher_page_size": CIPHER_PAGE_SIZE,
            "PRAGMA cipher_hmac_algorithm": CIPHER_HMAC,
            "PRAGMA cipher_kdf_algorithm": CIPHER_KDF,
        }
        for pragma, expected in checks.items():
            if str(_scalar(cursor, pragma)) != expected:
                raise SqlCipherUnavailable()
        cursor.execute("PRAGMA compile_options")
        options = {row[0] for row in cursor.fetchall()}
        if not options & {"TEMP_STORE=2", "TEMP_STORE=3"}:
            raise SqlCipherUnavailable()
    finally:
        cursor.close()


def apply_pragmas(dbapi_connection: Any) -> None:
    """Durability and hygiene pragmas (SECURITY.md 27), then read back to be sure."""
    cursor = dbapi_connection.cursor()
    try:
        for statement in (
            "PRAGMA foreign_keys = ON",
            "PRAGMA secure_delete = ON",
            "PRAGMA temp_store = MEMORY",
            "PRAGMA synchronous = FULL",
            f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
            f"PRAGMA cache_size = -{CACHE_SIZE_KIB}",
        ):
            cursor.execute(statement)
        mode = _scalar(cursor, "PRAGMA journal_mode = WAL")
        expected = {
            "PRAGMA foreign_keys": 1,
            "PRAGMA secure_delete": 1,
            "PRAGMA temp_store": 2,
            "PRAGMA synchronous": 2,
        }
        actual = {pragma: _scalar(cursor, pragma) for pragma in expected}
        if str(mode).lower() != "wal" or actual != expected:
            raise SqlCipherUnavailable()
    finally:
        cursor.close()


def damaged_pages_of(connection: Any) -> list[int]:
    """Pages whose HMAC fails (PRAGMA cipher_integrity_check), read without the schema."""
    try:
        rows = connection.execute("PRAGMA cipher_integrity_check").fetchall()
    except load_driver().DatabaseError:
        return []
    pages = []
    for (message,) in rows:
        words = str(message).replace(",", " ").split()
        if "page" in words:
            with contextlib.suppress(ValueError, IndexError):
                pages.append(int(words[words.index("page") + 1]))
    return pages


def connect_raw(path: Path, dek: bytearray, check_same_thread: bool = True) -> Any:
    """Open one keyed, verified DBAPI connection (autocommit; we issue BEGIN ourselves)."""
    driver = load_driver()
    connection = driver.connect(
        str(path), isolation_level=None, check_same_thread=check_same_thread
    )
    try:
        cursor = connection.cursor()
        # SQLCipher's own log goes to stderr by default; keep it silent (SECURITY.md 19).
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(key_pragma(dek))
        cursor.close()
        verify_profile(connection)
        try:
            _scalar(connection.cursor(), "SELECT count(*) FROM sqlite_master")
        except driver.DatabaseError as exc:
            # The schema could not be read: name the pages that fail their HMAC (a damaged
            # page of the schema table itself need not be page 1).
            pages = damaged_pages_of(connection)
            detail = ", ".join(f"page {page}" for page in pages[:5]) or "page 1"
            raise VaultDamaged(detail=detail) from exc
        apply_pragmas(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def make_engine(path: Path, dek_provider: Callable[[], bytearray]) -> Engine:
    """An engine whose connections are keyed with the DEK the provider hands out.

    A small QueuePool: a connection serves one thread at a time and goes back to the
    pool after each use (SingletonThreadPool closes connections other threads still
    use once more threads than its size have touched it). `dispose()` on lock closes
    the idle ones; callers stop their workers before locking.
    """

    def creator() -> Any:
        return connect_raw(path, dek_provider(), check_same_thread=False)

    # module=: SQLAlchemy must know SQLCipher's exception classes to wrap them.
    engine = create_engine(
        "sqlite://",
        module=load_driver(),
        creator=creator,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
        pool_timeout=30,
    )

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # Writers take the write lock at BEGIN, so a transaction never fails half-way on a
        # lock upgrade; readers (see read_only) take none and see a consistent snapshot.
        if connection.get_execution_options().get(READ_ONLY_OPTION):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


READ_ONLY_OPTION = "legalaid_read_only"


def read_only(engine: Engine) -> Engine:
    """The same engine and pool, for transactions that only read (WAL: they never block
    the writer and the writer never blocks them)."""
    return engine.execution_options(**{READ_ONLY_OPTION: True})

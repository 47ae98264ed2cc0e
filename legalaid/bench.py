"""`legalaid bench`: the performance budget, measured (ARCHITECTURE.md).

Builds a throw-away vault in a temporary folder below the app's data folder and
a plain SQLite twin of the same data as the reference, times each operation, and
returns the JSON the architecture page specifies. Operations join as the issues
that bring them land; so far: `kdf` (Argon2id at the default cost) and `unlock`
(opening the database with the data key, checking it and reading: no KDF).
"""

from __future__ import annotations

import contextlib
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from legalaid.paths import data_dir
from legalaid.storage import kdf
from legalaid.storage.engine import connect_raw
from legalaid.storage.vault import Vault

BENCH_PASSPHRASE = "bench vault passphrase, synthetic data only"


def _time(operation: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _summary(samples: list[float], reference: list[float] | None) -> dict[str, Any]:
    ordered = sorted(samples)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    ref = statistics.median(reference) if reference else None
    return {
        "median_ms": round(median, 3),
        "p95_ms": round(p95, 3),
        "reference_median_ms": None if ref is None else round(ref, 3),
        "ratio": None if not ref else round(median / ref, 2),
    }


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def _open_encrypted(path: Path, dek: bytearray) -> None:
    connection = connect_raw(path, dek)
    try:
        connection.execute("PRAGMA quick_check").fetchall()
        connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
    finally:
        connection.close()


def _open_plain(path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in (
            "foreign_keys = ON",
            "secure_delete = ON",
            "temp_store = MEMORY",
            "synchronous = FULL",
            "journal_mode = WAL",
        ):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute("PRAGMA quick_check").fetchall()
        connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
    finally:
        connection.close()


def decrypted_copy(encrypted: Path, dek: bytearray, plain: Path) -> None:
    """A plaintext copy of a *synthetic* vault: the bench's reference, and the tests' proof
    that erased text is gone from the decrypted pages. Never used on real data."""
    connection = connect_raw(encrypted, dek)
    try:
        connection.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
        connection.execute("SELECT sqlcipher_export('plain')")
        connection.execute("DETACH DATABASE plain")
    finally:
        connection.close()


def run(seed: int = 1, repeat: int = 30, kdf_params: kdf.KdfParams = kdf.DEFAULT) -> dict[str, Any]:
    from legalaid.services.setup import create_vault

    random.seed(seed)
    data_dir().mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="bench-", dir=data_dir()))
    try:
        start = time.perf_counter()
        path = folder / "bench.db"
        create_vault(
            path, "bench", "Bench Coordinator", BENCH_PASSPHRASE, params=kdf.FAST_FOR_TESTS
        ).close()
        # `unlock` is measured without the KDF, so the bench keeps the data key of its own
        # throw-away vault (synthetic data only).
        vault = Vault(path)
        vault.unlock("bench", BENCH_PASSPHRASE)
        dek = bytearray(vault._require_dek())
        vault.close()
        plain = folder / "plain.db"
        decrypted_copy(path, dek, plain)
        build_seconds = time.perf_counter() - start

        operations: dict[str, Any] = {}
        salt = bytes(16)
        secret = kdf.passphrase_bytes(BENCH_PASSPHRASE)
        operations["kdf"] = _summary(
            _time(lambda: kdf_params.derive(secret, salt), max(3, repeat // 10)), None
        )
        operations["unlock"] = _summary(
            _time(lambda: _open_encrypted(path, dek), repeat),
            _time(lambda: _open_plain(plain), repeat),
        )
        return {
            "cases": 0,
            "seed": seed,
            "build_seconds": round(build_seconds, 2),
            "peak_rss_mb": _peak_rss_mb(),
            "kdf_parameters": kdf_params.to_json(),
            "operations": operations,
        }
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)

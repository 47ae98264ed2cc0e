"""`legalaid bench` returns the JSON shape ARCHITECTURE.md gives (timings are not judged here)."""

from __future__ import annotations

import os
from pathlib import Path

from legalaid import bench
from legalaid.storage import kdf


def test_bench_json_shape_and_cleanup() -> None:
    result = bench.run(seed=3, repeat=3, kdf_params=kdf.FAST_FOR_TESTS)
    assert {"cases", "seed", "build_seconds", "peak_rss_mb", "operations"} <= set(result)
    assert result["seed"] == 3
    assert set(result["operations"]) == {"kdf", "unlock"}
    kdf_op, unlock = result["operations"]["kdf"], result["operations"]["unlock"]
    assert kdf_op["reference_median_ms"] is None and kdf_op["ratio"] is None
    assert unlock["reference_median_ms"] > 0 and unlock["ratio"] > 0
    assert unlock["median_ms"] <= unlock["p95_ms"]
    home = Path(os.environ["LEGALAID_HOME"])
    assert not list(home.glob("bench-*")), "the synthetic vault was left behind"

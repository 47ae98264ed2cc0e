"""`legalaid bench` returns the JSON shape ARCHITECTURE.md gives (timings are not judged here)."""

from __future__ import annotations

import os
from pathlib import Path

from legalaid import bench
from legalaid.storage import kdf

DATABASE_OPERATIONS = {
    "unlock",
    "search_name",
    "search_number",
    "search_pin_phone",
    "case_list_page",
    "open_case",
    "statistics_year",
}

# Measured in the vault only (no plain-SQLite twin to compare with).
VAULT_ONLY = {
    "case_history",
    "case_timeline",
    "dashboard_tasks",
    "duplicate_check",
    "save_intake",
    "letter",
    "letters_100",
    "dashboard_referrals",
    "case_referrals",
    "agenda_month",
    "dashboard",
    "findings_year",
    "report_pdf",
    "dashboard_tiles",
    "import_plan",
    "import_write",
    "import_replan",
}


def test_bench_json_shape_and_cleanup() -> None:
    result = bench.run(cases_count=300, seed=3, repeat=5, kdf_params=kdf.FAST_FOR_TESTS)
    assert {"cases", "seed", "build_seconds", "peak_rss_mb", "operations"} <= set(result)
    assert (result["cases"], result["seed"]) == (300, 3)
    assert result["observations"] == 50  # a tenth of the cases, at least 50
    assert set(result["operations"]) == DATABASE_OPERATIONS | VAULT_ONLY | {"kdf"}
    for name in VAULT_ONLY:
        assert result["operations"][name]["median_ms"] > 0, name
    kdf_op = result["operations"]["kdf"]
    assert kdf_op["reference_median_ms"] is None and kdf_op["ratio"] is None
    for name in DATABASE_OPERATIONS:
        operation = result["operations"][name]
        assert operation["reference_median_ms"] > 0 and operation["ratio"] > 0, name
        assert operation["median_ms"] <= operation["p95_ms"], name
    home = Path(os.environ["LEGALAID_HOME"])
    assert not list(home.glob("bench-*")), "the synthetic vault was left behind"

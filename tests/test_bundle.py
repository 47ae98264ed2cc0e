"""The frozen app (installer/legalaid.spec, built by installer/build.py) starts on a machine
without Python and passes its self-test: a temporary vault, a record found again, a letter,
the three languages, Qt offscreen. Built here for Linux; CI always runs it, a developer may
pass --skip-bundle. The self-test leaves nothing behind in the temporary folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.bundle
@pytest.mark.slow
def test_the_frozen_bundle_runs_its_self_test(tmp_path: Path) -> None:
    dist, work = tmp_path / "dist", tmp_path / "work"
    built = subprocess.run(
        [
            sys.executable,
            str(ROOT / "installer" / "build.py"),
            "--dist",
            str(dist),
            "--work",
            str(work),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert "MB, built in" in built.stdout
    bundle = dist / "legalaid"
    assert not (bundle / "_internal" / "pytest").exists()  # tests are not shipped
    assert (bundle / "_internal" / "legalaid" / "resources" / "translations").is_dir()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    home = tmp_path / "bare-home"
    home.mkdir()
    # No Python of ours on the way: no virtual environment, no PYTHONPATH, a bare PATH.
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(home), "TMPDIR": str(temporary)}
    bare["LANG"] = "C.UTF-8"
    bare["LEGALAID_LANG"] = "en"  # the lines checked below are in English
    ran = subprocess.run(
        [str(bundle / "legalaid"), "--self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        env=bare,
        check=False,
        cwd=tmp_path,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    for step in ("translations", "Qt translations", "vault", "records", "letter", "window"):
        assert f"ok   {step} (" in ran.stdout, step
    assert "self-test passed" in ran.stdout
    assert list(temporary.iterdir()) == []  # the temporary vault and its logs are gone
    assert not list(home.rglob("*.db"))  # nor anywhere in the home folder

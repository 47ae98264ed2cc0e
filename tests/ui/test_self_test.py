"""`legalaid --self-test` (ui/self_test.py) in the development environment: every step
passes and says so, the temporary folder is removed, and a failing step stops the test
with its name and reason and exit code 1. The frozen bundle runs it in tests/test_bundle.py."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import ui.self_test as self_test
from legalaid.cli import main


def test_every_step_passes_and_nothing_is_left(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    home = os.environ["LEGALAID_HOME"]
    out = io.StringIO()
    assert self_test.run(out) == 0
    lines = out.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines[:-1]] == [
        "ok   translations",
        "ok   Qt translations",
        "ok   vault",
        "ok   records",
        "ok   letter",
        "ok   window",
    ]
    assert lines[-1].startswith("self-test passed")
    assert list(scratch.iterdir()) == []
    assert os.environ["LEGALAID_HOME"] == home  # restored


def test_a_failing_step_is_named_and_exits_1(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def broken(_ws: object, _case_id: int) -> int:
        raise OSError("fonts folder not found")

    monkeypatch.setattr(self_test, "_letter", broken)
    assert main(["--self-test"]) == 1
    printed = capsys.readouterr().out
    assert "ok   records" in printed
    assert "FAIL OSError: fonts folder not found" in printed
    assert "window" not in printed
    assert list(scratch.iterdir()) == []

"""The README's two commands come first, and CI runs exactly the README's test command."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    return [
        line.strip()
        for line in (ROOT / "README.md").read_text("utf-8").splitlines()
        if line.startswith("    python3 -m venv")
    ]


def test_readme_starts_with_the_two_commands() -> None:
    commands = _commands()
    assert len(commands) >= 2
    assert commands[0].endswith("legalaid demo --open")
    assert "pytest" in commands[1] and "[test]" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert _commands()[1] in ci_lines

"""Running `python -m legalaid` as a person at a terminal would, on a test vault, signed in
as the test coordinator: (exit code, stdout, stderr)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE


def run_legalaid(args: list[str], vault: Path, **env: str) -> tuple[int, str, str]:
    variables = {k: v for k, v in os.environ.items() if not k.startswith("LEGALAID_")}
    variables.update(
        LEGALAID_HOME=os.environ["LEGALAID_HOME"],
        LEGALAID_VAULT=str(vault),
        LEGALAID_USER=ADMIN,
        LEGALAID_PASSPHRASE=ADMIN_PASSPHRASE,
        **env,
    )
    done = subprocess.run(
        [sys.executable, "-m", "legalaid", *args],
        capture_output=True,
        text=True,
        env=variables,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr

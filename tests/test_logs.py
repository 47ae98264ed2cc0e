"""SECURITY.md 19: logs and error output carry ids and counts, never names or secrets."""

from __future__ import annotations

import os
from pathlib import Path

from helpers.make_vault import CANARY
from test_cli import FAST, run

PASSPHRASE = f"{CANARY} passphrase of the coordinator"


def test_a_full_scenario_leaves_no_name_login_or_passphrase_in_logs(
    vault_path: Path, tmp_path: Path
) -> None:
    env = {"LEGALAID_VAULT": str(vault_path), "LEGALAID_PASSPHRASE": PASSPHRASE}
    outputs = []
    steps: list[tuple[list[str], dict[str, str]]] = [
        (
            [
                "init",
                "--admin",
                "qcoord",
                "--name",
                f"Жылдыз {CANARY}",
                "--office-name",
                f"{CANARY} кеңсеси",
                *FAST,
            ],
            env,
        ),
        (
            ["users", "add", "qlawyer", "--name", f"Нурбек {CANARY}", "--role", "lawyer"],
            {
                **env,
                "LEGALAID_USER": "qcoord",
                "LEGALAID_NEW_PASSPHRASE": f"{CANARY} passphrase of the lawyer",
            },
        ),
        (["--user", "qlawyer", "status"], {**env, "LEGALAID_PASSPHRASE": "wrong " * 3}),
        (["--user", "qcoord", "backup", "--to", str(tmp_path / "b.labak")], env),
        (["--user", "qcoord", "users", "deactivate", "qlawyer"], env),
        (["--user", "qcoord", "check"], env),
    ]
    for args, step_env in steps:
        _code, out, err = run(args, step_env)
        outputs.append(out + err)
    log_file = Path(os.environ["LEGALAID_HOME"]) / "logs" / "legalaid.log"
    text = log_file.read_text("utf-8")
    assert "signed in" in text and "data key rotated" in text and "backup verified" in text
    for secret in (CANARY, "qcoord", "qlawyer", "Жылдыз", "Нурбек", "passphrase of"):
        assert secret not in text
    # What the commands printed after set-up names no one either (logins are fine there).
    assert CANARY not in "".join(outputs[2:])

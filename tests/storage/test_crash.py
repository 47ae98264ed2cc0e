"""SECURITY.md 28 and 2: a writer killed with SIGKILL loses nothing committed, keeps nothing
half-done, and leaves no plaintext behind."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, CANARY, files_containing, new_vault
from sqlalchemy import func, select

from legalaid.domain.accounts import Office
from legalaid.services import maintenance
from legalaid.services.auth import sign_in

WRITER = Path(__file__).resolve().parent.parent / "helpers" / "writer.py"
BATCH = 60
ROUNDS = 20

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL drill needs POSIX")


def _start_writer(vault_path: Path, prefix: str, first_batch: int = 1) -> subprocess.Popen[str]:
    env = dict(os.environ, LEGALAID_PASSPHRASE=ADMIN_PASSPHRASE)
    process = subprocess.Popen(
        [sys.executable, str(WRITER), str(vault_path), str(BATCH), prefix, str(first_batch)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready", process.stderr.read()  # type: ignore[union-attr]
    return process


def _kill_after(process: subprocess.Popen[str], seconds: float) -> list[int]:
    acknowledged: list[int] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            acknowledged.append(int(line))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    process.wait()
    reader.join(timeout=5)
    assert process.stderr is not None and process.stdout is not None
    process.stderr.close()
    process.stdout.close()
    return acknowledged


def _batch_sizes(vault_path: Path) -> dict[int, int]:
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        report = maintenance.check(ws)
        assert report.ok, [(i.code, i.message, i.params) for i in report.items if not i.ok]
        with ws.session() as session:
            codes = session.scalars(select(Office.code).where(Office.code.like("B%"))).all()
            assert session.scalar(select(func.count()).select_from(Office)) == len(codes) + 1
    sizes: dict[int, int] = {}
    for code in codes:
        batch = int(code[1:].split("-")[0])
        sizes[batch] = sizes.get(batch, 0) + 1
    return sizes


@pytest.mark.slow
def test_sigkill_during_large_transactions_twenty_rounds(vault_path: Path) -> None:
    new_vault(vault_path).close()
    rng = random.Random(20261128)
    seen_batches: dict[int, int] = {}
    commits = 0
    for round_number in range(ROUNDS):
        writer = _start_writer(vault_path, f"R{round_number}", max(seen_batches, default=0) + 1)
        acknowledged = _kill_after(writer, rng.uniform(0.05, 0.4))
        commits += len(acknowledged)
        sizes = _batch_sizes(vault_path)
        for batch in acknowledged:
            assert sizes.get(batch) == BATCH, f"round {round_number}: batch {batch} lost"
        assert all(size == BATCH for size in sizes.values()), "a half transaction survived"
        seen_batches = sizes
    assert commits > 0, "the writer never committed: the drill proved nothing"
    assert seen_batches


@pytest.mark.slow
def test_no_plaintext_after_a_crash_mid_transaction(vault_path: Path) -> None:
    new_vault(vault_path).close()
    writer = _start_writer(vault_path, CANARY)
    acknowledged = _kill_after(writer, 0.6)
    assert acknowledged, "nothing was committed before the kill"
    assert files_containing(vault_path.parent, CANARY) == []


CLIENT_WRITER = Path(__file__).resolve().parent.parent / "helpers" / "client_writer.py"


@pytest.mark.slow
def test_client_records_leave_no_plaintext_even_after_sigkill(vault_path: Path) -> None:
    new_vault(vault_path).close()
    env = dict(os.environ, LEGALAID_PASSPHRASE=ADMIN_PASSPHRASE)
    for round_number in range(3):
        process = subprocess.Popen(
            [
                sys.executable,
                str(CLIENT_WRITER),
                str(vault_path),
                CANARY,
                str(1 + 2000 * round_number),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        acknowledged = _kill_after(process, 0.4 + 0.2 * round_number)
        assert acknowledged, "nothing was committed before the kill"
        for secret in (CANARY, "күйөөсү урушат", "husband beats", "10101199", "+996 555"):
            assert files_containing(vault_path.parent, secret) == [], secret
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        assert maintenance.check(ws).ok
        from legalaid.services import search

        assert search.search(ws, CANARY).people  # the records are there, just not in clear

"""Failed sign-ins, counted outside the vault (SECURITY.md 9).

A wrong passphrase cannot write into a vault it could not open, and must not touch
the vault or its key file; so failures are counted in `<vault>.attempts`, keyed by
slot id (a salted hash: no login in clear). After 5 failures in a row the next
attempt must wait, doubling from 2 seconds up to 5 minutes. The count is handed to
the next successful sign-in of that account, which reports and audits it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from legalaid.storage.atomic import write_atomic

FREE_ATTEMPTS = 5
FIRST_DELAY_SECONDS = 2
MAX_DELAY_SECONDS = 300


def attempts_path(vault_path: Path) -> Path:
    return Path(vault_path).with_name(Path(vault_path).name + ".attempts")


def delay_after(failures: int) -> int:
    """Seconds to wait after `failures` consecutive failures (0 while under the limit)."""
    if failures < FREE_ATTEMPTS:
        return 0
    return int(min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS)))


class AttemptCounter:
    def __init__(self, vault_path: Path) -> None:
        self._path = attempts_path(vault_path)

    def _read(self) -> dict[str, dict[str, float]]:
        try:
            data = json.loads(self._path.read_text("utf-8"))
        except (FileNotFoundError, ValueError, UnicodeDecodeError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, float]]) -> None:
        write_atomic(self._path, json.dumps(data, sort_keys=True).encode("utf-8"))

    def seconds_to_wait(self, slot_id: str) -> int:
        entry = self._read().get(slot_id)
        if not entry:
            return 0
        ready_at = entry.get("last", 0.0) + delay_after(int(entry.get("failures", 0)))
        return max(0, int(round(ready_at - time.time() + 0.499)))

    def record_failure(self, slot_id: str) -> int:
        data = self._read()
        entry = data.get(slot_id, {"failures": 0})
        entry["failures"] = int(entry.get("failures", 0)) + 1
        entry["last"] = time.time()
        data[slot_id] = entry
        self._write(data)
        return int(entry["failures"])

    def take_on_success(self, slot_id: str) -> int:
        """Reset the counter for the slot; return how many failures happened since last success."""
        data = self._read()
        entry = data.pop(slot_id, None)
        if entry is None:
            return 0
        self._write(data)
        return int(entry.get("failures", 0))

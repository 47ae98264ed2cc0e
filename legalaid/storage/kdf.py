"""Argon2id parameters for key slots: the default, the floor, and the derivation.

Parameters are stored in every slot, so raising the default later leaves old slots
openable; a slot below the floor is refused (SECURITY.md 8).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from legalaid.i18n import N_
from legalaid.storage.errors import VaultError

ALGORITHM = "argon2id"
KEY_BYTES = 32


class WeakKdfParameters(VaultError):
    template = N_(
        "The key file holds a key slot whose protection is weaker than allowed "
        "(at least {memory} MiB of memory and {iterations} passes); it was refused."
    )
    exit_code = 16


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    iterations: int
    lanes: int

    def to_json(self) -> dict[str, Any]:
        return {
            "algorithm": ALGORITHM,
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        if data.get("algorithm") != ALGORITHM:
            raise ValueError("unknown key derivation algorithm")
        return cls(int(data["memory_kib"]), int(data["iterations"]), int(data["lanes"]))

    def check_floor(self) -> None:
        if (
            self.memory_kib < FLOOR.memory_kib
            or self.iterations < FLOOR.iterations
            or not 1 <= self.lanes <= 64
        ):
            raise WeakKdfParameters(memory=FLOOR.memory_kib // 1024, iterations=FLOOR.iterations)

    def derive(self, secret: bytes | bytearray, salt: bytes) -> bytearray:
        self.check_floor()
        kdf = Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return bytearray(kdf.derive(bytes(secret)))


# 256 MiB, 3 passes, 4 lanes: about 0.6-1 s on a 2-core office PC (SECURITY.md 8).
DEFAULT = KdfParams(memory_kib=256 * 1024, iterations=3, lanes=4)
# OWASP's minimum for Argon2id: 19 MiB and 2 passes. Nothing below is ever opened.
FLOOR = KdfParams(memory_kib=19 * 1024, iterations=2, lanes=1)
# The cheapest acceptable profile; only tests and benchmarks ask for it explicitly.
FAST_FOR_TESTS = FLOOR


def passphrase_bytes(passphrase: str) -> bytearray:
    """UTF-8 of the NFC form, so a Kyrgyz letter typed precomposed or decomposed is one key."""
    return bytearray(unicodedata.normalize("NFC", passphrase).encode("utf-8"))


def wipe(buffer: bytearray | None) -> None:
    """Best-effort overwrite of key material we control (Python may hold other copies)."""
    if buffer is not None:
        for index in range(len(buffer)):
            buffer[index] = 0

"""Printed recovery keys: 160 random bits plus a 40-bit checksum, in Base32 groups.

`ABCDE-FGHIJ-...` (8 groups of 5) is easy to read aloud and to type; the checksum
tells a typing mistake apart from a wrong key.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.storage.kdf import wipe

SECRET_BYTES = 20
CHECK_BYTES = 5
GROUP = 5


def generate() -> tuple[bytearray, str]:
    secret = bytearray(secrets.token_bytes(SECRET_BYTES))
    return secret, format_key(secret)


def format_key(secret: bytearray) -> str:
    check = hashlib.sha256(bytes(secret)).digest()[:CHECK_BYTES]
    text = base64.b32encode(bytes(secret) + check).decode("ascii")
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def parse(text: str) -> bytearray:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        raw = b""
    secret, check = raw[:SECRET_BYTES], raw[SECRET_BYTES:]
    if len(raw) != SECRET_BYTES + CHECK_BYTES or (
        hashlib.sha256(secret).digest()[:CHECK_BYTES] != check
    ):
        raise ValidationError(
            N_("The recovery key is not complete or has a typing mistake; check every group."),
            field="recovery_key",
        )
    return bytearray(secret)


__all__ = ["generate", "format_key", "parse", "wipe"]

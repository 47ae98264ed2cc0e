"""Printed recovery keys, whole or split into shares held by different trustees.

A key is 160 random bits. Printed, it is Base32 in 8 groups of 5 (`ABCDE-FGHIJ-...`):
the 20 secret bytes and a 5-byte checksum, so a typing mistake is told apart from a
wrong key. A share (Shamir, any k of n) prints the same way: one byte with k and its
number, the 20 share bytes and a 4-byte checksum.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass

from legalaid import secret_sharing
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.storage.kdf import wipe

SECRET_BYTES = 20
KEY_CHECK_BYTES = 5
SHARE_CHECK_BYTES = 4
GROUP = 5


@dataclass(frozen=True)
class Share:
    number: int
    threshold: int
    value: bytes


def _printable(raw: bytes) -> str:
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def _key_check(secret: bytes) -> bytes:
    return hashlib.sha256(secret).digest()[:KEY_CHECK_BYTES]


def _share_check(body: bytes) -> bytes:
    return hashlib.sha256(b"legalaid share v1" + body).digest()[:SHARE_CHECK_BYTES]


def format_key(secret: bytearray) -> str:
    return _printable(bytes(secret) + _key_check(bytes(secret)))


def format_share(share: Share) -> str:
    body = bytes([share.threshold << 4 | share.number]) + share.value
    return _printable(body + _share_check(body))


def generate() -> tuple[bytearray, str]:
    secret = bytearray(secrets.token_bytes(SECRET_BYTES))
    return secret, format_key(secret)


def generate_shares(shares: int, threshold: int) -> tuple[bytearray, list[str]]:
    """A new secret split into `shares` printed shares, any `threshold` of which open it."""
    secret = bytearray(secrets.token_bytes(SECRET_BYTES))
    pieces = secret_sharing.split(secret, shares, threshold)
    return secret, [format_share(Share(x, threshold, bytes(y))) for x, y in pieces]


def _typo() -> ValidationError:
    return ValidationError(
        N_("The recovery key is not complete or has a typing mistake; check every group."),
        field="recovery_key",
    )


def parse_any(text: str) -> bytearray | Share:
    """A whole key (the secret) or one share; ValidationError on a typing mistake."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        raise _typo() from None
    if len(raw) != SECRET_BYTES + KEY_CHECK_BYTES:
        raise _typo()
    secret, check = raw[:SECRET_BYTES], raw[SECRET_BYTES:]
    if _key_check(secret) == check:
        return bytearray(secret)
    body, check = raw[: 1 + SECRET_BYTES], raw[1 + SECRET_BYTES :]
    if _share_check(body) == check:
        return Share(number=body[0] & 0x0F, threshold=body[0] >> 4, value=body[1:])
    raise _typo()


def parse(text: str) -> bytearray:
    """A whole recovery key (not a share)."""
    found = parse_any(text)
    if isinstance(found, Share):
        return secret_from([text])
    return found


def secret_from(texts: list[str]) -> bytearray:
    """The recovery secret from one whole key, or from enough shares."""
    parsed = [parse_any(text) for text in texts if text.strip()]
    keys = [item for item in parsed if isinstance(item, bytearray)]
    if keys:
        return keys[0]
    shares = {item.number: item for item in parsed if isinstance(item, Share)}
    if not shares:
        raise _typo()
    threshold = max(share.threshold for share in shares.values())
    if len(shares) < threshold or len({s.threshold for s in shares.values()}) != 1:
        raise ValidationError(
            N_("{count} different shares were given; {threshold} are needed."),
            field="recovery_key",
            count=len(shares),
            threshold=threshold,
        )
    chosen = list(shares.values())[:threshold]
    return secret_sharing.combine([(share.number, share.value) for share in chosen])


__all__ = [
    "generate",
    "generate_shares",
    "format_key",
    "parse",
    "parse_any",
    "secret_from",
    "wipe",
]

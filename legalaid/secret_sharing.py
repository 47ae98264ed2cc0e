"""Shamir's secret sharing over GF(256), for recovery keys split among trustees.

A coordinator may split the recovery key into n shares of which any k open the vault
(Martus does the same), so no single person holds a way in. Each byte of the secret
is the constant term of its own random polynomial of degree k-1; share x holds the
polynomials' values at x. Fewer than k shares reveal nothing about the secret.
"""

from __future__ import annotations

import secrets

# GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1; 3 generates the field.
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value ^= (_value << 1) ^ (0x11B if _value & 0x80 else 0)
    _value &= 0xFF
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]


def _mul(a: int, b: int) -> int:
    if a == 0 or b == 0:
        return 0
    return _EXP[_LOG[a] + _LOG[b]]


def _div(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError("division by zero in GF(256)")
    if a == 0:
        return 0
    return _EXP[(_LOG[a] - _LOG[b]) % 255]


def split(secret: bytes | bytearray, shares: int, threshold: int) -> list[tuple[int, bytearray]]:
    """`shares` pieces (x, y) of which any `threshold` give back `secret`."""
    if not 2 <= threshold <= shares <= 15:
        raise ValueError("need 2 <= threshold <= shares <= 15")
    coefficients = [
        [byte, *(secrets.randbelow(256) for _ in range(threshold - 1))] for byte in secret
    ]
    pieces = []
    for x in range(1, shares + 1):
        y = bytearray()
        for poly in coefficients:
            acc = 0
            for coefficient in reversed(poly):  # Horner
                acc = _mul(acc, x) ^ coefficient
            y.append(acc)
        pieces.append((x, y))
    return pieces


def combine(pieces: list[tuple[int, bytes | bytearray]]) -> bytearray:
    """Lagrange interpolation at 0. Distinct x values; as many pieces as the threshold."""
    xs = [x for x, _ in pieces]
    if len(set(xs)) != len(xs) or 0 in xs:
        raise ValueError("shares must be distinct")
    length = len(pieces[0][1])
    secret = bytearray(length)
    for i, (xi, yi) in enumerate(pieces):
        weight = 1
        for j, (xj, _) in enumerate(pieces):
            if i != j:
                weight = _mul(weight, _div(xj, xj ^ xi))
        for index in range(length):
            secret[index] ^= _mul(yi[index], weight)
    return secret

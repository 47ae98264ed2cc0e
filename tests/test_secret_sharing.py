"""Shamir's scheme: any k of n shares give the secret back; fewer give something else."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalaid.secret_sharing import combine, split


@settings(max_examples=60, deadline=None)
@given(secret=st.binary(min_size=1, max_size=32), n=st.integers(2, 6), data=st.data())
def test_any_threshold_subset_recovers(secret: bytes, n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(2, n))
    pieces = split(secret, n, k)
    for subset in itertools.combinations(pieces, k):
        assert combine(list(subset)) == secret


def test_fewer_shares_do_not_recover() -> None:
    secret = bytes(range(20))
    pieces = split(secret, 5, 3)
    assert all(combine(list(pair)) != secret for pair in itertools.combinations(pieces, 2))


@pytest.mark.parametrize(("n", "k"), [(1, 1), (3, 1), (2, 3), (16, 2)])
def test_bad_parameters(n: int, k: int) -> None:
    with pytest.raises(ValueError):
        split(b"secret", n, k)


def test_duplicate_shares_are_refused() -> None:
    pieces = split(b"secret", 3, 2)
    with pytest.raises(ValueError):
        combine([pieces[0], pieces[0]])

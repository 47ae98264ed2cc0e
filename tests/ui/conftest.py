"""Qt test settings shared by the window tests."""

from __future__ import annotations

import pytest

from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _close_without_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests close windows with forms left half-filled; only the tests about closing turn
    the question back on (and answer it)."""
    monkeypatch.setattr(MainWindow, "ASK_BEFORE_CLOSING", False)

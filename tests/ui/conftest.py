"""Qt tests never block on a question box: the seams answer unless a test says otherwise."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _answer_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.main_window

    monkeypatch.setattr(ui.main_window, "confirm_discard", lambda _parent: True)

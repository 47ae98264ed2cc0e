"""Legal Aid Desk core: everything the desktop app does, without Qt.

`legalaid` must never import PySide6 or `ui` (tests/test_layers.py enforces it),
so that every capability stays scriptable and testable headless.
"""

__version__ = "0.1.0"

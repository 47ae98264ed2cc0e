"""The frozen application's entry point (PyInstaller starts here): the same `legalaid`
command as an installed wheel, so `legalaid --self-test`, `legalaid gui` and the rest work
in the bundle too. With no arguments it opens the desktop app."""

from __future__ import annotations

import sys

from legalaid.cli import main

if __name__ == "__main__":
    sys.exit(main())

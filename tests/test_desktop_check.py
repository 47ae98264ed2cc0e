"""A Linux PC without Qt's X11 libraries gets a translated message naming the packages,
not Qt's abort."""

from __future__ import annotations

import pytest

from legalaid import cli, desktop_check, i18n

LDD = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
"""


def test_missing_libraries_are_read_from_ldd() -> None:
    assert desktop_check.missing_libraries(LDD) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]
    assert desktop_check.missing_libraries("\tlibc.so.6 => /lib/libc.so.6\n") == []


def test_the_message_names_the_packages_in_the_interface_language() -> None:
    missing = desktop_check.missing_libraries(LDD)
    i18n.set_language("ru")
    text = desktop_check.advice(missing)
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in text
    assert "окно" in text.lower()


def test_the_gui_command_stops_with_the_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(desktop_check, "problem", lambda: "libraries are missing")
    assert cli.main(["gui"]) == cli.EXIT_ENVIRONMENT
    assert "libraries are missing" in capsys.readouterr().err

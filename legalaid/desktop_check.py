"""Before opening the desktop window on Linux: are the system libraries Qt's X11 plugin
needs installed? Without them Qt aborts with a message in English about "xcb"; this says
in the person's language which packages to install (Debian and Ubuntu names)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

from legalaid.i18n import _

# Libraries Qt's xcb platform plugin links to, and the Debian/Ubuntu packages holding them.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries `ldd` reports as "not found"."""
    return sorted(
        {
            line.split("=>")[0].strip()
            for line in ldd_output.splitlines()
            if "=>" in line and "not found" in line
        }
    )


def advice(missing: list[str]) -> str:
    packages = sorted({PACKAGES.get(name, name) for name in missing})
    return _(
        "The desktop window cannot open: the system lacks {libraries}. "
        "On Debian or Ubuntu: sudo apt install {packages}"
    ).format(libraries=", ".join(missing), packages=" ".join(packages))


def x11_plugin() -> Path | None:
    """Qt's xcb platform plugin, when this is Linux and Qt would use it."""
    if not sys.platform.startswith("linux"):
        return None
    if os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb" or os.environ.get("WAYLAND_DISPLAY"):
        return None
    spec = importlib.util.find_spec("PySide6")  # located, not imported: the core has no Qt
    if spec is None or spec.origin is None:
        return None
    plugin = Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def problem() -> str | None:
    """A translated message when the window cannot open for lack of libraries, else None."""
    plugin = x11_plugin()
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return None
    result = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False)
    missing = missing_libraries(result.stdout)
    return advice(missing) if missing else None

"""Process hardening at start-up (SECURITY.md 18): no core dumps of a process holding keys."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys

PR_SET_DUMPABLE = 4


def disable_core_dumps() -> None:
    """RLIMIT_CORE = 0 and, on Linux, PR_SET_DUMPABLE = 0 (also blocks ptrace by other users)."""
    if os.name != "posix":
        return
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)

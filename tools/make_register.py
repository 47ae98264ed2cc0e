"""Write a synthetic register with deliberate errors to try the import on:
`python tools/make_register.py OUT.csv [ROWS] [SEED] [--later]` (see
legalaid/services/imports/sample_register.py for what it holds)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from legalaid.services.imports.sample_register import register_text  # noqa: E402


def main() -> int:
    later = "--later" in sys.argv
    args = [arg for arg in sys.argv[1:] if arg != "--later"]
    target = Path(args[0])
    count = int(args[1]) if len(args) > 1 else 5000
    seed = int(args[2]) if len(args) > 2 else 1
    text = register_text(count, seed, later)
    target.write_bytes(text.encode("cp1251"))
    print(f"{target}: {count} rows")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

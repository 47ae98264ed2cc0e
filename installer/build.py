"""Build Legal Aid Desk for office PCs: one command on the OS it is run on.

    python installer/build.py            # the one-folder bundle in dist/legalaid/
    python installer/build.py --setup    # Windows: also dist/LegalAidDesk-<version>-setup.exe

Needs the project installed with the build extra (`pip install -e ".[build]"`: PyInstaller);
the Windows setup also needs Inno Setup 6 (ISCC.exe on PATH or in its default folder). The
bundle runs without Python; check it with `dist/legalaid/legalaid --self-test`. Prints the
bundle's size and the build time.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "legalaid.spec"
ISS = ROOT / "installer" / "legalaid.iss"
INNO_DEFAULT = Path("C:/Program Files (x86)/Inno Setup 6/ISCC.exe")


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def write_windows_version(target: Path, number: str) -> None:
    """The version and company shown in the .exe's properties (Windows only)."""
    parts = [int(p) for p in number.split(".")[:3]] + [0]
    numbers = tuple((parts + [0, 0, 0, 0])[:4])
    target.parent.mkdir(parents=True, exist_ok=True)
    strings = {
        "CompanyName": "Legal Aid Desk contributors",
        "FileDescription": "Legal Aid Desk",
        "FileVersion": number,
        "InternalName": "legalaid",
        "LegalCopyright": "GPL-3.0-or-later",
        "OriginalFilename": "legalaid.exe",
        "ProductName": "Legal Aid Desk",
        "ProductVersion": number,
    }
    entries = ",\n".join(f"          StringStruct('{k}', '{v}')" for k, v in strings.items())
    target.write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
{entries}
    ])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
""",
        "utf-8",
    )


def build_bundle(dist: Path, work: Path) -> Path:
    if sys.platform == "win32":
        write_windows_version(ROOT / "build" / "windows-version.txt", version())
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        f"--distpath={dist}",
        f"--workpath={work}",
        str(SPEC),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / "legalaid"


def build_setup(dist: Path) -> Path:
    compiler = shutil.which("ISCC") or (str(INNO_DEFAULT) if INNO_DEFAULT.exists() else None)
    if compiler is None:
        raise SystemExit("Inno Setup 6 (ISCC.exe) was not found: install it, then run again.")
    subprocess.run(
        [compiler, f"/DAppVersion={version()}", f"/DDistDir={dist}", f"/O{dist}", str(ISS)],
        check=True,
        cwd=ROOT,
    )
    return dist / f"LegalAidDesk-{version()}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--setup", action="store_true", help="Windows: also the setup .exe")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    bundle = build_bundle(args.dist.resolve(), args.work.resolve())
    seconds = time.perf_counter() - started
    size = folder_size(bundle) / 1024 / 1024
    print(f"bundle: {bundle} ({size:.0f} MB, built in {seconds:.0f} s)")
    if args.setup:
        if sys.platform != "win32":
            raise SystemExit("The setup program is built on Windows (Inno Setup).")
        print(f"setup: {build_setup(args.dist.resolve())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

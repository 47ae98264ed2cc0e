"""What cannot be built here (the Windows setup) is checked as far as text allows: the Inno
Setup script installs per machine, makes the shared vault folder and never removes it,
offers English and Russian, and starts the executable the PyInstaller spec makes; the
version comes from pyproject.toml into both the setup and the .exe's properties."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ISS = (ROOT / "installer" / "legalaid.iss").read_text("utf-8")
SPEC = (ROOT / "installer" / "legalaid.spec").read_text("utf-8")


def build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "installer_build", ROOT / "installer" / "build.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["installer_build"] = module
    spec.loader.exec_module(module)
    return module


def section(name: str) -> str:
    found = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", ISS, re.M | re.S)
    return found.group(1) if found else ""


def test_the_setup_installs_per_machine_and_keeps_vaults() -> None:
    setup = section("Setup")
    assert "PrivilegesRequired=admin" in setup
    assert r"DefaultDirName={autopf}\Legal Aid Desk" in setup
    assert "AppVersion={#AppVersion}" in setup
    vault_folder = section("Dirs")
    assert r"{commonappdata}\LegalAidDesk" in vault_folder
    assert "users-modify" in vault_folder and "uninsneveruninstall" in vault_folder
    assert not re.search(r"^\[UninstallDelete\]", ISS, re.M)  # only installed files go
    languages = section("Languages")
    assert 'Name: "en"' in languages and r"Languages\Russian.isl" in languages
    assert (ROOT / "resources" / "icons" / "legalaid.ico").exists()


def test_the_shortcuts_start_the_executable_the_spec_makes() -> None:
    assert r"{app}\LegalAidDesk.exe" in section("Icons")
    assert 'executable("LegalAidDesk", False)' in SPEC  # windowed, no console
    assert 'executable("legalaid", True)' in SPEC  # the command line and --self-test
    assert r"{#DistDir}\legalaid\*" in section("Files")


def test_the_exe_properties_carry_the_version_of_pyproject(tmp_path: Path) -> None:
    build = build_module()
    with (ROOT / "pyproject.toml").open("rb") as file:
        assert build.version() == tomllib.load(file)["project"]["version"]
    target = tmp_path / "version.txt"
    build.write_windows_version(target, "1.2.3")
    made: dict[str, Any] = {}

    def record(name: str) -> Any:
        def make(*args: Any, **kwargs: Any) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
            made.setdefault(name, []).append((args, kwargs))
            return name, args, kwargs

        return make

    names = (
        "VSVersionInfo FixedFileInfo StringFileInfo StringTable StringStruct VarFileInfo VarStruct"
    )
    eval(target.read_text("utf-8"), {n: record(n) for n in names.split()})  # noqa: S307
    strings = {args[0]: args[1] for args, _kw in made["StringStruct"]}
    assert strings["ProductVersion"] == "1.2.3" and strings["CompanyName"]
    assert made["FixedFileInfo"][0][1]["filevers"] == (1, 2, 3, 0)

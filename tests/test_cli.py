"""The command line as a coordinator uses it: one translated line per error, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN_PASSPHRASE, OTHER_PASSPHRASE

from legalaid import cli
from legalaid.storage.errors import SignInFailed

FAST = ["--kdf-memory-mib", "19", "--kdf-iterations", "2", "--kdf-lanes", "1"]


def run(
    args: list[str], env: dict[str, str] | None = None, stdin: str = ""
) -> tuple[int, str, str]:
    """The installed console script in a child process, as a person at a terminal runs it."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("LEGALAID_")}
    full_env["LEGALAID_HOME"] = os.environ["LEGALAID_HOME"]
    full_env.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "legalaid", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def initialised(vault_path: Path) -> dict[str, str]:
    env = {"LEGALAID_VAULT": str(vault_path), "LEGALAID_PASSPHRASE": ADMIN_PASSPHRASE}
    code, out, err = run(["init", "--admin", "coord", "--name", "Жылдыз Асанова", *FAST], env)
    assert code == 0, err
    assert "coord" in out
    return env


def test_a_coordinators_day(initialised: dict[str, str], tmp_path: Path) -> None:
    env = initialised
    code, out, err = run(
        [
            "users",
            "add",
            "aigul",
            "--name",
            "Айгүл Токтосунова",
            "--role",
            "paralegal",
            "--language",
            "ky",
        ],
        {**env, "LEGALAID_NEW_PASSPHRASE": OTHER_PASSPHRASE},
    )
    assert code == 0, err
    code, out, _ = run(["users", "list"], {**env, "LEGALAID_USER": "coord"})
    assert code == 0 and "Айгүл Токтосунова" in out and "paralegal" in out
    code, out, _ = run(["--lang", "ru", "--user", "coord", "users", "list"], env)
    assert "параюрист" in out
    code, out, _ = run(["--user", "coord", "users", "set-role", "aigul", "lawyer"], env)
    assert code == 0 and "lawyer" in out
    code, out, err = run(["--user", "coord", "check"], env)
    assert code == 0, out + err
    assert "chain intact" in out
    backup_file = tmp_path / "office.labak"
    code, out, err = run(["--user", "coord", "backup", "--to", str(backup_file)], env)
    assert code == 0 and backup_file.exists(), err
    code, _out, err = run(["--user", "coord", "restore", "--from", str(backup_file)], env)
    assert code == 31 and "--force" in err
    elsewhere = tmp_path / "restored" / "vault.db"
    code, out, err = run(
        ["--vault", str(elsewhere), "--user", "coord", "restore", "--from", str(backup_file)], env
    )
    assert code == 0, err
    code, out, err = run(
        ["--vault", str(elsewhere), "--user", "aigul", "status"],
        {**env, "LEGALAID_PASSPHRASE": OTHER_PASSPHRASE},
    )
    assert code == 0 and "aigul" in out, err
    code, out, err = run(["--user", "coord", "users", "deactivate", "aigul"], env)
    assert code == 0, err
    code, _out, err = run(
        ["--user", "aigul", "status"], {**env, "LEGALAID_PASSPHRASE": OTHER_PASSPHRASE}
    )
    assert code == SignInFailed.exit_code


def test_errors_are_one_translated_line_without_traceback(initialised: dict[str, str]) -> None:
    env = {**initialised, "LEGALAID_PASSPHRASE": "certainly not the passphrase"}
    for language, word in (("en", "Sign-in failed"), ("ru", "войти"), ("ky", "Кирүү")):
        code, out, err = run(["--lang", language, "--user", "coord", "status"], env)
        assert code == SignInFailed.exit_code
        assert out == ""
        assert len(err.strip().splitlines()) == 1, err
        assert word in err and "Traceback" not in err


def test_without_a_passphrase_it_says_how_to_give_one(initialised: dict[str, str]) -> None:
    env = {k: v for k, v in initialised.items() if k != "LEGALAID_PASSPHRASE"}
    code, _out, err = run(["status"], env)
    assert code == 2 and "LEGALAID_PASSPHRASE" in err


def test_passphrase_can_come_on_stdin(initialised: dict[str, str]) -> None:
    env = {k: v for k, v in initialised.items() if k != "LEGALAID_PASSPHRASE"}
    code, out, err = run(["status"], env, stdin=ADMIN_PASSPHRASE + "\n")
    assert code == 0, err
    assert "coord" in out


def test_permission_errors_reach_the_user(initialised: dict[str, str]) -> None:
    env = initialised
    run(
        ["users", "add", "monitor1", "--name", "Елена Ким", "--role", "monitor"],
        {**env, "LEGALAID_NEW_PASSPHRASE": OTHER_PASSPHRASE},
    )
    code, _out, err = run(
        ["--user", "monitor1", "users", "list"], {**env, "LEGALAID_PASSPHRASE": OTHER_PASSPHRASE}
    )
    assert code == 5 and "role" in err


def test_weak_passphrase_at_init_is_refused_and_nothing_created(vault_path: Path) -> None:
    code, _out, err = run(
        ["init", "--admin", "coord", *FAST],
        {"LEGALAID_VAULT": str(vault_path), "LEGALAID_PASSPHRASE": "short"},
    )
    assert code == 2 and "12" in err
    assert not vault_path.exists()


def test_help_in_each_language() -> None:
    outputs = {lang: run(["--lang", lang, "--help"])[1] for lang in ("ky", "ru", "en")}
    assert "usage:" in outputs["en"] and "create a vault" in outputs["en"]
    assert "использование:" in outputs["ru"] and "создать хранилище" in outputs["ru"]
    assert "колдонуу:" in outputs["ky"]
    assert "usage:" not in outputs["ky"] and "show this help" not in outputs["ky"]
    code, _out, err = run(["--lang", "ru", "users", "add"])
    assert code == 2 and "обязательн" in err
    assert len(err.strip().splitlines()) == 1 and "--help" in err


def test_demo_vault_opens_with_the_published_passphrase(vault_path: Path) -> None:
    code, out, err = run(["demo", *FAST], {"LEGALAID_VAULT": str(vault_path)})
    assert code == 0, err
    assert "coordinator" in out and "Айгүл Токтосунова" in out and "Demo vault" in out
    code, again, err = run(["demo", *FAST], {"LEGALAID_VAULT": str(vault_path)})
    assert code == 0 and "created" not in again and "Айгүл Токтосунова" in again, err
    from legalaid.services.demo import DEMO_PASSPHRASE

    code, out, err = run(
        ["--user", "coordinator", "status"],
        {"LEGALAID_VAULT": str(vault_path), "LEGALAID_PASSPHRASE": DEMO_PASSPHRASE},
    )
    assert code == 0 and ("Demo vault" in out and "yes" in out), err
    code, out, _ = run(
        ["--user", "coordinator", "offices", "list"],
        {
            "LEGALAID_VAULT": str(vault_path),
            "LEGALAID_PASSPHRASE": DEMO_PASSPHRASE,
            "LEGALAID_LANG": "ky",
        },
    )
    assert "Ош кеңсеси" in out and "Баткен облусу" in out


def test_recovery_shares_round_trip(initialised: dict[str, str]) -> None:
    env = initialised
    code, out, err = run(
        ["--user", "coord", "users", "recovery-key", "--shares", "3", "--threshold", "2"], env
    )
    assert code == 0, err
    shares = [
        line.split(". ", 1)[1] for line in out.splitlines() if ". " in line and line.count("-") == 7
    ]
    assert len(shares) == 3
    code, _out, err = run(
        ["--user", "coord", "recover"],
        {**env, "LEGALAID_NEW_PASSPHRASE": "a new passphrase after recovery"},
        stdin=f"{shares[2]}\n{shares[0]}\n",
    )
    assert code == 0, err


def test_recovery_key_round_trip(initialised: dict[str, str]) -> None:
    env = initialised
    code, out, err = run(["--user", "coord", "users", "recovery-key"], env)
    assert code == 0, err
    key = next(line.strip() for line in out.splitlines() if line.count("-") == 7)
    code, out, err = run(
        ["--user", "coord", "recover"],
        {
            **env,
            "LEGALAID_RECOVERY_KEY": key,
            "LEGALAID_NEW_PASSPHRASE": "a new passphrase after recovery",
        },
    )
    assert code == 0, err
    code, _out, _err = run(["--user", "coord", "status"], env)
    assert code == SignInFailed.exit_code


def test_unexpected_errors_leave_a_report_without_personal_data(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(_args: object) -> int:
        secret_name = "Zqxjvwkpl Осмонова"
        raise RuntimeError(f"something broke near {secret_name}")

    monkeypatch.setattr(cli, "cmd_status", explode)
    assert cli.main(["status"]) == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "Zqxjvwkpl" not in err and "Traceback" not in err
    reports = list((Path(os.environ["LEGALAID_HOME"]) / "logs").glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text()
    assert "RuntimeError" in text and "explode" in text
    assert "Zqxjvwkpl" not in text


def test_core_dumps_are_disabled_after_start(capsys: pytest.CaptureFixture[str]) -> None:
    import resource

    with pytest.raises(SystemExit):
        cli.main(["--help"])
    capsys.readouterr()
    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)


def test_people_and_cases_on_the_command_line(initialised: dict[str, str]) -> None:
    env = {**initialised, "LEGALAID_USER": "coord"}
    code, out, err = run(
        [
            "people",
            "add",
            "--surname",
            "Жолдошбеков",
            "--given",
            "Нурлан",
            "--gender",
            "male",
            "--pin",
            "21503199000123",
            "--phone",
            "+996 555 123456",
            "--district",
            "osh.nookat",
            "--marker",
            "low_income",
            "--language",
            "ky",
            "--json",
        ],
        env,
    )
    assert code == 0, err
    person = json.loads(out)
    assert person["birth_date"] == "1990-03-15" and person["region"] == "osh"
    code, out, err = run(
        [
            "people",
            "add",
            "--surname",
            "Жолдошбекова",
            "--given",
            "Айгүл",
            "--pin",
            "21503199000123",
        ],
        env,
    )
    assert code == 7 and "PIN" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(
        [
            "cases",
            "add",
            "--category",
            "GBV",
            "--subcategory",
            "GBV.DOMESTIC_VIOLENCE",
            "--summary",
            "Күйөөсү урушат",
            "--party",
            f"{person['id']}:opposing_party",
            "--json",
        ],
        env,
    )
    assert code == 0, err
    case = json.loads(out)
    assert case["number"].startswith("MAIN-") and case["status"] == "intake"
    code, out, _ = run(["cases", "find", "Zholdoshbekov", "--json"], env)
    assert [c["number"] for c in json.loads(out)["cases"]] == [case["number"]]
    code, out, _ = run(["people", "find", "жолдош", "--json"], env)
    assert [p["id"] for p in json.loads(out)["people"]] == [person["id"]]
    code, out, err = run(["cases", "status", case["number"], "closed"], env)
    assert code == 2 and "outcome" in err.lower()
    code, out, err = run(
        ["cases", "status", case["number"], "closed", "--outcome", "advice_given", "--json"], env
    )
    assert code == 0 and json.loads(out)["status"] == "closed", err
    code, out, _ = run(["--lang", "ky", "cases", "list"], env)
    assert case["number"] in out and "Гендердик зомбулук" in out
    code, out, _ = run(["--lang", "ru", "people", "show", str(person["id"])], env)
    assert "15.03.1990" in out and "Ноокатский район" in out


def test_demo_with_cases_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        vault = tmp_path / name / "vault.db"
        code, _out, err = run(
            ["demo", "--cases", "40", "--seed", "7", *FAST], {"LEGALAID_VAULT": str(vault)}
        )
        assert code == 0, err
        code, out, err = run(
            [
                "--user",
                "coordinator",
                "cases",
                "list",
                "--limit",
                "100",
                "--sort",
                "number",
                "--json",
            ],
            {
                "LEGALAID_VAULT": str(vault),
                "LEGALAID_PASSPHRASE": "demo vault, not for real clients",
            },
        )
        assert code == 0, err
        outputs.append(json.loads(out))
    assert outputs[0]["total"] == 40
    strip = [[{k: v for k, v in row.items() if k != "id"} for row in o["cases"]] for o in outputs]
    assert strip[0] == strip[1]


def test_synthetic_data_never_goes_into_a_real_vault(initialised: dict[str, str]) -> None:
    code, _out, err = run(["demo", "--cases", "5"], initialised)
    assert code != 0


def test_the_office_idle_time_is_set_and_shown(initialised: dict[str, str]) -> None:
    env = {**initialised}
    code, out, err = run(["--user", "coord", "settings"], env)
    assert code == 0 and out.split()[-1] == "5", err
    code, out, err = run(["--user", "coord", "settings", "--idle-minutes", "15"], env)
    assert code == 0 and out.split()[-1] == "15", err
    code, _out, err = run(
        ["--lang", "ru", "--user", "coord", "settings", "--idle-minutes", "0"], env
    )
    assert code == 2 and "минут" in err and "Traceback" not in err


def test_demo_open_without_a_screen_says_so_and_exits(vault_path: Path) -> None:
    env = {"LEGALAID_VAULT": str(vault_path), "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    code, out, err = run(["demo", "--cases", "5", *FAST, "--open"], env)
    assert code == 0, err
    assert "coordinator" in out and "no screen" in err

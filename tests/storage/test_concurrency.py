"""SECURITY.md 32: two processes at once never corrupt the vault nor crash on "locked"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, new_vault

from legalaid.services import maintenance, offices
from legalaid.services.auth import sign_in
from legalaid.storage.errors import VaultInUse


def _add_office(vault_path: Path, code: str, wait: float) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEGALAID_")}
    env.update(
        LEGALAID_HOME=os.environ["LEGALAID_HOME"],
        LEGALAID_VAULT=str(vault_path),
        LEGALAID_USER=ADMIN,
        LEGALAID_PASSPHRASE=ADMIN_PASSPHRASE,
    )
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "legalaid",
            "--wait",
            str(wait),
            "offices",
            "add",
            code,
            "--name-ky",
            f"Кеңсе {code}",
            "--name-ru",
            f"Офис {code}",
            "--name-en",
            f"Office {code}",
            "--region",
            "osh",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_concurrent_writers_wait_their_turn(vault_path: Path) -> None:
    new_vault(vault_path).close()
    codes = [f"C{i}" for i in range(6)]
    processes = [_add_office(vault_path, code, wait=60) for code in codes]
    results = [(p.wait(), *p.communicate()) for p in processes]
    assert [code for code, _out, _err in results] == [0] * len(codes), results
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        assert {o.code for o in offices.list_offices(ws)} >= set(codes)
        assert maintenance.check(ws).ok


def test_without_waiting_the_second_process_is_told_plainly(vault_path: Path) -> None:
    holder = new_vault(vault_path)  # keep it open in this process
    try:
        process = _add_office(vault_path, "LATE", wait=0)
        code = process.wait()
        _out, err = process.communicate()
    finally:
        holder.close()
    assert code == VaultInUse.exit_code
    assert len(err.strip().splitlines()) == 1 and "already open" in err


def test_many_short_worker_threads_beside_an_open_session(vault_path: Path) -> None:
    """A GUI thread holds a read session while worker threads come and go and write."""
    import threading

    from helpers.make_vault import new_vault as make

    from legalaid.domain.enums import Region
    from legalaid.services.offices import new_office

    ws = make(vault_path)
    errors: list[BaseException] = []
    try:
        with ws.reader() as gui_session:
            gui_session.execute(__import__("sqlalchemy").text("SELECT 1"))
            for index in range(12):

                def work(number: int = index) -> None:
                    try:
                        with ws.session() as session:
                            name = f"Worker {number}"
                            new_office(
                                session,
                                f"T{number}",
                                {"ky": name, "ru": name, "en": name},
                                Region.OSH,
                            )
                            session.commit()
                    except BaseException as error:  # noqa: BLE001 - collected below
                        errors.append(error)

                thread = threading.Thread(target=work)
                thread.start()
                thread.join()
            gui_session.execute(__import__("sqlalchemy").text("SELECT count(*) FROM office"))
        assert errors == []
        assert len(offices.list_offices(ws)) == 13
    finally:
        ws.close()


def test_a_read_session_refuses_to_write(workspace: object) -> None:
    import pytest

    from legalaid.domain.accounts import Office
    from legalaid.services.workspace import Workspace

    assert isinstance(workspace, Workspace)
    with workspace.reader() as session, pytest.raises(RuntimeError):
        session.add(Office(code="NOPE", name_ky="x", name_ru="x", name_en="x", region="osh"))
        session.flush()

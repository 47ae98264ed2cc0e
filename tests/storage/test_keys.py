"""Key slots (SECURITY.md 7, 8, 12, 13, 14, 30): what the key file holds and how it changes."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, OTHER_PASSPHRASE, new_vault

from legalaid.domain.enums import Role
from legalaid.services import accounts, maintenance
from legalaid.services.auth import sign_in
from legalaid.storage import kdf, keyfile
from legalaid.storage.atomic import previous_copy, write_atomic
from legalaid.storage.errors import SignInFailed
from legalaid.storage.kdf import KdfParams, WeakKdfParameters
from legalaid.storage.keyfile import KeyFile, key_file_path
from legalaid.storage.vault import Vault


def test_default_kdf_costs_at_least_64_mib_and_three_passes() -> None:
    assert kdf.DEFAULT.memory_kib >= 64 * 1024
    assert kdf.DEFAULT.iterations >= 3
    kdf.DEFAULT.check_floor()


@pytest.mark.parametrize(
    "params",
    [KdfParams(8 * 1024, 3, 1), KdfParams(19 * 1024, 1, 1), KdfParams(64 * 1024, 3, 0)],
)
def test_parameters_below_the_floor_are_refused(params: KdfParams) -> None:
    with pytest.raises(WeakKdfParameters):
        params.derive(b"secret", bytes(16))


def test_a_slot_below_the_floor_is_refused_when_opening(vault_path: Path) -> None:
    new_vault(vault_path).close()
    path = key_file_path(vault_path)
    data = json.loads(path.read_text())
    data["slots"][0]["kdf"]["memory_kib"] = 1024
    data.pop("checksum")
    data["checksum"] = (
        __import__("hashlib")
        .sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode())
        .hexdigest()
    )
    path.write_text(json.dumps(data))
    with pytest.raises(WeakKdfParameters):
        Vault(vault_path).unlock(ADMIN, ADMIN_PASSPHRASE)


def test_old_slots_still_open_after_the_default_is_raised(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    keys = ws.vault.keys
    assert keys is not None
    stronger = KdfParams(keys.default_kdf.memory_kib * 2, keys.default_kdf.iterations + 1, 1)
    ws.vault._save_keys(replace(keys, default_kdf=stronger))
    accounts.add_account(ws, "lawyer1", "Lawyer One", Role.LAWYER, OTHER_PASSPHRASE)
    ws.close()
    saved = KeyFile.load(key_file_path(vault_path))
    params = {slot.kdf for slot in saved.slots}
    assert params == {kdf.FAST_FOR_TESTS, stronger}
    sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE).close()
    sign_in(vault_path, "lawyer1", OTHER_PASSPHRASE).close()


def test_key_file_names_no_person_and_holds_no_key(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "aigul.t", "Айгүл Токтосунова", Role.PARALEGAL, OTHER_PASSPHRASE)
    dek = bytes(ws.vault._require_dek())
    ws.close()
    raw = key_file_path(vault_path).read_bytes()
    for secret in (
        b"aigul",
        "Айгүл".encode(),
        b"admin",
        OTHER_PASSPHRASE.encode(),
        dek,
        dek.hex().encode(),
    ):
        assert secret not in raw
    slot_ids = [slot.slot_id for slot in KeyFile.load(key_file_path(vault_path)).slots]
    assert all("admin" not in slot_id and "aigul" not in slot_id for slot_id in slot_ids)


def test_wrong_passphrase_raises_invalid_unwrap(vault_path: Path) -> None:
    new_vault(vault_path).close()
    keys = KeyFile.load(key_file_path(vault_path))
    slot = keys.find(keys.account_slot_id(ADMIN))
    assert slot is not None
    with pytest.raises(keyfile.InvalidUnwrap):
        keyfile.open_slot_private_key(slot, bytearray(b"wrong passphrase"), keys.vault_id)


def test_key_file_has_a_second_copy_that_never_brings_back_an_old_passphrase(
    vault_path: Path,
) -> None:
    ws = new_vault(vault_path)
    accounts.change_own_passphrase(ws, ADMIN_PASSPHRASE, "the coordinator's new passphrase")
    ws.close()
    current = key_file_path(vault_path).read_bytes()
    copy = previous_copy(key_file_path(vault_path))
    assert copy.read_bytes() == current
    assert not list(vault_path.parent.glob(".*.tmp"))
    # Whoever knows the old passphrase gains nothing by putting the copy back.
    shutil.copyfile(copy, key_file_path(vault_path))
    with pytest.raises(SignInFailed):
        sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE)
    # And the copy rescues a lost key file.
    key_file_path(vault_path).unlink()
    shutil.copyfile(copy, key_file_path(vault_path))
    sign_in(vault_path, ADMIN, "the coordinator's new passphrase").close()


def test_an_edited_key_file_is_detected_after_unlock(vault_path: Path) -> None:
    """The checksum can be recomputed by anyone; the MAC needs the data key."""
    new_vault(vault_path).close()
    path = key_file_path(vault_path)
    keys = KeyFile.load(path)
    weaker = replace(keys, default_kdf=KdfParams(20 * 1024, 2, 1), mac=keys.mac)
    path.write_bytes(weaker.to_bytes())
    from legalaid.storage.errors import KeyFileDamaged

    with pytest.raises(KeyFileDamaged):
        Vault(vault_path).unlock(ADMIN, ADMIN_PASSPHRASE)


def _run_killed(script: str, kill_when: str) -> int:
    """Run `script` in a child that SIGKILLs itself at `kill_when` (a line of Python run
    before the patched call: e.g. while writing the key file or inside the rekey)."""
    child = textwrap.dedent(kill_when) + textwrap.dedent(script)
    result = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, check=False
    )
    return result.returncode


def _kill_at_key_file_write(number: int) -> str:
    """Die just before the n-th atomic replace of the key file (not of other files)."""
    return f"""
        import os, signal
        _real = os.replace
        _count = [0]
        def _replace(src, dst):
            if str(dst).endswith(".keys"):
                _count[0] += 1
                if _count[0] == {number}:
                    os.kill(os.getpid(), signal.SIGKILL)
            return _real(src, dst)
        os.replace = _replace
    """


@pytest.mark.parametrize("kill_at", [1, 2])
def test_passphrase_change_killed_at_any_step_leaves_old_or_new_working(
    vault_path: Path, kill_at: int
) -> None:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "lawyer1", "Lawyer One", Role.LAWYER, OTHER_PASSPHRASE)
    ws.close()
    new_passphrase = "a brand new passphrase for the coordinator"
    script = f"""
        import os, signal
        from legalaid.services import accounts, maintenance
        from legalaid.services.auth import sign_in
        ws = sign_in({str(vault_path)!r}, "admin", {ADMIN_PASSPHRASE!r})
        accounts.change_own_passphrase(ws, {ADMIN_PASSPHRASE!r}, {new_passphrase!r})
        if {kill_at} == 2:  # after the change: as if the power failed right then
            os.kill(os.getpid(), signal.SIGKILL)
    """
    code = _run_killed(script, _kill_at_key_file_write(kill_at))
    assert code == -signal.SIGKILL
    opened = []
    for candidate in (ADMIN_PASSPHRASE, new_passphrase):
        try:
            sign_in(vault_path, ADMIN, candidate).close()
            opened.append(candidate)
        except SignInFailed:
            pass
    assert opened == [ADMIN_PASSPHRASE if kill_at == 1 else new_passphrase]
    sign_in(vault_path, "lawyer1", OTHER_PASSPHRASE).close()  # others keep access


def test_passphrase_change_keeps_access_for_others(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "lawyer1", "Lawyer One", Role.LAWYER, OTHER_PASSPHRASE)
    accounts.change_own_passphrase(ws, ADMIN_PASSPHRASE, "the coordinator's new passphrase")
    ws.close()
    with pytest.raises(SignInFailed):
        sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE)
    sign_in(vault_path, ADMIN, "the coordinator's new passphrase").close()
    sign_in(vault_path, "lawyer1", OTHER_PASSPHRASE).close()


def test_deactivation_rotates_the_key_so_an_old_key_file_copy_opens_nothing(
    vault_path: Path, tmp_path: Path
) -> None:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "leaver", "Leaving Lawyer", Role.LAWYER, OTHER_PASSPHRASE)
    accounts.add_account(
        ws, "stayer", "Staying Lawyer", Role.LAWYER, "the stayer's long passphrase"
    )
    stolen_keys = tmp_path / "stolen.keys"
    shutil.copyfile(key_file_path(vault_path), stolen_keys)
    generation = ws.vault.keys.dek_generation  # type: ignore[union-attr]
    accounts.deactivate(ws, "leaver")
    assert ws.vault.keys.dek_generation == generation + 1  # type: ignore[union-attr]
    ws.close()

    with pytest.raises(SignInFailed):
        sign_in(vault_path, "leaver", OTHER_PASSPHRASE)
    # The leaver's own copy of the old key file still unwraps the *old* data key...
    old = KeyFile.load(stolen_keys)
    slot = old.find(old.account_slot_id("leaver"))
    assert slot is not None
    private = keyfile.open_slot_private_key(
        slot, kdf.passphrase_bytes(OTHER_PASSPHRASE), old.vault_id
    )
    old_dek = keyfile.unseal_data_key(private, slot, slot.dek, old.vault_id)
    # ... which no longer opens the current database.
    from legalaid.storage.engine import connect_raw
    from legalaid.storage.errors import VaultDamaged

    with pytest.raises(VaultDamaged):
        connect_raw(vault_path, old_dek)
    # Swapping the old key file in does not help the leaver either.
    shutil.copyfile(stolen_keys, key_file_path(vault_path))
    with pytest.raises(VaultDamaged):
        Vault(vault_path).unlock("leaver", OTHER_PASSPHRASE)


def test_everyone_else_keeps_access_after_a_rotation(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "leaver", "Leaving Lawyer", Role.LAWYER, OTHER_PASSPHRASE)
    accounts.add_account(
        ws, "stayer", "Staying Lawyer", Role.LAWYER, "the stayer's long passphrase"
    )
    accounts.deactivate(ws, "leaver")
    ws.close()
    sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE).close()
    sign_in(vault_path, "stayer", "the stayer's long passphrase").close()


KILL_INSIDE_REKEY = {
    "before the staged key file": _kill_at_key_file_write(1),
    "before the rekey": """
        import os, signal
        from legalaid.storage.vault import Vault
        def _die(*args):
            os.kill(os.getpid(), signal.SIGKILL)
        Vault._rekey = _die
    """,
    "after the rekey": """
        import os, signal
        from legalaid.storage.vault import Vault
        _real = Vault._rekey
        def _rekey_then_die(self, old, new):
            _real(self, old, new)
            os.kill(os.getpid(), signal.SIGKILL)
        Vault._rekey = _rekey_then_die
    """,
    "before the final key file": _kill_at_key_file_write(2),
}


@pytest.mark.parametrize("moment", sorted(KILL_INSIDE_REKEY))
def test_rotation_killed_at_any_moment_never_lets_the_removed_person_in(
    vault_path: Path, moment: str
) -> None:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "leaver", "Leaving Lawyer", Role.LAWYER, OTHER_PASSPHRASE)
    ws.close()
    script = f"""
        from legalaid.services import accounts, maintenance
        from legalaid.services.auth import sign_in
        ws = sign_in({str(vault_path)!r}, "admin", {ADMIN_PASSPHRASE!r})
        accounts.deactivate(ws, "leaver")
    """
    assert _run_killed(script, KILL_INSIDE_REKEY[moment]) == -signal.SIGKILL
    staged = KeyFile.load(key_file_path(vault_path))
    if moment != "before the staged key file":
        assert staged.find(staged.account_slot_id("leaver")) is None
    # The leaver tries first, before anyone else's sign-in could finish the rotation.
    if moment != "before the staged key file":
        with pytest.raises(SignInFailed):
            Vault(vault_path).unlock("leaver", OTHER_PASSPHRASE)
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        keys = ws.vault.keys
        assert keys is not None
        assert all(slot.pending_dek is None for slot in keys.slots)
        if moment != "before the staged key file":
            assert keys.dek_generation == 2
            assert maintenance.check(ws).ok is False  # the account is active without slot
            accounts.deactivate(ws, "leaver")  # the coordinator simply repeats it
            assert maintenance.check(ws).ok


def test_atomic_write_killed_midway_leaves_old_or_new(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    write_atomic(target, b"old" * 1000)
    script = f"""
        import os, sys, time
        from pathlib import Path
        from legalaid.storage.atomic import write_atomic
        real_fsync = os.fsync
        def slow_fsync(fd):
            sys.stdout.write("writing\\n")
            sys.stdout.flush()
            time.sleep(5)
            return real_fsync(fd)
        os.fsync = slow_fsync
        write_atomic(Path({str(target)!r}), b"new" * 1000)
    """
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "writing"  # the child is inside the write
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    assert target.read_bytes() == b"old" * 1000
    assert len(list(tmp_path.glob(".settings.json.*.tmp"))) == 1  # the killed writer's
    write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"new" * 1000
    assert list(tmp_path.glob(".*.tmp")) == []  # a later write clears the leftover


def test_rotation_interrupted_before_the_rekey_is_finished_by_the_next_unlock(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "leaver", "Leaving Lawyer", Role.LAWYER, OTHER_PASSPHRASE)

    def power_cut(*_args: object) -> None:
        raise KeyboardInterrupt("power cut before PRAGMA rekey")

    monkeypatch.setattr(Vault, "_rekey", power_cut)
    with pytest.raises(KeyboardInterrupt):
        accounts.deactivate(ws, "leaver")
    ws.close()
    monkeypatch.undo()
    staged = KeyFile.load(key_file_path(vault_path))
    assert any(slot.pending_dek is not None for slot in staged.slots)
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        keys = ws.vault.keys
        assert keys is not None and keys.dek_generation == 2
        assert keys.find(keys.account_slot_id("leaver")) is None
    with pytest.raises(SignInFailed):
        Vault(vault_path).unlock("leaver", OTHER_PASSPHRASE)


def test_an_altered_sealed_key_is_reported_as_a_damaged_key_file(vault_path: Path) -> None:
    new_vault(vault_path).close()
    path = key_file_path(vault_path)
    keys = KeyFile.load(path)
    slot = keys.slots[0]
    broken = bytearray(slot.dek.ciphertext)
    broken[0] ^= 1
    altered = keys.with_slot(replace(slot, dek=replace(slot.dek, ciphertext=bytes(broken))))
    path.write_bytes(replace(altered, mac=keys.mac).to_bytes())
    from legalaid.storage.errors import KeyFileDamaged

    with pytest.raises(KeyFileDamaged):
        Vault(vault_path).unlock(ADMIN, ADMIN_PASSPHRASE)


def test_an_unknown_login_costs_what_the_usual_slot_costs(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = new_vault(vault_path)
    keys = ws.vault.keys
    assert keys is not None
    raised = KdfParams(keys.default_kdf.memory_kib * 2, 3, 1)
    ws.vault._save_keys(replace(keys, default_kdf=raised))  # the default was raised later
    ws.close()
    used: list[KdfParams] = []
    real = KdfParams.derive

    def spy(self: KdfParams, secret: bytes | bytearray, salt: bytes) -> bytearray:
        used.append(self)
        return real(self, secret, salt)

    monkeypatch.setattr(KdfParams, "derive", spy)
    with pytest.raises(SignInFailed):
        Vault(vault_path).unlock("nobody", ADMIN_PASSPHRASE)
    with pytest.raises(SignInFailed):
        Vault(vault_path).unlock(ADMIN, "a wrong passphrase here")
    assert used == [kdf.FAST_FOR_TESTS, kdf.FAST_FOR_TESTS]


def test_a_departing_coordinator_takes_the_recovery_key_along(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "coord2", "Second Coordinator", Role.COORDINATOR, OTHER_PASSPHRASE)
    [printed] = accounts.create_recovery_key(ws)
    result = accounts.deactivate(ws, "coord2")
    assert result.recovery_key_revoked
    assert not list(ws.vault.recovery_slots())
    ws.close()
    from legalaid.services import auth

    with pytest.raises(SignInFailed):
        auth.recover(vault_path, [printed], ADMIN, "the passphrase after recovery")


def test_a_departing_lawyer_leaves_the_recovery_key_in_place(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "lawyer1", "Lawyer One", Role.LAWYER, OTHER_PASSPHRASE)
    accounts.create_recovery_key(ws)
    assert not accounts.deactivate(ws, "lawyer1").recovery_key_revoked
    assert list(ws.vault.recovery_slots())
    ws.close()


def test_an_account_whose_save_fails_leaves_no_slot(
    workspace: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.orm import Session

    from legalaid.services.workspace import Workspace

    assert isinstance(workspace, Workspace)

    def failing_commit(self: Session) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Session, "commit", failing_commit)
    with pytest.raises(RuntimeError):
        accounts.add_account(workspace, "lawyer1", "Lawyer One", Role.LAWYER, OTHER_PASSPHRASE)
    monkeypatch.undo()
    assert not workspace.vault.has_account_slot("lawyer1")

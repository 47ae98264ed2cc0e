"""Settings a coordinator chooses for the whole office, kept inside the vault (so every PC
that opens it follows them): the idle time before the screen locks itself, and whether
the sign-in window may offer the last login (a shared PC then tells who works here)."""

from __future__ import annotations

from legalaid.domain.vault_meta import VaultMeta
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

IDLE_MINUTES_KEY = "idle_lock_minutes"
REMEMBER_LOGIN_KEY = "remember_last_login"
MONITORING_NAMES_KEY = "monitoring_names_allowed"
PARALEGALS_MONITORING_KEY = "paralegals_read_monitoring"
DEFAULT_IDLE_MINUTES = 5
IDLE_MINUTES_RANGE = (1, 60)  # SECURITY.md 16: default 5; an hour is the most we allow


def idle_minutes(ws: Workspace) -> int:
    """Minutes without input before the window locks (any signed-in person reads it)."""
    raw = ws.vault.read_meta(IDLE_MINUTES_KEY)
    try:
        value = int(raw.decode("ascii")) if raw else DEFAULT_IDLE_MINUTES
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    low, high = IDLE_MINUTES_RANGE
    return value if low <= value <= high else DEFAULT_IDLE_MINUTES


def set_idle_minutes(ws: Workspace, minutes: int) -> int:
    ws.require(Permission.MANAGE_ACCOUNTS)
    low, high = IDLE_MINUTES_RANGE
    if not low <= int(minutes) <= high:
        raise ValidationError(
            N_("The idle time lies between {low} and {high} minutes."),
            field="idle_minutes",
            low=low,
            high=high,
        )
    with ws.session() as session:
        row = session.get(VaultMeta, IDLE_MINUTES_KEY)
        if row is None:
            session.add(VaultMeta(key=IDLE_MINUTES_KEY, value=str(int(minutes)).encode()))
        else:
            row.value = str(int(minutes)).encode()
        ws.vault.record(session, "settings_change", "vault", "idle_lock_minutes")
        session.commit()
    return int(minutes)


def remember_last_login(ws: Workspace) -> bool:
    """Default yes: most offices prefer it; an office at risk turns it off."""
    return ws.vault.read_meta(REMEMBER_LOGIN_KEY) != b"0"


def _set_flag(ws: Workspace, key: str, on: bool) -> bool:
    """A yes/no setting of the office (a coordinator's), audited by its name."""
    ws.require(Permission.MANAGE_ACCOUNTS)
    value = b"1" if on else b"0"
    with ws.session() as session:
        row = session.get(VaultMeta, key)
        if row is None:
            session.add(VaultMeta(key=key, value=value))
        else:
            row.value = value
        ws.vault.record(session, "settings_change", "vault", key)
        session.commit()
    return on


def set_remember_last_login(ws: Workspace, remember: bool) -> bool:
    return _set_flag(ws, REMEMBER_LOGIN_KEY, remember)


def monitoring_names_allowed(ws: Workspace) -> bool:
    """Default no: trial observations name defendants by pseudonym (D1, "defendant A"); an
    office whose programme publishes named trial reports turns names on."""
    return ws.vault.read_meta(MONITORING_NAMES_KEY) == b"1"


def set_monitoring_names_allowed(ws: Workspace, allowed: bool) -> bool:
    return _set_flag(ws, MONITORING_NAMES_KEY, allowed)


def paralegals_read_monitoring(ws: Workspace) -> bool:
    """Default no: paralegals see no observations; an office that wants them to know the
    courts' practice lets them read approved ones."""
    return ws.vault.read_meta(PARALEGALS_MONITORING_KEY) == b"1"


def set_paralegals_read_monitoring(ws: Workspace, allowed: bool) -> bool:
    return _set_flag(ws, PARALEGALS_MONITORING_KEY, allowed)

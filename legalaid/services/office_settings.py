"""Settings a coordinator chooses for the whole office, kept inside the vault (so every PC
that opens it follows them): the idle time before the screen locks itself, and whether
the sign-in window may offer the last login (a shared PC then tells who works here), and
below which number counts are hidden in reports meant for outside."""

from __future__ import annotations

from legalaid.domain.suppression import DEFAULT_THRESHOLD, MAX_THRESHOLD, MIN_THRESHOLD
from legalaid.domain.vault_meta import VaultMeta
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

IDLE_MINUTES_KEY = "idle_lock_minutes"
REMEMBER_LOGIN_KEY = "remember_last_login"
MONITORING_NAMES_KEY = "monitoring_names_allowed"
PARALEGALS_MONITORING_KEY = "paralegals_read_monitoring"
SMALL_COUNT_KEY = "small_count_threshold"
DEFAULT_IDLE_MINUTES = 5
IDLE_MINUTES_RANGE = (1, 60)  # SECURITY.md 16: default 5; an hour is the most we allow


def _read_int(ws: Workspace, key: str, default: int, bounds: tuple[int, int]) -> int:
    raw = ws.vault.read_meta(key)
    try:
        value = int(raw.decode("ascii")) if raw else default
    except ValueError:
        return default
    low, high = bounds
    return value if low <= value <= high else default


def _set_int(
    ws: Workspace, key: str, value: int, bounds: tuple[int, int], refusal: str, field: str
) -> int:
    """A whole-number setting of the office (a coordinator's), audited by its name;
    `refusal` (N_, with {low} and {high}) when it lies outside `bounds`."""
    ws.require(Permission.MANAGE_ACCOUNTS)
    low, high = bounds
    if not low <= int(value) <= high:
        raise ValidationError(refusal, field=field, low=low, high=high)
    with ws.session() as session:
        row = session.get(VaultMeta, key)
        if row is None:
            session.add(VaultMeta(key=key, value=str(int(value)).encode()))
        else:
            row.value = str(int(value)).encode()
        ws.vault.record(session, "settings_change", "vault", key)
        session.commit()
    return int(value)


def idle_minutes(ws: Workspace) -> int:
    """Minutes without input before the window locks (any signed-in person reads it)."""
    return _read_int(ws, IDLE_MINUTES_KEY, DEFAULT_IDLE_MINUTES, IDLE_MINUTES_RANGE)


def set_idle_minutes(ws: Workspace, minutes: int) -> int:
    return _set_int(
        ws,
        IDLE_MINUTES_KEY,
        minutes,
        IDLE_MINUTES_RANGE,
        N_("The idle time lies between {low} and {high} minutes."),
        "idle_minutes",
    )


def small_count_threshold(ws: Workspace) -> int:
    """Counts below it are shown as "<N" in reports and tables meant for outside."""
    return _read_int(ws, SMALL_COUNT_KEY, DEFAULT_THRESHOLD, (MIN_THRESHOLD, MAX_THRESHOLD))


def set_small_count_threshold(ws: Workspace, threshold: int) -> int:
    return _set_int(
        ws,
        SMALL_COUNT_KEY,
        threshold,
        (MIN_THRESHOLD, MAX_THRESHOLD),
        N_("Small counts are hidden below a number between {low} and {high}."),
        "small_count_threshold",
    )


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

"""Who may do what (SECURITY.md 15). The UI may hide what a role cannot use; this decides."""

from __future__ import annotations

import enum

from legalaid.domain.enums import Role
from legalaid.errors import PermissionDenied


class Permission(enum.Enum):
    MANAGE_ACCOUNTS = "manage_accounts"
    VIEW_ACCOUNTS = "view_accounts"
    MANAGE_OFFICES = "manage_offices"
    BACKUP = "backup"
    RESTORE = "restore"
    CHECK_VAULT = "check_vault"
    CREATE_RECOVERY_KEY = "create_recovery_key"
    VIEW_STATUS = "view_status"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COORDINATOR: frozenset(Permission),
    Role.LAWYER: frozenset({Permission.CHECK_VAULT, Permission.VIEW_STATUS}),
    Role.PARALEGAL: frozenset({Permission.CHECK_VAULT, Permission.VIEW_STATUS}),
    Role.MONITOR: frozenset({Permission.CHECK_VAULT, Permission.VIEW_STATUS}),
}


def allowed(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[Role(role)]


def require(role: Role, permission: Permission) -> None:
    if not allowed(role, permission):
        raise PermissionDenied()

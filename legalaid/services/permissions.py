"""Who may do what (SECURITY.md 15). The UI may hide what a role cannot use; this decides.

Role-wide permissions are below; rules that depend on the record (a restricted case,
whose case a lawyer may edit) are in `case_rules` and the services that use them.
See docs/permissions.md for the matrix in words.
"""

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
    VIEW_RECORDS = "view_records"  # people and cases (client files)
    EDIT_PEOPLE = "edit_people"
    CREATE_CASES = "create_cases"
    EDIT_CASES = "edit_cases"
    CLOSE_CASES = "close_cases"  # also courts and reopening
    RESTRICT_CASES = "restrict_cases"
    ASSIGN_LAWYERS = "assign_lawyers"
    DELETE_RECORDS = "delete_records"
    SEE_ALL_RESTRICTED = "see_all_restricted"
    VIEW_DIRECTORY = "view_directory"  # the organisations cases are referred to
    MANAGE_DIRECTORY = "manage_directory"  # add and edit them
    EDIT_LETTER_TEMPLATES = "edit_letter_templates"
    CANCEL_LETTERS = "cancel_letters"  # a number in the register is cancelled, never reused
    OBSERVE_TRIALS = "observe_trials"  # record hearings against the checklist (one's own)
    REVIEW_OBSERVATIONS = "review_observations"  # see all, comment, return, approve
    ASSESS_OBSERVATIONS = "assess_observations"  # an expert's legal assessment and grade
    LINK_OBSERVATIONS = "link_observations"  # tie a monitored trial to a client's case
    MANAGE_CHECKLISTS = "manage_checklists"  # new checklist versions
    VIEW_FINDINGS = "view_findings"  # aggregates and reports over approved observations
    VIEW_STATISTICS = "view_statistics"  # counts of the legal aid work, donor reports
    MANAGE_REPORT_TEMPLATES = "manage_report_templates"  # import a donor's indicator set


_EVERYONE = {Permission.CHECK_VAULT, Permission.VIEW_STATUS, Permission.VIEW_DIRECTORY}
_CLIENT_WORK = {
    Permission.VIEW_RECORDS,
    Permission.EDIT_PEOPLE,
    Permission.CREATE_CASES,
    Permission.EDIT_CASES,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COORDINATOR: frozenset(Permission),
    Role.LAWYER: frozenset(
        _EVERYONE
        | _CLIENT_WORK
        | {
            Permission.CLOSE_CASES,
            Permission.RESTRICT_CASES,
            Permission.ASSIGN_LAWYERS,
            Permission.CANCEL_LETTERS,
            # Lawyers are the experts who assess what monitors saw, and may tie a trial
            # they watch for a client to the client's case.
            Permission.ASSESS_OBSERVATIONS,
            Permission.LINK_OBSERVATIONS,
        }
    ),
    Role.PARALEGAL: frozenset(_EVERYONE | _CLIENT_WORK),
    # Trial monitors see no client files at all (data minimisation), only their own
    # observations.
    Role.MONITOR: frozenset(_EVERYONE | {Permission.OBSERVE_TRIALS}),
}


def allowed(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[Role(role)]


def require(role: Role, permission: Permission) -> None:
    if not allowed(role, permission):
        raise PermissionDenied()

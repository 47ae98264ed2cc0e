"""The lawyer on duty of each office: urgent intakes are assigned to them.

A setting kept in the vault's VaultMeta (`DUTY_LAWYER_KEY`); only an active lawyer or
coordinator counts, so a deactivated account silently stops being on duty.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account
from legalaid.domain.enums import Role
from legalaid.domain.vault_meta import VaultMeta
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

DUTY_LAWYER_KEY = "duty_lawyer:{office}"


def _duty_key(office_code: str) -> str:
    return DUTY_LAWYER_KEY.format(office=office_code.upper())


def active_lawyer(session: Session, login: str | None) -> Account | None:
    """The account of this login if it is an active lawyer or coordinator, else None."""
    if not login:
        return None
    account = session.scalar(select(Account).where(Account.login == login.strip().lower()))
    if (
        account is None
        or not account.active
        or account.role not in (Role.LAWYER.value, Role.COORDINATOR.value)
    ):
        return None
    return account


def set_duty_lawyer(ws: Workspace, login: str | None, office_code: str | None = None) -> None:
    """Name the office's lawyer on duty (None: nobody); urgent intakes go to them."""
    ws.require(Permission.MANAGE_OFFICES)
    office = (office_code or ws.actor.office_code).upper()
    with ws.session() as session:
        row = session.get(VaultMeta, _duty_key(office))
        if login is None:
            if row is not None:
                session.delete(row)
        else:
            account = active_lawyer(session, login)
            if account is None:
                raise ValidationError(
                    N_("{login} is not an active lawyer's login."), field="duty_lawyer", login=login
                )
            value = str(account.id).encode("ascii")
            if row is None:
                session.add(VaultMeta(key=_duty_key(office), value=value))
            else:
                row.value = value
        ws.vault.record(session, "settings_change", "office", office)
        session.commit()


def duty_lawyer_account(session: Session, office_code: str) -> Account | None:
    """The office's lawyer on duty (inside a session), if one is set and still active."""
    row = session.get(VaultMeta, _duty_key(office_code))
    if row is None:
        return None
    account = session.get(Account, int(row.value.decode("ascii")))
    if account is None or not account.active:
        return None
    return account if account.role in (Role.LAWYER.value, Role.COORDINATOR.value) else None


def duty_lawyer(ws: Workspace, office_code: str | None = None) -> str | None:
    """The login of the office's lawyer on duty, if one is set and still active."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        account = duty_lawyer_account(session, office_code or ws.actor.office_code)
        return account.login if account else None

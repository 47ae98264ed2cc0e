"""Creating a vault with its first office and coordinator, and the demo vault."""

from __future__ import annotations

from pathlib import Path

from legalaid.domain.accounts import Account
from legalaid.domain.enums import Region, Role
from legalaid.domain.passphrase_policy import check_passphrase
from legalaid.domain.vault_meta import VaultMeta
from legalaid.i18n import N_, translate_in
from legalaid.services.accounts import (
    passphrase_context,
    validate_display_name,
    validate_language,
    validate_login,
)
from legalaid.services.checklist_templates import update_templates
from legalaid.services.courts import update_courts
from legalaid.services.directory import update_directory
from legalaid.services.offices import new_office, validate_office_code, validate_office_name
from legalaid.services.workspace import AccountInfo, Workspace
from legalaid.storage import kdf
from legalaid.storage.vault import Vault

META_DEMO = "demo"
DEFAULT_OFFICE_CODE = "MAIN"
DEFAULT_OFFICE_NAME = N_("Main office")


def default_office_names() -> dict[str, str]:
    return {lang: translate_in(lang, DEFAULT_OFFICE_NAME) for lang in ("ky", "ru", "en")}


def create_vault(
    path: Path,
    admin_login: str,
    admin_name: str,
    passphrase: str,
    office_code: str = DEFAULT_OFFICE_CODE,
    office_names: dict[str, str] | None = None,
    region: Region = Region.OSH_CITY,
    language: str = "ru",
    params: kdf.KdfParams = kdf.DEFAULT,
    demo: bool = False,
) -> Workspace:
    """Everything is validated before the first byte is written; returns the signed-in admin."""
    login = validate_login(admin_login)
    name = validate_display_name(admin_name)
    language = validate_language(language)
    code = validate_office_code(office_code)
    names = office_names or default_office_names()
    for lang in ("ky", "ru", "en"):
        validate_office_name(names[lang], f"name_{lang}")
    check_passphrase(passphrase, [login, name, *name.split(), code, *names.values()])
    vault = Vault.create(path, login, passphrase, params)
    try:
        with vault.session(None) as session:
            office = new_office(session, code, names, Region(region))
            account = Account(
                login=login,
                display_name=name,
                role=Role.COORDINATOR.value,
                active=True,
                language=language,
                office=office,
            )
            session.add(account)
            session.flush()
            session.info["actor_id"] = account.id
            if demo:
                session.add(VaultMeta(key=META_DEMO, value=b"1"))
            vault.record(session, "vault_created", "vault", vault.vault_id[:16])
            update_directory(vault, session)
            update_courts(vault, session)
            update_templates(vault, session)
            session.commit()
            info = AccountInfo.of(account)
    except BaseException:
        vault.close()
        raise
    return Workspace(vault, info)


__all__ = ["create_vault", "passphrase_context", "default_office_names"]

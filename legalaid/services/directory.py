"""The directory of organisations cases are referred to.

Shipped entries come from resources/reference/organisations.json (southern Kyrgyzstan, each
with its source and a `verify` flag). They are loaded into a new vault and, when a newer
version of the file ships, brought up to date at the next sign-in: new entries are added,
changed ones updated, *unless a coordinator edited the entry here* (`edited_locally`), in
which case the local wording wins. Entries are matched by their `key`; nothing is deleted
(an entry a referral points to must stay; the file marks old bodies inactive instead).

Everyone may read the directory (it holds no client data); coordinators add and edit. An
entry whose details are still to be checked carries `verify`; the coordinator who has
checked them clears it when saving. An entry with no regions serves the whole country;
one with no categories handles every category.
`suggest_for_case` ranks active organisations by the case's category and the client's
region: the ones that handle the category and serve the region first.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.enums import OrganisationType, PartyRole, Region
from legalaid.domain.people import Person
from legalaid.domain.referrals import NAME_MAX, Organisation
from legalaid.domain.vault_meta import VaultMeta
from legalaid.errors import NotFound, ValidationError
from legalaid.i18n import N_, current_language
from legalaid.paths import resources_dir
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace
from legalaid.storage.vault import Vault

logger = logging.getLogger(__name__)

DIRECTORY_VERSION_KEY = "directory_version"
LANGUAGES = ("ky", "ru", "en")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@cache
def shipped_directory() -> dict[str, Any]:
    """resources/reference/organisations.json, read once."""
    path = resources_dir() / "reference" / "organisations.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def kind_response_days() -> dict[str, int]:
    """Days to wait for an answer, per OrganisationType code (the shipped defaults)."""
    return {k: int(v) for k, v in shipped_directory().get("default_response_days", {}).items()}


@dataclass(frozen=True)
class OrganisationInput:
    """What a coordinator types (or the shipped file gives) for one organisation."""

    kind: str
    name_ky: str
    name_ru: str
    name_en: str
    address_ky: str = ""
    address_ru: str = ""
    address_en: str = ""
    head_name: str = ""
    head_title_ky: str = ""
    head_title_ru: str = ""
    head_title_en: str = ""
    phone: str = ""
    email: str = ""
    regions: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # empty: every category
    letter_language: str = "ru"
    response_days: int | None = None
    active: bool = True
    verify: bool = False  # details still to be checked with the source


@dataclass(frozen=True)
class OrganisationInfo:
    id: int
    key: str | None
    kind: OrganisationType
    names: dict[str, str]
    addresses: dict[str, str]
    head_name: str
    head_titles: dict[str, str]
    phone: str
    email: str
    regions: tuple[str, ...]
    categories: tuple[str, ...]
    letter_language: str
    response_days: int | None
    active: bool
    source: str
    verify: bool
    edited_locally: bool
    score: int = field(default=0, compare=False)  # suggestions: how well it fits

    @property
    def name(self) -> str:
        return self.name_in(current_language())

    def name_in(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]

    def address_in(self, language: str) -> str:
        return self.addresses.get(language, "")

    def head_title_in(self, language: str) -> str:
        return self.head_titles.get(language, "")

    def as_input(self) -> OrganisationInput:
        return OrganisationInput(
            kind=self.kind.value,
            name_ky=self.names["ky"],
            name_ru=self.names["ru"],
            name_en=self.names["en"],
            address_ky=self.addresses["ky"],
            address_ru=self.addresses["ru"],
            address_en=self.addresses["en"],
            head_name=self.head_name,
            head_title_ky=self.head_titles["ky"],
            head_title_ru=self.head_titles["ru"],
            head_title_en=self.head_titles["en"],
            phone=self.phone,
            email=self.email,
            regions=self.regions,
            categories=self.categories,
            letter_language=self.letter_language,
            response_days=self.response_days,
            active=self.active,
            verify=self.verify,
        )

    @classmethod
    def of(cls, row: Organisation, score: int = 0) -> OrganisationInfo:
        return cls(
            id=row.id,
            key=row.key,
            kind=OrganisationType(row.kind),
            names={lang: getattr(row, f"name_{lang}") for lang in LANGUAGES},
            addresses={lang: getattr(row, f"address_{lang}") for lang in LANGUAGES},
            head_name=row.head_name,
            head_titles={lang: getattr(row, f"head_title_{lang}") for lang in LANGUAGES},
            phone=row.phone,
            email=row.email,
            regions=_split(row.regions),
            categories=_split(row.categories),
            letter_language=row.letter_language,
            response_days=row.response_days,
            active=row.active,
            source=row.source,
            verify=row.verify,
            edited_locally=row.edited_locally,
            score=score,
        )


def _split(codes: str) -> tuple[str, ...]:
    return tuple(code for code in codes.split(",") if code)


def _clean(value: str) -> str:
    return " ".join((value or "").split())


def validate_organisation(data: OrganisationInput) -> dict[str, Any]:
    """The column values of a valid entry, or a ValidationError naming the field."""
    from legalaid.domain import reference  # noqa: PLC0415 - reference data loads on demand

    if data.kind not in {kind.value for kind in OrganisationType}:
        raise ValidationError(N_("Choose the kind of organisation."), field="kind")
    values: dict[str, Any] = {"kind": data.kind}
    for name in (*(f"name_{lang}" for lang in LANGUAGES),):
        text = _clean(getattr(data, name))
        if not text:
            raise ValidationError(
                N_("The name is needed in Kyrgyz, Russian and English."), field=name
            )
        values[name] = text
    for name in (
        *(f"address_{lang}" for lang in LANGUAGES),
        *(f"head_title_{lang}" for lang in LANGUAGES),
        "head_name",
        "phone",
        "email",
    ):
        text = _clean(getattr(data, name))
        values[name] = text
    for name, value in values.items():
        if len(value) > NAME_MAX:
            raise ValidationError(N_("At most {limit} characters."), field=name, limit=NAME_MAX)
    if values["email"] and not EMAIL_PATTERN.match(values["email"]):
        raise ValidationError(N_("This is not an email address."), field="email")
    unknown_regions = [code for code in data.regions if code not in {r.value for r in Region}]
    if unknown_regions:
        raise ValidationError(N_("Choose the regions from the list."), field="regions")
    known = reference.categories()
    if any(code not in known and reference.subcategory(code) is None for code in data.categories):
        raise ValidationError(N_("Choose the categories from the list."), field="categories")
    if data.letter_language not in LANGUAGES:
        raise ValidationError(
            N_("Letters are written in Kyrgyz, Russian or English."), field="letter_language"
        )
    if data.response_days is not None and not 1 <= data.response_days <= 365:
        raise ValidationError(
            N_("Days to answer: from 1 to 365, or empty for the usual period."),
            field="response_days",
        )
    values.update(
        regions=",".join(dict.fromkeys(data.regions)),
        categories=",".join(dict.fromkeys(data.categories)),
        letter_language=data.letter_language,
        response_days=data.response_days,
        active=bool(data.active),
        verify=bool(data.verify),
    )
    return values


def _query_filters(kind: str | None, region: str | None, include_inactive: bool) -> list[Any]:
    conditions: list[Any] = []
    if not include_inactive:
        conditions.append(Organisation.active.is_(True))
    if kind:
        conditions.append(Organisation.kind == kind)
    if region:
        conditions.append(
            or_(
                Organisation.regions == "",
                ("," + Organisation.regions + ",").contains(f",{region},"),
            )
        )
    return conditions


def _matches(info: OrganisationInfo, words: list[str]) -> bool:
    """Every typed word in one of the names (any script, any case: SQLite's lower() only
    knows ASCII, so the few hundred entries are matched here)."""
    names = " ".join(info.names.values()).casefold()
    return all(word in names for word in words)


def list_organisations(
    ws: Workspace,
    kind: str | None = None,
    region: str | None = None,
    text: str | None = None,
    include_inactive: bool = False,
) -> list[OrganisationInfo]:
    """The directory (a few hundred entries at most), filtered; sorted by kind, then name
    in the current language."""
    ws.require(Permission.VIEW_DIRECTORY)
    with ws.reader() as session:
        rows = session.scalars(
            select(Organisation).where(*_query_filters(kind, region, include_inactive))
        ).all()
        words = (text or "").casefold().split()
        found = [info for info in map(OrganisationInfo.of, rows) if _matches(info, words)]
    kinds = list(OrganisationType)
    return sorted(found, key=lambda o: (kinds.index(o.kind), o.name.casefold(), o.id))


def get_organisation(ws: Workspace, organisation_id: int) -> OrganisationInfo:
    ws.require(Permission.VIEW_DIRECTORY)
    with ws.reader() as session:
        row = session.get(Organisation, organisation_id)
        if row is None:
            raise NotFound(N_("There is no such organisation in the directory."))
        return OrganisationInfo.of(row)


def add_organisation(ws: Workspace, data: OrganisationInput) -> OrganisationInfo:
    ws.require(Permission.MANAGE_DIRECTORY)
    values = validate_organisation(data)
    with ws.session() as session:
        _refuse_twin(session, values, None)
        row = Organisation(**values, edited_locally=True, source="")
        session.add(row)
        session.commit()
        return OrganisationInfo.of(row)


def update_organisation(
    ws: Workspace, organisation_id: int, data: OrganisationInput
) -> OrganisationInfo:
    """A coordinator's edit: from now on an update of the shipped file leaves it alone."""
    ws.require(Permission.MANAGE_DIRECTORY)
    values = validate_organisation(data)
    with ws.session() as session:
        row = session.get(Organisation, organisation_id)
        if row is None:
            raise NotFound(N_("There is no such organisation in the directory."))
        _refuse_twin(session, values, row.id)
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(row, name, value)
            row.edited_locally = True
            session.commit()
        return OrganisationInfo.of(row)


def _refuse_twin(session: Session, values: dict[str, Any], own_id: int | None) -> None:
    """Two entries with the same name in a language would be confused in every list."""
    for lang in LANGUAGES:
        name = values[f"name_{lang}"].casefold()
        rows = session.execute(select(Organisation.id, getattr(Organisation, f"name_{lang}")))
        if any(row[1].casefold() == name and row[0] != own_id for row in rows):
            raise ValidationError(
                N_("The directory already has an organisation of this name."),
                field=f"name_{lang}",
            )


def _shipped_values(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Column values of one entry of the shipped file (trusted data: no user typed it)."""
    values: dict[str, Any] = {"kind": entry["kind"]}
    for prefix, source in (("name", "name"), ("address", "address"), ("head_title", "head_title")):
        texts = entry.get(source) or {}
        for lang in LANGUAGES:
            values[f"{prefix}_{lang}"] = texts.get(lang, "")
    values.update(
        head_name=entry.get("head_name", ""),
        phone=entry.get("phone", ""),
        email=entry.get("email", ""),
        regions=",".join(entry.get("regions", [])),
        categories=",".join(entry.get("categories", [])),
        letter_language=entry.get("letter_language", "ru"),
        response_days=entry.get("response_days"),
        active=bool(entry.get("active", True)),
        source=entry.get("source", ""),
        verify=bool(entry.get("verify", False)),
    )
    return values


@dataclass(frozen=True)
class DirectorySync:
    version: str
    added: int = 0
    updated: int = 0
    kept_local: int = 0  # entries a coordinator edited: left as they are


def sync_shipped_directory(
    session: Session, data: Mapping[str, Any] | None = None
) -> DirectorySync | None:
    """Bring the vault's directory up to the shipped file, in the caller's transaction
    (sign-in, vault creation). None when the vault already has this version."""
    data = data or shipped_directory()
    version = str(data["version"])
    stored = session.get(VaultMeta, DIRECTORY_VERSION_KEY)
    if stored is not None and stored.value.decode() == version:
        return None
    existing = {
        row.key: row
        for row in session.scalars(select(Organisation).where(Organisation.key.is_not(None)))
    }
    added = updated = kept = 0
    for entry in data["organisations"]:
        values = _shipped_values(entry)
        row = existing.get(entry["key"])
        if row is None:
            session.add(Organisation(key=entry["key"], data_version=version, **values))
            added += 1
        elif row.edited_locally:
            kept += 1
        else:
            changed = {k: v for k, v in values.items() if getattr(row, k) != v}
            for name, value in changed.items():
                setattr(row, name, value)
            row.data_version = version
            updated += bool(changed)
    if stored is None:
        session.add(VaultMeta(key=DIRECTORY_VERSION_KEY, value=version.encode()))
    else:
        stored.value = version.encode()
    return DirectorySync(version, added, updated, kept)


def update_directory(vault: Vault, session: Session) -> DirectorySync | None:
    """At vault creation and sign-in: load a newer shipped directory, audited as one event
    with the counts. A damaged data file is logged and skipped: it must never stop anyone
    from signing in (the shipped file is checked by tests/test_organisations_data.py)."""
    try:
        result = sync_shipped_directory(session)
    except (OSError, ValueError, KeyError, TypeError):
        logger.exception("the shipped directory of organisations could not be loaded")
        return None
    if result is not None:
        vault.record(
            session,
            "directory_updated",
            "vault",
            "organisations",
            {
                "version": result.version,
                "added": result.added,
                "updated": result.updated,
                "kept_local": result.kept_local,
            },
        )
    return result


def _client_regions(session: Session, case: Case) -> set[str]:
    rows = session.execute(
        select(Person.region)
        .join(CaseParty, CaseParty.person_id == Person.id)
        .where(CaseParty.case_id == case.id, CaseParty.role == PartyRole.CLIENT.value)
    ).all()
    return {row.region for row in rows if row.region}


def category_fit(handled: tuple[str, ...], category: str, subcategory: str | None) -> int:
    """How well an organisation's categories (top-level codes like "GBV" or subcategory
    codes like "CRJ.TORTURE") fit a case: 4 its subcategory, 3 its category, 2 a
    subcategory of its category (the case's own subcategory not known), 1 an organisation
    of every category, 0 not at all."""
    if not handled:
        return 1
    if subcategory and subcategory in handled:
        return 4
    if category in handled:
        return 3
    if not subcategory and any(code.startswith(category + ".") for code in handled):
        return 2
    return 0


def suggest_for_case(ws: Workspace, case_id: int, limit: int = 12) -> list[OrganisationInfo]:
    """Active organisations that handle the case's category (`category_fit`) and serve the
    client's region, the closest fits first; a local office before a national one. The
    caller has found the case visible (the referral form opens from it)."""
    ws.require(Permission.VIEW_DIRECTORY)
    with ws.reader() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFound(N_("There is no such case."))
        regions = _client_regions(session, case)
        rows = session.scalars(select(Organisation).where(Organisation.active.is_(True))).all()
        scored = []
        for row in rows:
            serves = not row.regions or bool(regions & set(_split(row.regions)))
            fit = category_fit(_split(row.categories), case.category, case.subcategory)
            if serves and fit:
                local = 2 if row.regions and regions else 0
                scored.append(OrganisationInfo.of(row, 2 * fit + local))
    scored.sort(key=lambda o: (-o.score, o.name.casefold(), o.id))
    return scored[:limit]


def organisation_fields() -> tuple[str, ...]:
    """The names of OrganisationInput's fields (the form's and the tests')."""
    return tuple(f.name for f in fields(OrganisationInput))

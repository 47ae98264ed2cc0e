"""The courts of the south as reference data (resources/reference/courts.json).

Loaded into a new vault and brought up to date at sign-in when a newer file ships, like
the directory of organisations: matched by `code`; a court a coordinator edited keeps its
local wording. A court's names are kept with their validity dates, so that a proceeding
of 2024 in Jalal-Abad city court still shows that name, and one of 2026 "Manas city court".
Everyone who works on cases reads the list; coordinators add and correct courts.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from legalaid.domain.courts import Court, CourtName
from legalaid.domain.enums import CourtKind
from legalaid.domain.vault_meta import VaultMeta
from legalaid.errors import NotFound
from legalaid.i18n import N_, current_language
from legalaid.paths import resources_dir
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace
from legalaid.storage.vault import Vault

logger = logging.getLogger(__name__)
COURTS_VERSION_KEY = "courts_version"
LANGUAGES = ("ky", "ru", "en")


@cache
def shipped_courts() -> dict[str, Any]:
    path = resources_dir() / "reference" / "courts.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class NameOnDate:
    names: dict[str, str]
    valid_from: dt.date | None
    valid_to: dt.date | None

    def holds_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class CourtInfo:
    id: int
    code: str
    kind: CourtKind
    region: str | None
    district: str | None
    history: tuple[NameOnDate, ...]  # oldest first
    aliases: tuple[str, ...]
    active: bool
    verify: bool

    def name_on(self, day: dt.date | None = None, language: str | None = None) -> str:
        """The court's name on a day (today by default) in a language (the current one)."""
        day = day or dt.date.today()
        language = language or current_language()
        chosen = next((n for n in reversed(self.history) if n.holds_on(day)), None)
        chosen = chosen or (self.history[-1] if self.history else None)
        if chosen is None:
            return self.code
        return chosen.names.get(language) or chosen.names["en"]

    @property
    def name(self) -> str:
        return self.name_on()

    def matches(self, words: list[str]) -> bool:
        """Every typed word in one of its names or aliases, any script and case."""
        text = " ".join(
            [*(name for entry in self.history for name in entry.names.values()), *self.aliases]
        ).casefold()
        return all(word in text for word in words)


def _names(session: Session, court_ids: list[int]) -> dict[int, list[NameOnDate]]:
    found: dict[int, list[NameOnDate]] = {court_id: [] for court_id in court_ids}
    rows = session.scalars(
        select(CourtName)
        .where(CourtName.court_id.in_(court_ids))
        .order_by(CourtName.valid_from.is_not(None), CourtName.valid_from, CourtName.id)
    )
    for row in rows:
        found[row.court_id].append(
            NameOnDate(
                {lang: getattr(row, f"name_{lang}") for lang in LANGUAGES},
                row.valid_from,
                row.valid_to,
            )
        )
    return found


def _info(court: Court, history: list[NameOnDate]) -> CourtInfo:
    return CourtInfo(
        id=court.id,
        code=court.code,
        kind=CourtKind(court.kind),
        region=court.region,
        district=court.district,
        history=tuple(history),
        aliases=tuple(a for a in court.aliases.splitlines() if a.strip()),
        active=court.active,
        verify=court.verify,
    )


def courts_by_id(session: Session, ids: set[int]) -> dict[int, CourtInfo]:
    """The courts with these ids, for lists that name them (one query for all names)."""
    rows = session.scalars(select(Court).where(Court.id.in_(ids))).all()
    names = _names(session, [row.id for row in rows])
    return {row.id: _info(row, names[row.id]) for row in rows}


def list_courts(
    ws: Workspace,
    text: str | None = None,
    region: str | None = None,
    include_inactive: bool = False,
) -> list[CourtInfo]:
    """Courts for a chooser: by kind (highest first), then name in the current language."""
    ws.require(Permission.VIEW_DIRECTORY)  # public reference data: monitors choose courts too
    with ws.reader() as session:
        query = select(Court)
        if not include_inactive:
            query = query.where(Court.active.is_(True))
        if region:
            query = query.where(Court.region == region)
        rows = session.scalars(query).all()
        names = _names(session, [row.id for row in rows])
        found = [_info(row, names[row.id]) for row in rows]
    words = (text or "").casefold().split()
    kinds = list(CourtKind)
    return sorted(
        (court for court in found if court.matches(words)),
        key=lambda c: (kinds.index(c.kind), c.name.casefold()),
    )


def get_court(ws: Workspace, court_id: int) -> CourtInfo:
    ws.require(Permission.VIEW_DIRECTORY)
    with ws.reader() as session:
        found = courts_by_id(session, {court_id})
    if court_id not in found:
        raise NotFound(N_("There is no such court."))
    return found[court_id]


# --- the shipped file ----------------------------------------------------------------------


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class CourtsSync:
    version: str
    added: int = 0
    updated: int = 0
    kept_local: int = 0


def _replace_names(session: Session, court: Court, entry: Mapping[str, Any]) -> None:
    for row in session.scalars(select(CourtName).where(CourtName.court_id == court.id)):
        session.delete(row)
    for name in entry.get("names", []):
        session.add(
            CourtName(
                court_id=court.id,
                name_ky=name["ky"],
                name_ru=name["ru"],
                name_en=name["en"],
                valid_from=_date(name.get("valid_from")),
                valid_to=_date(name.get("valid_to")),
            )
        )


def sync_shipped_courts(
    session: Session, data: Mapping[str, Any] | None = None
) -> CourtsSync | None:
    """Bring the courts up to the shipped file in the caller's transaction; None when the
    vault already has this version."""
    data = data or shipped_courts()
    version = str(data["version"])
    stored = session.get(VaultMeta, COURTS_VERSION_KEY)
    if stored is not None and stored.value.decode() == version:
        return None
    existing = {row.code: row for row in session.scalars(select(Court))}
    added = updated = kept = 0
    for entry in data["courts"]:
        values = {
            "kind": entry["kind"],
            "region": entry.get("region"),
            "district": entry.get("district"),
            "aliases": "\n".join(entry.get("aliases", [])),
            "active": bool(entry.get("active", True)),
            "source": entry.get("source", "")[:400],
            "verify": bool(entry.get("verify", False)),
        }
        court = existing.get(entry["code"])
        if court is None:
            court = Court(code=entry["code"], edited_locally=False, data_version=version, **values)
            session.add(court)
            session.flush()
            _replace_names(session, court, entry)
            added += 1
        elif court.edited_locally:
            kept += 1
        else:
            for name, value in values.items():
                if getattr(court, name) != value:
                    setattr(court, name, value)
            court.data_version = version
            _replace_names(session, court, entry)
            updated += 1
    if stored is None:
        session.add(VaultMeta(key=COURTS_VERSION_KEY, value=version.encode()))
    else:
        stored.value = version.encode()
    return CourtsSync(version, added, updated, kept)


def update_courts(vault: Vault, session: Session) -> CourtsSync | None:
    """At vault creation and sign-in; a damaged file is logged and never stops a sign-in."""
    try:
        result = sync_shipped_courts(session)
    except (OSError, ValueError, KeyError, TypeError):
        logger.exception("the shipped list of courts could not be loaded")
        return None
    if result is not None:
        vault.record(
            session,
            "courts_updated",
            "vault",
            "courts",
            {"version": result.version, "added": result.added, "kept_local": result.kept_local},
        )
    return result


# --- coordinators' edits -------------------------------------------------------------------


@dataclass(frozen=True)
class CourtInput:
    """A court as a coordinator types it: its kind, place and current name; a renaming
    keeps the earlier name (valid until the day before `renamed_on`)."""

    kind: str
    name_ky: str
    name_ru: str
    name_en: str
    region: str | None = None
    district: str | None = None
    aliases: tuple[str, ...] = ()
    active: bool = True
    renamed_on: dt.date | None = None  # a new name from this day; None: correct the name


def _court_values(data: CourtInput) -> dict[str, Any]:
    from legalaid.domain import reference  # noqa: PLC0415 - reference data on demand
    from legalaid.errors import ValidationError  # noqa: PLC0415

    if data.kind not in {kind.value for kind in CourtKind}:
        raise ValidationError(N_("Choose the kind of court."), field="kind")
    for lang in LANGUAGES:
        name = " ".join(getattr(data, f"name_{lang}").split())
        if not name:
            raise ValidationError(
                N_("The name is needed in Kyrgyz, Russian and English."), field=f"name_{lang}"
            )
        if len(name) > 300:
            raise ValidationError(
                N_("At most {limit} characters."), field=f"name_{lang}", limit=300
            )
    if data.region and data.region not in reference.regions():
        raise ValidationError(N_("Choose the regions from the list."), field="region")
    if data.district and reference.district(data.district) is None:
        raise ValidationError(N_("Choose the district from the list."), field="district")
    return {
        "kind": data.kind,
        "region": data.region or None,
        "district": data.district or None,
        "aliases": "\n".join(" ".join(a.split()) for a in data.aliases if a.strip()),
        "active": bool(data.active),
    }


def add_court(ws: Workspace, data: CourtInput) -> CourtInfo:
    ws.require(Permission.MANAGE_DIRECTORY)
    values = _court_values(data)
    with ws.session() as session:
        code = f"local-{session.query(Court).count() + 1}"
        court = Court(code=code, edited_locally=True, source="", verify=False, **values)
        session.add(court)
        session.flush()
        session.add(
            CourtName(
                court_id=court.id,
                **{
                    f"name_{lang}": " ".join(getattr(data, f"name_{lang}").split())
                    for lang in LANGUAGES
                },
            )
        )
        session.commit()
        return courts_by_id(session, {court.id})[court.id]


def update_court(ws: Workspace, court_id: int, data: CourtInput) -> CourtInfo:
    """Correct a court, or rename it from a day (the old name stays for what came before).
    From then on an update of the shipped list leaves it as the coordinator wrote it."""
    ws.require(Permission.MANAGE_DIRECTORY)
    values = _court_values(data)
    names = {f"name_{lang}": " ".join(getattr(data, f"name_{lang}").split()) for lang in LANGUAGES}
    with ws.session() as session:
        court = session.get(Court, court_id)
        if court is None:
            raise NotFound(N_("There is no such court."))
        for name, value in values.items():
            if getattr(court, name) != value:
                setattr(court, name, value)
        court.edited_locally = True
        current = session.scalars(
            select(CourtName)
            .where(CourtName.court_id == court.id, CourtName.valid_to.is_(None))
            .order_by(CourtName.id.desc())
        ).first()
        if data.renamed_on is not None and current is not None:
            current.valid_to = data.renamed_on - dt.timedelta(days=1)
            session.add(CourtName(court_id=court.id, valid_from=data.renamed_on, **names))
        elif current is not None:
            for name, value in names.items():
                if getattr(current, name) != value:
                    setattr(current, name, value)
        else:
            session.add(CourtName(court_id=court.id, **names))
        session.commit()
        return courts_by_id(session, {court.id})[court.id]

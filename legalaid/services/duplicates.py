"""Is the person at the desk already in the vault? Candidates for the intake form, ranked.

- certain: the same PIN;
- strong: the same name (spelt alike in either script: the Latin skeleton of surname and
  given name agree) and the same birth date;
- possible: a similar spelling across Cyrillic and Latin (skeletons at least
  `SIMILARITY` alike, e.g. "Omurbekova Aigul" / "Өмүрбекова Айгүл" / "Omurbekova Aigül").

Only people the viewer may see are offered (services/visibility, in SQL). Someone hidden
from the viewer who has the same PIN, or the same name and birth date, is only counted
(`hidden_matches`): the paralegal then asks a coordinator instead of creating a twin.

Fast on 100,000 people: the candidates come from the full-text index (person_search, its
`skeleton` column, prefix-indexed) and the PIN's unique index; Python then scores at most
`MAX_CANDIDATES` rows. The first letters of surname and given name must agree in the
skeleton, unless the birth date is typed: everyone born that day (birth-date index, a
handful among 100,000) is scored too, so "Amurbekova" still finds "Өмүрбекова" born the
same day. Without a birth date a slip in the first letters is not found; the search box
is there for that.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import ColumnElement, Select, column, select, table, text
from sqlalchemy.orm import Session

from legalaid.domain.names import skeleton
from legalaid.domain.people import Person
from legalaid.i18n import N_
from legalaid.services.permissions import Permission
from legalaid.services.search_index import full_name
from legalaid.services.visibility import person_hidden, person_visible
from legalaid.services.workspace import AccountInfo, Workspace

CERTAIN, STRONG, POSSIBLE = "certain", "strong", "possible"
LEVEL_LABELS = {
    CERTAIN: N_("same PIN"),
    STRONG: N_("same name and birth date"),
    POSSIBLE: N_("similar name"),
}
SIMILARITY = 0.8
SURNAME_PREFIX = 4
GIVEN_PREFIX = 3
MAX_CANDIDATES = 200
MAX_RESULTS = 20

_person_fts = table("person_search", column("rowid"))


@dataclass(frozen=True)
class DuplicateCandidate:
    person_id: int
    full_name: str
    birth_date: dt.date | None
    region: str | None
    level: str  # CERTAIN, STRONG or POSSIBLE
    score: float  # higher first

    @property
    def reason(self) -> str:
        """Why it is offered (an untranslated msgid: translate with `_`)."""
        return LEVEL_LABELS[self.level]


@dataclass(frozen=True)
class DuplicateCheck:
    candidates: list[DuplicateCandidate]
    hidden_matches: int = 0  # same PIN, or same name and birth date, in hidden records


def _words(value: str | None) -> str:
    return skeleton(value or "")


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def candidate_expression(surname: str, given_name: str) -> str | None:
    """FTS5 MATCH on the skeleton column: each word's first letters, as prefixes."""
    terms = []
    for value, length in ((surname, SURNAME_PREFIX), (given_name, GIVEN_PREFIX)):
        for word in _words(value).split()[:1]:
            terms.append(f"skeleton : {_quote(word[:length])}*")
    return " AND ".join(terms) if len(terms) == 2 else None


def _match(expression: str) -> ColumnElement[bool]:
    return text("person_search MATCH :dup_match").bindparams(dup_match=expression)  # type: ignore[return-value]


_CANDIDATE_COLUMNS = (
    Person.id,
    Person.surname,
    Person.given_name,
    Person.patronymic,
    Person.birth_date,
    Person.region,
    Person.pin,
)


def candidates_query(viewer: AccountInfo, expression: str) -> Select[*tuple[Any, ...]]:
    """People whose name skeleton starts like the typed one, visible to the viewer."""
    return (
        select(*_CANDIDATE_COLUMNS)
        .select_from(_person_fts)
        .join(Person, Person.id == _person_fts.c.rowid)
        .where(_match(expression), person_visible(viewer))
        .limit(MAX_CANDIDATES)
    )


def born_on_query(viewer: AccountInfo, birth_date: dt.date) -> Select[*tuple[Any, ...]]:
    """People born on the typed day (birth-date index), visible to the viewer."""
    return (
        select(*_CANDIDATE_COLUMNS)
        .where(Person.birth_date == birth_date, person_visible(viewer))
        .limit(MAX_CANDIDATES)
    )


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def _clean_pin(pin: str | None) -> str | None:
    digits = re.sub(r"[\s\-.]", "", pin or "")
    return digits if re.fullmatch(r"[0-9]{14}", digits) else None


def _score(
    row: Any, surname: str, given: str, patronymic: str, birth_date: dt.date | None
) -> tuple[str, float] | None:
    s_ratio = _ratio(surname, _words(row.surname))
    g_ratio = _ratio(given, _words(row.given_name))
    if s_ratio < SIMILARITY or g_ratio < SIMILARITY:
        return None
    similarity = (2 * s_ratio + g_ratio) / 3
    if patronymic and row.patronymic:
        similarity = (3 * similarity + _ratio(patronymic, _words(row.patronymic))) / 4
    same_name = s_ratio == 1.0 and g_ratio == 1.0
    if same_name and birth_date is not None and row.birth_date == birth_date:
        return STRONG, 80 + 10 * similarity
    penalty = 10 if birth_date and row.birth_date and row.birth_date != birth_date else 0
    return POSSIBLE, 40 + 20 * similarity - penalty


def run_duplicate_check(
    session: Session,
    viewer: AccountInfo,
    surname: str,
    given_name: str,
    patronymic: str | None = None,
    birth_date: dt.date | None = None,
    pin: str | None = None,
) -> DuplicateCheck:
    """The check itself, on any session (the bench can run it on a plain SQLite twin)."""
    found: dict[int, DuplicateCandidate] = {}
    hidden = 0
    clean_pin = _clean_pin(pin)
    if clean_pin is not None:
        row = session.execute(
            select(
                Person.id,
                Person.surname,
                Person.given_name,
                Person.patronymic,
                Person.birth_date,
                Person.region,
            ).where(Person.pin == clean_pin, person_visible(viewer))
        ).first()
        if row is not None:
            found[row.id] = DuplicateCandidate(
                row.id,
                full_name(row.surname, row.given_name, row.patronymic),
                row.birth_date,
                row.region,
                CERTAIN,
                100.0,
            )
        elif session.scalar(select(Person.id).where(Person.pin == clean_pin)) is not None:
            hidden += 1
    surname_skeleton, given_skeleton = _words(surname), _words(given_name)
    expression = candidate_expression(surname, given_name)
    if expression is not None:
        patronymic_skeleton = _words(patronymic)
        rows = list(session.execute(candidates_query(viewer, expression)))
        if birth_date is not None:
            rows += session.execute(born_on_query(viewer, birth_date))
        for row in rows:
            if row.id in found:
                continue
            scored = _score(row, surname_skeleton, given_skeleton, patronymic_skeleton, birth_date)
            if scored is None:
                continue
            level, score = scored
            found[row.id] = DuplicateCandidate(
                row.id,
                full_name(row.surname, row.given_name, row.patronymic),
                row.birth_date,
                row.region,
                level,
                round(score, 2),
            )
        if birth_date is not None:
            hidden += _hidden_same_name(
                session, viewer, expression, surname_skeleton, given_skeleton, birth_date
            )
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.full_name, c.person_id))
    return DuplicateCheck(ranked[:MAX_RESULTS], hidden)


def _hidden_same_name(
    session: Session,
    viewer: AccountInfo,
    expression: str,
    surname: str,
    given: str,
    birth_date: dt.date,
) -> int:
    """Hidden people with the same name (skeletons equal) and the same birth date."""
    rows = session.execute(
        select(Person.surname, Person.given_name)
        .select_from(_person_fts)
        .join(Person, Person.id == _person_fts.c.rowid)
        .where(_match(expression), Person.birth_date == birth_date, person_hidden(viewer))
        .limit(MAX_CANDIDATES)
    )
    return sum(1 for r in rows if _words(r.surname) == surname and _words(r.given_name) == given)


def find_possible_duplicates(
    ws: Workspace,
    surname: str,
    given_name: str,
    patronymic: str | None = None,
    birth_date: dt.date | None = None,
    pin: str | None = None,
) -> DuplicateCheck:
    """Ranked candidates for 'is this person already recorded?' (not audited: it is a
    search, like the search box, and opens no record)."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        return run_duplicate_check(
            session, ws.actor, surname, given_name, patronymic, birth_date, pin
        )

"""Realistic synthetic people and cases for the demo vault and the benchmark.

Deterministic for a seed. Names are common in the south (Kyrgyz, Uzbek, Russian) and
appear in the spellings people use: with Ң Ө Ү, or typed on a Russian keyboard
without them. Categories follow the proportions the Ministry of Justice's legal-aid
week recorded (DOMAIN.md §4.1). Written in bulk (Core inserts), with the search index
and one audit event per record in the same transactions. `fill` is a generator that
yields progress, so a window can show it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from legalaid.domain import reference
from legalaid.domain.accounts import Account, Office
from legalaid.domain.cases import Case, CaseCounter, CaseParty, case_number
from legalaid.domain.courts import Court, Custody, Deadline, Hearing, Proceeding
from legalaid.domain.enums import (
    AgeGroup,
    CaseOutcome,
    CaseStatus,
    ConsentKind,
    ConsentMethod,
    CourtKind,
    EligibilityOutcome,
    Gender,
    PartyRole,
    RecommendedAction,
    ReferralStatus,
    Role,
    Vulnerability,
)
from legalaid.domain.intake import AdviceConsultation, AnonymousRecord, Consent, Intake
from legalaid.domain.intake_rules import eligibility_rules
from legalaid.domain.names import sort_key
from legalaid.domain.people import Person, PersonVulnerability
from legalaid.domain.referral_rules import FALLBACK_RESPONSE_DAYS
from legalaid.domain.referrals import Organisation, Referral, ReferralNote
from legalaid.domain.timeline import CaseEntry, CaseTask
from legalaid.errors import LegalAidError
from legalaid.i18n import N_
from legalaid.paths import resources_dir
from legalaid.services.directory import category_fit, kind_response_days
from legalaid.services.permissions import Permission
from legalaid.services.search_index import (
    case_document,
    full_name,
    person_document,
    write_cases,
    write_people,
)
from legalaid.services.setup import META_DEMO
from legalaid.services.workspace import Workspace

CHUNK = 5000
# Ministry of Justice legal-aid week 2018 (DOMAIN.md §4.1), plus GBV and CRJ as NGOs see them.
CATEGORY_WEIGHTS = {
    "SOC": 1678, "FAM": 1679, "PRP": 1428, "LAB": 569, "DOC": 165, "GBV": 700, "CRJ": 300,
    "MIG": 250, "FIN": 200, "ADM": 150, "HLT": 60, "EDU": 40, "DIS": 80, "DSC": 30,
    "BRD": 60, "OTH": 100,
}  # fmt: skip
ORIGIN_WEIGHTS = {"kyrgyz": 70, "uzbek": 22, "russian": 8}


class NotADemoVault(LegalAidError):
    template = N_("Synthetic data goes only into a demo vault; this vault holds real records.")
    exit_code = 7


@functools.cache
def _names() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((resources_dir() / "demo" / "names.json").read_text("utf-8"))
    return data


@dataclass
class Progress:
    done: int
    total: int


@dataclass(frozen=True)
class _Context:
    actor: int
    offices: list[tuple[int, str]]
    lawyers: list[int]
    today: dt.date


def _female_surname(surname: str) -> str:
    for ending in ("ов", "ев", "ин"):
        if surname.endswith(ending):
            return surname + "а"
    return surname


def _patronymic(rng: random.Random, origin: str, father: str, gender: Gender) -> str | None:
    roll = rng.random()
    if roll < 0.1:
        return None
    if origin == "kyrgyz" and roll < 0.5:
        return f"{father} {'кызы' if gender is Gender.FEMALE else 'уулу'}"
    return father + ("овна" if gender is Gender.FEMALE else "ович")


def _spelling(rng: random.Random, word: str) -> str:
    """A third of Kyrgyz names are typed the Russian way, without Ң Ө Ү."""
    variant = _names()["russian_spellings"].get(word)
    return variant if variant and rng.random() < 0.33 else word


def _pin(rng: random.Random, gender: Gender, born: dt.date, used: set[str]) -> str:
    while True:
        pin = f"{1 if gender is Gender.FEMALE else 2}{born:%d%m%Y}{rng.randrange(100000):05d}"
        if pin not in used:
            used.add(pin)
            return pin


def _person(
    rng: random.Random, person_id: int, context: _Context, used_pins: set[str], adult: bool = True
) -> tuple[dict[str, Any], list[str]]:
    names = _names()
    origin = rng.choices(list(ORIGIN_WEIGHTS), list(ORIGIN_WEIGHTS.values()))[0]
    gender = Gender.FEMALE if rng.random() < 0.62 else Gender.MALE
    given = rng.choice(names["given"][origin]["female" if gender is Gender.FEMALE else "male"])
    surname = rng.choice(names["surnames"][origin])
    if gender is Gender.FEMALE:
        surname = _female_surname(surname)
    father = rng.choice(names["given"][origin]["male"])
    age = rng.randint(18, 85) if adult else rng.randint(3, 17)
    born = context.today - dt.timedelta(days=age * 365 + rng.randrange(365))
    region = rng.choices(["osh_city", "osh", "jalal_abad", "batken"], [30, 35, 25, 10])[0]
    places = (*reference.regions()[region].districts, *reference.regions()[region].cities)
    district = rng.choice(places).code if places else None
    markers = [
        v.value
        for v, p in (
            (Vulnerability.LOW_INCOME, 0.45),
            (Vulnerability.DISABILITY, 0.08),
            (Vulnerability.MIGRANT_OR_RETURNEE, 0.1),
            (Vulnerability.ETHNIC_MINORITY, 0.9 if origin != "kyrgyz" else 0.0),
            (Vulnerability.STATELESS_OR_UNDOCUMENTED, 0.02),
            (Vulnerability.GBV_SURVIVOR, 0.08 if gender is Gender.FEMALE else 0.0),
            (Vulnerability.OLDER_PERSON, 1.0 if age >= 65 else 0.0),
            (Vulnerability.MINOR, 1.0 if age < 18 else 0.0),
        )
        if rng.random() < p
    ]
    languages = {"kyrgyz": ["ky"], "uzbek": ["uz", "ky"], "russian": ["ru"]}[origin]
    if origin != "russian" and rng.random() < 0.5:
        languages.append("ru")
    has_pin = rng.random() < 0.7
    given, surname = _spelling(rng, given), _spelling(rng, surname)
    patronymic = _patronymic(rng, origin, _spelling(rng, father), gender)
    row = {
        "id": person_id,
        "surname": surname,
        "given_name": given,
        "patronymic": patronymic,
        "gender": gender.value,
        "birth_date": born if has_pin or rng.random() < 0.5 else None,
        "birth_year_estimate": None,
        "pin": _pin(rng, gender, born, used_pins) if has_pin else None,
        "phone": f"+996 {rng.choice(['555', '700', '770', '550', '222'])} "
        f"{rng.randrange(1000000):06d}"
        if rng.random() < 0.8
        else None,
        "region": region,
        "district": district,
        "settlement": None,
        "street": f"{rng.choice(names['streets'])} {rng.randint(1, 120)}"
        if rng.random() < 0.6
        else None,
        "languages": ",".join(languages),
        "notes": None,
        "sort_key": sort_key(surname, given, patronymic),
        "created_at": dt.datetime.now(dt.UTC),
        "created_by": context.actor,
    }
    if row["birth_date"] is None:
        row["birth_year_estimate"] = born.year
    return row, markers


def _status_for_age(rng: random.Random, age_days: int) -> CaseStatus:
    """Old cases are mostly closed; new ones are still at intake or open."""
    if age_days < 30:
        weights = {
            CaseStatus.INTAKE: 40,
            CaseStatus.OPEN: 35,
            CaseStatus.REFERRED: 15,
            CaseStatus.CLOSED: 10,
        }
    elif age_days < 365:
        weights = {
            CaseStatus.OPEN: 25,
            CaseStatus.REFERRED: 15,
            CaseStatus.IN_COURT: 15,
            CaseStatus.CLOSED: 40,
            CaseStatus.REOPENED: 5,
        }
    else:
        weights = {
            CaseStatus.IN_COURT: 6,
            CaseStatus.REFERRED: 2,
            CaseStatus.CLOSED: 88,
            CaseStatus.REOPENED: 4,
        }
    return rng.choices(list(weights), list(weights.values()))[0]


def _organisations(session: Session) -> list[tuple[int, str, tuple[str, ...], int]]:
    """Active organisations of the directory: id, kind, categories, days to answer."""
    kind_days = kind_response_days()
    rows = session.execute(
        select(
            Organisation.id, Organisation.kind, Organisation.categories, Organisation.response_days
        ).where(Organisation.active.is_(True))
    )
    return [
        (
            row.id,
            row.kind,
            tuple(c for c in row.categories.split(",") if c),
            row.response_days or kind_days.get(row.kind) or FALLBACK_RESPONSE_DAYS,
        )
        for row in rows
    ]


def _context(session: Session, ws: Workspace) -> _Context:
    offices = [(r.id, r.code) for r in session.execute(select(Office.id, Office.code))]
    lawyers = list(
        session.scalars(
            select(Account.id).where(Account.role == Role.LAWYER.value, Account.active.is_(True))
        )
    )
    return _Context(ws.actor.id, offices, lawyers or [ws.actor.id], dt.date.today())


def fill(ws: Workspace, cases: int, seed: int = 1, require_demo: bool = True) -> Iterator[Progress]:
    """Add `cases` synthetic cases with their people; yields progress after each chunk."""
    ws.require(Permission.DELETE_RECORDS)  # coordinators only
    if require_demo and ws.vault.read_meta(META_DEMO) != b"1":
        raise NotADemoVault()
    rng = random.Random(seed)
    done = 0
    yield Progress(0, cases)
    while done < cases:
        size = min(CHUNK, cases - done)
        with ws.session() as session:
            _write_chunk(session, ws, rng, size)
            session.commit()
        done += size
        yield Progress(done, cases)


def _timeline(
    rng: random.Random, context: _Context, case_rows: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A few notes and activities per case, and open tasks on the newer active cases."""
    phrases = _names()["activities"]
    kinds = list(phrases)
    staff = [*context.lawyers, context.actor]
    entries: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    for case in case_rows:
        last = case["closed_on"] or context.today
        span = max(0, (last - case["opened_on"]).days)
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            kind = rng.choice(kinds)
            day = case["opened_on"] + dt.timedelta(days=rng.randint(0, span))
            at = dt.datetime.combine(day, dt.time(rng.randint(3, 12), rng.choice((0, 15, 30, 45))))
            entries.append(
                {
                    "case_id": case["id"],
                    "kind": kind,
                    "occurred_at": min(at, now),
                    "duration_minutes": rng.choice((None, 10, 15, 30, 45, 60, 90)),
                    "staff_id": case["assigned_lawyer_id"] or rng.choice(staff),
                    "text": rng.choice(phrases[kind]),
                    "created_at": now,
                    "created_by": context.actor,
                }
            )
        if case["closed_on"] is None and span < 120 and rng.random() < 0.3:
            tasks.append(
                {
                    "case_id": case["id"],
                    "title": rng.choice(_names()["tasks"]),
                    "assignee_id": case["assigned_lawyer_id"] or context.actor,
                    "due_on": context.today + dt.timedelta(days=rng.randint(-6, 21)),
                    "done_at": None,
                    "done_by": None,
                    "created_at": now,
                    "created_by": context.actor,
                }
            )
    return entries, tasks


def _referrals(
    rng: random.Random,
    context: _Context,
    case_rows: list[dict[str, Any]],
    organisations: list[tuple[int, str, tuple[str, ...], int]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """About one case in eight is referred (more for violence and criminal cases), to an
    organisation that handles its category; old referrals were answered or closed, recent
    ones are drafts or wait for an answer (some past their due date); consent to share is
    recorded for most. Follow-up notes on some. No letters: `demo.issue_demo_letters`
    issues a few through the service, with their PDFs."""
    notes_text = _names()["referral_notes"]
    requests = _names()["referral_requests"]
    referrals: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    for case in case_rows:
        chance = 0.3 if case["category"] in ("GBV", "CRJ") else 0.1
        if (context.today - case["opened_on"]).days < 120:
            chance *= 3  # the cases being worked on now are the ones being referred
        if not organisations or rng.random() >= chance:
            continue
        fits = {o: category_fit(o[2], case["category"], None) for o in organisations}
        best = max(fits.values())  # organisations of the case's field before general ones
        org_id, kind, _categories, days = rng.choice([o for o, fit in fits.items() if fit == best])
        end = case["closed_on"] or context.today
        referred = case["opened_on"] + dt.timedelta(
            days=rng.randint(0, max(0, min(30, (end - case["opened_on"]).days)))
        )
        age = (context.today - referred).days
        status, sent, response = _referral_course(rng, referred, age, days, context.today)
        consent = rng.random() < 0.85
        referrals.append(
            {
                "case_id": case["id"],
                "organisation_id": org_id,
                "referred_on": referred,
                "reason": "",
                "request": rng.choice(
                    requests[case["category"]] if case["category"] in requests else requests["*"]
                ),
                "legal_basis": "",
                "enclosures": "",
                "method": rng.choice(("letter", "letter", "letter", "in_person", "phone", "email")),
                "responsible_id": case["assigned_lawyer_id"] or context.actor,
                "due_on": sent + dt.timedelta(days=days) if sent else None,
                "status": status.value,
                "status_on": response or sent or referred,
                "sent_on": sent,
                "response_on": response,
                "response_summary": "",
                "outcome": "",
                "consent_on": referred if consent else None,
                "consent_method": ConsentMethod.SIGNED_FORM.value if consent else None,
                "consent_scope": "identity,contact,facts" if consent else "",
                "letter_ready": False,
                "created_at": now,
                "created_by": context.actor,
            }
        )
        if sent and rng.random() < 0.3:
            notes.append({"case_index": len(referrals) - 1, "text": rng.choice(notes_text)})
    return referrals, notes


def _referral_course(
    rng: random.Random, referred: dt.date, age: int, days: int, today: dt.date
) -> tuple[ReferralStatus, dt.date | None, dt.date | None]:
    """Status, day sent, day of the response, for a referral made `age` days ago."""
    if age < 7 and rng.random() < 0.5:
        return ReferralStatus.DRAFT, None, None
    sent = min(today, referred + dt.timedelta(days=rng.randint(0, 3)))
    waited = (today - sent).days
    if waited < 120 and rng.random() < 0.45:  # still waiting; past the due date, overdue
        received = rng.random() < 0.4
        return (ReferralStatus.RECEIVED if received else ReferralStatus.SENT), sent, None
    if rng.random() < 0.12:
        return ReferralStatus.CLOSED_NO_ANSWER, sent, None
    response = min(today, sent + dt.timedelta(days=rng.randint(2, max(3, days + 10))))
    answer = rng.choices(
        (ReferralStatus.ANSWERED, ReferralStatus.ACCEPTED, ReferralStatus.DECLINED), (6, 3, 1)
    )[0]
    return answer, sent, response


def _courts(session: Session) -> dict[str, list[int]]:
    """Courts of first instance by region (district and city courts), for the demo."""
    found: dict[str, list[int]] = {}
    rows = session.execute(
        select(Court.id, Court.region).where(
            Court.kind.in_((CourtKind.DISTRICT.value, CourtKind.CITY.value)),
            Court.active.is_(True),
        )
    )
    for court_id, region in rows:
        found.setdefault(region or "", []).append(court_id)
    return found


def _court_work(
    rng: random.Random,
    context: _Context,
    case_rows: list[dict[str, Any]],
    courts: dict[str, list[int]],
    regions: dict[int, str],
) -> dict[str, list[dict[str, Any]]]:
    """Proceedings for cases in court (and some criminal ones), hearings over the past and
    coming months, deadlines (some missed), and detained clients. Times in UTC."""
    kinds = {"CRJ": "criminal", "GBV": "criminal", "FAM": "civil", "PRP": "civil", "LAB": "civil"}
    rows: dict[str, list[dict[str, Any]]] = {
        "proceeding": [],
        "hearing": [],
        "deadline": [],
        "custody": [],
    }
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    all_courts = [court for group in courts.values() for court in group]
    for case in case_rows:
        in_court = case["status"] == CaseStatus.IN_COURT.value
        if not all_courts or not (in_court or (case["category"] == "CRJ" and rng.random() < 0.4)):
            continue
        if case["closed_on"] is not None and not in_court:
            continue
        kind = kinds.get(case["category"], "administrative")
        lawyer = case["assigned_lawyer_id"] or rng.choice(context.lawyers)
        court_id = rng.choice(courts.get(regions.get(case["office_id"], ""), []) or all_courts)
        year = case["opened_on"].year
        prefix = "УД" if kind == "criminal" else "ГД"  # criminal / civil case numbers
        proceeding = {
            "case_id": case["id"],
            "previous_id": None,
            "court_id": court_id,
            "court_number": f"{prefix}-{rng.randint(100, 9999)}/{year % 100}",
            "kind": kind,
            "client_role": "accused"
            if kind == "criminal" and case["category"] == "CRJ"
            else ("victim" if kind == "criminal" else "plaintiff"),
            "charges": rng.choice(("CC 122(2)", "CC 206(1)", "CC 177(2)", "CC 136(1)"))
            if kind == "criminal"
            else "",
            "judges": "",
            "instance": "first_instance",
            "stage": "",
            "representation": "ours",
            "lawyer_id": lawyer,
            "opposing_counsel": "",
            "status": "pending",
            "outcome": "",
            "created_at": now,
            "created_by": context.actor,
        }
        rows["proceeding"].append(proceeding)
        index = len(rows["proceeding"]) - 1
        # A few hearings behind it and the next one within two weeks (working days only).
        # Older proceedings are decided: their hearings lie in the past only.
        ongoing = in_court or (context.today - case["opened_on"]).days < 240
        offsets = [rng.randint(-60, -1) for _ in range(rng.randint(0, 3))]
        offsets += [rng.randint(1, 14)] if ongoing else [rng.randint(-400, -61)]
        if not ongoing:
            proceeding["status"] = "decided"
        for offset in offsets:
            day = context.today + dt.timedelta(days=offset)
            while day.weekday() >= 5:
                day += dt.timedelta(days=1 if offset > 0 else -1)
            hour = dt.time(rng.choice((9, 10, 11, 14, 15)), rng.choice((0, 30)))
            local = dt.datetime.combine(day, hour)
            past = local.date() < context.today
            result = rng.choice(("held", "adjourned")) if past else None
            rows["hearing"].append(
                {
                    "proceeding_index": index,
                    "starts_at": local.astimezone(dt.UTC).replace(tzinfo=None),
                    "minutes": rng.choice((30, 60, 90)),
                    "courtroom": str(rng.randint(1, 9)),
                    "kind": rng.choice(("preliminary", "main", "main", "main")),
                    "lawyer_id": lawyer,
                    "result": result,
                    # The service asks why a hearing was adjourned; the demo says it too.
                    "adjourned_reason": rng.choice(_names()["adjourned_reasons"])
                    if result == "adjourned"
                    else "",
                    "attended": "",
                    "notes": "",
                    "time_spent_minutes": rng.choice((60, 90, 120)) if past else None,
                    "next_hearing_id": None,
                    "created_at": now,
                    "created_by": context.actor,
                }
            )
        if ongoing and rng.random() < 0.5:
            due = context.today + dt.timedelta(days=rng.randint(-10, 20))
            open_ = due >= context.today or rng.random() < 0.4
            rows["deadline"].append(
                {
                    "case_id": case["id"],
                    "proceeding_index": index,
                    "rule_code": None,
                    "rules_version": None,
                    "title": rng.choice(_names()["court_deadlines"]),
                    "event_at": None,
                    "due_at": dt.datetime.combine(due, dt.time(23, 59, 59))
                    .astimezone(dt.UTC)
                    .replace(tzinfo=None),
                    "responsible_id": lawyer,
                    "state": "open" if open_ else "done",
                    "closed_at": None if open_ else now,
                    "closed_by": None if open_ else lawyer,
                    "created_at": now,
                    "created_by": context.actor,
                }
            )
        accused = kind == "criminal" and proceeding["client_role"] == "accused"
        if ongoing and accused and rng.random() < 0.3:
            detained = now - dt.timedelta(hours=rng.randint(20, 24 * 58))
            decided = detained + dt.timedelta(hours=rng.randint(20, 46))
            if rng.random() < 0.15:  # brought in recently, no court decision yet
                detained, decided = now - dt.timedelta(hours=rng.randint(30, 55)), now
            rows["custody"].append(
                {
                    "case_id": case["id"],
                    "proceeding_index": index,
                    "detained_at": detained,
                    "decision_at": decided if decided < now else None,
                    "custody_until": (decided + dt.timedelta(days=60)).date()
                    if decided < now
                    else None,
                    "place": rng.choice(
                        ("ИВС УВД г. Ош", "СИЗО-5 г. Ош", "ИВС ОВД Кара-Суйского района")
                    ),
                    "released_on": None,
                    "created_at": now,
                    "created_by": context.actor,
                }
            )
    return rows


def _intakes(
    rng: random.Random,
    context: _Context,
    case_rows: list[dict[str, Any]],
    clients: dict[int, int],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Intake records with their consents for most cases of the last two years (older
    cases were registered before intakes were recorded here)."""
    rules = eligibility_rules()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    intakes: list[dict[str, Any]] = []
    consents: list[dict[str, Any]] = []
    for case in case_rows:
        if (context.today - case["opened_on"]).days > 730 or rng.random() < 0.2:
            continue
        intake_row = {
            "case_id": case["id"],
            "person_id": clients[case["id"]],
            "office_id": case["office_id"],
            "taken_on": case["opened_on"],
            "may_call": rng.random() < 0.85,
            "may_leave_messages": rng.random() < 0.5,
            "narrative": case["summary"],
            "urgent": False,
            "urgent_rules": "",
            "urgency_answers": "",
            "eligibility": rng.choice(list(EligibilityOutcome)).value,
            "eligibility_rules_version": rules.version,
            "eligibility_rules_date": rules.date,
            "eligibility_to_verify": True,
            "recommended_action": rng.choice(list(RecommendedAction)).value,
            "conflict_matches": 0,
            "created_at": now,
            "created_by": context.actor,
        }
        intakes.append(intake_row)
        method = ConsentMethod.SIGNED_FORM if rng.random() < 0.8 else ConsentMethod.ORAL_WITNESSED
        for kind in (ConsentKind.RECORD_DATA, ConsentKind.CONTACT):
            consents.append(
                {
                    "case_id": case["id"],  # replaced by the intake's id once known
                    "person_id": intake_row["person_id"],
                    "kind": kind.value,
                    "organisation_kinds": "",
                    "method": method.value,
                    "witness_name": None,
                    "given_on": case["opened_on"],
                    "created_at": now,
                    "created_by": context.actor,
                }
            )
    return intakes, consents


def _visits(
    rng: random.Random, context: _Context, size: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Advice-only visits (about one for every five cases) and anonymous records (people
    who did not agree to be recorded: about one in fifty)."""
    categories = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    advice_texts = _names()["activities"]["advice"]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    advice: list[dict[str, Any]] = []
    anonymous: list[dict[str, Any]] = []
    for _ in range(size // 5):
        office_id, _code = rng.choice(context.offices)
        advice.append(
            {
                "given_on": context.today - dt.timedelta(days=int(rng.triangular(0, 730, 0))),
                "office_id": office_id,
                "staff_id": rng.choice([*context.lawyers, context.actor]),
                "topic": rng.choices(categories, weights)[0],
                "advice": rng.choice(advice_texts),
                "duration_minutes": rng.choice((10, 15, 20, 30, 45)),
                "gender": rng.choice(list(Gender)).value,
                "age_group": rng.choice(list(AgeGroup)).value,
                "created_at": now,
                "created_by": context.actor,
            }
        )
    for _ in range(size // 50):
        office_id, _code = rng.choice(context.offices)
        anonymous.append(
            {
                "recorded_on": context.today - dt.timedelta(days=int(rng.triangular(0, 730, 0))),
                "office_id": office_id,
                "category": rng.choices(categories, weights)[0],
                "gender": rng.choice(list(Gender)).value,
                "age_group": rng.choice(list(AgeGroup)).value,
                "created_by": context.actor,
            }
        )
    return advice, anonymous


def _with_ids(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ids for rows inserted in bulk (so their audit events can name them)."""
    first = (session.scalar(select(func.max(model.id))) or 0) + 1
    for number, row in enumerate(rows):
        row["id"] = first + number
    return rows


def _write_chunk(session: Session, ws: Workspace, rng: random.Random, size: int) -> None:
    context = _context(session, ws)
    connection = session.connection()
    next_person = (session.scalar(select(func.max(Person.id))) or 0) + 1
    next_case = (session.scalar(select(func.max(Case.id))) or 0) + 1
    used_pins = {pin for pin in session.scalars(select(Person.pin)) if pin}
    counters = {(c.office_id, c.year): c.last_seq for c in session.scalars(select(CaseCounter))}
    known_counters = set(counters)
    people: list[dict[str, Any]] = []
    markers: list[dict[str, Any]] = []
    case_rows: list[dict[str, Any]] = []
    party_rows: list[dict[str, Any]] = []
    clients: list[int] = []
    opponents: list[int] = []

    def new_person(adult: bool = True) -> int:
        nonlocal next_person
        row, codes = _person(rng, next_person, context, used_pins, adult)
        people.append(row)
        markers.extend({"person_id": next_person, "code": code} for code in codes)
        next_person += 1
        return int(row["id"])

    categories = list(CATEGORY_WEIGHTS)
    # Numbers follow the opening dates within each office and year, as in a real register.
    openings = sorted(
        context.today - dt.timedelta(days=int(rng.triangular(0, 5 * 365, 0))) for _ in range(size)
    )
    for opened in openings:
        category = rng.choices(categories, list(CATEGORY_WEIGHTS.values()))[0]
        subs = reference.categories()[category].subcategories
        subcategory = rng.choice(subs).code if subs else None
        office_id, office_code = rng.choice(context.offices)
        seq = counters.get((office_id, opened.year), 0) + 1
        counters[(office_id, opened.year)] = seq
        status = _status_for_age(rng, (context.today - opened).days)
        restricted = category == "CRJ" and rng.random() < 0.15 or rng.random() < 0.003
        lawyer = rng.choice(context.lawyers) if restricted or rng.random() < 0.6 else None
        closed = status is CaseStatus.CLOSED
        case_rows.append(
            {
                "id": next_case,
                "number": case_number(office_code, opened.year, seq),
                "office_id": office_id,
                "year": opened.year,
                "seq": seq,
                "opened_on": opened,
                "category": category,
                "subcategory": subcategory,
                "summary": rng.choice(_names()["summaries"][category]),
                "status": status.value,
                "assigned_lawyer_id": lawyer,
                "restricted": restricted,
                "outcome": rng.choice(list(CaseOutcome)).value if closed else None,
                "closed_on": min(context.today, opened + dt.timedelta(days=rng.randint(1, 200)))
                if closed
                else None,
                "created_at": dt.datetime.now(dt.UTC),
                "created_by": context.actor,
            }
        )
        client = rng.choice(clients) if clients and rng.random() < 0.15 else new_person()
        clients.append(client)
        party_rows.append(
            {"case_id": next_case, "person_id": client, "role": PartyRole.CLIENT.value}
        )
        extra_roles = [
            (PartyRole.OPPOSING_PARTY, 0.45),
            (PartyRole.WITNESS, 0.12),
            (PartyRole.REPRESENTATIVE, 0.05),
        ]
        if category in ("GBV", "FAM") and rng.random() < 0.2:
            party_rows.append(
                {
                    "case_id": next_case,
                    "person_id": new_person(adult=False),
                    "role": PartyRole.VICTIM.value,
                }
            )
        for role, chance in extra_roles:
            if rng.random() < chance:
                # Now and then the same opponent or witness turns up in another case,
                # which is what a conflict check has to catch.
                known = clients + opponents
                who = rng.choice(known) if known and rng.random() < 0.1 else new_person()
                if role is PartyRole.OPPOSING_PARTY:
                    opponents.append(who)
                if who != client:
                    party_rows.append({"case_id": next_case, "person_id": who, "role": role.value})
        next_case += 1

    entries, tasks = _timeline(rng, context, case_rows)
    connection.execute(insert(Person), people)
    if markers:
        connection.execute(insert(PersonVulnerability), markers)
    connection.execute(insert(Case), case_rows)
    connection.execute(insert(CaseParty), party_rows)
    _with_ids(session, CaseEntry, entries)
    _with_ids(session, CaseTask, tasks)
    if entries:
        connection.execute(insert(CaseEntry), entries)
    if tasks:
        connection.execute(insert(CaseTask), tasks)
    first_clients: dict[int, int] = {}
    for row in party_rows:
        if row["role"] == PartyRole.CLIENT.value:
            first_clients.setdefault(row["case_id"], row["person_id"])
    intake_rows, consent_rows = _intakes(rng, context, case_rows, first_clients)
    _with_ids(session, Intake, intake_rows)
    by_case = {row["case_id"]: row["id"] for row in intake_rows}
    for row in consent_rows:
        row["intake_id"] = by_case[row.pop("case_id")]
    _with_ids(session, Consent, consent_rows)
    referral_rows, note_rows = _referrals(rng, context, case_rows, _organisations(session))
    _with_ids(session, Referral, referral_rows)
    for row in note_rows:
        row["referral_id"] = referral_rows[row.pop("case_index")]["id"]
        row["created_at"] = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        row["created_by"] = context.actor
    _with_ids(session, ReferralNote, note_rows)
    regions = dict(session.execute(select(Office.id, Office.region)).all())
    court_rows = _court_work(rng, context, case_rows, _courts(session), regions)
    _with_ids(session, Proceeding, court_rows["proceeding"])
    for kind in ("hearing", "deadline", "custody"):
        for row in court_rows[kind]:
            row["proceeding_id"] = court_rows["proceeding"][row.pop("proceeding_index")]["id"]
    _with_ids(session, Hearing, court_rows["hearing"])
    _with_ids(session, Deadline, court_rows["deadline"])
    _with_ids(session, Custody, court_rows["custody"])
    advice_rows, anonymous_rows = _visits(rng, context, len(case_rows))
    _with_ids(session, AdviceConsultation, advice_rows)
    _with_ids(session, AnonymousRecord, anonymous_rows)
    for model, rows in (
        (Intake, intake_rows),
        (Consent, consent_rows),
        (Referral, referral_rows),
        (ReferralNote, note_rows),
        (Proceeding, court_rows["proceeding"]),
        (Hearing, court_rows["hearing"]),
        (Deadline, court_rows["deadline"]),
        (Custody, court_rows["custody"]),
        (AdviceConsultation, advice_rows),
        (AnonymousRecord, anonymous_rows),
    ):
        if rows:
            connection.execute(insert(model), rows)
    for (office_id, year), last in counters.items():
        if (office_id, year) in known_counters:
            connection.execute(
                update(CaseCounter)
                .where(CaseCounter.office_id == office_id, CaseCounter.year == year)
                .values(last_seq=last)
            )
        else:
            connection.execute(
                insert(CaseCounter).values(office_id=office_id, year=year, last_seq=last)
            )
    write_people(
        connection,
        [
            (
                p["id"],
                *person_document(
                    p["surname"], p["given_name"], p["patronymic"], p["pin"], p["phone"]
                ),
            )
            for p in people
        ],
    )
    by_id = {p["id"]: p for p in people}
    names: dict[int, list[str]] = {row["id"]: [] for row in case_rows}
    missing = {row["person_id"] for row in party_rows} - set(by_id)
    if missing:
        for person in session.scalars(select(Person).where(Person.id.in_(missing))):
            by_id[person.id] = {
                "surname": person.surname,
                "given_name": person.given_name,
                "patronymic": person.patronymic,
            }
    for row in party_rows:
        p = by_id[row["person_id"]]
        names[row["case_id"]].append(full_name(p["surname"], p["given_name"], p["patronymic"]))
    write_cases(
        connection, [(c["id"], *case_document(c["number"], names[c["id"]])) for c in case_rows]
    )
    made = {"source": "demo"}
    created = [
        *(("person", p["id"]) for p in people),
        *(("case", c["id"]) for c in case_rows),
        *(("case_entry", e["id"]) for e in entries),
        *(("case_task", t["id"]) for t in tasks),
        *(("intake", row["id"]) for row in intake_rows),
        *(("consent", row["id"]) for row in consent_rows),
        *(("referral", row["id"]) for row in referral_rows),
        *(("referral_note", row["id"]) for row in note_rows),
        *((kind, row["id"]) for kind, kind_rows in court_rows.items() for row in kind_rows),
        *(("advice", row["id"]) for row in advice_rows),
        *(("anonymous_record", row["id"]) for row in anonymous_rows),
    ]
    ws.vault.record_many(
        session, [(context.actor, "create", entity, key, made) for entity, key in created]
    )

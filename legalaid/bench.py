"""`legalaid bench`: the performance budget, measured (ARCHITECTURE.md).

Builds a throw-away demo vault of N synthetic cases (people, parties, restricted
cases, audit events) below the app's data folder, and a plain SQLite twin of the
same data as the reference, then times each operation and returns the JSON the
architecture page specifies. The same query functions run on both databases (as a
paralegal, so the restricted-case filters are part of every query). `open_case`
includes writing its audit event; its reference writes a row in the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from legalaid.domain.cases import Case
from legalaid.domain.enums import Role
from legalaid.domain.names import skeleton
from legalaid.domain.people import Person
from legalaid.domain.referrals import Referral
from legalaid.paths import data_dir
from legalaid.services import (
    accounts,
    agenda,
    cases,
    demo,
    demo_data,
    demo_monitoring,
    duplicates,
    findings,
    history,
    intake,
    letters,
    referrals,
    search,
    timeline,
)
from legalaid.services.workspace import AccountInfo, Workspace
from legalaid.storage import kdf
from legalaid.storage.engine import connect_raw
from legalaid.storage.vault import QUICK_CHECK_ON_UNLOCK_MAX_BYTES


def _time(operation: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _timed_each(operation: Callable[[Any], object], inputs: list[Any]) -> list[float]:
    samples = []
    for item in inputs:
        start = time.perf_counter()
        operation(item)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _summary(samples: list[float], reference: list[float] | None) -> dict[str, Any]:
    ordered = sorted(samples)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    ref = statistics.median(reference) if reference else None
    return {
        "median_ms": round(median, 3),
        "p95_ms": round(p95, 3),
        "reference_median_ms": None if ref is None else round(ref, 3),
        "ratio": None if not ref else round(median / ref, 2),
    }


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def _open_encrypted(path: Path, dek: bytearray) -> None:
    """What unlock does after the KDF: open, key, assert the profile and pragmas, read the
    schema and the audit head (the full quick_check runs here only for small vaults)."""
    connection = connect_raw(path, dek)
    try:
        if path.stat().st_size <= QUICK_CHECK_ON_UNLOCK_MAX_BYTES:
            connection.execute("PRAGMA quick_check").fetchall()
        connection.execute("SELECT seq, mac FROM audit_event ORDER BY seq DESC LIMIT 1").fetchall()
    finally:
        connection.close()


def _open_plain(path: Path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in (
            "foreign_keys = ON",
            "secure_delete = ON",
            "temp_store = MEMORY",
            "synchronous = FULL",
            "journal_mode = WAL",
        ):
            connection.execute(f"PRAGMA {pragma}")
        if path.stat().st_size <= QUICK_CHECK_ON_UNLOCK_MAX_BYTES:
            connection.execute("PRAGMA quick_check").fetchall()
        connection.execute("SELECT seq, mac FROM audit_event ORDER BY seq DESC LIMIT 1").fetchall()
    finally:
        connection.close()


def decrypted_copy(encrypted: Path, dek: bytearray, plain: Path) -> None:
    """A plaintext copy of a *synthetic* vault: the bench's reference, and the tests' proof
    that erased text is gone from the decrypted pages. Never used on real data."""
    connection = connect_raw(encrypted, dek)
    try:
        connection.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
        connection.execute("SELECT sqlcipher_export('plain')")
        connection.execute("DETACH DATABASE plain")
    finally:
        connection.close()


def _plain_sessions(path: Path) -> sessionmaker[Session]:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        connection.isolation_level = None
        for pragma in (
            "foreign_keys = ON",
            "synchronous = FULL",
            "journal_mode = WAL",
            "temp_store = MEMORY",
            "cache_size = -65536",
        ):
            connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return sessionmaker(engine, expire_on_commit=False)


def _queries(
    session: Session, rng: random.Random, count: int
) -> tuple[list[str], list[str], list[str]]:
    """What people type: name fragments (from two letters, Cyrillic or Latin spellings),
    case numbers, and PIN beginnings or phone endings."""
    people = session.execute(
        select(Person.surname, Person.given_name, Person.pin, Person.phone)
        .order_by(func.random())
        .limit(count * 2)
    ).all()
    names = []
    for index, (surname, given, _pin, _phone) in enumerate(people[:count]):
        if index % 3 == 0:
            names.append(skeleton(surname).capitalize())  # "Zholdoshbekov"-style, cross-script
        elif index % 3 == 1:
            names.append(surname[: rng.randint(2, 6)])  # a fragment while typing
        else:
            names.append(f"{given} {surname[:4]}")
    numbers = list(session.scalars(select(Case.number).order_by(func.random()).limit(count)))
    digits = [pin[:8] for _s, _g, pin, _p in people if pin][: count // 2]
    digits += [phone[-6:] for _s, _g, _pin, phone in people if phone][: count - len(digits)]
    return names, numbers, digits


def _viewer(ws: Workspace, role: Role) -> AccountInfo:
    from legalaid.services import accounts

    account = next(a for a in accounts.list_accounts(ws) if a.role is role)
    return account


def _open_case_reference(
    sessions: sessionmaker[Session], viewer: AccountInfo, case_id: int
) -> None:
    with sessions() as session:
        case = cases.find_case(session, viewer, case_id)
        cases.case_info(session, case)
        seq = (session.scalar(text("SELECT max(seq) FROM audit_event")) or 0) + 1
        session.execute(
            text(
                "INSERT INTO audit_event (seq, at, actor_id, action, entity, entity_id, "
                "detail, mac) VALUES (:seq, '2026-01-01T00:00:00Z', :actor, 'view', 'case', "
                ":id, '{}', zeroblob(32))"
            ),
            {"seq": seq, "actor": viewer.id, "id": str(case_id)},
        )
        session.commit()


def run(
    cases_count: int = 100_000,
    seed: int = 1,
    repeat: int = 30,
    kdf_params: kdf.KdfParams = kdf.DEFAULT,
) -> dict[str, Any]:
    rng = random.Random(seed)
    data_dir().mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="bench-", dir=data_dir()))
    try:
        start = time.perf_counter()
        ws = demo.create_demo_vault(folder / "bench.db", params=kdf.FAST_FOR_TESTS)
        try:
            _more_lawyers(ws, cases_count)
            for _progress in demo_data.fill(ws, cases_count, seed):
                pass
            build_seconds = time.perf_counter() - start
            # The observations first, so that the plain twin holds them too.
            monitoring = _monitoring_operations(ws, cases_count, repeat)
            dek = bytearray(ws.vault._require_dek())
            plain = folder / "plain.db"
            decrypted_copy(ws.vault.path, dek, plain)
            operations = _measure(ws, folder, plain, dek, rng, repeat)
            operations.update(monitoring)
            operations.update(_statistics_operations(ws, plain, repeat))
            operations.update(_import_operations(ws, cases_count))  # last: it adds cases
        finally:
            ws.close()
        rss = _peak_rss_mb()
        secret = kdf.passphrase_bytes("bench vault passphrase, synthetic data only")
        operations["kdf"] = _summary(
            _time(lambda: kdf_params.derive(secret, bytes(16)), max(3, repeat // 10)), None
        )
        return {
            "cases": cases_count,
            "observations": observations_for(cases_count),
            "seed": seed,
            "build_seconds": round(build_seconds, 2),
            "peak_rss_mb": rss,
            "peak_rss_with_kdf_mb": _peak_rss_mb(),
            "kdf_parameters": kdf_params.to_json(),
            "measured_on": dt.date.today().isoformat(),
            "operations": dict(sorted(operations.items())),
        }
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)


CASES_PER_LAWYER = 2_000  # over five years; about 40 open at a time, as the issue says


def _more_lawyers(ws: Workspace, cases_count: int) -> None:
    """A network with this many cases has more than the demo's two lawyers: cases,
    hearings and deadlines are spread over a realistic number of them."""
    offices = ["OSH", "MANAS", "BATKEN"]
    for number in range(max(0, cases_count // CASES_PER_LAWYER - 2)):
        accounts.add_account(
            ws,
            f"bench.lawyer{number:03d}",
            f"Bench Lawyer {number:03d}",
            Role.LAWYER,
            "bench vault passphrase, synthetic data only",
            offices[number % len(offices)],
        )


def _measure(
    ws: Workspace, folder: Path, plain: Path, dek: bytearray, rng: random.Random, repeat: int
) -> dict[str, Any]:
    viewer = _viewer(ws, Role.PARALEGAL)
    as_paralegal = Workspace(ws.vault, viewer)
    references = _plain_sessions(plain)
    with ws.reader() as session:
        names, numbers, digits = _queries(session, rng, repeat)
        case_ids = list(
            session.scalars(
                select(Case.id)
                .where(Case.restricted.is_(False))
                .order_by(func.random())
                .limit(repeat)
            )
        )

    def on_vault(operation: Callable[[Session, Any], object]) -> Callable[[Any], object]:
        def run_one(item: Any) -> object:
            with ws.reader() as session:
                return operation(session, item)

        return run_one

    def on_plain(operation: Callable[[Session, Any], object]) -> Callable[[Any], object]:
        def run_one(item: Any) -> object:
            with references() as session:
                return operation(session, item)

        return run_one

    def find(session: Session, query: str) -> object:
        return search.run_search(session, viewer, query)

    def first_page(session: Session, _item: object) -> object:
        filters = cases.CaseFilter()
        total = session.scalar(cases.case_count_query(viewer, filters))
        page = session.execute(cases.case_list_query(viewer, filters).limit(100))
        return total, cases.rows_of(session, page)

    for warm in (on_vault(find), on_plain(find)):
        warm(names[0])
    pages = [None] * repeat
    operations = {
        "unlock": _summary(
            _time(lambda: _open_encrypted(ws.vault.path, dek), repeat),
            _time(lambda: _open_plain(plain), repeat),
        ),
        "search_name": _summary(
            _timed_each(on_vault(find), names), _timed_each(on_plain(find), names)
        ),
        "search_number": _summary(
            _timed_each(on_vault(find), numbers), _timed_each(on_plain(find), numbers)
        ),
        "search_pin_phone": _summary(
            _timed_each(on_vault(find), digits), _timed_each(on_plain(find), digits)
        ),
        "case_list_page": _summary(
            _timed_each(on_vault(first_page), pages), _timed_each(on_plain(first_page), pages)
        ),
        "open_case": _summary(
            _timed_each(lambda case_id: cases.get_case(as_paralegal, case_id), case_ids),
            _timed_each(
                lambda case_id: _open_case_reference(references, viewer, case_id), case_ids
            ),
        ),
    }
    # What opening a case shows besides its details (no plain-SQLite twin: vault only).
    operations["case_history"] = _summary(
        _timed_each(
            lambda case_id: history.record_history(as_paralegal, "case", case_id), case_ids
        ),
        None,
    )
    operations["case_timeline"] = _summary(
        _timed_each(lambda case_id: timeline.case_timeline(as_paralegal, case_id), case_ids),
        None,
    )
    lawyer = Workspace(ws.vault, _viewer(ws, Role.LAWYER))
    operations["dashboard_tasks"] = _summary(
        _time(lambda: timeline.my_open_tasks(lawyer), repeat), None
    )
    operations.update(_intake_operations(ws, as_paralegal, rng, repeat))
    operations.update(_referral_operations(ws, lawyer, repeat))
    operations.update(_court_operations(lawyer, repeat))
    references.kw["bind"].dispose()
    return operations


def _referral_operations(ws: Workspace, lawyer: Workspace, repeat: int) -> dict[str, Any]:
    """A referral letter rendered (read from the vault, built in memory), 100 letters one
    after the other (the batch print; referrals with consent, reused when fewer), the
    Dashboard's referral lists and a case's referrals."""
    with ws.reader() as session:
        consented = list(
            session.scalars(
                select(Referral.id)
                .where(Referral.consent_on.is_not(None), Referral.consent_scope != "")
                .order_by(Referral.id)
                .limit(100)
            )
        )
        case_ids = list(session.scalars(select(Referral.case_id).limit(repeat)))
    hundred = list(itertools.islice(itertools.cycle(consented), 100))

    def render_hundred() -> object:
        return [letters.preview_letter(ws, referral_id) for referral_id in hundred]

    def dashboard_lists() -> object:
        return (
            referrals.overdue_referrals(lawyer),
            referrals.referrals_awaiting_sending(lawyer),
            referrals.answers_this_week(lawyer),
        )

    return {
        "letter": _summary(
            _timed_each(lambda rid: letters.preview_letter(ws, rid), consented[:repeat]), None
        ),
        "letters_100": _summary(_time(render_hundred, 1), None),
        "dashboard_referrals": _summary(_time(dashboard_lists, repeat), None),
        "case_referrals": _summary(
            _timed_each(lambda case_id: referrals.case_referrals(ws, case_id), case_ids), None
        ),
    }


OBSERVATIONS_PER_CASE = 0.1  # 10,000 observations beside the 100,000 cases


def observations_for(cases_count: int) -> int:
    return max(50, round(cases_count * OBSERVATIONS_PER_CASE))


def _monitoring_operations(ws: Workspace, cases_count: int, repeat: int) -> dict[str, Any]:
    """The findings of a year (every item counted, the indicators, the quarters) over ten
    thousand approved observations at the full bench."""
    demo_monitoring.bulk_observations(ws, observations_for(cases_count), days=365)
    year = findings.FindingsFilter(first_day=dt.date.today() - dt.timedelta(days=365))
    return {
        "findings_year": _summary(
            _time(lambda: findings.findings(ws, year), max(5, repeat // 3)), None
        )
    }


def _statistics_operations(ws: Workspace, plain: Path, repeat: int) -> dict[str, Any]:
    """Every statistic of the last year (all the tables, each drill-down ready), with the
    same SQL on the plain twin as its reference; the quarter's report rendered as a PDF
    with its charts; and a coordinator's Dashboard tiles."""
    from legalaid.documents.statistics_pdf import statistics_pdf  # noqa: PLC0415
    from legalaid.services import dashboard, statistics  # noqa: PLC0415
    from legalaid.services.statistics_report import quarter_of  # noqa: PLC0415

    today = dt.date.today()
    year = statistics.StatsFilter(today - dt.timedelta(days=365), today)
    first, last = quarter_of(quarter_of(today)[0] - dt.timedelta(days=1))
    quarter = statistics.StatsFilter(first, last)
    few = max(3, repeat // 5)
    references = _plain_sessions(plain)

    def on_plain() -> object:
        with references() as session:
            return [statistics.count_table(session, year, key) for key in statistics.MEASURES]

    return {
        "statistics_year": _summary(
            _time(lambda: statistics.tables(ws, year), few), _time(on_plain, few)
        ),
        "report_pdf": _summary(
            _time(lambda: statistics_pdf(ws, quarter, "general", "ru", 5), few), None
        ),
        "dashboard_tiles": _summary(_time(lambda: dashboard.dashboard_numbers(ws), few), None),
    }


IMPORT_ROWS = 5_000  # a register of a few years, as offices bring them


def _import_operations(ws: Workspace, cases_count: int) -> dict[str, Any]:
    """A synthetic register with deliberate errors (services/imports/sample_register.py),
    read, planned against the full vault (people matched across its clients) and written
    in one transaction; then the same register months on, planned again (updates found by
    the register's numbers). Once each: a write cannot be repeated."""
    from legalaid.services.imports import apply, plan, vault_names  # noqa: PLC0415
    from legalaid.services.imports.mapping import suggest_columns  # noqa: PLC0415
    from legalaid.services.imports.sample_register import register_text  # noqa: PLC0415
    from legalaid.services.imports.sources import read_csv  # noqa: PLC0415

    rows = min(IMPORT_ROWS, cases_count)
    first = read_csv(register_text(rows, 7).encode("cp1251"))
    later = read_csv(register_text(rows, 7, later=True).encode("cp1251"))
    columns = suggest_columns(first.header)
    values = vault_names.value_suggestions(first, columns, ws)
    return {
        "import_plan": _summary(
            _time(lambda: plan.plan_import(ws, first, columns, values), 1), None
        ),
        "import_write": _summary(
            _time(lambda: apply.apply_import(ws, first, columns, values), 1), None
        ),
        "import_replan": _summary(
            _time(lambda: plan.plan_import(ws, later, columns, values), 1), None
        ),
    }


def _court_operations(lawyer: Workspace, repeat: int) -> dict[str, Any]:
    """A lawyer's month of hearings and deadlines (the calendar's month view), and the whole
    Dashboard as a lawyer opens it: tasks, urgent cases, referrals, hearings, deadlines and
    custody alerts."""
    today = dt.date.today()
    first = today.replace(day=1)

    def month() -> object:
        return agenda.agenda(
            lawyer, first, first + dt.timedelta(days=41), agenda.AgendaFilter(lawyer.actor.login)
        )

    def dashboard() -> object:
        return (
            timeline.my_open_tasks(lawyer),
            intake.urgent_open_cases(lawyer),
            referrals.overdue_referrals(lawyer),
            referrals.referrals_awaiting_sending(lawyer),
            referrals.answers_this_week(lawyer),
            agenda.court_dashboard(lawyer),
        )

    return {
        "agenda_month": _summary(_time(month, repeat), None),
        "dashboard": _summary(_time(dashboard, repeat), None),
    }


# How a client types a Kyrgyz name in Latin letters on a phone (for the bench's queries).
_LATIN = dict(
    zip(
        "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "yo",
            "j",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "ng",
            "o",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "u",
            "f",
            "h",
            "ts",
            "ch",
            "sh",
            "sh",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def transliterate(text: str) -> str:
    return "".join(_LATIN.get(ch.lower(), ch) for ch in text).title()


def _misspelt(name: str, rng: random.Random) -> str:
    """A name as typed in a hurry: one letter of the given name doubled or dropped, or
    the whole name in Latin letters (how a client spells it on a phone)."""
    surname, _space, given = name.partition(" ")
    if rng.random() < 0.5 and len(given) > 3:
        cut = rng.randrange(1, len(given) - 1)
        given = given[:cut] + given[cut + 1 :]
    else:
        surname, given = transliterate(surname), transliterate(given)
    return f"{surname} {given}".strip()


def _intake_operations(
    ws: Workspace, paralegal: Workspace, rng: random.Random, repeat: int
) -> dict[str, Any]:
    """Finding a person among all by a misspelt whole name, and saving a whole intake."""
    with ws.reader() as session:
        people = session.execute(
            select(Person.surname, Person.given_name).order_by(func.random()).limit(repeat)
        ).all()
    typed = [_misspelt(f"{surname} {given}", rng) for surname, given in people]

    def duplicate_check(name: str) -> object:
        surname, _space, given = name.partition(" ")
        return duplicates.find_possible_duplicates(paralegal, surname, given, None, None, None)

    def save(number: int) -> object:
        return intake.submit_intake(
            paralegal,
            intake.IntakeInput(
                surname="Бенчмарков",
                given_name=("Айгүл", "Бакыт", "Гүлнара", "Нурлан")[number % 4],
                gender="female",
                approximate_age=30 + number % 40,
                phone="0555 123 456",
                category="FAM",
                narrative="Синтетикалык арыз: алимент төлөнбөйт. " * 20,
                wants="алимент",
                recommended_action="advice",
                consent_record=True,
                consent_method="signed_form",
            ),
        )

    return {
        "duplicate_check": _summary(_timed_each(duplicate_check, typed), None),
        "save_intake": _summary(_timed_each(save, list(range(repeat))), None),
    }

"""A synthetic register as offices keep them (Windows-1251 CSV, semicolons, Russian
headers) with deliberate errors, to try the import on (`python tools/make_register.py
OUT.csv [ROWS] [SEED] [--later]`) and to measure it (`legalaid bench`). About 3%
impossible dates, 2% rows without a given name, 2% categories no mapping knows, 5% repeated
rows (a re-typed visit), and clients written in Latin letters now and then. Synthetic names
only. `later` gives the same register some months on: about a fifth of the cases closed
since (to try a re-import that updates)."""

from __future__ import annotations

import datetime as dt
import random

SURNAMES = (
    "Асанова",
    "Токтогулов",
    "Сыдыкова",
    "Бакирова",
    "Исаков",
    "Осмонова",
    "Мамытов",
    "Жээнбеков",
    "Абдыкадырова",
    "Калыев",
    "Турдубаева",
    "Эшматов",
)
GIVEN = ("Жылдыз", "Эрлан", "Гүлнара", "Айгүл", "Бакыт", "Нурбек", "Айгерим", "Талант")
LATIN = {"Асанова": "Asanova", "Жылдыз": "Jyldyz", "Токтогулов": "Toktogulov", "Эрлан": "Erlan"}
CATEGORIES = (
    "Бытовое насилие",
    "Семейные дела",
    "Трудовые споры",
    "Пенсия",
    "Земельный спор",
    "Паспорт",
    "Алименты",
    "Миграция",
)
DISTRICTS = ("Алайский район", "Кара-Суу", "Ноокат р-н", "Араванский район", "")


HEADER = [
    "№",
    "№ дела",
    "ФИО",
    "Д.р.",
    "Пол",
    "Район",
    "Категория",
    "Дата обращения",
    "Статус",
    "Дата закрытия",
]


def rows(count: int, seed: int, later: bool = False) -> list[list[str]]:
    rng = random.Random(seed)
    closing = random.Random(seed + 1)  # its own stream: the rows stay the same with --later
    made: list[list[str]] = []
    start = dt.date(2019, 1, 1)
    while len(made) < count:
        if made and rng.random() < 0.05:
            made.append(list(rng.choice(made)))  # typed twice
            continue
        surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 20000))
        opened = start + dt.timedelta(days=rng.randint(0, 2000))
        name = f"{surname} {given}"
        if rng.random() < 0.05 and surname in LATIN and given in LATIN:
            name = f"{LATIN[surname]} {LATIN[given]}"
        if rng.random() < 0.02:
            name = surname  # the given name forgotten
        birth = born.strftime("%d.%m.%Y")
        if rng.random() < 0.03:
            birth = f"31.02.{born.year}"  # no such day
        category = rng.choice(CATEGORIES) if rng.random() > 0.02 else "Прочее разное"
        status, closed = "В работе", ""
        if later and closing.random() < 0.2:
            status = "Закрыто"
            closed = min(opened + dt.timedelta(days=90), dt.date(2024, 12, 31)).strftime("%d.%m.%Y")
        made.append(
            [
                str(len(made) + 1),
                f"ОШ-{opened.year}-{len(made) + 1:05d}",
                name,
                birth,
                rng.choice("жм"),
                rng.choice(DISTRICTS),
                category,
                opened.strftime("%d.%m.%Y"),
                status,
                closed,
            ]
        )
    return made


def register_text(count: int, seed: int, later: bool = False) -> str:
    """The register as Windows-1251 can hold it: it has no Ү Ө Ң, so offices that save in
    it write У О Н, and so does this."""
    text = "\r\n".join(";".join(row) for row in [HEADER, *rows(count, seed, later)]) + "\r\n"
    return text.translate(str.maketrans("ҮүӨөҢң", "УуОоНн"))

"""Write a synthetic register as offices keep them (Windows-1251 CSV, semicolons, Russian
headers) with deliberate errors, to try the import on: `python tools/make_register.py
OUT.csv [ROWS] [SEED]`. About 3% impossible dates, 2% rows without a given name, 2%
categories no mapping knows, 5% repeated rows (a re-typed visit), and clients written in
Latin letters now and then. Synthetic names only."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

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


def rows(count: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
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
        made.append(
            [
                str(len(made) + 1),
                name,
                birth,
                rng.choice("жм"),
                rng.choice(DISTRICTS),
                category,
                opened.strftime("%d.%m.%Y"),
            ]
        )
    return made


def main() -> int:
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    header = ["№", "ФИО", "Д.р.", "Пол", "Район", "Категория", "Дата обращения"]
    text = "\r\n".join(";".join(row) for row in [header, *rows(count, seed)]) + "\r\n"
    # Windows-1251 has no Ү Ө Ң: offices that save in it write У О Н, so does this register.
    plain = text.translate(str.maketrans("ҮүӨөҢң", "УуОоНн"))
    target.write_bytes(plain.encode("cp1251"))
    print(f"{target}: {count} rows")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

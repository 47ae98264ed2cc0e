"""A demo vault with realistic staff and offices, for trying the app and for training.

It is marked as a demo inside the vault (the app shows it) and all its accounts
share one published passphrase: never put real clients in it.
"""

from __future__ import annotations

from pathlib import Path

from legalaid.domain.enums import Region, Role
from legalaid.services import accounts, offices
from legalaid.services.setup import create_vault
from legalaid.services.workspace import Workspace
from legalaid.storage import kdf

DEMO_PASSPHRASE = "demo vault, not for real clients"
DEMO_COORDINATOR = "coordinator"

OFFICES = [
    ("OSH", {"ky": "Ош кеңсеси", "ru": "Ошский офис", "en": "Osh office"}, Region.OSH_CITY),
    (
        "MANAS",
        {"ky": "Манас кеңсеси", "ru": "Офис в Манасе", "en": "Manas office"},
        Region.JALAL_ABAD,
    ),
    (
        "BATKEN",
        {"ky": "Баткен кеңсеси", "ru": "Баткенский офис", "en": "Batken office"},
        Region.BATKEN,
    ),
]

STAFF = [
    ("lawyer", "Нурбек Жээнбеков", Role.LAWYER, "OSH", "ky"),
    ("paralegal", "Айгүл Токтосунова", Role.PARALEGAL, "OSH", "ky"),
    ("monitor", "Елена Ким", Role.MONITOR, "OSH", "ru"),
    ("lawyer.manas", "Бакыт Өмүрбеков", Role.LAWYER, "MANAS", "ky"),
    ("paralegal.batken", "Гүлнара Сыдыкова", Role.PARALEGAL, "BATKEN", "ru"),
]


def create_demo_vault(
    path: Path, passphrase: str = DEMO_PASSPHRASE, params: kdf.KdfParams = kdf.DEFAULT
) -> Workspace:
    code, names, region = OFFICES[0]
    ws = create_vault(
        path,
        DEMO_COORDINATOR,
        "Жылдыз Асанова",
        passphrase,
        code,
        names,
        region,
        language="ky",
        params=params,
        demo=True,
    )
    try:
        for code, names, region in OFFICES[1:]:
            offices.add_office(ws, code, names, region)
        for login, name, role, office, language in STAFF:
            accounts.add_account(ws, login, name, role, passphrase, office, language)
    except BaseException:
        ws.close()
        raise
    return ws

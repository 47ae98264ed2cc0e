"""A demo vault with realistic staff and offices, for trying the app and for training.

It is marked as a demo inside the vault (the app shows it) and all its accounts
share one published passphrase: never put real clients in it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from legalaid.domain.enums import Region, Role
from legalaid.errors import LegalAidError
from legalaid.services import accounts, letters, offices, referrals
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


# Invented addresses and numbers (no real office is meant), so that demo letters look whole.
LETTERHEADS = {
    "OSH": offices.LetterheadInput(
        address_ky="Ош ш., Ленин көч., 000 (демо)",
        address_ru="г. Ош, ул. Ленина, 000 (демо)",
        address_en="000 Lenin St, Osh (demo)",
        phone="+996 3222 00000",
        email="osh@example.org",
        signatory_name="Жылдыз Асанова",
        signatory_title_ky="Кеңсенин координатору",
        signatory_title_ru="Координатор офиса",
        signatory_title_en="Office coordinator",
    ),
    "MANAS": offices.LetterheadInput(
        address_ky="Манас ш., Токтогул көч., 000 (демо)",
        address_ru="г. Манас, ул. Токтогула, 000 (демо)",
        address_en="000 Toktogul St, Manas (demo)",
        phone="+996 3722 00000",
        email="manas@example.org",
    ),
    "BATKEN": offices.LetterheadInput(
        address_ky="Баткен ш., Мамасалиев көч., 000 (демо)",
        address_ru="г. Баткен, ул. Мамасалиева, 000 (демо)",
        address_en="000 Mamasaliev St, Batken (demo)",
        phone="+996 3622 00000",
        email="batken@example.org",
    ),
}


def issue_demo_letters(ws: Workspace, count: int = 6) -> int:
    """Issue the letters of a few referrals that have consent, through the service (with
    their PDFs and register numbers), so the register and the letter screens have
    something to show. Returns how many were issued."""
    issued = 0
    rows = referrals.list_referrals(ws, referrals.ReferralFilter(), limit=5000)
    waiting = ("draft", "sent", "received")
    since = dt.date.today() - dt.timedelta(days=14)
    recent = sorted(
        (row for row in rows if row.status.value in waiting and row.referred_on >= since),
        key=lambda row: row.referred_on,
        reverse=True,
    )
    for row in recent:
        if issued >= count:
            break
        try:
            letters.issue_letter(ws, row.id)
        except LegalAidError:
            continue  # no consent recorded, or a case of another office's lawyer
        issued += 1
    return issued


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
        for code, letterhead in LETTERHEADS.items():
            offices.set_letterhead(ws, code, letterhead)
    except BaseException:
        ws.close()
        raise
    return ws

"""Writes client records with canary text until killed (crash drill for plaintext).

    python client_writer.py VAULT CANARY FIRST_BATCH

Each transaction: 20 people named CANARY-ova with PINs and phones, and a case whose
summary quotes a canary phrase. Prints 'ready', then each committed batch number.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from legalaid.domain.enums import Gender, PartyRole
from legalaid.domain.people import Person
from legalaid.services.auth import sign_in
from legalaid.services.cases import CaseInput, PartyInput, create_case


def main() -> None:
    vault, canary, first = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    ws = sign_in(vault, "admin", os.environ["LEGALAID_PASSPHRASE"], wait_for_lock=10)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    batch = first - 1
    while True:
        batch += 1
        with ws.session() as session:
            people = [
                Person(
                    surname=f"{canary}ова",
                    given_name="Айгүл",
                    gender=Gender.FEMALE.value,
                    pin=f"10101199{batch:04d}{index:02d}",
                    phone=f"+996 555 {batch % 1000:03d}{index:03d}",
                    languages="ky",
                )
                for index in range(20)
            ]
            session.add_all(people)
            session.commit()
            ids = [p.id for p in people]
        create_case(
            ws,
            CaseInput(
                "GBV",
                summary=f"{canary} күйөөсү урушат, husband beats her",
                parties=tuple(PartyInput(i, PartyRole.CLIENT) for i in ids[:2]),
            ),
        )
        sys.stdout.write(f"{batch}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

"""A writer process for crash drills: commits batches of offices and acknowledges each.

    python writer.py VAULT BATCH_SIZE NAME_PREFIX FIRST_BATCH

Signs in with LEGALAID_PASSPHRASE as 'admin', then forever: one transaction adds
BATCH_SIZE offices whose codes carry the batch number, commits, and prints the
batch number (the acknowledgement). The parent kills it with SIGKILL at random.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from legalaid.domain.enums import Region
from legalaid.services.auth import sign_in
from legalaid.services.offices import new_office


def main() -> None:
    vault, size = Path(sys.argv[1]), int(sys.argv[2])
    prefix, first = sys.argv[3], int(sys.argv[4])
    ws = sign_in(vault, "admin", os.environ["LEGALAID_PASSPHRASE"], wait_for_lock=10)
    batch = first - 1
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        batch += 1
        with ws.session() as session:
            for index in range(size):
                name = f"{prefix} {batch} {index} " + "x" * 150
                new_office(
                    session, f"B{batch}-{index}", {"ky": name, "ru": name, "en": name}, Region.OSH
                )
            session.commit()
        sys.stdout.write(f"{batch}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

"""A monitor answering the checklist until killed (crash drill for trial observations).

    python observation_writer.py VAULT OBSERVATION_ID CANARY

Signs in as "monitor", then answers A1, A2, ... of the observation one by one, each with a
comment quoting CANARY, printing each item's code once its answer is committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from legalaid.services import observations
from legalaid.services.auth import sign_in


def main() -> None:
    vault, observation_id, canary = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    ws = sign_in(vault, "monitor", os.environ["LEGALAID_PASSPHRASE"], wait_for_lock=10)
    template = observations.template_of_observation(ws, observation_id)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    codes = [item.code for item in template.items if item.answer.value == "yn4"]
    for round_number in range(1000):
        for code in codes:
            answer = ("yes", "no")[round_number % 2]
            observations.answer_item(ws, observation_id, code, [answer], f"{canary} {code}")
            sys.stdout.write(f"{code} {answer}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()

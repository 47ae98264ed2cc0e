"""Intake interviews: from a person at the desk to a registered complaint.

The form gives an `IntakeInput` (plain data: `to_state`/`from_state` turn it into the JSON a
draft holds). `validate_intake` returns every problem at once, each naming its field and
the form's step; `submit_intake` checks again (also what needs the vault: the PIN held by
someone else, the conflict check) and, in ONE transaction, creates or reuses the person,
opens the case (status intake), adds the other people as parties, writes the Intake and
the consents, and sets a task for the urgent action. Nothing typed is lost on refusal:
`IntakeRefused` carries the problems, the caller keeps the input.

Rules chosen here (tests/services/test_intake.py holds them):
- Office assignment: the case belongs to the actor's office (or `office_code`) and is not
  assigned: the office's coordinator assigns it. An urgent intake is assigned to the
  office's lawyer on duty when one is set (`set_duty_lawyer`) and gets a task for the
  urgent action, for the lawyer on duty or else for the person who took the intake.
- Without consent to record data only an `AnonymousRecord` is written (category,
  district, gender, age group, date, office); no person, no case, no text. The result
  carries `ANONYMOUS_NOTICE` for the form to show.
- Possible conflicts of interest (services/conflicts) must be acknowledged, or sent to a
  lawyer (who gets a task to check), before the intake is accepted.
- An existing person picked on the form is linked as they are (their record is changed on
  the person form, not here); the phone typed at the contact step is kept on the intake.
- Texts: the narrative up to 100,000 characters, the other free texts up to 20,000, kept
  exactly as typed (any Unicode: emoji, right-to-left). Nothing typed goes into a message,
  a log line or the audit trail (field names only).
- Permissions: taking an intake needs CREATE_CASES (paralegals, lawyers, coordinators;
  not trial monitors).

The modules, one job each (import from the package: `from legalaid.services import intake`):
- input: `IntakeInput`/`OtherPersonInput` (plain data, a draft's JSON), `IntakeProblem`,
  `IntakeRefused`, and small helpers on what was typed (`mixed_script_words`, `age_group`);
- validation: `validate_intake` (every problem, in step order) and `name_warnings`;
- assessment: `eligibility_of` and `urgent_actions`, from the rules files;
- duty: the office's lawyer on duty (`set_duty_lawyer`, `duty_lawyer`);
- parties: the client and the other people as records, the conflict-of-interest check;
- submit: `submit_intake` (one transaction) and the anonymous record without consent;
- records: `get_intake`, an intake read back;
- urgent: the dashboard's urgent cases and `record_urgent_action`;
- advice: advice-only visits (`record_advice`) and `visit_counts` for statistics.
"""

from __future__ import annotations

from legalaid.domain.intake_rules import assess_eligibility
from legalaid.services.intake.advice import (
    MAX_DURATION_MINUTES,
    AdviceInput,
    VisitCounts,
    record_advice,
    validate_advice,
    visit_counts,
)
from legalaid.services.intake.assessment import eligibility_of, urgent_actions
from legalaid.services.intake.duty import DUTY_LAWYER_KEY, duty_lawyer, set_duty_lawyer
from legalaid.services.intake.input import (
    OTHER_ROLES,
    STEPS,
    IntakeInput,
    IntakeProblem,
    IntakeRefused,
    OtherPersonInput,
    age_group,
    age_on,
    mixed_script_words,
)
from legalaid.services.intake.records import ConsentInfo, IntakeInfo, get_intake
from legalaid.services.intake.submit import (
    ANONYMOUS_NOTICE,
    SUMMARY_MAX,
    IntakeResult,
    anonymous_notice,
    submit_intake,
)
from legalaid.services.intake.urgent import UrgentCaseRow, record_urgent_action, urgent_open_cases
from legalaid.services.intake.validation import (
    EARLIEST_DATE,
    MAX_AGE,
    MAX_INCOME,
    name_warnings,
    validate_intake,
)

__all__ = [
    "ANONYMOUS_NOTICE",
    "DUTY_LAWYER_KEY",
    "EARLIEST_DATE",
    "MAX_AGE",
    "MAX_DURATION_MINUTES",
    "MAX_INCOME",
    "OTHER_ROLES",
    "STEPS",
    "SUMMARY_MAX",
    "AdviceInput",
    "ConsentInfo",
    "IntakeInfo",
    "IntakeInput",
    "IntakeProblem",
    "IntakeRefused",
    "IntakeResult",
    "OtherPersonInput",
    "UrgentCaseRow",
    "VisitCounts",
    "age_group",
    "age_on",
    "anonymous_notice",
    "assess_eligibility",
    "duty_lawyer",
    "eligibility_of",
    "get_intake",
    "mixed_script_words",
    "name_warnings",
    "record_advice",
    "record_urgent_action",
    "set_duty_lawyer",
    "submit_intake",
    "urgent_actions",
    "urgent_open_cases",
    "validate_advice",
    "validate_intake",
    "visit_counts",
]

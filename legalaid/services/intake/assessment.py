"""The paralegal's assessment from the rules files: eligibility and the urgent actions.

Apart from the validation: these say what the form shows at the assessment step and what
submission records (an urgent intake's assignment and task); they refuse nothing.
"""

from __future__ import annotations

import datetime as dt

from legalaid.domain.intake_rules import (
    EligibilityAnswers,
    EligibilityResult,
    UrgencyFacts,
    UrgentFinding,
    assess_eligibility,
)
from legalaid.domain.intake_rules import urgent_actions as _urgent_actions
from legalaid.services.intake.input import IntakeInput


def eligibility_of(data: IntakeInput) -> EligibilityResult:
    return assess_eligibility(
        EligibilityAnswers(data.eligibility_categories, data.monthly_income_per_person)
    )


def urgent_actions(data: IntakeInput, today: dt.date | None = None) -> list[UrgentFinding]:
    """What must happen now, from the urgency rules (empty: not urgent)."""
    category = (data.category or "").strip().upper() or None
    subcategory = (data.subcategory or "").strip().upper() or None
    return _urgent_actions(
        UrgencyFacts(category, subcategory, frozenset(data.urgency_answers), data.deadline_on),
        today,
    )

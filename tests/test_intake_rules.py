"""The intake rules files: loaded and checked, each rule with its source and date, and the
evaluation of eligibility and urgency."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from legalaid.domain import intake_rules
from legalaid.domain.enums import EligibilityOutcome, Vulnerability
from legalaid.domain.intake_rules import (
    EligibilityAnswers,
    RulesError,
    UrgencyFacts,
    assess_eligibility,
    eligibility_rules,
    urgency_rules,
    urgent_actions,
)
from legalaid.paths import resources_dir

TODAY = dt.date(2026, 11, 28)


def _raw(name: str) -> dict[str, object]:
    data = json.loads((resources_dir() / "reference" / name).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_shipped_files_load_and_every_rule_has_source_date_and_verify() -> None:
    eligibility = eligibility_rules()
    assert eligibility.law.code == "201"
    assert eligibility.income_threshold.monthly_income_per_person_som is not None
    raw = _raw(intake_rules.ELIGIBILITY_FILE)
    for item in [*raw["categories"], raw["income_threshold"]]:  # type: ignore[misc]
        assert item["source"].strip() and dt.date.fromisoformat(item["date"])
        assert isinstance(item.get("verify"), bool)
    # Nothing in the eligibility list was confirmed from the text of the law here.
    assert all(c.verify for c in eligibility.categories.values())
    assert eligibility.income_threshold.verify
    urgency = urgency_rules()
    assert {r.code for r in urgency.rules} == {
        "torture_in_custody",
        "domestic_violence_danger",
        "child_at_risk",
        "deadline_soon",
    }
    for rule in urgency.rules:
        assert rule.source and rule.date and rule.actions
        for action in rule.actions:
            assert all(action.labels[lang].strip() for lang in ("ky", "ru", "en"))


def test_a_broken_file_is_refused_at_load(tmp_path: Path) -> None:
    shutil.copy(resources_dir() / "reference" / intake_rules.URGENCY_FILE, tmp_path)
    data = json.loads((tmp_path / intake_rules.URGENCY_FILE).read_text("utf-8"))
    data["rules"][0]["when"].append({"subcategories": ["CRJ.NOT_A_THING"]})
    (tmp_path / intake_rules.URGENCY_FILE).write_text(json.dumps(data), "utf-8")
    with pytest.raises(RulesError, match="CRJ.NOT_A_THING"):
        intake_rules.load_urgency(tmp_path)
    shutil.copy(resources_dir() / "reference" / intake_rules.ELIGIBILITY_FILE, tmp_path)
    data = json.loads((tmp_path / intake_rules.ELIGIBILITY_FILE).read_text("utf-8"))
    del data["categories"][0]["labels"]["ky"]
    del data["categories"][1]["source"]
    (tmp_path / intake_rules.ELIGIBILITY_FILE).write_text(json.dumps(data), "utf-8")
    with pytest.raises(RulesError, match="no ky text"):
        intake_rules.load_eligibility(tmp_path)


def test_eligibility_by_category_income_or_neither() -> None:
    rules = eligibility_rules()
    threshold = rules.income_threshold.monthly_income_per_person_som
    assert threshold is not None
    disabled = assess_eligibility(EligibilityAnswers(("disability",)))
    assert disabled.outcome is EligibilityOutcome.ELIGIBLE
    assert disabled.reasons == ("disability",)
    assert disabled.documents == ("passport_or_id", "disability_certificate")
    assert disabled.to_verify  # resting on a rule marked verify
    assert disabled.rules_version == rules.version and disabled.rules_date == rules.date
    poor = assess_eligibility(EligibilityAnswers((), threshold - 1))
    assert poor.outcome is EligibilityOutcome.ELIGIBLE
    assert poor.reasons == ("income_threshold",)
    assert "income_certificate" in poor.documents
    richer = assess_eligibility(EligibilityAnswers((), threshold))
    assert richer.outcome is EligibilityOutcome.NOT_ELIGIBLE
    assert richer.documents == ("passport_or_id",)
    unknown = assess_eligibility(EligibilityAnswers())
    assert unknown.outcome is EligibilityOutcome.UNDETERMINED
    assert disabled.reason_labels("ru") == [
        "Лицо с ограниченными возможностями здоровья (инвалидность)"
    ]
    assert disabled.document_labels("ky")[1] == "Майыптуулук тууралуу күбөлүк (МСЭК)"


def test_vulnerability_markers_suggest_categories() -> None:
    suggested = intake_rules.suggested_categories([Vulnerability.DISABILITY, Vulnerability.MINOR])
    assert set(suggested) == {"disability", "child"}


@pytest.mark.parametrize(
    ("facts", "fired"),
    [
        (UrgencyFacts("CRJ", "CRJ.TORTURE"), {"torture_in_custody"}),
        (
            UrgencyFacts("CRJ", "CRJ.FAIR_TRIAL", frozenset({"ill_treatment_in_custody"})),
            {"torture_in_custody"},
        ),
        (
            UrgencyFacts("GBV", "GBV.DOMESTIC_VIOLENCE", frozenset({"ongoing_danger"})),
            {"domestic_violence_danger"},
        ),
        (UrgencyFacts("GBV", "GBV.DOMESTIC_VIOLENCE"), set()),  # violence past, no danger now
        (
            UrgencyFacts("LAB", None, frozenset({"violence_at_home", "ongoing_danger"})),
            {"domestic_violence_danger"},
        ),
        (UrgencyFacts("FAM", "FAM.CUSTODY", frozenset({"child_at_risk"})), {"child_at_risk"}),
        (UrgencyFacts("LAB", deadline_on=TODAY + dt.timedelta(days=7)), {"deadline_soon"}),
        (UrgencyFacts("LAB", deadline_on=TODAY + dt.timedelta(days=8)), set()),
        (UrgencyFacts("LAB", deadline_on=TODAY - dt.timedelta(days=1)), set()),
        (UrgencyFacts("LAB"), set()),
    ],
)
def test_urgency_rules_fire_on_their_triggers(facts: UrgencyFacts, fired: set[str]) -> None:
    found = urgent_actions(facts, TODAY)
    assert {f.code for f in found} == fired
    for finding in found:
        assert finding.actions  # always something to do now


def test_torture_asks_for_a_medical_examination_first() -> None:
    (finding,) = urgent_actions(UrgencyFacts("CRJ", "CRJ.TORTURE"), TODAY)
    assert finding.actions[0].code == "medical_examination"
    assert "forensic medical examination" in finding.actions[0].label("en")
    assert "судебно-медицинскую" in finding.actions[0].label("ru")

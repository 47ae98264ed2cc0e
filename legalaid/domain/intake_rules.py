"""Rules an intake is screened against, kept as data in resources/reference/:

- legal_aid_eligibility.json: who may receive qualified state-guaranteed legal aid (the
  categories of persons, the income threshold, the documents the client must bring);
- urgency_rules.json: what makes an intake urgent, and what must happen now.

Both are loaded once, checked at load (every code they name exists, every text is in ky,
ru and en, every rule has its source and date) and read-only. The evaluation here is pure:
`assess_eligibility(answers)` and `urgent_actions(facts)` need no vault, so the form can
show their result while the paralegal types. A rule marked `verify` is not yet confirmed by
a partner lawyer; a result resting on one says so (`to_verify`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legalaid.domain import reference
from legalaid.domain.enums import EligibilityOutcome, Vulnerability
from legalaid.i18n import LANGUAGES, current_language
from legalaid.paths import resources_dir

ELIGIBILITY_FILE = "legal_aid_eligibility.json"
URGENCY_FILE = "urgency_rules.json"


class RulesError(ValueError):
    """A rules file is not what the code expects (a developer's or editor's mistake)."""


@dataclass(frozen=True)
class Texts:
    """A code with its texts in ky, ru and en."""

    code: str
    labels: dict[str, str]

    def label(self, language: str | None = None) -> str:
        return self.labels.get(language or current_language()) or self.labels["en"]


@dataclass(frozen=True)
class EligibilityCategory(Texts):
    vulnerabilities: tuple[Vulnerability, ...] = ()
    documents: tuple[str, ...] = ()
    source: str = ""
    date: str = ""
    verify: bool = True


@dataclass(frozen=True)
class IncomeThreshold(Texts):
    monthly_income_per_person_som: int | None = None
    source: str = ""
    date: str = ""
    verify: bool = True


@dataclass(frozen=True)
class EligibilityRules:
    version: str
    date: str
    source: str
    law: Texts
    income_threshold: IncomeThreshold
    always_documents: tuple[str, ...]
    categories: dict[str, EligibilityCategory]
    documents: dict[str, Texts]


@dataclass(frozen=True)
class UrgencyCondition:
    answers: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    subcategories: frozenset[str] = frozenset()
    deadline_within_days: int | None = None


@dataclass(frozen=True)
class UrgentAction(Texts):
    verify: bool = False


@dataclass(frozen=True)
class UrgencyRule(Texts):
    when: tuple[UrgencyCondition, ...] = ()
    actions: tuple[UrgentAction, ...] = ()
    source: str = ""
    date: str = ""
    verify: bool = False


@dataclass(frozen=True)
class UrgencyRules:
    version: str
    date: str
    source: str
    answers: dict[str, Texts]
    rules: tuple[UrgencyRule, ...]


# --- loading and checking ----------------------------------------------------------------


def _require(condition: bool, where: str, problem: str) -> None:
    if not condition:
        raise RulesError(f"{where}: {problem}")


def _texts(item: dict[str, Any], where: str, key: str = "labels") -> dict[str, str]:
    labels = item.get(key)
    if not isinstance(labels, dict):
        raise RulesError(f"{where}: '{key}' missing")
    for language in LANGUAGES:
        text = labels.get(language)
        _require(isinstance(text, str) and bool(text.strip()), where, f"no {language} text")
    return {language: labels[language] for language in LANGUAGES}


def _dated(item: dict[str, Any], where: str) -> tuple[str, str, bool]:
    source, date, verify = item.get("source"), item.get("date"), item.get("verify", False)
    _require(isinstance(source, str) and bool(source.strip()), where, "no source")
    try:
        dt.date.fromisoformat(str(date))
    except ValueError:
        raise RulesError(f"{where}: 'date' is not YYYY-MM-DD") from None
    _require(isinstance(verify, bool), where, "'verify' is true or false")
    return str(source), str(date), bool(verify)


def _read(name: str, folder: Path | None) -> dict[str, Any]:
    path = (folder or resources_dir() / "reference") / name
    data = json.loads(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise RulesError(f"{name}: not a JSON object")
    return data


def load_eligibility(folder: Path | None = None) -> EligibilityRules:
    """Read and check legal_aid_eligibility.json (from `folder`, else resources/reference)."""
    data = _read(ELIGIBILITY_FILE, folder)
    source, date, _verify = _dated(data, ELIGIBILITY_FILE)
    documents = {
        doc["code"]: Texts(doc["code"], _texts(doc, f"document {doc.get('code')}"))
        for doc in data.get("documents", ())
    }
    _require(bool(documents), ELIGIBILITY_FILE, "no documents")

    def known_documents(codes: Iterable[str], where: str) -> tuple[str, ...]:
        codes = tuple(codes)
        for code in codes:
            _require(code in documents, where, f"unknown document {code!r}")
        return codes

    vulnerability_codes = {v.value for v in Vulnerability}
    categories: dict[str, EligibilityCategory] = {}
    for item in data.get("categories", ()):
        where = f"category {item.get('code')}"
        _require(
            isinstance(item.get("code"), str) and item["code"] not in categories, where, "code"
        )
        for code in item.get("vulnerabilities", ()):
            _require(code in vulnerability_codes, where, f"unknown vulnerability {code!r}")
        c_source, c_date, c_verify = _dated(item, where)
        categories[item["code"]] = EligibilityCategory(
            item["code"],
            _texts(item, where),
            tuple(Vulnerability(code) for code in item.get("vulnerabilities", ())),
            known_documents(item.get("documents", ()), where),
            c_source,
            c_date,
            c_verify,
        )
    _require(bool(categories), ELIGIBILITY_FILE, "no categories")
    threshold = data.get("income_threshold") or {}
    amount = threshold.get("monthly_income_per_person_som")
    _require(
        amount is None or (isinstance(amount, int) and amount > 0),
        "income_threshold",
        "the amount is a whole number of som, or null when not set",
    )
    t_source, t_date, t_verify = _dated(threshold, "income_threshold")
    law = data.get("law") or {}
    return EligibilityRules(
        version=str(data.get("version", "")),
        date=date,
        source=source,
        law=Texts(str(law.get("number", "")), _texts(law, "law")),
        income_threshold=IncomeThreshold(
            str(threshold.get("code", "")),
            _texts(threshold, "income_threshold"),
            amount,
            t_source,
            t_date,
            t_verify,
        ),
        always_documents=known_documents(data.get("always_documents", ()), "always_documents"),
        categories=categories,
        documents=documents,
    )


def _condition(item: dict[str, Any], where: str, answers: set[str]) -> UrgencyCondition:
    condition = UrgencyCondition(
        frozenset(item.get("answers", ())),
        frozenset(item.get("categories", ())),
        frozenset(item.get("subcategories", ())),
        item.get("deadline_within_days"),
    )
    _require(
        bool(condition.answers or condition.categories or condition.subcategories)
        or condition.deadline_within_days is not None,
        where,
        "an empty condition would fire on every intake",
    )
    for code in condition.answers:
        _require(code in answers, where, f"unknown answer {code!r}")
    for code in condition.categories:
        _require(code in reference.categories(), where, f"unknown category {code!r}")
    for code in condition.subcategories:
        _require(reference.subcategory(code) is not None, where, f"unknown subcategory {code!r}")
    days = condition.deadline_within_days
    _require(days is None or (isinstance(days, int) and 0 <= days <= 366), where, "days")
    return condition


def load_urgency(folder: Path | None = None) -> UrgencyRules:
    """Read and check urgency_rules.json (from `folder`, else resources/reference)."""
    data = _read(URGENCY_FILE, folder)
    source, date, _verify = _dated(data, URGENCY_FILE)
    answers = {
        item["code"]: Texts(item["code"], _texts(item, f"answer {item.get('code')}"))
        for item in data.get("answers", ())
    }
    rules = []
    for item in data.get("rules", ()):
        where = f"rule {item.get('code')}"
        _require(isinstance(item.get("code"), str), where, "code")
        when = tuple(_condition(c, where, set(answers)) for c in item.get("when", ()))
        _require(bool(when), where, "no 'when'")
        actions = tuple(
            UrgentAction(a["code"], _texts(a, f"{where} action"), bool(a.get("verify", False)))
            for a in item.get("actions", ())
        )
        _require(bool(actions), where, "no actions")
        r_source, r_date, r_verify = _dated(item, where)
        rules.append(
            UrgencyRule(
                item["code"], _texts(item, where), when, actions, r_source, r_date, r_verify
            )
        )
    _require(len({r.code for r in rules}) == len(rules), URGENCY_FILE, "rule codes repeat")
    return UrgencyRules(str(data.get("version", "")), date, source, answers, tuple(rules))


@functools.cache
def eligibility_rules() -> EligibilityRules:
    return load_eligibility()


@functools.cache
def urgency_rules() -> UrgencyRules:
    return load_urgency()


# --- eligibility ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EligibilityAnswers:
    """What the paralegal ticked: categories of persons (codes of the rules file) and, when
    known, the family's monthly income per member in som."""

    categories: tuple[str, ...] = ()
    monthly_income_per_person: int | None = None


@dataclass(frozen=True)
class EligibilityResult:
    outcome: EligibilityOutcome
    reasons: tuple[str, ...]  # category codes that qualify (or "income_threshold")
    documents: tuple[str, ...]  # document codes, in the order to ask for them
    rules_version: str
    rules_date: str
    to_verify: bool = False  # the result rests on a rule a partner lawyer has not confirmed
    threshold_som: int | None = None

    def reason_labels(self, language: str | None = None) -> list[str]:
        rules = eligibility_rules()
        return [
            rules.income_threshold.label(language)
            if code == "income_threshold"
            else (rules.categories[code].label(language) if code in rules.categories else code)
            for code in self.reasons
        ]

    def document_labels(self, language: str | None = None) -> list[str]:
        return document_labels(self.documents, language)


def document_labels(codes: Iterable[str], language: str | None = None) -> list[str]:
    documents = eligibility_rules().documents
    return [documents[c].label(language) if c in documents else c for c in codes]


def suggested_categories(vulnerabilities: Iterable[Vulnerability | str]) -> tuple[str, ...]:
    """Eligibility categories a person's vulnerability markers point to (to pre-tick)."""
    markers = {Vulnerability(v) for v in vulnerabilities}
    return tuple(
        code
        for code, category in eligibility_rules().categories.items()
        if markers & set(category.vulnerabilities)
    )


def assess_eligibility(
    answers: EligibilityAnswers, rules: EligibilityRules | None = None
) -> EligibilityResult:
    """Eligible when a category applies, or the income lies below the threshold; not
    eligible when the income is known, at or above the threshold and no category applies;
    else undetermined. Documents: those everyone brings, then each qualifying category's."""
    rules = rules or eligibility_rules()
    reasons = [code for code in dict.fromkeys(answers.categories) if code in rules.categories]
    threshold = rules.income_threshold
    income = answers.monthly_income_per_person
    below = (
        income is not None
        and threshold.monthly_income_per_person_som is not None
        and income < threshold.monthly_income_per_person_som
    )
    documents = list(rules.always_documents)
    to_verify = any(rules.categories[code].verify for code in reasons)
    if below:
        reasons.append("income_threshold")
        to_verify = to_verify or threshold.verify
        low_income = rules.categories.get("low_income")
        if low_income is not None:
            documents += low_income.documents
    for code in reasons:
        if code in rules.categories:
            documents += rules.categories[code].documents
    if reasons:
        outcome = EligibilityOutcome.ELIGIBLE
    elif income is not None and threshold.monthly_income_per_person_som is not None:
        outcome = EligibilityOutcome.NOT_ELIGIBLE
        to_verify = threshold.verify
    else:
        outcome = EligibilityOutcome.UNDETERMINED
    return EligibilityResult(
        outcome,
        tuple(reasons),
        tuple(dict.fromkeys(documents)),
        rules.version,
        rules.date,
        to_verify,
        threshold.monthly_income_per_person_som,
    )


# --- urgency -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UrgencyFacts:
    """What the form knows that the urgency rules look at."""

    category: str | None = None
    subcategory: str | None = None
    answers: frozenset[str] = field(default_factory=frozenset)  # questions answered yes
    deadline_on: dt.date | None = None


@dataclass(frozen=True)
class UrgentFinding:
    rule: UrgencyRule
    actions: tuple[UrgentAction, ...]

    @property
    def code(self) -> str:
        return self.rule.code


def _holds(condition: UrgencyCondition, facts: UrgencyFacts, today: dt.date) -> bool:
    if not condition.answers <= facts.answers:
        return False
    if condition.categories and (facts.category or "") not in condition.categories:
        return False
    if condition.subcategories and (facts.subcategory or "") not in condition.subcategories:
        return False
    if condition.deadline_within_days is not None:
        if facts.deadline_on is None:
            return False
        days_left = (facts.deadline_on - today).days
        if not 0 <= days_left <= condition.deadline_within_days:
            return False
    return True


def urgent_actions(
    facts: UrgencyFacts, today: dt.date | None = None, rules: UrgencyRules | None = None
) -> list[UrgentFinding]:
    """The urgency rules that fire, each with the actions to take now (rules file order)."""
    rules = rules or urgency_rules()
    today = today or dt.date.today()
    return [
        UrgentFinding(rule, rule.actions)
        for rule in rules.rules
        if any(_holds(condition, facts, today) for condition in rule.when)
    ]

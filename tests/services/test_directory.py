"""The directory of organisations: shipped data loaded into a new vault, updated without
overwriting a coordinator's edits, validation, suggestions for a case."""

from __future__ import annotations

import copy

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.records import FEMALE, case_for, person

from legalaid.domain.enums import OrganisationType, Role
from legalaid.errors import PermissionDenied, ValidationError
from legalaid.services import directory
from legalaid.services.directory import OrganisationInput, category_fit
from legalaid.services.workspace import Workspace


def test_a_new_vault_holds_the_shipped_directory(workspace: Workspace) -> None:
    shipped = directory.shipped_directory()["organisations"]
    everything = directory.list_organisations(workspace, include_inactive=True)
    assert len(everything) == len(shipped)
    assert {o.key for o in everything} == {entry["key"] for entry in shipped}
    active = directory.list_organisations(workspace)
    assert len(active) == sum(1 for entry in shipped if entry.get("active", True))
    npm = directory.list_organisations(workspace, kind="npm", include_inactive=True)
    assert any(not o.active for o in npm) and any(o.active for o in npm)


def test_an_update_adds_and_changes_but_keeps_local_edits(workspace: Workspace) -> None:
    first, second = directory.list_organisations(workspace)[:2]
    edited = directory.update_organisation(
        workspace,
        first.id,
        first.as_input().__class__(**{**first.as_input().__dict__, "phone": "+996 3222 55555"}),
    )
    assert edited.edited_locally and edited.phone == "+996 3222 55555"
    data = copy.deepcopy(directory.shipped_directory())
    data["version"] = "2099-01-01"
    for entry in data["organisations"]:
        if entry["key"] in (first.key, second.key):
            entry["name"]["en"] = "Renamed in the new data"
    data["organisations"].append(
        {
            **data["organisations"][0],
            "key": "brand-new-entry",
            "name": {"ky": "Жаңы", "ru": "Новая", "en": "New"},
        }
    )
    with workspace.session() as session:
        result = directory.sync_shipped_directory(session, data)
        session.commit()
    assert result is not None
    assert (result.added, result.updated, result.kept_local) == (1, 1, 1)
    assert directory.get_organisation(workspace, first.id).names["en"] == first.names["en"]
    assert directory.get_organisation(workspace, second.id).names["en"] == "Renamed in the new data"
    assert any(o.key == "brand-new-entry" for o in directory.list_organisations(workspace))
    with workspace.session() as session:
        assert directory.sync_shipped_directory(session, data) is None  # same version: nothing


def test_only_coordinators_change_the_directory_everyone_reads_it(workspace: Workspace) -> None:
    add_staff(workspace, "mon", Role.MONITOR, "slow trains to the valley")
    monitor = as_user(workspace, "mon")
    assert directory.list_organisations(monitor)
    data = OrganisationInput(kind="partner_ngo", name_ky="Ж", name_ru="Р", name_en="E")
    with pytest.raises(PermissionDenied):
        directory.add_organisation(monitor, data)
    added = directory.add_organisation(workspace, data)
    assert added.kind == OrganisationType.PARTNER_NGO and added.edited_locally


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "spaceship"}, "kind"),
        ({"name_ky": "  "}, "name_ky"),
        ({"email": "not an address"}, "email"),
        ({"regions": ("mars",)}, "regions"),
        ({"categories": ("NOPE",)}, "categories"),
        ({"letter_language": "de"}, "letter_language"),
        ({"response_days": 0}, "response_days"),
        ({"name_en": "x" * 301}, "name_en"),
    ],
)
def test_bad_entries_are_refused_with_the_field_named(
    workspace: Workspace, change: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {
        "kind": "partner_ngo",
        "name_ky": "Ж",
        "name_ru": "Р",
        "name_en": "E",
    }
    with pytest.raises(ValidationError) as refused:
        directory.add_organisation(workspace, OrganisationInput(**{**values, **change}))  # type: ignore[arg-type]
    assert refused.value.field == field


def test_category_fit_ranks_subcategory_category_and_general() -> None:
    assert category_fit(("CRJ.TORTURE",), "CRJ", "CRJ.TORTURE") == 4
    assert category_fit(("CRJ",), "CRJ", "CRJ.TORTURE") == 3
    assert category_fit(("CRJ.TORTURE",), "CRJ", None) == 2
    assert category_fit((), "CRJ", None) == 1
    assert category_fit(("GBV",), "CRJ", None) == 0
    assert category_fit(("CRJ.TORTURE",), "CRJ", "CRJ.DETENTION") == 0


def test_suggestions_fit_the_cases_category_and_the_clients_region(workspace: Workspace) -> None:
    client = person(workspace, "Асанова", "Жылдыз", gender=FEMALE, region="batken")
    case = case_for(workspace, client, "GBV")
    suggested = directory.suggest_for_case(workspace, case.id, limit=50)
    assert suggested
    for organisation in suggested:
        assert organisation.active
        assert not organisation.regions or "batken" in organisation.regions
        assert category_fit(organisation.categories, "GBV", None) > 0
    scores = [o.score for o in suggested]
    assert scores == sorted(scores, reverse=True)
    assert not any("osh_city" in o.regions and "batken" not in o.regions for o in suggested)


def test_names_are_found_in_any_script_and_case(workspace: Workspace) -> None:
    for typed in ("омбудсмен", "ОМБУДСМЕН", "акыйкатчы", "ombudsperson"):
        found = directory.list_organisations(workspace, text=typed)
        assert found and all(
            typed.casefold() in " ".join(o.names.values()).casefold() for o in found
        )
    assert directory.list_organisations(workspace, text="%") == []  # no wildcard


def test_a_second_organisation_of_the_same_name_is_refused(workspace: Workspace) -> None:
    existing = directory.list_organisations(workspace)[0]
    twin = OrganisationInput(
        kind="other", name_ky="Жаңы", name_ru=existing.names["ru"].upper(), name_en="New"
    )
    with pytest.raises(ValidationError) as refused:
        directory.add_organisation(workspace, twin)
    assert refused.value.field == "name_ru"


def test_a_coordinator_who_saves_an_entry_has_checked_it(workspace: Workspace) -> None:
    flagged = next(o for o in directory.list_organisations(workspace) if o.verify)
    kept = directory.update_organisation(workspace, flagged.id, flagged.as_input())
    assert kept.verify  # saved as it was: still to be checked
    from dataclasses import replace

    checked = directory.update_organisation(
        workspace, flagged.id, replace(flagged.as_input(), verify=False)
    )
    assert not checked.verify and checked.edited_locally

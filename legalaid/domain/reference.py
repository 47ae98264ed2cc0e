"""Reference data shipped in resources/: the complaint taxonomy and the regions, districts
and cities. Codes are stable; labels come in ky, ru and en. Loaded once, read-only."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from legalaid.i18n import current_language
from legalaid.paths import resources_dir


@dataclass(frozen=True)
class Labelled:
    code: str
    labels: dict[str, str]
    aliases: tuple[str, ...] = ()

    def label(self, language: str | None = None) -> str:
        return self.labels.get(language or current_language()) or self.labels["en"]


@dataclass(frozen=True)
class Category(Labelled):
    subcategories: tuple[Labelled, ...] = ()


@dataclass(frozen=True)
class RegionData(Labelled):
    districts: tuple[Labelled, ...] = ()
    cities: tuple[Labelled, ...] = ()


def _labelled(item: dict[str, Any]) -> Labelled:
    return Labelled(item["code"], dict(item["labels"]), tuple(item.get("aliases", ())))


@functools.cache
def categories() -> dict[str, Category]:
    data = json.loads((resources_dir() / "taxonomy" / "categories.json").read_text("utf-8"))
    return {
        item["code"]: Category(
            item["code"],
            dict(item["labels"]),
            (),
            tuple(_labelled(sub) for sub in item.get("subcategories", ())),
        )
        for item in data["categories"]
    }


@functools.cache
def regions() -> dict[str, RegionData]:
    data = json.loads((resources_dir() / "reference" / "districts.json").read_text("utf-8"))
    return {
        item["code"]: RegionData(
            item["code"],
            dict(item["labels"]),
            (),
            tuple(_labelled(d) for d in item.get("districts", ())),
            tuple(_labelled(c) for c in item.get("cities", ())),
        )
        for item in data["regions"]
    }


def subcategory(code: str) -> Labelled | None:
    category = categories().get(code.split(".")[0])
    if category is None:
        return None
    return next((sub for sub in category.subcategories if sub.code == code), None)


def district(code: str) -> Labelled | None:
    region = regions().get(code.split(".")[0])
    if region is None:
        return None
    return next((d for d in (*region.districts, *region.cities) if d.code == code), None)


def category_label(code: str | None, language: str | None = None) -> str:
    """The label of a category or subcategory code; an unknown code is shown as it is."""
    if not code:
        return ""
    found = subcategory(code) if "." in code else categories().get(code)
    return found.label(language) if found else code

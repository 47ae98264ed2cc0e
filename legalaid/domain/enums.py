"""Enumerations stored as stable English codes; labels come from the catalogs."""

from __future__ import annotations

import enum

from legalaid.i18n import N_, _


class LabelledEnum(enum.StrEnum):
    """A code stored in the vault, with a translatable label."""

    @property
    def label(self) -> str:
        return _(LABELS[self])

    @classmethod
    def parse(cls, code: str) -> LabelledEnum:
        return cls(code.strip().lower())


class Role(LabelledEnum):
    COORDINATOR = "coordinator"
    LAWYER = "lawyer"
    PARALEGAL = "paralegal"
    MONITOR = "monitor"


class Region(LabelledEnum):
    """Oblasts and cities of republican significance (DOMAIN.md §2)."""

    OSH_CITY = "osh_city"
    OSH = "osh"
    JALAL_ABAD = "jalal_abad"
    BATKEN = "batken"
    BISHKEK = "bishkek"
    CHUI = "chui"
    ISSYK_KUL = "issyk_kul"
    NARYN = "naryn"
    TALAS = "talas"


LABELS: dict[LabelledEnum, str] = {
    Role.COORDINATOR: N_("coordinator"),
    Role.LAWYER: N_("lawyer"),
    Role.PARALEGAL: N_("paralegal"),
    Role.MONITOR: N_("trial monitor"),
    Region.OSH_CITY: N_("Osh city"),
    Region.OSH: N_("Osh oblast"),
    Region.JALAL_ABAD: N_("Jalal-Abad oblast"),
    Region.BATKEN: N_("Batken oblast"),
    Region.BISHKEK: N_("Bishkek city"),
    Region.CHUI: N_("Chui oblast"),
    Region.ISSYK_KUL: N_("Issyk-Kul oblast"),
    Region.NARYN: N_("Naryn oblast"),
    Region.TALAS: N_("Talas oblast"),
}

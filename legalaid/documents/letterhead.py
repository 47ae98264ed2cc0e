"""The letterhead of an office, read through the services, named in a document's language."""

from __future__ import annotations

from legalaid.documents.pdf import Letterhead, document_language
from legalaid.services import offices
from legalaid.services.workspace import Workspace


def office_letterhead(ws: Workspace, office_code: str | None, language: str) -> Letterhead:
    """The letterhead of an office (the actor's when no code is given), named in `language`.
    The offices list is open to every role (offices appear on letters)."""
    language = document_language(language)
    code = (office_code or ws.actor.office_code).strip().upper()
    for office in offices.list_offices(ws):
        if office.code == code:
            name = {"ky": office.name_ky, "ru": office.name_ru}.get(language, office.name_en)
            return Letterhead(name)
    return Letterhead(code)

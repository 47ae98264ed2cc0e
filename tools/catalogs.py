"""Re-extract every translatable string and update the ky, ru and en catalogs.

    python tools/catalogs.py          # extract + update all three .po files
    python tools/catalogs.py --check  # exit 1 if the catalogs are not up to date

New strings arrive empty in ky and ru (tests/test_catalogs.py then fails until
they are translated); the English catalog is filled with the source text.
Obsolete entries are dropped. No .mo file is written: the app compiles the .po
files in memory when it starts.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
DOMAIN = "legalaid"
LANGUAGES = ("ky", "ru", "en")
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
}


def extract() -> Catalog:
    template = Catalog(project="Legal Aid Desk", domain=DOMAIN, charset="utf-8")
    for folder in ("legalaid", "ui"):
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
        ):
            template.add(
                message,
                None,
                [(f"{folder}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return template


def updated(language: str, template: Catalog) -> Catalog:
    path = TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=language)
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, project="Legal Aid Desk")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    catalog.project, catalog.version = "Legal Aid Desk", "0.1"
    catalog.copyright_holder = "Legal Aid Desk contributors"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "Legal Aid Desk contributors"
    catalog.language_team = f"{language} <translations@legalaid.invalid>"
    if language == "en":
        for message in catalog:
            if message.id and not message.string or message.string == ("", ""):
                message.string = message.id
    return catalog


def render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=100, sort_output=True, include_previous=False, omit_header=False
    )
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether up to date")
    args = parser.parse_args()
    template = extract()
    wanted = _ids(template)
    stale = []
    for language in LANGUAGES:
        path = TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if args.check:
            with path.open("rb") as fh:
                if _ids(read_po(fh, locale=language)) != wanted:
                    stale.append(language)
            continue
        new = render(updated(language, template))
        old = path.read_bytes() if path.exists() else b""
        if _without_dates(new) != _without_dates(old):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(new)
    if args.check and stale:
        sys.stderr.write(f"catalogs out of date: {', '.join(stale)}\n")
        return 1
    return 0


def _ids(catalog: Catalog) -> set[tuple[object, object]]:
    return {(message.id, message.context) for message in catalog if message.id}


def _without_dates(data: bytes) -> bytes:
    return b"\n".join(
        line
        for line in data.splitlines()
        if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date'))
    )


if __name__ == "__main__":
    raise SystemExit(main())

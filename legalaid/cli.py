"""The `legalaid` command line: every core capability without Qt (ARCHITECTURE.md).

The vault path comes from --vault, else LEGALAID_VAULT, else the user data folder.
The acting account from --user, else LEGALAID_USER, else the vault's only account.
A passphrase from LEGALAID_PASSPHRASE, else a hidden prompt (or one line on stdin
when it is not a terminal); a new passphrase from LEGALAID_NEW_PASSPHRASE likewise.
Errors print one translated line and exit non-zero.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from legalaid import __version__, hardening, log
from legalaid.domain.enums import Region, Role
from legalaid.errors import LegalAidError, UsageError
from legalaid.i18n import (
    LANGUAGES,
    N_,
    _,
    format_utc_stamp,
    ngettext,
    normalise_language,
    set_language,
    system_language,
)
from legalaid.paths import default_vault_path
from legalaid.services import (
    accounts,
    auth,
    demo,
    demo_data,
    demo_monitoring,
    maintenance,
    office_settings,
    offices,
    setup,
)
from legalaid.services.workspace import Workspace
from legalaid.storage import kdf
from legalaid.storage.errors import SignInFailed, TooManyAttempts

# Cases in a new demo vault when --cases is not given.
DEMO_CASES = 300
# Exit code for an unexpected failure (BSD sysexits EX_SOFTWARE).
EXIT_INTERNAL = 70
EXIT_ENVIRONMENT = 69  # sysexits EX_UNAVAILABLE: a system library the window needs is missing


class NoPassphrase(UsageError):
    template = N_("No passphrase was given: set {variable} or run the command in a terminal.")


class PassphrasesDiffer(UsageError):
    template = N_("The two passphrases differ; nothing was changed.")


# --- input and output -------------------------------------------------------------------


def out(text: str = "", stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(text + "\n")


def err(text: str) -> None:
    sys.stderr.write(f"legalaid: {text}\n")
    sys.stderr.flush()


def _from_stdin_or_prompt(variable: str, prompt: str, confirm: bool) -> str:
    value = os.environ.get(variable)
    if value:
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            raise NoPassphrase(variable=variable)
        return line.rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Repeat the new passphrase: ")) != first:
        raise PassphrasesDiffer()
    return first


def read_passphrase(prompt: str | None = None) -> str:
    return _from_stdin_or_prompt("LEGALAID_PASSPHRASE", prompt or _("Passphrase: "), confirm=False)


def read_new_passphrase(
    prompt: str | None = None, variable: str = "LEGALAID_NEW_PASSPHRASE"
) -> str:
    """A passphrase being set: from `variable`, else typed twice (or one line on stdin)."""
    return _from_stdin_or_prompt(variable, prompt or _("New passphrase: "), confirm=True)


def vault_path(args: argparse.Namespace) -> Path:
    if args.vault:
        return Path(args.vault)
    if os.environ.get("LEGALAID_VAULT"):
        return Path(os.environ["LEGALAID_VAULT"])
    return default_vault_path()


def acting_login(args: argparse.Namespace) -> str | None:
    return args.user or os.environ.get("LEGALAID_USER") or None


def kdf_params(args: argparse.Namespace) -> kdf.KdfParams:
    params = kdf.KdfParams(
        memory_kib=int(args.kdf_memory_mib * 1024),
        iterations=args.kdf_iterations,
        lanes=args.kdf_lanes,
    )
    params.check_floor()
    return params


def open_workspace(args: argparse.Namespace, passphrase: str | None = None) -> Workspace:
    """Sign in; after repeated failures wait as the vault demands, saying why."""
    path = vault_path(args)
    login = acting_login(args)
    if passphrase is None:
        passphrase = read_passphrase()
    while True:
        try:
            ws = auth.sign_in(path, login, passphrase, wait_for_lock=args.wait)
            break
        except TooManyAttempts as waiting:
            err(str(waiting))

            time.sleep(waiting.seconds)
    if ws.failed_attempts:
        err(
            ngettext(
                "Warning: {count} failed sign-in to your account since your last sign-in.",
                "Warning: {count} failed sign-ins to your account since your last sign-in.",
                ws.failed_attempts,
            ).format(count=ws.failed_attempts)
        )
    if "audit_head_mismatch" in ws.warnings:
        err(_("Warning: the audit trail does not match its recorded head; run 'legalaid check'."))
    return ws


# --- commands ---------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    path = vault_path(args)
    login = args.admin
    # The coordinator's own passphrase: LEGALAID_PASSPHRASE, as for every later command.
    passphrase = read_new_passphrase(
        _("Passphrase for {login}: ").format(login=login), "LEGALAID_PASSPHRASE"
    )
    names = None
    if args.office_name:
        names = {lang: args.office_name for lang in LANGUAGES}
    ws = setup.create_vault(
        path,
        login,
        args.name or login,
        passphrase,
        args.office,
        names,
        Region(args.region),
        language=args.language or "ru",
        params=kdf_params(args),
    )
    with ws:
        out(
            _("Vault created at {path}; coordinator account: {login}.").format(
                path=path, login=ws.actor.login
            )
        )
        out(
            _(
                "Keep the passphrase safe: without it and without a recovery key nobody, "
                "including the developers, can open the vault."
            )
        )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Create the demo vault if there is none, then open it and show what is in it."""
    path = vault_path(args)
    passphrase = os.environ.get("LEGALAID_PASSPHRASE") or demo.DEMO_PASSPHRASE
    cases = args.cases
    if not path.exists():
        demo.create_demo_vault(path, passphrase, kdf_params(args)).close()
        out(_("Demo vault created at {path}.").format(path=path))
        cases = DEMO_CASES if cases is None else cases
    try:
        ws = auth.sign_in(path, demo.DEMO_COORDINATOR, passphrase, wait_for_lock=args.wait)
    except SignInFailed:
        raise UsageError(
            N_("A vault that is not the demo vault exists at {path}; nothing was changed."),
            path=str(path),
        ) from None
    with ws:
        if cases:
            started = time.perf_counter()
            for progress in demo_data.fill(ws, cases, args.seed):
                err(
                    _("Writing synthetic cases: {done} of {total}").format(
                        done=progress.done, total=progress.total
                    )
                )
            out(
                _("{count} synthetic cases written in {seconds} s.").format(
                    count=cases, seconds=round(time.perf_counter() - started, 1)
                )
            )
            demo.issue_demo_letters(ws)
            # Approved observations over two years beside the cases (600 beside the demo's
            # 300), and a few through the services in every state of the review.
            observed = demo_monitoring.bulk_observations(ws, 2 * cases, days=730)
            observed += demo_monitoring.fill_observations(
                ws, ws.acting_as(demo_monitoring.DEMO_MONITOR), count=min(36, max(6, cases // 8))
            )
            out(_("{count} trial observations written.").format(count=observed))
        _show_status(maintenance.status(ws))
        people = accounts.list_accounts(ws)
    out("")
    _print_table(
        [_("Login"), _("Name"), _("Role"), _("Office")],
        [[a.login, a.display_name, a.role.label, a.office_code] for a in people],
    )
    out("")
    out(_("Sign in as any of these with the passphrase: {phrase}").format(phrase=passphrase))
    out(_("It is for trying the application only: never record real clients in it."))
    if args.open:
        if not _has_display():
            err(_("There is no screen here, so the desktop window cannot open."))
            return 0
        return cmd_gui(args)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        _show_status(maintenance.status(ws))
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    """Show the office settings; a coordinator changes them with the options."""
    with open_workspace(args) as ws:
        if args.idle_minutes is not None:
            office_settings.set_idle_minutes(ws, args.idle_minutes)
        minutes = office_settings.idle_minutes(ws)
    _print_pairs([(_("Lock after idle, minutes"), str(minutes))])
    return 0


def _show_status(info: dict[str, Any]) -> None:
    rows = [
        (_("Vault"), info["path"]),
        (_("Vault id"), info["vault_id"]),
        (_("Demo vault"), _("yes") if info["demo"] else _("no")),
        (_("Schema"), info["schema"]),
        (_("Data key generation"), str(info["key_generation"])),
        (_("Active accounts"), str(info["active_accounts"])),
        (_("Audit events"), str(info["audit_events"])),
        (_("Audit head"), info["audit_head"]),
        (_("Signed in as"), f"{info['user']} ({Role(info['role']).label}, {info['office']})"),
    ]
    _print_pairs(rows)


def _print_pairs(rows: Sequence[tuple[str, str]]) -> None:
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        out(f"{label.ljust(width)}  {value}")


def _print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        out(
            "  ".join(
                str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
            ).rstrip()
        )


def cmd_check(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        if args.rebuild_search_index:
            maintenance.rebuild_search_index(ws)
            out(_("The search index was rebuilt from the records."))
        report = maintenance.check(ws, args.head)
    for item in report.items:
        mark = _("OK") if item.ok else _("FAILED")
        out(f"[{mark}] " + _(item.message).format(**item.params))
    if report.ok:
        out(_("The vault is intact."))
        return 0
    err(_("The vault failed the check; restore the latest good backup and keep this copy."))
    return 3


def cmd_backup(args: argparse.Namespace) -> int:
    target = Path(args.to)
    if target.exists() and not args.force:
        raise UsageError(
            N_("{path} exists already; choose another file or add --force."), path=str(target)
        )
    with open_workspace(args) as ws:
        manifest = maintenance.backup(ws, target)
    out(
        _("Backup written to {path} and verified ({count} audit events).").format(
            path=target, count=manifest["audit_events"]
        )
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    target = vault_path(args)
    passphrase = read_passphrase(_("Passphrase (of a coordinator in the backup): "))
    manifest = maintenance.restore(
        Path(args.from_file), target, acting_login(args), passphrase, force=args.force
    )
    out(
        _("Backup of {date} restored to {path}.").format(
            date=format_utc_stamp(manifest.get("created_at")), path=target
        )
    )
    return 0


def cmd_users_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        people = accounts.list_accounts(ws)
    _print_table(
        [_("Login"), _("Name"), _("Role"), _("Office"), _("Language"), _("Active")],
        [
            [
                a.login,
                a.display_name,
                a.role.label,
                a.office_code,
                a.language,
                _("yes") if a.active else _("no"),
            ]
            for a in people
        ],
    )
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        passphrase = read_new_passphrase(_("Passphrase for {login}: ").format(login=args.login))
        info = accounts.add_account(
            ws,
            args.login,
            args.name,
            Role(args.role),
            passphrase,
            args.office,
            args.language or "ru",
        )
    out(_("Account {login} added as {role}.").format(login=info.login, role=info.role.label))
    return 0


def cmd_users_set_role(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        info = accounts.set_role(ws, args.login, Role(args.role))
    out(_("{login} is now {role}.").format(login=info.login, role=info.role.label))
    return 0


def cmd_users_deactivate(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        result = accounts.deactivate(ws, args.login)
    out(
        _(
            "Account {login} deactivated; the vault was re-encrypted with a new key, so its "
            "old passphrase opens nothing any more."
        ).format(login=result.account.login)
    )
    if result.recovery_key_revoked:
        out(
            _(
                "The recovery key was revoked too (a coordinator may have seen it): create a "
                "new one with 'legalaid users recovery-key'."
            )
        )
    return 0


def cmd_users_activate(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        passphrase = read_new_passphrase(_("Passphrase for {login}: ").format(login=args.login))
        info = accounts.activate(ws, args.login, passphrase)
    out(_("Account {login} is active again.").format(login=info.login))
    return 0


def cmd_users_reset(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        passphrase = read_new_passphrase(_("New passphrase for {login}: ").format(login=args.login))
        accounts.reset_passphrase(ws, args.login, passphrase)
    out(_("The passphrase of {login} was replaced.").format(login=args.login))
    return 0


def cmd_users_recovery_key(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        keys = accounts.create_recovery_key(ws, args.shares, args.threshold)
    if len(keys) == 1:
        out(
            _(
                "Recovery key (write it down or print it now; it is shown only once and "
                "replaces any earlier one):"
            )
        )
    else:
        out(
            _(
                "Recovery key in {count} shares; any {threshold} of them reset a passphrase. "
                "Give each share to a different trustee; they are shown only once and replace "
                "any earlier key:"
            ).format(count=len(keys), threshold=args.threshold)
        )
    out("")
    for number, key in enumerate(keys, start=1):
        out(f"    {number}. {key}" if len(keys) > 1 else f"    {key}")
    out("")
    out(
        _(
            "Keep it locked away, apart from the computer. With it a coordinator's passphrase "
            "can be reset: 'legalaid recover --user LOGIN'."
        )
    )
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    current = read_passphrase()
    with open_workspace(args, current) as ws:
        new = read_new_passphrase()
        accounts.change_own_passphrase(ws, current, new)
    out(_("Your passphrase was changed."))
    return 0


def _recovery_texts() -> list[str]:
    """LEGALAID_RECOVERY_KEY (several shares separated by commas), else asked one by one."""
    given = os.environ.get("LEGALAID_RECOVERY_KEY")
    if given:
        return [part for part in given.split(",") if part.strip()]
    if sys.stdin is None or not sys.stdin.isatty():
        lines = [line.strip() for line in (sys.stdin or []) if line.strip()]
        if not lines:
            raise NoPassphrase(variable="LEGALAID_RECOVERY_KEY")
        return lines
    texts: list[str] = []
    while True:
        text = input(_("Recovery key or share (an empty line when done): ")).strip()
        if not text:
            return texts
        texts.append(text)


def cmd_recover(args: argparse.Namespace) -> int:
    login = acting_login(args)
    if login is None:
        raise UsageError(N_("Say whose passphrase to reset with --user LOGIN."))
    texts = _recovery_texts()
    new = read_new_passphrase(_("New passphrase for {login}: ").format(login=login))
    with auth.recover(vault_path(args), texts, login, new):
        pass
    out(
        _(
            "The passphrase of {login} was reset with the recovery key; the use was recorded "
            "in the audit trail."
        ).format(login=login)
    )
    return 0


def cmd_offices_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        found = offices.list_offices(ws)
    _print_table(
        [_("Code"), _("Name"), _("Region")], [[o.code, o.name, o.region.label] for o in found]
    )
    return 0


def cmd_offices_add(args: argparse.Namespace) -> int:
    names = {"ky": args.name_ky, "ru": args.name_ru, "en": args.name_en}
    with open_workspace(args) as ws:
        info = offices.add_office(ws, args.code, names, Region(args.region))
    out(_("Office {code} added.").format(code=info.code))
    return 0


def _front_end(module: str) -> Any:
    """The desktop front-end, loaded only when asked for: the core never imports it."""
    return importlib.import_module(module)


def _has_display() -> bool:
    """A screen to open windows on (Windows and macOS always; elsewhere X11 or Wayland)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_gui(args: argparse.Namespace) -> int:
    from legalaid import desktop_check

    missing = desktop_check.problem()
    if missing is not None:
        err(missing)
        return EXIT_ENVIRONMENT
    return int(_front_end("ui.app").run(vault_path(args)))


def cmd_screenshots(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    screenshots = _front_end("ui.screenshots")
    language = args.shot_lang or normalise_language(os.environ.get("LEGALAID_LANG")) or "en"
    with open_workspace(args) as ws:
        made = screenshots.render(ws, Path(args.out), language)
    for path in made:
        out(str(path))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from legalaid import bench

    result = bench.run(cases_count=args.cases, seed=args.seed)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if args.json:
        Path(args.json).write_text(text + "\n", "utf-8")
    out(text)
    return 0


# --- parser -----------------------------------------------------------------------------


def _install_argparse_translation() -> None:
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _add_kdf_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        _("key derivation (defaults are right for office PCs; never below the safe floor)")
    )
    group.add_argument(
        "--kdf-memory-mib",
        type=int,
        default=kdf.DEFAULT.memory_kib // 1024,
        help=_("memory for Argon2id in MiB (default %(default)s)"),
    )
    group.add_argument(
        "--kdf-iterations",
        type=int,
        default=kdf.DEFAULT.iterations,
        help=_("Argon2id passes (default %(default)s)"),
    )
    group.add_argument(
        "--kdf-lanes",
        type=int,
        default=kdf.DEFAULT.lanes,
        help=_("Argon2id lanes (default %(default)s)"),
    )


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes are one translated line too (argparse would print the usage first)."""

    def error(self, message: str) -> NoReturn:
        err(_("{problem} (see '{prog} --help')").format(problem=message, prog=self.prog))
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="legalaid",
        description=_("Legal Aid Desk: encrypted case management for legal aid NGOs."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"legalaid {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--vault",
        metavar=_("PATH"),
        help=_("vault file (default: LEGALAID_VAULT or the user data folder)"),
    )
    parser.add_argument(
        "--user",
        metavar=_("LOGIN"),
        help=_("acting account (default: LEGALAID_USER or the only account)"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("language of messages (default: LEGALAID_LANG or the system's)"),
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar=_("SECONDS"),
        help=_("wait this long if another process has the vault open"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_(
            "check that this installation works (a temporary vault, a record, a letter, "
            "the three languages, the window offscreen) and exit"
        ),
    )
    commands = parser.add_subparsers(
        dest="command", metavar=_("COMMAND"), parser_class=OneLineParser
    )
    roles = [role.value for role in Role]
    regions = [region.value for region in Region]

    def command(
        name: str,
        handler: Callable[[argparse.Namespace], int],
        help_text: str,
        where: Any = commands,
    ) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = where.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    from legalaid import cli_records  # it uses this module's helpers

    cli_records.register(commands, command)
    from legalaid import cli_referrals

    cli_referrals.register(command)
    from legalaid import cli_imports

    cli_imports.register(command)

    sub = command("init", cmd_init, _("create a vault and its first coordinator"))
    sub.add_argument(
        "--admin", required=True, metavar=_("LOGIN"), help=_("login of the first coordinator")
    )
    sub.add_argument("--name", help=_("the coordinator's full name"))
    sub.add_argument(
        "--office",
        default=setup.DEFAULT_OFFICE_CODE,
        metavar=_("CODE"),
        help=_("code of the first office (default %(default)s)"),
    )
    sub.add_argument("--office-name", help=_("name of the first office"))
    sub.add_argument(
        "--region",
        choices=regions,
        default=Region.OSH_CITY.value,
        help=_("region of the first office (default %(default)s)"),
    )
    sub.add_argument(
        "--language", choices=LANGUAGES, help=_("the coordinator's interface language")
    )
    _add_kdf_options(sub)

    sub = command(
        "demo", cmd_demo, _("create or fill a demo vault with synthetic staff, people and cases")
    )
    sub.add_argument(
        "--cases",
        type=int,
        metavar="N",
        help=_("add N synthetic cases (a new demo vault gets {count})").format(count=DEMO_CASES),
    )
    sub.add_argument(
        "--open",
        action="store_true",
        help=_("then open the desktop application on it"),
    )
    sub.add_argument("--seed", type=int, default=1, help=_("random seed (default %(default)s)"))
    _add_kdf_options(sub)

    command("status", cmd_status, _("show the vault and who is signed in"))
    sub = command("settings", cmd_settings, _("show or change the office settings"))
    sub.add_argument(
        "--idle-minutes",
        type=int,
        metavar="N",
        help=_("lock the application after N minutes without input (1 to 60; default 5)"),
    )
    sub = command(
        "check",
        cmd_check,
        _("verify the key file, page encryption, database integrity and audit trail"),
    )
    sub.add_argument(
        "--head",
        metavar=_("SEQ:MAC"),
        help=_("an audit head noted earlier from 'status': the trail must still reach it"),
    )
    sub.add_argument(
        "--rebuild-search-index",
        action="store_true",
        help=_("first rewrite the search index from the records (coordinators)"),
    )

    sub = command("backup", cmd_backup, _("write an encrypted, verified backup"))
    sub.add_argument("--to", required=True, metavar=_("FILE"), help=_("backup file to write"))
    sub.add_argument("--force", action="store_true", help=_("replace an existing file"))

    sub = command("restore", cmd_restore, _("restore a backup into the vault path"))
    sub.add_argument(
        "--from",
        dest="from_file",
        required=True,
        metavar=_("FILE"),
        help=_("backup file to restore"),
    )
    sub.add_argument(
        "--force",
        action="store_true",
        help=_("replace an existing vault (its files are moved aside, not deleted)"),
    )

    users = command("users", cmd_without_subcommand, _("staff accounts (coordinators only)"))
    users.set_defaults(group_parser=users)
    user_commands = users.add_subparsers(dest="users_command", metavar=_("COMMAND"))
    command("list", cmd_users_list, _("list accounts"), user_commands)
    sub = command("add", cmd_users_add, _("add an account"), user_commands)
    sub.add_argument("login", metavar=_("LOGIN"))
    sub.add_argument("--name", required=True, help=_("full name"))
    sub.add_argument("--role", required=True, choices=roles)
    sub.add_argument("--office", metavar=_("CODE"), help=_("office code (default: yours)"))
    sub.add_argument("--language", choices=LANGUAGES, help=_("interface language"))
    sub = command("set-role", cmd_users_set_role, _("change an account's role"), user_commands)
    sub.add_argument("login", metavar=_("LOGIN"))
    sub.add_argument("role", choices=roles)
    sub = command(
        "deactivate",
        cmd_users_deactivate,
        _("deactivate an account and re-encrypt the vault with a new key"),
        user_commands,
    )
    sub.add_argument("login", metavar=_("LOGIN"))
    sub = command(
        "activate",
        cmd_users_activate,
        _("re-activate an account with a new passphrase"),
        user_commands,
    )
    sub.add_argument("login", metavar=_("LOGIN"))
    sub = command(
        "reset-passphrase", cmd_users_reset, _("give an account a new passphrase"), user_commands
    )
    sub.add_argument("login", metavar=_("LOGIN"))
    sub = command(
        "recovery-key",
        cmd_users_recovery_key,
        _("create a printed recovery key (replaces the old one)"),
        user_commands,
    )
    sub.add_argument(
        "--shares",
        type=int,
        default=1,
        help=_("split the key into this many shares (default: one whole key)"),
    )
    sub.add_argument(
        "--threshold",
        type=int,
        default=1,
        help=_("how many shares are needed to use it (e.g. 2 of 3)"),
    )

    command("passphrase", cmd_passphrase, _("change your own passphrase"))
    command(
        "recover",
        cmd_recover,
        _("reset a passphrase with the recovery key (give the account with --user)"),
    )

    office_parser = command("offices", cmd_without_subcommand, _("offices of the network"))
    office_parser.set_defaults(group_parser=office_parser)
    office_commands = office_parser.add_subparsers(dest="offices_command", metavar=_("COMMAND"))
    command("list", cmd_offices_list, _("list offices"), office_commands)
    sub = command("add", cmd_offices_add, _("add an office (coordinators only)"), office_commands)
    sub.add_argument("code", metavar=_("CODE"))
    sub.add_argument("--name-ky", required=True, help=_("name in Kyrgyz"))
    sub.add_argument("--name-ru", required=True, help=_("name in Russian"))
    sub.add_argument("--name-en", required=True, help=_("name in English"))
    sub.add_argument("--region", required=True, choices=regions)

    command("gui", cmd_gui, _("open the desktop application"))
    sub = command(
        "screenshots", cmd_screenshots, _("render the windows to PNG files (offscreen, 1366x768)")
    )
    sub.add_argument("--out", required=True, metavar=_("FOLDER"), help=_("where to write"))
    sub.add_argument(
        "--lang",
        dest="shot_lang",
        choices=LANGUAGES,
        help=_("language of the pictures (default: English)"),
    )

    sub = command("bench", cmd_bench, _("measure the performance budget and print JSON"))
    sub.add_argument(
        "--cases",
        type=int,
        default=100_000,
        metavar="N",
        help=_("synthetic cases in the bench vault (default %(default)s)"),
    )
    sub.add_argument("--seed", type=int, default=1, help=_("random seed (default %(default)s)"))
    sub.add_argument("--json", metavar=_("FILE"), help=_("also write the JSON to FILE"))
    return parser


def cmd_without_subcommand(args: argparse.Namespace) -> int:
    """`legalaid users` alone: show that group's help (its parser is in the namespace)."""
    args.group_parser.print_help()
    return 2


def _language_from(argv: Sequence[str]) -> str:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            found = normalise_language(argv[index + 1])
            if found:
                return found
        if arg.startswith("--lang="):
            found = normalise_language(arg.split("=", 1)[1])
            if found:
                return found
    return normalise_language(os.environ.get("LEGALAID_LANG")) or system_language()


def main(argv: Sequence[str] | None = None) -> int:
    hardening.disable_core_dumps()
    arguments = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from(arguments))
    if "--self-test" in arguments:  # before any log: nothing of it outside its own folder
        return int(_front_end("ui.self_test").run())
    log.setup()
    _install_argparse_translation()
    parser = build_parser()
    args = parser.parse_args(arguments)
    handler = getattr(args, "handler", None)
    if handler is None:
        if vault_path(args).exists() or _has_display():
            handler = cmd_gui  # `legalaid` alone opens the desktop app (first run included)
        else:
            parser.print_help()
            out("")
            out(
                _(
                    "No vault yet at {path}: 'legalaid demo' creates one to try, 'legalaid init' "
                    "a real one."
                ).format(path=vault_path(args))
            )
            return 0
    try:
        return int(handler(args))
    except LegalAidError as error:
        err(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        err(_("Interrupted; nothing more was changed."))
        return 130
    except BrokenPipeError:  # `legalaid ... | head`: the reader has had enough
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as error:  # noqa: BLE001 - the last line of defence
        from legalaid.crash import report_crash

        where = report_crash(error)
        err(
            _(
                "An unexpected error occurred. A report without any personal data was "
                "written to {path}."
            ).format(path=where)
        )
        return EXIT_INTERNAL


__all__ = ["main", "build_parser"]

"""What can go wrong when opening or keeping a vault, each with its own message."""

from __future__ import annotations

from legalaid.errors import LegalAidError
from legalaid.i18n import N_, _, format_duration_seconds


class VaultError(LegalAidError):
    template = N_("The vault could not be used.")
    exit_code = 10


class SqlCipherUnavailable(VaultError):
    template = N_(
        "The encryption module (SQLCipher 4) is not available; the vault cannot be opened. "
        "Reinstall the application."
    )
    exit_code = 11


class VaultNotFound(VaultError):
    template = N_("No vault exists at {path}.")
    exit_code = 12


class VaultExists(VaultError):
    template = N_("A vault already exists at {path}; choose another location.")
    exit_code = 13


class NotAVault(VaultError):
    template = N_("The file {path} is not a Legal Aid Desk vault.")
    exit_code = 14


class KeyFileMissing(VaultError):
    template = N_(
        "The key file {path} is missing. Without it the vault cannot be opened; "
        "restore it from the previous copy or from a backup."
    )
    exit_code = 15


class KeyFileDamaged(VaultError):
    template = N_(
        "The key file {path} is damaged or was altered. Restore it from the previous copy "
        "{previous} or from a backup."
    )
    exit_code = 16


class KeyFileMismatch(VaultError):
    template = N_("The key file {path} belongs to a different vault.")
    exit_code = 17


class SignInFailed(VaultError):
    """The same message for an unknown login and a wrong passphrase (no account oracle)."""

    template = N_("Sign-in failed: the login or the passphrase is wrong.")
    exit_code = 20


class TooManyAttempts(VaultError):
    template = N_(
        "Too many failed sign-ins in a row: wait {duration} before the next attempt. "
        "The delay grows with every failure to stop passphrase guessing."
    )
    exit_code = 21

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds=seconds)
        self.seconds = seconds

    def user_message(self) -> str:
        # "2 секунды", "5 секунд", "1 minute": Babel knows each language's plural forms.
        return _(self.template).format(duration=format_duration_seconds(self.seconds))


class VaultDamaged(VaultError):
    template = N_(
        "The vault database is damaged ({detail}). Do not keep working in it: "
        "restore the latest backup."
    )
    exit_code = 22


class VaultTooNew(VaultError):
    template = N_(
        "This vault was made by a newer version of Legal Aid Desk (schema {revision}). "
        "Install the newer version to open it."
    )
    exit_code = 23


class VaultInUse(VaultError):
    template = N_(
        "The vault is already open in another Legal Aid Desk window or process. "
        "Close it there first."
    )
    exit_code = 24


class NetworkShareRefused(VaultError):
    template = N_(
        "The vault must be on this computer's own disk, not on a network share ({path}): "
        "SQLite cannot guarantee integrity there."
    )
    exit_code = 25


class VaultLocked(VaultError):
    template = N_("The vault is locked. Sign in again to continue.")
    exit_code = 26


class BackupInvalid(VaultError):
    template = N_("The backup {path} is damaged or not a Legal Aid Desk backup ({detail}).")
    exit_code = 30


class RestoreTargetExists(VaultError):
    template = N_(
        "A vault already exists at {path}. Restoring would replace it; repeat with --force "
        "if that is what you want (the current files are kept aside)."
    )
    exit_code = 31


class MigrationFailed(VaultError):
    template = N_(
        "Upgrading the vault failed and nothing was changed. A backup was kept at {backup}."
    )
    exit_code = 32


class LoginRequired(VaultError):
    template = N_("This vault has several accounts: say which one is yours (your login).")
    exit_code = 2


class RestoreInterrupted(VaultError):
    template = N_(
        "A restore into {path} was interrupted. The vault that was there is kept in {aside}; "
        "the backup being restored is in {staging}. Run the restore again to finish it."
    )
    exit_code = 33

"""The key file beside a vault: one slot per account (and one for a recovery key).

Design (docs/security.md explains it in plain words):
- The database is encrypted with a random 256-bit data key (DEK).
- Each slot has an X25519 key pair. Its private key is encrypted with AES-256-GCM
  under KEK = Argon2id(passphrase, slot salt); the DEK is sealed to its public key
  (ephemeral X25519 + HKDF-SHA256 + AES-256-GCM). Sealing needs no passphrase, so
  the DEK can be rotated for every remaining account when one is removed, and the
  removed account's old secrets never see the new DEK.
- Slot ids are HMAC-SHA256(lookup salt, login): the file names no person.
- Every field is bound as AES-GCM associated data, the whole file carries an
  HMAC under a key derived from the DEK (checked after unlocking) and a SHA-256
  checksum (checked before, to tell damage from a wrong passphrase).
- Writes are atomic, and a second copy is kept as `<name>.prev` (of the current file:
  an older one would keep old passphrases working).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from legalaid.storage import kdf
from legalaid.storage.atomic import previous_copy, write_atomic
from legalaid.storage.errors import KeyFileDamaged, KeyFileMissing

FORMAT = "legalaid-keyfile"
VERSION = 1
KIND_ACCOUNT = "account"
KIND_RECOVERY = "recovery"
DEK_BYTES = 32


class InvalidUnwrap(Exception):
    """A slot did not open with the secret given (wrong passphrase or recovery key)."""


def key_file_path(vault_path: Path) -> Path:
    return Path(vault_path).with_name(Path(vault_path).name + ".keys")


def normalise_login(login: str) -> str:
    return unicodedata.normalize("NFKC", login).strip().casefold()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _hkdf(secret: bytes | bytearray, info: bytes, salt: bytes | None = None) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(bytes(secret))


def new_data_key() -> bytearray:
    return bytearray(secrets.token_bytes(DEK_BYTES))


@dataclass(frozen=True)
class SealedKey:
    """The DEK of one generation, sealed to a slot's public key."""

    generation: int
    ephemeral: bytes
    nonce: bytes
    ciphertext: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "generation": self.generation,
            "ephemeral": _b64(self.ephemeral),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SealedKey:
        return cls(
            int(data["generation"]),
            _unb64(data["ephemeral"]),
            _unb64(data["nonce"]),
            _unb64(data["ciphertext"]),
        )


@dataclass(frozen=True)
class Slot:
    slot_id: str
    kind: str
    kdf: kdf.KdfParams
    salt: bytes
    public_key: bytes
    private_nonce: bytes
    private_ciphertext: bytes
    dek: SealedKey
    pending_dek: SealedKey | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.slot_id,
            "kind": self.kind,
            "kdf": self.kdf.to_json(),
            "salt": _b64(self.salt),
            "public_key": _b64(self.public_key),
            "private_key": {
                "nonce": _b64(self.private_nonce),
                "ciphertext": _b64(self.private_ciphertext),
            },
            "dek": self.dek.to_json(),
        }
        if self.pending_dek is not None:
            data["pending_dek"] = self.pending_dek.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        pending = data.get("pending_dek")
        return cls(
            slot_id=str(data["id"]),
            kind=str(data["kind"]),
            kdf=kdf.KdfParams.from_json(data["kdf"]),
            salt=_unb64(data["salt"]),
            public_key=_unb64(data["public_key"]),
            private_nonce=_unb64(data["private_key"]["nonce"]),
            private_ciphertext=_unb64(data["private_key"]["ciphertext"]),
            dek=SealedKey.from_json(data["dek"]),
            pending_dek=SealedKey.from_json(pending) if pending else None,
        )


def _private_aad(
    vault_id: str, slot_id: str, kind: str, params: kdf.KdfParams, salt: bytes, public_key: bytes
) -> bytes:
    body = json.dumps(
        [FORMAT, VERSION, vault_id, slot_id, kind, params.to_json(), _b64(salt), _b64(public_key)],
        sort_keys=True,
        separators=(",", ":"),
    )
    return body.encode("utf-8")


def _seal_aad(vault_id: str, slot_id: str, generation: int) -> bytes:
    return f"{FORMAT}|{VERSION}|dek|{vault_id}|{slot_id}|{generation}".encode()


def seal_data_key(
    public_key: bytes, dek: bytearray, vault_id: str, slot_id: str, generation: int
) -> SealedKey:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    wrapping = _hkdf(shared, b"legalaid dek seal v1", salt=ephemeral_public + public_key)
    nonce = secrets.token_bytes(12)
    ciphertext = AESGCM(wrapping).encrypt(
        nonce, bytes(dek), _seal_aad(vault_id, slot_id, generation)
    )
    return SealedKey(generation, ephemeral_public, nonce, ciphertext)


def new_slot(
    slot_id: str,
    kind: str,
    secret: bytearray,
    params: kdf.KdfParams,
    vault_id: str,
    dek: bytearray,
    generation: int,
) -> Slot:
    """A fresh slot (new salt, new key pair) that opens `dek` with `secret`."""
    salt = secrets.token_bytes(16)
    kek = params.derive(secret, salt)
    try:
        private = X25519PrivateKey.generate()
        public_key = private.public_key().public_bytes_raw()
        private_raw = private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        nonce = secrets.token_bytes(12)
        aad = _private_aad(vault_id, slot_id, kind, params, salt, public_key)
        ciphertext = AESGCM(bytes(kek)).encrypt(nonce, private_raw, aad)
    finally:
        kdf.wipe(kek)
    sealed = seal_data_key(public_key, dek, vault_id, slot_id, generation)
    return Slot(slot_id, kind, params, salt, public_key, nonce, ciphertext, sealed)


def open_slot_private_key(slot: Slot, secret: bytearray, vault_id: str) -> X25519PrivateKey:
    """Derive the KEK and decrypt the slot's private key; InvalidUnwrap if the secret is wrong."""
    kek = slot.kdf.derive(secret, slot.salt)
    try:
        aad = _private_aad(vault_id, slot.slot_id, slot.kind, slot.kdf, slot.salt, slot.public_key)
        raw = AESGCM(bytes(kek)).decrypt(slot.private_nonce, slot.private_ciphertext, aad)
    except InvalidTag as exc:
        raise InvalidUnwrap() from exc
    finally:
        kdf.wipe(kek)
    return X25519PrivateKey.from_private_bytes(raw)


def unseal_data_key(
    private: X25519PrivateKey, slot: Slot, sealed: SealedKey, vault_id: str
) -> bytearray:
    shared = private.exchange(X25519PublicKey.from_public_bytes(sealed.ephemeral))
    wrapping = _hkdf(shared, b"legalaid dek seal v1", salt=sealed.ephemeral + slot.public_key)
    try:
        plain = AESGCM(wrapping).decrypt(
            sealed.nonce, sealed.ciphertext, _seal_aad(vault_id, slot.slot_id, sealed.generation)
        )
    except InvalidTag as exc:
        raise InvalidUnwrap() from exc
    return bytearray(plain)


@dataclass
class KeyFile:
    vault_id: str
    lookup_salt: bytes
    db_salt: str
    default_kdf: kdf.KdfParams
    dek_generation: int
    slots: list[Slot] = field(default_factory=list)
    mac: str = ""

    # --- identity -----------------------------------------------------------------
    @classmethod
    def new(cls, db_salt: str, default_kdf: kdf.KdfParams) -> KeyFile:
        return cls(
            vault_id=secrets.token_hex(16),
            lookup_salt=secrets.token_bytes(16),
            db_salt=db_salt,
            default_kdf=default_kdf,
            dek_generation=1,
        )

    def account_slot_id(self, login: str) -> str:
        digest = hmac.new(self.lookup_salt, normalise_login(login).encode("utf-8"), "sha256")
        return "a" + digest.hexdigest()[:31]

    def find(self, slot_id: str) -> Slot | None:
        return next((slot for slot in self.slots if slot.slot_id == slot_id), None)

    def recovery_slots(self) -> Iterator[Slot]:
        return (slot for slot in self.slots if slot.kind == KIND_RECOVERY)

    def with_slot(self, slot: Slot) -> KeyFile:
        """A copy where `slot` replaces the slot of the same id (or is added)."""
        others = [s for s in self.slots if s.slot_id != slot.slot_id]
        return replace(self, slots=[*others, slot], mac="")

    def without_slot(self, slot_id: str) -> KeyFile:
        return replace(self, slots=[s for s in self.slots if s.slot_id != slot_id], mac="")

    # --- integrity ------------------------------------------------------------------
    def _body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "lookup_salt": _b64(self.lookup_salt),
            "db_salt": self.db_salt,
            "default_kdf": self.default_kdf.to_json(),
            "dek_generation": self.dek_generation,
            "slots": [slot.to_json() for slot in sorted(self.slots, key=lambda s: s.slot_id)],
        }

    @staticmethod
    def _canonical(data: dict[str, Any]) -> bytes:
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def _mac_for(self, dek: bytearray) -> str:
        key = _hkdf(dek, b"legalaid keyfile mac v1")
        return hmac.new(key, self._canonical(self._body()), "sha256").hexdigest()

    def sign(self, dek: bytearray) -> KeyFile:
        return replace(self, mac=self._mac_for(dek))

    def mac_valid(self, dek: bytearray) -> bool:
        return hmac.compare_digest(self.mac, self._mac_for(dek))

    # --- file ----------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        data = self._body()
        data["mac"] = self.mac
        data["checksum"] = hashlib.sha256(self._canonical(data)).hexdigest()
        return json.dumps(data, sort_keys=True, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, path: Path) -> KeyFile:
        try:
            data = json.loads(raw.decode("utf-8"))
            checksum = data.pop("checksum")
            if not hmac.compare_digest(checksum, hashlib.sha256(cls._canonical(data)).hexdigest()):
                raise ValueError("checksum mismatch")
            if data["format"] != FORMAT or data["version"] != VERSION:
                raise ValueError("unknown key file format")
            return cls(
                vault_id=str(data["vault_id"]),
                lookup_salt=_unb64(data["lookup_salt"]),
                db_salt=str(data["db_salt"]),
                default_kdf=kdf.KdfParams.from_json(data["default_kdf"]),
                dek_generation=int(data["dek_generation"]),
                slots=[Slot.from_json(item) for item in data["slots"]],
                mac=str(data["mac"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise KeyFileDamaged(path=str(path), previous=str(previous_copy(path))) from exc

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError as exc:
            raise KeyFileMissing(path=str(path)) from exc
        return cls.from_bytes(raw, Path(path))

    def save(self, path: Path) -> None:
        """Replace the key file atomically, then its second copy `<name>.prev`.

        The copy mirrors the *current* file, not the version before it: an older version
        would keep a changed passphrase, a removed person or a replaced recovery key
        working for whoever copies it back.
        """
        if not self.mac:
            raise ValueError("sign the key file before saving it")
        data = self.to_bytes()
        write_atomic(Path(path), data)
        write_atomic(previous_copy(Path(path)), data)

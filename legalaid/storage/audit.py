"""The tamper-evident audit chain (SECURITY.md 20-22).

Entry i stores mac_i = HMAC-SHA256(K_audit, mac_{i-1} || canonical(entry_i)).
K_audit is derived with HKDF from a random secret kept inside the encrypted
database (not from the data key, which rotates when an account is removed), so
only an unlocked session can extend or verify the chain. The chain's head
(seq, mac) is also written to `<vault>.audit` after every commit, which catches a
truncated tail or a rewritten chain; `legalaid check` verifies everything.

Every insert, update and delete of an `Audited` mapped object writes an event in
the same transaction (an after_flush hook); sign-ins, exports, prints and other
non-record events are written with `record()`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Connection, event, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from legalaid.domain.audit import AuditEvent
from legalaid.domain.base import Audited
from legalaid.storage.atomic import write_atomic

GENESIS = bytes(32)
HEAD_MISMATCH = "audit_head_mismatch"
ACTOR_KEY = "actor_id"
HEAD_INFO_KEY = "audit_head"
ORIGIN_KEY = "audit_origin"  # set by a bulk writer (an import, its undo): its events say so
_write_lock = threading.Lock()


def head_path(vault_path: Path) -> Path:
    return Path(vault_path).with_name(Path(vault_path).name + ".audit")


def derive_audit_key(secret: bytes | bytearray) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"legalaid audit chain v1"
    ).derive(bytes(secret))


def canonical(
    seq: int, at: str, actor_id: int | None, action: str, entity: str, entity_id: str, detail: str
) -> bytes:
    return json.dumps(
        [seq, at, actor_id, action, entity, entity_id, detail],
        separators=(",", ":"),
        ensure_ascii=True,
    ).encode("ascii")


def chain_mac(key: bytes, previous: bytes, entry: bytes) -> bytes:
    return hmac.new(key, previous + entry, hashlib.sha256).digest()


def _detail_json(detail: dict[str, Any] | None) -> str:
    """Only field names, codes and numbers go here: never what a person typed."""
    for value in (detail or {}).values():
        if not isinstance(value, int | bool | list | type(None)) and not (
            isinstance(value, str) and value.isascii() and len(value) <= 64
        ):
            raise ValueError("audit detail carries only codes, names of fields and numbers")
    return json.dumps(detail or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


@dataclass(frozen=True)
class Head:
    seq: int
    mac: bytes


def read_head(path: Path) -> Head | None:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
        return Head(int(data["seq"]), bytes.fromhex(data["mac"]))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        return Head(-1, b"")


def write_head(path: Path, head: Head) -> None:
    # An older head after a power cut is still consistent with the chain (the database
    # only ever runs ahead of it), so the folder fsync is not paid on every commit.
    data = json.dumps({"seq": head.seq, "mac": head.mac.hex()}).encode("ascii")
    write_atomic(Path(path), data, durable_rename=False)


class HeadPublisher:
    """Writes the head after each commit of one open vault. Commits from two threads may
    finish out of order, so an older head never replaces a newer one."""

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._lock = threading.Lock()
        self._last = 0

    def publish(self, head: Head) -> None:
        with self._lock:
            if head.seq < self._last:
                return
            write_head(self._path, head)
            self._last = head.seq


def last_entry(connection: Connection) -> Head:
    row = connection.execute(
        select(AuditEvent.seq, AuditEvent.mac).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return Head(0, GENESIS) if row is None else Head(int(row[0]), bytes(row[1]))


Event = tuple[int | None, str, str, "str | int", "dict[str, Any] | None"]


def append(
    connection: Connection,
    key: bytes,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: str | int,
    detail: dict[str, Any] | None = None,
) -> Head:
    """Append one event inside the caller's transaction; returns the new head."""
    return append_many(connection, key, [(actor_id, action, entity, entity_id, detail)])


def append_many(connection: Connection, key: bytes, events: list[Event]) -> Head:
    """Append events (actor, action, entity, entity id, detail) in one go (bulk imports)."""
    with _write_lock:
        previous = last_entry(connection)
        if not events:
            return previous
        at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows = []
        seq, mac = previous.seq, previous.mac
        for actor_id, action, entity, entity_id, detail in events:
            seq += 1
            detail_text = _detail_json(detail)
            entry = canonical(seq, at, actor_id, action, entity, str(entity_id), detail_text)
            mac = chain_mac(key, mac, entry)
            rows.append(
                {
                    "seq": seq,
                    "at": at,
                    "actor_id": actor_id,
                    "action": action,
                    "entity": entity,
                    "entity_id": str(entity_id),
                    "detail": detail_text,
                    "mac": mac,
                }
            )
        connection.execute(insert(AuditEvent), rows)
        return Head(seq, mac)


@dataclass(frozen=True)
class ChainReport:
    """`first_bad_seq` names the first event that is wrong or missing."""

    events: int
    first_bad_seq: int | None = None
    problem: str | None = None  # altered, missing, truncated, head_mismatch, head_missing

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain(connection: Connection, key: bytes, head: Head | None) -> ChainReport:
    previous = GENESIS
    expected_seq = 1
    count = 0
    table = AuditEvent.__table__
    rows = connection.execute(select(table).order_by(table.c.seq))
    for row in rows:
        if row.seq != expected_seq:
            return ChainReport(count, expected_seq, "missing")
        entry = canonical(
            row.seq, row.at, row.actor_id, row.action, row.entity, row.entity_id, row.detail
        )
        mac = chain_mac(key, previous, entry)
        if not hmac.compare_digest(mac, bytes(row.mac)):
            return ChainReport(count, row.seq, "altered")
        previous = mac
        expected_seq += 1
        count += 1
    return _compare_head(count, previous, head, connection)


def _compare_head(
    count: int, last_mac: bytes, head: Head | None, connection: Connection
) -> ChainReport:
    if head is None:
        # Every commit that writes events publishes a head: events without one mean the
        # head file was lost or removed, and a rollback could hide behind that.
        return ChainReport(count) if count == 0 else ChainReport(count, None, "head_missing")
    if head.seq < 0:
        return ChainReport(count, None, "head_mismatch")
    if count < head.seq:
        return ChainReport(count, count + 1, "truncated")
    if head.seq == 0:
        return ChainReport(count)
    stored = connection.execute(
        select(AuditEvent.mac).where(AuditEvent.seq == head.seq)
    ).scalar_one()
    if not hmac.compare_digest(bytes(stored), head.mac):
        return ChainReport(count, head.seq, "head_mismatch")
    return ChainReport(count)


def parse_exported_head(text: str) -> Head:
    """'SEQ:MACHEX' as `legalaid status` prints it (for paper or another medium)."""
    seq, _, mac = text.strip().partition(":")
    head = Head(int(seq), bytes.fromhex(mac))
    if head.seq < 0 or len(head.mac) != 32:
        raise ValueError("not an audit head")
    return head


def format_head(head: Head) -> str:
    return f"{head.seq}:{head.mac.hex()}"


def recorded_mismatches(connection: Connection) -> list[int]:
    """Sequence numbers of events that record a head mismatch found at sign-in."""
    table = AuditEvent.__table__
    query = select(table.c.seq).where(table.c.action == HEAD_MISMATCH).order_by(table.c.seq)
    return [int(seq) for seq in connection.execute(query).scalars()]


def quick_head_check(connection: Connection, head: Head | None) -> ChainReport:
    """On open: the database's chain must reach the external head unchanged (no full walk)."""
    last = last_entry(connection)
    return _compare_head(last.seq, last.mac, head, connection)


# --- session integration ---------------------------------------------------------------


def _changed_fields(obj: Any) -> list[str]:
    state = inspect(obj)
    return sorted(
        attr.key
        for attr in state.mapper.column_attrs
        if state.attrs[attr.key].history.has_changes()
    )


def _filled_fields(obj: Any) -> list[str]:
    state = inspect(obj)
    return sorted(
        attr.key for attr in state.mapper.column_attrs if getattr(obj, attr.key) is not None
    )


def _entity_id(obj: Any) -> str:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in key)


def _pending_events(session: Session) -> Iterable[tuple[str, Any, list[str]]]:
    for obj in session.new:
        if isinstance(obj, Audited):
            yield "create", obj, _filled_fields(obj)
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            fields = _changed_fields(obj)
            if fields:
                yield "update", obj, fields
    for obj in session.deleted:
        if isinstance(obj, Audited):
            yield "delete", obj, []


def install(factory: sessionmaker[Session], key: bytes, head_file: Path) -> None:
    """Make every session from `factory` audit its flushes and publish the head on commit."""
    publisher = HeadPublisher(head_file)

    @event.listens_for(factory, "after_flush")
    def _audit_flush(session: Session, _context: Any) -> None:
        events = list(_pending_events(session))
        if not events:
            return
        if ACTOR_KEY not in session.info:
            raise RuntimeError("a change to a record needs a known actor (session.info)")
        connection = session.connection()
        origin = session.info.get(ORIGIN_KEY)
        for action, obj, fields in events:
            detail: dict[str, Any] = {"fields": fields} if fields else {}
            if origin:
                detail["origin"] = origin
            session.info[HEAD_INFO_KEY] = append(
                connection,
                key,
                session.info[ACTOR_KEY],
                action,
                obj.__audit_entity__,
                _entity_id(obj),
                detail or None,
            )

    @event.listens_for(factory, "after_commit")
    def _publish_head(session: Session) -> None:
        head = session.info.pop(HEAD_INFO_KEY, None)
        if head is not None:
            publisher.publish(head)

    @event.listens_for(factory, "after_soft_rollback")
    def _forget_head(session: Session, _previous: Any) -> None:
        session.info.pop(HEAD_INFO_KEY, None)


def record(
    session: Session,
    key: bytes,
    action: str,
    entity: str,
    entity_id: str | int,
    detail: dict[str, Any] | None = None,
) -> None:
    """Write a non-record event (sign-in, export, print...) in the session's transaction."""
    session.info[HEAD_INFO_KEY] = append(
        session.connection(), key, session.info.get(ACTOR_KEY), action, entity, entity_id, detail
    )

"""API keys: issued once, stored only as SHA-256 digests with their role, revocable at once.

A key reads ``ssk_<key id>_<secret>``: the id names it in listings and logs, the 256-bit
secret makes it unguessable. Redis keeps ``digest -> {key_id, role, name, created_at,
label}`` and an index ``key_id -> digest``; the key itself is shown once, at creation.
A SHA-256 digest (not a slow password hash) is enough because the secret is random, not
chosen by a person. `python -m smart_support.credentials` (``make keys``) is the command.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import secrets
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import redis

from smart_support.access import Principal, Role
from smart_support.config import load_settings
from smart_support.formats import now_iso
from smart_support.keys import Keys

KEY_PATTERN = re.compile(r"^ssk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$")
NAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def digest(api_key: str) -> str:
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()


def well_formed(api_key: str) -> bool:
    """Only keys of the issued shape are looked up; anything else is refused without Redis."""
    return bool(KEY_PATTERN.fullmatch(api_key))


@dataclass(frozen=True)
class IssuedKey:
    api_key: str  # the secret: shown once, never stored
    principal: Principal


class CredentialStore:
    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.redis = client
        self.keys = keys

    def create(self, role: Role, name: str, label: str = "") -> IssuedKey:
        if not NAME_PATTERN.fullmatch(name):
            raise ValueError("name must be 1 to 64 of A-Z a-z 0-9 _ . -")
        key_id = secrets.token_hex(6)
        api_key = f"ssk_{key_id}_{secrets.token_urlsafe(32)}"
        record: dict[Any, Any] = {
            "key_id": key_id,
            "role": role.value,
            "name": name,
            "created_at": now_iso(),
            "label": label,
        }
        pipe = self.redis.pipeline(transaction=True)
        pipe.hset(self.keys.credential(digest(api_key)), mapping=record)
        pipe.hset(self.keys.credential_ids(), key_id, digest(api_key))
        pipe.execute()
        return IssuedKey(api_key, Principal(role, name, key_id))

    def lookup(self, api_key: str) -> Principal | None:
        if not well_formed(api_key):
            return None
        record = cast(dict[str, str], self.redis.hgetall(self.keys.credential(digest(api_key))))
        if not record:
            return None
        return Principal(Role(record["role"]), record["name"], record["key_id"])

    def list(self) -> list[dict[str, str]]:
        index = cast(dict[str, str], self.redis.hgetall(self.keys.credential_ids()))
        pipe = self.redis.pipeline(transaction=False)
        for key_id in sorted(index):
            pipe.hgetall(self.keys.credential(index[key_id]))
        return [row for row in pipe.execute() if row]

    def revoke(self, key_id: str) -> bool:
        found = cast(str | None, self.redis.hget(self.keys.credential_ids(), key_id))
        if found is None:
            return False
        pipe = self.redis.pipeline(transaction=True)
        pipe.delete(self.keys.credential(found))
        pipe.hdel(self.keys.credential_ids(), key_id)
        pipe.execute()
        return True

    def rotate(self, key_id: str) -> IssuedKey | None:
        """A new key for the same role and name; the old one is revoked."""
        found = cast(str | None, self.redis.hget(self.keys.credential_ids(), key_id))
        record = cast(dict[str, str], self.redis.hgetall(self.keys.credential(found or "")))
        if not record:
            return None
        issued = self.create(Role(record["role"]), record["name"], record.get("label", ""))
        self.revoke(key_id)
        return issued


def redis_client_from(args: argparse.Namespace) -> redis.Redis:
    """The cache named by the --redis-url / --redis-url-parameter / --redis-auth-secret flags."""
    from smart_support.services import connect_redis

    flags = {
        "REDIS_URL": args.redis_url,
        "REDIS_URL_PARAMETER": args.redis_url_parameter,
        "REDIS_AUTH_SECRET": args.redis_auth_secret,
    }
    return connect_redis(load_settings(overrides={k: v for k, v in flags.items() if v}))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make keys", description=__doc__)
    parser.add_argument("--redis-url", default="", help="the cache (default: REDIS_URL)")
    parser.add_argument(
        "--redis-url-parameter", default="", help="SSM SecureString holding the URL (deployed)"
    )
    parser.add_argument(
        "--redis-auth-secret", default="", help="Secrets Manager id of the AUTH token (deployed)"
    )
    parser.add_argument("--key-prefix", default=None, help="(default: KEY_PREFIX, else ss)")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="issue a key (printed once)")
    create.add_argument("--role", required=True, choices=[r.value for r in Role])
    create.add_argument("--name", required=True, help="the agent id for agents; else a label")
    create.add_argument("--label", default="")
    commands.add_parser("list", help="key ids, roles and names (never the keys)")
    for name in ("revoke", "rotate"):
        command = commands.add_parser(name, help=f"{name} a key by its id")
        command.add_argument("key_id")
    args = parser.parse_args(argv)
    store = CredentialStore(
        redis_client_from(args), Keys(args.key_prefix or load_settings().key_prefix)
    )
    if args.command == "create":
        issued = store.create(Role(args.role), args.name, args.label)
        print(json.dumps({"api_key": issued.api_key, **issued.principal.context()}))
    elif args.command == "list":
        for row in store.list():
            print(json.dumps(row))
    elif args.command == "revoke":
        if not store.revoke(args.key_id):
            print(f"no key {args.key_id}", file=sys.stderr)
            return 1
        print(json.dumps({"revoked": args.key_id}))
    else:
        rotated = store.rotate(args.key_id)
        if rotated is None:
            print(f"no key {args.key_id}", file=sys.stderr)
            return 1
        print(
            json.dumps(
                {"api_key": rotated.api_key, "revoked": args.key_id, **rotated.principal.context()}
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Settings kept in the database, so a backup or a second machine carries them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from followup.timeutil import is_valid_zone, local_zone_name

if TYPE_CHECKING:
    from followup.store.store import Store


class SettingsRepo:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, key: str, default: Any = None) -> Any:
        row = self._store.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else _decoded(row[0], default)

    def read_all(self) -> Callable[..., Any]:
        """Every setting read in one statement: a ``get(key, default=None)``
        over them, as ``get`` says. (One statement per key, some forty for the
        preferences, handed the interpreter's lock to a busy worker at each.)"""
        rows = dict(self._store.conn.execute("SELECT key, value FROM settings").fetchall())

        def get(key: str, default: Any = None) -> Any:
            return _decoded(rows[key], default) if key in rows else default

        return get

    def set(self, key: str, value: Any) -> None:
        with self._store.transaction() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )

    def user_zone(self, get: Callable[..., Any] | None = None) -> str:
        """The user's own IANA zone: the setting (read by ``get``, else now), else this machine's zone."""
        name = (get or self.get)("user_tz")
        return name if isinstance(name, str) and is_valid_zone(name) else local_zone_name()


def _decoded(value: Any, default: Any) -> Any:
    try:
        return json.loads(value)
    except (TypeError, ValueError, RecursionError):  # a row written behind the app's back: never fatal
        return default

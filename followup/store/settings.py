"""Settings kept in the database, so a backup or a second machine carries them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from followup.timeutil import is_valid_zone, local_zone_name

if TYPE_CHECKING:
    from followup.store.store import Store


class SettingsRepo:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, key: str, default: Any = None) -> Any:
        row = self._store.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except (TypeError, ValueError, RecursionError):  # a row written behind the app's back: never fatal
            return default

    def every(self) -> dict[str, Any]:
        """Every setting stored, by key, in one statement (a row that is not
        JSON is left out: read as its default, as ``get`` reads it)."""
        values: dict[str, Any] = {}
        for key, text in self._store.conn.execute("SELECT key, value FROM settings"):
            try:
                values[key] = json.loads(text)
            except (TypeError, ValueError, RecursionError):
                continue
        return values

    def set(self, key: str, value: Any) -> None:
        with self._store.transaction() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )

    def user_zone(self) -> str:
        """The user's own IANA zone: the setting, else this machine's zone."""
        return zone_or_local(self.get("user_tz"))


def zone_or_local(name: Any) -> str:
    """``name`` if it is an IANA zone, else this machine's zone."""
    return name if isinstance(name, str) and is_valid_zone(name) else local_zone_name()

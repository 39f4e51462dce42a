"""Saved views in the database: listed in order, found by name in any case,
saved, renamed and deleted (and put back by Undo)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup.errors import NotFoundError, ValidationError
from followup.saved_views import Criteria
from followup.timeutil import to_db
from followup.validation import clean_line

if TYPE_CHECKING:
    from followup.store.store import Store

MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class SavedView:
    """A view of the contacts list saved under a name."""

    id: int
    name: str
    criteria: Criteria
    position: int = 0


def clean_name(name: str) -> str:
    return clean_line(name, "The view's name", MAX_NAME, required=True)


def all_views(store: Store) -> list[SavedView]:
    rows = store.conn.execute(
        "SELECT id, name, criteria, position FROM saved_views ORDER BY position, name COLLATE NOCASE"
    )
    return [SavedView(i, n, Criteria.from_json(c), p) for i, n, c, p in rows]


def find(store: Store, name: str) -> SavedView:
    """The view called ``name`` (any case), or a NotFoundError naming the views there are."""
    wanted = name.strip().casefold()
    views = all_views(store)
    for view in views:
        if view.name.casefold() == wanted:
            return view
    there = ", ".join(v.name for v in views)
    raise NotFoundError(
        f"There is no saved view called {name.strip()!r}."
        + (f" Saved views: {there}." if there else " No view is saved yet.")
    )


def get(store: Store, view_id: int) -> SavedView:
    row = store.conn.execute("SELECT id, name, criteria, position FROM saved_views WHERE id = ?", (view_id,)).fetchone()
    if row is None:
        raise NotFoundError("That saved view is gone.")
    return SavedView(row[0], row[1], Criteria.from_json(row[2]), row[3])


def _taken(store: Store, name: str, but: int | None = None) -> bool:
    row = store.conn.execute(
        "SELECT id FROM saved_views WHERE name = ? COLLATE NOCASE AND id IS NOT ?", (name, but)
    ).fetchone()
    return row is not None


def save(store: Store, name: str, criteria: Criteria, *, replace: bool = False) -> int:
    """Save ``criteria`` under ``name``; a name in use is refused unless ``replace``."""
    name = clean_name(name)
    now = to_db(store.clock.now())
    with store.transaction() as conn:
        found = conn.execute("SELECT id FROM saved_views WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
        if found is not None:
            if not replace:
                raise ValidationError(f"A view called {name!r} exists already: choose another name.")
            conn.execute(
                "UPDATE saved_views SET criteria = ?, updated_at = ? WHERE id = ?", (criteria.to_json(), now, found[0])
            )
            return int(found[0])
        position = conn.execute("SELECT coalesce(max(position), 0) + 1 FROM saved_views").fetchone()[0]
        cur = conn.execute(
            "INSERT INTO saved_views (name, criteria, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (name, criteria.to_json(), position, now, now),
        )
        return int(cur.lastrowid or 0)


def rename(store: Store, view_id: int, name: str) -> None:
    name = clean_name(name)
    with store.transaction() as conn:
        if _taken(store, name, view_id):
            raise ValidationError(f"A view called {name!r} exists already: choose another name.")
        cur = conn.execute(
            "UPDATE saved_views SET name = ?, updated_at = ? WHERE id = ?", (name, to_db(store.clock.now()), view_id)
        )
        if cur.rowcount == 0:
            raise NotFoundError("That saved view is gone.")


def delete(store: Store, view_id: int) -> SavedView:
    """Delete a view; returns it, for Undo (``restore``)."""
    view = get(store, view_id)
    with store.transaction() as conn:
        conn.execute("DELETE FROM saved_views WHERE id = ?", (view_id,))
    return view


def restore(store: Store, view: SavedView) -> None:
    now = to_db(store.clock.now())
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO saved_views (id, name, criteria, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (view.id, view.name, view.criteria.to_json(), view.position, now, now),
        )

"""The saved views and duplicates commands (arguments in view_args.py)."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from followup import duplicates as found_duplicates
from followup.cli.output import table, write_json
from followup.domain import ContactRow
from followup.preferences import Preferences
from followup.saved_views import compile_view
from followup.store import Store
from followup.store import saved_views as stored


def views(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    saved = stored.all_views(store)
    if args.json:
        write_json(
            out,
            [
                {"name": v.name, "criteria": _criteria_json(v.criteria.to_json()), "describe": v.criteria.describe()}
                for v in saved
            ],
        )
        return 0
    if not saved:
        out.write("No saved views yet. Save one from the contacts list in the window.\n")
        return 0
    table(out, ["NAME", "SHOWS"], [[v.name, v.criteria.describe()] for v in saved])
    return 0


def _criteria_json(text: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(text)
    return data


def in_view(store: Store, rows: list[ContactRow], name: str) -> list[ContactRow]:
    """The rows the saved view ``name`` shows (NotFoundError naming the views there are)."""
    view = stored.find(store, name)
    return compile_view(store, view.criteria, store.clock.now(), Preferences.load(store)).select(rows)


def duplicates(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    pairs = found_duplicates.find(store, limit=args.limit)
    if args.json:
        write_json(
            out,
            [
                {
                    "first": {"id": p.first.id, "name": p.first.name, "detail": p.first.detail},
                    "second": {"id": p.second.id, "name": p.second.name, "detail": p.second.detail},
                    "reasons": list(p.reasons),
                }
                for p in pairs
            ],
        )
        return 0
    if not pairs:
        out.write("No likely duplicates.\n")
        return 0
    table(
        out,
        ["ID", "NAME", "ID", "NAME", "WHY"],
        [[str(p.first.id), p.first.name, str(p.second.id), p.second.name, ", ".join(p.reasons)] for p in pairs],
    )
    out.write("Merge a pair with: merge-contacts KEEP OTHER (--dry-run shows what is kept).\n")
    return 0

"""``followup check``: is the database whole? Says ok, or what is wrong and what to do."""

from __future__ import annotations

import argparse
from typing import TextIO

from followup.cli.output import write_json
from followup.store import Store, health

EXIT_DAMAGED = 3


def check(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    found = health.examine(store.conn)
    if found.ok:
        health.clear(health.needs_check(store.path))
        advice = ""
    else:
        health.mark_damaged(store.path)
        advice = health.damage_advice(store.path)
    if args.json:
        write_json(
            out,
            {
                "ok": found.ok,
                "path": str(store.path),
                "integrity": found.integrity,
                "foreign_keys": found.foreign_keys,
                "advice": advice,
            },
        )
    elif found.ok:
        out.write(f"The database is intact: {store.path} (integrity and foreign keys checked).\n")
    else:
        out.write(f"The database is damaged: {store.path}\n")
        for problem in [*found.integrity, *found.foreign_keys]:
            out.write(f"  {problem}\n")
        out.write(advice + "\n")
    return 0 if found.ok else EXIT_DAMAGED

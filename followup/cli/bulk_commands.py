"""tidy-overdue: the overdue tidy of Today's "Tidy overdue…", from the command line."""

from __future__ import annotations

import argparse
from typing import TextIO

from followup.cli.output import write_json
from followup.engine import bulk_follow_ups as bulk
from followup.engine.dates import within
from followup.engine.follow_ups import sync_cadences
from followup.errors import ValidationError
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import zone


def tidy_overdue(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    tidy = bulk.Tidy(_days(args.older_than, "--older-than"), not args.all, _days(args.snooze, "--snooze"))
    tidy.check()
    prefs = Preferences.load(store)
    sync_cadences(store, prefs)  # nudges that came due while nothing ran are tidied too
    what = "follow-up" if args.all else "stay-in-touch nudge"
    if args.dry_run:
        n = bulk.count_tidy(store, tidy)
        if args.json:
            write_json(out, {"dry_run": True, "matched": n, "snoozed": 0})
        else:
            out.write(f"Would snooze {n:,} {what}{'s' * (n != 1)} due more than {tidy.older_than_days} days ago.\n")
        return 0
    try:
        done, until = bulk.tidy_overdue(store, tidy, prefs)
    except ValidationError:
        done, until = None, None
    n = len(done.changed) if done else 0
    if args.json:
        write_json(
            out,
            {"dry_run": False, "matched": n, "snoozed": n, "until": until.isoformat() if until else None,
             "ids": done.changed if done else []},
        )  # fmt: skip
    elif done is None or until is None:
        out.write(f"Nothing to tidy: no {what} has been overdue for more than {tidy.older_than_days} days.\n")
    else:
        when = f"{until.astimezone(zone(prefs.user_tz)):%a %d %b %H:%M}"
        out.write(f"Snoozed {n:,} {what}{'s' * (n != 1)} until {when}.\n")
    return 0


def _days(text: str, option: str) -> int:
    try:
        return within(text)
    except ValidationError:
        raise ValidationError(f"{option} {text!r} is not a period: write 90d, 12w or 1m.") from None

"""The ``insights`` command: how well promises were kept over a period."""

from __future__ import annotations

import argparse
from typing import TextIO

from followup import outfile
from followup.cli.output import write_json
from followup.errors import ValidationError
from followup.insights import Figures, compute, parse_period
from followup.insights.export import to_json, write_csv
from followup.insights.formatting import MIN_P90_BASE, count, share_shown
from followup.insights.period import DEFAULT_PERIOD  # one default for the GUI and the CLI
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import zone

SILENCES_PRINTED = 5


def insights(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    where = outfile.target(args.csv, protect=store.path) if getattr(args, "csv", None) else None
    if where is not None and where.path is None and args.json:
        raise ValidationError("--csv - and --json both want standard output: choose one.")
    prefs = Preferences.load(store)
    tz = zone(prefs.user_tz)
    now = store.clock.now()  # run.py pins it to --now
    period = parse_period(args.period or DEFAULT_PERIOD, now, tz)
    # The text lists the five longest silences; the CSV and the JSON every one.
    listed = None if where is not None or args.json else SILENCES_PRINTED
    result = compute(store, prefs, period, now, silences_shown=listed)
    if where is not None:
        write_csv(result, where)
        if where.path is None:
            return 0  # standard output carries the CSV alone
    if args.json:
        write_json(out, to_json(result, tz))
        return 0
    f = result.overall
    end = period.until(now)
    shown = "%a %d %b %Y %H:%M"
    out.write(f"{period.label}: {period.start.astimezone(tz):{shown}} to {end.astimezone(tz):{shown}}\n\n")
    out.write(_replies(f, result.reply_window_hours))
    out.write(_follow_ups(f))
    out.write(f"Relationships now: {count(f.drifting_contacts)} drifting, {count(f.overdue_contacts)} overdue.\n")
    for s in result.silences[:SILENCES_PRINTED]:
        out.write(f"  {s.name} ({s.kind}): {s.days} days without a touch point ({s.health})\n")
    out.write(
        f"Touch points: {count(f.touch_points)}; {count(f.difficult_conversations)} difficult, "
        f"{count(f.difficult_live)} of them live.\n"
    )
    satisfaction = (
        f"{f.satisfaction_average:.1f} from {count(f.satisfaction_scores)}" if f.satisfaction_average else "none"
    )
    out.write(
        f"Satisfaction: {satisfaction}. "
        f"Referrals: {count(f.referrals_asked)} asked, {count(f.referrals_received)} received.\n"
    )
    return 0


def _replies(f: Figures, window: int) -> str:
    if f.reply_time_median_hours is None or f.reply_time_p90_hours is None:
        text = "Replies: none answered in this period.\n"
    else:
        p90 = f", 90% within {f.reply_time_p90_hours:.1f} h" if f.replies_answered >= MIN_P90_BASE else ""
        share = f" ({(f.reply_within_promise_share or 0):.0%})" if share_shown(f.replies_answered) else ""
        text = (
            f"Replies: {count(f.replies_answered)} answered, median {f.reply_time_median_hours:.1f} h{p90}; "
            f"{count(f.replies_within_promise)}{share} within the {window}-hour promise.\n"
        )
    if f.replies_waiting:
        text += (
            f"  {count(f.replies_waiting)} still waiting ({count(f.replies_waiting_overdue)} past the promise), "
            f"the oldest for {f.replies_waiting_longest_hours or 0:.0f} h.\n"
        )
    return text


def _follow_ups(f: Figures) -> str:
    if not f.followups_due:
        return "Follow-ups: none fell due in this period.\n"
    return (
        f"Follow-ups due: {count(f.followups_due)}; {count(f.followups_done_on_time)} done on time"
        + (f" ({(f.followups_done_on_time_share or 0):.0%})" if share_shown(f.followups_due) else "")
        + f", {count(f.followups_done_late)} late, "
        f"{count(f.followups_skipped)} skipped, {count(f.followups_overdue)} still open.\n"
    )

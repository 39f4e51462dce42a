"""What each figure card of the Insights view says: the number, the line
under it, and the tooltip explaining what it counts. Counts are written alike
("3,068"); a share from fewer than five is given as a count ("1 of 1") and
the 90th percentile only from ten replies up, each time saying why."""

from __future__ import annotations

from followup.insights import Insights
from followup.insights.formatting import (
    MIN_P90_BASE,
    SMALL_P90_TIP,
    SMALL_SHARE_TIP,
    count,
    plural,
    share_shown,
    share_text,
)
from ui.insights.widgets import FigureCard, colour, hours_text
from ui.style import theme

WHO_HINT = "Who? ›"


def fill_cards(cards: dict[str, FigureCard], r: Insights, over: str) -> None:
    """Show ``r``'s overall figures on ``cards`` (keyed as in InsightsView)."""
    f = r.overall
    window = r.reply_window_hours
    answered = plural(f.replies_answered, "reply", "replies")
    reply_tip = (
        "From an inbound message that needed an answer to the touch point that answered it, over the "
        f"replies made in {over}: the median, and the 90th percentile."
    )
    if not f.replies_answered:
        reply_note = "No replies"
    elif f.replies_answered >= MIN_P90_BASE:
        reply_note = f"{answered}; 9 in 10 within {hours_text(f.reply_time_p90_hours)}"
    else:
        reply_note = answered
        reply_tip += " " + SMALL_P90_TIP
    cards["reply"].show_figure(hours_text(f.reply_time_median_hours), reply_note, reply_tip)

    promise_colour = None
    if f.reply_within_promise_share is not None and share_shown(f.replies_answered):
        promise_colour = theme.FRESH if f.reply_within_promise_share >= 0.8 else theme.DRIFTING
    promise_tip = (
        f"Of the replies made in {over}, the share made within your {window}-hour promise "
        "(the reply window in the preferences)."
    )
    if f.replies_answered and not share_shown(f.replies_answered):
        promise_tip += " " + SMALL_SHARE_TIP
    cards["promise"].show_figure(
        share_text(f.replies_within_promise, f.replies_answered),
        f"{count(f.replies_within_promise)} of {count(f.replies_answered)} within {plural(window, 'hour')}"
        if share_shown(f.replies_answered)
        else (f"within {plural(window, 'hour')}" if f.replies_answered else "No replies"),
        promise_tip,
        colour(promise_colour).name() if promise_colour else None,
    )
    cards["waiting"].show_figure(
        count(f.replies_waiting),
        f"{count(f.replies_waiting_overdue)} past the promise; oldest {hours_text(f.replies_waiting_longest_hours)}"
        if f.replies_waiting
        else "Nobody is waiting",
        "Inbound messages that needed an answer and have none yet, right now, whenever they came in. "
        "Click to see them.",
        colour(theme.OVERDUE).name() if f.replies_waiting_overdue else None,
    )
    on_time_tip = (
        f"Follow-ups that fell due in {over} (cancelled ones left out): the share done at or before "
        "their due time. Late, skipped and still-open ones count against it. Click to see the late ones."
    )
    if f.followups_due and not share_shown(f.followups_due):
        on_time_tip += " " + SMALL_SHARE_TIP
    cards["on_time"].show_figure(
        share_text(f.followups_done_on_time, f.followups_due),
        f"{count(f.followups_done_on_time)} of {count(f.followups_due)} due; {count(f.followups_done_late)} late, "
        f"{count(f.followups_skipped)} skipped, {count(f.followups_overdue)} open"
        if f.followups_due
        else "None fell due",
        on_time_tip,
    )
    cards["health"].show_figure(
        count(f.drifting_contacts + f.overdue_contacts),
        f"{count(f.drifting_contacts)} drifting, {count(f.overdue_contacts)} overdue",
        "Right now: contacts past their ideal interval without a touch point (drifting) or past their limit "
        "(overdue). Archived contacts are left out. Click to see them.",
        colour(theme.OVERDUE).name() if f.overdue_contacts else None,
    )
    cards["difficult"].show_figure(
        count(f.difficult_conversations),
        f"{count(f.difficult_live)} by call or in person, {count(f.difficult_conversations - f.difficult_live)} written"
        if f.difficult_conversations
        else "None",
        f"Touch points marked difficult in {over}, and how many were calls, video calls or meetings "
        "rather than emails or texts (tone carries better live).",
    )
    cards["satisfaction"].show_figure(
        "—" if f.satisfaction_average is None else f"{f.satisfaction_average:.1f} / 5",
        f"from {plural(f.satisfaction_scores, 'score')}",
        f"The mean of the satisfaction scores (1 to 5) given on touch points in {over}; the trend per week "
        "is charted below.",
    )
    cards["referrals"].show_figure(
        f"{count(f.referrals_asked)} / {count(f.referrals_received)}",
        "asked / received",
        f"Touch points in {over} where you asked for a referral, and where they referred someone to you.",
    )

"""How an answer to an invitation is written and coloured, wherever it shows
(the engagement's answers, Today's replies to invitations)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtGui import QColor

from followup.mail.answers import Answer
from ui.style import theme

MARKS = {"ACCEPTED": "✓", "TENTATIVE": "?", "DECLINED": "✗"}
COLOURS = {"ACCEPTED": "#2e7d32", "TENTATIVE": "#b26a00", "DECLINED": "#c62828"}


def answer_text(answer: Answer) -> str:
    """'✓ Accepted', '? Maybe', '✗ Declined', '— No answer yet'."""
    return f"{MARKS.get(answer.partstat, '—')} {answer.word}"


def answer_colour(answer: Answer) -> QColor:
    if answer.partstat not in COLOURS:
        return theme.muted()
    colour = QColor(COLOURS[answer.partstat])
    return colour.lighter(160) if theme.is_dark() else colour


def when_text(moment: datetime | None, tz: ZoneInfo, *, short: bool = False) -> str:
    """'Wed 02 Dec 2026, 15:00'; short, as Today writes times: 'Wed 02 Dec, 15:00'."""
    if moment is None:
        return ""
    return f"{moment.astimezone(tz):%a %d %b, %H:%M}" if short else f"{moment.astimezone(tz):%a %d %b %Y, %H:%M}"


def summary(answers: list[Answer]) -> str:
    """'2 of 3 answered: 1 accepted, 1 maybe; 1 proposes a new time'."""
    answered = [a for a in answers if a.partstat in MARKS]
    if not answered:
        return "No answers yet."
    counts: dict[str, int] = {}
    for a in answered:
        counts[a.word.lower()] = counts.get(a.word.lower(), 0) + 1
    text = f"{len(answered)} of {len(answers)} answered: " + ", ".join(f"{n} {w}" for w, n in counts.items())
    proposing = sum(1 for a in answers if a.proposes)
    return (
        text
        + (f"; {proposing} proposes a new time" if proposing == 1 else "")
        + (f"; {proposing} propose new times" if proposing > 1 else "")
    )

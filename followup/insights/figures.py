"""What the Insights view shows, as plain data, and what each figure counts.

"In the period" always means at or after the period's start and before its
end or ``now``, whichever comes first: nothing after ``now`` has happened yet.
Counts "at now" describe the state of things at that instant.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from followup.domain import Kind
from followup.insights.period import Period


def quantile(sorted_values: Sequence[float], q: float) -> float | None:
    """The ``q`` quantile by linear interpolation between closest ranks: at
    position h = (n - 1) * q of the sorted values (the median of an even count
    is the mean of the middle two). None when there are no values."""
    if not sorted_values:
        return None
    h = (len(sorted_values) - 1) * q
    low = math.floor(h)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (h - low) * (sorted_values[high] - sorted_values[low])


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(slots=True)
class Outcomes:
    """Follow-ups that fell due in the period (due time in the period), and
    what became of them by ``now``. Cancelled ones (their engagement was
    called off) are left out: nothing was owed.

    - on_time: done, completed at or before its due time;
    - late: done, completed after its due time;
    - skipped: skipped by the user;
    - overdue: still open at ``now`` (snoozed or not), its due time passed.
    """

    on_time: int = 0
    late: int = 0
    skipped: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.skipped + self.overdue

    @property
    def on_time_share(self) -> float | None:
        """Done on time over all that fell due (skipped and overdue included)."""
        return share(self.on_time, self.total)

    def add(self, outcome: str, count: int) -> None:
        setattr(self, outcome, getattr(self, outcome) + count)


@dataclass(slots=True)
class Figures:
    """The figures for one scope: everyone, or the contacts of one kind.

    Replies: a reply promise opens for each inbound message that needed an
    answer. Its reply time is the time of the touch point that answered it
    (or, for a promise marked done without one, when it was marked done)
    minus the time the message came in.

    - replies_answered: promises answered in the period (the answer's time in it);
    - reply_time_median_hours, reply_time_p90_hours: over those answers;
      None when there were none;
    - replies_within_promise, reply_within_promise_share: of those, answered
      within the reply window (``reply_window_hours`` from the preferences);
    - replies_waiting: inbound messages that came in at or before ``now`` and
      were still unanswered (not answered, not skipped) at ``now``, whenever
      they came in; replies_waiting_overdue: of those, past the window;
      replies_waiting_longest_hours: how long the oldest has waited.

    Follow-ups: see :class:`Outcomes`.

    Relationship health, at ``now``, over contacts not archived: days since
    their last touch point at or before ``now`` (or since they were added),
    counted on the user's calendar. Drifting: past their ideal interval but
    not their limit; overdue: past their limit.

    Touch points in the period: all of them; difficult ones, and how many of
    those were live (a call, a video call or in person) rather than written
    (email, text); satisfaction scores (1 to 5) given and their mean;
    referrals I asked for and referrals they gave.
    """

    replies_answered: int = 0
    reply_time_median_hours: float | None = None
    reply_time_p90_hours: float | None = None
    replies_within_promise: int = 0
    reply_within_promise_share: float | None = None
    replies_waiting: int = 0
    replies_waiting_overdue: int = 0
    replies_waiting_longest_hours: float | None = None
    followups_due: int = 0
    followups_done_on_time: int = 0
    followups_done_late: int = 0
    followups_skipped: int = 0
    followups_overdue: int = 0
    followups_done_on_time_share: float | None = None
    drifting_contacts: int = 0
    overdue_contacts: int = 0
    touch_points: int = 0
    difficult_conversations: int = 0
    difficult_live: int = 0
    satisfaction_scores: int = 0
    satisfaction_average: float | None = None
    referrals_asked: int = 0
    referrals_received: int = 0

    def as_dict(self) -> dict[str, int | float | None]:
        return asdict(self)


class Silence(NamedTuple):
    """A contact drifting or overdue at ``now``.

    A NamedTuple, not a frozen dataclass: 30,000 of them are built for
    100,000 contacts, three times faster."""

    contact_id: int
    name: str
    kind: str
    days: int  # since the last touch point, or since they were added
    never_touched: bool
    ideal: int
    limit: int
    health: str  # "drifting" or "overdue"
    internal: bool  # a colleague or a manager


@dataclass(slots=True)
class Week:
    """One calendar week (Monday to Sunday, the user's calendar) of the period;
    the first and last may be partial, cut by the period."""

    monday: date
    by_channel: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    satisfaction_sum: int = 0
    satisfaction_scores: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_channel.values())

    @property
    def satisfaction_average(self) -> float | None:
        return self.satisfaction_sum / self.satisfaction_scores if self.satisfaction_scores else None


@dataclass(slots=True)
class Insights:
    period: Period
    now: datetime
    reply_window_hours: int
    overall: Figures
    by_kind: dict[str, Figures]
    followups_by_phase: dict[str, Outcomes]
    followups_by_source: dict[str, Outcomes]
    silences: list[Silence]  # longest silences first (all, or the first of each side: silences_shown)
    weeks: list[Week]
    waiting_oldest: list[tuple[int, str, float]] = field(default_factory=list)  # (contact id, name, hours)
    user_tz: str = "UTC"  # the zone the period's calendar was read in
    # None: every silence is listed; n: the first n internal and the first n external only
    silences_shown: int | None = None

    @property
    def internal_silences(self) -> list[Silence]:
        return [s for s in self.silences if s.internal]

    @property
    def external_silences(self) -> list[Silence]:
        return [s for s in self.silences if not s.internal]

    def silence_count(self, internal: bool) -> int:
        """How many colleagues and managers (or everyone else) are drifting or
        overdue, listed or not."""
        return sum(
            f.drifting_contacts + f.overdue_contacts for kind, f in self.by_kind.items() if _internal(kind) == internal
        )


def _internal(kind: str) -> bool:
    return Kind(kind).internal

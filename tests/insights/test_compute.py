"""The Insights figures over the small world of conftest.py, every expected
value worked out by hand from its table (the working is in the comments)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from followup.insights import Period, compute
from tests.insights.conftest import NOW, World, nov

WEEK = Period(nov(16, 0), nov(23, 0), "Mon 16 to Sun 22")


def test_reply_times_over_the_replies_that_happened_in_the_period(world: World) -> None:
    # GIVEN the week of 16 November WHEN the figures are computed at Monday 23 09:30
    f = compute(world.store, world.prefs, WEEK, NOW).overall
    # THEN the answers in the period took 6 h (Dora #4, to a message from the
    # 15th), 2 h, 30 h, 10 h and 24 h: sorted 2, 6, 10, 24, 30
    assert f.replies_answered == 5
    assert f.reply_time_median_hours == pytest.approx(10.0)
    # p90 sits at position 4 x 0.9 = 3.6: 24 + 0.6 x (30 - 24) = 27.6
    assert f.reply_time_p90_hours == pytest.approx(27.6)
    # within the 24-hour window (24 h exactly counts): 2, 6, 10, 24
    assert f.replies_within_promise == 4
    assert f.reply_within_promise_share == pytest.approx(0.8)


def test_replies_still_waiting_at_now(world: World) -> None:
    f = compute(world.store, world.prefs, WEEK, NOW).overall
    # Ana #12 (Fri 20 09:30, 72 h ago, past the window) and Bruno #14 (Sun 22 21:30, 12 h ago)
    assert f.replies_waiting == 2
    assert f.replies_waiting_overdue == 1
    assert f.replies_waiting_longest_hours == pytest.approx(72.0)


def test_reply_figures_by_kind(world: World) -> None:
    by_kind = compute(world.store, world.prefs, WEEK, NOW).by_kind
    client = by_kind["client"]  # Ana: 2 h and 30 h; #12 waiting 72 h
    assert client.replies_answered == 2
    assert client.reply_time_median_hours == pytest.approx(16.0)
    assert client.reply_time_p90_hours == pytest.approx(2 + 0.9 * 28)  # 27.2
    assert client.reply_within_promise_share == pytest.approx(0.5)
    assert (client.replies_waiting, client.replies_waiting_overdue) == (1, 1)
    colleague = by_kind["colleague"]  # Bruno: 10 h; #14 waiting 12 h
    assert colleague.reply_time_median_hours == pytest.approx(10.0)
    assert colleague.reply_within_promise_share == 1.0
    assert (colleague.replies_waiting, colleague.replies_waiting_overdue) == (1, 0)
    assert colleague.replies_waiting_longest_hours == pytest.approx(12.0)
    assert by_kind["manager"].reply_time_median_hours == pytest.approx(24.0)
    assert by_kind["supplier"].reply_time_median_hours == pytest.approx(6.0)
    partner = by_kind["partner"]
    assert partner.replies_answered == 0
    assert partner.reply_time_median_hours is None
    assert partner.reply_within_promise_share is None
    assert partner.replies_waiting_longest_hours is None


def test_follow_ups_due_in_the_period_and_what_became_of_them(world: World) -> None:
    result = compute(world.store, world.prefs, WEEK, NOW)
    f = result.overall
    # reply promises due in the week: Dora #3 (due 16 20:00, done 16 02:00) on time,
    # Ana #5 on time, Ana #7 (due 18 09:00, done 18 15:00) late, Bruno #9 on time,
    # Carla #11 (due 21 09:00, done 21 09:00) on time, Ana #12 (due 21 09:30) open;
    # Bruno #14 is due on the 23rd, after the period. Others: F1 on time, F2 late,
    # F3 skipped, F4 open; F5 cancelled (left out), F6 not due yet.
    assert f.followups_done_on_time == 5
    assert f.followups_done_late == 2
    assert f.followups_skipped == 1
    assert f.followups_overdue == 2
    assert f.followups_due == 10
    assert f.followups_done_on_time_share == pytest.approx(0.5)
    phase = result.followups_by_phase
    assert (phase["before"].on_time, phase["before"].total) == (1, 1)
    assert (phase["during"].skipped, phase["during"].total) == (1, 1)
    assert (phase["after"].late, phase["after"].total) == (1, 1)
    source = result.followups_by_source
    assert (source["reply"].on_time, source["reply"].late, source["reply"].overdue) == (4, 1, 1)
    assert (source["plan"].on_time, source["plan"].late, source["plan"].skipped) == (1, 1, 1)
    assert source["manual"].overdue == 1
    assert source["cadence"].total == 0
    assert source["cadence"].on_time_share is None
    # Ana: #5 on time, #7 late, #12 open, F2 late
    client = result.by_kind["client"]
    assert (client.followups_done_on_time, client.followups_done_late, client.followups_overdue) == (1, 2, 1)
    assert client.followups_done_on_time_share == pytest.approx(0.25)
    assert result.by_kind["colleague"].followups_done_on_time_share == 1.0  # #9 and F1
    assert result.by_kind["manager"].followups_done_on_time_share == pytest.approx(0.5)  # #11; F3 skipped


def test_relationship_health_at_now(world: World) -> None:
    result = compute(world.store, world.prefs, WEEK, NOW)
    # Hugo never touched, added 1 Jan: 326 days > 180, overdue. Eva 1 Aug: 114 > 90,
    # overdue. Joao 20 Oct: 34 days, past 30, drifting. Fabio 3 Nov: 20 > 14,
    # drifting. Gil 10 Nov: 13 days > his own limit of 10, overdue (his kind's
    # 30 days would call him fresh). Ines is archived. Everyone else is fresh.
    assert result.overall.drifting_contacts == 2
    assert result.overall.overdue_contacts == 3
    assert [(s.name, s.days, s.health) for s in result.silences] == [
        ("Hugo Sá", 326, "overdue"),
        ("Eva Moura", 114, "overdue"),
        ("Joao Rocha", 34, "drifting"),
        ("Fabio Neves", 20, "drifting"),
        ("Gil Pinto", 13, "overdue"),
    ]
    assert result.silences[0].never_touched
    assert [s.name for s in result.internal_silences] == ["Fabio Neves"]
    assert (result.silences[-1].ideal, result.silences[-1].limit) == (5, 10)
    client = result.by_kind["client"]
    assert (client.drifting_contacts, client.overdue_contacts) == (1, 1)


def test_touch_points_per_week_by_channel_and_kind(world: World) -> None:
    # GIVEN a period from Thursday 12 November: two calendar weeks, the first partial
    period = Period(nov(12, 0), nov(23, 0), "12 to 22")
    result = compute(world.store, world.prefs, period, NOW)
    assert [w.monday for w in result.weeks] == [date(2026, 11, 9), date(2026, 11, 16)]
    first, second = result.weeks
    # #1, #2, #3: Dora, email
    assert first.by_channel == {"email": 3}
    assert first.by_kind == {"supplier": 3}
    assert first.satisfaction_average is None
    # #4 to #14: email #4 #5 #6 #7 #11 #12, phone #8, text #9 #14, in person #10, video #13
    assert second.by_channel == {"email": 6, "phone": 1, "text": 2, "in_person": 1, "video": 1}
    # Dora #4; Ana #5 #6 #7 #8 #12; Bruno #9 #10 #14; Carla #11 #13
    assert second.by_kind == {"supplier": 1, "client": 5, "colleague": 3, "manager": 2}
    assert second.satisfaction_average == pytest.approx(3.0)  # 4 and 2
    assert result.overall.touch_points == 14


def test_difficult_conversations_satisfaction_and_referrals(world: World) -> None:
    result = compute(world.store, world.prefs, WEEK, NOW)
    f = result.overall
    assert f.touch_points == 11  # #4 to #14
    # #7 by email (written), #10 in person and #13 by video (live)
    assert (f.difficult_conversations, f.difficult_live) == (3, 2)
    assert (f.satisfaction_scores, f.satisfaction_average) == (2, pytest.approx(3.0))
    assert (f.referrals_asked, f.referrals_received) == (1, 1)
    assert result.by_kind["manager"].satisfaction_average == pytest.approx(2.0)
    assert result.by_kind["colleague"].satisfaction_average == pytest.approx(4.0)
    assert result.by_kind["manager"].referrals_asked == 1
    assert result.by_kind["client"].referrals_received == 1
    assert result.by_kind["client"].difficult_live == 0


def test_an_empty_period(world: World) -> None:
    # GIVEN January 2025, before anything happened
    period = Period(datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 2, 1, tzinfo=UTC), "January 2025")
    result = compute(world.store, world.prefs, period, NOW)
    f = result.overall
    # THEN nothing in the period: no medians, no shares, zero counts
    assert f.replies_answered == 0
    assert f.reply_time_median_hours is None and f.reply_time_p90_hours is None
    assert f.reply_within_promise_share is None
    assert f.followups_due == 0 and f.followups_done_on_time_share is None
    assert (f.touch_points, f.difficult_conversations, f.referrals_asked) == (0, 0, 0)
    assert f.satisfaction_average is None
    assert sum(w.total for w in result.weeks) == 0
    # but the counts at now are the same: two messages wait, five contacts are silent
    assert f.replies_waiting == 2
    assert (f.drifting_contacts, f.overdue_contacts) == (2, 3)


def test_a_period_with_no_replies(world: World) -> None:
    # GIVEN Saturday 21 10:00 to Monday 23 00:00: only Bruno's #14 came in, unanswered
    period = Period(nov(21, 10), nov(23, 0), "weekend")
    f = compute(world.store, world.prefs, period, NOW).overall
    assert f.touch_points == 1
    assert f.replies_answered == 0
    assert f.reply_time_median_hours is None
    assert f.reply_within_promise_share is None
    assert f.followups_due == 0  # Ana #12's promise was due at 21 09:30, just before
    assert f.replies_waiting == 2


def test_now_in_the_past_sees_only_what_had_happened(world: World) -> None:
    # GIVEN now = Thursday 19 11:00, the same week (cut at now)
    now = nov(19, 11)
    result = compute(world.store, world.prefs, WEEK, now)
    f = result.overall
    # replies by then: 6 h (Dora), 2 h and 30 h (Ana): median 6, p90 at 1.8 = 6 + 0.8 x 24
    assert f.replies_answered == 3
    assert f.reply_time_median_hours == pytest.approx(6.0)
    assert f.reply_time_p90_hours == pytest.approx(25.2)
    # Bruno's #9 (08:00) was answered at 18:00, after now: waiting 3 h
    assert (f.replies_waiting, f.replies_waiting_longest_hours) == (1, pytest.approx(3.0))
    # due by 11:00: Dora #3, Ana #5 and F1 on time, Ana #7 late; F2 (due 18 12:00)
    # was done on the 19th at 12:00, after now: still open then
    assert (f.followups_done_on_time, f.followups_done_late, f.followups_overdue) == (3, 1, 1)
    assert f.followups_done_on_time_share == pytest.approx(0.6)
    # Joao: 30 days on the 19th, not past 30; Gil: 9 days, past 5, not past 10;
    # Carla's first touch point is on the 20th: on the 19th she had none, and
    # counts from 1 January like Hugo (322 days each; ties go by name)
    assert [(s.name, s.days, s.health) for s in result.silences] == [
        ("Carla Dias", 322, "overdue"),
        ("Hugo Sá", 322, "overdue"),
        ("Eva Moura", 110, "overdue"),
        ("Fabio Neves", 16, "drifting"),
        ("Gil Pinto", 9, "drifting"),
    ]
    assert f.touch_points == 6  # #4 to #9


def test_a_longer_reply_window_from_the_preferences(world: World) -> None:
    # GIVEN a 48-hour promise THEN Ana's 30-hour answer is within it, and her #12
    # (72 h) is still past it
    world.prefs.reply_window_hours = 48
    f = compute(world.store, world.prefs, WEEK, NOW).overall
    assert f.reply_within_promise_share == 1.0
    assert f.replies_waiting_overdue == 1

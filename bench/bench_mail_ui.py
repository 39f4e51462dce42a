"""Benchmark: what the mail screens of issue 17 add to opening a contact and
to Today. A contact with 2,000 logged mails (default) in threads of 1 to 12
messages; 1,000 engagements with five answers each (5,000 answers, a few
hundred still unseen or proposing a new time). Times, medians of 21 rounds:

- the thread lookup of one contact (MailMessagesRepo.thread_keys);
- the timeline model fed that contact's touch points, with threads and without;
- ContactPage.show_contact with threads (the window's path), offscreen;
- opening and closing the largest thread;
- Today's "Replies to invitations" query (followup.mail.answers.for_today).

A report, not a test: it exits 0.

    .venv/bin/python bench/bench_mail_ui.py [--mails N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from followup.clock import FixedClock  # noqa: E402
from followup.domain import Channel, Contact, Direction, TouchPoint  # noqa: E402
from followup.store import Store  # noqa: E402
from followup.store.mail_messages import MailMessagesRepo  # noqa: E402
from followup.timeutil import to_db  # noqa: E402

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
ROUNDS = 21


def median_ms(fn: Callable[[], object], rounds: int = ROUNDS) -> float:
    fn()  # warm-up
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(store: Store, mails: int, seed: int = 7) -> int:
    rnd = random.Random(seed)
    cid = store.contacts.add(Contact("Ana Lima", tz="Europe/Lisbon"))
    others = [store.contacts.add(Contact(f"Person {i}", tz="UTC")) for i in range(5)]
    repo = MailMessagesRepo(store)
    at = NOW - timedelta(days=mails)
    n = 0
    with store.transaction():
        while n < mails:
            size = min(rnd.randint(1, 12), mails - n)
            key = f"<t{n}@bench>"
            for k in range(size):
                at += timedelta(hours=rnd.randint(1, 20))
                out = k % 2 == 1
                tp_id = store.touch_points.add(
                    TouchPoint(cid, min(at, NOW), Channel.EMAIL, Direction.OUT if out else Direction.IN,
                               f"Re: topic {n}", tz="UTC", notes="Some text of the message. " * 8)
                )  # fmt: skip
                repo.add(message_id=f"<m{n}-{k}@bench>", contact_id=cid, touch_point_id=tp_id,
                         direction="out" if out else "in", in_reply_to="", refs=[key], thread_key=key,
                         at=min(at, NOW))  # fmt: skip
            n += size
        stamp = to_db(NOW)
        for e in range(1000):
            start = NOW + timedelta(days=rnd.randint(-60, 60))
            eid = store.conn.execute(
                "INSERT INTO engagements (title, start_utc, end_utc, tz, uid, created_at, updated_at) "
                "VALUES (?, ?, ?, 'UTC', ?, ?, ?)",
                (f"Meeting {e}", to_db(start), to_db(start + timedelta(hours=1)), f"e{e}@bench", stamp, stamp),
            ).lastrowid
            for who in others:
                seen = None if rnd.random() < 0.1 else stamp
                proposed = to_db(start + timedelta(hours=5)) if rnd.random() < 0.03 else None
                store.conn.execute(
                    "INSERT INTO engagement_responses (engagement_id, contact_id, partstat, proposed_start_utc, "
                    "at_utc, seen_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (eid, who, rnd.choice(["ACCEPTED", "TENTATIVE", "DECLINED"]), proposed, stamp, seen),
                )
    store.conn.execute("ANALYZE")
    return cid


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=2000)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from followup.mail.answers import for_today
    from ui.contacts.page import ContactPage
    from ui.contacts.timeline_model import TimelineModel

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "followup.db", FixedClock(NOW))
        cid = build(store, args.mails)
        repo = MailMessagesRepo(store)
        touch_points = store.touch_points.for_contact(cid)
        threads = repo.thread_keys(cid)
        print(f"{len(touch_points):,} touch points of one contact in {len(set(threads.values())):,} threads")
        plain, threaded = TimelineModel(), TimelineModel()
        threaded.thread_source = repo.thread_keys
        page = ContactPage(store.clock.now, ZoneInfo("Europe/Lisbon"))
        page.timeline_model.thread_source = repo.thread_keys
        page.resize(900, 700)
        page.show()
        contact = store.contacts.get(cid)

        bare = ContactPage(store.clock.now, ZoneInfo("Europe/Lisbon"))  # no thread source: one card per mail
        bare.resize(900, 700)

        def show(on: ContactPage = page) -> None:
            on.show_contact(contact, store.touch_points.for_contact(cid), None)
            app.processEvents()

        threaded.set_items(touch_points)
        biggest = max(range(threaded.rowCount()), key=lambda r: threaded.row_info(r).count)

        def toggle_twice() -> None:
            threaded.toggle_thread(biggest)
            threaded.toggle_thread(biggest)

        rows = [
            ("thread lookup (thread_keys)", median_ms(lambda: repo.thread_keys(cid))),
            ("timeline model, no threads", median_ms(lambda: plain.set_items(touch_points))),
            ("timeline model, with threads", median_ms(lambda: threaded.set_items(touch_points))),
            ("contact page shown, with threads", median_ms(show)),
            ("contact page shown, no threads", median_ms(lambda: (page.hide(), bare.show(), show(bare)))),
            (f"open + close a thread of {threaded.row_info(biggest).count}", median_ms(toggle_twice)),
            ("Today: replies to invitations", median_ms(lambda: for_today(store))),
        ]
        print(f"{threaded.rowCount():,} timeline cards with threads closed; "
              f"{len(for_today(store)):,} answers for Today out of 5,000")  # fmt: skip
        for what, ms in rows:
            print(f"  {what:<40} {ms:8.2f} ms (median of {ROUNDS})")
        page.close()
        bare.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

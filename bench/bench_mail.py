"""Benchmark: mail sync against a real Dovecot on 127.0.0.1.

A mailbox of 50,000 messages (default), 5,000 of them with contacts (half
inbound in INBOX, half replies in Sent), the rest newsletters and strangers.
Times the first sync, an incremental sync with nothing new (target < 1 s),
and one with 10 new messages; peak memory of this process (tracemalloc for
Python objects, ru_maxrss for the whole process). The maildir is written
before Dovecot starts (APPEND of 50,000 messages would dominate the run); the
tests use APPEND. Needs root, dovecot and openssl. It is a report: it exits 0.

    .venv/bin/python bench/bench_mail.py [--messages N] [--with-contacts N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "mail"))

from mailservers import PASSWORD, USER, Dovecot  # noqa: E402

from followup.clock import FixedClock  # noqa: E402
from followup.domain import Contact, LabelledValue  # noqa: E402
from followup.mail.accounts import build_account  # noqa: E402
from followup.mail.sync import sync_all  # noqa: E402
from followup.store import Store  # noqa: E402
from followup.store.mail_accounts import MailAccountsRepo  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
CONTACTS = 500


def message(i: int, *, sender: str, to: str, when: datetime, reply_to: str = "", extra: str = "") -> bytes:
    head = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: Message {i} about the rollout",
        f"Date: {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}",
        f"Message-ID: <m{i}@bench.example>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
    ]
    if reply_to:
        head.append(f"In-Reply-To: <{reply_to}>")
    if extra:
        head.append(extra)
    body = f"Hello,\n\ncould you look at item {i} of the plan?\n\nThanks\n-- \nSignature line\n"
    return ("\r\n".join(head) + "\r\n\r\n" + body.replace("\n", "\r\n")).encode()


def write_maildir(folder: Path, total: int, with_contacts: int) -> None:
    home = folder / "mail" / USER / "Maildir"
    inbox, sent = home / "new", home / ".Sent" / "cur"
    for d in (inbox, home / "cur", home / "tmp", sent, home / ".Sent" / "new", home / ".Sent" / "tmp"):
        d.mkdir(parents=True, exist_ok=True)
    start = NOW - timedelta(days=365)
    step = timedelta(days=365) / total
    for i in range(total):
        when = start + step * i
        if i % (total // with_contacts) == 0:
            k = i // (total // with_contacts)
            c = (k // 2) % CONTACTS  # a question and my reply to it share a contact
            if k % 2 == 0:
                raw, target = message(i, sender=f"contact{c}@client.example", to=USER, when=when), inbox
            else:
                prev = i - total // with_contacts
                raw = message(
                    i, sender=USER, to=f"contact{c}@client.example", when=when, reply_to=f"m{prev}@bench.example"
                )
                target = sent
        elif i % 3 == 0:
            raw = message(i, sender="news@shop.example", to=USER, when=when, extra="List-Unsubscribe: <mailto:u@x>")
            target = inbox
        else:
            raw = message(i, sender=f"someone{i % 7000}@else.example", to=USER, when=when)
            target = inbox
        (target / f"{int(when.timestamp())}.M{i}P1.bench:2,").write_bytes(raw) if target == sent else (
            target / f"{int(when.timestamp())}.M{i}P1.bench"
        ).write_bytes(raw)
    (home / "subscriptions").write_text("Sent\n")


def timed(label: str, fn: object) -> tuple[float, object]:
    t = time.perf_counter()
    result = fn()  # type: ignore[operator]
    elapsed = time.perf_counter() - t
    print(f"{label}: {elapsed:.2f} s")
    return elapsed, result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=50_000)
    ap.add_argument("--with-contacts", type=int, default=5_000)
    args = ap.parse_args()
    if os.geteuid() != 0 or not shutil.which("dovecot"):
        print("bench_mail needs root and dovecot (tools/system-deps.sh with FOLLOWUP_TEST_SESSION=1)")
        return
    folder = Path(tempfile.mkdtemp(prefix="followup-bench-mail-"))
    os.chmod(folder, 0o755)  # the dovecot user must reach the maildir
    os.environ["FOLLOWUP_KEYRING_FILE"] = str(folder / "secrets.json")  # explicit: no desktop session here
    server = Dovecot(folder / "dovecot")
    try:
        t = time.perf_counter()
        write_maildir(server.folder, args.messages, args.with_contacts)
        print(f"wrote {args.messages:,} messages in {time.perf_counter() - t:.1f} s")
        server.start()
        store = Store.open(folder / "followup.db", FixedClock(NOW))
        store.settings.set("user_email", USER)
        with store.transaction():
            for c in range(CONTACTS):
                store.contacts.add(Contact(f"Contact {c}", emails=[LabelledValue(f"contact{c}@client.example")]))
        from followup.mail import credentials

        account = build_account(
            email=USER,
            imap=f"127.0.0.1:{server.port}",
            smtp="127.0.0.1:25",
            smtp_security="none",
            pin=server.fingerprint,
        )
        credentials.set_password(USER, PASSWORD)
        MailAccountsRepo(store).add(account)
        if not os.environ.get("BENCH_NO_TRACEMALLOC"):
            tracemalloc.start()
        first, result = timed("first sync", lambda: sync_all(store))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(json.dumps(result.as_json() | {"errors": result.errors[:3]}))  # type: ignore[attr-defined]
        runs = [timed("incremental sync, nothing new", lambda: sync_all(store))[0] for _ in range(5)]
        server.append(
            "INBOX",
            [
                (message(10**7 + i, sender="contact1@client.example", to=USER, when=NOW), NOW.timestamp())
                for i in range(10)
            ],
        )
        ten, _ = timed("incremental sync, 10 new", lambda: sync_all(store))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print()
        print("| Measurement | Figure | Target | |")
        print("|---|---|---|---|")
        print(
            f"| First sync of {args.messages:,} messages ({args.with_contacts:,} with contacts) | {first:.1f} s | | |"
        )
        print(
            f"| Incremental sync, nothing new (median of 5) | {sorted(runs)[2] * 1000:.0f} ms | < 1 s | "
            f"{'PASS' if sorted(runs)[2] < 1 else 'FAIL'} |"
        )
        print(f"| Incremental sync, 10 new | {ten * 1000:.0f} ms | | |")
        print(f"| Python memory at peak during the first sync (tracemalloc) | {peak / 2**20:.1f} MB | | |")
        print(f"| Process peak RSS | {rss:.0f} MB | | |")
        print(f"| Touch points logged | {store.touch_points.count():,} | | |")
        store.close()
    finally:
        server.stop()
        subprocess.run(["rm", "-rf", str(folder)], check=False)


if __name__ == "__main__":
    main()

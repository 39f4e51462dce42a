"""Fixture messages, written as raw RFC 5322 bytes (as a mail client would
APPEND them): contacts' mail, replies, lists, automatic mail, scripts."""

from __future__ import annotations

import calendar
from email.utils import parsedate_to_datetime
from typing import Any

ME = "me@example.test"
ALICE = "alice@client.example"
BOB = "BOB@Supplier.Example"
CHEN = "chen@partner.example"


def raw(
    *,
    sender: str,
    to: str = ME,
    subject: str = "Hello",
    date: str = "Fri, 20 Nov 2026 09:00:00 -0500",
    mid: str,
    body: str = "Hi,\n\nCould you send me the offer?\n\nBest,\nAlice",
    cc: str = "",
    extra: str = "",
    ctype: str = 'text/plain; charset="utf-8"',
    in_reply_to: str = "",
    references: str = "",
    encoding: str = "8bit",
) -> bytes:
    head = [f"From: {sender}", f"To: {to}", f"Subject: {subject}", f"Date: {date}", f"Message-ID: <{mid}>"]
    if cc:
        head.append(f"Cc: {cc}")
    if in_reply_to:
        head.append(f"In-Reply-To: <{in_reply_to}>")
    if references:
        head.append(f"References: {references}")
    head += ["MIME-Version: 1.0", f"Content-Type: {ctype}", f"Content-Transfer-Encoding: {encoding}"]
    if extra:
        head += extra.strip().split("\n")
    return ("\r\n".join(head) + "\r\n\r\n" + body.replace("\n", "\r\n") + "\r\n").encode("utf-8")


def arrival(date: str) -> float:
    return float(calendar.timegm(parsedate_to_datetime(date).utctimetuple()))


ROOT = "thread-0@client.example"


def thread_of_ten() -> tuple[list[bytes], list[bytes]]:
    """Ten messages in one thread: Alice writes the even ones, I answer the odd ones."""
    inbox, sent = [], []
    refs: list[str] = []
    for i in range(10):
        mid = f"thread-{i}@client.example" if i % 2 == 0 else f"thread-{i}@example.test"
        date = f"Tue, 17 Nov 2026 {8 + i:02d}:00:00 +0000"
        mine = i % 2 == 1
        message = raw(
            sender=f"Mia Muster <{ME}>" if mine else f"Alice Archer <{ALICE}>",
            to=ALICE if mine else ME,
            subject=("Re: " if i else "") + "Rollout plan",
            date=date,
            mid=mid,
            body=f"Step {i}: what about the rollout?" + ("\n\n> earlier text\n> more" if i else ""),
            in_reply_to=refs[-1] if refs else "",
            references=" ".join(f"<{r}>" for r in refs),
        )
        (sent if mine else inbox).append(message)
        refs.append(mid)
    return inbox, sent


INBOX = [
    # Alice asks a question, addressed to me: a reply promise
    raw(
        sender=f"Alice Archer <{ALICE}>",
        subject="Offer for Q1",
        mid="a1@client.example",
        body="Hi Mia,\n\nCould you send me the offer for Q1?\n\nThanks,\nAlice\n-- \nAlice Archer\nHead of Ops",
    ),
    # Alice asks something else: its promise stays open when only the first is answered
    raw(
        sender=f"Alice Archer <{ALICE}>",
        subject="Training dates",
        mid="a2@client.example",
        date="Fri, 20 Nov 2026 10:00:00 -0500",
        body="Which dates work for the training?",
    ),
    # Bob writes to someone else with me in Cc: logged, no promise
    raw(
        sender=f"Bob Brenner <{BOB}>",
        to="ops@supplier.example",
        cc=ME,
        subject="Delivery moved",
        mid="b1@supplier.example",
        date="Thu, 19 Nov 2026 14:00:00 +0100",
        body="FYI the delivery moves to Friday.",
    ),
    # a newsletter from nobody known: not stored
    raw(
        sender="Shop News <news@shop.example>",
        subject="50% off this week",
        mid="n1@shop.example",
        extra="List-Unsubscribe: <mailto:unsub@shop.example>\nPrecedence: bulk",
        body="Big sale!",
    ),
    # Alice on a mailing list: logged (she is a contact), no promise
    raw(
        sender=f"Alice Archer <{ALICE}>",
        to="users@lists.example",
        subject="[users] Release notes",
        mid="l1@client.example",
        extra="List-Id: Users <users.lists.example>",
        body="The release is out.",
    ),
    # Chen's out-of-office: logged, no promise
    raw(
        sender=f"Chen Wei <{CHEN}>",
        subject="Out of Office: Offer for Q1",
        mid="o1@partner.example",
        extra="Auto-Submitted: auto-replied",
        body="I am away until Monday.",
        date="Fri, 20 Nov 2026 22:00:00 +0800",
    ),
    # RFC 2047 subjects in several scripts
    raw(
        sender=f"=?UTF-8?B?6ZmI5Lyf?= <{CHEN}>",
        subject="=?UTF-8?B?5Lya6K6u6K6w5b2V?=",
        mid="s1@partner.example",
        date="Sat, 21 Nov 2026 10:30:00 +0800",
        body="请查看附件。",
    ),
    raw(
        sender=f"Bob Brenner <{BOB}>",
        subject="=?ISO-8859-1?Q?Gr=FC=DFe_aus_Z=FCrich?=",
        mid="s2@supplier.example",
        date="Sat, 21 Nov 2026 09:00:00 +0100",
        body="Viele Grüße",
    ),
    raw(
        sender=f"Bob Brenner <{BOB}>",
        subject="=?KOI8-R?B?8NLJ18XU?=",
        mid="s3@supplier.example",
        date="Sat, 21 Nov 2026 09:05:00 +0100",
        body="Privet",
    ),
    raw(
        sender=f"Bob Brenner <{BOB}>",
        subject="=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=",
        mid="s4@supplier.example",
        date="Sat, 21 Nov 2026 09:10:00 +0100",
        body="Konnichiwa",
    ),
    # HTML only
    raw(
        sender=f"Bob Brenner <{BOB}>",
        subject="Price list",
        mid="h1@supplier.example",
        date="Sun, 22 Nov 2026 08:00:00 +0100",
        ctype='text/html; charset="utf-8"',
        body="<html><body><p>Dear Mia,</p><p>the <b>new prices</b> apply from December.</p>"
        "<blockquote>old quoted text</blockquote></body></html>",
    ),
    # a bare thanks
    raw(
        sender=f"Bob Brenner <{BOB}>",
        subject="Re: Order",
        mid="t1@supplier.example",
        date="Sun, 22 Nov 2026 09:00:00 +0100",
        body="Thanks a lot!\n\nBob",
    ),
    # someone not known
    raw(
        sender="Stranger <stranger@else.example>",
        subject="Question",
        mid="x1@else.example",
        date="Sun, 22 Nov 2026 10:00:00 +0000",
        body="Who are you?",
    ),
]

SENT = [
    # my reply to Alice's first question (In-Reply-To): closes exactly that promise
    raw(
        sender=f"Mia Muster <{ME}>",
        to=ALICE,
        subject="Re: Offer for Q1",
        mid="r1@example.test",
        date="Fri, 20 Nov 2026 16:00:00 +0100",
        in_reply_to="a1@client.example",
        references="<a1@client.example>",
        body="Hi Alice,\n\nhere it is.\n\nMia\n\n> Could you send me the offer?",
    ),
    # I write twice to someone who is not a contact
    raw(
        sender=f"Mia Muster <{ME}>",
        to="Dana Doe <dana@prospect.example>",
        subject="Intro",
        mid="d1@example.test",
        date="Mon, 16 Nov 2026 10:00:00 +0100",
        body="Nice to meet you.",
    ),
    raw(
        sender=f"Mia Muster <{ME}>",
        to="Dana Doe <dana@prospect.example>",
        subject="Follow-up",
        mid="d2@example.test",
        date="Wed, 18 Nov 2026 10:00:00 +0100",
        body="Following up.",
    ),
]


def with_arrival(messages: list[bytes]) -> list[tuple[bytes, float]]:
    out = []
    for m in messages:
        date = next(line for line in m.decode("utf-8", "replace").split("\r\n") if line.startswith("Date: "))[6:]
        out.append((m, arrival(date)))
    return out


def promises(conn: Any) -> dict[str, str]:
    """Each reply promise's status, by the summary of the message that opened it."""
    return dict(
        conn.execute(
            "SELECT t.summary, f.status FROM follow_ups f JOIN touch_points t ON t.id = f.origin_touch_point_id"
        ).fetchall()
    )

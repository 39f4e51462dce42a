"""The migration of mail templates and invitation answers (issue 17):

- each playbook step can carry a mail template (a subject and a body with
  placeholders), used by ``draft`` for the follow-ups planned from it; the
  built-in steps that thank, check satisfaction or ask how a delivery went get
  one (only while they still have the title they shipped with and no template);
- an invitation's answer remembers when it was looked at in Today
  (``seen_at``), so Today's "Replies to invitations" shows what is new.

Literal SQL, frozen: never edit it, add the next migration.
"""

from __future__ import annotations

import sqlite3


def _v_mail_templates(conn: sqlite3.Connection) -> None:
    for statement in MAIL_TEMPLATES_SQL:
        conn.execute(statement)


def _seed(title: str, subject: str, body: str) -> str:
    def quote(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    return (
        f"UPDATE playbook_steps SET mail_subject = {quote(subject)}, mail_body = {quote(body)} "
        f"WHERE title = {quote(title)} AND mail_subject = '' AND mail_body = '' "
        "AND playbook_id IN (SELECT id FROM playbooks WHERE builtin = 1)"
    )


MAIL_TEMPLATES_SQL = [
    "ALTER TABLE playbook_steps ADD COLUMN mail_subject TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE playbook_steps ADD COLUMN mail_body TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE engagement_responses ADD COLUMN seen_at TEXT",
    _seed(
        "Thank {first} for the {engagement}",
        "Thank you for today",
        "Hi {first},\n\nThank you for the {engagement} today. It was good to talk, and I'll follow up on what we "
        "agreed.\n\nBest,\n{me}\n",
    ),
    _seed(
        "Check that {first} is happy with how the {engagement} went",
        "How is it going since the {engagement}?",
        "Hi {first},\n\nI wanted to check in after the {engagement}: does the outcome work for you, and is "
        "anything still open on your side?\n\nBest,\n{me}\n",
    ),
    _seed(
        "Check that {first} received the {engagement} in good order",
        "Did the {engagement} arrive in good order?",
        "Hi {first},\n\nA quick check: did the {engagement} arrive complete and in good order? If anything is "
        "missing or damaged, tell me and I'll take care of it today.\n\nBest,\n{me}\n",
    ),
    _seed(
        "Ask {first} how satisfied they are with the {engagement}",
        "How is the delivery working for you?",
        "Hi {first},\n\nI wanted to check in: how is the {engagement} working for you so far? If anything is not "
        "as expected, tell me and I'll take care of it.\n\nBest,\n{me}\n",
    ),
]

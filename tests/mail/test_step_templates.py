"""Each playbook step can carry a mail template; `draft` writes the follow-ups
planned from it with that template, filled with the contact's name, the
engagement and the last touch point (real SQLite, the CLI in-process)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from mailservers import Result

from followup.errors import ValidationError
from followup.store import Store

Cli = Callable[..., Result]
THANKS = "Thank {first} for the {engagement}"


def _plan(cli: Cli, who: str = "Alice Archer", title: str = "Kick-off") -> list[dict[str, object]]:
    result = cli("plan", who, "--title", title, "--start", "2026-11-20T10:00", "--json")
    assert result.code == 0, result.err
    ids = [f["id"] if isinstance(f, dict) else f for f in json.loads(result.out)["follow_ups"]]
    return [json.loads(cli("draft", str(i), "--json").out) | {"id": i} for i in ids]


def test_the_built_in_thank_you_step_writes_thank_you_for_today(cli: Cli) -> None:
    # GIVEN a client meeting planned with the built-in playbook
    drafts = _plan(cli)
    # WHEN the thank-you follow-up is drafted
    [thanks] = [d for d in drafts if d["subject"] == "Thank you for today"]
    # THEN its text is the step's template, filled in
    assert thanks["body"] == (
        "Hi Alice,\n\nThank you for the Kick-off today. It was good to talk, and I'll follow up on what we "
        "agreed.\n\nBest,\nMia\n"
    )
    assert thanks["findings"] == []


def test_an_edited_template_is_filled_with_the_last_touch_point(cli: Cli, open_store: Callable[[], Store]) -> None:
    # GIVEN the user's own template on the thank-you step, with every kind of placeholder
    with open_store() as store:
        book = store.playbooks.by_name("Client meeting")
        step = next(s for s in book.steps if s.title == THANKS)
        step.mail_subject = "{engagement}: next steps for {organisation}"
        step.mail_body = (
            "Dear {contact},\n\nAfter “{last_touch}” on {last_date} and the {engagement} ({when}), "
            "here is what we agreed {as written}.\n\nKind regards,\n{me}"
        )
        store.playbooks.update(book)
        store.conn.execute("UPDATE contacts SET organisation = 'Archer & Co' WHERE name = 'Alice Archer'")
    assert cli("log", "Alice Archer", "--channel", "phone", "--summary", "Pricing call", "--at", "-1d").code == 0
    # WHEN the follow-up is drafted
    [mine] = [d for d in _plan(cli) if "next steps" in str(d["subject"])]
    # THEN each placeholder is filled, and braces that are no placeholder stay as written
    assert mine["subject"] == "Kick-off: next steps for Archer & Co"
    body = str(mine["body"])
    assert body.startswith("Dear Alice Archer,\n\nAfter “Pricing call” on Sunday 22 November and the Kick-off (")
    assert "{as written}" in body and body.endswith("Kind regards,\nMia\n")


def test_a_misspelt_placeholder_is_refused_by_name_and_nothing_is_saved(open_store: Callable[[], Store]) -> None:
    with open_store() as store:
        book = store.playbooks.by_name("Client meeting")
        step = next(s for s in book.steps if s.title == THANKS)
        step.mail_body = "Hi {frist}, thanks."
        # WHEN a template names a placeholder that does not exist
        with pytest.raises(ValidationError, match=r"Step 4's mail template has an unknown placeholder \{frist\}"):
            store.playbooks.update(book)
        # THEN the saved template is unchanged
        again = next(s for s in store.playbooks.by_name("Client meeting").steps if s.title == THANKS)
        assert again.mail_subject == "Thank you for today" and "{frist}" not in again.mail_body
        # AND a text with no subject is refused too
        step.mail_body, step.mail_subject = "Hi {first}", ""
        with pytest.raises(ValidationError, match="no subject"):
            store.playbooks.update(book)


def test_a_step_without_a_template_keeps_the_built_in_wording(cli: Cli) -> None:
    # GIVEN a supplier order (its steps ship without a template)
    drafts = _plan(cli, "Bob Brenner", "Delivery of parts")
    # THEN the drafts use the wording chosen from the step's title, as before
    assert all(str(d["body"]).startswith("Hi Bob,\n\n") for d in drafts)
    assert any("Delivery of parts" in str(d["subject"]) for d in drafts)


def test_playbooks_lists_each_steps_template(cli: Cli) -> None:
    books = {b["name"]: b for b in json.loads(cli("playbooks", "--json").out)}
    steps = {s["title"]: s for s in books["Client meeting"]["steps"]}
    assert steps[THANKS]["mail_template"]["subject"] == "Thank you for today"
    assert steps["Ask {first} for feedback or a referral"]["mail_template"] is None
    assert "(mail: Thank you for today)" in cli("playbooks").out

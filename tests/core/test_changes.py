"""Changes: the Qt-free record of what a write touched."""

from __future__ import annotations

from followup.changes import Changes


def test_a_change_to_one_contact_touches_only_that_contact() -> None:
    # GIVEN a change to contact 7 WHEN views ask THEN only contact 7's page reloads
    changes = Changes.for_contact(7, touch_points=True)
    assert changes.touches_contact(7)
    assert not changes.touches_contact(8)
    assert not changes.any_contact
    assert changes.due and changes.anything


def test_follow_ups_touch_every_shown_contact_and_what_is_due() -> None:
    # GIVEN a change to follow-ups only WHEN views ask THEN a contact's plans and Today reload
    changes = Changes(follow_ups=True)
    assert changes.touches_contact(3)
    assert changes.due


def test_the_union_keeps_every_flag_and_widens_to_any_contact() -> None:
    # GIVEN two changes to named contacts, and one to any contact
    a = Changes.for_contact(1)
    b = Changes.for_contact(2, follow_ups=True)
    # WHEN they are joined THEN flags add up and the contacts are the union, unless one side touched any
    assert a | b == Changes(contacts=True, follow_ups=True, contact_ids=frozenset({1, 2}))
    assert (a | Changes(contacts=True)).contact_ids == frozenset()


def test_nothing_and_settings_alone() -> None:
    # GIVEN no change, and a settings change WHEN asked THEN nothing is nothing, settings move what is due
    assert not Changes().anything and not Changes().due
    assert Changes(settings=True).due and not Changes(settings=True).touches_contact(1)


def test_a_change_from_elsewhere_is_everything() -> None:
    # GIVEN a change noticed from another process WHEN views ask THEN everything may have moved
    changes = Changes.everything(external=True)
    assert changes.external and changes.any_contact and changes.playbooks and changes.touches_contact(99)

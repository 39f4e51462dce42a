"""Fixtures for the calendar tests: two contacts and the user's address (the
independent checker, `ical_check`, is tests/conftest.py's)."""

from __future__ import annotations

import pytest
from ics_fixtures import ME

from followup.domain import Channel, Contact, Kind, LabelledValue
from followup.store import Store


@pytest.fixture
def people(store: Store) -> dict[str, int]:
    """Alice (a client in New York) and Bob (a supplier in Zürich, his address
    stored in capitals), and the user's own email and name in the settings."""
    store.settings.set("user_email", ME)
    store.settings.set("user_name", "Mia Muster")
    alice = store.contacts.add(
        Contact(
            "Alice Archer",
            kind=Kind.CLIENT,
            organisation="Client Co",
            title="Head of Operations",
            emails=[LabelledValue("alice@client.example", "work")],
            phones=[LabelledValue("+1 212 555 0100", "work")],
            preferred_channel=Channel.PHONE,
            tz="America/New_York",
        )
    )
    bob = store.contacts.add(
        Contact(
            "Bob Brenner",
            kind=Kind.SUPPLIER,
            organisation="Supplier AG",
            emails=[LabelledValue("BOB@Supplier.Example", "work")],
            tz="Europe/Zurich",
        )
    )
    return {"alice": alice, "bob": bob}

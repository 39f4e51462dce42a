"""Fixtures for the calendar tests: two contacts, the user's address, and the
independent checker (ical.js, Mozilla's parser, run with node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from followup.domain import Channel, Contact, Kind, LabelledValue
from followup.store import Store

ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT / "tools" / "ical-check"
from ics_fixtures import ME  # noqa: E402  (re-exported for fixtures below)


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


@pytest.fixture(scope="session")
def ical_check() -> Callable[[list[Path]], list[dict[str, Any]]]:
    """Parse files with ical.js and return its findings, one dict per file."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed, so the ical.js checker cannot run (apt-get install nodejs npm)")
    if not (CHECKER / "node_modules" / "ical.js").exists():
        npm = shutil.which("npm")
        assert npm, "node is here but npm is not: cannot install ical.js for the checker"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=CHECKER, check=True, capture_output=True)

    def check(paths: list[Path]) -> list[dict[str, Any]]:
        done = subprocess.run(
            [node, str(CHECKER / "check.mjs"), *map(str, paths)], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    return check

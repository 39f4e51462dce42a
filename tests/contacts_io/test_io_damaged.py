"""Damaged files (issue 14: no traceback anywhere): every fixture cut short at
random points and with random bytes changed is either read or refused with
one clean sentence, never an exception of another kind. Seeded: the same
cases every run."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from followup.contacts_io import ContactsFileError, read_bytes

FILES = Path(__file__).resolve().parent / "files"
SOURCES = sorted(p for p in FILES.rglob("*") if p.suffix in (".vcf", ".csv"))


def _cases() -> list[tuple[str, bytes]]:
    rnd = random.Random(14)
    cases = []
    for path in SOURCES:
        data = path.read_bytes()
        for n in range(6):
            cut = rnd.randrange(1, max(2, len(data)))
            cases.append((f"{path.name} cut at {cut}", data[:cut]))
            damaged = bytearray(data)
            for _ in range(1 + n):
                damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
            cases.append((f"{path.name} with {1 + n} bytes changed ({n})", bytes(damaged)))
    return cases


CASES = _cases()


@pytest.mark.parametrize(("name", "data"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("fmt", ["auto", "csv"])
def test_a_damaged_file_is_read_or_refused_in_one_sentence(name: str, data: bytes, fmt: str) -> None:
    # GIVEN a real file with bytes damaged WHEN it is read (detected, or as any CSV)
    try:
        parsed = read_bytes(data, fmt)
    except ContactsFileError as error:
        # THEN either it is refused in one sentence...
        message = str(error)
        assert message and "\n" not in message and "Traceback" not in message
        return
    # ...or contacts are read, each note about it one line
    assert parsed.items
    for note in parsed.notes:
        assert "\n" not in note

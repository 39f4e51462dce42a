"""Benchmark: importing 10,000 vCards and a 10,000-row Google CSV, and exporting them.

Writes realistic files (folded notes, item groups, multi-value cells, names in
several scripts) under a temporary folder, then times each phase: reading the
file, planning the preview, writing in one transaction, and importing the same
file again (everything merges or is skipped). Targets from the import issue:
under 5 s for each import. It is a report: it always exits 0.

    .venv/bin/python bench/bench_contacts_io.py [--contacts N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from followup.clock import FixedClock
from followup.contacts_io import read_file
from followup.contacts_io.export import load_contacts, write
from followup.contacts_io.merge import apply_import, plan_import
from followup.store import Store

TARGET_S = 5.0
FIRST = ["Ana", "Søren", "Zoë", "François", "Inés", "Jürgen", "Priya", "Kenji", "王", "ליאת", "سارة", "Mateus"]
LAST = ["Lima", "Øvergaard", "Ångström", "Lefèvre", "Núñez", "Müller", "Raman", "Sato", "小明", "כהן", "العلي", "Costa"]
ORGS = ["Acme Logistics\\, Lda.", "Fjord Paper AS", "Café Crème SARL", "上海贸易有限公司", "Nordlicht GmbH"]
LABELS = ["Clients", "Suppliers", "Colleagues", "VIP", "Nordics"]


def vcards(n: int, rng: random.Random) -> str:
    cards = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        note = "Prefers short calls before 10:00\\; hates long threads.\\nAsk about the Porto warehouse\\, it opened"
        cards.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:{first} {last}\r\nN:{last};{first};;;\r\n"
            f"ORG:{rng.choice(ORGS)};Procurement\r\nTITLE:Head of Procurement\r\n"
            f"item1.EMAIL;TYPE=INTERNET;TYPE=pref:person{i}@example.com\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
            f"EMAIL;TYPE=INTERNET;TYPE=HOME:p{i}@mail.example\r\n"
            f"TEL;TYPE=CELL:+351 9{i:08d}\r\nTEL;TYPE=WORK;TYPE=VOICE:+351 21 {i:07d}\r\n"
            f"NOTE:{note[:70]}\r\n {note[70:]} in March.\r\n"
            f"CATEGORIES:myContacts,{rng.choice(LABELS)}\r\nBDAY:1980-01-{1 + i % 28:02d}\r\n"
            "END:VCARD\r\n"
        )
    return "".join(cards)


def google_csv(n: int, rng: random.Random) -> str:
    head = (
        "First Name,Middle Name,Last Name,Organization Name,Organization Title,Birthday,Notes,Labels,"
        "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,"
        "Address 1 - Label,Address 1 - Formatted\r\n"
    )
    rows = [head]
    for i in range(n):
        rows.append(
            f'{rng.choice(FIRST)},,{rng.choice(LAST)},"{rng.choice(ORGS).replace(chr(92), "")}",Buyer,1980-02-03,'
            f'"Talks fast, decides faster.\nSwedish first.",* myContacts ::: {rng.choice(LABELS)},'
            f"* Work,g{i}@example.com ::: g{i}@example.org,Home,g{i}@mail.example,Mobile,"
            f'+46 70 {i:07d} ::: +46 8 {i:07d},Work,"Drottninggatan 1\n111 51 Stockholm"\r\n'
        )
    return "".join(rows)


def timed(what: str, fn: Callable[[], Any], figures: list[tuple[str, float]]) -> Any:
    start = time.perf_counter()
    result = fn()
    figures.append((what, time.perf_counter() - start))
    return result


def run(kind: str, path: Path, folder: Path, clock: FixedClock) -> list[tuple[str, float]]:
    figures: list[tuple[str, float]] = []
    with Store.open(folder / f"{kind}.db", clock) as store:
        parsed = timed("read and map the file", lambda: read_file(path), figures)
        timed("plan the preview", lambda: plan_import(store, parsed.items), figures)
        summary = timed("write (one transaction)", lambda: apply_import(store, parsed.items), figures)
        total = sum(s for _, s in figures)
        figures.append(("= import, end to end", total))
        assert len(summary.created) == len(parsed.items), (len(summary.created), len(parsed.items))
        again = timed("import the same file again", lambda: apply_import(store, read_file(path).items), figures)
        assert not again.created and not again.merged
        contacts = timed("load every contact for export", lambda: load_contacts(store), figures)
        timed("export vCard 4.0", lambda: write(contacts, folder / f"{kind}-out.vcf", "vcard4"), figures)
        timed("export Google CSV", lambda: write(contacts, folder / f"{kind}-out.csv", "google-csv"), figures)
        timed("export Outlook CSV", lambda: write(contacts, folder / f"{kind}-out-ol.csv", "outlook-csv"), figures)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=10_000)
    args = parser.parse_args(argv)
    clock = FixedClock(datetime(2026, 11, 23, 9, 30, tzinfo=UTC))
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "contacts.vcf").write_text(vcards(args.contacts, rng), encoding="utf-8", newline="")
        (folder / "contacts.csv").write_text(google_csv(args.contacts, rng), encoding="utf-8-sig", newline="")
        for kind, name in (("vcard", "contacts.vcf"), ("google", "contacts.csv")):
            size = (folder / name).stat().st_size / 1e6
            print(f"\n{args.contacts:,} contacts, {kind} ({size:.1f} MB)")
            for what, seconds in run(kind, folder / name, folder, clock):
                flag = ""
                if what.startswith("="):
                    flag = "  OK (target < 5 s)" if seconds < TARGET_S else "  OVER the 5 s target"
                print(f"  {what:<34} {seconds * 1000:8.0f} ms{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

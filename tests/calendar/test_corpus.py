"""The real-world corpus (issue 14): every .ics file that icalendar,
python-recurring-ical-events, khal and others ship in their source packages,
downloaded by tools/fetch-corpus.py (CI runs it first; nothing of it is
committed) and listed with its origin in corpus_manifest.tsv.

For each file: no traceback, no library noise on stderr, either an import or
one clean sentence of refusal that wrote nothing; and the instants of the
meetings imported equal those of an independent expander
(python-recurring-ical-events on a fresh parse).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup.calendar import import_ics
from followup.calendar.reading import CalendarFileError, ParsedCalendar, read_calendar
from followup.clock import FixedClock
from followup.store import Store

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("fetch_corpus", ROOT / "tools" / "fetch-corpus.py")
assert _spec is not None and _spec.loader is not None
fetch_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fetch_corpus)

ROWS = fetch_corpus.read_manifest()
TZ = "Europe/Lisbon"
WINDOW_DAYS = 400
_DTSTART = re.compile(rb"^DTSTART[^:\r\n]*:(\d{8})", re.M)
_NOISE = ("None", "vText", "TypeError", "Error:", "Traceback", "b'", "[<")


def _path(row: tuple[str, str, str, str]) -> Path:
    path: Path = fetch_corpus.corpus_path(*row[:3])
    if not path.exists():
        message = (
            f"The calendar corpus is missing ({path}): run `python tools/fetch-corpus.py` "
            "(it downloads the pinned source packages listed in tests/calendar/corpus_manifest.tsv)."
        )
        if os.environ.get("CI"):
            pytest.fail("CI must have the corpus. " + message)
        pytest.skip("NOT TESTED: " + message)
    return path


def _now_for(data: bytes) -> datetime:
    """Just before the file's first start, so its meetings are still ahead."""
    days = []
    for m in _DTSTART.finditer(data):
        try:
            days.append(date(int(m.group(1)[:4]), int(m.group(1)[4:6]), int(m.group(1)[6:8])))
        except ValueError:
            continue
    first = min((d for d in days if d.year >= 1970), default=date(2026, 1, 1))
    return datetime(first.year, first.month, first.day, tzinfo=UTC) - timedelta(days=1)


def _independent_starts(data: bytes, now: datetime) -> dict[str, set[object]] | None:
    """uid -> the starts (UTC instants, or dates) python-recurring-ical-events gives."""
    import icalendar
    import recurring_ical_events  # type: ignore[import-untyped]
    import x_wr_timezone  # type: ignore[import-untyped]

    icalendar.use_zoneinfo()  # forget zones of other files, as the import does
    try:
        cal = x_wr_timezone.to_standard(icalendar.Calendar.from_ical(data))
        floating = ZoneInfo(str(cal.get("X-WR-TIMEZONE", "") or TZ)) if cal.get("X-WR-TIMEZONE") else ZoneInfo(TZ)
        occurrences = recurring_ical_events.of(cal).between(now, now + timedelta(days=WINDOW_DAYS))
    except Exception:
        return None  # the independent reader cannot read it either: nothing to compare with
    starts: dict[str, set[object]] = {}
    for occ in occurrences:
        value = occ["DTSTART"].dt
        if isinstance(value, datetime):
            value = (value if value.tzinfo else value.replace(tzinfo=floating)).astimezone(UTC)
        uid_starts = starts.setdefault(str(occ.get("UID", "")), set())
        uid_starts.add(value)
        if isinstance(value, datetime) and value.time() == datetime.min.time():
            uid_starts.add(value.date())  # a date start beside a datetime end: read as midnight
    return starts


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new database, made once (migrations take most of a new store's time) and copied per file."""
    path: Path = tmp_path_factory.mktemp("template") / "followup.db"
    with Store.open(path, FixedClock(datetime(2026, 1, 1, tzinfo=UTC))) as store:
        store.settings.set("user_tz", TZ)
        store.settings.set("user_email", "me@followup.example")
    assert not path.with_name("followup.db-wal").exists() or not path.with_name("followup.db-wal").stat().st_size
    return path


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]}:{r[2]}" for r in ROWS])
def test_a_real_calendar_imports_or_is_refused_in_one_clean_sentence(
    row: tuple[str, str, str, str], tmp_path: Path, empty_db: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a real calendar from a pinned package, and an empty database
    data = _path(row).read_bytes()
    now = _now_for(data)
    shutil.copyfile(empty_db, tmp_path / "followup.db")
    with Store.open(tmp_path / "followup.db", FixedClock(now)) as store:
        # WHEN it is read and imported
        try:
            parsed = read_calendar(data, now=now, user_tz=TZ, window_days=WINDOW_DAYS)
        except CalendarFileError as refusal:
            # THEN either it is refused in one clean sentence with nothing written...
            text = str(refusal)
            assert "\n" not in text and text.endswith(".") and not any(n in text for n in _NOISE), text
            assert store.conn.execute("SELECT count(*) FROM engagements").fetchone()[0] == 0
            assert store.conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
        else:
            # ...or every start read and every engagement created is when an independent expander says
            for skipped in parsed.skipped:
                assert not any(n in str(skipped["why"]) for n in _NOISE), skipped
            _same_instants_read(parsed, data, now)
            result = import_ics.apply(store, import_ics.analyse(store, parsed))
            _same_instants(store, result, data, now)
    # AND nothing was printed (no library warnings leak)
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def _same_instants_read(parsed: ParsedCalendar, data: bytes, now: datetime) -> None:
    """Every event read (with people in it or not) starts when the independent expander says."""
    expected = _independent_starts(data, now)
    if expected is None:
        return
    for event in parsed.events:
        if event.uid not in expected or event.note or event.undated:
            continue  # outside the window for the other reader, or a rule the import refused to expand
        start = event.start if event.start is not None else event.start_date
        assert start in expected[event.uid], (event.title, start, sorted(map(str, expected[event.uid]))[:5])


def _same_instants(store: Store, result: import_ics.ImportResult, data: bytes, now: datetime) -> None:
    if not result.created:
        return
    expected = _independent_starts(data, now)
    if expected is None:
        return
    for created in result.created:
        uid = str(created["uid"])
        e = store.engagements.get(created["engagement_id"])  # type: ignore[arg-type]
        if uid not in expected or "Imported once" in e.notes or "too often" in e.notes:
            continue  # a made-up UID, or a rule the import refused to expand
        start = e.start.astimezone(UTC) if e.start is not None else e.start_date
        assert start in expected[uid], (e.title, start, sorted(map(str, expected[uid]))[:5])


def test_the_manifest_names_where_every_file_came_from() -> None:
    assert len(ROWS) > 300
    packages = {(r[0], r[1]) for r in ROWS}
    assert packages <= set(fetch_corpus.PACKAGES)
    assert all(re.fullmatch(r"[0-9a-f]{64}", r[3]) and r[2].lower().endswith(".ics") for r in ROWS)


def test_a_missing_or_changed_file_is_named_by_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_CORPUS_DIR", str(tmp_path))
    present = fetch_corpus.corpus_path("pkg", "1.0", "a.ics")
    present.parent.mkdir(parents=True)
    present.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    rows = [("pkg", "1.0", "a.ics", "0" * 64), ("pkg", "1.0", "b.ics", "0" * 64)]
    assert fetch_corpus.verify(rows) == ["checksum differs: pkg 1.0 a.ics", "missing: pkg 1.0 b.ics"]


def test_without_the_corpus_ci_fails_and_a_developer_is_told_loudly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_CORPUS_DIR", str(tmp_path))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must have the corpus"):
        _path(ROWS[0])
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="NOT TESTED"):
        _path(ROWS[0])

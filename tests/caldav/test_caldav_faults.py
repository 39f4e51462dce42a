"""Faults of live calendars: each a clear status, nothing duplicated, nothing
lost, and the next sync completes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from caldav_servers import FaultyProxy, Server, at, start_radicale, vevent
from cli_runner import Cli

from followup.clock import FixedClock
from followup.domain import Contact, Kind, LabelledValue

pytestmark = pytest.mark.usefixtures("real_keyring")
MARIA, ME = "maria@client.test", "me@example.test"


def add_maria(open_store) -> int:  # type: ignore[no-untyped-def]
    return open_store().contacts.add(Contact(name="Maria Costa", kind=Kind.CLIENT, emails=[LabelledValue(MARIA)]))


def connect(cli: Cli, server: Server, password: str | None = None) -> object:
    return cli("calendar", "add-account", "--url", server.url, "--user", server.user, "--password-stdin",
               stdin=(password or server.password) + "\n")  # fmt: skip


def test_a_wrong_password_is_refused_at_once_and_nothing_is_saved(radicale: Server, cli: Cli, open_store) -> None:
    done = connect(cli, radicale, "wrong")
    assert done.code != 0
    assert "refused the user name or password" in done.err and "Traceback" not in done.err
    assert open_store().conn.execute("SELECT count(*) FROM cal_accounts").fetchone()[0] == 0


def test_a_password_changed_on_the_server_is_a_status_not_a_crash(
    radicale: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    add_maria(open_store)
    assert connect(cli, radicale).code == 0
    (radicale.storage.parent / "users").write_text("ana:a-new-password\n")
    done = cli("calendar", "sync", "--json")
    assert done.code == 1
    report = json.loads(done.out)
    assert report["accounts_failed"] == 1 and "refused the user name or password" in report["errors"][0]
    status = json.loads(cli("calendar", "accounts", "--json").out)[0]["status"]
    assert status.startswith("error:")


def test_the_server_down_then_back_the_next_sync_completes_without_doubles(
    tmp_path: Path, cli: Cli, open_store, clock: FixedClock
) -> None:
    # GIVEN an account with a past and a future meeting with Maria
    server = start_radicale(tmp_path / "r")
    try:
        maria = add_maria(open_store)
        cal = server.client().principal().make_calendar(name="Work")
        cal.add_event(vevent("p-1", "Review", at(clock, -2), people=[MARIA], organizer=ME))
        cal.add_event(vevent("f-1", "Plan", at(clock, 2), people=[MARIA], organizer=ME))
        assert connect(cli, server).code == 0
    finally:
        server.stop()
    # WHEN the server is down
    down = cli("calendar", "sync", "--json")
    report = json.loads(down.out)
    # THEN one clear sentence, and nothing written
    assert down.code == 1 and "cannot be reached" in report["errors"][0] and "Traceback" not in down.err
    assert open_store().touch_points.for_contact(maria) == []
    # WHEN it is back (same storage, same port), twice
    back = start_radicale(tmp_path / "r", port=server.port)
    try:
        first = json.loads(cli("calendar", "sync", "--json").out)
        second = json.loads(cli("calendar", "sync", "--json").out)
    finally:
        back.stop()
    # THEN everything came in once
    assert (first["met_logged"], first["proposed"], first["errors"]) == (1, 1, [])
    assert (second["met_logged"], second["proposed"]) == (0, 0)
    assert len(open_store().touch_points.for_contact(maria)) == 1


def test_a_500_on_one_item_is_skipped_and_reported_the_rest_is_read(
    radicale: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    # GIVEN two past meetings, one of which the server fails to give (500)
    maria = add_maria(open_store)
    cal = radicale.client().principal().make_calendar(name="Work")
    cal.add_event(vevent("ok-1", "Good meeting", at(clock, -1), people=[MARIA], organizer=ME))
    cal.add_event(vevent("bad-1", "Unlucky meeting", at(clock, -2), people=[MARIA], organizer=ME))
    proxy = FaultyProxy(radicale.port)
    proxy.failing.add("bad-1.ics")
    try:
        done = cli("calendar", "add-account", "--url", proxy.url, "--user", radicale.user, "--password-stdin",
                   stdin=radicale.password + "\n")  # fmt: skip
        assert done.code == 0, done.err
        # WHEN Followup syncs
        done = cli("calendar", "sync", "--json")
        report = json.loads(done.out)
        # THEN the good one is logged, the bad one reported, and the sync is not a failure
        assert done.code == 0 and report["met_logged"] == 1
        assert any("could not be read and was skipped" in e for e in report["errors"]), report["errors"]
        # WHEN the server is well again, THEN the next sync picks it up, and nothing is doubled
        proxy.failing.clear()
        again = json.loads(cli("calendar", "sync", "--json").out)
    finally:
        proxy.close()
    assert (again["met_logged"], again["errors"]) == (1, [])
    assert sorted(tp.summary for tp in open_store().touch_points.for_contact(maria)) == [
        "Met: Good meeting",
        "Met: Unlucky meeting",
    ]


def test_a_calendar_deleted_on_the_server_drops_its_proposals(
    radicale: Server, cli: Cli, open_store, clock: FixedClock
) -> None:
    add_maria(open_store)
    cal = radicale.client().principal().make_calendar(name="Work")
    cal.add_event(vevent("f-2", "Workshop", at(clock, 3), people=[MARIA], organizer=ME))
    assert connect(cli, radicale).code == 0
    assert json.loads(cli("calendar", "sync", "--json").out)["proposed"] == 1
    cal.delete()
    done = cli("calendar", "sync", "--json")
    assert done.code == 0 and json.loads(done.out)["errors"] == []
    assert json.loads(cli("calendar", "proposals", "--json").out) == []
    assert json.loads(cli("calendar", "accounts", "--json").out)[0]["calendars"] == []


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An .ics link served over HTTP from a file, as Google's "secret address"."""
    folder = tmp_path / "www"
    folder.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/basic.ics", folder / "basic.ics"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_a_subscription_is_read_only_and_idempotent(served, cli: Cli, open_store, clock: FixedClock) -> None:
    url, path = served
    maria = add_maria(open_store)
    body = vevent("s-1", "Lunch", at(clock, -5), people=[MARIA], organizer=ME)
    future = vevent("s-2", "Call", at(clock, 4), people=[MARIA], organizer=ME)
    path.write_text(
        body.replace("END:VCALENDAR\r\n", "")
        + future.split("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test phone//EN\r\n")[1]
    )
    assert cli("calendar", "subscribe", url.replace("http://", "webcal://")).code == 0
    first = json.loads(cli("calendar", "sync", "--json").out)
    second = json.loads(cli("calendar", "sync", "--json").out)
    assert (first["met_logged"], first["proposed"], first["errors"]) == (1, 1, [])
    assert (second["met_logged"], second["proposed"]) == (0, 0)
    assert len(open_store().touch_points.for_contact(maria)) == 1
    # the meeting disappears from the feed: its proposal goes
    path.write_text(body)
    third = json.loads(cli("calendar", "sync", "--json").out)
    assert third["errors"] == [] and json.loads(cli("calendar", "proposals", "--json").out) == []


def test_a_subscription_link_that_is_down_is_a_status(cli: Cli) -> None:
    assert cli("calendar", "subscribe", "http://127.0.0.1:9/nothing.ics").code == 0
    done = cli("calendar", "sync", "--json")
    assert done.code == 1 and "cannot be reached" in json.loads(done.out)["errors"][0]


def test_an_address_that_is_not_one_is_refused(cli: Cli) -> None:
    done = cli("calendar", "subscribe", "calendar.example.com/feed")
    assert done.code != 0 and "is not a calendar address" in done.err

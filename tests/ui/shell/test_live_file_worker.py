"""The live calendar file is written on the worker as soon as a change is
published (ui/shell/data_io.py), never on the GUI thread, and a change made
while it is being written still reaches the file."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from followup.calendar import live_file
from followup.changes import Changes
from followup.domain import Contact
from followup.planning.model import FollowUp, Source
from followup.preferences import Preferences
from followup.store import Store
from ui.shell.window import MainWindow


def test_the_live_file_is_written_on_the_worker_and_catches_up_with_changes_made_meanwhile(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, tmp_path: Path, monkeypatch
) -> None:
    # GIVEN a live calendar file set, and a watch on the threads that write it
    target = tmp_path / "sync.ics"
    live_file.set_live_path(store, target)
    cid = store.contacts.add(Contact("Ana Lima"))
    writers: list[threading.Thread] = []
    real = live_file.refresh

    def watched(s: Store, prefs: Preferences | None = None) -> Path | None:
        writers.append(threading.current_thread())
        return real(s, prefs)

    monkeypatch.setattr(live_file, "refresh", watched)
    soon = store.clock.now() + timedelta(days=1)
    # WHEN a follow-up is added and published, and a second one right after (while the first write may run)
    store.follow_ups.add(FollowUp(cid, "First follow-up", Source.MANUAL, soon))
    window.hub.publish(Changes(follow_ups=True))
    qtbot.waitUntil(lambda: bool(writers), timeout=5_000)
    store.follow_ups.add(FollowUp(cid, "Second follow-up", Source.MANUAL, soon))
    window.hub.publish(Changes(follow_ups=True))
    # THEN the file ends up with both, every write was made off the GUI thread
    qtbot.waitUntil(lambda: not window.io.live_file_pending, timeout=10_000)
    text = target.read_text(encoding="utf-8")
    assert "First follow-up" in text and "Second follow-up" in text
    assert writers and threading.main_thread() not in writers

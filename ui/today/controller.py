"""Acting on follow-ups from the Today view (and anywhere else that shows them)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from followup.changes import Changes
from followup.engine import follow_ups as engine
from followup.engine import today_filter
from followup.engine.follow_ups import TodayBuckets
from followup.planning.model import FollowUp
from followup.preferences import Preferences
from followup.store import Store
from ui.ops.jobs import TaskRunner
from ui.ops.operations import run
from ui.ops.shell import Shell
from ui.ops.worker_write import write_on_worker
from ui.today.filter_bar import TodayFilterBar
from ui.today.model import TodayModel
from ui.today.view import TodayView
from ui.today.when import longest_when_text, when_text
from ui.widgets.plain_text import plain_message
from ui.widgets.when_text import datetime_text

log = logging.getLogger(__name__)

# Contacts below which Today is read in place: at 10,000 contacts it takes
# ~9 ms, at 1,000 well under one; above, a thread hop costs less than the read.
IN_PLACE_BELOW = 1_000
# Its first read (the window's first frame on Today, or the first switch to
# it) is in place up to more: that frame shows the list, not "Reading what is
# due…" and a second paint once the worker answers (at a start on Today at
# 10,000 contacts, the list painted 14 ms sooner, 34 ms less CPU).
FIRST_IN_PLACE_BELOW = 20_000


class TodayController(QObject):
    """Today's data follows ``hub.changed``: refreshed at once while it shows,
    else marked stale and refreshed when it is next shown.

    With many contacts Today is read on the worker (40–54 ms at 100,000
    contacts, 31,000 overdue: three frames on the GUI thread at every switch
    to Today after a change); the newest request's buckets are shown, an older
    one that arrives late is dropped. A small address book is read in place,
    as the contacts list is."""

    shown = Signal()  # a read is shown (or said to have failed)

    def __init__(self, view: TodayView, shell: Shell) -> None:
        super().__init__(view)
        self.shell = shell
        self.store = shell.store
        self.clock = shell.clock
        self.hub = shell.hub
        self.view = view
        self.model: TodayModel = view.model
        self.stale = True
        self._request = self._shown = 0  # the newest refresh, and the one shown: an older one's buckets are dropped
        self._tasks = TaskRunner(shell.store.path, shell.clock, self)
        self._telling = False  # the hub is being told what Today's own read wrote
        self.in_place_below = IN_PLACE_BELOW
        self.first_in_place_below = FIRST_IN_PLACE_BELOW
        self.hub.changed.connect(self._on_changed)
        view.done_requested.connect(self.done)
        view.snooze_requested.connect(self.snooze)
        view.reschedule_requested.connect(self.reschedule)
        view.skip_requested.connect(self.skip)
        self.filter_bar = _filter_bar(view, shell)  # Today by kind or channel, remembered
        self._empty_text = view.empty.text()
        self.filter_bar.changed.connect(self._on_filter_bar_changed)
        from ui.today.bulk import TodayBulk

        self.bulk = TodayBulk(view, shell)  # several selected: the buttons act on all of them

    @property
    def window(self) -> QWidget:
        """The parent of Today's dialogs."""
        return self.shell.dialog_parent()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.store.settings.user_zone())

    def _on_changed(self, changes: Changes) -> None:
        if not changes.due or self._telling:
            return
        self.stale = True
        if self.view.isVisibleTo(self.view.window()):
            self.refresh()

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        """Read Today again: in place when the address book is small, else on
        the worker (``busy()`` until its buckets are shown)."""
        self.stale = False
        self._request += 1
        request = self._request
        wanted = self.filter_bar.value()
        if not self.store.contacts.at_least(self.first_in_place_below if self._shown == 0 else self.in_place_below):
            self._show(Read(today_filter.today(self.store, wanted), None, None))
            return
        if self._shown == 0:  # nothing read yet: not "Nothing is due" while it is being read
            self.view.summary.setText("")
            self.view.empty.setText("<h3>Reading what is due…</h3>")
            self.view.stack.setCurrentWidget(self.view.empty)  # not three empty sections
        tz = self.tz
        self._tasks.run(
            lambda store: read_today(store, wanted, tz),
            lambda read: self._on_read(request, read),
            lambda message: self._on_failed(request, message),
        )

    def busy(self) -> bool:
        """A refresh is being read on the worker: what shows may be older."""
        return self._shown != self._request

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker is idle (tests, closing)."""
        return self._tasks.wait(msecs)

    def _on_read(self, request: int, read: Read) -> None:
        if read.wrote:  # nudges and dates that came due, opened as it read: a write of this window's
            self._telling = True  # (Today has just read them)
            try:
                self.hub.publish(Changes(follow_ups=True))
            finally:
                self._telling = False
        if request == self._request:
            self._show(read)

    def _on_failed(self, request: int, message: str) -> None:
        if request != self._request:
            return
        self._shown = request
        self.stale = True  # the next switch to Today tries again
        log.warning("Today could not be read: %s", message)
        self.view.summary.setText(f"Today could not be read: {message}")
        self.shown.emit()

    def _show(self, read: Read) -> None:
        try:
            self._show_rows(read)
        finally:
            self.shown.emit()

    def _show_rows(self, read: Read) -> None:
        self._shown = self._request
        current = self.view.current()
        self.model.set_buckets(read.buckets, at=read.at, longest=read.longest, whens=read.whens)
        self.view.empty.setText(self.filter_bar.empty_text(self._empty_text))
        still = self.view.current()
        if current is not None and still is not None and still.id == current.id:
            return  # updated in place: the same row is still current
        # (found among the rows' follow-ups, not by asking the model for each row's index: ~3 ms at 900)
        if current is not None and (index := self.model.index_of(current.id)).isValid():
            self.view.tree.setCurrentIndex(index)
            return
        self.view.select_first()

    def _on_filter_bar_changed(self, wanted: today_filter.TodayFilter) -> None:
        kind, channel = wanted.kind.value if wanted.kind else None, wanted.channel.value if wanted.channel else None
        remembered = {"today_kind": kind, "today_channel": channel}
        run(self.hub, self.window, "Today's filter", lambda: Preferences.save(self.store, remembered), Changes())
        self.refresh()

    def _changes(self, fu: FollowUp, **touched: bool) -> Changes:
        # its contact's page and Today: no follow-up shows in the contacts list's row
        return Changes(follow_ups=True, contact_ids=frozenset({fu.contact_id}), **touched)

    def _after(self, fu: FollowUp, message: str) -> None:
        assert fu.id is not None
        # The next row made current first, as Qt would: removing the current
        # row made the view lay every row out twice (~5 ms each at 900 rows).
        current = self.view.tree.currentIndex()
        if (shown := self.model.follow_up(current)) is not None and shown.id == fu.id:
            parent, row = current.parent(), current.row()
            step = row + 1 if row + 1 < self.model.rowCount(parent) else row - 1
            if step >= 0:
                self.view.tree.setCurrentIndex(self.model.index(step, 0, parent))
        self.model.remove(fu.id)
        if self.view.current() is None:
            self.view.select_first()
        if message:
            self.shell.show_status(message)

    def _writing(self, fu: FollowUp | None) -> None:
        """A write about to be queued on the worker (``write_on_worker``):
        ``fu``'s row goes at once (None: it stays until Today is read again);
        a Today read already under way is not shown (it would bring it back),
        the hub's refresh after the write is."""
        if fu is not None:
            self._after(fu, "")
        self._request += 1

    def done(self, fu: FollowUp) -> None:
        if self.bulk.many():
            return self.bulk.done()
        from ui.today.follow_up_dialogs import DoneDialog

        dialog = DoneDialog(fu, self.clock.now(), self.tz, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        fu_id, touch_point = fu.id, dialog.touch_point()
        assert fu_id is not None

        def complete(store: Store) -> tuple[engine.Snapshot, int | None]:
            before = engine.snapshot(store, fu_id)
            return before, engine.complete(store, fu_id, touch_point)

        def said(result: tuple[engine.Snapshot, int | None]) -> None:
            before, tp_id = result
            logged = " and logged" if tp_id is not None else ""
            self._confirm(f"Done{logged}: {fu.title}.", f"done “{fu.title}”", before, tp_id)

        self._writing(fu)
        # logging may have kept other promises too: the change refreshes all of Today
        write_on_worker(
            self.shell, "Done", complete, lambda r: self._changes(fu, touch_points=r[1] is not None), said, self.refresh
        )

    def snooze(self, fu: FollowUp, choice: str) -> None:
        if self.bulk.many():
            return self.bulk.snooze(choice)
        fu_id = fu.id
        assert fu_id is not None
        now = self.clock.now()
        chosen: datetime | None = None
        if choice == "pick":
            from ui.widgets.datetime_edit import PickTimeDialog

            # the later of now and the due time: a snooze never brings anything forward
            due = self.store.follow_ups.due_instant(fu_id)
            initial = engine.pick_time_default(now, Preferences.load(self.store), due=due)
            prompt = f"Remind me again about “{fu.title}” at:"
            dialog = PickTimeDialog("Snooze", prompt, initial, self.tz, self.window, now=self.clock.now)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            chosen = dialog.value()
            if chosen < due:  # said here in the window's words (the core's names the id and the CLI)
                plain_message(self.window, "Snooze", snooze_earlier_text(fu.title, due, self.tz))
                return

        def snooze(store: Store) -> tuple[engine.Snapshot, datetime]:
            # a preset counts from the later of now and the due time, read with the write
            due = store.follow_ups.due_instant(fu_id)
            until = chosen or engine.snooze_presets(now, Preferences.load(store), due=due)[choice]
            before = engine.snapshot(store, fu_id)
            engine.snooze(store, fu_id, until)
            return before, until

        def said(result: tuple[engine.Snapshot, datetime]) -> None:
            before, until = result
            when = datetime_text(until, self.tz, year=False)
            self._confirm(f"Snoozed until {when}: {fu.title}.", f"snooze “{fu.title}”", before)

        self._writing(fu)
        write_on_worker(self.shell, "Snooze", snooze, self._changes(fu), said, self.refresh)

    def reschedule(self, fu: FollowUp) -> None:
        if self.bulk.many():
            return self.bulk.reschedule()
        assert fu.id is not None
        from ui.widgets.datetime_edit import PickTimeDialog

        initial = fu.due or self.clock.now()
        dialog = PickTimeDialog(
            "Reschedule", f"New due time for “{fu.title}”:", initial, self.tz, self.window, now=self.clock.now
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        fu_id, when = fu.id, dialog.value()

        def reschedule(store: Store) -> engine.Snapshot:
            before = engine.snapshot(store, fu_id)
            engine.reschedule(store, fu_id, when)
            return before

        def said(before: engine.Snapshot) -> None:
            text = f"Now due {datetime_text(when, self.tz, year=False)}: {fu.title}."
            self._confirm(text, f"reschedule “{fu.title}”", before)

        self._writing(None)  # it may well stay in Today: moved when Today is read again
        write_on_worker(self.shell, "Reschedule", reschedule, self._changes(fu), said, self.refresh)

    def skip(self, fu: FollowUp) -> None:
        if self.bulk.many():
            return self.bulk.skip()
        fu_id = fu.id
        assert fu_id is not None

        def skip(store: Store) -> engine.Snapshot:
            before = engine.snapshot(store, fu_id)
            engine.skip(store, fu_id)
            return before

        self._writing(fu)
        write_on_worker(
            self.shell,
            "Skip",
            skip,
            self._changes(fu),
            lambda before: self._confirm(f"Skipped: {fu.title}.", f"skip “{fu.title}”", before),
            self.refresh,
        )

    def _confirm(self, message: str, undo_text: str, before: engine.Snapshot, tp_id: int | None = None) -> None:
        """Say what was done in the status bar, and make it undoable (Ctrl+Z)."""

        def undo() -> str:
            engine.restore(self.store, before, logged_touch_point=tp_id)
            self.hub.publish(Changes.for_contact(before.follow_up.contact_id, follow_ups=True, touch_points=True))
            return f"“{before.follow_up.title}” is as it was."

        self.shell.offer_undo(undo_text, undo)
        self.shell.show_status(message + " Ctrl+Z undoes it.", 10000)


class Read(NamedTuple):
    """Today's buckets as read, as of ``at``, with their longest When text
    and each one's When text by id (None: worked out when shown)."""

    buckets: TodayBuckets
    at: datetime | None
    longest: str | None
    whens: dict[int, str] | None = None
    wrote: bool = False  # nudges or dates came due and were opened


def read_today(store: Store, wanted: today_filter.TodayFilter, tz: ZoneInfo) -> Read:
    """On the worker: the buckets, and what the When column needs from all of
    them (each text: only the Whens whose text moved on are repainted); and
    whether reading opened nudges or dates that came due (a write the window
    is told of: else the hub, seeing another connection's commit, would
    report a change from elsewhere, and every view would be read again)."""
    at = store.clock.now()
    written = store.conn.total_changes
    buckets = today_filter.today(store, wanted)
    sections = (buckets.overdue, buckets.today, buckets.this_week)
    whens = {fu.id: when_text(fu, at, tz) for section in sections for fu in section if fu.id is not None}
    return Read(buckets, at, longest_when_text(sections, at, tz), whens, store.conn.total_changes != written)


def _filter_bar(view: TodayView, shell: Shell) -> TodayFilterBar:
    """The kind and channel lists beside Today's title, as last chosen."""
    from followup.domain import Channel, Kind
    from followup.settings_table import stored

    values = stored(shell.store.settings.get)
    kind, channel = values["today_kind"], values["today_channel"]
    bar = TodayFilterBar(today_filter.TodayFilter(Kind(kind) if kind else None, Channel(channel) if channel else None))
    view.add_head_widget(bar)
    return bar


def snooze_earlier_text(title: str, due: datetime, tz: ZoneInfo) -> str:
    return (
        f"“{title}” is not due until {datetime_text(due, tz)}: a snooze never brings it forward. "
        "To make it due earlier, reschedule it (Reschedule…, R)."
    )

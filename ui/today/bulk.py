"""Working on many follow-ups at once in Today (issue 15): with several
selected (Shift/Ctrl+click, Ctrl+A), Done, Snooze, Reschedule and Skip act on
all of them in one write, undone by one Ctrl+Z; and the overdue tidy, offered
by a banner when stay-in-touch nudges have piled up (after an import), snoozes
what has been overdue for long in two clicks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from followup.changes import Changes
from followup.engine import bulk_follow_ups as bulk
from followup.engine import follow_ups as engine
from followup.engine.bulk_follow_ups import BulkFollowUps, Tidy
from followup.planning.model import FollowUp
from followup.preferences import Preferences
from followup.store import Store
from ui.ops.jobs import ProgressJob, TaskRunner
from ui.ops.long_write import write_in_background
from ui.ops.operations import Failed, run
from ui.ops.shell import Shell
from ui.style import theme
from ui.today.view import TodayView
from ui.widgets.plain_text import plain_message

# What a bulk write touched: follow-ups, of any contact.
_ANY = Changes(follow_ups=True)
# The banner offers the tidy from this many old nudges (a few are just life).
TIDY_FROM = 10
# From this many follow-ups a write (and its undo) runs on the worker with
# progress and Cancel; fewer take under a frame on the window's connection.
IN_BACKGROUND_FROM = 1_000
# From this many contacts the Tidy dialog counts each choice on the worker (~50 ms at 100,000).
COUNT_IN_PLACE_BELOW = 10_000
_DOING = {"Done": "Marking done", "Skip": "Skipping", "Snooze": "Snoozing", "Reschedule": "Rescheduling"}


class TidyBanner(QWidget):
    """ "2,000 stay-in-touch nudges have been overdue for more than 90 days. [Tidy overdue…]"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tidyBanner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton("&Tidy overdue…")
        self.button.setObjectName("tidyButton")
        self.button.setToolTip("Snooze what has been overdue for long, in one go (Ctrl+Z undoes it)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.SPACING, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setStyleSheet(
            f"#tidyBanner {{ border: 1px solid {theme.DRIFTING}; border-radius: 4px;"
            " background: rgba(199, 119, 0, 0.10); }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # a plain QWidget paints no style sheet
        self.hide()


class TodayBulk(QObject):
    def __init__(self, view: TodayView, shell: Shell) -> None:
        super().__init__(view)
        self.view, self.shell = view, shell
        self.tree = view.tree
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.selectionModel().selectionChanged.connect(self._update_buttons)
        view.model.rows_changed.connect(self._on_rows_changed)
        self._tasks = TaskRunner(shell.store.path, shell.clock, self)
        self._counts_asked = self._counts_shown = 0
        self.count_in_place_below = COUNT_IN_PLACE_BELOW
        self.banner = TidyBanner()
        self.banner.button.clicked.connect(self.tidy)
        view.add_banner(self.banner)
        self._labels = {
            b: b.text()
            for b in (view.done_button, view.snooze_button, view.reschedule_button, view.skip_button)
        }  # fmt: skip

    # -- the selection -------------------------------------------------------------

    def selected(self) -> list[FollowUp]:
        found = (self.view.model.follow_up(i) for i in self.tree.selectionModel().selectedRows())
        return [fu for fu in found if fu is not None]

    def many(self) -> bool:
        """Whether the buttons act on a selection (more than one follow-up)."""
        return len(self.selected()) > 1

    def _update_buttons(self, *_args: object) -> None:
        n = len(self.selected())
        for button, text in self._labels.items():
            if n > 1:
                button.setText(text.replace("…", "") + f" ({n:,})")
                button.setEnabled(True)
            else:
                button.setText(text)

    def _on_rows_changed(self) -> None:
        self._update_buttons()
        # Counted on the worker (~40 ms at 100,000 contacts with 30,000 overdue:
        # more than a frame); the newest count wins.
        self._counts_asked += 1
        asked = self._counts_asked
        self._tasks.run(
            lambda store: bulk.count_tidy(store, Tidy()),
            lambda old: self._show_banner(old, asked),
            lambda _message: self._show_banner(None, asked),  # busy elsewhere: as it was, until the next refresh
        )

    @property
    def banner_counted(self) -> bool:
        """Whether the banner shows the newest count (for tests)."""
        return self._counts_shown == self._counts_asked

    def _show_banner(self, old: int | None, asked: int) -> None:
        if asked != self._counts_asked:
            return  # a newer count is on its way
        self._counts_shown = asked
        if old is None:
            return
        self.banner.setVisible(old >= TIDY_FROM)
        if old >= TIDY_FROM:
            self.banner.text.setText(
                f"<b>{old:,} stay-in-touch nudges</b> have been overdue for more than {Tidy().older_than_days} days."
            )

    # -- acting on the selection ---------------------------------------------------------

    def done(self) -> None:
        items = self.selected()
        self._do("Done", lambda store, ids: bulk.complete(store, ids), items, "mark done")

    def skip(self) -> None:
        items = self.selected()
        self._do("Skip", lambda store, ids: bulk.skip(store, ids), items, "skip")

    def snooze(self, choice: str) -> None:
        items = self.selected()
        now = self.shell.clock.now()
        prefs = Preferences.load(self.shell.store)
        if choice == "pick":
            from ui.widgets.datetime_edit import PickTimeDialog

            prompt = f"Remind me again about these {len(items):,} follow-ups at:"
            dialog = PickTimeDialog(
                "Snooze", prompt, engine.pick_time_default(now, prefs), self.shell.tz, self._parent(),
                now=self.shell.clock.now,
            )  # fmt: skip
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            until = dialog.value()
        else:
            until = engine.snooze_presets(now, prefs)[choice]
        self._do("Snooze", lambda store, ids: bulk.snooze(store, ids, until), items, "snooze", self._when(until))

    def reschedule(self) -> None:
        items = self.selected()
        from ui.widgets.datetime_edit import PickTimeDialog

        dialog = PickTimeDialog(
            "Reschedule", f"New due time for these {len(items):,} follow-ups:",
            engine.pick_time_default(self.shell.clock.now(), Preferences.load(self.shell.store)),
            self.shell.tz, self._parent(), now=self.shell.clock.now,
        )  # fmt: skip
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        when = dialog.value()
        self._do(
            "Reschedule", lambda store, ids: bulk.reschedule(store, ids, when), items, "reschedule",
            self._when(when),
        )  # fmt: skip

    def tidy(self) -> None:
        """Tidy overdue…: the dialog opens pre-filled; one click snoozes."""
        from ui.today.tidy_dialog import TidyDialog

        store = self.shell.store
        counted: dict[Tidy, int] = {}  # what the dialog showed: not counted again (~50 ms at 100,000 contacts)

        def count(tidy: Tidy) -> int:
            counted[tidy] = bulk.count_tidy(store, tidy)
            return counted[tidy]

        def count_later(tidy: Tidy, then: Callable[[int | str], None]) -> None:
            def done(n: int) -> None:
                counted[tidy] = n
                then(n)

            self._tasks.run(lambda own: bulk.count_tidy(own, tidy), done, then)

        later = count_later if store.contacts.at_least(self.count_in_place_below) else None
        dialog = TidyDialog(count, self._parent(), count_later=later)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.tidy()
        n = counted.get(chosen)  # not counted (a dialog that counted nothing): the worker's, to be safe

        def said(result: tuple[BulkFollowUps, datetime]) -> None:
            done, until = result
            self._offer_undo(done, f"tidy ({len(done.changed):,} snoozed)", self._when(until))

        if n is None or n >= IN_BACKGROUND_FROM:
            write_in_background(
                self.shell, "Tidy overdue", "Snoozing what has been overdue for long…",
                lambda own: bulk.tidy_overdue(own, chosen), _ANY, then=said,
            )  # fmt: skip
            return
        result = run(self.shell.hub, self._parent(), "Tidy overdue", lambda: bulk.tidy_overdue(store, chosen), _ANY)
        if not isinstance(result, Failed):
            said(result)

    # -- helpers -------------------------------------------------------------------------

    def _do(
        self,
        title: str,
        write: Callable[[Store, list[int]], BulkFollowUps],
        items: list[FollowUp],
        verb: str,
        when: str = "",
    ) -> None:
        if not items:
            plain_message(self._parent(), title, "Select one or more follow-ups first.")
            return
        ids = [fu.id for fu in items if fu.id is not None]

        def said(result: BulkFollowUps) -> None:
            n = len(result.changed)
            self._offer_undo(result, f"{verb} {n:,} follow-up{'s' * (n != 1)}", when)

        if len(ids) >= IN_BACKGROUND_FROM:
            label = f"{_DOING.get(title, title)} {len(ids):,} follow-ups…"
            write_in_background(self.shell, title, label, lambda own: write(own, ids), _ANY, then=said)
            return
        result = run(self.shell.hub, self._parent(), title, lambda: write(self.shell.store, ids), _ANY)
        if not isinstance(result, Failed):
            said(result)

    def _offer_undo(self, done: BulkFollowUps, undo_text: str, when: str) -> None:
        store, hub, shell = self.shell.store, self.shell.hub, self.shell

        def undo_now() -> str:
            bulk.undo(store, done)
            hub.publish(_ANY)
            return ""

        def undo_later() -> ProgressJob:
            return write_in_background(
                shell, f"Undo {undo_text}", f"Undoing: putting back {len(done.changed):,} follow-ups…",
                lambda own: bulk.undo(own, done), _ANY,
                then=lambda _r: shell.show_status(f"Undid {undo_text}.", 8000),
                on_stopped=lambda: shell.offer_undo(undo_text, undo_later),
            )  # fmt: skip

        if done.changed:
            shell.offer_undo(undo_text, undo_later if len(done.changed) >= IN_BACKGROUND_FROM else undo_now)
        shell.show_status(bulk.describe(done, when) + (" Ctrl+Z undoes it." if done.changed else ""), 10_000)

    def _when(self, instant: datetime) -> str:
        return f"{instant.astimezone(self.shell.tz):%a %d %b %H:%M}"

    def _parent(self) -> QWidget:
        return self.shell.dialog_parent()

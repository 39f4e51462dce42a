"""Every tag in use, read on the worker while a big selection stands, for
the Tag dialog's list.

Reading them is a scan of every contact's tags (18 ms at 100,000 contacts,
216,000 tags, on the GUI thread): with thousands of contacts selected the
Tag dialog then opened a frame late, on top of reading the selection. Once
a selection of ``FROM`` contacts or more shows, they are read on the worker
and kept until a write touches contacts (the hub says so, for this window's
writes and those of other processes); without them, the dialog reads them
in place, as before. Tag chosen while they are being read (Ctrl+A then Tag
at once) opens the dialog when they arrive: read in place meanwhile, they
took the action's first frame (62 ms at 100,000, with the selection).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from followup.changes import Changes
from ui.ops import jobs
from ui.ops.shell import Shell


class KnownTags(QObject):
    def __init__(self, shell: Shell, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._tags: list[str] | None = None
        self._generation = 0  # moves on at every change: a read begun before it is dropped
        self._reading: jobs.ProgressJob | None = None
        self._waiting: Callable[[list[str]], object] | None = None  # called with them once read
        shell.hub.changed.connect(self._on_changed)

    def read_ahead(self) -> None:
        """Read them on the worker, unless they are known or being read."""
        if self._tags is not None or self._reading is not None:
            return
        generation = self._generation
        job = jobs.ProgressJob.with_store(
            self.shell.store.path, self.shell.clock, lambda own, _p, _c: own.contacts.all_tags(), what="reading tags"
        )
        job.setAutoDelete(False)
        self._reading = job
        job.signals.finished.connect(lambda tags: self._read(generation, tags))
        job.signals.failed.connect(lambda _message: self._read(-1, None))
        jobs.start(job)

    def tags(self) -> list[str]:
        """Every tag, as ``store.contacts.all_tags()`` says: known, or read now."""
        return list(self._tags) if self._tags is not None else self.shell.store.contacts.all_tags()

    def when_known(self, then: Callable[[list[str]], object]) -> None:
        """``then(tags())``: at once, or once the read under way has arrived
        (a second request meanwhile is dropped)."""
        if self._tags is None and self._reading is not None:
            if self._waiting is None:
                self._waiting = then
            return
        then(self.tags())

    def _read(self, generation: int, tags: list[str] | None) -> None:
        self._reading = None
        if generation == self._generation:
            self._tags = tags
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting(self.tags())  # read in place only if that read failed or a change made it stale

    def _on_changed(self, changes: Changes) -> None:
        if changes.contacts or changes.external:
            self._tags = None
            self._generation += 1

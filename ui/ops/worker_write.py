"""``write_on_worker``: a quick write made on the one executor, not on the GUI
thread (issue 16: acting on a Today item at 100,000 contacts took 50–140 ms of
the GUI thread, the write and its bookkeeping in it).

The caller shows what the user did at once (the row goes); the write runs on
the worker's own connection, behind whatever the executor is doing (in
order: a read started after it sees it); when it has run, the hub is told
what it touched and ``then(result)`` says what was done. A ``FollowupError``
is shown as ``ops.run`` shows it (a warning titled with what was being done)
and ``on_failed`` puts back what was shown. No progress dialog: for a write
long enough to want one, ``ui/ops/long_write.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from followup.changes import Changes
from followup.store import Store
from ui.ops import jobs, pending
from ui.ops.operations import Touched
from ui.ops.shell import Shell
from ui.widgets.plain_text import plain_message

T = TypeVar("T")
_running: set[jobs.ProgressJob] = set()  # kept alive until they report


def write_on_worker(
    shell: Shell,
    title: str,
    work: Callable[[Store], T],
    changes: Touched[T],
    then: Callable[[T], object] | None = None,
    on_failed: Callable[[], object] | None = None,
) -> jobs.ProgressJob:
    """Queue ``work(store)`` on the executor; tell the hub and ``then`` once it has run."""
    job = jobs.ProgressJob.with_store(shell.store.path, shell.clock, lambda store, _p, _c: work(store), what=title)
    job.setAutoDelete(False)
    _running.add(job)

    def finished(result: Any) -> None:
        _running.discard(job)
        shell.hub.publish(changes if isinstance(changes, Changes) else changes(result))
        if then is not None:
            then(result)

    def failed(message: str) -> None:
        _running.discard(job)
        plain_message(shell.dialog_parent(), title, message)
        if on_failed is not None:
            on_failed()

    job.signals.finished.connect(pending.then_changed(finished))
    job.signals.failed.connect(pending.then_changed(failed))
    pending.changed()
    jobs.start(job)
    return job


def writing() -> bool:
    """Whether such a write is still to report (tests, closing)."""
    return bool(_running)

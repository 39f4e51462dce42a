"""A test that hangs stops the run within minutes and says which test it was.

CI gives the whole run 90 minutes and shows only the end of what it printed.
Once (stop 33) a test waited for ever: the run used all 90 minutes, and the
stacks that faulthandler printed had scrolled the test's name away. So a test
still running after ``HANG_S`` seconds (setup, call and teardown together)
prints every thread's stack, then its own name last, and ends the run.

A modal dialog or menu nobody answers is closed sooner, and only its test
fails: in a test that runs Qt, what still waits ``STUCK_S`` after the test
began is closed and named (tests/unanswered.py).
"""

from __future__ import annotations

import faulthandler
import os
import sys
import threading
from collections.abc import Iterator

import pytest

HANG_S = float(os.environ.get("FOLLOWUP_TEST_HANG_S", "300"))
STUCK_S = float(os.environ.get("FOLLOWUP_TEST_STUCK_S", "60"))
_out: list[int] = []  # stderr as pytest found it (captured output never reaches CI's log)


def pytest_configure(config: pytest.Config) -> None:
    try:
        fileno = sys.stderr.fileno()
    except (AttributeError, ValueError):
        assert sys.__stderr__ is not None
        fileno = sys.__stderr__.fileno()
    _out.append(os.dup(fileno))


def pytest_unconfigure(config: pytest.Config) -> None:
    while _out:
        os.close(_out.pop())


def _hung(nodeid: str) -> None:
    fd = _out[0]
    faulthandler.dump_traceback(fd, all_threads=True)
    os.write(
        fd,
        f"\nHUNG: {nodeid} was still running after {HANG_S:.0f} s (every thread's stack above); the run stops here\n".encode(),
    )
    os._exit(3)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    timer = threading.Timer(HANG_S, _hung, args=(item.nodeid,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


@pytest.fixture(autouse=True)
def _nothing_waits_for_an_answer(request: pytest.FixtureRequest) -> Iterator[None]:
    if "qapp" not in request.fixturenames:  # (no Qt in this test)
        yield
        return
    request.getfixturevalue("qapp")
    from unanswered import Unanswered

    unanswered = Unanswered(STUCK_S)
    yield
    unanswered.stop()
    if unanswered.closed:
        pytest.fail(
            f"still waiting for an answer {STUCK_S:.0f} s into the test, closed: {', '.join(unanswered.closed)}"
        )

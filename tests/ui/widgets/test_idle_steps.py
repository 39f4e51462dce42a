"""Work done a step a turn while the user is idle (ui/widgets/idle_steps.py),
which the contact page, Insights and the dialogs' warm-up share: nothing runs
while the user types, one step a turn once they pause; ``hurry`` goes on
whatever they do and leaves the warm-ups out, ``run_needed`` does the needed
rest at once, ``paused`` holds everything."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from ui.widgets.idle_steps import IdleSteps


@pytest.fixture
def parent(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _steps(parent: QWidget, done: list[str], held: list[bool] | None = None) -> IdleSteps:
    class Held(IdleSteps):
        def paused(self) -> bool:
            return bool(held and held[0])

    steps = Held(parent, "testSteps")
    steps.set_steps(
        [
            ("make a", lambda: done.append("a"), True),
            ("warm up", lambda: done.append("warm"), False),
            ("make b", lambda: done.append("b"), True),
        ]
    )
    return steps


def test_a_step_a_turn_and_only_while_the_user_is_idle(parent, idle) -> None:  # type: ignore[no-untyped-def]
    done: list[str] = []
    steps = _steps(parent, done)
    steps.start()
    assert steps.waiting()
    # WHILE the user types THEN nothing runs, and it looks again a little later
    steps.step()
    assert done == [] and steps.timer.interval() == IdleSteps.RETRY_MS
    # WHEN the user pauses THEN a step a turn, warm-ups included, each one's CPU kept
    idle[0] = IdleSteps.IDLE_S
    steps.step()
    assert done == ["a"] and steps.timer.isActive() and steps.timer.interval() == 0
    steps.step()
    steps.timer.stop()
    steps.step()
    assert done == ["a", "warm", "b"] and steps.done()
    assert not steps.waiting()  # nothing left: no next turn
    assert [name for name, _cpu in steps.slices] == ["make a", "warm up", "make b"]
    assert all(cpu >= 0 for _name, cpu in steps.slices)


def test_hurried_it_goes_on_while_the_user_types_without_the_warm_ups(parent, idle) -> None:  # type: ignore[no-untyped-def]
    done: list[str] = []
    steps = _steps(parent, done)
    steps.hurry()
    for _ in range(3):
        steps.step()
    assert done == ["a", "b"] and steps.done()


def test_the_needed_rest_at_once_without_the_warm_ups(parent, idle) -> None:  # type: ignore[no-untyped-def]
    done: list[str] = []
    steps = _steps(parent, done)
    idle[0] = IdleSteps.IDLE_S
    steps.start()
    steps.step()  # "make a"
    steps.run_needed()
    assert done == ["a", "b"] and steps.done() and not steps.waiting()


def test_nothing_runs_while_paused(parent, idle) -> None:  # type: ignore[no-untyped-def]
    done: list[str] = []
    held = [True]
    steps = _steps(parent, done, held)
    idle[0] = IdleSteps.IDLE_S
    steps.hurry()
    steps.step()
    assert done == [] and not steps.done()
    held[0] = False
    steps.step()
    assert done == ["a"]

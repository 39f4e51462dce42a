"""Two launches at the same moment: exactly one runs, the other asks it to
come forward and exits (real processes, the real app offscreen, many times)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from safety_procs import REPO_ROOT, env

TRIALS = 8
DEADLINE_S = 60.0  # a bound for a hung launch, never a measure of speed

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")]


# The real app, started by main() as ``python main.py`` does, once both
# launches have loaded Python and Qt: they reach the single-instance check at
# the same moment (a start from a launcher, double-clicked twice).
LAUNCH = """
import sys, time
from pathlib import Path
import main
import ui.app, ui.shell.single_instance, followup.cli.parser
go = Path(sys.argv[2])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.0005)
sys.exit(main.main(["--data-dir", sys.argv[1]]))
"""


def _launch(folder: Path, go: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, str(folder), str(go)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env(), "QT_QPA_PLATFORM": "offscreen"},
        cwd=REPO_ROOT,
    )
    assert proc.stdout.readline().strip() == "ready"  # type: ignore[union-attr]
    return proc


def _wait_for(condition: object, what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def _asked_to_come_forward(log: Path) -> bool:
    return log.exists() and "a second launch asked this window to come forward" in log.read_text()


def test_two_launches_at_the_same_moment_make_one_window(tmp_path: Path) -> None:
    for trial in range(TRIALS):
        folder = tmp_path / f"data-{trial}"
        # GIVEN no Followup running; WHEN two launches start at the same moment
        go = tmp_path / f"go-{trial}"
        procs = [_launch(folder, go), _launch(folder, go)]
        go.touch()
        try:
            # THEN one of them exits, saying the other runs, and the other keeps running
            _wait_for(lambda ps=procs: any(p.poll() is not None for p in ps), f"trial {trial}: both kept running")
            [loser] = [p for p in procs if p.poll() is not None]
            [winner] = [p for p in procs if p is not loser]
            _, loser_err = loser.communicate(timeout=DEADLINE_S)
            assert loser.returncode == 0, loser_err
            assert "already running" in loser_err
            assert winner.poll() is None
            # AND the one running was asked to come forward
            log = folder / "followup.log"
            _wait_for(
                lambda log=log: _asked_to_come_forward(log),
                f"trial {trial}: the running one was never asked to come forward",
            )
        finally:
            ends = [_end(p) for p in procs]
        # AND SIGTERM ended the one running cleanly (in CI one came in the middle
        # of its Python code, and its error's box held it up: tests/safety/test_sigterm_mid_code.py)
        for returncode, err in ends:
            assert returncode == 0, err
            assert "unexpected error" not in err


def _end(proc: subprocess.Popen[str]) -> tuple[int, str]:
    """SIGTERM, as a logout sends; killed if it has not ended by the deadline
    (never left running into the next test), and then said so."""
    if proc.poll() is None:
        proc.terminate()
    try:
        _, err = proc.communicate(timeout=DEADLINE_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        return -1, f"still running {DEADLINE_S:.0f} s after SIGTERM; its stderr: {err}"
    return proc.returncode, err

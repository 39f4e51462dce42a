"""The test run's hang guard (tests/hang_guard.py), run on tests that hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _run(tmp_path: Path, body: str, hang_s: str, stuck_s: str = "60") -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_it.py").write_text(body)
    env = {**os.environ, "FOLLOWUP_TEST_HANG_S": hang_s, "FOLLOWUP_TEST_STUCK_S": stuck_s, "PYTHONPATH": str(TESTS)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "hang_guard", "test_it.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_test_that_hangs_ends_the_run_with_its_name_last(tmp_path: Path) -> None:
    # GIVEN a test that would wait for ever, its output captured as pytest does, and a guard of 1 s
    body = "import threading\n\ndef test_waits_for_ever():\n    print('captured')\n    threading.Event().wait()\n"
    # WHEN the run is made
    done = _run(tmp_path, body, "1")
    # THEN it ended, failed, with the stuck line in the stacks and the test's name on the last line
    assert done.returncode == 3
    assert "in test_waits_for_ever" in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("HUNG: test_it.py::test_waits_for_ever was still running after 1 s")


def test_tests_that_end_in_time_are_left_alone(tmp_path: Path) -> None:
    # GIVEN two tests of half a second each, under a guard of 1 s for each test (not the run)
    body = "import time\n\ndef test_one():\n    time.sleep(0.5)\n\ndef test_two():\n    time.sleep(0.5)\n"
    # WHEN the run is made THEN both passed and nothing was said of a hang
    done = _run(tmp_path, body, "1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
    assert "HUNG" not in done.stdout + done.stderr


def test_a_dialog_nobody_answers_fails_its_test_and_the_run_goes_on(tmp_path: Path) -> None:
    # GIVEN a Qt test whose dialog nobody answers, a test after it, and a net of 1 s
    body = (
        "from PySide6.QtWidgets import QDialog, QWidget\n\n"
        "def test_asks(qtbot):\n"
        "    owner = QWidget()\n    qtbot.addWidget(owner)\n"
        "    dialog = QDialog(owner)\n    dialog.setWindowTitle('Delete Maria?')\n    dialog.exec()\n\n"
        "def test_after(qtbot):\n    assert True\n"
    )
    # WHEN the run is made (the hang guard far off)
    done = _run(tmp_path, body, "100", stuck_s="1")
    # THEN the dialog was closed, the test ran on (passed) and then failed naming it, and the next one ran
    assert done.returncode == 1, done.stdout + done.stderr
    assert "still waiting for an answer 1 s into the test, closed: QDialog 'Delete Maria?'" in done.stdout
    assert "ERROR test_it.py::test_asks" in done.stdout and "2 passed, 1 error" in done.stdout

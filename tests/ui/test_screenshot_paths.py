"""--screenshot: a path it cannot write exits non-zero with one sentence, and an
unexpected error never leaves it hanging (real processes, offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 60


def _run(code: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("FOLLOWUP_DATA_DIR", None)
    script = f"import sys\n{code}\nimport main\nsys.exit(main.main(sys.argv[1:]))\n"
    return subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def test_a_screenshot_into_a_missing_folder_is_one_sentence(tmp_path: Path) -> None:
    result = _run("", "--data-dir", tmp_path / "d", "--screenshot", tmp_path / "no" / "shot.png")
    assert result.returncode != 0
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "no").exists()


def test_a_screenshot_to_a_path_it_cannot_write_exits_non_zero(tmp_path: Path) -> None:
    # GIVEN an output path below a regular file (no folder can be there)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = _run("", "--data-dir", tmp_path / "d", "--screenshot", blocker / "shot.png")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and result.stderr.strip()


def test_a_screenshot_to_standard_output_is_refused(tmp_path: Path) -> None:
    result = _run("", "--data-dir", tmp_path / "d", "--screenshot", "-")
    assert result.returncode != 0 and "file name" in result.stderr


INJECT = """
from PySide6.QtCore import QTimer
import ui.shell.window as mw
_init = mw.MainWindow.__init__
def _boom():
    raise RuntimeError("injected fault")
def _init_then_fail(self, *a, **k):
    _init(self, *a, **k)
    QTimer.singleShot(0, _boom)
mw.MainWindow.__init__ = _init_then_fail
"""


def test_an_unexpected_error_during_a_screenshot_exits_non_zero_instead_of_hanging(tmp_path: Path) -> None:
    # GIVEN a fault injected into the running window's event loop
    # WHEN the app renders a screenshot
    result = _run(INJECT, "--data-dir", tmp_path / "d", "--screenshot", tmp_path / "shot.png")
    # THEN it exits non-zero with the message (a modal error box would wait forever offscreen)
    assert result.returncode != 0
    assert "injected fault" in result.stderr

"""The window removes what a bulk delete kept for its Undo
(followup/store/undo_stash.py): a crashed window's as it starts, its own as
it closes. The real app, in a process of its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from safety_procs import REPO_ROOT, env

from followup.store import undo_stash

DEADLINE_S = 120.0  # a bound for a hung start, never a measure of speed

# This process's own stash made before the window opens (as a delete in it
# would), then the app as ``main.py --quit-on-paint`` runs it.
LAUNCH = """
import json, sys
from pathlib import Path
import main
import ui.app
from followup.store import undo_stash

db, left = Path(sys.argv[1]) / "followup.db", Path(sys.argv[2])
mine = undo_stash.new_path(db)
mine.write_bytes(b"")
seen = {"mine": str(mine)}


class Window(ui.app.MainWindow):  # notes what is there as the window is made
    def __init__(self, *args, **kwargs):
        seen["left_as_the_window_is_made"] = left.exists()
        super().__init__(*args, **kwargs)


ui.app.MainWindow = Window
code = main.main(["--data-dir", sys.argv[1], "--quit-on-paint"])
seen["mine_after"] = mine.exists()
print(json.dumps(seen), flush=True)
sys.exit(code)
"""


def test_the_window_sweeps_stashes_left_and_its_own(tmp_path: Path) -> None:
    # GIVEN a stash left by a window that crashed (a process that has ended)
    db = tmp_path / "followup.db"
    ended = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                               capture_output=True, text=True).stdout)  # fmt: skip
    left = undo_stash.folder(db) / f"delete-{ended}-0.db"
    left.parent.mkdir()
    left.write_bytes(b"")
    # WHEN the app starts, makes a stash of its own, and quits
    out = subprocess.run(
        [sys.executable, "-c", LAUNCH, str(tmp_path), str(left)],
        capture_output=True, text=True, timeout=DEADLINE_S, env={**env(), "QT_QPA_PLATFORM": "offscreen"},
        cwd=REPO_ROOT,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.splitlines()[-1])
    # THEN the one left was gone before the window was made, and its own once it closed; and so is their folder
    assert seen["left_as_the_window_is_made"] is False
    assert Path(seen["mine"]).parent == left.parent
    assert seen["mine_after"] is False
    assert not left.exists() and not left.parent.exists()

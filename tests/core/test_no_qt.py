"""The core never loads Qt: the command line must start fast and run headless."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

IMPORT_ALL = """
import importlib, json, pkgutil, sys
sys.path.insert(0, sys.argv[1])
import followup
names = sorted(m.name for m in pkgutil.walk_packages(followup.__path__, "followup."))
for name in names:
    importlib.import_module(name)
for extra in sys.argv[2:]:
    importlib.import_module(extra)
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(json.dumps({"imported": names, "qt": qt}))
"""

# Modules that exist today: if the walk silently found nothing, the test would pass vacuously.
KNOWN_MODULES = {
    "followup.clock",
    "followup.cli.commands",
    "followup.cli.run",
    "followup.demo",
    "followup.domain",
    "followup.store.contacts",
    "followup.store.migrations",
    "followup.store.store",
    "followup.store.touchpoints",
    "followup.timeutil",
    "followup.validation",
}


def _run(*extra_modules: str) -> dict[str, list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, str(REPO_ROOT), *extra_modules],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_importing_every_core_module_loads_no_qt() -> None:
    # GIVEN a fresh interpreter WHEN every module under followup/ is imported
    report = _run()
    # THEN all the known modules were among them, and no Qt module was loaded
    assert set(report["imported"]) >= KNOWN_MODULES
    assert report["qt"] == []


def test_the_check_would_notice_qt() -> None:
    # GIVEN the same check WHEN something does import Qt THEN it is reported (the test above can fail)
    report = _run("PySide6.QtCore")
    assert "PySide6.QtCore" in report["qt"]
    assert any(m.startswith("shiboken6") for m in report["qt"])


def test_a_cli_command_through_main_loads_no_qt(tmp_path: Path) -> None:
    # GIVEN the real entry point WHEN a command runs THEN it succeeds without loading Qt
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); import main; "
        "rc = main.main(['--data-dir', sys.argv[2], 'contacts', '--json']); "
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; "
        "print(json.dumps({'rc': rc, 'qt': qt}), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(REPO_ROOT), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report == {"rc": 0, "qt": []}
    assert json.loads(result.stdout) == []

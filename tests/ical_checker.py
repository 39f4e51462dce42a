"""The independent .ics checker: ical.js (Mozilla's parser, the one
Thunderbird uses) run with node through tools/ical-check. The calendar and
mail tests read what Followup writes with it (the `ical_check` fixture)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CHECKER = Path(__file__).resolve().parents[1] / "tools" / "ical-check"

IcalCheck = Callable[[list[Path]], list[dict[str, Any]]]


def ical_checker() -> IcalCheck:
    """Parse files with ical.js and return its findings, one dict per file.
    Skips the test when node is not installed; installs ical.js with npm
    when it is missing."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed, so the ical.js checker cannot run (apt-get install nodejs npm)")
    if not (CHECKER / "node_modules" / "ical.js").exists():
        npm = shutil.which("npm")
        assert npm, "node is here but npm is not: cannot install ical.js for the checker"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=CHECKER, check=True, capture_output=True)

    def check(paths: list[Path]) -> list[dict[str, Any]]:
        done = subprocess.run(
            [node, str(CHECKER / "check.mjs"), *map(str, paths)], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    return check


def icaljs_read(path: Path, expression: str) -> Any:
    """What ical.js makes of one vCard or iCalendar file: `expression` is
    JavaScript over `c`, the parsed ICAL.Component, and its value comes back
    through JSON. Skips the test when node or ical.js is missing."""
    node = shutil.which("node")
    if node is None or not (CHECKER / "node_modules" / "ical.js").exists():
        pytest.skip("node or ical.js is not installed (tools/system-deps.sh, npm ci in tools/ical-check)")
    script = (
        "import ICAL from 'ical.js'; import {readFileSync} from 'node:fs';"
        "const c = new ICAL.Component(ICAL.parse(readFileSync(process.argv[1], 'utf8')));"
        f"console.log(JSON.stringify({expression}));"
    )
    done = subprocess.run(
        [node, "--input-type=module", "-e", script, str(path)], cwd=CHECKER, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)

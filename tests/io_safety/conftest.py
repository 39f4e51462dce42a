"""The command line run in-process on a data folder of the test's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from followup.cli import build_parser, run_command
from followup.clock import FixedClock


class Result(NamedTuple):
    code: int
    out: str
    err: str


Cli = Callable[..., Result]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cli(data_dir: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*argv: str) -> Result:
        try:
            args = build_parser().parse_args(["--data-dir", str(data_dir), *argv])
        except SystemExit as usage:  # argparse's own refusal: usage line and one sentence, exit 2
            captured = capsys.readouterr()
            return Result(int(usage.code or 0), captured.out, captured.err)
        code = run_command(args, clock=clock)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run

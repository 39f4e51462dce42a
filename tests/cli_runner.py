"""The command line run in-process, the way every CLI test runs it: the parser
and `run_command` of followup.cli, a data folder of the test's own, the test's
fixed clock, and stdout/stderr captured per call.

One runner for every area (tests/conftest.py makes it the `cli` fixture); what
an area varies is a parameter of the call (`folder`, `clock`, `stdin`) or the
`data_dir` fixture it overrides (its people, its zone), made with
`make_data_dir`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from followup.cli import build_parser, run_command
from followup.clock import Clock, FixedClock
from followup.domain import Contact
from followup.store import Store


class Result(NamedTuple):
    """What one command did: its exit code and what it printed."""

    code: int
    out: str
    err: str

    @property
    def data(self) -> Any:
        """The output read as JSON (for `--json` commands)."""
        return json.loads(self.out)


Cli = Callable[..., Result]

_THE_TESTS_CLOCK: Any = object()  # "clock" not given: the test's FixedClock


class CliRunner:
    """Call it like the command line: `cli("log", "Ana", "--json")`.

    Keyword arguments vary one call: `folder` another data folder, `clock`
    another clock (None lets `due --now` set the time), `stdin` what the
    command reads (for `--password-stdin`). A usage error (argparse's exit 2)
    comes back as a Result, as the real command line would show it.
    """

    def __init__(
        self,
        data_dir: Path,
        clock: FixedClock,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(
        self,
        *argv: str,
        folder: Path | None = None,
        clock: Clock | None = _THE_TESTS_CLOCK,
        stdin: str | None = None,
    ) -> Result:
        if stdin is not None:
            self._monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        target = self.data_dir if folder is None else folder
        try:
            args = build_parser().parse_args(["--data-dir", str(target), *argv])
        except SystemExit as usage:  # argparse's own refusal: usage line and one sentence, exit 2
            captured = self._capsys.readouterr()
            return Result(int(usage.code or 0), captured.out, captured.err)
        code = run_command(args, clock=self.clock if clock is _THE_TESTS_CLOCK else clock)
        captured = self._capsys.readouterr()
        return Result(code, captured.out, captured.err)


def make_data_dir(
    folder: Path,
    clock: FixedClock,
    *,
    settings: Mapping[str, str] | None = None,
    contacts: Iterable[Contact] = (),
) -> Path:
    """A data folder with its database made, the given settings (user_tz at
    least, so times read the same on every machine) and contacts added."""
    with Store.open(folder / "followup.db", clock) as store:
        for key, value in (settings or {}).items():
            store.settings.set(key, value)
        for contact in contacts:
            store.contacts.add(contact)
    return folder

"""Opening the window reads the command line with the window's options only
(followup.cli.parser.parse_args): it must read every command line exactly as
the whole parser does."""

from __future__ import annotations

import pytest

from followup.cli.parser import build_parser, parse_args

WINDOW_LINES = [
    [],
    ["--data-dir", "/tmp/x"],
    ["--data-dir=/tmp/x", "--view", "contacts", "--quit-on-paint"],
    ["--screenshot", "out.png", "--view", "insights", "--verbose"],
    ["--background"],
    ["--data", "/tmp/x", "--vi", "today"],  # abbreviations, as argparse allows them
    ["--data-dir", "demo"],  # a folder called demo, not the command
]

COMMAND_LINES = [
    ["--data-dir", "/tmp/x", "contacts", "--json"],
    ["demo", "--contacts", "5"],
    ["--view", "today", "due"],
]


@pytest.mark.parametrize("argv", WINDOW_LINES)
def test_the_window_s_options_read_as_the_whole_parser_reads_them(argv: list[str]) -> None:
    assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv))
    assert parse_args(argv).command is None


@pytest.mark.parametrize("argv", COMMAND_LINES)
def test_a_command_is_read_by_the_whole_parser(argv: list[str]) -> None:
    assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv))
    assert parse_args(argv).command is not None


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--he"], ["--data-dir"], ["--ver"], ["--no-such-option"], ["no-such-command"], ["--version"]],
)
def test_help_mistakes_and_the_version_say_what_the_whole_parser_says(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(argv)
    expected = capsys.readouterr()
    with pytest.raises(SystemExit) as window:
        parse_args(argv)
    got = capsys.readouterr()
    assert (window.value.code, got.out, got.err) == (whole.value.code, expected.out, expected.err)
    assert got.out or got.err

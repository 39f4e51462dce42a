"""The command line: Followup is scriptable, and every command is Qt-free."""

from followup.cli.parser import build_parser
from followup.cli.run import run_command

__all__ = ["build_parser", "run_command"]

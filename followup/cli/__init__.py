"""The command line: Followup is scriptable, and every command is Qt-free.

``parser`` is light; ``run`` (and the commands behind it) is imported only
when a command is given, keeping it off the window's start-up path.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    # `from followup.cli import build_parser, run_command` keeps working, lazily.
    if name == "build_parser":
        from followup.cli.parser import build_parser

        return build_parser
    if name == "run_command":
        from followup.cli.run import run_command

        return run_command
    raise AttributeError(name)

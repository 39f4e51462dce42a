"""Followup: keep your promises to the people you work with.

``python main.py`` opens the window; ``python main.py COMMAND`` runs a command
(see ``--help``). This file only dispatches: commands never load Qt.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    from followup.cli.parser import parse_args

    args = parse_args(argv)
    if args.command:
        from followup.cli.run import run_command
        from followup.logsetup import configure_logging

        configure_logging(None, verbose=args.verbose)
        try:
            return run_command(args)
        except BrokenPipeError:
            # `followup contacts | head`: the reader left; that is not an error.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
    from ui.ops.pyside_import_check import install

    install()  # before the window's modules are imported (PySide checks each one)
    from ui.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())

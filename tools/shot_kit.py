"""What the screenshot scripts in tools/ share: their command line (OUT folder,
--dark), the application on the 24-hour clock the README's pictures keep, the
file-name suffix of a run (-dark, -200 under QT_SCALE_FACTOR=2), and grabbing
a widget once it has painted."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget


def start(description: str | None = None) -> tuple[argparse.Namespace, QApplication, str]:
    """Parse ``OUT [--dark]``, make OUT, start the application in that
    scheme; returns the arguments, the application and the suffix for names."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    QLocale.setDefault(QLocale("en_GB"))  # the README's pictures stay on the 24-hour clock
    from ui.ops import collector
    from ui.style.appearance import apply_appearance

    apply_appearance(app, "dark" if args.dark else "light")
    collector.install(app)  # as the app: cycles freed on the GUI thread, never by a job on the worker
    suffix = ("-dark" if args.dark else "") + ("-200" if os.environ.get("QT_SCALE_FACTOR") == "2" else "")
    return args, app, suffix


def grab(widget: QWidget, out: Path, rounds: int = 8) -> None:
    """Show ``widget``, let it lay out and paint, save it as ``out``."""
    widget.show()
    for _ in range(rounds):
        QApplication.processEvents()
    widget.grab().save(str(out))
    print(out)

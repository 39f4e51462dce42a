"""Where Followup keeps its data: --data-dir, $FOLLOWUP_DATA_DIR, or the
platform's app-data folder (computed here without Qt, so the command line
stays light)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_VAR = "FOLLOWUP_DATA_DIR"
DB_NAME = "followup.db"
LOG_NAME = "followup.log"


def default_data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "Followup"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Followup"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "followup"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the explicit one, else the environment's, else the platform's."""
    if explicit:
        return Path(explicit).expanduser()
    if env := os.environ.get(ENV_VAR):
        return Path(env).expanduser()
    return default_data_dir()


def database_path(folder: Path) -> Path:
    return folder / DB_NAME


def log_path(folder: Path) -> Path:
    return folder / LOG_NAME

"""Start at login: the XDG autostart entry on Linux (and other freedesktop
systems), the per-user Run key on Windows, a LaunchAgent on macOS.

Only the Linux path is exercised by the tests on this machine; the Windows
and macOS writers are kept small and take their target (registry, folder) as
arguments so their output can be checked anywhere.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import subprocess
import sys
from pathlib import Path
from typing import Any

APP_ID = "followup"
LABEL = "app.followup.Followup"  # the LaunchAgent's label
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Followup"
BACKGROUND_FLAG = "--background"  # start hidden in the tray


def launch_command() -> list[str]:
    """How to start this Followup again: the frozen executable, else this
    Python running main.py, starting in the background."""
    if getattr(sys, "frozen", False):
        return [sys.executable, BACKGROUND_FLAG]
    main = Path(__file__).resolve().parent.parent / "main.py"
    return [sys.executable, str(main), BACKGROUND_FLAG]


# -- Linux and other freedesktop systems ------------------------------------------------


def xdg_entry_path(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", str(Path.home()))) / ".config")
    return Path(config) / "autostart" / f"{APP_ID}.desktop"


def xdg_entry(command: list[str]) -> str:
    # The Exec key has its own quoting rules (Desktop Entry spec, "The Exec
    # key"): arguments with spaces in double quotes, and a literal % doubled.
    def quote(arg: str) -> str:
        arg = arg.replace("%", "%%")
        if any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            return '"' + arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$") + '"'
        return arg

    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Followup\n"
        "Comment=Reminders for the follow-ups you owe people\n"
        f"Exec={' '.join(quote(a) for a in command)}\n"
        "Icon=followup\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


# -- macOS ---------------------------------------------------------------------------


def launch_agent_path(home: Path | None = None) -> Path:
    return (home or Path.home()) / "Library" / "LaunchAgents" / f"{LABEL}.plist"


def launch_agent(command: list[str]) -> bytes:
    return plistlib.dumps(
        {"Label": LABEL, "ProgramArguments": command, "RunAtLoad": True, "ProcessType": "Interactive"}
    )


# -- Windows ---------------------------------------------------------------------------


def run_key_value(command: list[str]) -> str:
    return subprocess.list2cmdline(command)


def _winreg() -> Any:
    import winreg  # type: ignore[import-not-found,unused-ignore]

    return winreg


# -- the switch ----------------------------------------------------------------------------


def set_enabled(on: bool, command: list[str] | None = None, *, platform: str | None = None) -> None:
    """Turn start-at-login on or off for this user. Raises OSError when the
    system refuses (read-only home, policy)."""
    platform = platform or sys.platform
    command = command or launch_command()
    if platform == "win32":
        reg = _winreg()
        with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
            if on:
                reg.SetValueEx(key, RUN_VALUE, 0, reg.REG_SZ, run_key_value(command))
            else:
                with contextlib.suppress(FileNotFoundError):
                    reg.DeleteValue(key, RUN_VALUE)
        return
    path = launch_agent_path() if platform == "darwin" else xdg_entry_path()
    if not on:
        path.unlink(missing_ok=True)
        return
    data = launch_agent(command) if platform == "darwin" else xdg_entry(command).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def is_enabled(*, platform: str | None = None) -> bool:
    platform = platform or sys.platform
    if platform == "win32":
        reg = _winreg()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY) as key:
                reg.QueryValueEx(key, RUN_VALUE)
        except FileNotFoundError:
            return False
        return True
    return (launch_agent_path() if platform == "darwin" else xdg_entry_path()).exists()

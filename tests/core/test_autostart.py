"""Start at login: the XDG entry (tested for real), the macOS plist and the
Windows Run value (their content checked here; they are written on their own
systems)."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from followup import autostart


def test_xdg_entry_is_written_and_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert not autostart.is_enabled(platform="linux")
    autostart.set_enabled(True, ["/opt/My Apps/followup", "--background"], platform="linux")
    entry = tmp_path / "config" / "autostart" / "followup.desktop"
    text = entry.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\n")
    assert 'Exec="/opt/My Apps/followup" --background\n' in text
    assert autostart.is_enabled(platform="linux")
    autostart.set_enabled(False, platform="linux")
    assert not entry.exists() and not autostart.is_enabled(platform="linux")
    autostart.set_enabled(False, platform="linux")  # twice is fine


def test_exec_quoting_follows_the_desktop_entry_spec() -> None:
    line = next(ln for ln in autostart.xdg_entry(['/a "b"/py', "100%", "$HOME"]).splitlines() if ln.startswith("Exec"))
    assert line == 'Exec="/a \\"b\\"/py" 100%% "\\$HOME"'


def test_default_command_starts_in_the_background() -> None:
    command = autostart.launch_command()
    assert command[-1] == autostart.BACKGROUND_FLAG
    assert Path(command[1]).name == "main.py"


def test_launch_agent_for_macos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    autostart.set_enabled(
        True, ["/Applications/Followup.app/Contents/MacOS/Followup", "--background"], platform="darwin"
    )
    path = tmp_path / "Library" / "LaunchAgents" / "app.followup.Followup.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["RunAtLoad"] is True and agent["ProgramArguments"][-1] == "--background"
    assert autostart.is_enabled(platform="darwin")
    autostart.set_enabled(False, platform="darwin")
    assert not path.exists()


def test_windows_run_value_quotes_paths_with_spaces() -> None:
    assert autostart.run_key_value([r"C:\Program Files\Followup\followup.exe", "--background"]) == (
        '"C:\\Program Files\\Followup\\followup.exe" --background'
    )

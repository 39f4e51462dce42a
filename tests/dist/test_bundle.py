"""The PyInstaller bundle, run as a user would: skipped unless it was built
(``make dist``; CI builds it before running these)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("FOLLOWUP_BUNDLE", ROOT / "dist" / "followup"))
EXE = next((BUNDLE / n for n in ("followup", "Followup.exe") if (BUNDLE / n).exists()), None)
TIMEOUT_S = 60

pytestmark = pytest.mark.skipif(EXE is None, reason=f"no bundle in {BUNDLE} (make dist builds it)")


def run_frozen(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert EXE is not None
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("FOLLOWUP_DATA_DIR", None)
    return subprocess.run(
        [str(EXE), "--data-dir", str(data), *args], env=env, capture_output=True, text=True, timeout=TIMEOUT_S
    )


def test_frozen_app_renders_its_window_on_demo_data(tmp_path: Path) -> None:
    # GIVEN a data folder with demo data, made by the frozen app's own command
    data = tmp_path / "data"
    demo = run_frozen(data, "demo")
    assert demo.returncode == 0, demo.stderr
    # WHEN the frozen app opens its window offscreen and saves it
    shot = tmp_path / "today.png"
    result = run_frozen(data, "--screenshot", str(shot))
    # THEN it exits 0 with a PNG of the whole window
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(shot))
    assert not image.isNull()
    assert image.width() >= 800 and image.height() >= 500


def test_frozen_app_opens_on_an_empty_folder(tmp_path: Path) -> None:
    # GIVEN no database yet: the first run shows the welcome page, not an error
    result = run_frozen(tmp_path / "fresh", "--screenshot", str(tmp_path / "welcome.png"))
    assert result.returncode == 0, result.stderr
    assert QImage(str(tmp_path / "welcome.png")).width() >= 800


def test_bundle_holds_what_is_loaded_by_name() -> None:
    # plyer imports its backend by name, followup.cli its commands: PyInstaller
    # sees neither, so the spec lists them. A miss only shows at run time.
    pytest.importorskip("PyInstaller")
    from PyInstaller.archive.readers import CArchiveReader

    assert EXE is not None
    modules = set(CArchiveReader(str(EXE)).open_embedded_archive("PYZ.pyz").toc)
    backend = {"linux": "plyer.platforms.linux.notification", "win32": "plyer.platforms.win.notification"}
    wanted = [backend.get(sys.platform, "plyer.platforms.macosx.notification")]
    wanted += ["followup.cli.commands", "followup.cli.plan_commands", "ui.style.resources", "ui.style.appearance", "tzdata"]
    if sys.platform.startswith("linux") and importlib.util.find_spec("dbus") is not None:
        wanted += ["dbus", "dbus.mainloop.glib"]
    assert [name for name in wanted if name not in modules] == []


def test_bundle_carries_icons_and_qt_plugins() -> None:
    internal = BUNDLE / "_internal"
    assert (internal / "resources" / "icons" / "png" / "followup-256.png").exists()
    assert (internal / "resources" / "icons" / "toolbar" / "contact-new.svg").exists()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    if sys.platform.startswith("linux"):
        for name in ("platforms/libqoffscreen.so", "platforms/libqxcb.so", "imageformats/libqsvg.so"):
            assert (plugins / name).exists(), name

"""Check that the PyInstaller bundle really runs (make dist-check; CI runs it).

    python tools/dist_check.py [--bundle dist/followup] [--keep DIR]

In a fresh data folder: the frozen app adds demo data (a command, no Qt),
then opens its main window offscreen on it and saves a screenshot. Fails
(exit 1) unless both exit 0, the screenshot is a real PNG of the window's
size, and plyer's Linux notification backend (plus dbus-python when the build
machine had it) is inside the bundle's archive: plyer imports its backend by
name, so a missing hidden import only shows up as a lost notification.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TIMEOUT_S = 60


def executable(bundle: Path) -> Path:
    for name in ("followup", "Followup.exe", "Followup"):
        if (bundle / name).exists():
            return bundle / name
    raise FileNotFoundError(f"no Followup executable in {bundle} (run make dist)")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG, or ValueError if it is not one."""
    head = path.read_bytes()[:24]
    if len(head) < 24 or not head.startswith(PNG_MAGIC) or head[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def bundled_modules(exe: Path) -> set[str]:
    """Names of the Python modules frozen into the bundle's PYZ archive."""
    from PyInstaller.archive.readers import CArchiveReader  # build dependency

    return set(CArchiveReader(str(exe)).open_embedded_archive("PYZ.pyz").toc)


def required_modules() -> list[str]:
    if sys.platform.startswith("linux"):
        return ["plyer.platforms.linux.notification", "followup.cli.commands", "ui.style.resources", "tzdata"]
    if sys.platform == "win32":
        return ["plyer.platforms.win.notification", "followup.cli.commands", "ui.style.resources", "tzdata"]
    return ["plyer.platforms.macosx.notification", "followup.cli.commands", "ui.style.resources", "tzdata"]


def run(exe: Path, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FOLLOWUP_DATA_DIR=str(data))
    return subprocess.run(
        [str(exe), "--data-dir", str(data), *args], env=env, capture_output=True, text=True, timeout=TIMEOUT_S
    )


def check(bundle: Path, work: Path) -> list[str]:
    """Every problem found, in words; empty when the bundle is good."""
    problems = []
    exe = executable(bundle)
    data = work / "data"
    demo = run(exe, data, "demo")
    if demo.returncode != 0:
        problems.append(f"'followup demo' exited {demo.returncode}: {demo.stderr.strip()}")
    shot = work / "today.png"
    screenshot = run(exe, data, "--screenshot", str(shot))
    if screenshot.returncode != 0:
        problems.append(f"'followup --screenshot' exited {screenshot.returncode}: {screenshot.stderr.strip()}")
    elif not shot.exists():
        problems.append("'followup --screenshot' exited 0 but wrote no file")
    else:
        try:
            width, height = png_size(shot)
            if width < 400 or height < 300:
                problems.append(f"the screenshot is only {width}x{height}")
        except ValueError as error:
            problems.append(str(error))
    modules = bundled_modules(exe)
    wanted = required_modules()
    if sys.platform.startswith("linux") and _build_had_dbus():
        wanted += ["dbus", "dbus.mainloop.glib"]
    problems += [f"{name} is not inside the bundle" for name in wanted if name not in modules]
    return problems


def _build_had_dbus() -> bool:
    import importlib.util

    return importlib.util.find_spec("dbus") is not None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "followup")
    parser.add_argument("--keep", type=Path, help="keep the data folder and screenshot here")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="followup-dist-check-"))
    try:
        problems = check(args.bundle, work)
        if args.keep:
            shutil.copytree(work, args.keep, dirs_exist_ok=True)
    except (FileNotFoundError, subprocess.TimeoutExpired) as error:
        problems = [str(error)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for problem in problems:
        print(f"dist-check: {problem}", file=sys.stderr)
    if not problems:
        print(f"dist-check: {args.bundle} runs: demo data, offscreen screenshot, plyer backend inside")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

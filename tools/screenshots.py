"""Render the README's screenshots into docs/ (and every variant into a folder to look at).

    python tools/screenshots.py [--all OUT_DIR] [--app dist/followup/followup]

Runs the app offscreen with ``--screenshot`` on a fresh demo database (and on
an empty folder for the welcome page), in the light and the dark scheme
(FOLLOWUP_COLOR_SCHEME) and at 200% (QT_SCALE_FACTOR=2: the same window in
twice the pixels). The committed PNGs are reduced to 256 colours with Pillow
(a build dependency) to stay small; look at each one after a change.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# name -> (view, scheme, scale, empty data folder)
SHOTS: dict[str, tuple[str, str, int, bool]] = {
    "welcome": ("today", "light", 1, True),
    "today": ("today", "light", 1, False),
    "contacts": ("contacts", "light", 1, False),
    "contact": ("contact", "light", 1, False),
    "insights": ("insights", "light", 1, False),
    "dark-insights": ("insights", "dark", 1, False),
    "dark-welcome": ("today", "dark", 1, True),
    "dark-today": ("today", "dark", 1, False),
    "dark-contacts": ("contacts", "dark", 1, False),
    "dark-contact": ("contact", "dark", 1, False),
    "today-200": ("today", "light", 2, False),
    "dark-contact-200": ("contact", "dark", 2, False),
}
SCREENSHOT_LOCALE = "en_GB.UTF-8"
COMMITTED = ("welcome", "today", "contacts", "contact", "insights", "dark-today", "today-200")


def shoot(app: list[str], data: Path, out: Path, view: str, scheme: str, scale: int) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FOLLOWUP_COLOR_SCHEME": scheme}
    # The README's pictures are on the 24-hour clock whatever the machine's locale
    # (the app follows the system's: LC_ALL is what Qt reads first).
    env.update({"LC_ALL": SCREENSHOT_LOCALE, "LANG": SCREENSHOT_LOCALE})
    env.pop("FOLLOWUP_DATA_DIR", None)
    if scale != 1:
        env["QT_SCALE_FACTOR"] = str(scale)
    result = subprocess.run(
        [*app, "--data-dir", str(data), "--screenshot", str(out), "--view", view],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise SystemExit(f"screenshot {out.name} failed ({result.returncode}): {result.stderr.strip()}")


def shrink(src: Path, dest: Path) -> None:
    from PIL import Image

    with Image.open(src) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        small.save(dest, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", type=Path, help="also keep every variant, full colour, in this folder")
    parser.add_argument("--app", help="an executable to run instead of python main.py (e.g. the bundle)")
    args = parser.parse_args(argv)
    app = [args.app] if args.app else [sys.executable, str(ROOT / "main.py")]
    with tempfile.TemporaryDirectory() as tmp:
        demo, empty = Path(tmp) / "demo", Path(tmp) / "empty"
        subprocess.run([*app, "--data-dir", str(demo), "demo"], check=True, capture_output=True)
        raw = args.all or Path(tmp) / "raw"
        raw.mkdir(parents=True, exist_ok=True)
        for name, (view, scheme, scale, is_empty) in SHOTS.items():
            if is_empty:  # a fresh folder each time: opening it creates the database
                empty = Path(tmp) / f"empty-{name}"
            shoot(app, empty if is_empty else demo, raw / f"{name}.png", view, scheme, scale)
        for name in COMMITTED:
            shrink(raw / f"{name}.png", DOCS / f"{name}.png")
            print(f"docs/{name}.png {(DOCS / f'{name}.png').stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The PyInstaller bundle: its size on disk, and its start time against running from source.

    python bench/bench_dist.py [--bundle dist/followup] [--rounds 9] [--archive]

Start time is the wall time of ``followup --data-dir D --screenshot OUT.png``
(offscreen), from process start to exit after the first paint of the main
window on a demo database, for the frozen app and for ``python main.py``,
alternated in the same run so that both see the same machine state. Both
include the screenshot's fixed 100 ms settle delay and writing the PNG, so the
ratio understates the real difference a little. One warm-up run of each is
not counted (the first run after a build pays for a cold disk cache).

Prints a table; exits 0 (also when there is no bundle, saying so).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tree_size(folder: Path) -> tuple[int, int]:
    """Bytes and files under folder, symlinks counted once (as links)."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        total += path.stat().st_size
        files += 1
    return total, files


def breakdown(bundle: Path) -> list[tuple[str, int]]:
    """The biggest parts of the bundle: Qt, ICU, Python, the rest."""
    internal = bundle / "_internal"
    parts = {
        "Qt libraries": internal / "PySide6" / "Qt" / "lib",
        "Qt plugins": internal / "PySide6" / "Qt" / "plugins",
        "Qt translations": internal / "PySide6" / "Qt" / "translations",
        "Python stdlib extensions": internal / "python3.11",
        "tzdata": internal / "tzdata",
    }
    rows = [(label, tree_size(path)[0]) for label, path in parts.items() if path.exists()]
    libpython = next(internal.glob("libpython3*"), None)
    if libpython is not None:
        rows.append(("libpython", libpython.stat().st_size))
    return rows


def archive_size(bundle: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "followup.tar.gz"
        with tarfile.open(out, "w:gz", compresslevel=6) as tar:
            tar.add(bundle, arcname=bundle.name)
        return out.stat().st_size


def timed(command: list[str], data: Path, shot: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("FOLLOWUP_DATA_DIR", None)
    env.pop("FOLLOWUP_COLOR_SCHEME", None)
    start = time.perf_counter()
    result = subprocess.run(
        [*command, "--data-dir", str(data), "--screenshot", str(shot)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} exited {result.returncode}: {result.stderr.strip()}")
    return elapsed * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "followup")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--archive", action="store_true", help="also measure a .tar.gz of the bundle (slow)")
    args = parser.parse_args(argv)
    exe = next((args.bundle / n for n in ("followup", "Followup.exe") if (args.bundle / n).exists()), None)
    if exe is None:
        print(f"bench_dist: no bundle in {args.bundle}; build it with 'make dist'. Nothing measured.")
        return 0

    size, files = tree_size(args.bundle)
    print(f"bundle {args.bundle}: {size / 1e6:.1f} MB on disk in {files} files")
    for label, part in breakdown(args.bundle):
        print(f"  {label:<26} {part / 1e6:7.1f} MB")
    if args.archive:
        print(f"  as .tar.gz (download)     {archive_size(args.bundle) / 1e6:7.1f} MB")

    source = [sys.executable, str(ROOT / "main.py")]
    frozen = [str(exe)]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        demo = subprocess.run([*source, "--data-dir", str(data), "demo"], capture_output=True, text=True)
        if demo.returncode != 0:
            print(f"bench_dist: could not make demo data: {demo.stderr.strip()}", file=sys.stderr)
            return 1
        shot = Path(tmp) / "shot.png"
        times: dict[str, list[float]] = {"frozen": [], "source": []}
        timed(frozen, data, shot)  # warm-up, not counted
        timed(source, data, shot)
        for i in range(args.rounds):
            order = [("frozen", frozen), ("source", source)]
            if i % 2:  # alternate who goes first, so neither always follows the other
                order.reverse()
            for label, command in order:
                times[label].append(timed(command, data, shot))

    print(f"\nstart to first paint and exit, offscreen, 60 demo contacts, {args.rounds} rounds alternated:")
    print(f"  {'':<8} {'median':>9} {'min':>9} {'max':>9}")
    for label, values in times.items():
        print(f"  {label:<8} {statistics.median(values):7.0f} ms {min(values):6.0f} ms {max(values):6.0f} ms")
    ratio = statistics.median(times["frozen"]) / statistics.median(times["source"])
    print(f"  frozen / source (medians): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

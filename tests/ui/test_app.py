"""The app as a user starts it: ``main.py`` in a process of its own, offscreen,
rendering its window to a PNG with ``--screenshot``."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
TIMEOUT_S = 60


def run_main(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("FOLLOWUP_DATA_DIR", None)  # every run names its folder with --data-dir
    return subprocess.run(
        [sys.executable, str(MAIN), *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def load_png(path: Path) -> QImage:
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG file"
    image = QImage(str(path))
    assert not image.isNull(), f"{path} could not be decoded"
    return image


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    result = run_main("--data-dir", folder, "demo", "--contacts", "20")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added 20 demo contacts and ")
    return folder


def test_screenshot_of_an_empty_data_folder(qapp, tmp_path: Path) -> None:
    # GIVEN an empty data folder
    folder = tmp_path / "data"
    folder.mkdir()
    out = tmp_path / "empty.png"
    # WHEN the app is started with --screenshot
    result = run_main("--data-dir", folder, "--screenshot", out)
    # THEN it exits cleanly after writing a PNG of the whole window, and created its database
    assert result.returncode == 0, result.stderr
    image = load_png(out)
    assert image.width() >= 800
    assert (image.width(), image.height()) == (1280, 800)  # MainWindow.resize(1280, 800)
    assert (folder / "followup.db").is_file()


@pytest.mark.parametrize("view", ["today", "contacts", "contact"])
def test_screenshot_of_demo_data(qapp, demo_dir: Path, tmp_path: Path, view: str) -> None:
    # GIVEN a data folder with 20 demo contacts
    out = tmp_path / f"{view}.png"
    # WHEN the app is started with --screenshot and a view
    result = run_main("--data-dir", demo_dir, "--screenshot", out, "--view", view)
    # THEN it exits cleanly after writing a PNG of the window
    assert result.returncode == 0, result.stderr
    image = load_png(out)
    assert image.width() >= 800
    assert (image.width(), image.height()) == (1280, 800)


def test_the_three_screens_look_different(qapp, demo_dir: Path, tmp_path: Path) -> None:
    # GIVEN an empty folder and a demo folder
    empty = tmp_path / "empty"
    empty.mkdir()
    shots = {
        "welcome": ("--data-dir", empty, "--screenshot", tmp_path / "welcome.png"),
        "list": ("--data-dir", demo_dir, "--screenshot", tmp_path / "list.png", "--view", "contacts"),
        "contact": ("--data-dir", demo_dir, "--screenshot", tmp_path / "contact.png", "--view", "contact"),
    }
    # WHEN each is rendered
    for args in shots.values():
        result = run_main(*args)
        assert result.returncode == 0, result.stderr
    images = {name: load_png(tmp_path / f"{name}.png") for name in shots}
    # THEN the welcome page, the list alone, and the list with a contact's page are three different pictures
    assert images["welcome"] != images["list"]
    assert images["list"] != images["contact"]
    assert images["welcome"] != images["contact"]


def test_unknown_view_exits_with_a_message(tmp_path: Path) -> None:
    # GIVEN an empty data folder
    out = tmp_path / "out.png"
    # WHEN the app is asked for a view that does not exist
    result = run_main("--data-dir", tmp_path, "--screenshot", out, "--view", "calendar")
    # THEN it exits with a usage error naming the view and the choices, without writing anything
    assert result.returncode == 2
    assert "unknown view 'calendar'" in result.stderr
    assert "contacts, contact" in result.stderr
    assert not out.exists()
    assert not (tmp_path / "followup.db").exists()


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    # GIVEN a data folder whose followup.db is some other file
    db = tmp_path / "followup.db"
    original = b"These are my meeting notes, not a database.\n" * 100
    db.write_bytes(original)
    out = tmp_path / "out.png"
    # WHEN the app is started with --screenshot
    result = run_main("--data-dir", tmp_path, "--screenshot", out)
    # THEN it exits with an error that says why, and the file is byte for byte as it was
    assert result.returncode != 0
    assert "is not a Followup database" in result.stderr
    assert "left untouched" in result.stderr
    assert db.read_bytes() == original
    assert not out.exists()
    assert not (tmp_path / "followup.db-wal").exists()


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    # GIVEN a data folder whose followup.db is some other program's SQLite database
    db = tmp_path / "followup.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.commit()
    conn.close()
    original = db.read_bytes()
    # WHEN the app is started with --screenshot
    result = run_main("--data-dir", tmp_path, "--screenshot", tmp_path / "out.png")
    # THEN it refuses it with a message, and the file is unchanged
    assert result.returncode != 0
    assert "from another program" in result.stderr
    assert db.read_bytes() == original

"""Esc on a dialog, typed as the window system delivers keys (xdotool, a real X
server): the dialog keys' filter goes on the application as a dialog opens
and off when none is shown (ui/widgets/window_watch.py), so the keys that
reach a dialog through its window are still answered. Run by
tools/desktop-session.sh."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable

import pytest
from desktop_helpers import App, Seeded, map_state, screenshot, wait_for

pytestmark = [pytest.mark.desktop]


def _window_id(name: str) -> str | None:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    ids = re.findall(rf'^\s+(0x[0-9a-f]+) "{re.escape(name)}": \("main.py"', tree, re.MULTILINE)
    for window_id in ids:
        out = subprocess.run(["xwininfo", "-id", window_id], capture_output=True, text=True).stdout
        if "IsViewable" in out:
            return window_id
    return None


def _focus(window_id: str) -> None:
    """The X input focus to the window (there is no window manager to give it), then
    keys through XTEST, as a keyboard's."""
    subprocess.run(["xdotool", "windowfocus", "--sync", window_id], check=True)
    time.sleep(0.3)


def _keys(window_id: str, *keys: str) -> None:
    _focus(window_id)
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)
    time.sleep(0.3)


def test_esc_on_a_changed_dialog_asks_and_on_an_unchanged_one_closes(
    seeded: Seeded, launch: Callable[..., App]
) -> None:
    # GIVEN the app's window shown
    launch(seeded.data_dir)
    main = wait_for(lambda: _window_id("Followup"), timeout=60, what="the main window")
    # WHEN the New contact dialog is opened and closed with Esc at once
    _keys(str(main), "ctrl+n")
    dialog = wait_for(lambda: _window_id("New contact"), what="the New contact dialog")
    _keys(str(dialog), "Escape")
    # THEN it closed, nothing asked
    wait_for(lambda: map_state("New contact") != "IsViewable", what="the unchanged dialog to close")
    assert _window_id("Discard changes?") is None
    # WHEN it is opened again, a name typed, and Esc pressed
    _keys(str(main), "ctrl+n")
    dialog = wait_for(lambda: _window_id("New contact"), what="the New contact dialog again")
    # (a click in its Name field, the first row, 60 px in: with no window manager, a click is
    # what gives a window the keyboard)
    subprocess.run(["xdotool", "mousemove", "--window", str(dialog), "300", "57", "click", "1"], check=True)
    time.sleep(0.3)
    subprocess.run(["xdotool", "type", "--delay", "40", "Maria"], check=True)
    time.sleep(0.5)
    _keys(str(dialog), "Escape")
    # THEN it asks before throwing the name away
    box = wait_for(lambda: _window_id("Discard changes?"), what="the Discard changes? question")
    screenshot("dialog-keys-discard.png")
    # AND Enter ("Keep editing", the default) keeps the dialog open
    _keys(str(box), "Return")
    wait_for(lambda: _window_id("Discard changes?") is None, what="the question to close")
    assert map_state("New contact") == "IsViewable"

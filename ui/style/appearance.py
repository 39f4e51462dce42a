"""Light or dark: follow the system's colour scheme, or the user's override.

The scheme comes from, in order: the ``scheme`` argument, the environment
variable ``FOLLOWUP_COLOR_SCHEME`` (``light`` or ``dark``), and the system's
setting (``QStyleHints.colorScheme()``, Qt >= 6.5). On Linux the app always
uses Qt's Fusion style with its own palette for the chosen scheme, so it looks
the same under GNOME, KDE, a bare X session or offscreen. On Windows and macOS
the native style is kept when it already matches the system's scheme; an
override that differs from the system falls back to Fusion, the one style
that draws any palette faithfully.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

ENV = "FOLLOWUP_COLOR_SCHEME"
SCHEMES = ("light", "dark")
ACCENT = "#3b5bdb"  # the app icon's blue
# Below this the default font is hard to read on a modern screen; some bare X
# sessions and the offscreen platform report 9 pt.
MIN_POINT_SIZE = 10.0

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


def resolve_scheme(requested: str | None, environment: str | None, system: str | None) -> str:
    """The scheme to use: the first valid of requested, environment, system; else light."""
    if environment and environment.strip().lower() not in SCHEMES:
        log.warning("%s=%r is neither 'light' nor 'dark'; ignored", ENV, environment)
    for value in (requested, environment, system):
        if value and value.strip().lower() in SCHEMES:
            return value.strip().lower()
    return "light"


def system_scheme() -> str | None:
    """The system's scheme, or None when the platform does not say."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return "dark"
    if scheme == Qt.ColorScheme.Light:
        return "light"
    return None


# An application property: made with Fusion already (``style_arguments``).
FUSION_FROM_START = "followup_fusion_from_start"


def style_arguments() -> list[str]:
    """The arguments that make the application with Fusion from the start,
    where it always uses it (not on Windows or macOS, whose native style is
    kept with the system's scheme). ``app.setStyle("Fusion")`` afterwards
    handed a QStyle back to Python, and PySide made its class and enums for
    it: 5.5 ms of every start (issue 16)."""
    return [] if sys.platform in ("win32", "darwin") else ["-style", "fusion"]


def apply_appearance(app: QApplication, scheme: str | None = None) -> str:
    """Set the style, palette and font for ``scheme`` (None: environment, then system).

    Returns the scheme applied, "light" or "dark". When the scheme was not
    forced, a later change of the system's scheme is followed too.
    """
    system = system_scheme()
    chosen = resolve_scheme(scheme, os.environ.get(ENV), system)
    native = sys.platform in ("win32", "darwin") and chosen == (system or "light")
    if not native:
        if not app.property(FUSION_FROM_START):
            app.setStyle("Fusion")
        app.setPalette(dark_palette() if chosen == "dark" else light_palette())
    _set_font(app)
    forced = bool(scheme or os.environ.get(ENV, "").strip().lower() in SCHEMES)
    if not forced and not app.property("followup_follows_system"):
        app.setProperty("followup_follows_system", True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_appearance(app))
    log.debug("colour scheme %s (system: %s, native style: %s)", chosen, system, native)
    return chosen


def _set_font(app: QApplication) -> None:
    font = QFont(app.font())
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)


def light_palette() -> QPalette:
    """Fusion's light palette with the app's accent for selections and links."""
    palette = QPalette(QColor("#efeff1"))  # Fusion derives every role from the window colour
    for group in (Group.Active, Group.Inactive):
        palette.setColor(group, Role.Highlight, QColor(ACCENT))
        palette.setColor(group, Role.HighlightedText, QColor("#ffffff"))
        palette.setColor(group, Role.Link, QColor("#2f4ac0"))
        palette.setColor(group, Role.Base, QColor("#ffffff"))
        palette.setColor(group, Role.AlternateBase, QColor("#f5f5f7"))
        palette.setColor(group, Role.ToolTipBase, QColor("#ffffff"))
        palette.setColor(group, Role.ToolTipText, QColor("#1f2328"))
        palette.setColor(group, Role.Text, QColor("#1f2328"))
        palette.setColor(group, Role.WindowText, QColor("#1f2328"))
        palette.setColor(group, Role.ButtonText, QColor("#1f2328"))
        palette.setColor(group, Role.PlaceholderText, QColor("#6e7781"))
        palette.setColor(group, Role.Accent, QColor(ACCENT))
    palette.setColor(Group.Disabled, Role.Highlight, QColor("#c8c8cc"))
    return palette


def dark_palette() -> QPalette:
    """A dark palette for Fusion: soft near-black surfaces, off-white text,
    and enough contrast left in disabled text."""
    colours = {
        Role.Window: "#1f2023",
        Role.WindowText: "#e3e3e6",
        Role.Base: "#17181a",
        Role.AlternateBase: "#232428",
        Role.ToolTipBase: "#2b2d31",
        Role.ToolTipText: "#e3e3e6",
        Role.PlaceholderText: "#8b9099",
        Role.Text: "#e3e3e6",
        Role.Button: "#2b2d31",
        Role.ButtonText: "#e3e3e6",
        Role.BrightText: "#ff7b72",
        Role.Light: "#3c3e44",
        Role.Midlight: "#33353a",
        Role.Mid: "#27282c",
        Role.Dark: "#141517",
        Role.Shadow: "#000000",
        Role.Highlight: ACCENT,
        Role.HighlightedText: "#ffffff",
        Role.Link: "#8fb0ff",
        Role.LinkVisited: "#c3a6ff",
        Role.Accent: ACCENT,
    }
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))  # every group
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor("#74777f"))
    palette.setColor(Group.Disabled, Role.Highlight, QColor("#3a3c42"))
    palette.setColor(Group.Disabled, Role.HighlightedText, QColor("#a0a3aa"))
    palette.setColor(Group.Disabled, Role.Base, QColor("#1f2023"))
    palette.setColor(Group.Disabled, Role.Button, QColor("#26272b"))
    return palette

"""Icons from resources/, found from a source checkout and inside the bundle.

PyInstaller unpacks data next to the code under ``sys._MEIPASS`` (the
``_internal`` folder of a one-folder build); from source, resources/ sits
beside ui/. Toolbar icons are single-colour SVGs drawn in ``currentColor``:
they are recoloured with the palette's text colour, so they read in the light
and the dark scheme alike.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

APP_ICON = "followup"
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
TRAY_ICON_SIZES = (16, 22, 24, 32, 48, 64)
# Pixmap sizes rendered for a toolbar icon: 16/24/32 px at 100% and at 200%.
TOOLBAR_SIZES = (16, 20, 24, 32, 40, 48, 64)


def resources_dir() -> Path:
    """resources/ in the PyInstaller bundle if frozen, else beside ui/."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def icon_path(name: str) -> Path:
    """The SVG source of a named icon (app, tray-* or a toolbar icon)."""
    icons = resources_dir() / "icons"
    for candidate in (icons / f"{name}.svg", icons / "toolbar" / f"{name}.svg"):
        if candidate.exists():
            return candidate
    raise KeyError(f"no icon named {name!r} under {icons}")


def icon(name: str, sizes: tuple[int, ...] = TOOLBAR_SIZES) -> QIcon:
    """The icon called ``name``: "followup" (the app), "tray-light", "tray-dark",
    "tray-*-attention", or a toolbar icon ("contact-new", "today", ...),
    a toolbar icon's pixmaps rendered at ``sizes`` (device pixels).

    An unknown name gives an empty QIcon, so a missing file never stops the
    app from starting (``icon_path`` raises KeyError, for tests).
    """
    try:
        path = icon_path(name)
    except KeyError:
        return QIcon()
    if path.parent.name == "toolbar":
        return _toolbar_icon(path, _text_colour().name(), _disabled_colour().name(), sizes)
    return _png_icon(name, APP_ICON_SIZES if name == APP_ICON else TRAY_ICON_SIZES)


def app_icon() -> QIcon:
    return icon(APP_ICON)


def tray_icon(*, attention: bool = False, dark_panel: bool | None = None) -> QIcon:
    """The tray icon: a light glyph for a dark panel, a dark glyph for a light one.

    Panels cannot be asked their colour, so by default this follows the app's
    scheme (a dark scheme usually comes with a dark panel). On macOS the dark
    glyph is marked as a mask, so the menu bar recolours it itself.
    """
    if dark_panel is None:
        dark_panel = sys.platform != "darwin" and _is_dark()
    name = f"tray-{'light' if dark_panel else 'dark'}{'-attention' if attention else ''}"
    result = icon(name)
    if sys.platform == "darwin" and not attention:
        result.setIsMask(True)
    return result


@cache
def _png_icon(name: str, sizes: tuple[int, ...]) -> QIcon:
    result = QIcon()
    png = resources_dir() / "icons" / "png"
    for size in sizes:
        file = png / f"{name}-{size}.png"
        if file.exists():
            result.addFile(str(file))
    if result.isNull():  # PNGs not generated: fall back to the SVG (Qt's svg icon engine)
        result = QIcon(str(icon_path(name)))
    return result


@cache
def _toolbar_icon(path: Path, colour: str, disabled: str, sizes: tuple[int, ...] = TOOLBAR_SIZES) -> QIcon:
    svg = path.read_bytes()
    result = QIcon()
    for mode, tint in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Disabled, disabled)):
        renderer = QSvgRenderer(QByteArray(svg.replace(b"currentColor", tint.encode())))
        for size in sizes:
            result.addPixmap(_render(renderer, size), mode)
    return result


def _render(renderer: QSvgRenderer, size: int) -> QPixmap:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QPixmap.fromImage(image)


def _palette() -> QPalette:
    return QApplication.palette()


def _is_dark() -> bool:
    return _palette().color(QPalette.ColorRole.Window).lightness() < 128


def _text_colour() -> QColor:
    return _palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)


def _disabled_colour() -> QColor:
    return _palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)

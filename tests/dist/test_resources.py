"""Icons are found from the source tree, and from a bundle's sys._MEIPASS."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication

from ui.style import resources

ROOT = Path(__file__).resolve().parents[2]
TOOLBAR = sorted(p.stem for p in (ROOT / "resources" / "icons" / "toolbar").glob("*.svg"))


def test_resources_found_from_source() -> None:
    assert resources.resources_dir() == ROOT / "resources"


def test_resources_found_in_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"


def test_app_icon_has_every_size(qapp: QApplication) -> None:
    icon = resources.app_icon()
    assert not icon.isNull()
    sizes = {s.width() for s in icon.availableSizes()}
    assert {16, 24, 32, 48, 64, 128, 256, 512} <= sizes


@pytest.mark.parametrize("name", TOOLBAR)
def test_toolbar_icon_renders_sharp_at_200_percent(qapp: QApplication, name: str) -> None:
    icon = resources.icon(name)
    pixmap = icon.pixmap(QSize(24, 24), 2.0)
    assert pixmap.width() == 48  # rendered for the device pixels, not scaled up
    image = pixmap.toImage()
    assert any(image.pixelColor(x, y).alpha() > 200 for x in range(48) for y in range(48)), "drew nothing"


def test_toolbar_icons_take_the_palette_text_colour(qapp: QApplication) -> None:
    text = qapp.palette().buttonText().color()
    image = resources.icon("notes-search").pixmap(64, 64).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    solid = [image.pixelColor(x, y) for x in range(64) for y in range(64) if image.pixelColor(x, y).alpha() == 255]
    assert solid and all(abs(c.lightness() - text.lightness()) < 8 for c in solid)


def test_tray_icon_contrasts_with_the_panel(qapp: QApplication) -> None:
    def lightness(icon: QIcon) -> int:
        image = icon.pixmap(22, 22).toImage()
        solid = [image.pixelColor(x, y) for x in range(22) for y in range(22) if image.pixelColor(x, y).alpha() > 200]
        return max(c.lightness() for c in solid)

    assert lightness(resources.tray_icon(dark_panel=True)) > 200
    assert lightness(resources.tray_icon(dark_panel=False)) < 80
    assert not resources.tray_icon(attention=True).isNull()


def test_unknown_icon_is_empty_not_an_error(qapp: QApplication) -> None:
    assert resources.icon("no-such-icon").isNull()
    with pytest.raises(KeyError):
        resources.icon_path("no-such-icon")

"""Render Followup's icons from their SVG sources.

    python tools/make-icons.py [--check] [--preview OUT.png]

Writes resources/icons/png/followup-{16..512}.png, followup.ico (Windows) and
followup.icns (macOS) from resources/icons/followup.svg, and the tray icons'
PNGs from tray-*.svg. Rendering uses Qt's QSvgRenderer, offscreen, so it runs
on a machine with no screen; Pillow (a build dependency only) packs the .ico
and .icns. The outputs are committed, so neither a user nor the PyInstaller
build needs to run this: run it after editing an SVG.

--check renders into a temporary folder and exits 1 if a committed PNG is
missing or differs in size (a quick guard that the files were regenerated).
--preview writes one image with every icon at every size, on a light and a
dark strip, to look at.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
APP_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
TRAY_SIZES = (16, 22, 24, 32, 48, 64)
TRAYS = ("tray-light", "tray-dark", "tray-light-attention", "tray-dark-attention")
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def render(svg: bytes, size: int, colour: str | None = None) -> QImage:
    """The SVG drawn into a transparent size x size image (currentColor -> colour)."""
    if colour is not None:
        svg = svg.replace(b"currentColor", colour.encode())
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def write_pngs(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    app_svg = (ICONS / "followup.svg").read_bytes()
    for size in APP_SIZES:
        path = out / f"followup-{size}.png"
        render(app_svg, size).save(str(path))
        written.append(path)
    for name in TRAYS:
        svg = (ICONS / f"{name}.svg").read_bytes()
        for size in TRAY_SIZES:
            path = out / f"{name}-{size}.png"
            render(svg, size).save(str(path))
            written.append(path)
    return written


def write_ico_icns(png_dir: Path, out: Path) -> None:
    from PIL import Image  # build dependency only

    images = {size: Image.open(png_dir / f"followup-{size}.png").convert("RGBA") for size in APP_SIZES}
    # Pillow writes every listed size, each resampled from the largest image given:
    # hand it the 256 px render so the small sizes come from the SVG renders below.
    ico = images[256]
    ico.save(
        out / "followup.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    images[512].save(out / "followup.icns", format="ICNS", append_images=[images[s] for s in ICNS_SIZES if s != 512])


def preview(out: Path) -> None:
    """Every icon at every size on a light and a dark strip, for a person to look at."""
    rows: list[tuple[bytes, str | None, tuple[int, ...]]] = [
        ((ICONS / "followup.svg").read_bytes(), None, APP_SIZES[:6]),
        *[((ICONS / f"{name}.svg").read_bytes(), None, TRAY_SIZES[:4]) for name in TRAYS],
    ]
    toolbar = sorted((ICONS / "toolbar").glob("*.svg"))
    width, row_h = 560, 72
    height = row_h * (len(rows) + 2)
    image = QImage(width * 2, height, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    for half, (bg, fg) in enumerate((("#f4f4f4", "#1f2328"), ("#202124", "#e6e6e6"))):
        x0 = half * width
        painter.fillRect(x0, 0, width, height, QColor(bg))
        for r, (svg, colour, sizes) in enumerate(rows):
            x = x0 + 10
            for size in sizes:
                painter.drawImage(x, r * row_h + 4, render(svg, size, colour))
                x += size + 12
        for r, size in enumerate((16, 24)):
            x = x0 + 10
            for path in toolbar:
                painter.drawImage(x, (len(rows) + r) * row_h + 10, render(path.read_bytes(), size, fg))
                x += size + 14
    painter.end()
    image.save(str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed icon is missing or stale")
    parser.add_argument("--preview", metavar="OUT.png", help="also write a contact sheet of every icon")
    args = parser.parse_args(argv)
    _app = QGuiApplication(sys.argv[:1])  # QSvgRenderer and QImage need one; no window is shown
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = write_pngs(Path(tmp))
            stale = [p.name for p in fresh if not (ICONS / "png" / p.name).exists()]
            if stale:
                print("missing icons (run tools/make-icons.py):", ", ".join(stale), file=sys.stderr)
                return 1
        print("icons present")
        return 0
    written = write_pngs(ICONS / "png")
    write_ico_icns(ICONS / "png", ICONS)
    print(f"wrote {len(written)} PNGs, followup.ico and followup.icns under {ICONS}")
    if args.preview:
        preview(Path(args.preview))
        print(f"preview: {args.preview}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

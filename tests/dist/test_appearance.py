"""Light or dark: the system's scheme, overridden by FOLLOWUP_COLOR_SCHEME."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from ui.style import appearance
from ui.style.appearance import resolve_scheme


@pytest.mark.parametrize(
    ("requested", "environment", "system", "expected"),
    [
        (None, None, None, "light"),
        (None, None, "dark", "dark"),
        (None, "light", "dark", "light"),
        (None, "DARK ", "light", "dark"),
        ("light", "dark", "dark", "light"),
        (None, "purple", "dark", "dark"),
    ],
)
def test_resolve_scheme(requested: str | None, environment: str | None, system: str | None, expected: str) -> None:
    assert resolve_scheme(requested, environment, system) == expected


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The shared QApplication, its style, palette and font put back afterwards
    so that the other UI tests see the look they were written against."""
    style, palette, font = qapp.style().name(), QPalette(qapp.palette()), QFont(qapp.font())
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


def test_environment_selects_dark(app: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(appearance.ENV, "dark")
    assert appearance.apply_appearance(app) == "dark"
    palette = app.palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() < 60
    assert palette.color(QPalette.ColorRole.WindowText).lightness() > 200


def test_dark_palette_keeps_text_readable() -> None:
    def contrast(a: QPalette.ColorRole, b: QPalette.ColorRole, group: QPalette.ColorGroup) -> int:
        palette = appearance.dark_palette()
        return abs(palette.color(group, a).lightness() - palette.color(group, b).lightness())

    active, disabled = QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled
    Role = QPalette.ColorRole
    assert contrast(Role.Text, Role.Base, active) > 150
    assert contrast(Role.WindowText, Role.Window, active) > 150
    assert contrast(Role.HighlightedText, Role.Highlight, active) > 90
    assert contrast(Role.Text, Role.Base, disabled) > 50  # dimmed, still legible


def test_light_is_the_default(app: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(appearance.ENV, raising=False)
    monkeypatch.setattr(appearance, "system_scheme", lambda: None)
    assert appearance.apply_appearance(app, None) == "light"
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert app.font().pointSizeF() >= appearance.MIN_POINT_SIZE

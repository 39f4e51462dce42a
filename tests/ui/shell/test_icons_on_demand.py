"""Only the toolbar's icons are rendered at start-up (they are on the first
frame), and of those only the pixmaps the first frame paints, the rest once
the window has painted; an action that is only in menus gets its icon when
its menu is first about to show, the same pixels as before (ui/shell/actions.py
set_icons)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QToolBar

from followup.clock import FixedClock
from followup.store import Store
from ui.shell.actions import ICONS, MENUS, TOOLBAR
from ui.shell.window import MainWindow
from ui.style import resources
from ui.style.resources import TOOLBAR_SIZES


def rendered_now(name: str) -> QIcon:
    """The icon rendered again from its SVG, as start-up rendered every icon before (not the cached one)."""
    render = resources._toolbar_icon.__wrapped__  # type: ignore[attr-defined]
    text, disabled = resources._text_colour().name(), resources._disabled_colour().name()
    return render(resources.icon_path(ICONS[name]), text, disabled)  # type: ignore[no-any-return]


def same_pixels(a: QIcon, b: QIcon) -> bool:
    return all(
        a.pixmap(size, mode).toImage() == b.pixmap(size, mode).toImage()
        for size in TOOLBAR_SIZES
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled, QIcon.Mode.Active)
    )


def test_the_first_frame_renders_only_the_toolbar_pixmaps_it_paints(
    qtbot, store: Store, clock: FixedClock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window built, not painted yet
    window = MainWindow(store, clock, tmp_path, initial_view="contacts")
    qtbot.addWidget(window)
    registry = window.registry
    in_toolbar = [name for name in TOOLBAR if name in ICONS]
    side = round(window.findChild(QToolBar).iconSize().width() * window.devicePixelRatioF())  # what the toolbar paints
    # THEN each toolbar icon has the one size its first frame paints, enabled and disabled: 2 renders, not 14
    for name in in_toolbar:
        icon = getattr(registry, name).icon()
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled):
            assert [s.width() for s in icon.availableSizes(mode)] == [side], (name, mode)
            assert icon.pixmap(side, mode).toImage() == rendered_now(name).pixmap(side, mode).toImage()
    # WHEN the window has painted (its work for after the first frame run)
    window.after_paint.run()
    # THEN every toolbar icon has all its sizes, the same pixels as the icon rendered whole
    for name in in_toolbar:
        icon = getattr(registry, name).icon()
        assert sorted({s.width() for s in icon.availableSizes()}) == sorted(TOOLBAR_SIZES), name
        assert same_pixels(icon, rendered_now(name)), name


def test_toolbar_icons_at_start_and_menu_icons_when_their_menu_shows(window: MainWindow) -> None:
    # GIVEN the window just opened and painted
    window.after_paint.run()
    registry = window.registry
    in_toolbar = [name for name in TOOLBAR if name in ICONS]
    only_in_menus = [name for name in ICONS if name not in TOOLBAR]
    assert in_toolbar and only_in_menus
    # THEN the toolbar's icons are there, the same pixels as the icon rendered whole
    for name in in_toolbar:
        assert same_pixels(getattr(registry, name).icon(), rendered_now(name))
    # and the menus' own are not rendered yet
    assert all(getattr(registry, name).icon().isNull() for name in only_in_menus)
    # WHEN each menu is about to show (opened by a click or its Alt key)
    menus = {menu.title(): menu for menu in (a.menu() for a in window.menuBar().actions()) if menu is not None}
    for title, names in MENUS:
        menus[title].aboutToShow.emit()
        # THEN its actions have their icons, the same pixels as before
        for name in names:
            if name in ICONS:
                action: QAction = getattr(registry, name)
                assert same_pixels(action.icon(), rendered_now(name)), name
    assert not any(getattr(registry, name).icon().isNull() for name in ICONS)

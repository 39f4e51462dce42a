"""The window narrow enough to tile beside another on a 1366-pixel laptop
(~680 px): the contacts list and the contact page stack when they no longer
fit side by side, the page's details and "their space" too, and the lists
drop their less important columns (ui/widgets/responsive.py does the work)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ui.contacts.model import KIND, LAST_TOUCHED, NAME, ORGANISATION
from ui.widgets.responsive import ColumnCollapser, StackWhenNarrow

if TYPE_CHECKING:
    from ui.contacts.page import ContactPage
    from ui.shell.window import MainWindow
    from ui.today.view import TodayView

SPLIT = [560, 720]  # the contacts list and the contact page, side by side
PAGE_STACKS_BELOW = 600  # the page's details and "their space", one above the other
NAME_AT_LEAST = 160  # the contacts list drops Kind, then Organisation, then Last touched
WHAT_AT_LEAST = 220  # Today drops Phase, then Channel, then Who, then When


@dataclass
class Narrow:
    """What rearranges the window when it is narrow."""

    contacts: StackWhenNarrow
    contact_columns: ColumnCollapser
    today_columns: ColumnCollapser | None = None  # once Today is built (ui/shell/today_slot.py)
    page: StackWhenNarrow | None = None  # once the contact page is built (ui/shell/contact_page_slot.py)


def fit_narrow(window: MainWindow) -> Narrow:
    panel, right, splitter = window.contacts_panel, window.right, window.splitter
    _fit_widths(window)
    return Narrow(
        StackWhenNarrow(
            splitter,
            splitter,
            lambda: panel.minimumSizeHint().width() + right.minimumSizeHint().width() + splitter.handleWidth() + 40,
            SPLIT,
        ),
        ColumnCollapser(panel.table, NAME, [LAST_TOUCHED, ORGANISATION, KIND], NAME_AT_LEAST),
    )


def fit_today(window: MainWindow, view: TodayView) -> None:
    """Today, built after the rest when the window opens elsewhere, drops its columns too."""
    from ui.today.model import CHANNEL, PHASE, WHAT, WHEN, WHO

    window.narrow.today_columns = ColumnCollapser(view.tree, WHAT, [WHEN, WHO, CHANNEL, PHASE], WHAT_AT_LEAST)


def fit_page(window: MainWindow, page: ContactPage) -> None:
    """The contact page, built after the rest: its details and "their space"
    stack when narrow, and the widths above follow its own minimum."""
    window.narrow.page = StackWhenNarrow(page, page.body, PAGE_STACKS_BELOW)
    _fit_widths(window)
    window.narrow.contacts.update()  # by the page's own width, if it is not the room kept for it


def _fit_widths(window: MainWindow) -> None:
    panel, right = window.contacts_panel, window.right
    window.splitter.setMinimumWidth(max(panel.minimumSizeHint().width(), right.minimumSizeHint().width()))
    window.right_scroll.setMinimumWidth(right.minimumSizeHint().width())

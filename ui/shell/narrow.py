"""The window narrow enough to tile beside another on a 1366-pixel laptop
(~680 px): the contacts list and the contact page stack when they no longer
fit side by side, the page's details and "their space" too, and the lists
drop their less important columns (ui/widgets/responsive.py does the work)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ui.contacts.model import KIND, LAST_TOUCHED, NAME, ORGANISATION
from ui.today.model import CHANNEL, PHASE, WHAT, WHEN, WHO
from ui.widgets.responsive import ColumnCollapser, StackWhenNarrow

if TYPE_CHECKING:
    from ui.shell.window import MainWindow

SPLIT = [560, 720]  # the contacts list and the contact page, side by side
PAGE_STACKS_BELOW = 600  # the page's details and "their space", one above the other
NAME_AT_LEAST = 160  # the contacts list drops Kind, then Organisation, then Last touched
WHAT_AT_LEAST = 220  # Today drops Phase, then Channel, then Who, then When


@dataclass
class Narrow:
    contacts: StackWhenNarrow
    page: StackWhenNarrow
    contact_columns: ColumnCollapser
    today_columns: ColumnCollapser


def fit_narrow(window: MainWindow) -> Narrow:
    panel, right, splitter = window.contacts_panel, window.right, window.splitter
    splitter.setMinimumWidth(max(panel.minimumSizeHint().width(), right.minimumSizeHint().width()))
    window.right_scroll.setMinimumWidth(right.minimumSizeHint().width())
    return Narrow(
        StackWhenNarrow(
            splitter,
            splitter,
            lambda: panel.minimumSizeHint().width() + right.minimumSizeHint().width() + splitter.handleWidth() + 40,
            SPLIT,
        ),
        StackWhenNarrow(window.contact_page, window.contact_page.body, PAGE_STACKS_BELOW),
        ColumnCollapser(panel.table, NAME, [LAST_TOUCHED, ORGANISATION, KIND], NAME_AT_LEAST),
        ColumnCollapser(window.today_view.tree, WHAT, [WHEN, WHO, CHANNEL, PHASE], WHAT_AT_LEAST),
    )

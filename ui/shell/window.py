"""The main window: contacts on the left, the selected contact on the right."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from followup.clock import Clock
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import zone
from ui.contacts.list_loader import ContactsListLoader, Loaded
from ui.contacts.model import ContactsTableModel
from ui.contacts.orders import Prefetch
from ui.contacts.panel import ContactsPanel
from ui.ops.changes import ChangesHub
from ui.ops.index_upkeep import IndexUpkeep
from ui.ops.jobs import TaskRunner
from ui.shell import contact_page_slot, follow_writes, insights_slot, page_again, today_slot
from ui.shell.actions import TOOLBAR, build_actions, build_menus, set_icons
from ui.shell.after_paint import AfterFirstPaint
from ui.shell.narrow import SPLIT, fit_narrow
from ui.shell.undo import UndoStack
from ui.shell.welcome import WelcomePage
from ui.shell.wiring import connect_actions
from ui.style import theme
from ui.widgets import layouts
from ui.widgets.responsive import fit_on_screen

if TYPE_CHECKING:
    from ui.calendar.live_sync import LiveSync
    from ui.contacts.page import ContactPage
    from ui.insights.view import InsightsView
    from ui.today.controller import TodayController
    from ui.today.model import TodayModel
    from ui.today.new_meetings import NewMeetingsPanel
    from ui.today.view import TodayView

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        clock: Clock,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        initial_view: str = "today",
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.data_dir = data_dir
        self.tz: ZoneInfo = zone(store.settings.user_zone())
        self.tasks = TaskRunner(store.path, clock, self)
        # Every write says what it touched here; each view refreshes itself from it.
        self.hub = ChangesHub(store.conn, self)
        self.reminders: Any = None  # ui.reminders.service.ReminderService, once attached
        self.mail_sync: QObject | None = None  # ui/shell/mail_hookup.py, once mail is installed
        self.mail_drop: QObject | None = None
        self.initial_view = initial_view
        self.after_paint = AfterFirstPaint(self)  # what the first frame does not show
        self.setWindowTitle("Followup")
        screen = self.screen() or QGuiApplication.primaryScreen()
        self.setGeometry(fit_on_screen(QSize(1280, 800), screen.availableGeometry()))

        self.registry = build_actions(self)  # the toolbar's icons: the first frame's pixmaps only, then the rest
        self.after_paint.add(lambda: set_icons(self.registry, TOOLBAR))
        self.undo_stack = UndoStack(self.registry.undo, self.hub, self, self.show_status)
        self.contacts_model = ContactsTableModel(clock.now, self.tz, Preferences.load(store).cadences)
        # The whole list is read on the worker; the model is swapped in here.
        self.contacts_loader = ContactsListLoader(store.path, clock, self)
        self.contacts_loader.loaded.connect(self._show_contact_rows)
        self.contacts_loader.failed.connect(lambda message: self.show_status(f"The contacts list: {message}"))
        self.contacts_orders = Prefetch(self.contacts_model, self)  # each order sorted on the worker
        self.contacts_panel = ContactsPanel(self.contacts_model)
        self._contact_page: ContactPage | None = None  # built on first use (contact_page_slot.py)
        self.placeholder = QLabel("Select a contact to see their details and the log of every touch point.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(f"color: {theme.muted().name()};")
        self.right = layouts.ShownWidthStack()  # (its hint: ui/widgets/layouts.py)
        self.right.addWidget(self.placeholder)
        self.page_room: QWidget | None = contact_page_slot.keep_room(self.right)  # until the page is built
        self.splitter = QSplitter()
        self.splitter.addWidget(self.contacts_panel)
        # The page scrolls when the list above it leaves it less than it needs (stacked, narrow)
        self.right_scroll = QScrollArea()
        self.right_scroll.setWidgetResizable(True)
        self.right_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.right_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.right_scroll.setWidget(self.right)
        self.splitter.addWidget(self.right_scroll)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes(SPLIT)
        self.splitter.setChildrenCollapsible(False)
        self.narrow = fit_narrow(self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Today is built at once when the window opens on it, else after the first paint (ui/shell/today_slot.py).
        self.today_built: today_slot.Today | None = None
        self.today_page = QWidget()
        today_layout = QVBoxLayout(self.today_page)
        today_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.today_page, "Today")
        self.tabs.addTab(self.splitter, "Contacts")
        # Insights is built when first shown: its module and widgets are off the other views' start-up path.
        self.insights_built: InsightsView | None = None  # its frame at least (ui/shell/insights_slot.py)
        self.insights_page = QWidget()
        insights_layout = QVBoxLayout(self.insights_page)
        insights_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.insights_page, "Insights")
        self.tabs.setTabToolTip(0, "What is overdue, due today and this week (Ctrl+1)")
        self.tabs.setTabToolTip(1, "Everyone you work with (Ctrl+2)")
        self.tabs.setTabToolTip(2, "Reply times, promises kept, relationship health (Ctrl+3)")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.welcome = WelcomePage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.tabs)
        self.setCentralWidget(self.pages)
        from ui.shell.contact_actions import ContactActions
        from ui.shell.data_io import DataIO
        from ui.shell.engagement_actions import EngagementActions

        self.io = DataIO(self, self.tasks, self.undo_stack.clear, self._listed_contacts)
        self.engagements = EngagementActions(self)
        self.contact_actions = ContactActions(self)
        from ui.shell.follow_up_actions import FollowUpActions

        self.follow_up_actions = FollowUpActions(self, self._acted_on_contact)
        self.page_fresh: int | None = None  # whose page follow_writes filled after the last change
        self.hub.changed.connect(lambda changes: follow_writes.on_changed(self, changes))
        self._build_menus()
        self._connect()
        from ui.shell.bulk_wiring import install as install_bulk

        self.contacts_bulk = install_bulk(self)  # several contacts selected: tag, archive, delete... (issue 15)
        from ui.shell import live_calendars

        self.live_sync: LiveSync | None = None
        self.new_meetings: NewMeetingsPanel | None = None  # in Today, once built
        live_calendars.attach_panel(self)
        if initial_view == "today":
            today_slot.build_now(self)
        else:
            self.after_paint.add(lambda: today_slot.build_in_slices(self))
        from ui.shell import people_tools

        self.saved_views = people_tools.attach(self)  # saved views, merge, likely duplicates (issue 15)
        if initial_view in ("contacts", "contact"):
            self.tabs.setCurrentWidget(self.splitter)
        elif initial_view == "insights":
            self.tabs.setCurrentWidget(self.insights_page)
        self.after_paint.add(self._build_contact_page)  # ready before the first click
        # the rest of the list from the worker, once the first frame is done
        first = self.contacts_loader.first_screenful(store, lambda start: self.after_paint.add(start, first=True))
        if first is not None:
            self._show_contact_rows(first)
        # (today_built, not today: a part asked for builds the rest, and a panel may be left to after the paint)
        if self.today_built is not None and self.today_built.controller.busy():  # Today's list is on the worker:
            self.after_paint.hold(self.today_built.controller.shown)  # what waits for the first frame waits too

    # -- building --------------------------------------------------------------

    def _build_menus(self) -> None:
        build_menus(self, self.registry)
        self.statusBar().showMessage("Ready", 2000)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """Every shortcut of the window and its views, as Help > Keyboard shortcuts lists them."""
        from ui.shell.window_dialogs import shortcut_rows

        return shortcut_rows(self)

    def _connect(self) -> None:
        connect_actions(self)

    # -- showing ---------------------------------------------------------------

    def reload_contacts(self) -> None:
        """Read the list again: at once when it is small, else on the worker
        (the list stays as it is until the new one arrives)."""
        loaded = self.contacts_loader.load(self.store, self.registry.show_archived.isChecked())
        if loaded is not None:
            self._show_contact_rows(loaded)

    def _show_contact_rows(self, loaded: Loaded) -> None:
        with self.contacts_bulk.told_once():  # the selection bar: its end state, not each step
            self._show_rows(loaded)

    def _show_rows(self, loaded: Loaded) -> None:
        current, kept = self.contacts_panel.current_contact_id(), self.contacts_panel.selection_to_keep()
        self.contacts_model.set_rows(
            loaded.rows, complete=loaded.complete, in_name_order=loaded.by_name, where=loaded.where
        )
        has_any = bool(loaded.rows) or loaded.total > 0
        self.pages.setCurrentWidget(self.tabs if has_any else self.welcome)
        r = self.registry
        shown_with_contacts = (r.log_touch_point, r.find, r.search_notes, r.plan_engagement, r.done)
        for action in (*shown_with_contacts, r.go_today, r.go_contacts, r.go_insights):
            action.setEnabled(has_any)
        if has_any and self.tabs.currentWidget() is self.today_page:
            (self.today_built.controller if self.today_built is not None else self.today).refresh_if_stale()
        if current is not None and page_again.select_again(self, current):
            self.contacts_panel.select_also(kept)  # the rest of what was selected, selected again
            return
        self.right.setCurrentWidget(self.placeholder)
        self.update_contact_actions()

    @property
    def today_view(self) -> TodayView:
        """Today's view, built the first time it is asked for (ui/shell/today_slot.py)."""
        return today_slot.parts(self).view

    @property
    def today_model(self) -> TodayModel:
        return today_slot.parts(self).model

    @property
    def today(self) -> TodayController:
        """What acts on Today's follow-ups."""
        return today_slot.parts(self).controller

    @property
    def contact_page(self) -> ContactPage:
        """The contact page, built the first time it is asked for."""
        if self._contact_page is None:
            self._contact_page = contact_page_slot.build(self)
        return self._contact_page

    def _build_contact_page(self) -> None:
        contact_page_slot.build_in_slices(self)

    def show_contact(self, contact_id: int) -> None:
        if contact_page_slot.fill(self, contact_id):
            self.right.setCurrentWidget(self.contact_page)
            if self.contact_page.isVisible():  # (on Today, a change to the contact shown: laid out when shown)
                self.contact_page.lay_out_now()  # one layout, one paint
        else:  # gone
            self.right.setCurrentWidget(self.placeholder)
        self.update_contact_actions()

    def show_tab(self, widget: QWidget) -> None:
        if self.pages.currentWidget() is self.tabs:
            self.tabs.setCurrentWidget(widget)
            if widget is self.today_page:
                self.today_view.tree.setFocus()

    def open_contact(self, contact_id: int) -> None:
        """Select a contact in the list, clearing filters that hide them."""
        self.tabs.setCurrentWidget(self.splitter)
        if not self.contacts_panel.select_contact(contact_id):
            self.contacts_panel.search.clear()
            self.contacts_panel.kind_filter.setCurrentIndex(0)
            self.saved_views.show_view(None)
            if not self.contacts_panel.select_contact(contact_id):
                self.registry.show_archived.setChecked(True)
                self.contacts_panel.select_contact(contact_id)
        self.show_contact(contact_id)

    def shown_contact_id(self) -> int | None:
        page = self._contact_page  # not built: no contact was ever shown
        c = page.contact if page is not None else None
        return c.id if c and self.right.currentWidget() is page else None

    def _acted_on_contact(self) -> int | None:
        """The contact shown, or the one of the follow-up selected in Today."""
        if self.tabs.currentWidget() is self.today_page and (fu := self.today_view.current()) is not None:
            return fu.contact_id
        return self.shown_contact_id()

    def _listed_contacts(self) -> list[int]:
        return self.contacts_model.ids_between(0, self.contacts_model.rowCount() - 1)  # in C: not a call a row

    def _on_demo_loaded(self) -> None:
        self.tabs.setCurrentWidget(self.today_page)
        self.contacts_panel.select_first()

    def update_contact_actions(self) -> None:
        shown = self.shown_contact_id()
        for action in (self.registry.edit_contact, self.registry.archive_contact, self.registry.delete_contact):
            action.setEnabled(shown is not None)
        if shown is not None and (c := self.contact_page.contact):
            self.registry.archive_contact.setText("Un&archive contact" if c.archived else "&Archive contact")

    # -- tabs ------------------------------------------------------------------------

    def _on_tabs_current_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.today_page:
            self.today.refresh_if_stale()
        if self.tabs.currentWidget() is self.insights_page:
            insights_slot.shown(self)

    @property
    def insights_view(self) -> InsightsView:
        """The whole Insights view, built now if need be (else it is built in slices: insights_slot.py)."""
        return insights_slot.view(self)

    def _on_done_triggered(self) -> None:
        if self.today_built is not None and (fu := self.today_view.current()) is not None:
            self.today.done(fu)

    # -- the Shell protocol (ui/ops/shell.py): what features may ask of the window -----

    def dialog_parent(self) -> QWidget:
        return self

    def show_status(self, message: str, msecs: int = 6000) -> None:
        self.statusBar().showMessage(message, msecs)

    def offer_undo(self, description: str, undo: Callable[[], object]) -> None:
        self.undo_stack.push(description, undo)

    # -- the rest --------------------------------------------------------------------

    def show_organisations(self, name: str | None = None) -> None:
        """Everyone at ``name`` (or the first organisation), in a dialog to act from."""
        from ui.shell.organisations import show_organisations

        show_organisations(self, name)

    def _on_find_triggered(self) -> None:
        if self.pages.currentWidget() is self.tabs:
            self.show_tab(self.splitter)
            self.contacts_panel.focus_search()

    def _on_contacts_panel_contact_activated(self, contact_id: int) -> None:
        self.show_contact(contact_id)
        self.contact_page.timeline.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        reminders = self.reminders
        if reminders is not None and reminders.keeps_running():
            # With a tray, closing hides: reminders keep coming. Quit quits.
            event.ignore()
            self.hide()
            reminders.closed_to_tray()
            return
        self.io.flush_live_file()
        for upkeep in self.findChildren(IndexUpkeep):
            upkeep.stop()  # no merge of the search index starts any more
        self.after_paint.cancel()  # nothing more is built for a window that has gone
        contact_page_slot.stop(self)  # (its page's warm-ups read the store)
        today_slot.stop(self)  # (its controller reads the store)
        page_again.stop_later(self)  # nor filled
        self.contacts_loader.cancel()  # nobody will see the list being read
        self.contacts_orders.cancel()
        self.tasks.wait(10_000)
        self.hub.timer.stop()
        self.io.flush_live_file()  # a change from the last second still reaches the calendar file
        super().closeEvent(event)

    def attach_reminders(self, reminders: Any) -> None:  # ui.reminders.service.ReminderService
        from ui.shell.reminders_hookup import attach_reminders

        attach_reminders(self, reminders)

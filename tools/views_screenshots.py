"""Render the screens of saved views, merging and duplicates, and the contact
dialog's dates, addresses and links, to PNG with a fixed clock: long names,
right-to-left text. Dark with --dark; 200% with QT_SCALE_FACTOR=2.

    python tools/views_screenshots.py OUT_DIR [--dark]

Look at each PNG after a change (the project's rule for screens).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import shot_kit

from followup.clock import FixedClock
from followup.domain import (
    Address,
    Channel,
    Contact,
    ContactDate,
    DateKind,
    Direction,
    Kind,
    LabelledValue,
    Link,
    TouchPoint,
)
from followup.engine.reminders_one_off import add_reminder
from followup.engine.touch_points import log_touch_point
from followup.saved_views import Criteria
from followup.store import Store
from followup.store import saved_views as stored

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)


def fill(store: Store) -> dict[str, int]:
    store.settings.set("user_tz", "Europe/Lisbon")
    add = store.contacts.add
    ana = add(Contact(
        "Ana Beatriz Lima de Albuquerque Figueiredo", Kind.CLIENT, "Acme Logistics Internacional, Lda.",
        "Head of Procurement", emails=[LabelledValue("ana@acme.example", "work")], tags=["vip", "renewal-q1"],
        phones=[LabelledValue("+351 21 000 1234", "work")],
        dates=[ContactDate(DateKind.BIRTHDAY, 11, 27, 1980), ContactDate(DateKind.CONTRACT_RENEWAL, 12, 20),
               ContactDate(DateKind.CUSTOM, 3, 1, label="Founded the company", lead_days=3)],
        addresses=[Address("work", "Rua Augusta 100, Edifício Central, Piso 4\nSala 402", "Lisboa", "",
                           "1100-053", "Portugal"),
                   Address("home", "רחוב הרצל 12", "תל אביב", "", "6100000", "ישראל")],
        links=[Link("https://www.linkedin.com/in/ana-beatriz-lima-de-albuquerque-figueiredo", "linkedin"),
               Link("https://acme.example/")],
    ))  # fmt: skip
    twin = add(Contact(
        "Ana B. Lima de Albuquerque", Kind.SUPPLIER, "", "Compradora",
        emails=[LabelledValue("ana.lima@gmail.example", "home"), LabelledValue("ana@acme.example")],
        notes="Prefers calls before 10:00. Quarter end in March.", tags=["lisbon"],
        addresses=[Address("home", "רחוב הרצל 12", "תל אביב", "", "6100000", "ישראל")],
    ))  # fmt: skip
    noa = add(Contact("נועה לוי", Kind.CLIENT, "\"כרמל\" טכנולוגיות", tags=["vip"],
                      phones=[LabelledValue("+972 3 555 1234")]))  # fmt: skip
    add(Contact("Noa Levi", Kind.CLIENT, "Carmel Tech", phones=[LabelledValue("03-555-1234")]))
    bo = add(Contact("Bo Chen", Kind.SUPPLIER, "Harbor Freight Co.", preferred_channel=Channel.PHONE, tags=["vip"]))
    add(Contact("José Peña", Kind.CLIENT, "Café Olé", emails=[LabelledValue("jose@cafe.example")]))
    add(Contact("pena, JOSE", Kind.OTHER))
    for i, name in enumerate(("Cara Okafor", "Devika Raman", "Emma Taylor", "Farid Haddad", "Grace Kim")):
        add(Contact(name, [Kind.CLIENT, Kind.PARTNER, Kind.COLLEAGUE][i % 3], tags=["vip"] if i % 2 else []))
    for days, cid in ((3, ana), (200, twin), (70, noa), (12, bo)):
        log_touch_point(store, TouchPoint(cid, NOW - timedelta(days=days), Channel.EMAIL, Direction.OUT, "Update"))
    log_touch_point(store, TouchPoint(noa, NOW - timedelta(hours=20), Channel.EMAIL, Direction.IN, "שאלה על ההצעה",
                                      needs_reply=True))  # fmt: skip
    add_reminder(store, bo, "Call Bo about the delayed shipment", NOW - timedelta(hours=3))
    add_reminder(store, ana, "Send Ana the renewal terms", NOW + timedelta(hours=3), channel="email")
    stored.save(store, "VIP clients overdue or waiting", Criteria(kind=Kind.CLIENT, tag="vip", overdue=True))
    stored.save(store, "Quiet VIPs", Criteria(tag="vip", touched_before="30d"))
    stored.save(store, "Waiting on me", Criteria(needs_reply=True))
    return {"ana": ana, "twin": twin, "noa": noa}


def main() -> int:
    args, _app, suffix = shot_kit.start()  # _app: the application lives while main runs
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "followup.db", FixedClock(NOW))
        ids = fill(store)
        from ui.shell import people_tools
        from ui.shell.window import MainWindow

        window = MainWindow(store, store.clock, Path(tmp))
        window.resize(1280, 800)
        window.reload_contacts()
        window.registry.go_contacts.trigger()
        bar = window.saved_views
        bar.reload()
        bar.show_view(stored.find(store, "Waiting on me").id)
        bar.show_criteria(Criteria(kind=Kind.CLIENT, tag="vip"))
        window.open_contact(ids["ana"])
        bar.show_view(stored.find(store, "Quiet VIPs").id)
        window.contact_page.show_contact(store.contacts.get(ids["ana"]), [], None)
        shot_kit.grab(window, args.out / f"saved-view{suffix}.png")

        from ui.contacts.view_dialog import ViewDialog

        view = ViewDialog(Criteria(kind=Kind.CLIENT, tag="vip", overdue=True, touched_before="90d"),
                          "VIP clients overdue or waiting", store.contacts.all_tags(), ["Acme"], NOW.date(),
                          lambda c, n: None, window)  # fmt: skip
        shot_kit.grab(view, args.out / f"view-dialog{suffix}.png")
        view.close()

        from followup.merge_preview import preview
        from ui.contacts.merge_dialog import MergeDialog

        merge = MergeDialog(lambda k, o: preview(store, k, o), ids["ana"], ids["twin"], store.path, window)
        shot_kit.grab(merge, args.out / f"merge-preview{suffix}.png")
        merge.close()

        from followup import duplicates
        from ui.contacts.duplicates_dialog import DuplicatesDialog

        dups = DuplicatesDialog(window)
        dups.set_pairs(duplicates.find(store))
        shot_kit.grab(dups, args.out / f"duplicates{suffix}.png")
        dups.close()

        from ui.contacts.dialog import ContactDialog

        dialog = ContactDialog(store.contacts.get(ids["ana"]), store.path, lambda c: None, window)
        for tab, name in ((1, "dates"), (2, "addresses"), (3, "links")):
            dialog.tabs.setCurrentIndex(tab)
            shot_kit.grab(dialog, args.out / f"contact-dialog-{name}{suffix}.png")
        dialog.close()

        window.registry.go_today.trigger()
        window.today.filter_bar.kind.setCurrentIndex(window.today.filter_bar.kind.findData(Kind.SUPPLIER))
        shot_kit.grab(window, args.out / f"today-filter{suffix}.png")
        window.today.filter_bar.kind.setCurrentIndex(0)
        del people_tools
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

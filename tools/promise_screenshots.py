"""Render the screens of issue 13 to PNG, on a small made-up data set with a
fixed clock: Today (sections, a call in another zone with both clocks), the
log dialog with "This answers", the edit-engagement dialog and Settings.

    python tools/promise_screenshots.py OUT_DIR [--dark]

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
from followup.domain import Channel, Contact, Direction, Kind, LabelledValue, TouchPoint
from followup.engine import plans
from followup.engine.touch_points import log_touch_point
from followup.planning.model import Engagement, FollowUp, Source
from followup.store import Store

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # Wednesday 10:30 in Lisbon


def fill(store: Store) -> dict[str, int]:
    store.settings.set("user_tz", "Europe/Lisbon")
    add = store.contacts.add
    ana = add(Contact("Ana Lima", kind=Kind.CLIENT, tz="Europe/Lisbon", organisation="Acme Lda",
                      emails=[LabelledValue("ana@acme.pt", "work")]))  # fmt: skip
    bo = add(Contact("Bo Chen", kind=Kind.SUPPLIER, tz="America/New_York", organisation="Harbor Freight Co."))
    cara = add(Contact("Cara Okafor", kind=Kind.PARTNER, tz="Europe/Berlin"))
    dev = add(Contact("Devika Raman-Oliveira de Souza", kind=Kind.COLLEAGUE, tz="Asia/Kolkata"))
    question = TouchPoint(ana, NOW - timedelta(hours=27), Channel.EMAIL, Direction.IN,
                          "Asked for the updated quote", needs_reply=True, tz="Europe/Lisbon")  # fmt: skip
    log_touch_point(store, question)

    def item(cid: int, title: str, due: datetime, channel: str | None, tz: str, source: Source = Source.MANUAL) -> None:
        store.follow_ups.add(FollowUp(cid, title, source, due=due, tz=tz, channel=channel))

    item(cara, "Stay in touch with Cara", NOW - timedelta(days=40), "email", "Europe/Berlin", Source.CADENCE)
    item(dev, "Send Devika the workshop notes", NOW + timedelta(hours=4), "email", "Europe/Lisbon")
    item(bo, "Call Bo about the delayed shipment", datetime(2026, 11, 26, 23, 0, tzinfo=UTC), "phone",
         "America/New_York")  # fmt: skip
    item(ana, "Remind Ana of the renewal", datetime(2026, 11, 27, 9, 0, tzinfo=UTC), "email", "Europe/Lisbon")
    start = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
    e = Engagement("Quarterly review", [ana], start=start, end=start + timedelta(hours=1), tz="Europe/Lisbon",
                   location="Acme office, Porto")  # fmt: skip
    eid = plans.create(store, e, plans.default_playbook(store, [ana])).engagement_id
    return {"ana": ana, "bo": bo, "engagement": eid}


def main() -> int:
    args, _app, suffix = shot_kit.start()  # _app: the application lives while main runs
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "followup.db", FixedClock(NOW))
        ids = fill(store)
        from ui.shell.window import MainWindow

        window = MainWindow(store, store.clock, Path(tmp))
        window.resize(1180, 640)
        window.reload_contacts()
        window.registry.go_today.trigger()
        window.today.refresh()
        shot_kit.grab(window, args.out / f"today{suffix}.png")

        from ui.contacts.touch_point_dialog import TouchPointDialog

        tp = TouchPoint(ids["ana"], NOW, Channel.EMAIL, Direction.OUT, "Sent the updated quote", tz="Europe/Lisbon")
        promises = store.follow_ups.open_of_source(ids["ana"], Source.REPLY)
        log = TouchPointDialog(tp, "Ana Lima", Channel.EMAIL, window.tz, lambda _tp: None, window, promises=promises,
                               now=store.clock.now)  # fmt: skip
        shot_kit.grab(log, args.out / f"log-dialog{suffix}.png")
        log.close()

        from followup.engine import plans as p
        from ui.engagements.plan_dialog import PlanDialog

        engagement = store.engagements.get(ids["engagement"])
        dialog = PlanDialog(store.path, store.playbooks.all(), labels=store.contacts.picker_labels(engagement.contact_ids),
                            preview=lambda e, b: p.preview(store, e, b),
                            save=lambda e, b: None, default_playbook=lambda c: p.default_playbook(store, c),
                            tz=window.tz, start=NOW, parent=window)  # fmt: skip
        dialog.load(engagement)
        shot_kit.grab(dialog, args.out / f"edit-engagement{suffix}.png")
        dialog.done(0)

        from ui.shell.settings_dialog import SettingsDialog

        store.settings.set("reply_window_client", {"hours": 4, "working": True})
        store.settings.set("reply_window_supplier", {"hours": 48, "working": False})
        settings = SettingsDialog(store, window, set_autostart=lambda _on: None)
        shot_kit.grab(settings, args.out / f"settings{suffix}.png")
        settings.close()
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

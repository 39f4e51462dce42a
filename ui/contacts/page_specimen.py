"""A made-up contact the contact page shows once, unseen, before the user
opens a real one (ui/shell/contact_page_slot.py).

The first contact a page shows costs more than the next ones: Qt lays out its
first rich text, makes the font engines of the heading and the cards' fonts,
draws their first glyphs, reads the locale's date formats. Shown this
specimen while hidden, and drawn once into a pixmap nobody sees, the page has
paid for all that before the first click. Nothing of it is written anywhere
and nothing reads it: the page forgets it (``forget``) and the next contact
shown replaces every field.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QRect

from followup.domain import Channel, Contact, Direction, Kind, LabelledValue, Mood, TouchPoint
from ui.contacts.page import ContactPage

NOTE = (
    "Asked for the revised quote by Friday; they are waiting on their own customer before they commit. "
    "Their team is short-staffed until the new hire starts, so expect slow answers for a few weeks. "
    "We talked about the conference in Lisbon; they may present a case study there."
)


def specimen(now: datetime) -> tuple[Contact, list[TouchPoint]]:
    """A contact with every field the page shows filled, and three touch points."""
    contact = Contact(
        name="Specimen Contact",
        kind=Kind.CLIENT,
        organisation="Specimen Organisation",
        title="Head of Purchasing",
        emails=[LabelledValue("specimen@example.invalid", "work")],
        phones=[LabelledValue("+44 20 7946 0000", "mobile")],
        tags=["specimen", "never shown"],
        notes=NOTE,
        id=0,
        created_at=now - timedelta(days=400),
        last_touched_at=now - timedelta(days=3),
    )
    touch_points = [
        TouchPoint(
            0, now - timedelta(days=3 + 9 * i), channel, direction, f"Specimen touch point {i}", notes=NOTE, id=-1 - i
        )
        for i, (channel, direction) in enumerate(
            ((Channel.EMAIL, Direction.IN), (Channel.PHONE, Direction.OUT), (Channel.IN_PERSON, Direction.MET))
        )
    ]
    touch_points[0].mood = Mood.BUSY
    touch_points[0].needs_reply = True
    return contact, touch_points


def fill(page: ContactPage, now: datetime) -> None:
    """Show the specimen on the (hidden) page; nothing is read from the store."""
    contact, touch_points = specimen(now)
    model = page.timeline_model
    sources = model.thread_source, model.kept_source  # (they read the mail of a real contact)
    model.thread_source = model.kept_source = None
    try:
        page.show_contact(contact, touch_points, None)
    finally:
        model.thread_source, model.kept_source = sources
    page.set_plans([], [], [])


def draw(page: ContactPage, band: int, bands: int) -> None:
    """Draw one of ``bands`` horizontal bands of the page (0 the top) into a
    pixmap nobody sees: its first glyphs."""
    height = max(page.height() // bands, 1)
    page.grab(QRect(0, band * height, page.width(), height if band < bands - 1 else page.height()))


def forget(page: ContactPage) -> None:
    """The page shows no one (and holds none of the specimen's touch points)."""
    page.contact = None
    page.set_touch_points([])

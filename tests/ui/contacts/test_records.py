"""The contact page shows dates, addresses, links and the photo (issue 15);
the contact dialog keeps them when saving. Rendered to PNG to be looked at
(set FOLLOWUP_SHOTS=DIR to keep the images)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from followup.clock import FixedClock
from followup.domain import Address, Contact, ContactDate, DateKind, Kind, LabelledValue, Link
from followup.store import Store
from ui.contacts.dialog import ContactDialog
from ui.shell.window import MainWindow

PICTURE = Path(__file__).resolve().parents[3] / "resources" / "icons" / "png" / "followup-128.png"  # a real image


def _rich(**more: object) -> Contact:
    return Contact(
        "Ana Beatriz Lima de Albuquerque Figueiredo", Kind.CLIENT, "Acme Logistics Internacional, Lda.",
        "Head of Procurement", emails=[LabelledValue("ana@acme.example", "work")],
        dates=[ContactDate(DateKind.BIRTHDAY, 11, 25, 1980), ContactDate(DateKind.CONTRACT_RENEWAL, 12, 20),
               ContactDate(DateKind.CUSTOM, 3, 1, label="Founded the company")],
        addresses=[Address("work", "Rua Augusta 100, Edifício Central, Piso 4, Sala 402\nSuite 4", "Lisboa", "",
                           "1100-053", "Portugal"),
                   Address("home", "רחוב הרצל 12", "תל אביב", "", "6100000", "ישראל")],
        links=[Link("https://www.linkedin.com/in/ana-beatriz-lima-de-albuquerque-figueiredo-1234567890", "linkedin"),
               Link("https://acme.example/")],
        photo=PICTURE.read_bytes(), photo_type="image/png", **more,  # type: ignore[arg-type]
    )  # fmt: skip


def _shoot(window: MainWindow, name: str) -> None:
    out = os.environ.get("FOLLOWUP_SHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(out) / f"{name}.png"))


def test_the_page_shows_dates_addresses_links_and_photo(window: MainWindow, store: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a contact with long values and a right-to-left address
    cid = store.contacts.add(_rich())
    window.reload_contacts()
    # WHEN their page is open
    window.open_contact(cid)
    page = window.contact_page
    window.resize(1200, 800)
    qtbot.waitExposed(window)
    # THEN each record is shown, the dates say when they come next
    assert "Birthday: 25 November 1980 (turns 46 in 2 days)" in page.dates_value.text()
    assert "Contract renewal: 20 December (in 27 days)" in page.dates_value.text()
    assert "reminder 30 days ahead" in page.dates_value.text()
    assert "1100-053 Lisboa" in page.addresses_value.text() and "תל אביב" in page.addresses_value.text()
    assert "href='https://acme.example/'" in page.links_value.text()
    assert page.photo_label.isVisible() and not page.photo_label.pixmap().isNull()
    assert page.details.isRowVisible(page.links_value)
    _shoot(window, "contact-records-small")  # the details scroll, nothing is cut off
    window.resize(1200, 1000)
    qtbot.wait(10)
    assert page.details_area.verticalScrollBar().maximum() == 0  # room enough: all of it shows
    _shoot(window, "contact-records")


def test_a_contact_without_records_shows_no_empty_rows(window: MainWindow, store: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    cid = store.contacts.add(Contact("Tom Okafor"))
    window.reload_contacts()
    window.open_contact(cid)
    page = window.contact_page
    for widget in (page.dates_value, page.addresses_value, page.links_value):
        assert not page.details.isRowVisible(widget)
    assert not page.photo_label.isVisible()


def test_only_web_links_open_from_the_page(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("ui.contacts.page.QDesktopServices.openUrl", lambda url: opened.append(QUrl(url).toString()))
    page = window.contact_page
    for link in ("https://acme.example/", "file:///etc/passwd", "javascript:alert(1)"):
        page._on_web_link_activated(link)
    assert opened == ["https://acme.example/"]


def test_saving_the_dialog_keeps_the_records(qtbot, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a contact with dates, addresses, links and a photo, edited in the dialog
    cid = store.contacts.add(_rich())
    saved: list[Contact] = []
    dialog = ContactDialog(store.contacts.get(cid), store.path, saved.append)
    qtbot.addWidget(dialog)
    dialog.title.setText("Director")
    # WHEN it is saved
    dialog.accept()
    store.contacts.update(saved[0])
    # THEN nothing the dialog does not show was lost
    back = store.contacts.get(cid)
    assert back.title == "Director"
    assert len(back.dates) == 3 and len(back.addresses) == 2 and len(back.links) == 2 and back.photo


def test_a_birthday_comes_due_in_today_like_a_follow_up(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN (Monday 23 November) a birthday today
    store.contacts.add(Contact("Ana Lima", dates=[ContactDate(DateKind.BIRTHDAY, 11, 23, 1980)]))
    # WHEN Today is shown
    window.reload_contacts()
    window.registry.go_today.trigger()
    qtbot.waitUntil(lambda: window.today_model.count() > 0)
    # THEN it is due today, with who and what kind of item it is
    model = window.today_model
    today = model.section_index(1)
    rows = [(model.index(r, 0, today).data(), model.index(r, 1, today).data(), model.index(r, 2, today).data())
            for r in range(model.rowCount(today))]  # fmt: skip
    assert ("Ana's birthday (turns 46)", "Ana Lima", "Important date") in rows


def test_the_dialog_sets_and_checks_the_birthday(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a contact with a renewal date, edited in the dialog
    cid = store.contacts.add(Contact("Tom Okafor", dates=[ContactDate(DateKind.CONTRACT_RENEWAL, 12, 20)]))
    saved: list[Contact] = []
    dialog = ContactDialog(store.contacts.get(cid), store.path, saved.append)
    qtbot.addWidget(dialog)
    # WHEN a birthday that does not exist is typed and saved
    dialog.birthday.setText("1981-02-29")
    dialog.accept()
    # THEN the dialog says why, and nothing is saved
    assert not saved and dialog.error.text() == "Birthday: February has no day 29."
    # WHEN a birthday without a year is typed
    dialog.birthday.setText("04-12")
    dialog.accept()
    store.contacts.update(saved[0])
    # THEN it is stored beside the renewal, and shown again as typed
    back = store.contacts.get(cid)
    assert sorted(d.iso() for d in back.dates) == ["--04-12", "--12-20"]
    again = ContactDialog(back, store.path, saved.append)
    qtbot.addWidget(again)
    assert again.birthday.text() == "04-12"

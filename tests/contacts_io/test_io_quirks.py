"""Files as real programs write them (issue 14): Thunderbird's CSV, legacy
encodings, KDE and Android oddities. Each fixture in files/quirks reproduces
one quirk (see files/quirks/README.md)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from followup.contacts_io import ContactsFileError, read_bytes, read_file
from followup.contacts_io.detect import decode
from followup.contacts_io.export import load_contacts
from followup.contacts_io.merge import apply_import
from followup.domain import LabelledValue
from followup.store import Store

QUIRKS = Path(__file__).resolve().parent / "files" / "quirks"


def test_thunderbird_csv_is_recognised_and_keeps_emails_phones_and_organisation() -> None:
    # GIVEN Thunderbird's own CSV export
    # WHEN it is read with the format detected
    parsed = read_file(QUIRKS / "thunderbird.csv")
    # THEN it is Thunderbird's layout, and nothing a person wrote is lost
    assert parsed.format == "thunderbird-csv"
    sigrun, tom = (i.contact for i in parsed.items)
    assert (sigrun.name, sigrun.organisation, sigrun.title) == ("Sigrún Jónsdóttir", "Fjord Tech ehf.", "CTO")
    assert sigrun.emails == [
        LabelledValue("sigrun@fjord-tech.example", ""),
        LabelledValue("sigrun.j@mail.example", ""),
    ]
    assert sigrun.phones == [LabelledValue("+354 510 2000", "work"), LabelledValue("+354 861 1234", "mobile")]
    assert (tom.name, tom.organisation, tom.phones) == (
        "Tom Okafor",
        "Okafor & Co",
        [LabelledValue("020 7946 0018", "home")],
    )


def test_any_csv_maps_columns_by_header_name() -> None:
    # GIVEN Thunderbird's CSV WHEN read as any CSV THEN columns are matched by their names
    parsed = read_file(QUIRKS / "thunderbird.csv", "csv")
    sigrun = parsed.items[0].contact
    assert parsed.format == "csv"
    assert [e.value for e in sigrun.emails] == ["sigrun@fjord-tech.example", "sigrun.j@mail.example"]
    assert "+354 861 1234" in [p.value for p in sigrun.phones]
    assert sigrun.organisation == "Fjord Tech ehf."


def test_a_csv_without_a_header_row_is_mapped_by_content() -> None:
    # GIVEN a CSV whose first line is already a contact
    data = b"Ana Lima,ana@acme.example,+351 912 345 678,Acme\r\nTom Okafor,tom@okafor.example,020 7946 0018,Okafor\r\n"
    # WHEN it is read as any CSV
    parsed = read_bytes(data, "csv")
    # THEN no row is taken for a header, and each column is what its values are
    assert [i.contact.name for i in parsed.items] == ["Ana Lima", "Tom Okafor"]
    ana = parsed.items[0].contact
    assert ana.emails[0].value == "ana@acme.example" and ana.phones[0].value == "+351 912 345 678"
    assert any("no header row" in n for n in parsed.notes)


@pytest.mark.parametrize("fmt", ["outlook-csv", "google-csv", "thunderbird-csv"])
def test_a_forced_format_that_maps_no_column_says_so(fmt: str) -> None:
    # GIVEN a French CSV WHEN forced as Outlook's, Google's or Thunderbird's THEN it is refused, saying why
    data = "Nom,Courriel,Téléphone\nAna,ana@x.example,+33 1 00 00 00 00\n".encode()
    with pytest.raises(ContactsFileError, match="none of its columns"):
        read_bytes(data, fmt)


def test_forcing_google_on_thunderbird_csv_says_so() -> None:
    # GIVEN Thunderbird's CSV WHEN read as Google's THEN none of its columns is Google's, and it says so
    # (read as Outlook's, its "Home Phone" column fits: the rest is kept in the notes, nothing lost)
    with pytest.raises(ContactsFileError, match="none of its columns"):
        read_file(QUIRKS / "thunderbird.csv", "google-csv")


@pytest.mark.parametrize(
    ("name", "encoding", "first", "organisation"),
    [
        ("shift_jis.csv", "Shift-JIS", "佐藤 花子", "株式会社テスト"),
        ("gb18030.csv", "GB18030", "张伟", "北京科技有限公司"),
        ("big5.csv", "Big5", "陳美玲", "台北電子股份有限公司"),
        ("euc_kr.csv", "EUC-KR", "김민준", "서울전자 주식회사"),
        ("windows1251.csv", "Windows-1251", "Иван Петров", "ООО Ромашка"),
        ("utf16_bom.csv", "UTF-16", "Zoë Ångström", "Ångström & Söner AB"),
    ],
)
def test_legacy_encodings_are_detected_and_named(name: str, encoding: str, first: str, organisation: str) -> None:
    # GIVEN a CSV in a legacy encoding WHEN read THEN the encoding is named and the text right
    parsed = read_file(QUIRKS / name)
    contact = parsed.items[0].contact
    assert parsed.encoding == encoding
    assert (contact.name, contact.organisation) == (first, organisation)
    assert contact.emails and contact.phones


def test_windows_1250_is_told_from_1252() -> None:
    text, encoding = decode("Name,Company\nPaweł Łódź,Zakład Usług Sp. z o.o.\n".encode("cp1250"))
    assert (encoding, text.splitlines()[1]) == ("Windows-1250", "Paweł Łódź,Zakład Usług Sp. z o.o.")


def test_a_shift_jis_vcard_honours_its_charset() -> None:
    # GIVEN a vCard 2.1 from a Japanese phone: CHARSET=SHIFT_JIS on each property, raw bytes
    parsed = read_file(QUIRKS / "shift_jis_phone.vcf")
    (item,) = parsed.items
    # THEN the text is Japanese, not mojibake, and the encoding says where it came from
    assert (item.contact.name, item.contact.organisation) == ("山田 太郎", "株式会社サンプル")
    assert item.contact.emails[0].value == "taro.yamada@sample.example"
    assert "Shift-JIS" in parsed.encoding


def test_utf8_with_one_invalid_byte_is_read_as_utf8_and_the_spot_reported() -> None:
    # GIVEN a UTF-8 file in which one byte is damaged
    parsed = read_file(QUIRKS / "utf8_one_bad_byte.csv")
    # THEN every other accent is right, and the damaged spot is named
    assert parsed.encoding == "UTF-8"
    names = [i.contact.name for i in parsed.items]
    assert names[:2] == ["José Peña", "Zoë Ångström"]
    assert names[2] == "Ren\ufffde Müller"  # "Renée" with the second byte of é lost
    assert any("line 4" in n and "not UTF-8" in n for n in parsed.notes)


def test_kde_x_messaging_properties_do_not_refuse_the_file() -> None:
    parsed = read_file(QUIRKS / "kde_x_messaging.vcf")
    kalle, konqi = (i.contact for i in parsed.items)
    assert (kalle.name, kalle.organisation, kalle.emails[0].value) == ("Kalle Kontact", "KDE e.V.", "kalle@kde.example")
    assert kalle.phones == [LabelledValue("+49 89 1234567", "work")]
    assert "kallekontact" in kalle.notes  # an instant-messaging handle is kept, readable
    assert konqi.name == "Konqi Dragon"


def test_android_backslash_continuation_does_not_refuse_the_file() -> None:
    parsed = read_file(QUIRKS / "android_continuation.vcf")
    andy, second = (i.contact for i in parsed.items)
    assert (andy.name, andy.organisation) == ("Andy Android", "Google")
    assert "First line of a long note" in andy.notes and "that goes on here" in andy.notes
    assert second.phones == [LabelledValue("+1 650 253 0001", "work")]


def test_an_unreadable_line_is_skipped_and_named_the_rest_kept() -> None:
    # GIVEN a card with a line that is not a property WHEN read THEN the card is kept and the line named
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kept Person\r\n::::garbage\r\nEMAIL:kept@example.com\r\nEND:VCARD\r\n"
    parsed = read_bytes(data)
    (item,) = parsed.items
    assert item.contact.emails[0].value == "kept@example.com"
    assert parsed.notes == ["Line 4 (card 1) could not be read and was skipped: '::::garbage'."]


def test_a_google_csv_with_bare_carriage_returns_is_read_like_pythons_csv() -> None:
    # GIVEN Google's CSV with bare CRs inside cells WHEN read THEN the values are those Python's csv reads
    raw = (QUIRKS / "google_bare_cr.csv").read_bytes().decode()
    (row,) = list(csv.DictReader(io.StringIO(raw, newline="")))
    (item,) = read_file(QUIRKS / "google_bare_cr.csv").items
    assert item.contact.emails[0].value == row["E-mail 1 - Value"]
    assert item.contact.notes.startswith(row["Notes"])


def test_bday_in_every_form_becomes_a_date_not_a_note(store: Store) -> None:
    # GIVEN BDAY as real programs write it
    parsed = read_file(QUIRKS / "bday_variants.vcf")
    apply_import(store, parsed.items)
    # THEN each is a birthday with or without its year; free text stays readable in the notes
    got = {c.name: ([d.iso() for d in c.dates], c.notes) for c in load_contacts(store)}
    assert got == {
        "Full Date": (["1980-04-12"], ""),
        "Basic Date": (["1980-04-12"], ""),
        "No Year": (["--04-12", "2015-06-20"], ""),
        "Apple No Year": (["--04-12"], ""),
        "With Time": (["1975-12-31"], ""),
        "Text Bday": ([], "Birthday: circa 1800"),
    }


def test_adr_url_social_profile_and_photo_become_fields(store: Store) -> None:
    # GIVEN a card with ADR, URL, a social profile and a photo link WHEN imported THEN each is a field
    apply_import(store, read_file(QUIRKS / "adr_url_social.vcf").items)
    (ana,) = load_contacts(store)
    assert [(a.label, a.lines()) for a in ana.addresses] == [
        ("work", ["Rua Augusta 100", "Suite 4", "1100-053 Lisboa", "Portugal"]),
        ("home", ["Rua do Sol 7", "Apartamento 2", "4000-001 Porto", "Portugal"]),
    ]
    assert [(link.label, link.url) for link in ana.links] == [
        ("", "https://acme.example/ana"),
        ("linkedin", "https://www.linkedin.com/in/ana-lima"),
    ]
    assert ana.photo_uri == "https://acme.example/ana.jpg" and ana.notes == ""


def test_thunderbird_birthday_address_and_web_page_become_fields() -> None:
    sigrun, tom = (i.contact for i in read_file(QUIRKS / "thunderbird.csv").items)
    assert [d.iso() for d in sigrun.dates] == ["1981-04-12"] and [d.iso() for d in tom.dates] == ["--11-03"]
    assert sigrun.addresses[0].one_line() == "Borgartún 26, 105 Reykjavík, Iceland"
    assert [link.url for link in sigrun.links] == ["https://fjord-tech.example"]


def test_importing_records_twice_doubles_nothing(store: Store) -> None:
    # GIVEN a file with birthdays, addresses, links and a photo link, imported once
    for name in ("bday_variants.vcf", "adr_url_social.vcf"):
        apply_import(store, read_file(QUIRKS / name).items)
    before = [(c.dates, c.addresses, c.links, c.photo_uri) for c in load_contacts(store)]
    # WHEN the same files come again
    for name in ("bday_variants.vcf", "adr_url_social.vcf"):
        summary = apply_import(store, read_file(QUIRKS / name).items)
        # THEN every row is skipped ("nothing new") and nothing is doubled
        assert not summary.created and not summary.merged
    assert [(c.dates, c.addresses, c.links, c.photo_uri) for c in load_contacts(store)] == before


def test_columns_whose_names_are_unknown_are_matched_by_what_they_hold() -> None:
    # GIVEN a French CSV: "Nom" is known, "Courriel" and "Portable" are not
    data = "Nom,Courriel,Portable\nAna Lima,ana@acme.example,+351 912 345 678\nTom,tom@x.example,020 7946 0018\n"
    # WHEN read as any CSV
    (ana, _tom) = (i.contact for i in read_bytes(data.encode(), "csv").items)
    # THEN the emails and phones are found by their shape
    assert (ana.emails[0].value, ana.phones[0].value) == ("ana@acme.example", "+351 912 345 678")
    assert "Courriel" not in ana.notes


def test_an_import_does_not_give_a_contact_a_second_birthday(store: Store) -> None:
    # GIVEN Al imported with a birthday
    apply_import(
        store, read_bytes(b"BEGIN:VCARD\r\nFN:Al\r\nEMAIL:al@x.example\r\nBDAY:1980-04-12\r\nEND:VCARD\r\n").items
    )
    # WHEN a card for him with another birthday is imported THEN his own is kept, not a second one
    other = read_bytes(b"BEGIN:VCARD\r\nFN:Al\r\nEMAIL:al@x.example\r\nBDAY:1981-05-13\r\nEND:VCARD\r\n").items
    summary = apply_import(store, other)
    assert not summary.merged  # nothing new: the birthday it has is kept
    assert [d.iso() for d in load_contacts(store)[0].dates] == ["1980-04-12"]


def test_a_german_thunderbird_export_is_mapped_by_its_header_names() -> None:
    # GIVEN Thunderbird's CSV from a German installation: the same columns, named in German
    data = (
        "Vorname,Nachname,Anzeigename,Spitzname,Primäre E-Mail-Adresse,Sekundäre E-Mail-Adresse,Tel. dienstlich,"
        "Mobil-Tel.-Nr.,Arbeitstitel,Abteilung,Organisation,Webseite 1,Notizen\r\n"
        "Jürgen,Müller,Jürgen Müller,,j.mueller@nordlicht.example,,+49 30 901820,+49 171 5550123,Projektleiter,"
        "Technik,Nordlicht GmbH,https://nordlicht.example,Mag keine Anrufe nach 17 Uhr\r\n"
    ).encode()
    # WHEN it is read with the format detected
    parsed = read_bytes(data)
    (c,) = (i.contact for i in parsed.items)
    # THEN name, email, phones, organisation, role, website and notes are where they belong
    assert parsed.format == "csv"
    assert (c.name, c.organisation, c.title) == ("Jürgen Müller", "Nordlicht GmbH", "Projektleiter")
    assert [e.value for e in c.emails] == ["j.mueller@nordlicht.example"]
    assert [p.value for p in c.phones] == ["+49 30 901820", "+49 171 5550123"]
    assert [link.url for link in c.links] == ["https://nordlicht.example"]
    assert c.notes.startswith("Mag keine Anrufe nach 17 Uhr")

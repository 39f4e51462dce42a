"""Finding anyone (issue 15): the matching rule shared by the contact filter and `contacts --query`."""

from __future__ import annotations

import pytest

from followup.matching import fold, haystack, matches, parse

JOSE = haystack(["José Peña", "Café Olé S.L.", "jose@cafe.example", "vip", "Loves the Ängström paper"],
                ["+49 30 1234567", "+34 91 123 45 67"])  # fmt: skip


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("jose pena", True), ("JOSÉ", True), ("pena jose", True), ("cafe ole", True), ("angstrom", True),
        ("+49 30", True), ("030", True), ("0049 30 123", True), ("+49301234567", True), ("91 123", True),
        ("091 123 45", True), ("jose smith", False), ("+44 20", False), ("0044", False), ("vip", True), ("", True),
    ],
)  # fmt: skip
def test_accents_case_word_order_phones_and_notes(query: str, found: bool) -> None:
    assert matches(parse(query), JOSE) is found


def test_folding_takes_letters_apart() -> None:
    assert fold("Ängström Øresund Straße Łódź") == "angstrom oresund strasse lodz"


def test_names_in_any_order() -> None:
    maria = haystack(["María González"])
    assert matches(parse("gonzalez maria"), maria) and not matches(parse("gonzalez mario"), maria)

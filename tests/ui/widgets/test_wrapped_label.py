"""A wrapped label measures each width once, gives Qt's own heights, and
measures again whenever what it shows or how changes (issue 16: the
contact page's labels were laid out about twenty times an open)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ui.widgets.wrapped_label import WrappedLabel

TEXTS = [
    (
        "<a href='mailto:a@example.com'>anna.longname@example-company.co.uk</a>"
        " <span style='color:#888'>(work)</span><br><a href='tel:1'>+44 20 7946 0000</a>",
        Qt.TextFormat.RichText,
    ),
    ("<div>Birthday: April 12, 1980 · in 3 days</div><div>Anniversary: May 1</div>", Qt.TextFormat.RichText),
    ("مرحبا بكم في شركتنا التي تعمل في مجال البرمجيات منذ سنوات عديدة", Qt.TextFormat.PlainText),
    ("Nothing noted yet. Edit the contact to note what has their attention and their pace.", Qt.TextFormat.PlainText),
    ("日本語のテキストはスペースなしで折り返す必要があります。これは長い文です。", Qt.TextFormat.PlainText),
    ("x" * 300, Qt.TextFormat.PlainText),
]
WIDTHS = (0, 37, 150, 301, 722, 16_777_215)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The widths Qt's own QLabel.heightForWidth measured, in order."""
    widths: list[int] = []
    qt_own = QLabel.heightForWidth

    def counted(self: QLabel, width: int) -> int:
        widths.append(width)
        return qt_own(self, width)

    monkeypatch.setattr(QLabel, "heightForWidth", counted)
    yield widths


def _label(text: str, text_format: Qt.TextFormat, parent: QWidget | None = None) -> WrappedLabel:
    label = WrappedLabel(parent=parent)
    label.setTextFormat(text_format)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def test_its_heights_are_qts_own(qtbot) -> None:  # type: ignore[no-untyped-def]
    for text, text_format in TEXTS:
        # GIVEN a wrapped label and a plain QLabel showing the same text the same way
        label = _label(text, text_format)
        qtbot.addWidget(label)
        plain = QLabel()
        qtbot.addWidget(plain)
        plain.setWordWrap(True)
        plain.setTextFormat(text_format)
        plain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        plain.setText(text)
        for width in WIDTHS:
            # WHEN each is asked its height at a width, twice THEN they agree, each time
            assert label.heightForWidth(width) == plain.heightForWidth(width), (text[:20], width)
            assert label.heightForWidth(width) == plain.heightForWidth(width), (text[:20], width)


def test_a_width_is_measured_once_until_the_text_changes(qtbot, asked: list[int]) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a label with a short text
    label = _label("Ana Lima · Acme", Qt.TextFormat.RichText)
    qtbot.addWidget(label)
    # WHEN it is asked at two widths, each several times
    short = [label.heightForWidth(w) for w in (300, 80, 300, 80, 300)]
    # THEN each width was measured once, and answered the same each time
    assert asked == [300, 80]
    assert short[0::2] == [short[0]] * 3 and short[1::2] == [short[1]] * 2
    # WHEN the same text is set again THEN nothing is measured again
    label.setText("Ana Lima · Acme")
    label.heightForWidth(300)
    assert asked == [300, 80]
    # WHEN its text grows to several lines THEN the width is measured again, and taller
    label.setText(" ".join(["a much longer organisation name"] * 12))
    assert label.heightForWidth(300) > short[0]
    assert asked == [300, 80, 300]


def test_a_change_of_font_style_or_margins_measures_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a label in a window, its height at a width known
    parent = QWidget()
    qtbot.addWidget(parent)
    label = _label(" ".join(["word"] * 60), Qt.TextFormat.PlainText, parent)
    first = label.heightForWidth(200)
    # WHEN its font grows THEN it is taller at the same width, as Qt measures it
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    bigger = label.heightForWidth(200)
    assert bigger > first
    assert bigger == QLabel.heightForWidth(label, 200)
    # WHEN a style sheet makes it smaller again THEN so is its height
    label.setStyleSheet("font-size: 6pt;")
    label.ensurePolished()  # (as before it is next shown or laid out)
    smaller = label.heightForWidth(200)
    assert smaller < bigger
    assert smaller == QLabel.heightForWidth(label, 200)
    # WHEN it gains margins THEN they are in its height
    label.setContentsMargins(0, 10, 0, 10)
    assert label.heightForWidth(200) == smaller + 20 == QLabel.heightForWidth(label, 200)
    # WHEN it is turned right to left THEN the answer is still Qt's
    label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    assert label.heightForWidth(200) == QLabel.heightForWidth(label, 200)

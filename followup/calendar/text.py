"""Text going in and out of calendars: HTML to plain text, titles, mail addresses."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_BLOCK = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"})
_SKIP = frozenset({"style", "script", "head", "title"})


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag == "a":
            self._href = dict(attrs).get("href")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag == "a" and self._href:
            # Keep a link's target when the text does not show it: meeting
            # links are the most useful thing in an invite.
            if self._href.startswith(("http", "https")) and self._href not in "".join(self.parts[-3:]):
                self.parts.append(f" <{self._href}>")
            self._href = None

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(text: str) -> str:
    """Plain text from the HTML that Google and Outlook put in descriptions."""
    if not looks_like_html(text):
        return tidy(html.unescape(text) if "&" in text and ";" in text else text)
    parser = _TextExtractor()
    try:
        parser.feed(text)
        parser.close()
        plain = "".join(parser.parts)
    except Exception:  # malformed HTML: fall back to dropping the tags
        plain = html.unescape(_TAG.sub(" ", text))
    return tidy(plain.replace("\xa0", " "))


def tidy(text: str) -> str:
    """Trailing spaces gone, at most one blank line in a row, no blank ends."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    return "\n".join(out).strip()


def address(value: object) -> str:
    """The bare email of a CAL-ADDRESS ('mailto:Ana@X.pt' -> 'Ana@X.pt')."""
    text = str(value or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip()


def name_from_email(email: str) -> str:
    """A readable name when a calendar gives none: 'ana.silva@x' -> 'Ana Silva'."""
    local = email.split("@", 1)[0]
    words = [w for w in re.split(r"[._\-+]+", local) if w]
    return " ".join(w.capitalize() for w in words) or email


def one_line(text: str) -> str:
    return " ".join(text.split())

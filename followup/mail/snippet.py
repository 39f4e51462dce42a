"""The notes of a logged message: what the sender wrote, without the quoted
message they answer, their signature, or a mobile footer; capped."""

from __future__ import annotations

import re

CAP = 500
_QUOTE_INTRO = re.compile(
    r"^\s*(On\b.{0,200}\bwrote:|Am\b.{0,200}\bschrieb.{0,40}:|Le\b.{0,200}\ba écrit\s*:|El\b.{0,200}\bescribió:|"
    r"-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}|_{10,}|"
    r"(From|Von|De):\s.+)\s*$",
    re.I,
)
_SIGNATURE = re.compile(r"^(--\s?|—\s?|Sent from my \w+.*|Von meinem \w+ gesendet.*|Get Outlook for \w+.*)$", re.I)


def snippet(text: str, cap: int = CAP) -> str:
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if stripped.startswith(">"):
            continue
        if _QUOTE_INTRO.match(stripped) or _SIGNATURE.match(line.rstrip("\n")):
            break
        kept.append(stripped)
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    body = re.sub(r"[ \t]+", " ", body)
    if len(body) > cap:
        body = body[: cap - 1].rstrip() + "…"
    return body

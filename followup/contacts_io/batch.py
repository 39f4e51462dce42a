"""What the user gives a whole import at once (issue 15): a kind and tags
("all of these are clients from the fair: tag them 'fair-2026'").

Applied to the file's contacts before the plan is made, so the preview shows
it and the merge rules hold: a new contact gets the kind; one you already
have gets it only if it had none (Other), else it keeps its own and the
preview says so; the tags are added to both, never replacing any.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from followup.contacts_io.model import Incoming
from followup.domain import Kind
from followup.errors import ValidationError
from followup.validation import MAX_TAGS, clean_line


@dataclass(frozen=True, slots=True)
class Batch:
    kind: Kind | None = None  # None: as the file says
    tags: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return self.kind is None and not self.tags

    def describe(self) -> str:
        bits = [f"as {self.kind.label}"] if self.kind else []
        bits += [f"tagged {', '.join(self.tags)}"] if self.tags else []
        return " and ".join(bits)


def parse_tags(text: str | list[str]) -> tuple[str, ...]:
    """Tags as typed ("vip, fair 2026" or ["vip", "#fair"]): cleaned, without
    repeats (any case), refused when there are too many."""
    parts = text.split(",") if isinstance(text, str) else [p for t in text for p in t.split(",")]
    tags: list[str] = []
    for part in parts:
        word = clean_line(part, "A tag", 100).lstrip("#").strip()
        if word and word.lower() not in {t.lower() for t in tags}:
            tags.append(word)
    if len(tags) > MAX_TAGS:
        raise ValidationError(f"An import can give at most {MAX_TAGS} tags.")
    return tuple(tags)


def apply_batch(items: list[Incoming], batch: Batch) -> list[Incoming]:
    """The file's contacts with the batch's kind and tags (new objects: the
    parsed file stays as it was, so the batch can be changed and applied again)."""
    if batch.empty:
        return items
    result = []
    for item in items:
        contact = replace(item.contact, tags=list(item.contact.tags))
        have = {t.lower() for t in contact.tags}
        contact.tags += [t for t in batch.tags if t.lower() not in have]
        kind_from_file = item.kind_from_file
        if batch.kind is not None:
            contact.kind, kind_from_file = batch.kind, True
        result.append(replace(item, contact=contact, kind_from_file=kind_from_file))
    return result

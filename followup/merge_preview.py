"""What a merge of two contacts would keep, field by field, for the merge
dialog: the two contacts side by side, the result, which side each value
comes from, and how many touch points, follow-ups and engagements move.

The result is the real merge (followup.engine.merge_contacts) run inside a
transaction that is rolled back, so the preview can never disagree with it."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.domain import Contact, DateKind
from followup.engine.merge_contacts import MergeResult, merge_contacts
from followup.store import Store

KEEP, OTHER, BOTH, SAME, NEITHER = "keep", "other", "both", "same", "neither"


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One field of a merge preview: each side's value and the one kept."""

    label: str
    keep: str
    other: str
    after: str
    source: str  # KEEP, OTHER, BOTH (joined), SAME (alike) or NEITHER (both empty)
    dropped: bool = False  # some of OTHER's value is not kept (a second name, kind, birthday...)


@dataclass(slots=True)
class MergePreview:
    """Two contacts, and what merging them would make, field by field."""

    keep: Contact
    other: Contact
    after: Contact
    result: MergeResult
    rows: list[FieldRow] = field(default_factory=list)

    @property
    def moving(self) -> dict[str, int]:
        """Touch points, follow-ups and engagements that move to the contact kept."""
        moved = self.result.moved
        return {
            "touch points": moved.get("touch_points", 0),
            "follow-ups": moved.get("follow_ups", 0),
            "engagements": moved.get("engagement_contacts", 0),
        }


class _Rollback(Exception):
    pass


def _fields(c: Contact) -> list[tuple[str, str]]:
    others = [d for d in c.dates if d.kind is not DateKind.BIRTHDAY]
    return [
        ("Name", c.name),
        ("Organisation", c.organisation),
        ("Role", c.title),
        ("Kind", c.kind.label),
        ("Prefers", c.preferred_channel.label),
        ("Time zone", c.tz),
        ("Email", "\n".join(e.value for e in c.emails)),
        ("Phone", "\n".join(p.value for p in c.phones)),
        ("Tags", ", ".join(c.tags)),
        ("Birthday", c.birthday.iso().removeprefix("--") if c.birthday else ""),
        ("Dates", "\n".join(f"{d.title}: {d.iso().removeprefix('--')}" for d in others)),
        ("Address", "\n".join(a.one_line() for a in c.addresses)),
        ("Links", "\n".join(link.url for link in c.links)),
        ("Their space", c.notes.strip()),
        ("Photo", "yes" if c.photo or c.photo_uri else ""),
    ]


def _source(keep: str, other: str, after: str) -> str:
    if not keep and not other:
        return NEITHER
    if keep == other:
        return SAME
    if after == keep:
        return KEEP
    if after == other:
        return OTHER
    return BOTH


def _dropped(label: str, other: str, after: str) -> bool:
    """Whether a part of OTHER's value is missing after the merge (notes are
    added as a paragraph, tags and lists line by line)."""
    if not other:
        return False
    if label == "Their space":
        return other not in after
    if label == "Tags":
        return not {t.casefold() for t in other.split(", ")} <= {t.casefold() for t in after.split(", ")}
    return not set(other.splitlines()) <= set(after.splitlines())


def preview(store: Store, keep_id: int, other_id: int) -> MergePreview:
    """What merging OTHER into KEEP would give; nothing is written."""
    keep, other = store.contacts.get(keep_id), store.contacts.get(other_id)
    try:
        with store.transaction():
            result = merge_contacts(store, keep_id, other_id)
            after = store.contacts.get(keep_id)
            raise _Rollback
    except _Rollback:
        pass
    result.dry_run = True
    rows = [
        FieldRow(label, k, o, a, _source(k, o, a), _dropped(label, o, a))
        for (label, k), (_, o), (_, a) in zip(_fields(keep), _fields(other), _fields(after), strict=True)
    ]
    return MergePreview(keep, other, after, result, rows)

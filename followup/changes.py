"""What a write touched: the record the UI refreshes from (Anki's OpChanges).

Qt-free. A write names what it changed; each view asks ``changes`` whether
its data moved. ``contact_ids`` narrows a contacts or touch-points change to
those contacts; empty means "any contact". A change noticed from another
process (the command line, a sync) is ``Changes.everything(external=True)``:
nobody knows what it touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Changes:
    """What a write touched: each view refreshes itself from it."""

    contacts: bool = False
    touch_points: bool = False
    follow_ups: bool = False
    engagements: bool = False
    playbooks: bool = False
    settings: bool = False
    contact_ids: frozenset[int] = field(default_factory=frozenset)
    external: bool = False

    @classmethod
    def everything(cls, *, external: bool = False) -> Changes:
        return cls(True, True, True, True, True, True, frozenset(), external)

    @classmethod
    def for_contact(cls, contact_id: int, **touched: bool) -> Changes:
        """A change to one contact (and whatever else ``touched`` names)."""
        return cls(contacts=True, contact_ids=frozenset({contact_id}), **touched)

    def __or__(self, other: Changes) -> Changes:
        flags = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self) if f.type == "bool"}
        # one side touched any contact: the union touched any contact too
        ids = frozenset() if self.any_contact or other.any_contact else self.contact_ids | other.contact_ids
        return Changes(**flags, contact_ids=ids)

    @property
    def any_contact(self) -> bool:
        """Contacts changed and it is not known which (or it is every one)."""
        return (self.contacts or self.touch_points) and not self.contact_ids

    @property
    def anything(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.type == "bool" and f.name != "external")

    @property
    def due(self) -> bool:
        """Whether what is due may have moved (Today, the tray count, reminders, the live calendar)."""
        return self.follow_ups or self.engagements or self.contacts or self.touch_points or self.settings

    def touches_contact(self, contact_id: int) -> bool:
        """Whether a view showing this contact should reload it."""
        if self.follow_ups or self.engagements:
            return True
        return (self.contacts or self.touch_points) and (not self.contact_ids or contact_id in self.contact_ids)

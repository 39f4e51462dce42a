"""Short texts for core values, shared by every view that shows them."""

from __future__ import annotations

from followup.domain import Channel


def channel_label(channel: str | None) -> str:
    """The channel's label ("Email"), the raw text if unknown, a dash if none."""
    if not channel:
        return "—"
    try:
        return Channel(channel).label
    except ValueError:
        return channel

"""The store: the one part of Followup that talks to SQLite."""

from followup.store.store import Store

__all__ = ["Store"]

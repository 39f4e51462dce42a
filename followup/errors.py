"""The errors the core raises, each carrying a message fit for the user."""

from __future__ import annotations


class FollowupError(Exception):
    """Base class: ``str(error)`` is a complete sentence a user can act on."""


class ValidationError(FollowupError):
    """Input that cannot be stored as given (empty name, unknown zone...)."""


class StoreError(FollowupError):
    """The database cannot be used: corrupt, too new, locked, not SQLite."""


class NotFoundError(FollowupError):
    """A contact, touch point or other record that does not exist."""


class AmbiguousError(FollowupError):
    """A name or email that matches several contacts."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates

"""Bringing contacts in and taking them out: vCard, Google and Outlook CSV,
any CSV through a column mapping, and a full backup of everything.

Reading a file never touches the database (:func:`read_file` gives
:class:`Incoming` contacts); :mod:`.merge` plans what an import would do and
applies the ticked rows in one transaction.
"""

from __future__ import annotations

from followup.contacts_io.model import Cancelled, ContactsFileError, Incoming, ParsedFile
from followup.contacts_io.reader import FORMATS, read_bytes, read_file

__all__ = ["FORMATS", "Cancelled", "ContactsFileError", "Incoming", "ParsedFile", "read_bytes", "read_file"]

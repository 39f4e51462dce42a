"""Followup's core: contacts, touch points and the rules around them.

Nothing in this package imports Qt; the desktop UI in ``ui/`` is a thin layer
over it, and the command line uses it directly.
"""

__version__ = "0.1.0"
APP_NAME = "Followup"

"""Followup's desktop UI: a thin PySide6 layer over the ``followup`` core."""

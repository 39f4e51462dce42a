"""Shared widgets that know no feature (lists, date edits, error labels)."""

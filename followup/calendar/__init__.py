"""Calendars: .ics export (files, invites, a live file, web links) and import.

Qt-free like the rest of the core. The traps this package works around are
listed, with sources, in the team's CALENDAR-INTEROP notes: times are written in
UTC, follow-ups are events (Google has no tasks), alarms come last.
"""

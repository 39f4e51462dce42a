"""The calendar feature: importing meetings from .ics and exporting engagements to calendars."""

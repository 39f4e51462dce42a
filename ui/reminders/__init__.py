"""The reminders feature: the service that fires them, notifications, the tray and the reminders window."""

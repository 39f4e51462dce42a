"""Live calendars: CalDAV accounts and .ics subscriptions.

Meetings come in (past ones logged as "we met", future ones proposed for a
plan, moved or cancelled ones moving or cancelling their plan) and, where the
user asks for it, open follow-ups go out as tasks to a calendar Followup owns
on the server. Qt-free; the network work runs on a worker in the window and
in-line on the command line. Passwords live in the system keyring only.
"""

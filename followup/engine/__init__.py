"""The rules applied when things happen: logging a touch point, planning an
engagement, completing or snoozing a follow-up. Each function takes the store
(and so its clock) and does its writes in one transaction."""

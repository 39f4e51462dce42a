"""The Today feature: what is due, overdue and coming, and acting on a follow-up."""

"""Settings > Mail and the background sync: a thin layer over followup.mail."""

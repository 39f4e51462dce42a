"""Mail: accounts, the keyring, IMAP/SMTP connections, sync and import of
messages as touch points, reply promises from real mail, iMIP invitations,
drafts and the tone check. No Qt here (the core never imports it)."""

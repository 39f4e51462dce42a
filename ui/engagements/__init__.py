"""The engagements feature: planning one from a playbook, and the playbook editor."""

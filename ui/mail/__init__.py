"""The mail feature (empty for now): it will follow the same rules as the others."""

"""Look and feel that knows no feature: palette, colour scheme, icons."""

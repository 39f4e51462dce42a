"""The contacts import/export feature: vCard and CSV, preview and merge, backup."""

"""The insights feature: charts and figures over the relationship log."""

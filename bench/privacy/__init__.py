"""Benchmark of data protection: how long the subject access export of a busy person takes, and
how long the retention job takes over a year's backlog (old walk-in visits, old audit entries,
closed cases past their period). SQLite or PostgreSQL; prints the figures. See bench/README.md."""

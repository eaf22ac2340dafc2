"""Benchmark: how long does the timeline of a person's file take to render, for a person with
500 entries across 8 offices, with 1,000,000 persons on file (PostgreSQL)? See bench/README.md."""

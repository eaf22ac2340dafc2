"""Kurzweg: software for a migration agency, the "house of short paths"."""

__version__ = "0.1.0"

"""The shape of one service's starting text in one language (content.py and the language
modules next to this one share it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    summary: str
    who_for: str
    documents: str  # one per line
    fees: str

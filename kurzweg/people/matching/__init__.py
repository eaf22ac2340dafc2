"""The matching engine: finds a person despite the spelling (docs/matching.md). Pure Python."""

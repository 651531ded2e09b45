"""Text normalisation (placeholder until the structure work lands)."""
from __future__ import annotations


def normalize(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")

"""time: placeholder until the grammar lands."""
from __future__ import annotations


def search(text: str) -> list:
    return []


def parse(s: str):
    return None

"""department: placeholder until the gazetteer lands."""
from __future__ import annotations


def search(text: str, city=None, province=None) -> list:
    return []

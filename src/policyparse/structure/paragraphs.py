"""Paragraphs of normalised text: one per non-blank line, with offsets into Document.text."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Para:
    index: int
    start: int
    end: int  # exclusive; text == doc.text[start:end], stripped of surrounding whitespace
    text: str


def paragraphs(text: str) -> list[Para]:
    out: list[Para] = []
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if s:
            start = pos + line.index(s)
            out.append(Para(len(out), start, start + len(s), s))
        pos += len(line) + 1
    return out

"""Sentence spans inside a clause: the unit of targets (。) and obligations (。 and ；)."""
from __future__ import annotations

from functools import lru_cache

import regex as re

FULL_STOPS = "。！？!?"
STOPS = FULL_STOPS + "；;"


@lru_cache(maxsize=None)
def _marks(stops: str) -> "re.Pattern":
    return re.compile("[" + re.escape("（(“《）)”》\"" + stops) + "]")


def spans(text: str, stops: str = STOPS) -> list[tuple[int, int]]:
    """(start, end) of each sentence, final punctuation excluded, surrounding space trimmed.

    A stop inside （…）, “…” or 《…》 does not end the sentence (a list in brackets is one unit);
    an ASCII " only ever closes (as an opener it cannot be told from a closer).
    """
    return list(_spans(text, stops))


@lru_cache(maxsize=8)  # target asks again for every quantity of the clause
def _spans(text: str, stops: str) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for m in _marks(stops).finditer(text):  # only brackets and stops matter: skip the rest in C
        ch = m.group()
        if ch in "（(“《":
            depth += 1
        elif ch in "）)”》\"":  # an ASCII " closes a “ (exports that lost the right quote: “12345")
            if depth:
                depth -= 1
        elif not depth:  # neither bracket, so a stop (the marks hold nothing else)
            i = m.start()
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    trimmed = []
    for a, b in out:
        # step over surrounding space in place (what strip() removes: isspace) instead of
        # copying the sentence three times
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return tuple(trimmed)


def containing(text: str, offset: int, stops: str = STOPS) -> tuple[int, int]:
    """The sentence span holding ``offset`` (local to ``text``)."""
    for a, b in _spans(text, stops):
        if a <= offset < b:
            return a, b
    return 0, len(text)


COMMA = re.compile(r"[，,：:]")

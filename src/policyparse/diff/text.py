"""Comparison keys for clause text: what counts as 'the same words'."""
from __future__ import annotations

import regex

from ..normalize import fold
from ..structure.outline import match_heading
from ..structure.paragraphs import Para

__all__ = ["fold", "key", "label", "strip_label"]

_SPACE_PUNCT = regex.compile(r"[\s\p{P}\p{S}]+")


def _split(text: str) -> tuple[str, str]:
    """(outline label, rest), read with the structure's own heading rules (one definition)."""
    s = text.lstrip()
    h = match_heading(Para(0, 0, len(s), s))
    if h is None:
        return "", s
    return h.number, s[h.style.rx.match(s).end():]


def label(text: str) -> str:
    return _split(text)[0]


def strip_label(text: str) -> str:
    return _split(text)[1]


def key(text: str) -> str:
    """The words only: outline label, whitespace, punctuation and width removed — so 一、 vs 二、,
    （一） vs (一) and ， vs , never read as a change of wording."""
    return _SPACE_PUNCT.sub("", fold(strip_label(text)))

"""Comparison keys for clause text: what counts as 'the same words'."""
from __future__ import annotations

import regex

# leading outline numbers (一、 （一） (一) 1. （1） —— 第X条) are labels, not content:
# renumbering must not look like a change of wording
_LABEL = regex.compile(
    r"^\s*(?:[一二三四五六七八九十百]+、|[（(]\s*[一二三四五六七八九十百]+\s*[）)]|\d+(?:\.\d+)*\s*[.．、](?!\d)"
    r"|[（(]\s*\d+\s*[）)]|[-—]{2}|第[一二三四五六七八九十百零〇\d]+[条章节])\s*")
_WIDTH = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}, "\u3000": " ",
                        "﹙": "(", "﹚": ")", "︰": ":", "∶": ":", "—": "-", "－": "-", "–": "-"})
_SPACE_PUNCT = regex.compile(r"[\s\p{P}\p{S}]+")


def strip_label(text: str) -> str:
    return _LABEL.sub("", text, count=1)


def label(text: str) -> str:
    m = _LABEL.match(text)
    return m.group(0).strip() if m else ""


def fold(text: str) -> str:
    """Width-fold (full-width ↔ ASCII) so punctuation width never reads as a change."""
    return text.translate(_WIDTH)


def key(text: str) -> str:
    """The words only: label, whitespace, punctuation and width removed."""
    return _SPACE_PUNCT.sub("", fold(strip_label(text)))

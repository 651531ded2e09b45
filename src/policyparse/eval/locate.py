"""Find a hand-written snippet in a document's normalised text.

Gold snippets are copied from the raw corpus file, the document text is normalised (indents
stripped, page-break words rejoined, widths folded), so both sides are compared as a
whitespace-free key with every character width-folded; an offset map leads back from the key
to ``Document.text``.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..normalize import fold


@lru_cache(maxsize=4096)
def _key_char(ch: str) -> str:
    # NFKC per character catches widths fold leaves alone (％ ， （ ：); keep one char → one char.
    k = unicodedata.normalize("NFKC", ch)
    return k if len(k) == 1 else ch


def key(s: str) -> str:
    """The comparison form of a snippet: width-folded, whitespace removed."""
    return "".join(_key_char(c) for c in fold(s) if not c.isspace())


class TextIndex:
    """A whitespace-free, width-folded view of ``text`` with a map back to its offsets."""

    def __init__(self, text: str):
        self.text = text
        chars: list[str] = []
        self.offsets: list[int] = []
        for i, c in enumerate(fold(text)):
            if not c.isspace():
                chars.append(_key_char(c))
                self.offsets.append(i)
        self.key = "".join(chars)

    def find_all(self, snippet: str) -> list[tuple[int, int]]:
        """Every (start, end) of ``snippet`` in ``text`` (offsets into the original text)."""
        k = key(snippet)
        return [self._span(i, len(k)) for i in self._positions(k)]

    def _positions(self, k: str) -> list[int]:
        out: list[int] = []
        if not k:
            return out
        i = self.key.find(k)
        while i >= 0:
            out.append(i)
            i = self.key.find(k, i + 1)
        return out

    def _span(self, i: int, n: int) -> tuple[int, int]:
        return self.offsets[i], self.offsets[i + n - 1] + 1

    def locate(self, text: str, context: str | None = None, occurrence: int = 1) -> tuple[int, int]:
        """The span of ``text``: inside the one occurrence of ``context``, else its n-th occurrence.

        Raises ``LookupError`` with a short reason when it cannot be found unambiguously.
        """
        tk = key(text)
        if not tk:
            raise LookupError("empty text")
        if occurrence < 1:
            raise LookupError(f"occurrence must be >= 1, got {occurrence}")
        if context is not None:
            ck = key(context)
            hits = self._positions(ck)
            if len(hits) != 1:
                raise LookupError(f"context {context!r} occurs {len(hits)} times (must be once)")
            inner = [i for i in range(len(ck) - len(tk) + 1) if ck.startswith(tk, i)]
            if len(inner) < occurrence:
                raise LookupError(f"text {text!r} not inside context {context!r}")
            return self._span(hits[0] + inner[occurrence - 1], len(tk))
        hits = self._positions(tk)
        if len(hits) < occurrence:
            found = "not found" if not hits else f"only {len(hits)} occurrence(s), wanted #{occurrence}"
            raise LookupError(f"text {text!r} {found}")
        return self._span(hits[occurrence - 1], len(tk))

    def count(self, text: str) -> int:
        return len(self._positions(key(text)))

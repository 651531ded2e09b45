"""Text normalisation: the one place where raw reader output becomes ``Document.text``.

Two layers:

* ``fold(s)`` — a width mapping that never changes the length of ``s`` (one char → one char):
  full-width ASCII letters/digits → half-width, and ASCII ``( ) , : ;`` beside Chinese text →
  full-width. The evaluator applies it to gold snippets so they match the normalised text.
* ``normalize(text)`` — line-level clean-up (newlines, BOM, Word bookmark artefacts, indentation,
  blank-line runs, words split by page breaks) followed by ``fold``.

Spaces inside a line are kept as they are: grammars tolerate "20 万元" and offsets stay honest.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

# CJK context: Han characters plus CJK/full-width punctuation and quotes.
_CJK = r"\p{Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018-\u201d\u2026\u00b7"
_IS_CJK = re.compile(f"[{_CJK}]")
_PUNCT_FULL = {",": "，", ":": "：", ";": "；"}
_PARENS = {"(": "（", ")": "）"}

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060]")
# Sentence-final or clause-final punctuation: a paragraph ending in one of these is complete.
_COMPLETE_END = re.compile(r"[。；;！!？?：:…）)」』”’\]】]$")
REJOIN_MIN_CHARS = 30  # shorter paragraphs are titles, signatures, headings: never glued on


@lru_cache(maxsize=8192)
def _is_cjk(ch: str) -> bool:  # per character, and a text repeats few: cached
    return bool(ch) and bool(_IS_CJK.match(ch))


_HALF_WIDTH = {o: o - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
               for o in range(r[0], r[1] + 1)}
_ASCII_MARKS = re.compile(r"[(),:;]")
# str.translate with a dict looks up every character; most texts have no full-width letters or
# digits at all, and one search for them is far cheaper
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def fold(s: str) -> str:
    """Width mapping only; ``len(fold(s)) == len(s)`` always."""
    if _FULL_WIDTH.search(s):
        s = s.translate(_HALF_WIDTH)
    marks = [m.start() for m in _ASCII_MARKS.finditer(s)]
    if not marks:
        return s
    chars = list(s)
    # A converted mark is CJK context for its neighbours ("::。"), so repeat to a fixed point:
    # that makes fold idempotent. Each round only ever converts, so it ends.
    while True:
        changed = _fold_parens(chars, marks)
        for i in marks:
            ch = chars[i]
            if ch in _PUNCT_FULL:
                prev = chars[i - 1] if i > 0 else ""
                nxt = chars[i + 1] if i + 1 < len(chars) else ""
                if _is_cjk(prev) or _is_cjk(nxt):
                    chars[i] = _PUNCT_FULL[ch]
                    changed = True
        if not changed:
            return "".join(chars)
        marks = [i for i in marks if chars[i] in "(),:;"]


def _fold_parens(chars: list[str], marks: list[int]) -> bool:
    """A matched ASCII pair becomes full-width when its content or either outer side is CJK.

    Deciding per pair (not per character) keeps "(2025—2027年)" and "(一)" consistent whether the
    string is a whole document or a snippet cut from it. Returns whether anything changed.
    """
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i in marks:
        if chars[i] == "(":
            stack.append(i)
        elif chars[i] == ")" and stack:
            pairs.append((stack.pop(), i))
    changed = False
    for a, b in pairs:
        inner = chars[a + 1:b]
        if "\n" in inner:
            continue
        before = chars[a - 1] if a > 0 else ""
        after = chars[b + 1] if b + 1 < len(chars) else ""
        if any(_is_cjk(c) for c in inner) or _is_cjk(before) or _is_cjk(after):
            chars[a], chars[b] = _PARENS["("], _PARENS[")"]
            changed = True
    # an unpaired bracket still follows its neighbours
    for i in stack:
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if _is_cjk(nxt) or (i > 0 and _is_cjk(chars[i - 1])):
            chars[i] = "（"
            changed = True
    return changed


def _starts_heading(s: str) -> bool:
    from .structure.cues import cues  # the outline styles live in lexicon/data/structure.yaml
    c = cues()
    return bool(c.any_style.match(s)) or bool(c.attachment_label.match(s))


_DATE_LINE = re.compile(r"[0-9〇零一二三四五六七八九]{4}\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日\s*$")


def _rejoinable(prev: str, nxt: str) -> bool:
    """``prev`` looks cut mid-word by a page break and ``nxt`` is its continuation."""
    from .structure.cues import cues
    if len(prev) < REJOIN_MIN_CHARS or _COMPLETE_END.search(prev) or cues().doc_type_end.search(prev):
        return False
    if not (re.match(r"[\p{Han}\w]", prev[-1]) and re.match(r"[\p{Han}\w“‘《]", nxt[0])):
        return False
    if "://" in prev or _DATE_LINE.match(prev) or _DATE_LINE.match(nxt):
        return False  # a source URL line, or a signature's date (…办公室 / 2022年3月23日): whole lines
    if _starts_heading(prev) and "。" not in prev:  # a long heading line, not a cut body
        return False
    return not _starts_heading(nxt)


def normalize(text: str) -> str:
    """Raw reader text → ``Document.text`` (see the module docstring)."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _BOOKMARK.sub("", text)
    paras: list[str] = []  # "" marks a blank line between paragraphs
    for raw in text.split("\n"):
        line = raw.strip(" \t\u00a0\u3000\u2002\u2003\u2009\f\v")
        if not line:
            if paras and paras[-1] != "":
                paras.append("")
            continue
        # find the previous paragraph across at most one blank line
        j = len(paras) - 1
        if j >= 0 and paras[j] == "":
            j -= 1
        if j >= 0 and _rejoinable(paras[j], line):
            del paras[j + 1:]
            paras[j] += line
            continue
        paras.append(line)
    while paras and paras[-1] == "":
        paras.pop()
    return fold("\n".join(paras))


# ---- copy-from-PDF spacing ---------------------------------------------------------------------
# Text copied out of a PDF carries spaces inside words and numbers (第 1 0 条, 1 0 0万元, 连 续5年,
# 亩 均税收, 以 上). ``Document.text`` keeps them (it is what the file says, and gold snippets are
# located in it); the grammars read a repaired view and every span is mapped back through
# ``Spacing.span``, so ``doc.text[r.start:r.end] == r.text`` still holds.
#
# Conservative on purpose: a space is dropped only
# * inside an article number (第 1 0 条, 第 十 条) — on any line;
# * between single digits (1 0 0万元) — never between numbers of two or more digits (2020 2021);
# * between two Han characters, on a prose line (one holding ，。； — titles, signature lines and
#   lists of names hold none) and not right after a line-opening label (第一条 为了…, 第三章 总则).
# Exactly one space: two or more, or an ideographic space, are typography, not an artefact.
_SP1 = "[ \u00a0]"
_ARTICLE_SPACED = re.compile(
    rf"第(?:{_SP1}*[0-9一二三四五六七八九十百零〇两])+{_SP1}*(?=[条款项章节])")
# single digits, not beside English words, before a unit or a word (1 0 0万元, 2 0家)
_DIGITS_SPACED = re.compile(
    rf"(?<![0-9A-Za-z.,，．])(?<![A-Za-z]{_SP1})[0-9](?:{_SP1}[0-9])+(?={_SP1}?[\p{{Han}}%％])")
_HAN_SPACE = re.compile(rf"(?<=\p{{Han}}){_SP1}(?=\p{{Han}})")
_ANY_SPACED = re.compile(rf"[0-9\p{{Han}}]{_SP1}")  # prefilter: most text has none of these
_PROSE = re.compile("[，。；]")
_LINE_LABEL = re.compile(
    rf"(?:第(?:{_SP1}?[0-9一二三四五六七八九十百零〇两])+{_SP1}?[条章节款]|附件[0-9一二三四五六七八九十]*){_SP1}")
_SPACE_IN = re.compile(_SP1)


class Spacing:
    """A repaired view of a text and the map from its offsets back to the original's.

    ``drops`` are the original offsets of the deleted spaces (sorted); a view offset ``p`` is
    original offset ``p + k`` where k counts the drops at or before it (bisect over
    ``drop_i - i``, the drops' positions in the view)."""

    __slots__ = ("text", "_keys")

    def __init__(self, text: str, drops: list[int]):
        self.text = text
        self._keys = [d - i for i, d in enumerate(drops)]

    def offset(self, p: int) -> int:
        from bisect import bisect_right
        return p + bisect_right(self._keys, p)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A view span [start, end) as an original span (end exclusive, never past a drop)."""
        if end <= start:
            o = self.offset(start)
            return o, o
        return self.offset(start), self.offset(end - 1) + 1


def repair_spacing(text: str) -> Optional["Spacing"]:
    """The repaired view of ``text``, or None when nothing is to repair (the usual case)."""
    if not _ANY_SPACED.search(text):
        return None
    drops: set[int] = set()
    for m in _ARTICLE_SPACED.finditer(text):
        drops.update(m.start() + s.start() for s in _SPACE_IN.finditer(m.group()))
    line_start = 0
    for line in text.split("\n"):
        if _PROSE.search(line):
            label = _LINE_LABEL.match(line)
            skip = label.end() - 1 if label else -1
            for m in _DIGITS_SPACED.finditer(line):
                drops.update(line_start + m.start() + s.start() for s in _SPACE_IN.finditer(m.group()))
            drops.update(line_start + m.start() for m in _HAN_SPACE.finditer(line) if m.start() != skip)
        line_start += len(line) + 1
    if not drops:
        return None
    order = sorted(drops)
    parts, prev = [], 0
    for d in order:
        parts.append(text[prev:d])
        prev = d + 1
    parts.append(text[prev:])
    return Spacing("".join(parts), order)

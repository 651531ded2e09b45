"""One scan instead of one per pattern: the prefilter several grammars put before their patterns."""
from __future__ import annotations

import regex as re


def union(patterns: list[str]) -> list["re.Pattern"]:
    """``[one regex]`` that matches wherever one of ``patterns`` does, or the patterns compiled one
    by one when an alternation could change what one of them means (a capturing group a
    backreference could name, a global inline flag)."""
    compiled = [re.compile(p) for p in patterns]
    plain = re.compile("").flags
    if len(compiled) < 2 or any(c.groups or c.flags != plain for c in compiled):
        return compiled
    return [re.compile("|".join(f"(?:{p})" for p in patterns))]


def trie(words) -> str:
    """One pattern for a set of literal words, shaped as their prefix trie (天津(?:市)?…): the
    same matches as the alternation of the words longest first (an optional tail is greedy, so the
    longest word along the path wins), without trying thousands of alternatives at every character.
    Plain literals and groups only, so stdlib ``re`` (which scans such patterns faster) compiles it."""
    import re as stdlib_re

    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: dict) -> str:
        alts = [stdlib_re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)

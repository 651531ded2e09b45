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

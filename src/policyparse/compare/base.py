"""What a percent is a share of: 净收入, 股份或出资比例, 营业利润, 地方财政贡献 …

Read from the clause segment around the percent (the dimensions do not record it): the nearest
base cue before the percent (…净收入中提取不低于50%, 按其固定资产投资的10%), else one just
after it (给予50%的租金补贴), else the instrument's usual base. A record that carries its own
``base`` (the percent grammar may) wins when it names a known base, in that base's short name.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from .instruments import taxonomy

AFTER_WINDOW = 12  # 给予50%的租金补贴: a base written right after the percent


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    return [(b.name, re.compile("|".join(f"(?:{c})" for c in b.cues))) for b in taxonomy().bases]


def base_in(before: str, after: str) -> Optional[str]:
    """The base named nearest before the percent (latest end), else within AFTER_WINDOW after it."""
    best: tuple[int, int, str] | None = None  # (end, -priority) — nearest, then most specific
    for n, (name, pat) in enumerate(_patterns()):
        for m in pat.finditer(before):
            key = (m.end(), -n, name)
            if best is None or key[:2] > best[:2]:
                best = key
    if best is not None:
        return best[2]
    head = after[:AFTER_WINDOW]
    found = [(m.start(), n, name) for n, (name, pat) in enumerate(_patterns()) for m in [pat.search(head)] if m]
    return min(found)[2] if found else None


def base_of(rec, before: str, after: str, default: Optional[str] = None) -> Optional[str]:
    """The record's own ``base`` in its short name (研发费用增量部分 → 研发投入) when it names a
    known base; else the base read around the percent (its own span may hold it: 不超过采购金额10%);
    else the record's base as written; else the instrument's usual base."""
    own = getattr(rec, "base", None)
    if own:
        named = base_in(own, "")
        if named:
            return named
    return base_in(before + (getattr(rec, "text", "") or ""), after) or own or default

"""What a goal quantity counts: the noun phrase after the number (20家概念验证中心) or before it
(经认定的产业技术研究院达到20家), cut to stay short (gold/README.md: "as short as stays meaningful")."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex as re

from ...lexicon import load
from ...lexicon.schemas.target import TargetLexicon

# Where a metric written after its number stops.
# A verb after the noun (10款以上人工智能产品完成备案) ends it; so does a list joiner (和, 及).
_AFTER_STOP = re.compile(r"[、，,。；;：:（(）)]|和(?=\d)|等|(?:到|在|用于|开展|进行|参加|参与|完成|通过|实现|获得)(?=\p{Han})")
_LIST_TAIL = re.compile(r"(?:和|及|与|以及|、)$")
_LEAD_PUNCT = re.compile(r"[\s、，,：:]+")
_AFTER_SKIP = re.compile(r"\s*(?:以上|以下|左右|余|多)?\s*")


def lexicon() -> TargetLexicon:
    return load("targets", TargetLexicon)


@lru_cache(maxsize=1)
def _verbs() -> "re.Pattern":
    words = sorted(lexicon().verbs, key=len, reverse=True)
    # a verb followed by 的 opens a relative clause (经认定的产业技术研究院): not a cut point
    return re.compile(f"(?:{'|'.join(map(re.escape, words))})(?!的)")


@dataclass
class Metric:
    text: str
    start: int  # local to the string searched
    end: int


def after(text: str, q_end: int, limit: int) -> Optional[Metric]:
    """The noun phrase right after the quantity, up to punctuation, 等 or the next item."""
    m = _AFTER_SKIP.match(text, q_end)
    a = m.end()
    stop = _AFTER_STOP.search(text, a, limit)
    b = stop.start() if stop else limit
    seg = _LIST_TAIL.sub("", text[a:b].rstrip())  # 5家以上龙头企业和|20家…: the joiner is no part
    if not seg or seg.startswith("的") or len(seg) > 30:
        return None
    return Metric(seg, a, a + len(seg))


def before(text: str, a: int, q_start: int) -> Optional[Metric]:
    """The noun phrase between ``a`` and the quantity, with verbs and goal words cut away."""
    lex = lexicon()
    lead = _LEAD_PUNCT.match(text, a)
    a = lead.end() if lead else a
    b = q_start
    seg = text[a:b]
    changed = True
    while changed and seg:  # 经认定的…力争达到 → 经认定的…
        changed = False
        stripped = seg.rstrip()
        for w in sorted(lex.trailing, key=len, reverse=True):
            if stripped.endswith(w):
                seg = stripped[: -len(w)]
                changed = True
                break
    b = a + len(seg.rstrip())
    cut = None
    for m in _verbs().finditer(text, a, b):
        cut = m.end()
    if cut is not None and cut < b:
        a = cut
    changed = True
    while changed:
        changed = False
        for w in sorted(lex.leading, key=len, reverse=True):
            if text.startswith(w, a) and a + len(w) < b:
                a += len(w)
                changed = True
                break
    for w in lex.suffixes:
        if text[a:b].endswith(w) and b - len(w) > a:
            b -= len(w)
            break
    while a < b and text[a] in " 　、，,":
        a += 1
    seg = text[a:b].strip()
    # A、B和C分别占比达30%、20%…: a list of metrics the 分别 shares out is longer than one metric
    if not seg or len(seg) > (48 if "分别" in seg else 30):
        return None
    a = text.index(seg, a)
    return Metric(seg, a, a + len(seg))

"""What a target counts, compared character by character (not by jieba tokens): 经认定的产业技术研究院
and 经认定的市级产业技术研究院 count the same thing; so do 衍生孵化企业 and 衍生孵化企业总数."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from ..dimensions.target.progress import metric_key as _key

MIN_DICE = 0.6  # character-bigram overlap that still means "the same thing counted"


_JOINERS = re.compile(r"[\p{P}\s]|和|及|与")  # 新技术、新产品和… lists: punctuation says nothing


@lru_cache(maxsize=16384)
def metric_key(metric: str) -> str:
    return _JOINERS.sub("", _key(metric))


@lru_cache(maxsize=16384)
def _bigrams(s: str) -> frozenset[str]:
    return frozenset({s[i:i + 2] for i in range(len(s) - 1)} or {s})


def similarity(a: str, b: str) -> float:
    """1.0 when one key contains the other, else the Dice coefficient of character bigrams."""
    ka, kb = metric_key(a), metric_key(b)
    if not ka or not kb:
        return 0.0
    if len(min(ka, kb, key=len)) >= 2 and (ka in kb or kb in ka):
        return 1.0
    x, y = _bigrams(ka), _bigrams(kb)
    return 2 * len(x & y) / (len(x) + len(y))


def same_metric(a: str, unit_a: Optional[str], b: str, unit_b: Optional[str]) -> bool:
    return unit_a == unit_b and similarity(a, b) >= MIN_DICE

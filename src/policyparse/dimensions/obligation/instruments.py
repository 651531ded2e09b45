"""Instrument categories of a text (lexicon/data/instruments.yaml): ``classify(text) -> list[str]``.

Used to set one city's measures beside another's: Tianjin's 1︰1 配套资金 and Shijiazhuang's
建设资金 fall in different categories, both cities' 绩效 rewards in the same one.
"""
from __future__ import annotations

from functools import lru_cache

import regex as re

from ...lexicon import load
from ...lexicon.schemas.instruments import InstrumentsLexicon


def lexicon() -> InstrumentsLexicon:
    return load("instruments", InstrumentsLexicon)


@lru_cache(maxsize=1)
def _compiled():
    return [(i.name, [re.compile(p) for p in i.cues], [re.compile(p) for p in i.not_cues])
            for i in lexicon().instruments]


def classify(text: str) -> list[str]:
    """Names of the instrument categories whose cues occur in ``text`` (lexicon order)."""
    out = []
    for name, cues, vetoes in _compiled():
        if any(c.search(text) for c in cues) and not any(v.search(text) for v in vetoes):
            out.append(name)
    return out


def beneficiaries(text: str, name: str) -> list[str]:
    """The category's beneficiary nouns that occur in ``text``."""
    inst = next(i for i in lexicon().instruments if i.name == name)
    found = [b for b in inst.beneficiaries if b in text]
    # 研究院 inside 产业技术研究院 is the same beneficiary, named once
    return [b for b in found if not any(b != o and b in o for o in found)]

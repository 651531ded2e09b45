"""Instrument categories and beneficiaries of a sentence, by cue words from
lexicon/data/instruments.yaml (never by text similarity between cities)."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..lexicon import load
from ..lexicon.schemas.instruments import Category, InstrumentLexicon


def lexicon() -> InstrumentLexicon:
    return load("instruments", InstrumentLexicon)


def categories() -> list[Category]:
    return lexicon().categories


def classify(sentence: str) -> list[Category]:
    """Every category whose cue groups all match ``sentence``, in lexicon order (specific first)."""
    return [c for c in categories() if all(any(w in sentence for w in group) for group in c.cues)]


@lru_cache(maxsize=1)
def _cues() -> list[tuple[str, str]]:
    return sorted(lexicon().beneficiaries.items(), key=lambda kv: -len(kv[0]))


def _cue_at(sentence: str, i: int) -> Optional[tuple[str, str]]:
    return next(((w, b) for w, b in _cues() if sentence.startswith(w, i)), None)


def beneficiary(sentence: str) -> Optional[str]:
    """Who receives: the cue right after a grant verb (给予投资机构), else the first cue in the sentence."""
    for verb in lexicon().grant_verbs:
        i = sentence.find(verb)
        while i >= 0:
            hit = _cue_at(sentence, i + len(verb))
            if hit:
                return hit[1]
            i = sentence.find(verb, i + 1)
    first = None
    for w, b in _cues():
        i = sentence.find(w)
        if i >= 0 and (first is None or i < first[0]):
            first = (i, b)
    return first[1] if first else None

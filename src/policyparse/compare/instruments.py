"""Instrument categories of a sentence for comparison: the categories and beneficiaries come from
the obligation dimension's classifier (data/instruments.yaml, cue words — never text similarity
between cities); which quantities fill a category comes from data/instrument_values.yaml."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..dimensions.obligation import instruments as source
from ..lexicon import load
from ..lexicon.schemas.instrument_values import InstrumentValues, ValueSpec


def values_lexicon() -> InstrumentValues:
    return load("instrument_values", InstrumentValues)


@lru_cache(maxsize=1)
def specs() -> list[ValueSpec]:
    """One spec per category, in priority order; categories without a spec get default kinds."""
    lex = values_lexicon()
    labels = {i.name: i.label for i in source.lexicon().instruments}
    out = [s.model_copy(update={"label": f"{s.label} · {labels[s.name]}"}) for s in lex.specs if s.name in labels]
    known = {s.name for s in lex.specs} | set(lex.skip)
    out += [ValueSpec(name=n, label=f"{n} · {label}", kinds=lex.default_kinds)
            for n, label in labels.items() if n not in known]
    return out


def classify(sentence: str) -> list[ValueSpec]:
    """The specs of every category the sentence is in, most specific first."""
    names = set(source.classify(sentence))
    return [s for s in specs() if s.name in names]


def beneficiary(sentence: str, name: str) -> Optional[str]:
    """The category's first listed beneficiary named in the sentence (the lexicon lists the usual one first)."""
    found = source.beneficiaries(sentence, name)
    return found[0] if found else None


def grants(sentence: str) -> bool:
    return any(w in sentence for w in values_lexicon().grant_cues)

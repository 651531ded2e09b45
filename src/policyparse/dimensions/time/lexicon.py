"""The time lexicon (lexicon/data/time.yaml), loaded once and validated."""
from __future__ import annotations

from ...lexicon import load
from ...lexicon.schemas.time import TimeLexicon


def lexicon() -> TimeLexicon:
    return load("time", TimeLexicon)

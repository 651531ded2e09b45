"""Pydantic schemas of the lexicon data files, and the field types they share."""
from __future__ import annotations

from typing import Annotated

import regex as re
from pydantic import AfterValidator


def compiles(p: str) -> str:
    """A lexicon regex must compile; pydantic reports the ValueError with the field's name."""
    try:
        re.compile(p)
    except re.error as e:
        raise ValueError(f"bad pattern {p!r}: {e}") from e
    return p


Pattern = Annotated[str, AfterValidator(compiles)]  # a regex held in a lexicon file

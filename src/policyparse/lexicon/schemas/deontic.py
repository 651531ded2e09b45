"""Schema of data/deontic.yaml: cue words that carry an obligation's strength."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from . import Pattern

Deontic = Literal["prohibit", "must", "shall", "should", "encourage", "support", "may"]


class Cue(BaseModel):
    cue: str
    deontic: Deontic
    # regexes for the text right before / right after the cue that make it no cue here
    # (要 in 重要/要求, 应 in 应用, 引导 in 引导基金)
    not_preceded_by: list[Pattern] = Field(default_factory=list)
    not_followed_by: list[Pattern] = Field(default_factory=list)


class DeonticLexicon(BaseModel):
    scale: list[Deontic]  # strongest first
    cues: list[Cue]

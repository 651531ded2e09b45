"""Schema of data/deontic.yaml: cue words that carry an obligation's strength."""
from __future__ import annotations

from typing import Literal

import regex as re
from pydantic import BaseModel, Field, field_validator

Deontic = Literal["prohibit", "must", "shall", "should", "encourage", "support", "may"]


class Cue(BaseModel):
    cue: str
    deontic: Deontic
    # regexes for the text right before / right after the cue that make it no cue here
    # (要 in 重要/要求, 应 in 应用, 引导 in 引导基金)
    not_preceded_by: list[str] = Field(default_factory=list)
    not_followed_by: list[str] = Field(default_factory=list)

    @field_validator("not_preceded_by", "not_followed_by")
    @classmethod
    def _compiles(cls, v: list[str]) -> list[str]:
        for p in v:
            re.compile(p)
        return v


class DeonticLexicon(BaseModel):
    scale: list[Deontic]  # strongest first
    cues: list[Cue]

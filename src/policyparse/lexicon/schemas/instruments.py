"""Schema of data/instruments.yaml: policy instrument categories for comparing cities."""
from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from . import Pattern


class Instrument(BaseModel):
    name: str  # stable key: accreditation, construction_subsidy …
    label: str  # Chinese label for reports
    cues: list[Pattern]  # regexes; any match in a text puts it in this category
    not_cues: list[Pattern] = Field(default_factory=list)  # regexes that veto the category
    beneficiaries: list[str] = Field(default_factory=list)  # who receives it (产业技术研究院 …)


class InstrumentsLexicon(BaseModel):
    instruments: list[Instrument]

    @model_validator(mode="after")
    def _unique(self):
        names = [i.name for i in self.instruments]
        if len(names) != len(set(names)):
            raise ValueError("instrument names must be unique")
        return self

"""Schema of data/obligation.yaml: what makes a sentence an obligation besides deontic cues."""
from __future__ import annotations

import regex as re
from pydantic import BaseModel, Field, field_validator


class ObligationLexicon(BaseModel):
    imperative_verbs: list[str]  # a sentence opening with one of these is a bare imperative
    adverbials: list[str]  # manner words that may stand before that verb (进一步, 常态化 …)
    enumerators: list[str]  # 一是 二是 下一步: cut before reading the sentence
    prepositions: list[str]  # a leading phrase opened by one of these (对…，/ 根据…，) is no subject
    not_obligation: list[str]  # regexes: sentences that never direct action (definitions, thanks …)
    conditions: list[str]  # regexes: conditional phrases kept in Obligation.conditions
    background_headings: list[str]  # regexes on a section heading: no obligations below it
    task_headings: list[str]  # regexes on a section heading: obligations (also bare imperatives)
    report_task_headings: list[str] = Field(default_factory=list)  # in replies only these count

    @field_validator("not_obligation", "conditions", "background_headings", "task_headings",
                     "report_task_headings")
    @classmethod
    def _compiles(cls, v: list[str]) -> list[str]:
        for p in v:
            re.compile(p)
        return v

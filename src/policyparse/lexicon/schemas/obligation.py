"""Schema of data/obligation.yaml: what makes a sentence an obligation besides deontic cues."""
from __future__ import annotations

from pydantic import BaseModel, Field

from . import Pattern


class ObligationLexicon(BaseModel):
    imperative_verbs: list[str]  # a sentence opening with one of these is a bare imperative
    adverbials: list[str]  # manner words that may stand before that verb (进一步, 常态化 …)
    enumerators: list[str]  # 一是 二是 下一步: cut before reading the sentence
    prepositions: list[str]  # a leading phrase opened by one of these (对…，/ 根据…，) is no subject
    not_obligation: list[Pattern]  # regexes: sentences that never direct action (definitions, thanks …)
    conditions: list[Pattern]  # regexes: conditional phrases kept in Obligation.conditions
    background_headings: list[Pattern]  # regexes on a section heading: no obligations below it
    task_headings: list[Pattern]  # regexes on a section heading: obligations (also bare imperatives)
    report_task_headings: list[Pattern] = Field(default_factory=list)  # in replies only these count
    form_annexes: list[Pattern] = Field(default_factory=list)  # regexes on an annex title: a form, no obligations
    # the parties policy texts direct by their role (申请人, 项目单位, 金融机构): a sentence opening
    # with one, then its verb (after adverbs or an adverbial 按照…), has it as its stated actor
    actor_classes: list[str] = Field(default_factory=list)


"""Schemas of the quantity lexicons: bounds.yaml, measure_words.yaml, currencies.yaml."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

BoundName = Literal["eq", "le", "lt", "ge", "gt", "approx", "range"]


class Distributive(BaseModel):
    """Words that make an amount distributive (每家每年, 每个项目, 单个企业项目)."""

    heads: list[str]  # 每: needs a classifier or noun after it
    standalone: list[str] = Field(default_factory=list)  # 单家, 单个: complete by themselves
    classifiers: list[str] = Field(default_factory=list)  # 家 个 项 年 … after the head
    nouns: list[str] = Field(default_factory=list)  # 企业 项目 … after head/classifier
    not_in_phrase: list[str] = Field(default_factory=list)  # verbs that end the phrase: 给予
    window: int = 32  # how far back (characters, within the clause part) to look


class BoundsLexicon(BaseModel):
    prefix: dict[BoundName, list[str]]  # words before the number: 不超过 → le
    suffix: dict[BoundName, list[str]]  # words after the unit: 以上 → ge
    inner: dict[BoundName, list[str]]  # approximators between number and unit: 余 → gt
    gap_words: list[str]  # prefix words that may be separated from the number by a noun phrase
    max_gap: int = 8  # longest noun phrase between such a word and the number
    not_after: dict[str, list[str]] = Field(default_factory=dict)  # 过 is no bound in 通过
    negators: list[str] = Field(default_factory=list)  # 不得/不能 before 超过/少于 flip the bound
    range_separators: list[str]
    distributive: Distributive
    framed: dict[BoundName, list[str]] = Field(default_factory=dict)  # 以500万元为上限 → le
    notes: list[str] = Field(default_factory=list)  # （含税） between an amount and 以上
    range_joiners: list[str] = Field(default_factory=list)  # A以上至B, A以上B以下 → one range
    each: list[str] = Field(default_factory=list)  # 分别: a bound word applies to every list item


class MeasureWord(BaseModel):
    word: str
    not_followed_by: list[str] = Field(default_factory=list)  # regexes: 次 + 会议 is an ordinal
    chinese_only: bool = False  # 两类 counts kinds; 1类/2类药品 (Arabic) names a class


class MeasureWordsLexicon(BaseModel):
    measure_words: list[MeasureWord]
    idioms: list[str]  # number + measure word that are words, not counts: 一次性, 二次开发
    not_preceded_by: list[str]  # 第 makes an ordinal
    area_units: list[str] = Field(default_factory=list)  # 亩 平方米 公顷: an area, never a count


class Currency(BaseModel):
    code: str  # ISO 4217
    words: list[str]  # the unit words as written after the number: 元, 美元, 美金


class CurrenciesLexicon(BaseModel):
    currencies: list[Currency]
    magnitudes: dict[str, float]  # 万 → 1e4 (a magnitude right before the currency word)
    implied_contexts: list[str]  # 100万左右的财政资金: 万/亿 without 元 is money before these

"""Schema of lexicon/data/structure.yaml: outline numbering styles, document types, header cues."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, field_validator, model_validator

from . import compiles as _compiles


class OutlineStyle(BaseModel):
    style: str  # cn_dun cn_paren arabic_dot arabic_paren circled dash chapter article decimal
    pattern: str  # anchored at paragraph start; group "num" is the numeral (absent for bullets)
    numeral: Literal["cn", "arabic", "circled", "none"]
    token: str  # path token template; {n} is the numeral as written, {i} the ordinal
    # strict: ordinals run 1, 2, 3 (ambiguous styles such as "1." must keep count to be headings);
    # forward: any increase is accepted (一、二、四 after an edit); none: bullets, counted in order
    sequence: Literal["strict", "forward", "none"] = "strict"
    headed: bool = True  # False: the text after the number is always body (第X条 has no heading phrase)
    alone: bool = False  # True: the number may stand on a line of its own, its text below (第一条⏎为了…)

    @field_validator("pattern")
    @classmethod
    def _check(cls, v: str) -> str:
        return _compiles(v)


class DocType(BaseModel):
    name: str  # canonical: 意见 实施意见 工作方案 …
    forms: list[str]  # title endings that mean this type (longest match wins)


class Chrome(BaseModel):
    key: str  # metadata key; "" means drop the line without keeping a value
    pattern: str  # whole-line pattern; group "value" (optional) is kept in metadata

    @field_validator("pattern")
    @classmethod
    def _check(cls, v: str) -> str:
        return _compiles(v)


class StructureLexicon(BaseModel):
    outline_styles: list[OutlineStyle]
    heading_max_chars: int  # a first sentence longer than this is body, not a heading
    heading_alone_max_chars: int  # a one-sentence paragraph this short is a bare heading
    title_max_lines: int
    title_max_chars: int
    doc_types: list[DocType]
    issuer_suffixes: list[str]
    recipient_cues: list[str]
    chrome: list[Chrome]
    chrome_scan_lines: int  # chrome is only looked for among the first N lines
    doc_number: str
    date: str  # a standalone 成文日期 line
    transmittal: list[str]  # the notice sentence that hands the wrapped policy over
    back_matter: list[str]  # closing lines after the last section (dates, contacts, 此件公开发布)
    contact_issuer: str  # （联系单位…：X，电话）: X is the issuing body of a reply
    attachment_label: str  # 附件 / 附件1： …
    toc_line: str  # 目录 entries: "1.北京市……… 10"
    self_reference: str  # 本意见 / 本方案 in the body, when the title is missing
    # one event of a regulation's 题注 (…人民代表大会常务委员会第六次会议通过/修订/批准): groups
    # date, body, act; the body that 通过 first is the issuer, the last event's date is the version's
    adoption_event: str = r"$^"

    @field_validator("doc_number", "date", "contact_issuer", "attachment_label", "self_reference", "toc_line",
                     "adoption_event")
    @classmethod
    def _one(cls, v: str) -> str:
        return _compiles(v)

    @field_validator("transmittal", "back_matter")
    @classmethod
    def _many(cls, v: list[str]) -> list[str]:
        return [_compiles(p) for p in v]

    @model_validator(mode="after")
    def _unique_styles(self):
        names = [s.style for s in self.outline_styles]
        if len(names) != len(set(names)):
            raise ValueError(f"duplicate outline style in {names}")
        return self

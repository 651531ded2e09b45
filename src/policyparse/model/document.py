"""The object model: Document → Section → Clause → Span (records).

A Document carries the normalised text; every offset in the model points into it.
"""
from __future__ import annotations

import bisect
from typing import Iterator, Optional

from pydantic import BaseModel, Field

from .jurisdiction import Jurisdiction
from .records import Record


class Section(BaseModel):
    """One heading of the body outline (一、 （一） 1. （1） —— 第X条 …)."""

    id: str  # stable within the document: "s4.2" style (ordinal path)
    number: str  # as written: "四、", "（二）", "1.", "——"
    style: str  # numbering style: cn_dun, cn_paren, arabic_dot, arabic_paren, dash, chapter, article
    ordinal: int  # 4 for 四、; bullets count in order
    level: int  # 1 = top
    heading: str  # heading text without the number ("" for bare bullets)
    start: int  # offset of the heading line
    end: int  # end of the section's content (exclusive)
    path: list[str] = Field(default_factory=list)  # numbers from the top: ["四", "（二）"]
    children: list["Section"] = Field(default_factory=list)

    @property
    def path_str(self) -> str:
        return "/".join(self.path)

    def walk(self) -> Iterator["Section"]:
        yield self
        for c in self.children:
            yield from c.walk()


class Clause(BaseModel):
    """A paragraph-sized unit of body text inside one section (the unit of extraction and diff)."""

    id: str  # stable: "<section id>.p<n>" or "front.p<n>"
    section_id: Optional[str] = None
    section: str = ""  # path string such as "四/（二）"
    start: int
    end: int
    text: str
    heading: bool = False  # True when the clause is (or starts with) the section heading


class Attachment(BaseModel):
    title: str
    start: int
    end: int


class Document(BaseModel):
    # provenance
    path: Optional[str] = None
    format: str = "txt"  # txt docx pdf html doc …
    reader: str = ""  # reader name + version
    encoding: Optional[str] = None  # for text inputs: the encoding actually used
    sha256: Optional[str] = None  # of the raw bytes
    pages: Optional[int] = None
    # text
    text: str = ""
    # GB/T 9704 elements
    title: Optional[str] = None
    doc_number: Optional[str] = None  # 发文字号
    issuers: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)  # 主送机关
    date: Optional[str] = None  # 成文日期, ISO yyyy-mm-dd (or yyyy-mm)
    published: Optional[str] = None  # 发布时间 from page metadata
    doc_type: Optional[str] = None  # 意见 实施方案 工作方案 若干措施 办法 答复 通知 …
    is_transmittal: bool = False  # a notice (通知) that wraps the policy
    wrapped_title: Optional[str] = None  # the title of the policy the notice wraps
    body_start: int = 0  # where the policy body (outline) starts
    city: Optional[str] = None
    province: Optional[str] = None
    place_evidence: list[str] = Field(default_factory=list)
    jurisdiction: Optional[Jurisdiction] = None  # level, full name, parents, evidence
    sections: list[Section] = Field(default_factory=list)  # top-level outline
    clauses: list[Clause] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    metadata: dict[str, str] = Field(default_factory=dict)  # site chrome, 发布时间, views, docx core props
    headers: list[str] = Field(default_factory=list)  # page headers / footers kept apart from the body
    footers: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    records: list[Record] = Field(default_factory=list)

    # ---- navigation -------------------------------------------------------
    def walk(self) -> Iterator[Section]:
        for s in self.sections:
            yield from s.walk()

    def clause_at(self, offset: int) -> Optional[Clause]:
        starts = [c.start for c in self.clauses]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.clauses[i].start <= offset < self.clauses[i].end:
            return self.clauses[i]
        return None

    def section_by_id(self, sid: str) -> Optional[Section]:
        return next((s for s in self.walk() if s.id == sid), None)

    def outline(self) -> list[tuple[int, str, str]]:
        """(level, number, heading) for every heading, in order."""
        return [(s.level, s.number, s.heading) for s in self.walk()]

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

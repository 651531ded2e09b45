"""Compiled structure cues from lexicon/data/structure.yaml (loaded once per process)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

from ..lexicon import load
from ..lexicon.schemas.structure import OutlineStyle, StructureLexicon

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}


def cn_int(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 二〇二二 → 2022 (digit by digit); Arabic passes."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if s and all(c in _CN_DIGITS for c in s):  # 二〇二二: read digit by digit
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            cur = _CN_DIGITS[c]
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


@dataclass(frozen=True)
class Style:
    spec: OutlineStyle
    rx: re.Pattern

    def ordinal(self, num: str | None) -> int | None:
        if num is None:
            return None
        if self.spec.numeral == "circled":
            return ord(num) - 0x2460 + 1
        if self.spec.style == "decimal":
            return int(re.split(r"\s*[.．]\s*", num)[-1])
        return cn_int(num)


@dataclass(frozen=True)
class Cues:
    lex: StructureLexicon
    styles: tuple[Style, ...]
    any_style: re.Pattern  # matches where one of ``styles`` does (most paragraphs: none)
    doc_number: re.Pattern
    date: re.Pattern
    transmittal: tuple[re.Pattern, ...]
    back_matter: tuple[re.Pattern, ...]
    chrome: tuple[tuple[str, re.Pattern], ...]
    contact_issuer: re.Pattern
    attachment_label: re.Pattern
    toc_line: re.Pattern
    self_reference: re.Pattern
    adoption_event: re.Pattern
    doc_type_end: re.Pattern  # a title ending in a doc type (plus optional parenthetical)
    issuer_line: re.Pattern
    type_of_form: dict[str, str]


@lru_cache(maxsize=None)
def cues() -> Cues:
    lex = load("structure", StructureLexicon)
    forms = {f: t.name for t in lex.doc_types for f in t.forms}
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    suffixes = "|".join(re.escape(s) for s in sorted(lex.issuer_suffixes, key=len, reverse=True))
    return Cues(
        lex=lex,
        styles=tuple(Style(s, re.compile(s.pattern)) for s in lex.outline_styles),
        any_style=re.compile("|".join(f"(?:{s.pattern})" for s in lex.outline_styles)),
        doc_number=re.compile(lex.doc_number),
        date=re.compile(lex.date),
        transmittal=tuple(re.compile(p) for p in lex.transmittal),
        back_matter=tuple(re.compile(p) for p in lex.back_matter),
        chrome=tuple((c.key, re.compile(c.pattern)) for c in lex.chrome),
        contact_issuer=re.compile(lex.contact_issuer),
        attachment_label=re.compile(lex.attachment_label),
        toc_line=re.compile(lex.toc_line),
        self_reference=re.compile(lex.self_reference),
        adoption_event=re.compile(lex.adoption_event),
        doc_type_end=re.compile(rf"(?P<form>{alt})(?:[（(][^（）()]{{1,20}}[）)])?$"),
        # quoted names inside an issuer (推进“三地一区”建设领导小组…办公室) are part of it
        issuer_line=re.compile(rf"^[\p{{Han}}（）()、“”\s]{{2,60}}?(?:{suffixes})(?:文件)?$"),
        type_of_form=forms,
    )


def doc_type_of(title: str | None) -> str | None:
    """The canonical document type a title ends with (工作方案（2025—2027年） → 工作方案)."""
    if not title:
        return None
    m = cues().doc_type_end.search(title.strip())
    return cues().type_of_form[m.group("form")] if m else None

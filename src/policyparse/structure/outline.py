"""The body outline: numbered headings (一、 （一） 1. （1） —— 第X章 第X条) → a Section tree.

A heading is only recognised at the start of a paragraph, and a numbered one only when its
ordinal continues a sequence (1, the previous sibling + 1, or the style's last ordinal + 1
anywhere — numbering may run on across parents, as 1.…24. under （一）…（五） do); unambiguous
styles (一、 （一） 第X条) may also skip forward. A style's level is its rank by first appearance.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex as re

from ..model import Attachment, Section
from .cues import Style, cues
from .paragraphs import Para

_SENTENCE_END = re.compile(r"[。；;：:！!？?]$")
_SPACES = re.compile(r"\s+")


@dataclass
class Heading:
    para: Para
    style: Style
    number: str  # as written (spaces dropped): （一） 1. ——
    ordinal: Optional[int]  # None for bullets until placed
    heading: str  # heading text without the number ("" when the item has no heading phrase)


def match_heading(p: Para) -> Optional[Heading]:
    c = cues()
    if not c.any_style.match(p.text):
        return None  # one anchored match instead of one per style
    for st in c.styles:
        m = st.rx.match(p.text)
        if not m:
            continue
        # a table-of-contents line is no heading; checked only now because searching the whole
        # paragraph costs more than the anchored style matches, and most paragraphs match none
        if c.toc_line.search(p.text):
            return None
        rest = p.text[m.end():]
        if not rest.strip() and st.spec.alone:
            return Heading(p, st, _SPACES.sub("", m.group(0)), st.ordinal(_SPACES.sub("", m.group("num"))), "")
        if not rest.strip() or rest[0] in "%％年月日万亿元":
            return None
        num = m.groupdict().get("num")
        ordinal = st.ordinal(_SPACES.sub("", num)) if num is not None else None
        number = _SPACES.sub("", m.group(0))
        return Heading(p, st, number, ordinal, _heading_phrase(rest) if st.spec.headed else "")
    return None


def _heading_phrase(rest: str) -> str:
    """The heading phrase after the number: "功能定位。本意见所称…" → "功能定位"; "" when the
    item is one long sentence with no phrase of its own."""
    lex = cues().lex
    cut = rest.find("。")
    colon = rest.find("：")
    if 0 < colon < (cut if cut >= 0 else len(rest)) and colon <= lex.heading_max_chars and rest[colon + 1:].strip():
        return rest[:colon].strip()  # "申报条件：企业须…" / "知识产权保护方面5项：…"
    if cut < 0:  # no full stop: a heading line, unless it is a long run-on item
        ok = len(rest) <= lex.heading_max_chars and not _SENTENCE_END.search(rest)
        return rest.strip() if ok else ""
    first, after = rest[:cut], rest[cut + 1:]
    limit = lex.heading_max_chars if after.strip() else lex.heading_alone_max_chars
    return first.strip() if len(first) <= limit else ""


def _title_like(p: Para) -> bool:
    return len(p.text) <= 40 and not _SENTENCE_END.search(p.text) and "。" not in p.text


@dataclass
class Outline:
    sections: list[Section]  # top level
    headings: dict[int, tuple[Section, Heading]]  # paragraph index → its section and heading
    end: int  # paragraph index where the main body stops (attachments start)
    attachments: list[tuple[int, int, str]]  # (first para index, last para index, title)


def build_outline(paras: list[Para], lo: int, hi: int) -> Outline:
    rank: dict[str, int] = {}
    top: list[Section] = []
    stack: list[Section] = []
    last_of_style: dict[str, int] = {}
    headings: dict[int, tuple[Section, Heading]] = {}
    end = hi
    for i in range(lo, hi):
        p = paras[i]
        if headings and _attachment_starts(paras, i, hi, rank, top):
            end = i
            break
        h = match_heading(p)
        if h is None:
            continue
        style = h.style.spec.style
        level = rank.get(style, len(rank) + 1)
        parent_stack = [s for s in stack if s.level < level]
        parent = parent_stack[-1] if parent_stack else None
        siblings = (parent.children if parent else top)
        same = [s for s in siblings if s.style == style]
        seq = h.style.spec.sequence
        prev = same[-1].ordinal if same else 0
        if seq == "none":
            ordinal = len(same) + 1
        elif h.ordinal is None:
            continue
        elif h.ordinal in (1, prev + 1, last_of_style.get(style, 0) + 1) or (seq == "forward" and h.ordinal > prev):
            ordinal = h.ordinal
        else:
            continue
        rank.setdefault(style, level)
        last_of_style[style] = ordinal
        token = h.style.spec.token.format(n=_numeral(h), i=ordinal)
        path = (parent.path if parent else []) + [token]
        ids = (parent.id if parent else "s") + ("" if not parent else ".") + str(ordinal)
        sec = Section(id=ids, number=h.number, style=style, ordinal=ordinal, level=level,
                      heading=h.heading, start=p.start, end=p.end, path=path)
        siblings.append(sec)
        stack = parent_stack + [sec]
        headings[i] = (sec, h)
    _dedupe_ids(top)
    return Outline(top, headings, end, _attachments(paras, end, hi))


def _numeral(h: Heading) -> str:
    m = h.style.rx.match(h.para.text)
    num = m.groupdict().get("num") if m else None
    return _SPACES.sub("", num) if num else ""


def _dedupe_ids(sections: list[Section]) -> None:
    seen: dict[str, int] = {}
    for top in sections:
        for s in top.walk():
            n = seen.get(s.id, 0)
            seen[s.id] = n + 1
            if n:
                s.id = f"{s.id}~{n + 1}"


def _attachment_starts(paras: list[Para], i: int, hi: int, rank: dict[str, int], top: list[Section]) -> bool:
    """附件 label, or a title line followed by a restart of the top-level numbering at 1."""
    p = paras[i]
    if len(p.text) <= 60 and cues().attachment_label.match(p.text):
        # "附件：X" followed only by the signature and date lists the attachments; it is not one
        return not _only_back_lines_follow(paras, i + 1, hi)
    if not top or top[-1].ordinal < 2 or i + 1 >= hi or not _title_like(p) or match_heading(p):
        return False
    nxt = match_heading(paras[i + 1])
    first_style = next((s for s, r in rank.items() if r == 1), None)
    return bool(nxt and nxt.style.spec.style == first_style and nxt.ordinal == 1)


def _only_back_lines_follow(paras: list[Para], i: int, hi: int) -> bool:
    from .header import is_back_line  # header imports nothing from here; keep the cycle lazy
    label = cues().attachment_label
    j = i
    while j < hi and not label.match(paras[j].text):
        if not is_back_line(paras[j].text):
            return False
        j += 1
    return j > i or j >= hi


def _attachments(paras: list[Para], start: int, hi: int) -> list[tuple[int, int, str]]:
    """Split paragraphs [start, hi) into attachments at each 附件 label (the first starts at ``start``)."""
    if start >= hi:
        return []
    label = cues().attachment_label
    starts = [start] + [j for j in range(start + 1, hi) if len(paras[j].text) <= 60 and label.match(paras[j].text)]
    out = []
    for a, b in zip(starts, starts[1:] + [hi]):
        m = label.match(paras[a].text)
        if m:
            title = (m.group("title") or "").strip() or (paras[a + 1].text if a + 1 < b else paras[a].text)
        else:
            title = paras[a].text
        out.append((a, b - 1, title))
    return out


def close_sections(sections: list[Section], paras: list[Para], headings: dict[int, tuple[Section, Heading]], body_end: int) -> None:
    """Set each section's end: the end of its last paragraph before the next heading of the same
    or a higher level (or before ``body_end``, the first paragraph index outside the body).
    One pass with a stack of open sections, so a document with many headings stays linear."""
    open_: list[tuple[int, Section]] = []  # (heading paragraph index, section)

    def close(upto: int) -> None:  # paragraph index where the next thing starts
        i, sec = open_.pop()
        j = min(upto, body_end)
        sec.end = paras[j - 1].end if j - 1 >= i else paras[i].end

    for i in sorted(headings):
        sec = headings[i][0]
        while open_ and open_[-1][1].level >= sec.level:
            close(i)
        open_.append((i, sec))
    while open_:
        close(body_end)


def as_attachments(paras: list[Para], spans: list[tuple[int, int, str]]) -> list[Attachment]:
    return [Attachment(title=t, start=paras[a].start, end=paras[b].end) for a, b, t in spans]

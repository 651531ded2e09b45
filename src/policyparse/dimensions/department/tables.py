"""Roles from task tables: a row under a header cell 牵头单位 / 责任单位 / 配合单位 … gives every
body in that column the header's role (annexes of 实施方案 list tasks this way).

Readers render a table row as one line ``| a | b | c |`` (readers.base.table_row); a header row
sets the columns' roles until the table ends (a line that is no row). Bodies that already have a
role from their own cell's words (市科技局牵头) keep it.
"""
from __future__ import annotations

import regex as re

from ...readers.base import CELL_SEP

_HEADER = re.compile(r"(?P<label>牵头|主责|责任|实施|配合|参与|协办|协同)(?:单位|部门)(?:[（(][^）)]{0,12}[）)])?")
_ROLE = {"牵头": "lead", "主责": "lead", "责任": "responsible", "实施": "responsible",
         "配合": "co", "参与": "co", "协办": "co", "协同": "co"}


def _cells(line: str, start: int) -> list[tuple[int, int]]:
    """(start, end) in document offsets of each cell of ``| a | b |`` at ``start``."""
    inner_from, inner_to = 2, len(line.rstrip("\n")) - 2  # inside "| " … " |"
    spans, at = [], inner_from
    while True:
        cut = line.find(CELL_SEP, at, inner_to)
        if cut < 0:
            spans.append((start + at, start + inner_to))
            return spans
        spans.append((start + at, start + cut))
        at = cut + len(CELL_SEP)


def apply(text: str, records: list) -> None:
    """Set the role of department records (document offsets) that sit in a role column."""
    if "| " not in text or not any(r.kind == "department" and r.role is None for r in records):
        return
    deps = sorted((r for r in records if r.kind == "department" and r.role is None), key=lambda r: r.start)
    columns: dict[int, str] = {}
    pos, k = 0, 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        if not line.startswith("| "):
            columns = {}
            continue
        cells = _cells(line, start)
        header = {i: _ROLE[m.group("label")] for i, (a, b) in enumerate(cells)
                  if (m := _HEADER.fullmatch(text[a:b].strip()))}
        if header:
            columns = header
            continue
        while k < len(deps) and deps[k].start < start:
            k += 1
        if not columns:
            continue
        for d in deps[k:]:
            if d.start >= pos:
                break
            for i, (a, b) in enumerate(cells):
                if a <= d.start and d.end <= b and i in columns:
                    d.role = columns[i]

"""Roles from task tables: a body under a header cell 牵头单位 / 责任单位 / 配合单位 … gets the
header's role (annexes of 实施方案 list tasks this way).

Three layouts reach the text: rows as ``| a | b | c |`` lines (readers.base.table_row), rows
with cells apart by tabs or wide spaces (plain-text copies), and tables flattened to one cell per
line (web pages copied as text: 序号 / 工作任务 / 牵头单位 / 配合单位, then each row's cells). In the
first two the column decides; flattened, a row's first line of bodies takes the first role column
and a line of bodies right after it the next. Bodies that already have a role from their own
cell's words (市科技局牵头) keep it.
"""
from __future__ import annotations

import regex as re

from ...readers.base import CELL_SEP

_HEADER = re.compile(r"(?P<label>牵头|主责|责任|实施|配合|参与|协办|协同)[\u4e00-\u9fff]{0,3}?(?:单位|部门)(?:[（(][^）)]{0,12}[）)])?")
# a responsibility label's stem → its role (also the labels of notes: dimensions.department)
ROLE = {"牵头": "lead", "主责": "lead", "责任": "responsible", "实施": "responsible",
        "配合": "co", "参与": "co", "协办": "co", "协同": "co"}
_WIDE = re.compile(r"\t+| {2,}|　+")  # cells of a plain-text row
_LIST_REST = re.compile(r"[、，,和及与\s]*")  # what may stand between the bodies of a cell


def _cells(line: str, start: int) -> list[tuple[int, int]]:
    """(start, end) in document offsets of each cell of a row line at ``start``."""
    body = line.rstrip("\n")
    if body.startswith("| "):
        inner_from, inner_to, seps = 2, len(body) - 2, [(m, m + len(CELL_SEP)) for m in _bars(body)]
    else:
        inner_from, inner_to, seps = 0, len(body), [m.span() for m in _WIDE.finditer(body.strip("\t 　"))]
        lead = len(body) - len(body.lstrip("\t 　"))
        seps = [(a + lead, b + lead) for a, b in seps]
        inner_from = lead
    spans, at = [], inner_from
    for a, b in seps:
        if a >= inner_to:
            break
        spans.append((start + at, start + a))
        at = b
    spans.append((start + at, start + inner_to))
    return spans


def _bars(line: str) -> list[int]:
    out, at = [], 2
    while True:
        cut = line.find(CELL_SEP, at, len(line) - 2)
        if cut < 0:
            return out
        out.append(cut)
        at = cut + len(CELL_SEP)


def _header(text: str, cells: list[tuple[int, int]]) -> dict[int, str]:
    return {i: ROLE[m.group("label")] for i, (a, b) in enumerate(cells)
            if (m := _HEADER.fullmatch(text[a:b].strip()))}


def _bodies_only(line: str, inside: list) -> bool:
    """A cell line holding bodies and nothing but list separators (and short leftovers such as
    各相关街镇, 置业集团 that the grammar does not take)."""
    if not inside or "。" in line or len(line.strip()) > 120:
        return False
    rest = line
    for d in inside:
        rest = rest.replace(d.text, "、")
    leftover = _LIST_REST.sub("", rest)
    return len(leftover) <= len(line.strip()) // 2


def apply(text: str, records: list) -> None:
    """Set the role of department records (document offsets) that sit in a role column."""
    if "单位" not in text and "部门" not in text:
        return
    deps = sorted((r for r in records if r.kind == "department"), key=lambda r: r.start)
    if not deps:
        return
    columns: dict[int, str] = {}
    flat: list[str] = []  # flattened table: the role columns in order
    flat_prev = -1  # role index given to the line of bodies just before, -1 when it was no such line
    pos, k = 0, 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        while k < len(deps) and deps[k].start < start:
            k += 1
        inside = [d for d in deps[k:] if d.start < pos]
        stripped = line.strip()
        if not stripped:
            continue  # blank lines sit between a flattened table's cells too
        if _HEADER.fullmatch(stripped):
            flat.append(ROLE[_HEADER.fullmatch(stripped).group("label")])
            columns, flat_prev = {}, -1
            continue
        cells = _cells(line, start) if (line.startswith("| ") or _WIDE.search(stripped)) else []
        header = _header(text, cells) if len(cells) > 1 else {}
        if header:
            columns, flat = header, []
            continue
        if columns and len(cells) > 1:
            for d in inside:
                for i, (a, b) in enumerate(cells):
                    if a <= d.start and d.end <= b and i in columns and d.role is None:
                        d.role = columns[i]
            continue
        columns = {}
        if flat:
            if _bodies_only(line, inside):
                flat_prev = min(flat_prev + 1, len(flat) - 1)
                for d in inside:
                    if d.role is None:
                        d.role = flat[flat_prev]
            else:
                flat_prev = -1

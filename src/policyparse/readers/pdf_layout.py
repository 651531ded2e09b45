"""Chars → lines for one PDF page: CJK-aware joining, seal filtering, two-column reading order.

pdfplumber gives positioned chars; its own extract_text() inserts spaces by a fixed gap, which
breaks CJK text set with justified spacing. Here a space is only added between two non-CJK
chars (words) or across a gap wide enough to be a separate cell/column.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import regex

_CJK = regex.compile(r"[\p{Han}\p{InCJK_Symbols_and_Punctuation}\p{InHalfwidth_and_Fullwidth_Forms}"
                     r"“”‘’—…·、]")


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    column: tuple[float, float] = (0.0, 0.0)  # the text block's left/right edge
    block: int = 0  # lines of one column run share a block (set_columns measures per block)
    chars: list = field(default_factory=list, repr=False)


def _is_red(color) -> bool:
    if not isinstance(color, (tuple, list)) or not color:
        return False
    if len(color) == 3:
        r, g, b = (float(c) for c in color)
        return r > 0.6 and g < 0.45 and b < 0.45
    if len(color) == 4:  # CMYK: red = low cyan, high magenta and yellow
        c, m, y, k = (float(v) for v in color)
        return c < 0.3 and m > 0.6 and y > 0.5 and k < 0.4
    return False


def is_seal_char(c: dict) -> bool:
    """Text of a stamped seal: drawn in red, or rotated (seal rings set chars around a circle)."""
    if not c.get("upright", True):
        return True
    m = c.get("matrix")
    if m and (abs(m[1]) > 1e-3 or abs(m[2]) > 1e-3):
        return True
    return _is_red(c.get("non_stroking_color")) or (
        c.get("stroking_color") is not None and _is_red(c.get("stroking_color"))
        and c.get("non_stroking_color") is None)


def _rows(chars: list[dict]) -> list[list[dict]]:
    """Cluster chars into visual rows by vertical overlap of their boxes."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if rows:
            last = rows[-1]
            ref_top = statistics.median(x["top"] for x in last[-8:])
            ref_bottom = statistics.median(x["bottom"] for x in last[-8:])
            height = max(ref_bottom - ref_top, 1.0)
            overlap = min(ref_bottom, c["bottom"]) - max(ref_top, c["top"])
            if overlap > 0.5 * min(height, max(c["bottom"] - c["top"], 1.0)):
                last.append(c)
                continue
        rows.append([c])
    return rows


def _join_chars(chars: list[dict]) -> str:
    chars = sorted(chars, key=lambda c: c["x0"])
    out: list[str] = []
    prev = None
    for c in chars:
        t = c["text"]
        if prev is not None:
            size = max(prev["size"], c["size"], 1.0)
            gap = c["x0"] - prev["x1"]
            a, b = prev["text"][-1:], t[:1]
            if a.isspace() or b.isspace():
                pass
            elif is_cjk(a) or is_cjk(b):
                if gap > 2.5 * size:  # a separate cell/column, not justified spacing
                    out.append(" ")
            elif gap > 0.2 * size:
                out.append(" ")
        out.append(t)
        prev = c
    return "".join(out)


def _make_line(chars: list[dict], page: int) -> Line:
    return Line(text=_join_chars(chars).strip(), x0=min(c["x0"] for c in chars), x1=max(c["x1"] for c in chars),
                top=min(c["top"] for c in chars), bottom=max(c["bottom"] for c in chars),
                size=statistics.median(c["size"] for c in chars), page=page, chars=chars)


def _gutter(rows: list[list[dict]], width: float) -> float | None:
    """x of a vertical gutter (no row crosses it, text on both sides), else None."""
    if len(rows) < 6:
        return None
    size = statistics.median(c["size"] for r in rows for c in r)
    spans = [[(c["x0"], c["x1"]) for c in r] for r in rows]
    need = max(3, 0.15 * len(rows))
    found: list[tuple[int, float]] = []
    for x in range(int(width * 0.3), int(width * 0.7), 2):
        crossing = sum(1 for s in spans if any(a - 1 < x < b + 1 for a, b in s))
        if crossing > 0.1 * len(rows):
            continue
        left = sum(1 for s in spans if any(b <= x for a, b in s))
        right = sum(1 for s in spans if any(a >= x for a, b in s))
        if min(left, right) >= need:
            found.append((crossing, x))
    if not found:
        return None
    least = min(c for c, _ in found)
    xs = [x for c, x in found if c == least]
    x = xs[len(xs) // 2]  # middle of the empty band
    # a real gutter is at least ~1 em wide: the band of equally empty xs must be that wide
    return x if (xs[-1] - xs[0]) >= size * 0.8 else None


def page_lines(page, page_no: int) -> tuple[list[Line], int, int]:
    """(lines in reading order, chars kept, seal chars dropped)."""
    chars = [c for c in page.chars if c["text"] and c["text"] != "\x00"]
    seal = [c for c in chars if is_seal_char(c)]
    body = [c for c in chars if not is_seal_char(c)]
    rows = _rows(body)
    gutter = _gutter(rows, float(page.width))
    lines: list[Line] = []
    if gutter is None:
        lines = [_make_line(r, page_no) for r in rows]
    else:
        block_left: list[Line] = []
        block_right: list[Line] = []

        block = [0]

        def flush():
            for part in (block_left, block_right):
                block[0] += 1
                for ln in part:
                    ln.block = block[0]
            lines.extend(block_left)
            lines.extend(block_right)
            block_left.clear()
            block_right.clear()

        for r in rows:
            if any(c["x0"] - 1 < gutter < c["x1"] + 1 for c in r):
                flush()
                ln = _make_line(r, page_no)
                block[0] += 1
                ln.block = block[0]
                lines.append(ln)
                continue
            left = [c for c in r if c["x1"] <= gutter]
            right = [c for c in r if c["x0"] >= gutter]
            if left:
                block_left.append(_make_line(left, page_no))
            if right:
                block_right.append(_make_line(right, page_no))
        flush()
    return [ln for ln in lines if ln.text], len(body), len(seal)


def set_columns(lines: list[Line]) -> None:
    """Give each line its block's left/right text edge (a one-line block gets the page's)."""
    if not lines:
        return
    page_extent = (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
    blocks: dict[int, list[Line]] = {}
    for ln in lines:
        blocks.setdefault(ln.block, []).append(ln)
    for members in blocks.values():
        extent = (min(ln.x0 for ln in members), max(ln.x1 for ln in members)) if len(members) > 1 else page_extent
        for ln in members:
            ln.column = extent

"""What every reader hands back to ``read()``: the raw body text plus its provenance."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class RawText:
    text: str
    format: str  # txt docx pdf html doc wps rtf
    reader: str  # reader name + library version
    encoding: Optional[str] = None
    pages: Optional[int] = None
    metadata: dict[str, str] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    footers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    published: Optional[str] = None  # ISO date from page metadata (html)


def add_unique(items: list[str], value: str) -> None:
    value = value.strip()
    if value and value not in items:
        items.append(value)


CELL_SEP = " | "


def table_row(cells: list[str]) -> str:
    """A table row as one line, "| a | b |": the outer bars keep a row from being glued to its
    neighbour by the normaliser's cut-line rejoin (a row never ends a sentence)."""
    return "| " + CELL_SEP.join(c.replace("|", "｜") for c in cells) + " |"

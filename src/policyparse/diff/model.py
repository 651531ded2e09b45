"""The diff's stable JSON schema: pairs of clauses and the value-level changes inside them."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field

Status = Literal["unchanged", "modified", "moved", "renumbered", "inserted", "deleted", "split", "merged"]
ChangeType = Literal["changed", "added", "removed", "replaced"]
# statuses that change nothing of substance: same words, maybe new numbers or a new place
SILENT = {"unchanged", "renumbered", "moved"}


class ClauseRef(BaseModel):
    clause_id: str
    section: str
    start: int
    end: int
    text: str


class Change(BaseModel):
    """One value-level change, e.g. money 1000万元 → 50万元, with both spans (document offsets)."""

    kind: str  # money percent ratio count time department target obligation
    change: ChangeType
    field: Optional[str] = None  # the field that changed (value, bound, year, name, deontic …)
    old: Optional[dict] = None  # the old record (model_dump) or None when added
    new: Optional[dict] = None
    summary: str  # one line, human readable


class Pair(BaseModel):
    status: Status
    old: list[ClauseRef] = Field(default_factory=list)  # one, or several for merged
    new: list[ClauseRef] = Field(default_factory=list)  # one, or several for split
    similarity: float = 0.0
    inline: list[tuple[int, str]] = Field(default_factory=list)  # diff-match-patch ops: -1 del, 0 eq, 1 ins
    changes: list[Change] = Field(default_factory=list)


class DocRef(BaseModel):
    path: Optional[str] = None
    title: Optional[str] = None
    sha256: Optional[str] = None


class DiffResult(BaseModel):
    schema_version: int = 1
    old: DocRef
    new: DocRef
    pairs: list[Pair]

    @property
    def changes(self) -> list[Change]:
        return [c for p in self.pairs for c in p.changes]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.pairs:
            out[p.status] = out.get(p.status, 0) + 1
        return out

    @property
    def substantive(self) -> list[Pair]:
        """Pairs a reader must look at: new, gone or reworded text, or a changed value."""
        return [p for p in self.pairs
                if p.changes or (p.status not in SILENT and not _same_words_regrouped(p))]

    def to_json(self) -> str:
        data = self.model_dump()
        data["summary"] = {"counts": self.counts(), "value_changes": len(self.changes),
                           "substantive": len(self.substantive)}
        import json
        return json.dumps(data, ensure_ascii=False, indent=2)


def _same_words_regrouped(p: Pair) -> bool:
    """A split or merge whose words are all kept (a paragraph break moved, nothing reworded)."""
    from .text import key
    if p.status not in ("split", "merged"):
        return False
    return key("".join(c.text for c in p.old)) == key("".join(c.text for c in p.new))

"""Documents for comparison: from a SQLite store (latest versions) or Document objects.

Both paths give the same thing — Documents with text, clauses, sections and records — so
compare, follow-up and the report never care where the documents came from.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterable, Optional, Union

from ..model import Clause, Document, Section, record_from_dict

Source = Union[str, Path, Document, Iterable[Document]]


def _sections(rows: list[sqlite3.Row]) -> list[Section]:
    """Rebuild the outline tree from the flat ``sections`` rows (parent_id links)."""
    nodes: dict[str, Section] = {}
    top: list[Section] = []
    for r in rows:
        nodes[r["id"]] = Section(id=r["id"], number=r["number"] or "", style=r["style"] or "",
                                 ordinal=r["ordinal"] or 0, level=r["level"] or 1, heading=r["heading"] or "",
                                 start=r["start"], end=r["end"], path=[p for p in (r["path"] or "").split("/") if p])
    for r in rows:
        parent = nodes.get(r["parent_id"]) if r["parent_id"] else None
        (parent.children if parent else top).append(nodes[r["id"]])
    return top


def from_store(db: str | Path) -> list[Document]:
    """The latest version of every stored document, with its clauses, outline and records."""
    from ..store import connect

    conn = connect(db, create=False)
    conn.row_factory = sqlite3.Row
    try:
        docs = []
        for v in conn.execute("SELECT * FROM current_versions ORDER BY doc_key").fetchall():
            meta = json.loads(v["meta_json"] or "{}")
            meta.update(text=v["text"], path=v["path"])
            doc = Document.model_validate(meta)
            doc.metadata = {**doc.metadata, "doc_key": v["doc_key"], "version_no": str(v["version_no"])}
            vid = v["version_id"]
            doc.sections = _sections(conn.execute(
                "SELECT * FROM sections WHERE version_id = ? ORDER BY start, level", (vid,)).fetchall())
            doc.clauses = [Clause(id=c["id"], section_id=c["section_id"], section=c["section"] or "",
                                  start=c["start"], end=c["end"], text=c["text"], heading=bool(c["heading"]))
                           for c in conn.execute("SELECT * FROM clauses WHERE version_id = ? ORDER BY start",
                                                 (vid,))]
            doc.records = [record_from_dict(json.loads(r["json"])) for r in conn.execute(
                "SELECT json FROM records WHERE version_id = ? ORDER BY seq", (vid,))]
            docs.append(doc)
        return docs
    finally:
        conn.close()


def documents(source: Source) -> list[Document]:
    """Documents from a store path or Document object(s); records are extracted when absent."""
    if isinstance(source, (str, Path)):
        return from_store(source)
    docs = [source] if isinstance(source, Document) else list(source)
    from ..extract import extract

    for d in docs:
        if not d.records:
            extract(d)
    return docs


NATIONAL_COLUMN = "全国"


def column(doc: Document) -> Optional[str]:
    """The comparison column of a document: its jurisdiction's label. Cities and municipalities by
    their short name (天津, 石家庄), provinces likewise (四川), districts, counties and zones by
    their full name (上海市黄浦区, 柳河县, 广州南沙新区), national documents 全国."""
    j = doc.jurisdiction
    if j is None:
        return doc.city  # a store written before jurisdictions: its city column
    from ..jurisdiction.divisions import short_name

    if j.level == "national":
        return NATIONAL_COLUMN
    if j.level in ("city", "province"):
        return short_name(j.name)
    return j.name


def full_name(doc: Document) -> Optional[str]:
    """The full official name of a document's jurisdiction (上海市, 广州市南沙区), 全国 for national."""
    j = doc.jurisdiction
    if j is None:
        return doc.city
    return NATIONAL_COLUMN if j.level == "national" else j.name


def in_scope(doc: Document, wanted: Optional[list[str]] = None, level: Optional[str] = None) -> bool:
    """Does ``doc`` belong to one of the ``wanted`` jurisdictions (by label, full or short name) and
    to ``level`` (a municipality is a province and a city)?"""
    j = doc.jurisdiction
    if level:
        levels = {j.level} if j else set()
        if j is not None and j.level == "province" and j.city == j.province:
            levels.add("city")
        if level not in levels:
            return False
    if not wanted:
        return True
    from ..jurisdiction.divisions import short_name

    names = {column(doc), doc.city}
    if j is not None:
        names |= {j.name, short_name(j.name)}
    return bool(names & set(wanted))


def year(doc: Document) -> Optional[int]:
    """The year a document speaks from: its date, else a sidecar year."""
    for s in (doc.date, doc.metadata.get("year")):
        if s and s[:4].isdigit():
            return int(s[:4])
    return None


def name(doc: Document) -> str:
    """A short label for a document: its title, else its file name."""
    return doc.title or (Path(doc.path).name if doc.path else "(untitled)")

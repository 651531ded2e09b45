"""Documents for comparison: from a SQLite store (latest versions) or Document objects.

Both paths give the same thing — Documents with text, clauses, sections and records — so
compare, follow-up and the report never care where the documents came from.
"""
from __future__ import annotations

import json
from itertools import groupby
import sqlite3
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from pydantic import TypeAdapter

from ..model import Clause, Document, Section, record_from_dict
from ..model.records import RECORD_TYPES

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


def from_store(db: str | Path, keep: Optional[Callable[[Document], bool]] = None,
               kinds: Optional[tuple[str, ...]] = None,
               obligations: Optional[tuple[tuple[str, ...], tuple[str, ...]]] = None,
               names: Optional[list[str]] = None) -> list[Document]:
    """The latest version of every stored document, with its clauses, outline and records.

    ``names``: only documents whose stored metadata mentions one of them (a cheap first cut for
    ``--jurisdictions``: a document's column and jurisdiction names are all in its metadata).
    ``keep`` is asked about each document before its outline, clauses and records are loaded (it
    sees the text and metadata only), ``kinds`` limits the records loaded and ``obligations``
    (deontics, aims) the obligations to those with one of the deontics or aims: compare over a
    large store reads only what it will show."""
    from ..store import connect

    conn = connect(db, create=False)
    conn.row_factory = sqlite3.Row
    rec_where, args = "", []
    if kinds:
        rec_where += f" AND kind IN ({','.join('?' * len(kinds))})"
        args += list(kinds)
    if obligations:
        deontics, aims = obligations
        rec_where += (f" AND (kind != 'obligation' OR json_extract(json, '$.deontic') IN ({','.join('?' * len(deontics))})"
                      f" OR json_extract(json, '$.aim') IN ({','.join('?' * len(aims))}))")
        args += [*deontics, *aims]
    try:
        docs: dict[int, Document] = {}
        for v in conn.execute("SELECT * FROM current_versions ORDER BY doc_key").fetchall():
            if names and not any(n in (v["meta_json"] or "") for n in names):
                continue
            meta = json.loads(v["meta_json"] or "{}")
            meta.update(text=v["text"], path=v["path"])
            doc = Document.model_validate(meta)
            doc.metadata = {**doc.metadata, "doc_key": v["doc_key"], "version_no": str(v["version_no"])}
            if keep is not None and not keep(doc):
                continue
            docs[v["version_id"]] = doc
        # outline, clauses and records of the kept versions, a few hundred versions per query
        # (one query per document costs more than the rows); clauses validated per document
        # and records parsed by pydantic straight from their JSON
        ids = list(docs)
        for i in range(0, len(ids), CHUNK):
            part = ids[i:i + CHUNK]
            marks = ",".join("?" * len(part))
            for vid, rows in _grouped(conn.execute(
                    f"SELECT * FROM sections WHERE version_id IN ({marks}) ORDER BY version_id, start, level", part)):
                docs[vid].sections = _sections(rows)
            for vid, rows in _grouped(conn.execute(
                    f"SELECT * FROM clauses WHERE version_id IN ({marks}) ORDER BY version_id, start", part)):
                docs[vid].clauses = _CLAUSES.validate_python([
                    {"id": c["id"], "section_id": c["section_id"], "section": c["section"] or "", "start": c["start"],
                     "end": c["end"], "text": c["text"], "heading": bool(c["heading"])} for c in rows])
            for vid, rows in _grouped(conn.execute(
                    f"SELECT version_id, kind, json FROM records WHERE version_id IN ({marks}){rec_where} "
                    f"ORDER BY version_id, seq", (*part, *args))):
                docs[vid].records = [_record(r["kind"], r["json"]) for r in rows]
        return list(docs.values())
    finally:
        conn.close()


CHUNK = 500  # version ids per IN (…) query (SQLite allows 999 parameters by default)


def _grouped(cursor):
    return ((vid, list(rows)) for vid, rows in groupby(cursor, key=lambda r: r["version_id"]))


_CLAUSES = TypeAdapter(list[Clause])


def _record(kind: str, raw: str):
    cls = RECORD_TYPES.get(kind)
    return cls.model_validate_json(raw) if cls is not None else record_from_dict(json.loads(raw))


def documents(source: Source, keep: Optional[Callable[[Document], bool]] = None,
              kinds: Optional[tuple[str, ...]] = None,
              obligations: Optional[tuple[tuple[str, ...], tuple[str, ...]]] = None,
              names: Optional[list[str]] = None) -> list[Document]:
    """Documents from a store path or Document object(s); records are extracted when absent.
    ``keep``, ``kinds``, ``obligations`` and ``names`` narrow what a store loads (see from_store)."""
    if isinstance(source, (str, Path)):
        return from_store(source, keep, kinds, obligations, names)
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

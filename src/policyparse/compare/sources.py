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


def candidates_sql(cities: Optional[list[str]] = None, topic: Optional[str] = None,
                   level: Optional[str] = None, *, keys: Optional[list[str]] = None,
                   columns: str = "*") -> tuple[str, list]:
    """The latest versions that MAY be in scope (``in_scope``) and about ``topic`` (``is_about``):
    a superset, cheap to find through the versions indexes, that the Python filters then narrow.
    A large store is never loaded whole to answer a question about a few places."""
    where, args = [], []
    if keys is not None:  # these documents only (a page of a report)
        where.append(f"doc_key IN ({', '.join('?' * len(keys))})")
        args += keys
    if cities:
        alts = ["jurisdiction IS NULL"]  # stored before jurisdictions: only the Python filter knows
        for w in cities:
            # its full name, its city column, or a name it is the short form of (四川 → 四川省):
            # short names are prefixes, so a range the index answers
            alts += ["jurisdiction = ?", "city = ?", "(jurisdiction >= ? AND jurisdiction < ?)"]
            args += [w, w, w, w + "\U0010ffff"]
            if w == NATIONAL_COLUMN:
                alts.append("jurisdiction_level = 'national'")
        where.append("(" + " OR ".join(alts) + ")")
    if level:
        levels = ["province", "city"] if level == "city" else [level]  # a municipality is both
        where.append(f"(jurisdiction_level IN ({', '.join('?' * len(levels))}) OR jurisdiction_level IS NULL)")
        args += levels
    if topic:  # named in the title (also in meta_json: the wrapped title) or anywhere in the body
        where.append("(instr(title, ?) > 0 OR instr(meta_json, ?) > 0 OR instr(text, ?) > 0)")
        args += [topic] * 3
    sql = f"SELECT {columns} FROM current_versions" + (" WHERE " + " AND ".join(where) if where else "")
    return sql, args  # no ORDER BY: it would lead SQLite to walk every document in key order


def from_store(db: str | Path, keep: Optional[Callable[[Document], bool]] = None,
               kinds: Optional[tuple[str, ...]] = None,
               obligations: Optional[tuple[tuple[str, ...], tuple[str, ...]]] = None,
               names: Optional[list[str]] = None, *, cities: Optional[list[str]] = None,
               topic: Optional[str] = None, level: Optional[str] = None,
               keys: Optional[list[str]] = None) -> list[Document]:
    """The latest version of every stored document, with its clauses, outline and records.

    ``cities``, ``topic``, ``level`` and ``keys`` preselect in SQL the versions that may match
    (candidates_sql: a superset found through the versions indexes); ``names``: only documents
    whose stored metadata mentions one of them (a cheap first cut for ``--jurisdictions``: a
    document's column and jurisdiction names are all in its metadata). ``keep`` is asked about each
    document before its outline, clauses and records are loaded (it sees the text and metadata
    only), ``kinds`` limits the records loaded and ``obligations`` (deontics, aims) the obligations
    to those with one of the deontics or aims: compare over a large store reads only what it will
    show."""
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
        rows = sorted(conn.execute(*candidates_sql(cities, topic, level, keys=keys)).fetchall(),
                      key=lambda v: v["doc_key"])  # sorted here: an ORDER BY would walk every document
        for v in rows:
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
            for vid, rows in _grouped(conn.execute(SECTIONS_SQL.format(marks=marks), part)):
                docs[vid].sections = _sections(rows)
            for vid, rows in _grouped(conn.execute(CLAUSES_SQL.format(marks=marks), part)):
                docs[vid].clauses = _CLAUSES.validate_python([
                    {"id": c["id"], "section_id": c["section_id"], "section": c["section"] or "", "start": c["start"],
                     "end": c["end"], "text": c["text"], "heading": bool(c["heading"])} for c in rows])
            for vid, rows in _grouped(conn.execute(RECORDS_SQL.format(marks=marks, where=rec_where), (*part, *args))):
                docs[vid].records = [_record(r["kind"], r["json"]) for r in rows]
        return list(docs.values())
    finally:
        conn.close()


# each kept version's rows, found through the (version_id, …) indexes; {marks}: one ? per version
SECTIONS_SQL = "SELECT * FROM sections WHERE version_id IN ({marks}) ORDER BY version_id, start, level"
CLAUSES_SQL = "SELECT * FROM clauses WHERE version_id IN ({marks}) ORDER BY version_id, start"
RECORDS_SQL = "SELECT version_id, kind, json FROM records WHERE version_id IN ({marks}){where} ORDER BY version_id, seq"


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
              names: Optional[list[str]] = None, *, cities: Optional[list[str]] = None,
              topic: Optional[str] = None, level: Optional[str] = None) -> list[Document]:
    """Documents from a store path or Document object(s); records are extracted when absent.
    ``cities``, ``topic``, ``level``, ``keep``, ``kinds``, ``obligations`` and ``names`` narrow what
    a store loads (see from_store; callers still filter: it is a superset)."""
    if isinstance(source, (str, Path)):
        return from_store(source, keep, kinds, obligations, names, cities=cities, topic=topic, level=level)
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
    return column_of(j.name if j else None, j.level if j else None, doc.city)


def column_of(jurisdiction: Optional[str], level: Optional[str], city: Optional[str]) -> Optional[str]:
    """``column`` from the stored columns (versions.jurisdiction, jurisdiction_level, city)."""
    if jurisdiction is None:
        return city  # a store written before jurisdictions: its city column
    from ..jurisdiction.divisions import short_name

    if level == "national":
        return NATIONAL_COLUMN
    if level in ("city", "province"):
        return short_name(jurisdiction)
    return jurisdiction


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

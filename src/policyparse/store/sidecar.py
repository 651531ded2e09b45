"""A ``SOURCES.tsv`` beside ingested files fills what a text does not say about itself.

Some documents carry no title or date in their text (the Tianjin 2018 opinion is body only);
the collector knew them. A tab-separated ``SOURCES.tsv`` in the file's folder, with a ``file``
column and any of ``title issued city province jurisdiction doc_type year issuer``, fills the Document's
*missing* fields only — what the text states always wins — and notes in ``doc.metadata`` which
fields came from the sidecar (``sidecar``: its path, ``sidecar_fields``: the field names).

The store keeps a digest of the row each version was made with (``digest``), so an edited row
re-processes an otherwise unchanged file; ``Folders`` reads each sidecar once per ingest to
compute them.
"""
from __future__ import annotations

import csv
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..model import Document
from ..structure.place import short_places

NAME = "SOURCES.tsv"
# sidecar column → Document field (``issued`` is the 成文日期)
FIELDS = {"title": "title", "issued": "date", "city": "city", "province": "province", "doc_type": "doc_type"}
USED = (*FIELDS, "issuer", "year", "jurisdiction")  # the columns apply() reads: only these decide the digest


@lru_cache(maxsize=64)
def _rows(sidecar: str, mtime_ns: int, size: int) -> dict[str, dict[str, str]]:
    """file name → row (cached per file version: a worker reads each sidecar once; the size is in
    the key too, as an edit within the file system's time granularity keeps the mtime)."""
    with open(sidecar, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        return {(r.get("file") or "").strip(): {k: (v or "").strip() for k, v in r.items() if k}
                for r in reader if (r.get("file") or "").strip()}


def lookup(path: str | Path) -> Optional[tuple[Path, dict[str, str]]]:
    """The sidecar row describing ``path`` (and the sidecar's path), or None."""
    p = Path(path)
    sidecar = p.parent / NAME
    try:
        stat = sidecar.stat()
    except OSError:
        return None
    try:
        row = _rows(str(sidecar), stat.st_mtime_ns, stat.st_size).get(p.name)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None  # a broken sidecar must not fail the document it describes
    return (sidecar, row) if row else None


def apply(doc: Document, path: str | Path) -> Document:
    """Fill ``doc``'s missing title/date/city/province/doc_type from the sidecar of ``path``."""
    found = lookup(path)
    if found is None:
        return doc
    sidecar, row = found
    return _fill(doc, row, sidecar)


def _fill(doc: Document, row: dict[str, str], sidecar: Path) -> Document:
    filled = []
    for col, field in FIELDS.items():
        value = row.get(col)
        if value and not getattr(doc, field):
            setattr(doc, field, value)
            filled.append(field)
    if not doc.issuers and row.get("issuer"):
        doc.issuers = [row["issuer"]]
        filled.append("issuers")
    if row.get("year") and not doc.date:  # no date anywhere: the year still orders documents in time
        doc.metadata["year"] = row["year"]
        filled.append("year")
    if doc.jurisdiction is None:
        j = _jurisdiction(row, doc)
        if j is not None:  # the text named no place: the collector's word places the document
            doc.jurisdiction = j
            city, province = short_places(j)
            doc.city, doc.province = doc.city or city, doc.province or province
            filled.append("jurisdiction")
    if filled:
        doc.metadata["sidecar"] = sidecar.as_posix()
        doc.metadata["sidecar_fields"] = ",".join(filled)
    return doc


def _jurisdiction(row: dict[str, str], doc: Document):
    """A ``jurisdiction`` column (any level: 柳河县, 四川省), else the city / province columns."""
    from ..jurisdiction import from_places, of

    if row.get("jurisdiction"):
        j = of(row["jurisdiction"])
        if j is not None:
            j.evidence = [f"sidecar jurisdiction {row['jurisdiction']}"]
            return j
    if row.get("city") or row.get("province"):
        return from_places(doc.city or row.get("city"), doc.province or row.get("province"), "sidecar")
    return None


def digest(row: Optional[dict[str, str]]) -> str:
    """SHA-256 of what ``apply`` would use from ``row``: its non-empty USED columns (no row, or a
    row of empty cells, digest alike; a ``notes`` edit changes nothing)."""
    used = {k: row[k] for k in USED if row and row.get(k)}
    return hashlib.sha256(json.dumps(used, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


class Folders:
    """The sidecar rows of files, each folder's ``SOURCES.tsv`` read once (the ingest planner asks
    for every file: it must stay cheap)."""

    def __init__(self) -> None:
        self._rows: dict[Path, dict[str, dict[str, str]]] = {}

    def row(self, path: str | Path) -> Optional[dict[str, str]]:
        p = Path(path)
        rows = self._rows.get(p.parent)
        if rows is None:
            sidecar = p.parent / NAME
            try:
                stat = sidecar.stat()
                rows = _rows(str(sidecar), stat.st_mtime_ns, stat.st_size)
            except (OSError, UnicodeDecodeError, csv.Error):
                rows = {}  # as lookup(): no sidecar or a broken one describes nothing
            self._rows[p.parent] = rows
        return rows.get(p.name)

    def digest(self, path: str | Path) -> str:
        return digest(self.row(path))


_FILLABLE = (*FIELDS.values(), "issuers")


def agrees(meta_json: str, path: str | Path, row: Optional[dict[str, str]]) -> bool:
    """Whether a stored version (its ``meta_json``) holds what applying ``row`` to its text's own
    fields gives. For versions stored before digests were kept: the row they were made with is
    unknown, but if the current row yields the same fields, nothing needs re-processing."""
    try:
        stored = Document.model_validate_json(meta_json)
    except ValueError:  # not a Document this version can read: re-process rather than guess
        return False
    bare = stored.model_copy(deep=True)
    filled = (bare.metadata.pop("sidecar_fields", None) or "").split(",")
    for field in filled:  # back to what the text alone said
        if field in _FILLABLE:
            setattr(bare, field, [] if field == "issuers" else None)
    if "jurisdiction" in filled:
        bare.jurisdiction = None
    bare.metadata.pop("sidecar", None)
    if "year" in filled:
        bare.metadata.pop("year", None)
    if row:
        _fill(bare, row, Path(path).parent / NAME)
    return all(getattr(bare, f) == getattr(stored, f) for f in _FILLABLE) and \
        bare.metadata.get("year") == stored.metadata.get("year") and \
        bare.metadata.get("sidecar_fields") == stored.metadata.get("sidecar_fields")

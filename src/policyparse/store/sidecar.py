"""A ``SOURCES.tsv`` beside ingested files fills what a text does not say about itself.

Some documents carry no title or date in their text (the Tianjin 2018 opinion is body only);
the collector knew them. A tab-separated ``SOURCES.tsv`` in the file's folder, with a ``file``
column and any of ``title issued city province doc_type year issuer``, fills the Document's
*missing* fields only — what the text states always wins — and notes in ``doc.metadata`` which
fields came from the sidecar (``sidecar``: its path, ``sidecar_fields``: the field names).
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..model import Document

NAME = "SOURCES.tsv"
# sidecar column → Document field (``issued`` is the 成文日期)
FIELDS = {"title": "title", "issued": "date", "city": "city", "province": "province", "doc_type": "doc_type"}


@lru_cache(maxsize=64)
def _rows(sidecar: str, mtime_ns: int) -> dict[str, dict[str, str]]:
    """file name → row (cached per file version: a worker reads each sidecar once)."""
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
        row = _rows(str(sidecar), stat.st_mtime_ns).get(p.name)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None  # a broken sidecar must not fail the document it describes
    return (sidecar, row) if row else None


def apply(doc: Document, path: str | Path) -> Document:
    """Fill ``doc``'s missing title/date/city/province/doc_type from the sidecar of ``path``."""
    found = lookup(path)
    if found is None:
        return doc
    sidecar, row = found
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
    if filled:
        doc.metadata["sidecar"] = sidecar.as_posix()
        doc.metadata["sidecar_fields"] = ",".join(filled)
    return doc

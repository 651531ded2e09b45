"""The embedded store: documents, versions, sections, clauses and records in one SQLite file.

    from policyparse.store import ingest, frame
    ingest(["corpus/"], "policies.sqlite", workers=2)
    money = frame("policies.sqlite", "money")       # pandas.DataFrame

Tables and views are described in docs/store.md and src/policyparse/store/schema.sql.
"""
from __future__ import annotations

from .db import connect, counts
from .export import FORMATS, export, frame
from .ingest import Progress, Summary, discover, doc_key, ingest

__all__ = ["connect", "counts", "ingest", "discover", "doc_key", "Summary", "Progress", "frame", "export", "FORMATS"]

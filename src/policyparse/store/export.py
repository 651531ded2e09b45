"""Records out of the store: ``frame(db, kind)`` → pandas.DataFrame, ``export`` → csv/jsonl/parquet.

Both read the ``current_records`` view (latest version of every document) unless
``all_versions`` is set. CSV and Parquet hold the flat columns (the full record is in
``json``); JSONL holds one full record per line with its provenance.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from contextlib import contextmanager
from typing import Callable, Optional

FORMATS = ("csv", "jsonl", "parquet")
PROVENANCE = ("doc_key", "path", "sha256", "version_no")
_INT_COLUMNS = ("year", "end_year")

# The columns of the current_records view, read from documents in key order, each version's
# records by the (version_id, seq) index: rows come out in export order, no sort of the whole
# table (which dominated at 100k documents).
_COLUMNS = ("d.doc_key, v.path, v.title, v.city, v.province, v.jurisdiction, v.jurisdiction_level, "
            "v.date AS doc_date, v.version_no, v.sha256, r.*")
_ALL_VERSIONS = f"""
SELECT * FROM (SELECT {_COLUMNS}
FROM documents d CROSS JOIN versions v ON v.doc_id = d.doc_id CROSS JOIN records r ON r.version_id = v.version_id) r
"""  # CROSS JOIN: SQLite keeps this join order (else it scans records and sorts them all)
_LATEST = f"""
SELECT * FROM (SELECT {_COLUMNS}
FROM documents d JOIN versions v ON v.doc_id = d.doc_id
  AND v.version_no = (SELECT MAX(version_no) FROM versions v2 WHERE v2.doc_id = d.doc_id)
JOIN records r ON r.version_id = v.version_id) r
"""


def _query(kind: Optional[str], all_versions: bool, jurisdiction: Optional[str] = None) -> tuple[str, tuple]:
    from ..extract import ALL_KINDS

    if kind is not None and kind not in ALL_KINDS:
        raise ValueError(f"unknown record kind {kind!r} (one of: {', '.join(ALL_KINDS)})")
    sql = _ALL_VERSIONS if all_versions else _LATEST
    where, args = (["r.kind = ?"], [kind]) if kind else ([], [])
    if jurisdiction:
        where.append(_WITHIN)
        args += list(_names(jurisdiction))
    clause = " WHERE " + " AND ".join(where) if where else ""
    return sql + clause + " ORDER BY doc_key, version_no, seq", tuple(args)


# a document of the jurisdiction or inside it: its own full name, or its province's / city's
_WITHIN = "(r.jurisdiction = ? OR r.province = ? OR r.city = ?)"


def _names(jurisdiction: str) -> tuple[str, str, str]:
    """(full name, short, short) of a written jurisdiction: 四川 / 四川省 → 四川省, 四川, 四川."""
    from ..jurisdiction import of
    from ..jurisdiction.divisions import short_name

    j = of(jurisdiction)
    if j is None:
        raise ValueError(f"unknown jurisdiction {jurisdiction!r}")
    short = short_name(j.name) if j.level in ("province", "city") else j.name
    return j.name, short, short


def _open(db: str | Path) -> sqlite3.Connection:
    from .db import connect

    return connect(db, create=False)


def frame(db: str | Path, kind: Optional[str] = None, *, all_versions: bool = False,
          jurisdiction: Optional[str] = None):
    """The records of one kind (all kinds if None) as a pandas DataFrame, one row per record;
    ``jurisdiction`` (any level: 四川, 柳河县) keeps its documents and those inside it."""
    import pandas as pd

    conn = _open(db)
    try:
        sql, args = _query(kind, all_versions, jurisdiction)
        df = pd.read_sql_query(sql, conn, params=args)
    finally:
        conn.close()
    return df.astype({c: "Int64" for c in _INT_COLUMNS if c in df})


CHUNK_ROWS = 50_000  # records per read: export streams, so a store of any size fits in memory
_ARROW_TYPES = {"INTEGER": "int64", "REAL": "float64", "TEXT": "string"}


def export(db: str | Path, fmt: str, out: str | Path, *, kind: Optional[str] = None,
           all_versions: bool = False, jurisdiction: Optional[str] = None,
           on_progress: Optional[Callable[[int, Optional[int]], None]] = None) -> int:
    """Write the records to ``out`` as csv, jsonl or parquet; return the number of records.

    Read and written CHUNK_ROWS records at a time; ``on_progress(done, total)`` after each chunk.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
    import pandas as pd

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sql, args = _query(kind, all_versions, jurisdiction)
    conn = _open(db)
    writer, n = None, 0
    try:
        total = conn.execute(f"SELECT COUNT(*) FROM ({sql})", args).fetchone()[0] if on_progress else None
        if on_progress:
            on_progress(0, total)
        with out.open("w", encoding="utf-8", newline="") if fmt != "parquet" else _nothing() as f:
            for df in pd.read_sql_query(sql, conn, params=args, chunksize=CHUNK_ROWS):
                df = df.astype({c: "Int64" for c in _INT_COLUMNS if c in df})
                if fmt == "csv":
                    df.to_csv(f, index=False, header=n == 0)
                elif fmt == "parquet":
                    writer = _parquet_chunk(writer, out, df, conn)
                else:
                    for prov, rec in zip(df[list(PROVENANCE)].itertuples(index=False), df["json"]):
                        line = {**dict(zip(PROVENANCE, prov)), **json.loads(rec)}
                        f.write(json.dumps(line, ensure_ascii=False, default=int) + "\n")
                n += len(df)
                if on_progress:
                    on_progress(n, total)
        if fmt == "parquet" and writer is None:  # no records: an empty file with the columns
            writer = _parquet_chunk(None, out, pd.read_sql_query(sql + " LIMIT 0", conn, params=args), conn)
    finally:
        conn.close()
        if writer is not None:
            writer.close()
    return n


@contextmanager
def _nothing():
    yield None


def _parquet_chunk(writer, out: Path, df, conn: sqlite3.Connection):
    """Append ``df`` to the Parquet file, its schema fixed by the view's declared column types
    (a chunk whose column is all NULL must not decide that column's type)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if writer is None:
        declared = {r[1]: (r[2] or "").upper() for r in conn.execute("PRAGMA table_info(current_records)")}
        fields = [pa.field(c, getattr(pa, _ARROW_TYPES.get(declared.get(c, ""), "string"))()) for c in df.columns]
        writer = pq.ParquetWriter(out, pa.schema(fields))
    writer.write_table(pa.Table.from_pandas(df, schema=writer.schema, preserve_index=False))
    return writer

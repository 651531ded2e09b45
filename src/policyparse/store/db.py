"""The SQLite side of the store: open (and create) a database, write batches of results.

One writer per process, many readers: WAL journal, ``BEGIN IMMEDIATE`` for every write so two
ingests on one file queue on the write lock instead of failing, and each document's rows
(version, sections, clauses, records) commit together or not at all. The content hash is
re-checked inside the transaction, so a document another process stored meanwhile is
reported ``unchanged`` rather than stored twice.
"""
from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

SCHEMA_VERSION = "1"
BUSY_TIMEOUT_MS = 120_000  # a long batch of the other writer must not make us fail

VERSION_COLUMNS = (
    "sha256", "path", "format", "reader", "encoding", "size_bytes", "chars", "pages", "title",
    "doc_number", "doc_type", "date", "city", "province", "issuers", "warnings", "text", "meta_json",
)
SECTION_COLUMNS = ("id", "parent_id", "number", "style", "ordinal", "level", "heading", "start", "end", "path")
CLAUSE_COLUMNS = ("id", "section_id", "section", "start", "end", "heading", "text")
RECORD_COLUMNS = (
    "kind", "text", "start", "end", "clause_id", "section", "value", "low", "high", "bound", "unit",
    "year", "end_year", "type", "currency", "per", "name", "role", "metric", "deontic", "actor", "cue",
)

# Outcomes of one file, as counted in the ingest summary.
INGESTED, NEW_VERSION, UNCHANGED, FAILED = "ingested", "new_version", "unchanged", "failed"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _insert_sql(table: str, columns: Iterable[str], extra: tuple[str, ...] = ()) -> str:
    cols = (*extra, *columns)
    names = ", ".join(f'"{c}"' for c in cols)  # quoted: "end" is an SQL keyword
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(cols))})"


_SQL = {
    "version": _insert_sql("versions", VERSION_COLUMNS, ("doc_id", "version_no", "ingested_at", "tool_version")),
    "sections": _insert_sql("sections", SECTION_COLUMNS, ("version_id",)),
    "clauses": _insert_sql("clauses", CLAUSE_COLUMNS, ("version_id",)),
    "records": _insert_sql("records", RECORD_COLUMNS + ("json",), ("version_id", "seq")),
}


def connect(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """Open the store at ``path`` (creating tables and views if needed) in autocommit mode."""
    path = Path(path)
    if not create and not path.exists():
        raise FileNotFoundError(f"{path}: no such database")
    if create and path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if create:
        _set_wal(conn)
        # NORMAL is durable against a killed process in WAL mode (only power loss can drop the last commit).
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        schema = resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8")
        with transaction(conn):
            for stmt in _statements(schema):
                conn.execute(stmt)
            conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    else:
        conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL (persistent, kept in the file). The switch does not wait on the busy
    handler when another process is creating the same file, so retry until the timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _statements(script: str) -> Iterator[str]:
    """Split the schema into statements (executescript would COMMIT our transaction)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            yield buf
            buf = ""


@contextmanager
def transaction(conn: sqlite3.Connection):
    """BEGIN IMMEDIATE … COMMIT, ROLLBACK on any error (the write lock is taken up front)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def current_hashes(conn: sqlite3.Connection) -> dict[str, str]:
    """doc_key → sha256 of its latest version (to skip unchanged files before any work)."""
    return dict(conn.execute("SELECT doc_key, sha256 FROM current_versions"))


def _latest(conn: sqlite3.Connection, doc_key: str):
    return conn.execute(
        "SELECT d.doc_id, v.sha256, v.version_no FROM documents d "
        "LEFT JOIN versions v ON v.doc_id = d.doc_id WHERE d.doc_key = ? "
        "ORDER BY v.version_no DESC LIMIT 1", (doc_key,)).fetchone()


def write_result(conn: sqlite3.Connection, res: dict, *, stamp: str, tool_version: str) -> str:
    """Store one worker result inside the caller's transaction; return its outcome."""
    key = res["doc_key"]
    if not res["ok"]:
        conn.execute(
            "INSERT INTO failures (doc_key, path, sha256, error, failed_at, tool_version) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT(doc_key) DO UPDATE SET path=excluded.path, sha256=excluded.sha256, "
            "error=excluded.error, failed_at=excluded.failed_at, attempts=attempts+1, "
            "tool_version=excluded.tool_version",
            (key, res["path"], res.get("sha256"), res["error"], stamp, tool_version))
        return FAILED
    conn.execute("DELETE FROM failures WHERE doc_key = ?", (key,))
    latest = _latest(conn, key)
    if latest and latest[1] == res["sha256"]:
        return UNCHANGED
    if latest is None:
        doc_id = conn.execute("INSERT INTO documents (doc_key, first_seen) VALUES (?, ?)", (key, stamp)).lastrowid
        version_no, outcome = 1, INGESTED
    else:
        doc_id = latest[0]
        version_no, outcome = (latest[2] or 0) + 1, (NEW_VERSION if latest[2] else INGESTED)
    v = res["version"]
    version_id = conn.execute(
        _SQL["version"], (doc_id, version_no, stamp, tool_version, *(v[c] for c in VERSION_COLUMNS))).lastrowid
    conn.executemany(_SQL["sections"], [(version_id, *row) for row in res["sections"]])
    conn.executemany(_SQL["clauses"], [(version_id, *row) for row in res["clauses"]])
    conn.executemany(_SQL["records"], [(version_id, seq, *row) for seq, row in enumerate(res["records"])])
    return outcome


def clear_failures(conn: sqlite3.Connection, doc_keys: Iterable[str]) -> None:
    conn.executemany("DELETE FROM failures WHERE doc_key = ?", [(k,) for k in doc_keys])


def write_batch(conn: sqlite3.Connection, results: list[dict], *, tool_version: str) -> list[str]:
    """Store a batch of results in one transaction; outcomes in the same order."""
    stamp = now()
    with transaction(conn):
        return [write_result(conn, r, stamp=stamp, tool_version=tool_version) for r in results]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = ("documents", "versions", "sections", "clauses", "records", "failures")
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def failures(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT * FROM failures ORDER BY failed_at, path").fetchall()
    finally:
        conn.row_factory = None

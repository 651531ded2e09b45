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
from typing import Iterable, Iterator, Optional

SCHEMA_VERSION = "3"  # 2: versions.sidecar_sha256 and the moves table; 3: jurisdiction columns (see _upgrade)
BUSY_TIMEOUT_MS = 120_000  # a long batch of the other writer must not make us fail

VERSION_COLUMNS = (
    "sha256", "path", "format", "reader", "encoding", "size_bytes", "chars", "pages", "title",
    "doc_number", "doc_type", "date", "city", "province", "jurisdiction", "jurisdiction_level", "issuers",
    "warnings", "text", "meta_json",
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
    "version": _insert_sql("versions", VERSION_COLUMNS,
                           ("doc_id", "version_no", "ingested_at", "tool_version", "sidecar_sha256")),
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
            _upgrade(conn)
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


def _latest(conn: sqlite3.Connection, doc_key: str):
    return conn.execute(
        "SELECT d.doc_id, v.sha256, v.version_no, v.sidecar_sha256 FROM documents d "
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
    if latest and latest[1] == res["sha256"] and latest[3] == res.get("sidecar_sha256"):
        return UNCHANGED  # (an edited SOURCES.tsv row with the same bytes is a new version)
    if latest is None:
        doc_id = conn.execute("INSERT INTO documents (doc_key, first_seen) VALUES (?, ?)", (key, stamp)).lastrowid
        version_no, outcome = 1, INGESTED
    else:
        doc_id = latest[0]
        version_no, outcome = (latest[2] or 0) + 1, (NEW_VERSION if latest[2] else INGESTED)
    v = res["version"]
    version_id = conn.execute(
        _SQL["version"], (doc_id, version_no, stamp, tool_version, res.get("sidecar_sha256"),
                          *(v[c] for c in VERSION_COLUMNS))).lastrowid
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


# ---- schema upgrades, sidecar digests and moved documents (see docs/store.md) ----------------

MOVED = "moved"  # known content under a new path: the document was re-keyed, nothing stored
MOVED_CHANGED = "moved_changed"  # re-keyed, and its SOURCES.tsv row changed: a new version is due


# compare, targets, report pages and export --jurisdiction pick documents by place: found through
# these, never by a scan of every version (made on the first open of an older store too)
PLACE_INDEXES = {"versions_jurisdiction": "jurisdiction", "versions_city": "city",
                 "versions_province": "province", "versions_level": "jurisdiction_level"}


def _upgrade(conn: sqlite3.Connection) -> None:
    """Bring a store made by an older policyparse up to SCHEMA_VERSION, in place (inside
    connect's transaction, so two processes opening one old store upgrade it once)."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(versions)")}
    if "sidecar_sha256" not in columns:  # schema 1: NULL = made with an unknown sidecar row
        conn.execute("ALTER TABLE versions ADD COLUMN sidecar_sha256 TEXT")
    if "jurisdiction" not in columns:  # schema 2: NULL until the document is ingested again
        conn.execute("ALTER TABLE versions ADD COLUMN jurisdiction TEXT")
        conn.execute("ALTER TABLE versions ADD COLUMN jurisdiction_level TEXT")
    if "jurisdiction" not in {r[1] for r in conn.execute("PRAGMA table_info(current_records)")}:
        # the view of an older store names the old columns: made again from the schema
        conn.execute("DROP VIEW current_records")
        schema = resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8")
        conn.execute(next(s for s in _statements(schema) if "VIEW IF NOT EXISTS current_records" in s))
    for name, column in PLACE_INDEXES.items():
        conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON versions({column})")
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version' AND CAST(value AS INTEGER) < ?",
                 (SCHEMA_VERSION, int(SCHEMA_VERSION)))


def current_state(conn: sqlite3.Connection) -> dict[str, tuple]:
    """doc_key → (sha256, sidecar_sha256, version_id) of its latest version (the ingest plan)."""
    return {k: (sha, side, vid) for k, sha, side, vid in
            conn.execute("SELECT doc_key, sha256, sidecar_sha256, version_id FROM current_versions")}


def meta_json(conn: sqlite3.Connection, version_id: int) -> str:
    return conn.execute("SELECT meta_json FROM versions WHERE version_id = ?", (version_id,)).fetchone()[0]


def set_sidecar_digests(conn: sqlite3.Connection, pairs: Iterable[tuple[str, int]]) -> None:
    """(digest, version_id): record the row of a version stored before digests were kept, once
    found to agree with it (never overwrites a known digest)."""
    conn.executemany("UPDATE versions SET sidecar_sha256 = ? WHERE version_id = ? AND sidecar_sha256 IS NULL",
                     list(pairs))


def move_document(conn: sqlite3.Connection, *, old_key: str, new_key: str, path: str, sha256: str,
                  version_id: int, sidecar_sha256: str, same_sidecar: bool, sidecar_path: Optional[str],
                  stamp: str, tool_version: str) -> Optional[str]:
    """Re-key the document ``old_key`` to ``new_key`` (its file was found at ``path``) inside the
    caller's transaction, after re-checking what the plan saw: ``new_key`` unknown, ``old_key``'s
    latest version still ``version_id`` and its file still gone. Returns MOVED, MOVED_CHANGED,
    UNCHANGED (another ingest stored ``new_key`` with this content meanwhile) or None (the plan
    no longer holds: read and extract the file like any other)."""
    now_there = _latest(conn, new_key)
    if now_there is not None:
        if now_there[1] == sha256 and now_there[3] == sidecar_sha256:
            conn.execute("DELETE FROM failures WHERE doc_key = ?", (new_key,))
            return UNCHANGED
        return None
    row = conn.execute(
        "SELECT d.doc_id, v.path FROM documents d JOIN current_versions v USING (doc_id) "
        "WHERE d.doc_key = ? AND v.version_id = ? AND v.sha256 = ?", (old_key, version_id, sha256)).fetchone()
    if row is None or not file_gone(old_key):
        return None
    doc_id, old_path = row
    conn.execute("UPDATE documents SET doc_key = ? WHERE doc_id = ?", (new_key, doc_id))
    # the latest version's path (and the Document's, in meta_json) follows the file; older
    # versions keep the path they were read from; the moves table keeps the history
    conn.execute("UPDATE versions SET path = ?, meta_json = json_set(meta_json, '$.path', ?) "
                 "WHERE version_id = ?", (path, path, version_id))
    if same_sidecar:
        conn.execute("UPDATE versions SET sidecar_sha256 = COALESCE(sidecar_sha256, ?), "
                     "meta_json = CASE WHEN json_extract(meta_json, '$.metadata.sidecar') IS NULL THEN meta_json "
                     "ELSE json_set(meta_json, '$.metadata.sidecar', ?) END WHERE version_id = ?",
                     (sidecar_sha256, sidecar_path, version_id))
    conn.execute("INSERT INTO moves (doc_id, old_key, new_key, old_path, new_path, sha256, moved_at, tool_version) "
                 "VALUES (?,?,?,?,?,?,?,?)", (doc_id, old_key, new_key, old_path, path, sha256, stamp, tool_version))
    # a failure recorded for either path is moot now: the old file is gone, the new one is known
    conn.executemany("DELETE FROM failures WHERE doc_key = ?", [(old_key,), (new_key,)])
    return MOVED if same_sidecar else MOVED_CHANGED


def file_gone(key: str) -> bool:
    """Whether the file at ``key`` surely no longer exists (an unreadable parent is not 'gone')."""
    try:
        Path(key).stat()
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def failed_shas(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """sha256 → keys of the failures of readable files (a failed file can move too)."""
    out: dict[str, list[str]] = {}
    for key, sha in conn.execute("SELECT doc_key, sha256 FROM failures WHERE sha256 IS NOT NULL"):
        out.setdefault(sha, []).append(key)
    return out

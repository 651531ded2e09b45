"""``ingest(paths, db)``: walk paths, read + extract every new or changed file, store it.

The parent hashes each file first and skips those whose content is already the current
version of their document (no work at all for an unchanged corpus). The rest go to an engine
(process pool by default); the parent is the single writer and commits results in batches,
one transaction per batch, so a killed ingest loses at most the batch it was writing.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from . import db as store_db
from .engines import run
from ..readers import file_sha256
from .work import SUPPORTED

BATCH_DOCS = 64  # documents per transaction …
BATCH_SECONDS = 2.0  # … or fewer, when results come slowly (keeps the committed state fresh)


@dataclass
class Summary:
    files: int = 0
    ingested: int = 0  # documents seen for the first time
    new_versions: int = 0  # known documents whose content changed
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line error)
    chars: int = 0  # characters of text stored
    seconds: float = 0.0
    db: str = ""

    def as_dict(self) -> dict:
        return {"db": self.db, "files": self.files, "ingested": self.ingested,
                "new_versions": self.new_versions, "unchanged": self.unchanged,
                "failed": [{"path": p, "error": e} for p, e in self.failed],
                "chars": self.chars, "seconds": round(self.seconds, 3)}


def doc_key(path: str | Path) -> str:
    """The stable key of the document at ``path``: its resolved absolute path."""
    return Path(path).resolve().as_posix()


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus every supported file under named directories (sorted, unique)."""
    found: dict[str, Path] = {}
    for p in map(Path, paths):
        if p.is_dir():
            for f in p.rglob("*"):
                rel = f.relative_to(p).parts
                if (f.suffix.lower() in SUPPORTED and f.is_file()
                        and not any(x.startswith(".") for x in rel) and not f.name.startswith("~$")):
                    found.setdefault(doc_key(f), f)
        else:  # named explicitly: tried even if missing or unsupported (and then reported)
            found.setdefault(doc_key(p), p)
    return [found[k] for k in sorted(found)]


def ingest(paths: Iterable[str | Path], db: str | Path = "policies.sqlite", *, workers: int = 1,
           engine: str = "process", batch_docs: int = BATCH_DOCS, chunk: Optional[int] = None,
           scheduler: Optional[str] = None,
           on_progress: Optional[Callable[[int, int], None]] = None) -> Summary:
    """Ingest every supported file under ``paths`` into the SQLite store ``db``.

    ``on_progress(done, total)`` is called after every file (the CLI drives a progress bar).
    """
    from .. import __version__

    t0 = time.perf_counter()
    summary = Summary(db=str(db))
    files = discover(paths)
    summary.files = len(files)
    conn = store_db.connect(db)
    try:
        known = store_db.current_hashes(conn)
        tasks, unchanged_keys, early_failures = [], [], []
        for f in files:
            key = doc_key(f)
            try:
                sha = file_sha256(f)
            except OSError as e:
                reason = e.strerror or type(e).__name__
                early_failures.append({"path": str(f), "doc_key": key, "sha256": None, "ok": False,
                                       "error": f"{f}: {'no such file' if not f.exists() else reason}"})
                continue
            if known.get(key) == sha:
                unchanged_keys.append(key)
            else:
                tasks.append((str(f), key, sha))
        summary.unchanged = len(unchanged_keys)
        done = summary.unchanged
        if unchanged_keys:  # an unchanged file that failed before (and was reverted) is fine again
            with store_db.transaction(conn):
                store_db.clear_failures(conn, unchanged_keys)
        total = len(files)
        if on_progress:
            on_progress(done, total)

        outcomes: Counter = Counter()
        batch: list[dict] = []
        last_commit = time.monotonic()

        def flush():
            nonlocal batch, last_commit
            if batch:
                for res, outcome in zip(batch, store_db.write_batch(conn, batch, tool_version=__version__)):
                    outcomes[outcome] += 1
                    if outcome == store_db.FAILED:
                        summary.failed.append((res["path"], res["error"]))
                    elif outcome != store_db.UNCHANGED:
                        summary.chars += res.get("chars", 0)
            batch, last_commit = [], time.monotonic()

        batch.extend(early_failures)
        done += len(early_failures)
        if on_progress and early_failures:
            on_progress(done, total)
        for res in run(tasks, engine=engine, workers=workers, chunk=chunk, scheduler=scheduler):
            batch.append(res)
            done += 1
            if on_progress:
                on_progress(done, total)
            if len(batch) >= batch_docs or time.monotonic() - last_commit >= BATCH_SECONDS:
                flush()
        flush()
    finally:
        conn.close()
    summary.ingested = outcomes[store_db.INGESTED]
    summary.new_versions = outcomes[store_db.NEW_VERSION]
    summary.unchanged += outcomes[store_db.UNCHANGED]  # stored by a concurrent ingest meanwhile
    summary.seconds = time.perf_counter() - t0
    return summary

"""``ingest(paths, db)``: walk paths, read + extract every new or changed file, store it.

The parent hashes each file first and skips those whose content and SOURCES.tsv row are already
the current version of their document (no work at all for an unchanged corpus). A file at a new
path whose content is the current version of a document whose file is gone is that document
moved: it is re-keyed, not stored again. The rest go to an engine
(process pool by default); the parent is the single writer and commits results in batches,
one transaction per batch, so a killed ingest loses at most the batch it was writing.
"""
from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional

from . import db as store_db
from . import sidecar
from .engines import run
from ..readers import file_sha256
from .work import SUPPORTED

BATCH_DOCS = 64  # documents per transaction …
BATCH_SECONDS = 2.0  # … or fewer, when results come slowly (keeps the committed state fresh)


@dataclass(frozen=True)
class Progress:
    """One step of an ingest, for a progress display: ``phase`` "plan" (hashing, one event per
    file hashed) or "ingest" (one event per file settled: stored, unchanged, moved or failed)."""
    phase: str
    done: int
    total: int
    chars: int = 0  # characters of text read so far (ingest phase)
    failed: int = 0  # files failed so far (ingest phase)
    path: Optional[str] = None  # the file this event is about; None: the phase starts
    ok: bool = True


ProgressCallback = Callable[[Progress], None]


@dataclass
class Summary:
    files: int = 0
    ingested: int = 0  # documents seen for the first time
    new_versions: int = 0  # known documents whose content changed
    unchanged: int = 0
    moved: int = 0  # known content found under a new path (moved/renamed file): re-keyed, no work
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line error)
    chars: int = 0  # characters of text stored
    seconds: float = 0.0
    db: str = ""

    def as_dict(self) -> dict:
        return {"db": self.db, "files": self.files, "ingested": self.ingested,
                "new_versions": self.new_versions, "unchanged": self.unchanged, "moved": self.moved,
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


@dataclass
class Move:
    """A file at an unknown key holding the current content of a document whose file is gone."""
    old_key: str
    key: str
    path: str
    sha: str
    version_id: int
    same_sidecar: bool  # its SOURCES.tsv row is the one that version was made with


@dataclass
class Plan:
    tasks: list[tuple] = field(default_factory=list)  # (path, key, sha): read + extract
    digests: dict[str, str] = field(default_factory=dict)  # key → sidecar row digest (tasks and moves)
    unchanged: list[str] = field(default_factory=list)
    unchanged_paths: list[str] = field(default_factory=list)  # their files, as named
    backfill: list[tuple[str, int]] = field(default_factory=list)  # (digest, version_id) of old versions
    moves: list[Move] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)  # unreadable files
    stale_failures: list[str] = field(default_factory=list)  # keys of failed files that moved here


def plan(conn, files: list[Path], on_progress: Optional[ProgressCallback] = None) -> Plan:
    """Sort ``files`` into unchanged, moved and to-do, from their hashes and the store's state.

    Cheap by design: one query for the state of every document, one read of each folder's
    SOURCES.tsv, one hash per file; stored metadata is read only for versions stored before
    sidecar digests were kept (once: their digest is recorded when it agrees).
    """
    out = Plan()
    state = store_db.current_state(conn)
    folders = sidecar.Folders()
    keys = [doc_key(f) for f in files]
    in_run = set(keys)
    orphans: Optional[dict[str, list[str]]] = None  # sha → keys that could have moved (built on demand)
    claimed: set[str] = set()
    gone = lru_cache(maxsize=None)(store_db.file_gone)  # one stat per candidate, however many ask
    failed = store_db.failed_shas(conn)

    def same_sidecar(cur: tuple, f: Path, digest: str, backfill: bool = True) -> bool:
        if cur[1] is not None:
            return cur[1] == digest
        # stored before digests: does the current row give the fields that version holds?
        agrees = sidecar.agrees(store_db.meta_json(conn, cur[2]), f, folders.row(f))
        if agrees and backfill:
            out.backfill.append((digest, cur[2]))
        return agrees

    for f, key in _ticking(zip(files, keys), len(files), on_progress):
        try:
            sha = file_sha256(f)
        except OSError as e:
            reason = e.strerror or type(e).__name__
            out.failures.append({"path": str(f), "doc_key": key, "sha256": None, "ok": False,
                                 "error": f"{f}: {'no such file' if not f.exists() else reason}"})
            continue
        digest = out.digests[key] = folders.digest(f)
        cur = state.get(key)
        if cur is not None:
            if cur[0] == sha and same_sidecar(cur, f, digest):
                out.unchanged.append(key)
                out.unchanged_paths.append(str(f))
            else:
                out.tasks.append((str(f), key, sha))
            continue
        if orphans is None:  # documents of keys not in this run: candidates for a move
            orphans = defaultdict(list)
            for k, cur_k in state.items():
                if k not in in_run:
                    orphans[cur_k[0]].append(k)
        old = _moved_from(orphans.get(sha, ()), f, claimed, gone)
        if old is None:
            out.tasks.append((str(f), key, sha))
            # a file that failed at a path now gone is this one moved: its outcome is recorded here
            out.stale_failures += [k for k in failed.get(sha, ()) if k not in in_run and gone(k)]
            continue
        claimed.add(old)
        # an old version's backfill is done by the move itself
        same = same_sidecar(state[old], f, digest, backfill=False)
        out.moves.append(Move(old, key, str(f), sha, state[old][2], same))
    return out


def _ticking(pairs, total: int, on_progress: Optional[ProgressCallback]):
    """The (file, key) pairs, reporting each once its loop body is over (whichever way it ends)."""
    for i, (f, key) in enumerate(pairs, 1):
        yield f, key
        if on_progress:
            on_progress(Progress("plan", i, total, path=str(f)))


def _moved_from(candidates, f: Path, claimed: set[str], gone: Callable[[str], bool]) -> Optional[str]:
    """The key ``f`` was moved from: a document with its content whose file is gone, preferring
    one of the same file name (a moved folder of identical copies pairs them by name)."""
    free = [k for k in candidates if k not in claimed and gone(k)]
    same_name = [k for k in free if Path(k).name == f.name]
    return (same_name or free or [None])[0]


def ingest(paths: Iterable[str | Path], db: str | Path = "policies.sqlite", *, workers: int = 1,
           engine: str = "process", batch_docs: int = BATCH_DOCS, chunk: Optional[int] = None,
           scheduler: Optional[str] = None, on_progress: Optional[ProgressCallback] = None) -> Summary:
    """Ingest every supported file under ``paths`` into the SQLite store ``db``.

    ``on_progress(Progress)`` is called once per file hashed (phase "plan"), then once per file
    settled (phase "ingest"), each file exactly once per phase; the CLI draws a bar from them.
    """
    from .. import __version__

    t0 = time.perf_counter()
    summary = Summary(db=str(db))
    files = discover(paths)
    summary.files = len(files)
    conn = store_db.connect(db)
    outcomes: Counter = Counter()
    try:
        total = len(files)
        if on_progress:
            on_progress(Progress("plan", 0, total))
        p = plan(conn, files, on_progress)
        tasks = p.tasks
        summary.unchanged = len(p.unchanged)
        done = read_chars = failed = 0

        def step(path: str, ok: bool = True, chars: int = 0) -> None:
            nonlocal done, read_chars, failed
            done, read_chars, failed = done + 1, read_chars + chars, failed + (not ok)
            if on_progress:
                on_progress(Progress("ingest", done, total, read_chars, failed, path, ok))

        if on_progress:
            on_progress(Progress("ingest", 0, total))
        for path in p.unchanged_paths:
            step(path)
        if p.unchanged or p.stale_failures:
            with store_db.transaction(conn):
                # an unchanged file that failed before (and was reverted) is fine again
                store_db.clear_failures(conn, p.unchanged + p.stale_failures)
                store_db.set_sidecar_digests(conn, p.backfill)

        # moves first (no work: a few UPDATEs each), one transaction per batch, each re-checked
        for i in range(0, len(p.moves), batch_docs):
            with store_db.transaction(conn):
                stamp = store_db.now()
                for m in p.moves[i:i + batch_docs]:
                    outcome = store_db.move_document(
                        conn, old_key=m.old_key, new_key=m.key, path=m.path, sha256=m.sha,
                        version_id=m.version_id, sidecar_sha256=p.digests[m.key], same_sidecar=m.same_sidecar,
                        sidecar_path=(Path(m.path).parent / sidecar.NAME).as_posix(), stamp=stamp,
                        tool_version=__version__)
                    if outcome in (store_db.MOVED, store_db.UNCHANGED):
                        outcomes[outcome] += 1
                        step(m.path)
                    else:  # its row changed too (a new version), or the plan no longer holds
                        tasks.append((m.path, m.key, m.sha))

        batch: list[dict] = []
        last_commit = time.monotonic()

        def flush():
            nonlocal batch, last_commit
            if batch:
                for res in batch:  # the row the plan saw is the row this version is made with
                    if res["ok"]:
                        res["sidecar_sha256"] = p.digests.get(res["doc_key"])
                for res, outcome in zip(batch, store_db.write_batch(conn, batch, tool_version=__version__)):
                    outcomes[outcome] += 1
                    if outcome == store_db.FAILED:
                        summary.failed.append((res["path"], res["error"]))
                    elif outcome != store_db.UNCHANGED:
                        summary.chars += res.get("chars", 0)
            batch, last_commit = [], time.monotonic()

        batch.extend(p.failures)
        for res in p.failures:
            step(res["path"], ok=False)
        for res in run(tasks, engine=engine, workers=workers, chunk=chunk, scheduler=scheduler):
            batch.append(res)
            step(res["path"], res["ok"], res.get("chars", 0))
            if len(batch) >= batch_docs or time.monotonic() - last_commit >= BATCH_SECONDS:
                flush()
        flush()
    finally:
        conn.close()
    summary.ingested = outcomes[store_db.INGESTED]
    summary.new_versions = outcomes[store_db.NEW_VERSION]
    summary.moved = outcomes[store_db.MOVED]
    summary.unchanged += outcomes[store_db.UNCHANGED]  # stored by a concurrent ingest meanwhile
    summary.seconds = time.perf_counter() - t0
    return summary

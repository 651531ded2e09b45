"""The per-document work, run in worker processes: read + extract one file → rows to store.

Workers only compute; the parent process is the single writer. A result is a plain dict of
tuples (cheap to pickle, ready for ``executemany``). Any exception becomes a failure result
with a one-line reason, so one bad file never stops a batch.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Iterable, Optional

from . import sidecar
from .db import RECORD_COLUMNS, SECTION_COLUMNS

SUPPORTED = (".txt", ".docx", ".pdf", ".html", ".htm", ".doc", ".wps", ".rtf")
_WARM_TEXT = "一、总体要求\n到2025年，新增科技型企业100家，每家每年给予最高不超过100万元奖励（市科技局牵头负责）。\n"
_warm = False


def warm() -> None:
    """Load jieba's dictionary and every grammar once per worker (process-pool initializer).

    Never raises: a broken grammar must fail each document with its own reason, not kill
    the pool (an initializer error would mark every worker dead).
    """
    global _warm
    if _warm:
        return
    _warm = True
    try:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        import jieba.posseg  # the obligation rules tag words; its table takes ~1 s to load

        jieba.posseg.lcut(_WARM_TEXT)
        from ..extract import extract
        from ..model import Document
        from ..normalize import normalize
        from ..structure import build

        extract(build(Document(text=normalize(_WARM_TEXT))))
    except Exception:  # noqa: BLE001 — reported per document by process()
        logging.getLogger(__name__).debug("warm-up failed", exc_info=True)


def init_args() -> tuple:
    """What a pool worker needs from its parent: the limits in force there (CLI flags included)."""
    from .. import limits

    return (limits.current().model_dump(),)


def init_worker(limit_values: Optional[dict] = None) -> None:
    """Process-pool initializer: die with the ingesting process, take its limits, cap memory, warm up."""
    from .. import limits
    from . import guard

    try:  # never raise here: an initializer error marks every worker dead (see warm)
        guard.die_with_parent()  # the forkserver (our parent) is gone → so are we
        guard.watch_parent()  # the ingesting process is gone → so are we
        if limit_values is not None:
            limits.use(limits.Limits(**limit_values))
        guard.cap_memory(limits.current().worker_memory_mb)
    except Exception:  # noqa: BLE001
        logging.getLogger(__name__).warning("worker guard setup failed", exc_info=True)
    warm()


def one_line(path: str, err: BaseException) -> str:
    from ..errors import ReadError

    if isinstance(err, ReadError):
        return str(err)
    if isinstance(err, MemoryError):
        from ..readers import out_of_memory

        return str(out_of_memory(Path(path)))
    reason = " ".join(f"{type(err).__name__}: {err}".split())
    return f"{path}: {reason}"


def _jsonish(v: Any) -> Any:
    """SQLite takes scalars; lists and dicts go in as JSON text."""
    if v is None or isinstance(v, (str, int, float)):  # bool is an int: stored as 0/1
        return v
    return json.dumps(v, ensure_ascii=False)


def _section_rows(sections, parent: Optional[str] = None) -> Iterable[tuple]:
    for s in sections:
        # the field values as they are (plain str/int/list): model_dump would copy the children too
        d = dict(s.__dict__) if not s.__pydantic_extra__ else s.model_dump(exclude={"children"})
        d["parent_id"], d["path"] = parent, "/".join(s.path)
        yield tuple(_jsonish(d.get(c)) for c in SECTION_COLUMNS)
        yield from _section_rows(s.children, s.id)


_SCALARS = frozenset((str, int, float, bool, type(None)))  # stored as they are (see _jsonish)


def record_row(rec) -> tuple:
    if hasattr(rec, "model_dump"):
        # pydantic writes the JSON column itself (in Rust): cheaper than json.dumps of the dict,
        # and the same object once parsed. The columns are plain scalars, read straight from the
        # fields (a model_dump per record was ~2 % of ingest); extra fields need the full dump.
        d = rec.__dict__ if not rec.__pydantic_extra__ else rec.model_dump(mode="json")
        js = rec.model_dump_json()
    else:
        d = dict(rec)
        js = json.dumps(d, ensure_ascii=False)
    return (*[v if type(v) in _SCALARS else _jsonish(v) for v in map(d.get, RECORD_COLUMNS)], js)


def rows(doc, records, *, size_bytes: Optional[int] = None) -> dict:
    """The rows of one read + extracted Document (generic over record kinds: model_dump)."""
    version = {
        "sha256": doc.sha256, "path": doc.path, "format": doc.format, "reader": doc.reader,
        "encoding": doc.encoding, "size_bytes": size_bytes, "chars": len(doc.text), "pages": doc.pages,
        "title": doc.title, "doc_number": doc.doc_number, "doc_type": doc.doc_type, "date": doc.date,
        "city": doc.city, "province": doc.province,
        "jurisdiction": doc.jurisdiction.name if doc.jurisdiction else None,
        "jurisdiction_level": doc.jurisdiction.level if doc.jurisdiction else None,
        "issuers": json.dumps(doc.issuers, ensure_ascii=False),
        "warnings": json.dumps(doc.warnings, ensure_ascii=False),
        "text": doc.text, "meta_json": doc.model_dump_json(exclude={"text", "sections", "clauses", "records"}),
    }
    # same order as db.CLAUSE_COLUMNS
    clauses = [(c.id, c.section_id, c.section, c.start, c.end, int(c.heading), c.text) for c in doc.clauses]
    return {"version": version, "sections": list(_section_rows(doc.sections)), "clauses": clauses,
            "records": [record_row(r) for r in records]}


def process(task: tuple[str, str, Optional[str]]) -> dict:
    """(path, doc_key, sha256 seen by the parent) → result dict (ok or failure)."""
    from ..errors import LimitExceeded
    from ..extract import extract
    from ..limits import current
    from ..readers import read
    from .guard import FileTimeout, deadline

    path, key, sha = task
    base = {"path": path, "doc_key": key, "sha256": sha}
    seconds = current().file_seconds
    try:
        try:
            with deadline(seconds):
                doc = read(path)
                sidecar.apply(doc, path)  # SOURCES.tsv beside the file fills a missing title/date/place
                records = extract(doc)
        except FileTimeout:
            raise LimitExceeded(path, "file_seconds", None, seconds,
                                reason=f"reading and extracting it took longer than the file_seconds limit "
                                       f"({seconds:g} s)") from None
        doc.sha256 = doc.sha256 or sha
        out = rows(doc, records, size_bytes=Path(path).stat().st_size)
        out["version"]["path"] = path
        return {**base, "ok": True, "sha256": doc.sha256, "chars": len(doc.text), **out}
    except Exception as e:  # noqa: BLE001 — any bug in one file's read/extract is that file's failure
        return {**base, "ok": False, "error": one_line(path, e), "chars": 0}


def process_many(tasks: list[tuple], limit_values: Optional[dict] = None) -> list[dict]:
    """A chunk of tasks (one submission to a pool: fewer round trips than one task per file).
    ``limit_values``: the ingesting process's limits, for workers no initializer ran in (dask, ray)."""
    if limit_values is not None:
        adopt(limit_values)
    warm()
    return [process(t) for t in tasks]


_ADOPTED: Optional[dict] = None


def adopt(limit_values: dict, memory: bool = False) -> None:
    """Take the parent's limits in this worker (once per distinct set); ``memory``: also cap this
    process's address space (not for ray workers, whose object store maps more than any cap)."""
    global _ADOPTED
    if _ADOPTED == limit_values:
        return
    from .. import limits
    from . import guard

    limits.use(limits.Limits(**limit_values))
    if memory:
        guard.cap_memory(limits.current().worker_memory_mb)
    _ADOPTED = dict(limit_values)

"""``read(path) -> Document``: pick a reader by format, normalise, build the structure.

Every failure about the file is a one-line :class:`ReadError` ("<path>: <reason>").
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..errors import LimitExceeded, ReadError
from ..limits import MB, current as current_limits
from ..model import Document
from ..normalize import normalize
from ..structure import build
from .base import RawText
from .registry import pick

__all__ = ["read", "read_raw", "file_sha256", "ReadError", "RawText"]


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB blocks (the content identity used by the store)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _check_file(p: Path) -> bytes:
    if not p.exists():
        raise ReadError(p, "no such file")
    if p.is_dir():
        raise ReadError(p, "is a directory, not a file")
    if not os.access(p, os.R_OK):
        raise ReadError(p, "permission denied (file is not readable)")
    try:
        with p.open("rb") as f:
            head = f.read(4096)
    except OSError as e:
        raise ReadError(p, f"cannot open: {e.strerror or e}") from None
    if not head:
        raise ReadError(p, "empty file (0 bytes)")
    size, cap = p.stat().st_size, current_limits().file_mb
    if size > cap * MB:
        raise LimitExceeded(p, "file_mb", f"{size / MB:.1f} MB", f"{cap:g} MB", "the file")
    return head


def out_of_memory(p: Path) -> ReadError:
    """In an ingest worker memory is capped (worker_memory_mb): name the limit; elsewhere it is the machine's."""
    try:
        import resource
    except ImportError:  # not POSIX: no cap was set
        return ReadError(p, "out of memory while reading")
    cap = current_limits().worker_memory_mb
    if resource.getrlimit(resource.RLIMIT_AS)[0] == int(cap * MB):  # set by store.guard in a worker
        return LimitExceeded(p, "worker_memory_mb", None, cap,
                             reason=f"out of memory: reading it needs more than the worker_memory_mb limit ({cap:g} MB)")
    return ReadError(p, "out of memory while reading")


def read_raw(path: str | Path) -> RawText:
    """The reader's output before normalisation (body text + provenance)."""
    p = Path(path)
    head = _check_file(p)
    _fmt, reader = pick(p, head)
    try:
        raw = reader(p)
    except ReadError:
        raise
    except MemoryError:
        raise out_of_memory(p) from None
    except Exception as e:  # a library choked on a malformed file: report it on one line
        raise ReadError(p, f"unreadable {_fmt} file ({type(e).__name__}: {e})") from None
    if len(raw.text) > current_limits().text_chars:
        raise LimitExceeded(p, "text_chars", f"{len(raw.text):,} characters", f"{current_limits().text_chars:,}",
                            "its text")
    if not raw.text.strip():
        raise ReadError(p, "no text (file holds only whitespace)" if _fmt == "txt" else "no text found")
    return raw


def read(path: str | Path) -> Document:
    p = Path(path)
    raw = read_raw(p)
    doc = Document(
        path=str(p), format=raw.format, reader=raw.reader, encoding=raw.encoding,
        sha256=file_sha256(p), pages=raw.pages, text=normalize(raw.text),
        metadata=raw.metadata, headers=raw.headers, footers=raw.footers,
        warnings=raw.warnings, published=raw.published,
    )
    return build(doc)

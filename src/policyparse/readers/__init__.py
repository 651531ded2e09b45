"""``read(path) -> Document``: pick a reader by format, normalise, build the structure."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import ReadError
from ..model import Document
from ..normalize import normalize
from ..structure import build


def read(path: str | Path) -> Document:
    p = Path(path)
    if not p.exists():
        raise ReadError(p, "no such file")
    raw = p.read_bytes()
    if not raw.strip():
        raise ReadError(p, "empty file")
    text = raw.decode("utf-8-sig")
    doc = Document(path=str(p), format="txt", reader="text", encoding="utf-8",
                   sha256=hashlib.sha256(raw).hexdigest(), text=normalize(text))
    return build(doc)

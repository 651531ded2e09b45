"""Load gold files (gold/README.md) and place every record on the document's normalised text."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from pydantic import ValidationError

from ..errors import PolicyParseError
from ..model import Document, Record, record_from_dict
from .locate import TextIndex

# Keys that say where a record is, not what it is: never part of the record itself.
_PLACEMENT = ("context", "occurrence")


class GoldError(PolicyParseError):
    """A gold file is unusable; str() is one line: ``<path>: <reason>``."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")


@dataclass
class GoldRecord:
    record: Record  # text/start/end point into the document's normalised text
    fields: frozenset[str]  # the fields the annotator wrote (only these are scored)
    note: Optional[str] = None

    @property
    def kind(self) -> str:
        return self.record.kind


@dataclass
class GoldFile:
    path: Path
    file: Path  # the corpus document
    doc: Document
    records: list[GoldRecord] = field(default_factory=list)


def resolve_document(gold_path: Path, name: str, corpus: Optional[Path] = None) -> Path:
    """Where the gold file's ``file`` lives: in ``corpus`` (by file name) or beside the project."""
    rel = Path(name)
    if corpus is not None:
        candidates = [Path(corpus) / rel.name]
    else:
        candidates = [gold_path.parent.parent / rel, Path.cwd() / rel, gold_path.parent / rel]
    for c in candidates:
        if c.is_file():
            return c
    raise GoldError(gold_path, f"document {name!r} not found (looked in {', '.join(str(c.parent) for c in candidates)})")


def load_gold(path: str | Path, corpus: Optional[str | Path] = None, doc: Optional[Document] = None) -> GoldFile:
    """Read one gold file, read its document, locate every record. Raises GoldError."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise GoldError(path, f"cannot load: {e}")
    if not isinstance(data, dict) or not isinstance(data.get("file"), str) or not isinstance(data.get("records"), list):
        raise GoldError(path, "expected an object with 'file' (string) and 'records' (list)")
    file = resolve_document(path, data["file"], Path(corpus) if corpus else None)
    if doc is None:
        from ..readers import read
        doc = read(file)
    index = TextIndex(doc.text)
    out = GoldFile(path=path, file=file, doc=doc)
    for n, raw in enumerate(data["records"], 1):
        out.records.append(_gold_record(path, n, raw, doc, index))
    return out


def _gold_record(path: Path, n: int, raw: dict, doc: Document, index: TextIndex) -> GoldRecord:
    where = f"record {n}"
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str) or "kind" not in raw:
        raise GoldError(path, f"{where}: needs 'kind' and 'text'")
    try:
        start, end = index.locate(raw["text"], raw.get("context"), int(raw.get("occurrence", 1)))
    except LookupError as e:
        raise GoldError(path, f"{where} ({raw['kind']} {raw['text']!r}) cannot be located: {e}")
    body = {k: v for k, v in raw.items() if k not in _PLACEMENT and k != "note"}
    body.update(text=doc.text[start:end], start=start, end=end)
    try:
        record = record_from_dict(body)
    except (KeyError, ValidationError) as e:
        reason = f"unknown kind {raw['kind']!r}" if isinstance(e, KeyError) else " ".join(str(e).splitlines()[:3])
        raise GoldError(path, f"{where} ({raw['kind']} {raw['text']!r}) invalid: {reason}")
    fields = frozenset(k for k in raw if k not in _PLACEMENT and k not in ("note", "kind", "text"))
    return GoldRecord(record=record, fields=fields, note=raw.get("note"))


def load_gold_dir(gold_dir: str | Path, corpus: Optional[str | Path] = None) -> tuple[list[GoldFile], list[GoldError]]:
    """Every ``*.json`` under ``gold_dir``: the files that load, and the errors of those that don't."""
    files: list[GoldFile] = []
    errors: list[GoldError] = []
    for p in sorted(Path(gold_dir).glob("*.json")):
        try:
            files.append(load_gold(p, corpus))
        except GoldError as e:
            errors.append(e)
        except PolicyParseError as e:  # the document itself could not be read
            errors.append(GoldError(p, str(e)))
    return files, errors

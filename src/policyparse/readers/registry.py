"""Pick a reader by file extension, then check the file's magic bytes agree.

The extension says what the sender meant; the magic bytes say what the file is. A mismatch
(a ``.pdf`` that does not start with ``%PDF``) is an error, not a guess.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import ReadError, UnsupportedFormat
from .base import RawText

Reader = Callable[[Path], RawText]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 / WPS compound file
_ZIP = b"PK\x03\x04"

# extension -> (format name, module, magic check)
FORMATS: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".doc": "doc", ".wps": "wps", ".rtf": "rtf", ".odt": "odt",
}


def sniff(head: bytes) -> str | None:
    """The format the first bytes prove, or None when they prove nothing (plain text, html)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return None


def _check_magic(path: Path, fmt: str, head: bytes) -> None:
    kind = sniff(head)
    want = {"pdf": "pdf", "docx": "zip", "odt": "zip", "rtf": "rtf"}.get(fmt)
    if want and kind != want:
        what = {"pdf": "a PDF (no %PDF header)", "zip": "a .docx (not a zip package)",
                "rtf": "an RTF file (no {\\rtf header)"}[want]
        raise ReadError(path, f"not {what}; starts with {head[:8]!r}")
    if fmt in ("doc", "wps") and kind not in ("ole", "zip", "rtf"):
        # Word happily saves RTF or docx under .doc; anything else is not a Word file
        raise ReadError(path, f"not a Word/WPS file (no OLE, zip or RTF header); starts with {head[:8]!r}")
    if fmt in ("txt", "html") and kind in ("pdf", "zip", "ole"):
        raise ReadError(path, f"named .{fmt} but the bytes are a {kind.upper()} file")


def pick(path: Path, head: bytes) -> tuple[str, Reader]:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        kind = sniff(head)
        if path.suffix == "" and kind == "pdf":
            fmt = "pdf"
        else:
            known = " ".join(sorted(FORMATS))
            raise UnsupportedFormat(path, f"unsupported format {path.suffix or '(no extension)'!r}; known: {known}")
    _check_magic(path, fmt, head)
    if fmt == "txt":
        from .text import read_text as reader
    elif fmt == "docx":
        from .docx import read_docx as reader
    elif fmt == "pdf":
        from .pdf import read_pdf as reader
    elif fmt == "html":
        from .html import read_html as reader
    else:
        from .office import read_office as reader
    return fmt, reader

"""Errors that name the file and the reason in one line."""
from __future__ import annotations

from pathlib import Path


class PolicyParseError(Exception):
    """Base class: every error policyparse raises on purpose."""


class ReadError(PolicyParseError):
    """A file could not be read into a Document.

    str(err) is always one line: ``<path>: <reason>`` so a batch can log it and go on.
    """

    def __init__(self, path: str | Path, reason: str, *, page: int | None = None):
        self.path = str(path)
        self.reason = " ".join(str(reason).split())  # one line, always
        self.page = page
        where = f"{self.path} (page {page})" if page is not None else self.path
        super().__init__(f"{where}: {self.reason}")


class UnsupportedFormat(ReadError):
    """The file's format has no reader (or the reader's tool is missing)."""

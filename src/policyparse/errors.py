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


class LimitExceeded(ReadError):
    """A file is over one of the resource limits (policyparse.limits): it fails alone.

    The one-line reason names what was measured, the limit and how to raise it.
    """

    def __init__(self, path: str | Path, limit: str, measured: object, allowed: object, what: str = "",
                 *, reason: str = ""):
        from .limits import hint

        self.limit, self.measured, self.allowed = limit, measured, allowed
        what = f"{what} " if what else ""
        reason = reason or f"{what}is over the {limit} limit ({measured} > {allowed})"
        super().__init__(path, f"{reason}; {hint(limit)}")

"""policyparse: Chinese government policy documents → structured, comparable records.

The public surface is small:

    doc = policyparse.read("notice.docx")        # open a file → Document
    records = policyparse.extract(doc)            # find records in a Document
    policyparse.parse_money("最高不超过1000万元")   # one string → one value
"""
from __future__ import annotations

from .errors import PolicyParseError, ReadError, UnsupportedFormat
from .extract import extract
from .model import Clause, Document, Record, Section
from .readers import read

__version__ = "0.1.0"


def parse_money(s: str):
    from .dimensions.money import parse
    return parse(s)


def parse_percent(s: str):
    from .dimensions.percent import parse
    return parse(s)


def parse_ratio(s: str):
    from .dimensions.ratio import parse
    return parse(s)


def parse_count(s: str):
    from .dimensions.count import parse
    return parse(s)


def parse_time(s: str):
    from .dimensions.time import parse
    return parse(s)


def parse_number(s: str):
    from .dimensions.number import parse
    return parse(s)


def frame(db, kind=None, **kw):
    """Stored records (of one kind, or all) from a SQLite store as a pandas DataFrame."""
    from .store import frame as _frame
    return _frame(db, kind, **kw)


__all__ = [
    "read", "extract", "parse_money", "parse_percent", "parse_ratio", "parse_count", "parse_time",
    "parse_number", "Document", "Section", "Clause", "Record", "PolicyParseError", "ReadError",
    "UnsupportedFormat", "__version__", "frame",
]

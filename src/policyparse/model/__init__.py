from .document import Attachment, Clause, Document, Section
from .jurisdiction import Jurisdiction
from .records import (
    KINDS, RECORD_TYPES, AnyRecord, Area, Count, Department, Money, Obligation, Percent, Ratio, Record,
    Target, Time, record_from_dict,
)

__all__ = [
    "Attachment", "Clause", "Document", "Jurisdiction", "Section", "KINDS", "RECORD_TYPES", "AnyRecord", "Area", "Count",
    "Department", "Money", "Obligation", "Percent", "Ratio", "Record", "Target", "Time",
    "record_from_dict",
]

"""GB/T 9704 structure of a Document: header elements, body outline, clauses, attachments, place.

``build(doc)`` reads only ``doc.text`` (already normalised) and fills the structural fields.
Layout of a document, top to bottom:

    chrome (web page)  → doc.metadata, no clauses
    front              → clauses "front.p<n>": 版头, title, 主送机关, transmittal notice,
                          signature, the wrapped policy's title and preamble
    outline            → doc.sections; clauses "<section id>.p<n>"
    back               → clauses "back.p<n>": 本意见自…实施, signature, 成文日期, 联系单位
    attachments        → doc.attachments; clauses "att<k>.p<n>"
"""
from __future__ import annotations

from ..model import Document
from .clauses import build_clauses
from .cues import cues, doc_type_of
from .header import apply_page_metadata, back_start, read_back, read_front, strip_chrome
from .outline import as_attachments, build_outline, close_sections, match_heading
from .paragraphs import paragraphs
from .place import infer

__all__ = ["build"]


def build(doc: Document) -> Document:
    paras = paragraphs(doc.text)
    doc.sections, doc.clauses, doc.attachments = [], [], []
    if not paras:
        return doc
    k = strip_chrome(doc, paras)
    first_heading = next((i for i in range(k, len(paras)) if match_heading(paras[i])), len(paras))
    head = read_front(paras, k, first_heading)
    outline = build_outline(paras, head.body_index, len(paras))
    body_lo = min(outline.headings) if outline.headings else head.body_index
    back = back_start(paras, body_lo, outline.end, set(outline.headings))
    close_sections(outline.sections, paras, outline.headings, back)
    read_back(head, doc, paras[back:outline.end])
    apply_page_metadata(head, doc.metadata)

    doc.title, doc.doc_number, doc.date = head.title, head.doc_number, head.date
    doc.issuers, doc.recipients = head.issuers, head.recipients
    doc.is_transmittal, doc.wrapped_title = head.is_transmittal, head.wrapped_title
    doc.body_start = paras[head.body_index].start if head.body_index < len(paras) else len(doc.text)
    doc.doc_type = doc_type_of(head.wrapped_title) or doc_type_of(head.title) or _self_type(doc.text)
    doc.sections = outline.sections
    doc.attachments = as_attachments(paras, outline.attachments)
    doc.clauses = build_clauses(doc.text, paras, k, outline, back)
    doc.city, doc.province, doc.place_evidence = infer(doc)
    return doc


def _self_type(text: str) -> str | None:
    """本意见所称… names the type when the title is missing."""
    m = cues().self_reference.search(text)
    return doc_type_of(m.group("type")) if m else None

"""``extract(doc) -> list[Record]``: run every dimension over every clause of a Document.

Quantity dimensions search clause text (offsets local to the clause); the results are
shifted into document offsets, overlaps between quantity kinds are resolved (longest span
wins, so 2000万元 is money and never a year), then departments, targets and obligations
are derived clause by clause from the text and the quantities already found.
"""
from __future__ import annotations

from importlib import import_module
from typing import Iterable, Optional

from .model import Clause, Document, Record
from .normalize import Spacing, repair_spacing

QUANTITY_KINDS = ("money", "percent", "ratio", "count", "area", "time")
DERIVED_KINDS = ("department", "target", "obligation")
ALL_KINDS = QUANTITY_KINDS + DERIVED_KINDS


_MODULES: dict = {}


def dimension(kind: str):
    """The module of one dimension (``policyparse.dimensions.<kind>``)."""
    mod = _MODULES.get(kind)
    if mod is None:  # import_module per clause and kind was ~4 % of extract
        mod = _MODULES[kind] = import_module(f"{__package__}.dimensions.{kind}")
    return mod


def resolve_overlaps(records: list[Record]) -> list[Record]:
    """Keep the longest of overlapping quantity spans (ties: the earlier kind in QUANTITY_KINDS)."""
    order = {k: i for i, k in enumerate(QUANTITY_KINDS)}
    ranked = sorted(records, key=lambda r: (-(r.end - r.start), order.get(r.kind, 99), r.start))
    kept: list[Record] = []
    for r in ranked:
        if all(r.end <= k.start or r.start >= k.end for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: (r.start, r.end))


def extract_clause(doc: Document, clause: Clause, kinds: Iterable[str] = ALL_KINDS,
                   aliases: Optional[dict] = None) -> list[Record]:
    """Every record of ``kinds`` in one clause (document offsets).

    A clause with copy-from-PDF spacing (第 1 0 条, 连 续5年) is read in its repaired view
    (normalize.repair_spacing) and its records are mapped back onto the clause as written.
    ``aliases``: body short names the document defined in earlier clauses (以下简称…); a
    definition in this clause is added to it.
    """
    kinds = tuple(kinds)
    spacing = repair_spacing(clause.text)
    if spacing is None:
        return _extract_clause(doc, clause, kinds, aliases)
    view = clause.model_copy(update={"text": spacing.text, "end": clause.start + len(spacing.text)})
    return _restore(_extract_clause(doc, view, kinds, aliases), clause, spacing)


def _restore(records: list[Record], clause: Clause, spacing: Spacing) -> list[Record]:
    """Records found in a repaired view, moved back onto the clause's own text (ids re-linked)."""
    moved: dict[str, str] = {}
    out = []
    for r in records:
        a, b = spacing.span(r.start - clause.start, r.end - clause.start)
        new = r.model_copy(update={"start": clause.start + a, "end": clause.start + b,
                                   "text": clause.text[a:b]})
        moved[r.id] = new.id
        out.append(new)
    for r in out:  # targets and obligations point at quantities by id
        for field in ("quantity_id", "time_id"):
            old = getattr(r, field, None)
            if old in moved:
                setattr(r, field, moved[old])
        links = getattr(r, "links", None)
        if links:
            r.links = [moved.get(x, x) for x in links]
    return out


def _extract_clause(doc: Document, clause: Clause, kinds: tuple[str, ...], aliases: Optional[dict]) -> list[Record]:
    tag = {"clause_id": clause.id, "section": clause.section}
    quantities: list[Record] = []
    derived = "target" in kinds or "obligation" in kinds  # these need every quantity kind
    for kind in QUANTITY_KINDS:
        if derived or kind in kinds:
            quantities += [r.shifted(clause.start, **tag) for r in dimension(kind).search(clause.text)]
    quantities = resolve_overlaps(quantities)
    out = [r for r in quantities if r.kind in kinds]
    departments: list[Record] = []
    if {"department", "obligation"} & set(kinds):
        dep = dimension("department")
        local = dep.search(clause.text, doc.city, doc.province, doc.jurisdiction, aliases=aliases or None)
        if aliases is not None and "以下简称" in clause.text:
            new = dep.defined_aliases(clause.text, local)
            if new:  # used in the same clause too: search again with them
                aliases.update(new)
                local = dep.search(clause.text, doc.city, doc.province, doc.jurisdiction, aliases=aliases)
        departments = [r.shifted(clause.start, **tag) for r in local]
        if "department" in kinds:
            out += departments
    if "target" in kinds:
        out += dimension("target").derive(doc, clause, quantities)
    if "obligation" in kinds:
        out += dimension("obligation").derive(doc, clause, quantities + departments)
    return out


def _doc_year(doc: Document) -> Optional[int]:
    d = doc.date or doc.published or ""
    return int(d[:4]) if d[:4].isdigit() else None


def extract(doc: Document, kinds: Optional[Iterable[str]] = None) -> list[Record]:
    """Find every record of the given kinds (all by default) in ``doc``; also stored on doc.records."""
    kinds = tuple(kinds or ALL_KINDS)
    unknown = set(kinds) - set(ALL_KINDS)
    if unknown:
        raise ValueError(f"unknown record kind(s): {', '.join(sorted(unknown))}")
    records: list[Record] = []
    aliases: dict = {}  # 以下简称…: a body's short name, valid from its definition on
    for clause in doc.clauses:
        records += extract_clause(doc, clause, kinds, aliases)
    if "department" in kinds:  # a task table's 牵头单位/配合单位 column spans clauses
        dimension("department").tables.apply(doc.text, records)
    records.sort(key=lambda r: (r.start, r.end, r.kind))
    if "time" in kinds:  # 3月1日-3月31日: the year from the clause or the document date
        records = dimension("time").fill_years(records, _doc_year(doc))
    doc.records = records
    return records

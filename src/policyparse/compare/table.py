"""``compare(docs or db, cities, topic) -> ComparisonTable``: one instrument side by side across cities.

Rows are aligned by instrument category and beneficiary (cue words, lexicon/data/instruments.yaml)
and, for targets, by what is counted and its unit — never by how similar two cities' sentences read.
Only policy documents are sources: a reply (答复) reports progress, it sets no instrument.
"""
from __future__ import annotations

from typing import Iterable, Optional

from ..dimensions.sentences import FULL_STOPS, spans
from ..model import Document, Record
from . import instruments
from .metrics import same_metric
from .model import Cell, CellValue, ComparisonTable, Row, SourceRef
from .sources import Source, column, documents, in_scope, name, year
from .values import DISTRIBUTIVE, fixed_period, money_value, plain_value, sentence_cycle, target_value, time_value

REPLY_TYPES = ("答复",)
TOPIC_MIN_COUNT = 5  # a body that names the topic this often is about it (a passing mention is not)
QUANTITY_KINDS = ("money", "percent", "ratio", "count", "time")


def is_policy(doc: Document) -> bool:
    return (doc.doc_type or "") not in REPLY_TYPES


def is_about(doc: Document, topic: Optional[str]) -> bool:
    """The title names the topic, or the body names it at least TOPIC_MIN_COUNT times."""
    if not topic:
        return True
    titles = " ".join(t for t in (doc.title, doc.wrapped_title) if t)
    return topic in titles or doc.text.count(topic) >= TOPIC_MIN_COUNT


def select(docs: Iterable[Document], cities: Optional[list[str]] = None, topic: Optional[str] = None,
           include_replies: bool = False, level: Optional[str] = None) -> list[Document]:
    """Policy documents on ``topic`` in the ``cities`` (jurisdictions, any level) and ``level``."""
    out = [d for d in docs if (include_replies or is_policy(d)) and is_about(d, topic)
           and in_scope(d, cities, level)]
    return sorted(out, key=lambda d: (year(d) or 0, d.date or "", d.path or ""))


def source_ref(doc: Document, clause, sentence: str = "", rec: Optional[Record] = None) -> SourceRef:
    return SourceRef(doc=name(doc), path=doc.path, doc_type=doc.doc_type, date=doc.date or doc.metadata.get("year"),
                     clause_id=clause.id if clause else None, section=clause.section if clause else "",
                     sentence=sentence, start=rec.start if rec else (clause.start if clause else 0),
                     end=rec.end if rec else (clause.end if clause else 0))


class _Builder:
    def __init__(self, cities: list[str]):
        self.cities = cities
        self.rows: dict[tuple, Row] = {}
        self.mentions: dict[tuple, dict[str, list[tuple[int, SourceRef]]]] = {}

    def row(self, key: tuple, **fields) -> Row:
        if key not in self.rows:
            self.rows[key] = Row(**fields)
        return self.rows[key]

    def add(self, key: tuple, city: str, value: CellValue, **fields) -> None:
        cell = self.row(key, **fields).cells.setdefault(city, Cell())
        seen = {(v.source.path, v.display) for v in cell.values}  # restated in another clause: once
        if (value.source.path, value.display) not in seen:
            cell.values.append(value)

    def mention(self, key: tuple, city: str, ref: SourceRef, weight: int) -> None:
        self.mentions.setdefault(key, {}).setdefault(city, []).append((weight, ref))


def _instrument_rows(b: _Builder, doc: Document) -> None:
    quantities = [r for r in doc.records if r.kind in QUANTITY_KINDS]
    for clause in doc.clauses:
        inside = [r for r in quantities if clause.start <= r.start and r.end <= clause.end]
        for a, z in spans(clause.text, FULL_STOPS):
            sentence = clause.text[a:z]
            cats = instruments.classify(sentence)
            if not cats:
                continue
            s0 = clause.start + a
            recs = [r for r in inside if s0 <= r.start and r.end <= s0 + len(sentence)]
            times = [r for r in recs if r.kind == "time"]
            granting = instruments.grants(sentence)
            got: set[str] = set()
            for r in recs:
                if r.kind == "time" and getattr(r, "type", None) == "period" \
                        and DISTRIBUTIVE.search(sentence[:r.start - s0]):
                    continue  # 每家每年: part of an amount's per-phrase, not a cycle
                cat = next((c for c in cats if r.kind in c.kinds
                            and (r.kind != "time" or getattr(r, "type", None) in c.time_types)), None)
                if cat is None:
                    continue
                if r.kind in ("money", "percent", "ratio") and not granting:
                    continue  # an amount nobody is given (千亿元产业集群) is no instrument
                ref = source_ref(doc, clause, sentence, r)
                if r.kind == "money":
                    v = money_value(r, ref, sentence_cycle(sentence, s0, times))
                elif r.kind == "time":
                    v = time_value(r, ref, cat.value_name)
                else:
                    v = plain_value(r, ref)
                    if r.kind == "count" and sentence_cycle(sentence[:r.start - s0], s0, times) == 1:
                        v.display += "/year"  # 每年支持10个以上…
                who = instruments.beneficiary(sentence, cat.name)
                b.add((cat.name, who), column(doc), v, category=cat.name, label=cat.label, beneficiary=who)
                got.add(cat.name)
            for cat in cats:
                who = instruments.beneficiary(sentence, cat.name)
                for phrase, years in cat.fixed.items():
                    i = sentence.find(phrase)
                    if i >= 0 and cat.name not in got:
                        ref = source_ref(doc, clause, sentence)
                        ref.start, ref.end = s0 + i, s0 + i + len(phrase)
                        b.add((cat.name, who), column(doc), fixed_period(phrase, years, ref, cat.value_name),
                              category=cat.name, label=cat.label, beneficiary=who)
                        got.add(cat.name)
                if cat.name not in got:  # named without a number: weight quantity-free sentences first
                    b.mention((cat.name, who), column(doc), source_ref(doc, clause, sentence), 1 if recs else 0)


def _target_rows(b: _Builder, doc: Document) -> None:
    by_id = {c.id: c for c in doc.clauses}
    for t in (r for r in doc.records if r.kind == "target"):
        clause = by_id.get(t.clause_id) or doc.clause_at(t.start)
        sentence = ""
        if clause:
            local = t.start - clause.start
            sentence = next((clause.text[a:z] for a, z in spans(clause.text, FULL_STOPS) if a <= local < z), "")
        yearly = t.year is None
        key = next((k for k, row in b.rows.items() if row.category == "target" and k[2] == yearly
                    and same_metric(row.metric or "", row.unit, t.metric, t.unit)), None)
        if key is None:
            key = ("target", t.metric, yearly, t.unit)
        label = f"target{' per year' if yearly else ''}: {t.metric}" + (f" ({t.unit})" if t.unit else "")
        b.add(key, column(doc), target_value(t, source_ref(doc, clause, sentence, t)),
              category="target", label=label, metric=t.metric, unit=t.unit)


def compare(source: Source, cities: Optional[list[str]] = None, topic: Optional[str] = None, *,
            include_replies: bool = False, level: Optional[str] = None) -> ComparisonTable:
    """The instruments of policy documents on ``topic`` side by side, one column per jurisdiction
    (``cities`` names them at any level, in column order: 天津, 四川, 柳河县, 全国; ``level`` keeps
    one level)."""
    docs = select(documents(source, cities, topic, level), cities, topic, include_replies, level)
    wanted = cities
    cities = list(dict.fromkeys(column(d) for d in docs if column(d)))
    if wanted:  # the user's order, each written name standing for its column
        order_of = {w: i for i, w in enumerate(wanted)}
        cities.sort(key=lambda c: min((order_of[w] for w in wanted if w == c or _names(docs, c, w)), default=len(wanted)))
    b = _Builder(cities)
    order = {c.name: i for i, c in enumerate(instruments.specs())}
    for doc in docs:
        if column(doc) in cities:
            _instrument_rows(b, doc)
    for doc in docs:
        if column(doc) in cities:
            _target_rows(b, doc)
    # a row exists when some city states a value; cities that only name the instrument say where
    for key, per_city in b.mentions.items():
        row = b.rows.get(key)
        if row is None:
            continue
        for city, refs in per_city.items():
            cell = row.cells.setdefault(city, Cell())
            if not cell.values:
                cell.mentions = [min(refs, key=lambda wr: (wr[0], wr[1].start))[1]]
    for row in b.rows.values():
        for city in cities:
            row.cells.setdefault(city, Cell())
    rows = sorted(b.rows.values(), key=lambda r: (order.get(r.category, len(order)), r.beneficiary or "",
                                                  -sum(c.stated for c in r.cells.values())))
    refs = [SourceRef(doc=name(d), path=d.path, doc_type=d.doc_type, date=d.date or d.metadata.get("year"))
            for d in docs if column(d) in cities]
    return ComparisonTable(cities=cities, topic=topic, documents=refs, rows=rows)


def _names(docs: list[Document], col: str, written: str) -> bool:
    """Does the ``written`` jurisdiction name stand for column ``col``?"""
    return any(column(d) == col and in_scope(d, [written]) for d in docs)

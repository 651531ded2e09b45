"""``compare(docs or db, cities, topic) -> ComparisonTable``: one instrument side by side across cities.

Rows are aligned by instrument and beneficiary (cue regexes, lexicon/data/taxonomy.yaml)
and, for targets, by what is counted and its unit — never by how similar two cities' sentences read.
Only policy documents are sources: a reply (答复) reports progress, it sets no instrument.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Callable, Iterable, Optional

from ..dimensions.sentences import FULL_STOPS, spans
from ..model import Document, Record
from . import instruments, other, tiers
from .base import base_of
from .instruments import OTHER
from .metrics import same_metric
from .model import Cell, CellValue, ComparisonTable, Row, SourceRef
from .sources import NATIONAL_COLUMN, Source, column, documents, full_name, in_scope, name, year
from .values import (DISTRIBUTIVE, fixed_period, money_value, plain_value, sentence_cycle, target_value, tier_value,
                     time_value)

REPLY_TYPES = ("答复",)
TOPIC_MIN_COUNT = 5  # a body that names the topic this often is about it (a passing mention is not)
QUANTITY_KINDS = ("money", "percent", "ratio", "count", "time")
COMPARED_KINDS = QUANTITY_KINDS + ("target", "obligation")  # the records compare reads from a store


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
                     jurisdiction=full_name(doc),
                     clause_id=clause.id if clause else None, section=clause.section if clause else "",
                     sentence=sentence, start=rec.start if rec else (clause.start if clause else 0),
                     end=rec.end if rec else (clause.end if clause else 0))


class _Builder:
    def __init__(self, cities: list[str]):
        self.cities = cities
        self.rows: dict[tuple, Row] = {}
        self.seen: dict[tuple, set] = {}  # (row key, city) → (path, display) already in the cell
        self.targets: dict[tuple, list[tuple]] = {}  # (yearly, unit) → target row keys
        # row key → city → (weight, offset, make): the SourceRef is made only for the one shown
        self.mentions: dict[tuple, dict[str, list[tuple[int, int, Callable[[], SourceRef]]]]] = {}

    def row(self, key: tuple, **fields) -> Row:
        if key not in self.rows:
            self.rows[key] = Row(**fields)
        return self.rows[key]

    def add(self, key: tuple, city: str, value: CellValue, **fields) -> None:
        cell = self.row(key, **fields).cells.setdefault(city, Cell())
        seen = self.seen.setdefault((key, city), set())  # restated in another clause: once
        if (value.source.path, value.display) not in seen:
            seen.add((value.source.path, value.display))
            cell.values.append(value)

    def mention(self, key: tuple, city: str, offset: int, make: Callable[[], SourceRef], weight: int) -> None:
        if self.seen.get((key, city)):
            return  # the cell states a value: where it is merely named is never shown
        self.mentions.setdefault(key, {}).setdefault(city, []).append((weight, offset, make))


@lru_cache(maxsize=8192)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of a clause (cached: instrument and target rows both split every clause)."""
    return tuple(spans(text, FULL_STOPS))


SEGMENT_STOPS = "；;"
LEAD_IN_MAX = 30  # characters before a sentence that still read as the clause's heading
VALUE_KINDS = ("money", "percent", "ratio")
DURATION_UNITS = ("year", "month", None)
SHARED_FAMILY = "tech_transfer"  # a reward share stated once for several transfer modes is each one's  # support lasts years or months


def _placed(b: _Builder, col: str, inst, v: CellValue, who: Optional[str]) -> None:
    b.add((inst.id, who), col, v, category=inst.id, label=f"{inst.en} · {inst.zh}", beneficiary=who)


def _value(doc, clause, sentence, s0, seg, g0, inst, r, times) -> CellValue:
    ref = source_ref(doc, clause, sentence, r)
    before, after = seg[:r.start - g0], seg[r.end - g0:]
    if r.kind == "money":
        v = money_value(r, ref, sentence_cycle(sentence, s0, times))
    elif r.kind == "time":
        v = time_value(r, ref, inst.value_name)
    else:
        v = plain_value(r, ref)
        if r.kind == "count" and sentence_cycle(sentence[:r.start - s0], s0, times) == 1:
            v.display += "/year"  # 每年支持10个以上…
    v.role = instruments.role_of(inst, r, before, after)
    if r.kind == "percent":
        v.base = base_of(r, before, after, inst.base)
    return v


def _schedule_value(doc, clause, sentence, s0, seg, g0, inst, sched, times) -> CellValue:
    first, last = sched.values[0], sched.values[-1]
    v = _value(doc, clause, sentence, s0, seg, g0, inst, first, times)
    v.source.end = last.end
    v.text = doc.text[first.start:last.end]
    v.tiers = [tier_value(r, cond, v.kind) for r, cond in zip(sched.values, sched.conditions)]
    v.value = v.low = v.high = v.per_year = None
    v.display = " · ".join(f"{t.display} ({t.condition})" for t in v.tiers)
    if v.role == "threshold":
        v.role = "amount"
    return v


def _instrument_rows(b: _Builder, doc: Document, col: str) -> tuple[int, int]:
    """Fill the instrument rows from one document; return its (named, all) support coverage."""
    quantities = sorted((r for r in doc.records if r.kind in QUANTITY_KINDS), key=lambda r: r.start)
    supports = other.support_obligations(doc)
    in_support = {r.id for r in quantities if r.kind in ("money", "percent") and other.holder(r, supports)}
    named: set[str] = set()
    headings: dict[str, str] = {}  # filled on first use: most documents never need it
    starts = [r.start for r in quantities]  # doc.records are in text order
    for clause in doc.clauses:
        inside = [r for r in quantities[bisect_left(starts, clause.start):bisect_right(starts, clause.end)]
                  if r.end <= clause.end]
        if not inside and not instruments.classify(clause.text):
            continue  # no number and no instrument named: nothing to show or cite
        for a, z in sentences(clause.text):
            sentence = clause.text[a:z]
            s0 = clause.start + a
            srecs = [r for r in inside if s0 <= r.start and r.end <= s0 + len(sentence)]
            sent_insts = instruments.found(sentence, sentence)
            if not srecs and not sent_insts:
                continue
            granting = instruments.grants(sentence)
            times = [r for r in srecs if r.kind == "time"]
            got: set[str] = set()
            # an instrument named in the clause's lead-in (（三）贷款贴息支持。每个项目…) or in the
            # headings above it (四、贷款贴息 / （二）支持标准) — not in a full earlier sentence,
            # which states its own instrument
            context = ()
            if srecs and not sent_insts and granting:
                lead = clause.text[:a] if 0 < a <= LEAD_IN_MAX else ""
                if not headings:
                    headings = _headings(doc) or {"": ""}
                context = instruments.found(lead, sentence) or instruments.found(headings.get(clause.section_id, ""),
                                                                                 sentence)
            segments = []
            for c, d in (spans(sentence, SEGMENT_STOPS) if srecs else ()):
                g0 = s0 + c
                segments.append((sentence[c:d], g0, [r for r in srecs if g0 <= r.start and r.end <= g0 + d - c]))
            # a ladder spans segments: its instrument is the first segment's (or the sentence's)
            for sc in (tiers.ladders(segments) if granting and len(segments) > 1 else []):
                seg, g0, _ = next(x for x in segments if x[1] <= sc.values[0].start < x[1] + len(x[0]))
                insts = instruments.found(seg, sentence) or sent_insts or context
                inst = next((i for i in insts if instruments.takes(i, sc.values[0])), None)
                if inst is None:
                    continue
                v = _schedule_value(doc, clause, sentence, s0, seg, g0, inst, sc, times)
                _placed(b, col, inst, v, instruments.beneficiary(sentence, inst))
                named |= sc.consumed
                got.add(inst.id)
            for seg, g0, recs in segments:
                if not recs:
                    continue
                insts = instruments.found(seg, sentence) or sent_insts or context
                if named:
                    consumed = {r.id for r in recs} & named
                    fresh = [r for r in recs if r.id not in consumed]
                else:
                    consumed, fresh = set(), recs
                schedules = tiers.find(seg, g0, fresh) if granting else []
                for sc in schedules:
                    consumed |= sc.consumed
                for sc in schedules:
                    inst = next((i for i in insts if instruments.takes(i, sc.values[0])), None)
                    if inst is None:
                        continue
                    who = instruments.beneficiary(sentence, inst)
                    v = _schedule_value(doc, clause, sentence, s0, seg, g0, inst, sc, times)
                    _placed(b, col, inst, v, who)
                    named |= sc.consumed
                    got.add(inst.id)
                for r in recs:
                    if r.id in consumed:
                        continue
                    if r.kind == "time" and getattr(r, "type", None) == "period" \
                            and DISTRIBUTIVE.search(sentence[:r.start - s0]):
                        continue  # 每家每年: part of an amount's per-phrase, not a cycle
                    if r.kind in VALUE_KINDS and not granting:
                        continue  # an amount nobody is given (千亿元产业集群) is no instrument
                    if r.kind == "time" and getattr(r, "type", None) == "duration" \
                            and getattr(r, "unit", None) not in DURATION_UNITS:
                        continue  # 5个工作日内 / 30日内 is a procedure's deadline, not how long support lasts
                    inst = next((i for i in insts if instruments.takes(i, r)), None)
                    if inst is None:
                        continue
                    # 以转让、许可或者作价投资方式…提取不低于70%: one share for every mode listed
                    shared = [i for i in insts if i.family == SHARED_FAMILY == inst.family and instruments.takes(i, r)]
                    for i in shared or [inst]:
                        who = instruments.beneficiary(sentence, i)
                        _placed(b, col, i, _value(doc, clause, sentence, s0, seg, g0, i, r, times), who)
                        got.add(i.id)
                    named.add(r.id)
            for inst in sent_insts:
                who = instruments.beneficiary(sentence, inst)
                for phrase, years in inst.fixed.items():
                    i = sentence.find(phrase)
                    if i >= 0 and inst.id not in got:
                        ref = source_ref(doc, clause, sentence)
                        ref.start, ref.end = s0 + i, s0 + i + len(phrase)
                        v = fixed_period(phrase, years, ref, inst.value_name)
                        v.role = "cycle"
                        b.add((inst.id, who), col, v, category=inst.id, label=f"{inst.en} · {inst.zh}",
                              beneficiary=who)
                        got.add(inst.id)
                if inst.id not in got:  # named without a number: weight quantity-free sentences first
                    b.mention((inst.id, who), col, clause.start,
                              lambda clause=clause, sentence=sentence: source_ref(doc, clause, sentence),
                              1 if srecs else 0)
    _other_rows(b, doc, col, supports, in_support - named)
    return len(in_support & named), len(in_support)


def _headings(doc: Document) -> dict[str, str]:
    """section id → its heading and its parents' headings, innermost first."""
    out: dict[str, str] = {}

    def walk(secs, above: str) -> None:
        for sec in secs:
            own = sec.heading if len(sec.heading) <= LEAD_IN_MAX else ""  # a long "heading" is a sentence
            out[sec.id] = "。".join(x for x in (own, above) if x)
            walk(sec.children, out[sec.id])

    walk(doc.sections, "")
    return out


def _other_rows(b: _Builder, doc: Document, col: str, supports: list[Record], left: set[str]) -> None:
    """Support money/percent no instrument took: a row per (aim, normalised object)."""
    for r in doc.records:
        if r.id not in left:
            continue
        ob = other.holder(r, supports)
        clause = doc.clause_at(r.start)
        sentence = ""
        if clause is not None:
            local = r.start - clause.start
            sentence = next((clause.text[a:z] for a, z in sentences(clause.text) if a <= local < z), "")
        ref = source_ref(doc, clause, sentence, r)
        v = money_value(r, ref, None) if r.kind == "money" else plain_value(r, ref)
        v.role = instruments.money_role(r, "", "") if r.kind == "money" else "rate"
        if r.kind == "percent" and clause is not None:
            v.base = base_of(r, clause.text[:r.start - clause.start][-40:], clause.text[r.end - clause.start:])
        aim, obj = other.key(ob)
        b.add((OTHER, aim, obj), col, v, category=OTHER, label=f"other: {aim} {obj}",
              beneficiary=None)


def _target_rows(b: _Builder, doc: Document, col: str) -> None:
    by_id = {c.id: c for c in doc.clauses}
    for t in (r for r in doc.records if r.kind == "target"):
        clause = by_id.get(t.clause_id) or doc.clause_at(t.start)
        sentence = ""
        if clause:
            local = t.start - clause.start
            sentence = next((clause.text[a:z] for a, z in sentences(clause.text) if a <= local < z), "")
        yearly = t.year is None
        same = b.targets.setdefault((yearly, t.unit), [])  # rows of this unit and kind, in order
        key = next((k for k in same if same_metric(b.rows[k].metric or "", t.unit, t.metric, t.unit)), None)
        if key is None:
            key = ("target", t.metric, yearly, t.unit)
            same.append(key)
        label = f"target{' per year' if yearly else ''}: {t.metric}" + (f" ({t.unit})" if t.unit else "")
        b.add(key, col, target_value(t, source_ref(doc, clause, sentence, t)),
              category="target", label=label, metric=t.metric, unit=t.unit)


def compare(source: Source, cities: Optional[list[str]] = None, topic: Optional[str] = None, *,
            include_replies: bool = False, level: Optional[str] = None) -> ComparisonTable:
    """The instruments of policy documents on ``topic`` side by side, one column per jurisdiction
    (``cities`` names them at any level, in column order: 天津, 四川, 柳河县, 全国; ``level`` keeps
    one level)."""
    tx = instruments.taxonomy()
    loaded = documents(source, lambda d: _wanted(d, cities, topic, include_replies, level), COMPARED_KINDS,
                       (tuple(tx.support_deontics), tuple(tx.grant_cues)),  # support obligations only
                       names=_meta_names(cities), cities=cities, topic=topic, level=level)
    docs = select(loaded, cities, topic, include_replies, level)
    wanted = cities
    cities = list(dict.fromkeys(column(d) for d in docs if column(d)))
    if wanted:  # the user's order, each written name standing for its column
        order_of = {w: i for i, w in enumerate(wanted)}
        cities.sort(key=lambda c: min((order_of[w] for w in wanted if w == c or _names(docs, c, w)), default=len(wanted)))
    b = _Builder(cities)
    order = instruments.order()
    coverage: dict[str, list[int]] = {}
    cols = [(doc, column(doc)) for doc in docs]
    cols = [(doc, col) for doc, col in cols if col in cities]
    for doc, col in cols:
        n, total = _instrument_rows(b, doc, col)
        c = coverage.setdefault(col, [0, 0])
        c[0] += n
        c[1] += total
    for doc, col in cols:
        _target_rows(b, doc, col)
    # a row exists when some city states a value; cities that only name the instrument say where
    for key, per_city in b.mentions.items():
        row = b.rows.get(key)
        if row is None:
            continue
        for city, refs in per_city.items():
            cell = row.cells.setdefault(city, Cell())
            if not cell.values:
                cell.mentions = [min(refs, key=lambda wr: (wr[0], wr[1]))[2]()]
    for row in b.rows.values():
        for city in cities:
            row.cells.setdefault(city, Cell())
    last = len(order) + 1  # other rows after the named instruments, targets last
    rank = {OTHER: last, "target": last + 1}
    rows = sorted(b.rows.values(), key=lambda r: (order.get(r.category, rank.get(r.category, last)),
                                                  r.label if r.category == OTHER else "", r.beneficiary or "",
                                                  -sum(c.stated for c in r.cells.values())))
    refs = [SourceRef(doc=name(d), path=d.path, doc_type=d.doc_type, date=d.date or d.metadata.get("year"),
                      jurisdiction=full_name(d)) for d, _ in cols]
    return ComparisonTable(cities=cities, topic=topic, documents=refs, rows=rows,
                           coverage={c: coverage[c] for c in cities if c in coverage})


def _meta_names(cities: Optional[list[str]]) -> Optional[list[str]]:
    """Names a wanted document's stored metadata must contain (None: no cheap cut possible)."""
    if not cities or NATIONAL_COLUMN in cities:
        return None  # 全国 is a column label, not a name in the metadata
    from ..jurisdiction.divisions import short_name

    return list({short_name(c) for c in cities} | set(cities))


def _wanted(doc: Document, cities, topic, include_replies: bool, level) -> bool:
    return bool(select([doc], cities, topic, include_replies, level)) and column(doc) is not None


def _names(docs: list[Document], col: str, written: str) -> bool:
    """Does the ``written`` jurisdiction name stand for column ``col``?"""
    return any(column(d) == col and in_scope(d, [written]) for d in docs)

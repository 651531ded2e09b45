"""One-to-one matching of predicted records to gold records of one document.

A pair needs the same kind and overlapping spans; it is *correct* when the normalised value
agrees too (``value_ok``): for a department its name and role, for an obligation its deontic and
actor (each where the gold gives it). The assignment (Hungarian, scipy) maximises first the number of
correct pairs, then the number of pairs, then the overlap, so a duplicate prediction or a
near miss never steals the gold record from the right answer.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..model import Record
from .gold import GoldRecord

REL_TOL = 1e-6
QUANTITY_FIELDS = ("value", "low", "high")
TIME_FIELDS = ("type", "year", "end_year", "every", "value")


def num_eq(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=REL_TOL, abs_tol=1e-9)
    except (TypeError, ValueError):
        return a == b


def field_eq(a, b) -> bool:
    """Equality for one field: numbers with tolerance, lists element-wise, else ==."""
    if isinstance(a, (int, float)) and not isinstance(a, bool) or isinstance(b, (int, float)) and not isinstance(b, bool):
        return num_eq(a, b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(field_eq(x, y) for x, y in zip(a, b))
    return a == b


def value_ok(gold: Record, pred: Record) -> bool:
    """Does ``pred`` carry the gold record's normalised value (its kind's identity fields)?"""
    k = gold.kind
    if k in ("money", "percent", "count", "area"):
        return all(num_eq(getattr(gold, f), getattr(pred, f, None)) for f in QUANTITY_FIELDS)
    if k == "ratio":
        return field_eq(list(gold.terms), list(getattr(pred, "terms", []) or []))
    if k == "time":  # a year the text does not write (year_inferred) is no error against gold that left it null
        return all(field_eq(getattr(gold, f), getattr(pred, f, None)) for f in TIME_FIELDS
                   if not (f == "year" and gold.year is None and getattr(pred, "year_inferred", False)))
    if k == "department":  # name, and the role where the annotator gave one
        return gold.name == getattr(pred, "name", None) and (
            "role" not in gold.model_fields_set or gold.role == getattr(pred, "role", None))
    if k == "target":
        return (all(num_eq(getattr(gold, f), getattr(pred, f, None)) for f in QUANTITY_FIELDS)
                and gold.year == getattr(pred, "year", None))
    if k == "obligation":  # deontic, and the actor where the annotator gave one
        return gold.deontic == getattr(pred, "deontic", None) and (
            "actor" not in gold.model_fields_set or gold.actor == getattr(pred, "actor", None))
    return True


def overlap(a: Record, b: Record) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


@dataclass
class Pair:
    gold: GoldRecord
    pred: Record
    correct: bool  # span and value


@dataclass
class Matching:
    pairs: list[Pair] = field(default_factory=list)
    missed: list[GoldRecord] = field(default_factory=list)  # gold with no overlapping prediction
    spurious: list[Record] = field(default_factory=list)  # predictions with no overlapping gold

    @property
    def wrong(self) -> list[Pair]:
        return [p for p in self.pairs if not p.correct]


def match(gold: Sequence[GoldRecord], pred: Iterable[Record], kinds: Optional[Iterable[str]] = None) -> Matching:
    """Match per kind; ``kinds`` limits both sides (default: every kind on either side)."""
    pred = list(pred)
    wanted = set(kinds) if kinds is not None else {g.kind for g in gold} | {p.kind for p in pred}
    out = Matching()
    for kind in sorted(wanted):
        g_k = [g for g in gold if g.kind == kind]
        p_k = [p for p in pred if p.kind == kind]
        _match_kind(g_k, p_k, out)
    return out


def _match_kind(gold: list[GoldRecord], pred: list[Record], out: Matching) -> None:
    used_g: set[int] = set()
    used_p: set[int] = set()
    if gold and pred:
        w = np.zeros((len(gold), len(pred)))
        ok = np.zeros((len(gold), len(pred)), dtype=bool)
        for i, g in enumerate(gold):
            for j, p in enumerate(pred):
                ov = overlap(g.record, p)
                if ov:
                    ok[i, j] = value_ok(g.record, p)
                    union = max(g.record.end, p.end) - min(g.record.start, p.start)
                    # correct pairs first, then any overlapping pair, then the tighter overlap
                    w[i, j] = (1000.0 if ok[i, j] else 0.0) + 10.0 + ov / union
        rows, cols = linear_sum_assignment(w, maximize=True)
        for i, j in zip(rows, cols):
            if w[i, j] > 0:
                out.pairs.append(Pair(gold[i], pred[j], bool(ok[i, j])))
                used_g.add(i)
                used_p.add(j)
    out.missed += [g for i, g in enumerate(gold) if i not in used_g]
    out.spurious += [p for j, p in enumerate(pred) if j not in used_p]

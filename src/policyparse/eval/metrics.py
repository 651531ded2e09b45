"""Precision / recall / F1 per kind and field accuracy over span-matched pairs."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..model import Record
from .match import Matching, field_eq

# Fields scored as "field accuracy": only where the gold record states the field.
SCORED_FIELDS = ("value", "bound", "unit", "year", "role", "name", "deontic", "actor", "type", "per")
_SHOWN = {  # the fields that describe a record's value in --details output
    "money": ("value", "low", "high", "bound", "per", "currency"),
    "percent": ("value", "low", "high", "bound", "base"),
    "count": ("value", "low", "high", "bound", "unit"),
    "area": ("value", "low", "high", "bound", "unit"),
    "ratio": ("terms",),
    "time": ("type", "year", "month", "day", "end_year", "every", "value", "unit"),
    "department": ("name", "role"),
    "target": ("metric", "value", "low", "high", "bound", "unit", "year"),
    "obligation": ("deontic", "cue", "actor"),
}


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def describe(r: Record) -> str:
    """``value=1e7 bound=le`` — the record's value fields that are set."""
    parts = []
    for f in _SHOWN.get(r.kind, ()):
        v = getattr(r, f, None)
        if v is None or v == [] or (f == "currency" and v == "CNY"):
            continue
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        parts.append(f"{f}={v}")
    return " ".join(parts)


@dataclass
class KindScore:
    gold: int = 0
    pred: int = 0
    tp: int = 0  # span and value correct
    span: int = 0  # span-matched pairs (value right or wrong)

    def as_dict(self) -> dict:
        p, r, f = prf(self.tp, self.pred, self.gold)
        sp, sr, sf = prf(self.span, self.pred, self.gold)
        return {"gold": self.gold, "pred": self.pred, "tp": self.tp, "precision": p, "recall": r, "f1": f,
                "span_matched": self.span, "span_precision": sp, "span_recall": sr, "span_f1": sf}


@dataclass
class FieldScore:
    n: int = 0
    correct: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [n, correct]

    def add(self, kind: str, ok: bool) -> None:
        self.n += 1
        self.correct += ok
        nk = self.by_kind.setdefault(kind, [0, 0])
        nk[0] += 1
        nk[1] += ok

    def as_dict(self) -> dict:
        return {"n": self.n, "correct": self.correct, "accuracy": self.correct / self.n if self.n else None,
                "by_kind": {k: {"n": n, "correct": c, "accuracy": c / n} for k, (n, c) in sorted(self.by_kind.items())}}


@dataclass
class Evaluation:
    kinds: dict[str, KindScore] = field(default_factory=dict)
    fields: dict[str, FieldScore] = field(default_factory=dict)
    files: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per document the predictor failed on

    def add(self, name: str, m: Matching, kinds: Optional[Iterable[str]] = None) -> None:
        """Fold in one document's matching (``kinds``: count only these)."""
        keep = (lambda k: True) if kinds is None else set(kinds).__contains__
        for pr in m.pairs:
            if keep(pr.gold.kind):
                ks = self.kinds.setdefault(pr.gold.kind, KindScore())
                ks.gold += 1
                ks.pred += 1
                ks.span += 1
                ks.tp += pr.correct
                for f in SCORED_FIELDS:
                    if f in pr.gold.fields and hasattr(pr.pred, f):
                        ok = field_eq(getattr(pr.gold.record, f), getattr(pr.pred, f))
                        self.fields.setdefault(f, FieldScore()).add(pr.gold.kind, ok)
        for g in m.missed:
            if keep(g.kind):
                self.kinds.setdefault(g.kind, KindScore()).gold += 1
        for p in m.spurious:
            if keep(p.kind):
                self.kinds.setdefault(p.kind, KindScore()).pred += 1
        rec = lambda r, extra=None: {"kind": r.kind, "text": r.text, "start": r.start, "end": r.end,
                                     "value": describe(r), **(extra or {})}
        self.files.append({
            "file": name,
            "fn": [rec(g.record) for g in m.missed if keep(g.kind)],
            "fp": [rec(p) for p in m.spurious if keep(p.kind)],
            "wrong": [rec(pr.gold.record, {"pred_text": pr.pred.text, "pred_value": describe(pr.pred)})
                      for pr in m.wrong if keep(pr.gold.kind)],
        })

    def total(self) -> KindScore:
        t = KindScore()
        for ks in self.kinds.values():
            t.gold += ks.gold
            t.pred += ks.pred
            t.tp += ks.tp
            t.span += ks.span
        return t

    def as_dict(self) -> dict:
        return {"kinds": {k: v.as_dict() for k, v in sorted(self.kinds.items())},
                "all": self.total().as_dict(),
                "fields": {f: self.fields[f].as_dict() for f in SCORED_FIELDS if f in self.fields},
                "files": self.files, "errors": self.errors}

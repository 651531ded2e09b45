"""Scoring `compare` against hand-built comparison tables (gold/compare/<family>.csv, format in
gold/compare/README.md).

A cell is one value a document states for one instrument; it is correct when instrument,
jurisdiction, role, value and unit agree (bound, tier and base are scored separately, over the
matched cells). Each family is scored on the documents its gold table lists, against the cells
of its instrument group: tech_transfer instruments for tech_transfer, every other instrument
(and "other:" rows) for any support family.

    gold, errors = load_compare_gold("gold/compare")
    result = evaluate_compare(gold)          # reads, extracts and compares the listed documents
    result["families"]["tech_transfer"]["f1"]
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from .metrics import prf

COLUMNS = ("family", "instrument", "jurisdiction", "document", "role", "value", "unit", "bound", "tier", "base",
           "clause")
ROLES = ("share", "rate", "cap", "amount", "duration", "count", "threshold")
TECH_TRANSFER = "tech_transfer"
TIME_UNITS = {"year": "年", "month": "月", "day": "日", "week": "周"}
VALUE_DIGITS = 4  # values agree when equal to this many decimals


@dataclass(frozen=True)
class CompareCell:
    family: str
    instrument: str
    jurisdiction: str
    document: str
    role: str
    value: float
    unit: str
    bound: str = "eq"
    tier: str = ""
    base: str = ""
    clause: str = ""

    def key(self) -> tuple:
        # other:<id> ids are free text on both sides: any two "other" cells of one value agree
        inst = "other" if self.instrument.startswith("other:") else self.instrument
        return (inst, jurisdiction_key(self.jurisdiction), self.role, round(self.value, VALUE_DIGITS), self.unit)


@lru_cache(maxsize=1024)
def jurisdiction_key(name: str) -> str:
    """One key per jurisdiction however it is written: 上海 = 上海市; a zone is the district that
    serves it (广州南沙新区 = 广州市南沙区); national documents 全国."""
    from ..jurisdiction import of

    j = of(name)
    if j is None:
        return name
    if j.level == "national":
        return "全国"
    if j.level == "zone" and j.seat:
        seat = of(j.seat)
        if seat is not None and seat.code:
            return seat.code
    return j.code or j.name


def group(family: str) -> str:
    """The instrument group a family is scored against: tech_transfer, or support."""
    return TECH_TRANSFER if family == TECH_TRANSFER else "support"


def load_compare_gold(gold_dir: str | Path) -> tuple[list[CompareCell], list[str]]:
    """Every row of ``gold_dir/*.csv``; a bad row is one error line (file:line: reason), the rest load."""
    cells, errors = [], []
    for path in sorted(Path(gold_dir).glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in COLUMNS[:7] if c not in (reader.fieldnames or [])]
            if missing:
                errors.append(f"{path}: missing column(s) {', '.join(missing)}")
                continue
            for n, row in enumerate(reader, 2):
                try:
                    cells.append(_cell(row))
                except ValueError as e:
                    errors.append(f"{path}:{n}: {e}")
    return cells, errors


def _cell(row: dict) -> CompareCell:
    get = {k: (row.get(k) or "").strip() for k in COLUMNS}
    for k in ("family", "instrument", "jurisdiction", "document", "role", "value", "unit"):
        if not get[k]:
            raise ValueError(f"empty {k}")
    if get["role"] not in ROLES:
        raise ValueError(f"unknown role {get['role']!r}")
    try:
        value = float(get["value"])
    except ValueError:
        raise ValueError(f"value {get['value']!r} is not a number") from None
    return CompareCell(family=get["family"], instrument=get["instrument"], jurisdiction=get["jurisdiction"],
                       document=get["document"], role=get["role"], value=value, unit=get["unit"],
                       bound=get["bound"] or "eq", tier=get["tier"], base=get["base"], clause=get["clause"])


def table_cells(table, family: str = "") -> list[CompareCell]:
    """The scoreable cells of a ComparisonTable: one per value, per tier, per end of a range."""
    from ..compare.instruments import OTHER, scored_as

    out = []
    for row in table.rows:
        if row.category == "target":
            continue
        inst = f"other:{row.label.removeprefix('other: ')}" if row.category == OTHER else scored_as(row.category,
                                                                                                   row.beneficiary)
        for cell in row.cells.values():
            for v in cell.values:
                if v.role not in ROLES or v.kind == "ratio":
                    continue
                unit = TIME_UNITS.get(v.unit or "", v.unit or "") if v.kind == "time" else (v.unit or "")
                src = v.source
                base = dict(family=family, instrument=inst, jurisdiction=src.jurisdiction or "",
                            document=src.path or "", role=v.role, unit=unit, base=v.base or "", clause=src.sentence)
                if v.tiers:
                    out += [CompareCell(value=_one(t.value, t.low, t.high, t.bound), bound=_bound(t.bound),
                                        tier=t.condition, **base) for t in v.tiers if _one(t.value, t.low, t.high, t.bound) is not None]
                elif v.bound == "range" and v.low is not None and v.high is not None:
                    out += [CompareCell(value=v.low, bound="ge", **base), CompareCell(value=v.high, bound="le", **base)]
                else:
                    x = _one(v.value, v.low, v.high, v.bound)
                    if x is not None:
                        out.append(CompareCell(value=x, bound=_bound(v.bound), **base))
    return out


def _one(value, low, high, bound) -> Optional[float]:
    if value is not None:
        return value
    return high if bound in ("le", "lt") else (low if low is not None else high)


def _bound(b: str) -> str:
    return {"lt": "le", "gt": "ge", "range": "eq", "approx": "eq"}.get(b, b)


def _instrument_group(inst: str) -> str:
    from ..compare.instruments import family

    return TECH_TRANSFER if family(inst) == TECH_TRANSFER else "support"


def resolve(document: str, gold_dir: Path, corpus: Optional[Path] = None) -> Optional[Path]:
    """A gold `document` path: as given, from the repository root above gold/compare, or in --corpus."""
    p = Path(document)
    for cand in (p, gold_dir.parent.parent / p, *(([corpus / p, corpus / p.name]) if corpus else [])):
        if cand.is_file():
            return cand
    return None


def predict(paths: Iterable[Path], errors: Optional[list[str]] = None):
    """Read (with SOURCES.tsv), extract and compare the documents: one ComparisonTable. A document
    that cannot be read is one line in ``errors`` and the others are compared."""
    from .. import read
    from ..compare import compare
    from ..extract import extract
    from ..store.sidecar import apply

    docs = []
    for p in paths:
        try:
            doc = apply(read(p), p)
            extract(doc)
        except Exception as e:  # noqa: BLE001 - a bad document is one line, the rest is scored
            if errors is None:
                raise
            errors.append(" ".join(f"{p}: {type(e).__name__}: {e}".split()))
            continue
        docs.append(doc)
    return compare(docs)


@dataclass
class FamilyScore:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    bound_ok: int = 0
    base_n: int = 0
    base_ok: int = 0
    tier_n: int = 0
    tier_ok: int = 0

    def as_dict(self) -> dict:
        p, r, f = prf(self.tp, self.pred, self.gold)
        return {"gold": self.gold, "pred": self.pred, "tp": self.tp, "precision": p, "recall": r, "f1": f,
                "bound_accuracy": self.bound_ok / self.tp if self.tp else None,
                "base_accuracy": self.base_ok / self.base_n if self.base_n else None,
                "tier_accuracy": self.tier_ok / self.tier_n if self.tier_n else None}

    def add(self, other: "FamilyScore") -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def score(gold: list[CompareCell], pred: list[CompareCell]) -> tuple[FamilyScore, list, list]:
    """Multiset match on the cell key; returns the score, the misses and the false positives."""
    s = FamilyScore(gold=len(gold), pred=len(pred))
    pool: dict[tuple, list[CompareCell]] = defaultdict(list)
    for p in pred:
        pool[p.key()].append(p)
    misses = []
    for g in gold:
        cands = pool.get(g.key())
        if not cands:
            misses.append(g)
            continue
        # prefer the prediction that agrees on the tier, then on the document
        best = max(cands, key=lambda p: (p.tier == g.tier, p.document.endswith(Path(g.document).name)))
        cands.remove(best)
        s.tp += 1
        s.bound_ok += best.bound == g.bound
        if g.base:
            s.base_n += 1
            s.base_ok += best.base == g.base
        if g.tier or best.tier:
            s.tier_n += 1
            s.tier_ok += best.tier == g.tier
    extra = [p for ps in pool.values() for p in ps]
    return s, misses, extra


def evaluate_compare(gold: list[CompareCell], gold_dir: str | Path = "gold/compare",
                     corpus: Optional[Path] = None) -> dict:
    """Scores per family and overall (micro), with misses/false positives per family and
    the documents that could not be found or read (one line each)."""
    gold_dir = Path(gold_dir)
    by_family: dict[str, list[CompareCell]] = defaultdict(list)
    for g in gold:
        by_family[g.family].append(g)
    errors: list[str] = []
    found: dict[str, Path] = {}
    for d in sorted({g.document for g in gold}):
        p = resolve(d, gold_dir, corpus)
        if p is None:
            errors.append(f"{d}: document not found")
        else:
            found[d] = p
    tables = {}
    for fam, cells in by_family.items():
        paths = [found[d] for d in dict.fromkeys(c.document for c in cells) if d in found]
        try:
            tables[fam] = predict(paths, errors) if paths else None
        except Exception as e:  # noqa: BLE001 - one broken document is one line, the rest is scored
            errors.append(f"{fam}: {type(e).__name__}: {e}")
            tables[fam] = None
    out = {"families": {}, "details": {}, "errors": errors}
    total = FamilyScore()
    for fam, cells in sorted(by_family.items()):
        table = tables.get(fam)
        pred = [c for c in table_cells(table, fam) if _pred_group(c.instrument) == group(fam)] if table else []
        s, misses, extra = score(cells, pred)
        total.add(s)
        out["families"][fam] = s.as_dict()
        out["details"][fam] = {"missed": [asdict(m) for m in misses], "false_positives": [asdict(x) for x in extra]}
    out["all"] = total.as_dict()
    out["counts"] = dict(Counter(g.family for g in gold))
    return out


def _pred_group(inst: str) -> str:
    return "support" if inst.startswith("other:") else _instrument_group(inst)

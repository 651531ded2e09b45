"""Evaluation against hand-written gold (gold/README.md).

    files, errors = load_gold_dir("gold")
    ev = evaluate(files)                 # runs policyparse.extract on every document
    ev.as_dict()["kinds"]["money"]["f1"]

``evaluate`` takes any ``predict(doc) -> records`` so peers can be scored with the same matcher.
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

from ..model import Document, Record
from .gold import GoldError, GoldFile, GoldRecord, load_gold, load_gold_dir
from .locate import TextIndex, key
from .match import Matching, Pair, match, value_ok
from .metrics import SCORED_FIELDS, Evaluation, describe, prf


def evaluate(files: Iterable[GoldFile], predict: Optional[Callable[[Document], list[Record]]] = None,
             kinds: Optional[Iterable[str]] = None) -> Evaluation:
    """Score ``predict`` (default: policyparse.extract) on every gold file.

    A predictor that raises on a document is recorded in ``Evaluation.errors`` (one line) and
    scored as predicting nothing there, so one broken document does not hide the others.
    """
    kinds = tuple(kinds) if kinds is not None else None
    if predict is None:
        from ..extract import extract

        def predict(doc: Document) -> list[Record]:
            return extract(doc.model_copy(), kinds)
    ev = Evaluation()
    for gf in files:
        gold = [g for g in gf.records if kinds is None or g.kind in kinds]
        try:
            pred = [p for p in predict(gf.doc) if kinds is None or p.kind in kinds]
        except Exception as e:  # noqa: BLE001 - any predictor bug becomes a reported line
            ev.errors.append(" ".join(f"{gf.file}: prediction failed: {type(e).__name__}: {e}".split()))
            pred = []
        ev.add(str(gf.file), match(gold, pred, kinds), kinds)
    return ev


__all__ = [
    "GoldError", "GoldFile", "GoldRecord", "load_gold", "load_gold_dir", "TextIndex", "key", "Matching",
    "Pair", "match", "value_ok", "SCORED_FIELDS", "Evaluation", "describe", "prf", "evaluate",
]

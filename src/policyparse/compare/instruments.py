"""The instrument taxonomy (lexicon/data/taxonomy.yaml) as compare uses it: which instruments a
text segment grants, who receives them, and which role a quantity plays in one.

Instruments are found by cue regexes on the segment — never by how similar two jurisdictions'
sentences read — and a quantity goes to the first instrument (taxonomy order, specific first)
whose roles take its kind.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from ..lexicon import load
from ..lexicon.schemas.taxonomy import Instrument, Taxonomy

OTHER = "other"  # category of the rows of support no instrument names (compare/other.py)


def taxonomy() -> Taxonomy:
    return load("taxonomy", Taxonomy)


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[Instrument, re.Pattern, Optional[re.Pattern]]]:
    out = []
    for i in taxonomy().instruments:
        cue = re.compile("|".join(f"(?:{c})" for c in i.cues))
        veto = re.compile("|".join(f"(?:{c})" for c in i.not_cues)) if i.not_cues else None
        out.append((i, cue, veto))
    return out


@lru_cache(maxsize=1)
def by_id() -> dict[str, Instrument]:
    return {i.id: i for i in taxonomy().instruments}


def order() -> dict[str, int]:
    return {i.id: n for n, i in enumerate(taxonomy().instruments)}


@lru_cache(maxsize=4096)
def classify(text: str) -> tuple[Instrument, ...]:
    """Every instrument ``text`` is in, in taxonomy order (most specific first)."""
    return tuple(i for i, cue, veto in _compiled() if cue.search(text) and not (veto and veto.search(text)))


@lru_cache(maxsize=1)
def _kinds() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {i.id: (i.kinds, i.time_types) for i in taxonomy().instruments}


@lru_cache(maxsize=8192)
def found(text: str, sentence: str) -> tuple[Instrument, ...]:
    """The instruments of ``text`` that ``sentence`` (which holds it) allows: classify + named_in."""
    return named_in(classify(text), sentence) if text else ()


def named_in(insts, sentence: str) -> tuple[Instrument, ...]:
    """``insts`` without those that need a named beneficiary the sentence does not name."""
    return tuple(i for i in insts if not i.requires_beneficiary or beneficiary(sentence, i))


def takes(inst: Instrument, rec) -> bool:
    """Does ``inst`` carry a quantity of this record's kind (and, for time, its type)?"""
    kinds, time_types = _kinds()[inst.id]
    if rec.kind not in kinds:
        return False
    return rec.kind != "time" or getattr(rec, "type", None) in time_types


def beneficiary(text: str, inst: Instrument) -> Optional[str]:
    """The instrument's first listed named recipient found in ``text`` (the usual one is listed first)."""
    return _beneficiary(text, inst.id) if inst.beneficiaries else None


@lru_cache(maxsize=8192)
def _beneficiary(text: str, inst_id: str) -> Optional[str]:
    return next((b for b in by_id()[inst_id].beneficiaries if b in text), None)


def scored_as(inst_id: str, who: Optional[str]) -> str:
    """The id an instrument row is scored as (counts_as for its beneficiary), else its own."""
    inst = by_id().get(inst_id)
    if inst is None or who is None:
        return inst_id
    return inst.counts_as.get(who, inst_id)


def family(inst_id: str) -> Optional[str]:
    inst = by_id().get(inst_id)
    return inst.family if inst else None


@lru_cache(maxsize=1)
def _grant() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in taxonomy().grant_cues))


def grants(text: str) -> bool:
    return _grant().search(text) is not None


GRANT = re.compile(r"给予|奖励|补助|补贴|资助|提取|予以|奖补|贴息|用于")
THRESHOLD_AFTER = re.compile(r"^\s*(?:（含）|\(含\))?\s*(?:以上|及以上|以上（含）)?\s*(?:（含）)?\s*的")
GRANT_BEFORE = re.compile(r"(?:给予|奖励|补助|补贴|资助|支持|奖补|补偿|最高|不超过|不高于|累计)[^，,；。]{0,8}$")


def money_role(rec, before: str, after: str) -> str:
    """cap (最高/不超过), threshold (a qualifying minimum: 投资5000万元以上的), else amount."""
    bound = getattr(rec, "bound", "eq")
    if bound in ("le", "lt"):
        return "cap"
    if bound == "range":
        return "amount"
    granted = GRANT_BEFORE.search(before) is not None
    if not granted and (bound in ("ge", "gt") or THRESHOLD_AFTER.match(after)):
        return "threshold"
    return "amount"


def role_of(inst: Instrument, rec, before: str = "", after: str = "") -> str:
    """The role a record plays in ``inst`` (before/after: the segment text around it)."""
    if rec.kind == "money":
        r = money_role(rec, before, after)
        return r if r in inst.roles or r == "threshold" else ("cap" if "cap" in inst.roles else "amount")
    if rec.kind == "percent":
        if getattr(rec, "bound", "eq") in ("ge", "gt") and not GRANT.search(before) and GRANT.search(after):
            return "threshold"  # 增长20%以上的企业，按…给予补助: a qualifying minimum
        return "share" if "share" in inst.roles else "rate"
    if rec.kind == "ratio":
        return "rate"
    if rec.kind == "time":
        return "cycle" if getattr(rec, "type", None) == "period" else "duration"
    return "count"

"""Support no instrument names: the money and percentages of support obligations that match no
instrument of the taxonomy become "other" rows keyed by the obligation's aim and normalised
object, so every granted amount is visible; and the named-instrument coverage is counted.
"""
from __future__ import annotations

from typing import Optional

import regex as re

from ..model import Document, Record
from .instruments import taxonomy

# what an object keeps of its wording: quantities, bounds and one-off words say nothing of the kind
_NOISE = re.compile(r"[\d.．,，、％%]+|[零一二三四五六七八九十百千万亿]+(?:元|万元|亿元)|万元|亿元|元|"
                    r"不超过|不高于|不低于|最高|最多|以上|以下|以内|一次性|每[\p{Han}]{1,2}|单个|累计|的|按照?|给予|上限|原则上|共计|"
                    r"[()（）《》“”\s]")
OBJECT_MAX = 12  # characters of the normalised object kept in the row key


def support_obligations(doc: Document) -> list[Record]:
    tx = taxonomy()
    return [o for o in doc.records if o.kind == "obligation"
            and (o.deontic in tx.support_deontics or (o.aim or "") in tx.grant_cues)]


def normalise_object(obj: Optional[str]) -> str:
    """一次性300万元奖励 → 奖励; 70%、80%和90%的补助 → 补助; 不超过50万元的资金支持 → 资金支持."""
    s = _NOISE.sub("", obj or "")
    return s[-OBJECT_MAX:] if s else "(unnamed)"


def holder(rec: Record, obligations: list[Record]) -> Optional[Record]:
    """The innermost support obligation whose span (or links) holds ``rec``."""
    rid = rec.id
    found = [o for o in obligations if (o.start <= rec.start and rec.end <= o.end) or rid in (o.links or ())]
    return min(found, key=lambda o: o.end - o.start) if found else None


def key(ob: Record) -> tuple[str, str]:
    return ((ob.aim or "给予").strip(), normalise_object(ob.object))

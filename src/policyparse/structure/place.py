"""The document's jurisdiction (jurisdiction.infer), and the city / province short names kept on
Document for the commands that group by them (天津, 河北; None where the level has none)."""
from __future__ import annotations

from typing import Optional

from ..jurisdiction import Jurisdiction, infer as infer_jurisdiction, mentions
from ..jurisdiction.divisions import short_name
from ..model import Document


def short_places(j: Optional[Jurisdiction]) -> tuple[Optional[str], Optional[str]]:
    """(city, province) short names: 成都市 → 成都; a municipality is its own city."""
    if j is None or j.level == "national":
        return None, None
    return (short_name(j.city) if j.city else None), (short_name(j.province) if j.province else None)


def infer(doc: Document) -> tuple[Optional[str], Optional[str], list[str]]:
    """Set doc.jurisdiction; return (city, province, evidence) as before."""
    j = infer_jurisdiction(doc)
    doc.jurisdiction = j
    city, province = short_places(j)
    return city, province, list(j.evidence) if j else []


def places_in(text: str):
    """(surface, Jurisdiction) for each place name in body text."""
    from ..jurisdiction import _jurisdiction  # noqa: the unit → Jurisdiction step

    return [(m.surface, _jurisdiction(m.units[0], [])) for m in mentions(text)]

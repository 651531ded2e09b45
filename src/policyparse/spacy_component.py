"""spaCy integration: ``nlp.add_pipe("policyparse")`` puts policyparse records on a spaCy Doc.

Registered by name through the ``spacy_factories`` entry point (pyproject.toml) and, when this
module is imported, through ``Language.factory``. Records become spans in ``doc.spans["policyparse"]``
labelled by kind; the full records are in ``doc._.policyparse``. spaCy's own text is used as is
(no normalisation), so record offsets are spaCy character offsets.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extract import ALL_KINDS, extract
from .model import Document
from .structure import build

if not Doc.has_extension("policyparse"):
    Doc.set_extension("policyparse", default=None)


class PolicyParseComponent:
    def __init__(self, nlp: Language, name: str, kinds: list[str], city: str | None):
        self.name = name
        self.kinds = tuple(kinds)
        self.city = city

    def __call__(self, doc: Doc) -> Doc:
        pdoc = build(Document(text=doc.text, format="spacy", reader="spacy"))
        if self.city:
            pdoc.city = self.city
        records = extract(pdoc, self.kinds)
        spans = []
        for r in records:
            span = doc.char_span(r.start, r.end, label=r.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["policyparse"] = spans
        doc._.policyparse = records
        return doc


@Language.factory("policyparse", default_config={"kinds": list(ALL_KINDS), "city": None})
def make_component(nlp: Language, name: str, kinds: list[str], city: str | None) -> PolicyParseComponent:
    return PolicyParseComponent(nlp, name, kinds, city)

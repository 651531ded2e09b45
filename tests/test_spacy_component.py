"""nlp.add_pipe("policyparse") works on a blank Chinese pipeline (no model download)."""
import pytest

spacy = pytest.importorskip("spacy")


def test_component_registered_by_name_puts_records_on_doc():
    nlp = spacy.blank("zh")
    nlp.add_pipe("policyparse", config={"kinds": ["money", "percent"]})
    doc = nlp("市财政给予不高于50%的补贴，每家每年补贴额度不高于500万元。")
    labels = sorted(s.label_ for s in doc.spans["policyparse"])
    assert labels == ["money", "percent"]
    money = next(r for r in doc._.policyparse if r.kind == "money")
    assert money.value == 5e6 and money.bound == "le"
    assert doc.text[money.start:money.end] == money.text

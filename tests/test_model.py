from policyparse.model import Money, Obligation, record_from_dict


def test_record_round_trip_keeps_kind_and_fields():
    m = Money(text="最高不超过1000万元", start=10, end=21, value=1e7, high=1e7, bound="le", per="每家每年")
    back = record_from_dict(m.model_dump())
    assert isinstance(back, Money)
    assert back.bound == "le" and back.per == "每家每年" and back.id == "money@10:21"


def test_shifted_moves_offsets_only():
    o = Obligation(text="支持", start=0, end=2, deontic="support", cue="支持")
    s = o.shifted(100, clause_id="c1")
    assert (s.start, s.end, s.clause_id, s.deontic) == (100, 102, "c1", "support")

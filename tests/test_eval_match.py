"""The matcher and metrics on constructed cases (no extractor involved)."""
import pytest

from policyparse.eval import Evaluation, GoldRecord, match
from policyparse.model import Department, Money, Obligation, Time


def gold(rec, *fields):
    return GoldRecord(record=rec, fields=frozenset(fields))


def money(start=10, end=20, **kw):
    base = dict(text="x" * (end - start), start=start, end=end, value=1e7, high=1e7, bound="le")
    base.update(kw)
    return Money(**base)


G = gold(money(per="每家每年"), "value", "high", "bound", "per")


def score(golds, preds):
    ev = Evaluation()
    ev.add("doc", match(golds, preds))
    return ev.as_dict()


def test_exact_match_is_a_true_positive():
    d = score([G], [money(per="每家每年")])
    m = d["kinds"]["money"]
    assert (m["tp"], m["precision"], m["recall"], m["f1"]) == (1, 1.0, 1.0, 1.0)
    assert d["fields"]["per"]["accuracy"] == 1.0


def test_overlapping_span_with_right_value_counts():
    m = score([G], [money(start=12, end=20)])["kinds"]["money"]
    assert m["tp"] == 1


def test_disjoint_span_is_a_miss_and_a_false_positive():
    d = score([G], [money(start=30, end=40)])
    m = d["kinds"]["money"]
    assert (m["tp"], m["span_matched"], m["gold"], m["pred"]) == (0, 0, 1, 1)
    assert d["files"][0]["fn"][0]["start"] == 10 and d["files"][0]["fp"][0]["start"] == 30


def test_wrong_value_is_span_matched_but_not_correct():
    d = score([G], [money(value=1e6, high=1e6)])
    m = d["kinds"]["money"]
    assert (m["tp"], m["span_matched"], m["precision"], m["span_precision"]) == (0, 1, 0.0, 1.0)
    assert d["fields"]["value"]["accuracy"] == 0.0
    assert d["files"][0]["wrong"][0]["pred_value"].startswith("value=1000000 ")


def test_wrong_bound_changes_the_interval_and_is_scored_as_a_field():
    # eq 1e7 has no upper bound: the normalised value differs from le 1e7 (high=1e7)
    d = score([G], [money(bound="eq", high=None)])
    assert d["kinds"]["money"]["tp"] == 0
    assert d["fields"]["bound"]["accuracy"] == 0.0
    assert d["fields"]["value"]["accuracy"] == 1.0


def test_bound_alone_wrong_is_a_field_error_not_a_value_error():
    g = gold(Money(text="近100万元", start=0, end=6, value=1e6, bound="approx"), "value", "bound")
    d = score([g], [Money(text="近100万元", start=0, end=6, value=1e6, bound="eq")])
    assert d["kinds"]["money"]["tp"] == 1
    assert d["fields"]["bound"]["correct"] == 0


def test_relative_tolerance():
    assert score([G], [money(value=1e7 * (1 + 1e-8), high=1e7)])["kinds"]["money"]["tp"] == 1
    assert score([G], [money(value=1e7 * (1 + 1e-4), high=1e7)])["kinds"]["money"]["tp"] == 0


def test_duplicate_predictions_match_once():
    m = score([G], [money(), money()])["kinds"]["money"]
    assert (m["tp"], m["pred"], m["precision"], m["recall"]) == (1, 2, 0.5, 1.0)


def test_correct_prediction_wins_over_a_larger_wrong_overlap():
    wrong_big = money(start=10, end=20, value=5.0, high=5.0)
    right_small = money(start=15, end=20)
    ms = match([G], [wrong_big, right_small])
    assert len(ms.pairs) == 1 and ms.pairs[0].pred is right_small and ms.pairs[0].correct
    assert ms.spurious == [wrong_big]


def test_two_golds_two_preds_one_to_one():
    g2 = gold(money(start=20, end=30, value=5e6, high=5e6), "value")
    ms = match([G, g2], [money(start=18, end=30, value=5e6, high=5e6), money(start=10, end=19)])
    assert len(ms.pairs) == 2 and all(p.correct for p in ms.pairs)


def test_kinds_never_cross():
    t = Time(text="x" * 10, start=10, end=20, type="date", year=2020)
    d = score([G], [t])
    assert d["kinds"]["money"]["tp"] == 0 and d["kinds"]["time"]["pred"] == 1


def test_time_compares_type_and_years():
    g = gold(Time(text="2025—2027年", start=0, end=10, type="range", year=2025, end_year=2027), "type", "year")
    ok = Time(text="2025—2027年", start=0, end=10, type="range", year=2025, end_year=2027, unit=None)
    bad_end = ok.model_copy(update={"end_year": 2026})
    bad_type = ok.model_copy(update={"type": "date", "end_year": None})
    assert score([g], [ok])["kinds"]["time"]["tp"] == 1
    assert score([g], [bad_end])["kinds"]["time"]["tp"] == 0
    d = score([g], [bad_type])
    assert d["kinds"]["time"]["tp"] == 0 and d["fields"]["type"]["accuracy"] == 0.0


def test_department_compares_canonical_name_and_role():
    g = gold(Department(text="市科技局", start=0, end=4, name="天津市科学技术局", role="lead"), "name", "role")
    d = score([g], [Department(text="市科技局", start=0, end=4, name="天津市科学技术局", role=None)])
    assert d["kinds"]["department"]["tp"] == 0 and d["fields"]["role"]["accuracy"] == 0.0
    d = score([g], [Department(text="市科技局", start=0, end=4, name="天津市科学技术局", role="lead")])
    assert d["kinds"]["department"]["tp"] == 1
    no_role = gold(Department(text="市科技局", start=0, end=4, name="天津市科学技术局"), "name")
    d = score([no_role], [Department(text="市科技局", start=0, end=4, name="天津市科学技术局", role="co")])
    assert d["kinds"]["department"]["tp"] == 1  # a role the annotator did not give is not scored
    d = score([g], [Department(text="市科技局", start=0, end=4, name="市科技局", role="lead")])
    assert d["kinds"]["department"]["tp"] == 0 and d["fields"]["name"]["accuracy"] == 0.0


def test_obligation_matches_on_overlap_deontic_and_actor():
    g = gold(Obligation(text="y" * 30, start=0, end=30, deontic="support", actor="天津市财政局"), "deontic", "actor")
    d = score([g], [Obligation(text="y" * 10, start=20, end=30, deontic="support", actor="天津市科学技术局")])
    assert d["kinds"]["obligation"]["tp"] == 0 and d["fields"]["actor"]["accuracy"] == 0.0
    d = score([g], [Obligation(text="y" * 10, start=20, end=30, deontic="support", actor="天津市财政局")])
    assert d["kinds"]["obligation"]["tp"] == 1
    assert score([g], [Obligation(text="y", start=0, end=30, deontic="shall")])["kinds"]["obligation"]["tp"] == 0


def test_fields_not_in_gold_are_not_scored():
    g = gold(money(), "value")  # the annotator wrote no bound, no per
    d = score([g], [money(bound="eq", per="每家")])
    assert "bound" not in d["fields"] and "per" not in d["fields"]


@pytest.mark.parametrize("tp,pred,gold_n,f1", [(0, 0, 0, 0.0), (1, 2, 1, 2 / 3), (3, 3, 3, 1.0)])
def test_prf(tp, pred, gold_n, f1):
    from policyparse.eval import prf
    assert prf(tp, pred, gold_n)[2] == pytest.approx(f1)


def test_inferred_year_is_no_error_against_gold_that_left_it_null():
    from policyparse.eval.match import value_ok
    from policyparse.model import Time
    gold = Time(text="6月30日前", start=0, end=6, type="deadline", month=6, day=30)
    assert value_ok(gold, Time(text="6月30日前", start=0, end=6, type="deadline", year=2024, month=6, day=30,
                               year_inferred=True))
    assert not value_ok(gold, Time(text="6月30日前", start=0, end=6, type="deadline", year=2024, month=6, day=30))

"""`policyparse eval` on comparison tables: cells scored against a small hand-written table
(tests/fixtures/compare/gold, two made-up test texts — not gold/)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policyparse.cli import app
from policyparse.cli import commands  # noqa: F401  (registers the commands)
from policyparse.eval.compare import CompareCell, evaluate_compare, load_compare_gold, score

FIX = Path(__file__).parent / "fixtures" / "compare"


@pytest.fixture(scope="module")
def result():
    gold, errors = load_compare_gold(FIX / "gold")
    assert not errors
    return evaluate_compare(gold, FIX / "gold", FIX)


def test_per_family_counts(result):
    tt, es = result["families"]["tech_transfer"], result["families"]["enterprise_support"]
    # tech_transfer: 6 hand-written cells, one deliberately not in the text; the 3–5 year range is two cells
    assert (tt["gold"], tt["pred"], tt["tp"]) == (6, 5, 5)
    assert tt["precision"] == 1.0 and tt["recall"] == pytest.approx(5 / 6)
    # support: the 3 tiers, the period schedule and the fixed amounts match, and so does the
    # local-purchase subsidy: an "other" cell in both (other:<id> is free text on either side)
    assert (es["gold"], es["pred"], es["tp"]) == (8, 8, 8)
    assert es["tier_accuracy"] == 1.0 and es["base_accuracy"] == 1.0
    assert result["all"]["tp"] == 13 and result["all"]["f1"] == pytest.approx(2 * 13 / (14 + 13))
    assert not result["errors"]


def test_misses_and_false_positives_are_listed(result):
    d = result["details"]
    assert [m["value"] for m in d["tech_transfer"]["missed"]] == [70]
    assert d["enterprise_support"]["missed"] == [] and d["enterprise_support"]["false_positives"] == []


def test_score_is_a_multiset_match():
    c = CompareCell(family="f", instrument="listing_reward", jurisdiction="上海市", document="a.txt", role="amount",
                    value=3e6, unit="元")
    s, miss, extra = score([c, c], [c])
    assert (s.tp, len(miss), len(extra)) == (1, 1, 0)
    wrong_unit = CompareCell(**{**c.__dict__, "unit": "%"})
    s, miss, extra = score([c], [wrong_unit])
    assert s.tp == 0 and len(extra) == 1


def test_bad_rows_are_one_line_each(tmp_path):
    (tmp_path / "x.csv").write_text(
        "family,instrument,jurisdiction,document,role,value,unit\n"
        "f,listing_reward,上海市,a.txt,amount,abc,元\n"
        "f,listing_reward,上海市,a.txt,award,1,元\n"
        "f,listing_reward,上海市,a.txt,amount,1,元\n", encoding="utf-8")
    cells, errors = load_compare_gold(tmp_path)
    assert len(cells) == 1 and len(errors) == 2
    assert "x.csv:2" in errors[0] and "not a number" in errors[0] and "unknown role" in errors[1]


def test_cli_scores_a_csv_directory():
    res = CliRunner().invoke(app, ["eval", str(FIX / "gold"), "--corpus", str(FIX), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["families"]["tech_transfer"]["tp"] == 5 and "details" not in data


def test_jurisdictions_match_however_written():
    from policyparse.eval.compare import jurisdiction_key

    assert jurisdiction_key("广州南沙新区") == jurisdiction_key("广州市南沙区") != jurisdiction_key("广州市")
    assert jurisdiction_key("上海") == jurisdiction_key("上海市")
    assert jurisdiction_key("全国") == "全国"


def test_an_unreadable_document_is_one_error_line(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    doc = FIX / "corpus" / "jiangsu_2020_chengguo-zhuanhua-ceshi.txt"
    (gold / "t.csv").write_text(
        "family,instrument,jurisdiction,document,role,value,unit\n"
        f"tech_transfer,transfer_license_reward_share,江苏省,{doc},share,50,%\n"
        f"tech_transfer,transfer_license_reward_share,江苏省,{tmp_path / 'bad.pdf'},share,50,%\n", encoding="utf-8")
    cells, errors = load_compare_gold(gold)
    res = evaluate_compare(cells, gold)
    assert len(res["errors"]) == 1 and "bad.pdf" in res["errors"][0]
    assert res["families"]["tech_transfer"]["tp"] == 1  # the readable document is still scored

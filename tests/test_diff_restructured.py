"""A restructured, PDF-copied revision (tests/fixtures/revision_pdf): the old version numbered
（一）1., the new one 第 N 条 with spaced digits, clauses merged (and reordered), split, tiers
changed. Issue 11: no article number is a count, and no aligned pair reports one value as both
removed and added."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from policyparse.diff import diff
from policyparse.diff.values import FIELDS
from policyparse.extract import extract
from policyparse.readers import read

HERE = Path(__file__).resolve().parent / "fixtures" / "revision_pdf"
OLD, NEW = HERE / "old.txt", HERE / "new.txt"
_ARTICLE = regex.compile(r"第[\s0-9一二三四五六七八九十]+[条款项章节]")


@pytest.fixture(scope="module")
def result():
    return diff(OLD, NEW)


def _pair(result, old_start: str):
    return next(p for p in result.pairs if p.old and p.old[0].text.lstrip("0123456789. ").startswith(old_start))


def test_no_article_number_is_a_count():
    doc = read(NEW)
    articles = [(m.start(), m.end()) for m in _ARTICLE.finditer(doc.text)]
    assert len(articles) == 10
    counts = [r for r in extract(doc) if r.kind == "count"]
    assert counts, "the goal clause holds counts (1 0家以上, 6 0家以上)"
    for r in counts:
        assert not any(a < r.end and r.start < b for a, b in articles), r.text
    assert sorted(r.value for r in counts) == [10, 60]


def test_no_pair_reports_a_value_both_removed_and_added(result):
    for p in result.pairs:
        gone = [c.old for c in p.changes if c.change == "removed"]
        came = [c.new for c in p.changes if c.change == "added"]
        for a in gone:
            for b in came:
                if a["kind"] == b["kind"]:
                    same = all(a.get(f) == b.get(f) for f in FIELDS[a["kind"]] if f != "text")
                    assert not same, f"{a['text']} reported removed and added in one pair"


def test_merged_and_reordered_clauses_pair_values_by_role(result):
    p = _pair(result, "对上年度研发投入")
    assert p.status == "merged" and len(p.old) == 2
    kinds = {(c.kind, c.change) for c in p.changes if c.kind not in ("department", "obligation")}
    assert kinds == {("money", "changed"), ("time", "changed")}  # 80% and 10% are unchanged
    t = next(c for c in p.changes if c.kind == "time")
    assert (t.old["value"], t.new["value"]) == (3, 2)  # 三年 → 2年 is one change


def test_tiers_compare_tier_by_tier(result):
    p = _pair(result, "对首次认定的高新技术企业")
    money = [(c.old["value"], c.new["value"]) for c in p.changes if c.kind == "money"]
    assert money == [(1e5, 2e5), (2e5, 3e5), (3e5, 4e5)]
    assert all(c.change == "changed" for c in p.changes if c.kind == "money")


def test_split_clause_is_reported_as_split(result):
    p = _pair(result, "对获得国家级科技奖励")
    assert p.status == "split" and len(p.new) == 2
    money = [(c.change, c.old["value"], c.new["value"]) for c in p.changes if c.kind == "money"]
    assert money == [("changed", 2e5, 3e5)]


def test_spaced_digits_are_values_not_edits(result):
    p = _pair(result, "对新建研发中心")
    assert p.status == "renumbered" and not p.changes  # 50万元 vs 5 0万元
    p = _pair(result, "研发中心建筑面积")
    (c,) = p.changes
    assert c.kind == "area" and (c.old["value"], c.new["value"]) == (500, 1000)

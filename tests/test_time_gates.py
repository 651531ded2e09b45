"""The time grammar's gates are exact: wherever a rule matches, its gates and the prefilter match.

``time.search`` skips a rule when one of its ``needs`` patterns is absent from the text, and skips
every rule when ``prefilter()`` is absent. The gates are read off the rule patterns by hand
(rules._gated), so a change to an atom could silently make a gate too strict; these tests run
every rule on many texts and fail on the first match whose gate would have hidden it.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse import read
from policyparse.dimensions.time.lexicon import lexicon
from policyparse.dimensions.time.rules import prefilter, rules

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "policyparse" / "dimensions" / "time" / "examples.yaml"


def hidden_matches(text: str) -> list[str]:
    """Names of rules that match ``text`` although a gate (or the prefilter) says they cannot."""
    out = []
    pre = prefilter().search(text) is not None
    for r in rules():
        if any(m.end() > m.start() for m in r.pattern.finditer(text, overlapped=True)):
            if not pre or not all(g.search(text) for g in r.needs):
                out.append(r.name)
    return out


def _texts_from_corpus() -> list[str]:
    texts = []
    for f in sorted((ROOT / "corpus").rglob("*")):
        if f.suffix in (".txt", ".html"):
            texts += [c.text for c in read(f).clauses]
    return texts


def test_no_rule_matches_behind_a_gate_on_the_corpus_and_examples():
    examples = [e["text"] for e in yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))]
    texts = examples + _texts_from_corpus()
    assert len(texts) > 500
    matched = {r.name for t in texts for r in rules() if r.pattern.search(t)}
    assert len(matched) >= 15  # the texts exercise most rules, so the check means something
    bad = [(t, hidden_matches(t)) for t in texts if hidden_matches(t)]
    assert not bad, bad[:5]


def _pieces() -> list[str]:
    lx = lexicon()
    years = ["2025", "２０２４", "二〇二二", "两千零四", "07", "零八", "18", "1999"]
    months = ["1", "01", "12", "１２", "十一", "三", "一"]
    nums = ["3", "1.5", "三", "十二", "两", "半", "3—5", "三至五", "10"]
    words = (lx.range_separators + lx.deadline_cues + lx.deadline_suffixes + lx.start_prefixes
             + lx.start_suffixes + lx.period_cues + lx.period_bare_cues + lx.period_bare_cue_units
             + lx.period_once_words + lx.duration_cues + lx.duration_gap_words + lx.plan_spelled_suffixes
             + lx.day_duration_after + lx.relative_years + list(lx.plan_periods) + list(lx.units)
             + lx.month_end_words + lx.year_end_words + list(lx.year_parts))
    return (years + months + nums + words
            + ["年", "月", "日", "号", "个月", "个", "为", "一", "周期", "第", "与", "和", "之间", "间", "起", "止",
               "或", "及", "每", "以", "从", "自", "（", "）", "“", "”", "-", ".", "/", " ", "\u3000", "的", "工作", "，"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), min_size=1, max_size=10).map("".join))
def test_no_rule_matches_behind_a_gate_on_generated_phrases(text):
    assert hidden_matches(text) == []


@pytest.mark.parametrize("text", ["从2023年1月起至2025年12月31日止", "2025年与2027年之间", "（2025—2027年）",
                                  "到2027年底", "2020年以后", "每3年为1个评估周期", "三年一评估",
                                  "有效期为3年", "“十四五”末", "第十四个五年规划", "30日内", "6—8月"])
def test_gates_pass_where_the_grammar_matches(text):
    assert any(r.pattern.search(text) for r in rules())
    assert hidden_matches(text) == []

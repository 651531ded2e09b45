"""Exact prefilters in the hot grammars give the same matches as the plain scans they replace.

count tries its grammar only where ``_starts()`` allows a match; the department search tries
the guarded alias pattern only where an alias starts and, when no collective body is named,
only outside the mention already chosen. Both must be invisible: same matches, same records.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.dimensions import count
from policyparse.dimensions.number.bounds import lexicon as bounds_lexicon

# the characters the count grammar cares about, and some it does not
_MEASURE = [w.word for w in count.lexicon().measure_words]
_PIECES = (_MEASURE + bounds_lexicon().range_separators
           + list("0123456789０１２３４５６７８９一二两三十百千万亿零〇余多来几点,，.．")
           + [" ", "\u3000", "\u00a0", "（含）", "(含)", "第", "“", "”", "《", "》", "企业", "年", "元",
              "进一步", "统一", "项目", "家庭", "个月"])


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_count_candidates_find_every_match_of_the_grammar(text):
    assert _spans(count._matches(text)) == _spans(count._pattern().finditer(text))


def test_count_candidates_on_ranges_and_notes():
    for text in ("10—20家", "10家—20家", "500家（含）至5000家", "一 至 三项", "1,200余名、近百项",
                 "２，３００ 人次", "二〇二五年一项", "3 万 4000个", "十五点七个", "一二三四五"):
        assert _spans(count._matches(text)) == _spans(count._pattern().finditer(text)), text

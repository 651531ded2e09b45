"""Exact prefilters in the hot grammars give the same matches as the plain scans they replace.

count tries its grammar only where ``_starts()`` allows a match; the department search tries
the guarded alias pattern only where an alias starts and, when no collective body is named,
only outside the mention already chosen. Both must be invisible: same matches, same records.
"""
from __future__ import annotations

from unittest.mock import patch

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


# -- department -----------------------------------------------------------------------------------
from policyparse.dimensions.department import search as department_search  # noqa: E402
from policyparse.dimensions.department.gazetteer import table  # noqa: E402

_TABLES = [table(None), table("天津"), table("石家庄")]
_ALIASES = sorted({a for t in _TABLES for a in t.aliases})
_BITS = st.one_of(st.sampled_from(_ALIASES), st.sampled_from(_ALIASES).map(lambda a: a[: len(a) // 2 + 1]),
                  st.sampled_from(list("市省区县州旗国中门目和、，及负责牵头会同配合") + ["部门", "各区人民政府",
                                                                          "有关部门", "天津", "石家庄", "河北"]))


def _overlapped(t, text):
    return [(m.span(), m.group()) for m in t.regex.finditer(text, overlapped=True)]


@settings(max_examples=300, deadline=None)
@given(st.lists(_BITS, max_size=10).map("".join), st.sampled_from(range(len(_TABLES))))
def test_alias_starts_find_every_overlapped_match(text, i):
    t = _TABLES[i]
    assert [(m.span(), m.group()) for m in t.find(text)] == _overlapped(t, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_BITS, max_size=10).map("".join), st.sampled_from(range(len(_TABLES))))
def test_department_mentions_are_leftmost_longest_over_all_matches(text, i):
    t = _TABLES[i]
    # the reference: every overlapped alias match and every group match, leftmost-longest
    cands = [(s, e, a) for (s, e), a in _overlapped(t, text)]
    cands += [(m.start(), m.end(), None) for rx, _ in t.groups for m in rx.finditer(text)]
    chosen = []
    for c in sorted(cands, key=lambda c: (c[0], -(c[1] - c[0]))):
        if not chosen or c[0] >= chosen[-1][1]:
            chosen.append(c)
    with patch("policyparse.dimensions.department.grammar.mentions", return_value=[]):  # the gazetteer layer
        found = department_search(text, city=t.city, province=t.province)
    assert [d.end for d in found] == [e for _, e, _ in chosen]
    assert all(text[d.start:d.end] == d.text and d.text.endswith(a or d.text) for d, (_, _, a) in zip(found, chosen))


# -- number: the plain-digits shortcut of parse -----------------------------------------------------
from policyparse.dimensions.number import parse, parse_approx  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=30))
def test_plain_digits_parse_as_the_full_path_does(digits):
    # a trailing space makes parse take every step (it strips the space first)
    assert parse(digits) == parse(digits + " ")
    assert parse_approx(digits) == parse_approx(digits + " ")
    assert parse(digits, bare_unit=False) == parse(digits + " ", bare_unit=False)


# -- union: one scan for a list of patterns ---------------------------------------------------------
def test_union_is_one_pattern_only_where_the_alternation_means_the_same():
    from policyparse.dimensions.union import union

    one = union(["所称|所指", "^本办法自", "截至目前"])
    assert len(one) == 1
    assert [bool(one[0].search(t)) for t in ("本办法自印发之日起施行", "所称企业", "另行通知", "截至目前，")] \
        == [True, True, False, True]
    # a backreference counts groups: in an alternation (\w)\1 would name another pattern's group
    kept = union([r"(\w)\1", "甲乙"])
    assert len(kept) == 2 and kept[0].search("好好") and not kept[0].search("好人")
    assert len(union(["(?i)abc", "x"])) == 2  # a global flag would reach the other patterns

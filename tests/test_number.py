"""Numeral parsing: properties over generated numbers, plus the forms policy text uses.

The Chinese writer below is an independent implementation of the standard reading
(1005 → 一千零五, 100000005 → 一亿零五), so parse(to_chinese(n)) == n checks the parser
against something it did not produce.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyparse
from policyparse.dimensions import count, money
from policyparse.dimensions.number import halfwidth, parse, parse_approx

DIGITS = "零一二三四五六七八九"


def _group(n: int) -> str:
    """0 < n < 10000 in Chinese, with 零 for inner zeros."""
    out, gap = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = n // size % 10
        if d == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out, gap = out + "零", False
        out += DIGITS[d] + unit
    return out


def to_chinese(n: int) -> str:
    if n == 0:
        return "零"
    yi, rest = divmod(n, 10**8)
    wan, ge = divmod(rest, 10**4)
    s = to_chinese(yi) + "亿" if yi else ""
    if wan:
        s += ("零" if s and wan < 1000 else "") + _group(wan) + "万"
    if ge:
        s += ("零" if s and (ge < 1000 or not wan) else "") + _group(ge)
    return s


def to_fullwidth(s: str) -> str:
    return s.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，"))


def test_writer_is_standard():
    assert [to_chinese(n) for n in (1005, 1050, 10005, 100000005, 120000000, 15)] == \
        ["一千零五", "一千零五十", "一万零五", "一亿零五", "一亿二千万", "一十五"]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**13))
def test_chinese_numerals_round_trip(n):
    assert parse(to_chinese(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_forms(n):
    assert parse(str(n)) == n
    assert parse(f"{n:,}") == n
    assert parse(to_fullwidth(str(n))) == n
    assert parse(to_fullwidth(f"{n:,}").replace(",", "，")) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99999), st.sampled_from([("万", 1e4), ("亿", 1e8), ("万亿", 1e12)]))
def test_arabic_with_magnitude(hundredths, mag):
    x = hundredths / 100
    word, size = mag
    assert parse(f"{x:g}{word}") == pytest.approx(x * size)
    m = money.parse(f"{x:g}{word}元")
    assert m is not None and m.value == pytest.approx(x * size) and m.bound == "eq"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=10**8))
def test_counts_find_written_numbers_in_text(n):
    text = f"累计培育{to_chinese(n)}家企业"
    found = count.search(text)
    assert [(r.value, r.unit) for r in found] == [(n, "家")]


@pytest.mark.parametrize("s,value", [
    ("1,200", 1200), ("1.5万", 15000), ("3.5亿", 3.5e8), ("一千二百", 1200), ("两百", 200),
    ("十四", 14), ("百", 100), ("千余", 1000), ("近百", 100), ("万余", 1e4), ("零", 0),
    ("１２０", 120), ("２．５", 2.5), ("一千三", 1300), ("九万四", 94000), ("百三", 130),
    ("二〇二五", 2025), ("5万4千6百", 54600), ("3万4000", 34000), ("7 万5 千4 百", 75400),
    ("十五点七", 15.7), ("三分之一", 1 / 3), ("1万亿", 1e12), ("四万万", 4e8), ("负三十二", -32),
    ("五百余万", 5e6), ("二十几万", 2e5), ("壹佰伍拾", 150),
])
def test_numerals_policy_text_uses(s, value):
    assert parse(s) == pytest.approx(value)
    assert policyparse.parse_number(s) == pytest.approx(value)


@pytest.mark.parametrize("s", ["万", "万万", "一切", "两两", "二三十", "七十百", "", "第一", "一批", "进一步", "1.2.3"])
def test_not_numerals(s):
    assert parse(s) is None


def test_parse_approx_reports_the_approximator():
    assert parse_approx("600余") == (600, "余")
    assert parse_approx("十几万") == (1e5, "几")
    assert parse_approx("600") == (600, None)


def test_halfwidth_keeps_length():
    s = "１２３．５％：，"
    assert len(halfwidth(s)) == len(s) and halfwidth(s) == "123.5%:,"

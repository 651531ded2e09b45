"""The time dimension: conventions that peers get wrong, API contracts, lexicon validation.

Phrase-by-phrase cases live in src/policyparse/dimensions/time/examples.yaml (run by
tests/test_examples.py); this file holds what a table of examples cannot say.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyparse
from policyparse.dimensions.time import parse, search
from policyparse.dimensions.time.numerals import to_number, to_year
from policyparse.lexicon import _raw
from policyparse.lexicon.schemas.time import TimeLexicon

YEARS = st.integers(min_value=1949, max_value=2100)
CN_DIGITS = "〇一二三四五六七八九"


def only(text: str):
    found = search(text)
    assert len(found) == 1, [(r.text, r.type) for r in found]
    return found[0]


# ---- deadlines keep their cue (peers cut 到 off or return a bare year) -----------------------
@settings(max_examples=60, deadline=None)
@given(year=YEARS, cue=st.sampled_from(["到", "至", "截至", "截止到", "直至"]), spaced=st.booleans())
def test_deadline_keeps_cue(year, cue, spaced):
    s = " " if spaced else ""
    text = f"力争{cue}{s}{year}{s}年，全市新增20家"
    r = only(text)
    assert (r.type, r.year) == ("deadline", year)
    assert r.text.startswith(cue) and r.text.endswith("年")
    assert text[r.start:r.end] == r.text


def test_deadline_with_plan_end_is_one_record_not_a_plan_period():
    found = search("我市预计到“十四五”末，将累计认定产业技术研究院总量达到30家")
    assert [(r.text, r.type, r.year) for r in found] == [("到“十四五”末", "deadline", 2025)]


def test_achieve_is_not_a_deadline_cue():
    # 达到 ends in 到, but 达到2025年水平 sets no deadline
    assert [r.type for r in search("达到2025年水平")] == ["date"]
    assert search("经认定的产业技术研究院达到20家") == []


# ---- ranges include their last year (peers end the interval on 1 January of it) ------------
@settings(max_examples=60, deadline=None)
@given(a=YEARS, gap=st.integers(min_value=1, max_value=15),
       sep=st.sampled_from(["—", "-", "至", "～", "年至", "年—", "年到"]),
       paren=st.booleans())
def test_year_range_includes_last_year(a, gap, sep, paren):
    b = a + gap
    if b > 2100:
        return
    body = f"{a}{sep}{b}年"
    text = f"工作方案（{body}）" if paren else f"规划期为{body}"
    r = only(text)
    assert (r.type, r.year, r.end_year) == ("range", a, b)
    assert r.text == body


def test_backwards_year_range_is_not_a_range():
    assert all(r.type != "range" for r in search("2027—2025年"))


# ---- plan periods ---------------------------------------------------------------------------
@pytest.mark.parametrize("name,first", [("十一五", 2006), ("十二五", 2011), ("十三五", 2016),
                                        ("十四五", 2021), ("十五五", 2026)])
@pytest.mark.parametrize("form", ["{}", "“{}”", "{}期间", "“{}”时期", "{}规划"])
def test_plan_periods(name, first, form):
    r = only(f"在{form.format(name)}推动高质量发展")
    assert (r.type, r.year, r.end_year) == ("plan_period", first, first + 4)


def test_fifteen_alone_is_a_number_not_a_plan():
    assert search("第十五届人大") == []
    assert search("共十五家单位") == []
    assert only("“十五”计划").type == "plan_period"


# ---- no false positives on money, counts, document numbers, phones ---------------------------
@settings(max_examples=120, deadline=None)
@given(n=st.integers(min_value=1, max_value=99999),
       unit=st.sampled_from(["万元", "亿元", "元", "项", "家", "%", "名", "个", "次", "号", "千瓦"]))
def test_amounts_and_counts_are_no_time(n, unit):
    assert search(f"给予{n}{unit}支持") == []


@settings(max_examples=80, deadline=None)
@given(year=YEARS, serial=st.integers(min_value=1, max_value=999),
       prefix=st.sampled_from(["国科发基", "津政办发", "冀政字", "国办发", "石政办"]),
       br=st.sampled_from(["〔〕", "[]", "（）", "()"]))
def test_document_numbers_are_no_time(year, serial, prefix, br):
    assert search(f"依据《方案》（{prefix}{br[0]}{year}{br[1]}{serial}号）") == []


@settings(max_examples=80, deadline=None)
@given(area=st.sampled_from(["010", "022", "0311", "021"]), num=st.integers(min_value=10000000, max_value=99999999))
def test_phone_numbers_are_no_time(area, num):
    assert search(f"（联系电话：{area}-{num}）") == []


@pytest.mark.parametrize("text", ["上年度", "本年度", "上一年度", "当年", "次年", "去年", "明年", "今年", "近年来"])
def test_relative_years_are_not_resolved(text):
    assert search(f"对{text}产业技术研究院开展绩效评价") == []


# ---- periods: every 每年 is one, durations are separate -------------------------------------
def test_every_meinian_is_a_period_even_inside_per_phrases():
    text = "每家每年奖励额度最高不超过1000万元，每年新认定10家，每年支持10个项目"
    found = search(text)
    assert [(r.text, r.type, r.every, r.unit) for r in found] == [("每年", "period", 1.0, "year")] * 3


def test_period_and_duration_side_by_side():
    found = search("每年不超过500万元，连续支持3年")
    assert [(r.type, r.every, r.value) for r in found] == [("period", 1.0, None), ("duration", None, 3.0)]


def test_a_yearly_deadline_is_a_period_and_a_deadline():
    found = search("于每年6月30日前报送上一年度报告")
    assert [(r.text, r.type) for r in found] == [("每年", "period"), ("6月30日前", "deadline")]
    assert (found[1].month, found[1].day, found[1].year) == (6, 30, None)


def test_cycle_with_a_count_is_a_period_and_a_building_cycle_a_duration():
    assert (only("以三年为一个周期进行考核评估").type, only("以三年为一个周期进行考核评估").every) == ("period", 3.0)
    assert (only("以三年为建设周期").type, only("以三年为建设周期").value) == ("duration", 3.0)


def test_names_with_years_are_no_durations():
    assert search("天津市大学科技园建设三年行动计划") == []
    assert search("一年一度的科技活动周") == []


# ---- parse: the whole string as one value ---------------------------------------------------
def test_parse_time_is_public_and_reads_the_whole_string():
    r = policyparse.parse_time("到2027年")
    assert (r.type, r.year, r.start, r.end) == ("deadline", 2027, 0, 6)
    assert policyparse.parse_time("每年不超过500万元") is None  # more than a time value
    assert policyparse.parse_time("2000万元") is None
    assert policyparse.parse_time("") is None


def test_parse_ignores_surrounding_spaces_and_keeps_offsets_true():
    s = "  2025—2027 "
    r = parse(s)
    assert (r.type, r.year, r.end_year) == ("range", 2025, 2027)
    assert s[r.start:r.end] == r.text == "2025—2027"


# ---- numerals and years ---------------------------------------------------------------------
@pytest.mark.parametrize("s,n", [("3", 3), ("１２", 12), ("十", 10), ("十九", 19), ("二十三", 23),
                                 ("两", 2), ("两千零四", 2004), ("二〇二二", 2022), ("一千九百四十九", 1949),
                                 ("1.5", 1.5), ("半", 0.5), ("一百", 100)])
def test_numerals(s, n):
    assert to_number(s) == n


@settings(max_examples=50, deadline=None)
@given(year=YEARS)
def test_years_written_digit_by_digit(year):
    cn = "".join(CN_DIGITS[int(c)] for c in str(year))
    assert to_year(cn) == year
    r = only(f"{cn}年{CN_DIGITS[3]}月")
    assert (r.type, r.year, r.month) == ("date", year, 3)


@pytest.mark.parametrize("s,year", [("07", 2007), ("49", 2049), ("89", 1989), ("2101", None), ("1948", None)])
def test_year_window_and_two_digit_years(s, year):
    assert to_year(s) == year


# ---- the lexicon is data, validated ---------------------------------------------------------
def test_lexicon_rejects_a_plan_outside_the_year_window():
    data = dict(_raw("time"))
    data["plan_periods"] = {**data["plan_periods"], "十四五": 1021}
    with pytest.raises(ValueError, match="十四五"):
        TimeLexicon.model_validate(data)


def test_lexicon_rejects_unknown_keys():
    data = {**_raw("time"), "deadline_cuez": ["到"]}
    with pytest.raises(ValueError):
        TimeLexicon.model_validate(data)


def test_plan_table_matches_the_calendar():
    plans = TimeLexicon.model_validate(_raw("time")).plan_periods
    assert plans["十三五"] == 2016 and plans["十四五"] == 2021 and plans["十五五"] == 2026
    ordered = [plans[k] for k in ("十一五", "十二五", "十三五", "十四五", "十五五")]
    assert all(b - a == 5 for a, b in zip(ordered, ordered[1:]))


# ---- any text: offsets index the input, values stay in range --------------------------------
ALPHABET = list("0123456789０１２３一二两三四五六七八九十〇零百千年月日号度底末前后起至到自从每隔个季周天期限为有效连续未来近满以“”（）—-～、，。 \n第半上下当万元家项%号〔〕") + [
    "十四五", "十三五", "期间", "以来", "启动", "截至", "周期", "评估", "工作日", "有效期", "为期"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join))
def test_any_text_gives_sane_records(text):
    found = search(text)
    last_end = -1
    for r in found:
        assert text[r.start:r.end] == r.text and r.start >= last_end, "ordered, disjoint, true offsets"
        last_end = r.end
        for y in (r.year, r.end_year):
            assert y is None or 1949 <= y <= 2100
        for mo in (r.month, r.end_month):
            assert mo is None or 1 <= mo <= 12
        for d in (r.day, r.end_day):
            assert d is None or 1 <= d <= 31
        if r.type == "range" and r.year and r.end_year:
            assert r.end_year >= r.year
        if r.type == "period":
            assert r.every and r.every > 0 and r.unit
        if r.type == "duration":
            assert r.unit and (r.value is None or r.value > 0)


# ---- the example corpus itself ----------------------------------------------------------------
def test_examples_cover_every_type_and_negatives():
    from pathlib import Path

    import yaml

    import policyparse.dimensions.time as time_dim
    items = yaml.safe_load((Path(time_dim.__file__).parent / "examples.yaml").read_text(encoding="utf-8"))
    assert len(items) >= 250
    negatives = [i for i in items if i["expect"] is None]
    assert len(negatives) >= 60
    expects = [e for i in items if i["expect"] for e in (i["expect"] if isinstance(i["expect"], list) else [i["expect"]])]
    types = {e["type"] for e in expects}
    assert types == {"date", "deadline", "start", "period", "duration", "range", "plan_period"}
    assert len({i["text"] for i in items}) == len(items), "each phrase once"


def test_lexicon_rejects_a_missing_month_numeral():
    data = dict(_raw("time"))
    data["month_numerals"] = {k: v for k, v in data["month_numerals"].items() if v != 12}
    with pytest.raises(ValueError, match="month"):
        TimeLexicon.model_validate(data)

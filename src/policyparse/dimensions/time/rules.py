"""The time grammar: one rule per record type, each a regex over the atoms and a builder.

A builder (builders.py) turns a match into record fields (or None to reject it). ``search``
collects every candidate of every rule and keeps the longest non-overlapping ones, so
到2027年 (deadline) beats 2027年 (date) and 每3年为1个评估周期 (period) beats 3年 (duration).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import regex

from . import builders as b
from .atoms import (
    CLOSE_Q, DAY_AR, HAN, MONTH_AR, OPEN_Q, S, alt, any_date, cn_digits, cn_numeral_class, date_src, day_cn, day_src,
    duration_unit_src, duration_units, iso_src, md_src, month_cn, month_src, no_month_after, num_range_src, num_src,
    plan_src, year_core, year_src,
)
from .lexicon import lexicon


@dataclass
class Rule:
    name: str
    rank: int  # ties between equally long spans: lower wins
    pattern: regex.Pattern
    build: Callable  # (match, text) -> Optional[dict]
    # cheap tests the text must pass for the pattern to have any match (see _gated)
    needs: tuple[regex.Pattern, ...] = ()
    lead: str = ""  # the characters a match of needs[0] opens with


_ONCE_UNITS = ("年", "个月", "个季度", "周")  # the units of 三年一评估, 两个月一次

# Characters that end a suffix cue's word when they follow it: 2020年后续 is no start,
# 2021年起草 no start, 2020年前三季度 no deadline.
_AFTER_HOU = "续期半台备者面勤补"
_AFTER_QI = "草步诉点源因码飞来见身"
_AFTER_QIAN = "一二三四五六七八九十两几期列沿景身夕后"
_EXTRA_GUARD = {"前": "(?!提(?!交))"}  # 前提 is a premise, but 5月20日前提交 is a deadline
_AFTER_NEI = "部容外涵在地需核设"  # 年内部 is no deadline


def _suffix_alt(words, guards: dict[str, str]) -> str:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        g = guards.get(w)
        parts.append(regex.escape(w) + (f"(?![{g}\\d])" if g else "") + _EXTRA_GUARD.get(w, ""))
    return "(?:" + "|".join(parts) + ")"


# ---- patterns --------------------------------------------------------------------------
@lru_cache(maxsize=None)
def rules() -> tuple[Rule, ...]:
    lx = lexicon()
    sep = alt(lx.range_separators)
    point_a = rf"(?:{any_date('a')}|{plan_src('a')})"
    dl_suffix = _suffix_alt(lx.deadline_suffixes, {"前": _AFTER_QIAN, "内": _AFTER_NEI})
    st_suffix = _suffix_alt(lx.start_suffixes, {"后": _AFTER_HOU, "起": _AFTER_QI})
    blockers = "".join(lx.deadline_cue_blockers)
    units = alt(lx.units)
    range_first = rf"(?:{date_src('a')}|(?P<ay>{year_core()})(?!{S}年)|{month_src('a')}(?:{S}{day_src('a')})?)"
    range_second = rf"(?:{date_src('b')}|{month_src('b')}(?:{S}{day_src('b')})?|{day_src('b')})"
    gap = rf"(?:{S}{alt(lx.duration_gap_words)}){{0,2}}"
    once_units = "|".join(_ONCE_UNITS)
    # 5月20日17:30前: a clock time after the day of a deadline
    clock = rf"(?:(?<=[日号]){S}(?P<hh>[01]?\d|2[0-3]){S}[:：]{S}(?P<mm>[0-5]\d)(?:{S}[:：]{S}[0-5]\d)?(?!\d))?"
    dur_core = rf"{num_range_src('a')}{S}{duration_unit_src('a')}(?P<ahalf>半)?{no_month_after()}"

    def c(src: str) -> regex.Pattern:
        return regex.compile(src)

    return _gated((
        # 自2023年1月1日起至2025年12月31日止: a validity window is one range
        Rule("range", 0, c(rf"(?:(?:从|自){S})?{range_first}(?:{S}起)?{S}{sep}{S}{range_second}(?:{S}止)?"), b.range_of),
        Rule("range_months", 0, c(rf"(?:{year_src('a')}{S})?(?<![\d.])(?P<am>{MONTH_AR}|{month_cn()}){S}{sep}{S}"
                                 rf"(?P<bm>{MONTH_AR}|{month_cn()}){S}月"), b.range_of),
        Rule("range_days", 0, c(rf"(?:{year_src('a')}{S})?{month_src('a')}{S}(?P<ad>{DAY_AR}|{day_cn()}){S}{sep}{S}"
                               rf"(?P<bd>{DAY_AR}|{day_cn()}){S}[日号]"), b.range_of),
        Rule("range_iso", 0, c(rf"{iso_src('a')}{S}{sep}{S}{iso_src('b')}"), b.range_of),
        Rule("range_between", 0, c(rf"(?:{date_src('a')}{S}[与和]{S}{date_src('b')}|{month_src('a')}{S}[与和]{S}{month_src('b')})"
                                   rf"{S}之?间"), b.range_of),
        Rule("range_bare_years", 0, c(rf"(?:(?:从|自){S}|(?<=[（(]{S}))(?P<ay>{year_core()}){S}{sep}{S}(?P<by>{year_core()})"
                                     rf"(?=(?!{S}年)(?!\d))"), b.bare_years),
        Rule("whole_bare_years", 0, c(rf"^{S}(?P<ay>{year_core()}){S}{sep}{S}(?P<by>{year_core()}){S}$"), b.bare_years),
        Rule("deadline", 0, c(rf"(?<![{blockers}]){alt(lx.deadline_cues)}{S}{point_a}{clock}"
                              rf"(?:{S}(?:或|及|或者)?{S}{dl_suffix})?"), b.deadline),
        Rule("deadline_suffix", 0, c(rf"{point_a}{clock}{S}(?:或|及|或者)?{S}{dl_suffix}"), b.deadline),
        Rule("start", 0, c(rf"{alt(lx.start_prefixes)}{S}{point_a}(?:{S}{st_suffix})?"), b.start),
        Rule("start_suffix", 0, c(rf"{point_a}{S}(?:或|及|或者)?{S}{st_suffix}"), b.start),
        Rule("period", 0, c(rf"{alt(lx.period_cues)}{S}(?:(?P<bu>{alt(lx.period_bare_units)})|{num_src('a')}{S}(?P<au>{units}))"
                            rf"(?:{S}为{S}(?:一|1){S}个?{S}{HAN}{{0,4}}?周期)?"), b.period),
        Rule("period_by", 0, c(rf"{alt(lx.period_bare_cues)}(?P<bu>{alt(lx.period_bare_cue_units)})(?![份人均薪度底末初中\d])"),
             b.period),
        Rule("duration_days", 3, c(rf"(?<![\d.．第每月])(?<!月{S}){num_src('a')}{S}(?P<au>日){alt(lx.day_duration_after)}"),
             b.duration),
        Rule("cycle", 0, c(rf"(?:以{S})?{num_src('a')}{S}(?P<au>{units}){S}为{S}(?P<cnt>一个|1{S}个|一)?{S}"
                           rf"(?P<w>{HAN}{{0,4}}?)周期"), b.cycle),
        Rule("plan", 1, c(plan_src("a")), b.plan),
        Rule("plan_spelled", 1, c(rf"第(?P<ord>十[一二三四五六七八九]?|[一二三四五六七八九]){alt(lx.plan_spelled_suffixes)}"),
             b.plan_spelled),
        Rule("period_once", 0, c(rf"(?<![{cn_numeral_class()}\d.第每]){num_src('a')}{S}(?P<au>{once_units}){S}一{S}"
                                 rf"{alt(lx.period_once_words)}"), b.period_once),
        Rule("duration_cue", 2, c(rf"{alt(lx.duration_cues)}{gap}{S}{dur_core}"), b.duration),
        # 第二至三年 / 第一、二年 are ordinals, not durations
        Rule("duration", 3, c(rf"(?<![\d.．第每])(?<!第[{cn_numeral_class()}\d]{{1,3}}{S}[至、到—\-和及与]{{1,2}}{S}){dur_core}"),
             b.duration),
        Rule("date", 4, c(rf"(?:{date_src('a')}|{iso_src('a')}|{md_src('a')})"), b.date),
    ))


def _firsts(words) -> str:
    return "".join(w[0] for w in words)


def _lasts(words) -> str:
    return "".join(w[-1] for w in words)


def _cls(chars: str) -> str:
    """A character class of ``chars`` (a leading \\d stays a class escape: it also holds ０-９)."""
    digit = chars.startswith("\\d")
    body = "".join(regex.escape(ch) for ch in sorted(set(chars[2:] if digit else chars)))
    return "[" + ("\\d" if digit else "") + body + "]"


# Characters that open many ordinary words (以及, 之一, 开展, 工作 …): a gate word opening with one
# is found at its last character (see preceded), so the prefilter does not stop at each of them.
_COMMON_OPENERS = "以之开工"


def _gated(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """Attach to each rule the patterns every match of it must hold, so ``search`` skips the rule
    on text without them. Each gate is read off the rule's pattern above (keep them in step):
    either a piece every match passes through (a separator, then what must open the next date),
    or a word with a lookbehind for the characters that can end the atom written before it."""
    lx = lexicon()
    num = cn_numeral_class()
    # First characters: year_core opens with a digit, a Chinese digit or 两/二/一 (…千) or 零;
    # MONTH_AR/DAY_AR/iso_src with a digit (\d holds ０-９), the Chinese ones with a lexicon word.
    year_first = "\\d" + cn_digits() + "两二一零"
    date_first = year_first + _firsts(lx.month_numerals) + _firsts(lx.day_numerals)
    point_first = year_first + _firsts(lx.month_numerals) + OPEN_Q + _firsts(lx.plan_periods)  # point_a
    # Last characters of point_a: date_src ends in 年, a year part, an end word, 度, 月, 份 or a
    # day (a digit, a day numeral, 日/号); iso_src in a digit; plan_src in a plan name, a
    # closing quote or one of its end/start/suffix words.
    point_last = _cls("\\d年度月份日号" + _lasts(lx.year_parts) + _lasts(lx.year_end_words)
                      + _lasts(lx.month_end_words) + _lasts(lx.day_numerals) + _lasts(lx.plan_periods)
                      + CLOSE_Q + _lasts(lx.plan_end_words) + _lasts(lx.plan_start_words)
                      + _lasts(lx.plan_period_suffixes))
    # num_src ends in a digit, a Chinese numeral (十 included) or 半; year_core's last two
    # characters are digits or Chinese numerals (两千 included); a month number ends in a digit or
    # the last character of a month numeral.
    num_last = _cls("\\d" + num + "十半")
    year_last = _cls("\\d" + num + "两二一零千")
    month_last = _cls("\\d" + _lasts(lx.month_numerals))
    sep = alt(lx.range_separators)
    units = duration_units()
    once = alt(lx.period_once_words)
    joiner = rf"{S}(?:或|及|或者)?{S}"
    # Every range: the end of a first date (a year, month or day number, or what date_src ends in),
    # S, 起 at most, S, a separator, S and the opening of a second date.
    range_last = _cls("\\d" + num + "两二一零千年度月份日号" + _lasts(lx.year_parts) + _lasts(lx.year_end_words)
                      + _lasts(lx.month_end_words) + _lasts(lx.day_numerals) + _lasts(lx.month_numerals))

    def led(words, rest: str = "", behind: str = "") -> tuple[str, str]:
        """A gate opening with one of ``words`` (after the zero-width ``behind``), and the
        characters it opens with (the prefilter skips every other character at once)."""
        return behind + alt(words) + rest, _firsts(words)

    def preceded(words, before: str) -> tuple[str, str]:
        """A gate for ``before`` and then one of ``words``: found at the word, looking back. A word
        opening with a common character (以, 之, 开, 工 …) is found at its last character instead,
        so the prefilter stops at fewer places."""
        back = rf"(?<={before}{alt(words)})"
        tail = [w for w in words if w[0] in _COMMON_OPENERS]
        head = [w for w in words if w[0] not in _COMMON_OPENERS]
        gates = ([led(head, back)] if head else []) + ([(alt(_lasts(tail)) + back, _lasts(tail))] if tail else [])
        return "|".join(g for g, _ in gates), "".join(lead for _, lead in gates)

    range_gate = led(lx.range_separators, rf"(?<={range_last}{S}(?:起{S})?{sep}){S}{_cls(date_first)}")
    dur_gate = preceded(units, f"{num_last}{S}")  # dur_core: a number, S, a unit
    # date_src: a year (two numeral characters) and 年; md_src: a month number and 月;
    # iso_src: four digits and a separator (or a space)
    date_gates = (led(["年"], rf"(?<={year_last}{{2}}{S}年)"), led(["月"], rf"(?<={month_last}{S}月)"),
                  led(list("-./／ "), r"(?<=\d{4}[-./／ ])"))
    sources = {  # per rule: its gates, the first of them led (it goes into the prefilter)
        "range": [range_gate], "whole_bare_years": [range_gate],
        "range_months": [range_gate, (rf"{sep}{S}(?:{MONTH_AR}|{month_cn()}){S}月", "")],
        "range_days": [range_gate, (rf"{sep}{S}(?:{DAY_AR}|{day_cn()}){S}[日号]", "")],
        "range_iso": [range_gate, (r"\d{4}[-./／ ]", "")],
        "range_bare_years": [range_gate, (rf"[从自（(]{S}{_cls(year_first)}", "")],  # 从/自 or a bracket, a year
        # found at 间 (和/与 are too common to open a gate): a second date, S, 之 at most, 间
        "range_between": [led(["间"], behind=rf"(?<={range_last}{S}之?)"), (rf"[与和]{S}{_cls(date_first)}", "")],
        "deadline": [led(lx.deadline_cues, rf"{S}{_cls(point_first)}",
                         behind=rf"(?<![{''.join(lx.deadline_cue_blockers)}])")],
        "deadline_suffix": [preceded(lx.deadline_suffixes, point_last + joiner)],
        "start": [led(lx.start_prefixes, rf"{S}{_cls(point_first)}")],
        "start_suffix": [preceded(lx.start_suffixes, point_last + joiner)],
        "period": [led(lx.period_cues)],
        "period_by": [led(lx.period_bare_cues, alt(lx.period_bare_cue_units))],
        "duration_days": [led(["日"], alt(lx.day_duration_after))],
        "cycle": [led(["周期"])],
        "plan": [led(lx.plan_periods)],
        "plan_spelled": [led(lx.plan_spelled_suffixes)],
        "period_once": [led(_ONCE_UNITS, rf"{S}一{S}{once}")],
        "duration_cue": [dur_gate, (alt(lx.duration_cues), "")],
        "duration": [dur_gate],
        "date": [("|".join(g for g, _ in date_gates), "".join(lead for _, lead in date_gates))],
    }
    compiled: dict[str, regex.Pattern] = {}  # one pattern per distinct source, so search tests it once
    for r in rules:
        r.needs = tuple(compiled.setdefault(src, regex.compile(src)) for src, _ in sources[r.name])
        r.lead = sources[r.name][0][1]
    return rules


@lru_cache(maxsize=None)
def prefilter() -> regex.Pattern:
    """One pattern found in every text where some rule's first gate is found: without it no rule
    can match (most clauses hold no time at all, and one search is cheaper than a search per gate)."""
    assert all(r.lead for r in rules()), "every first gate says what it opens with"
    lead = "[" + "".join(regex.escape(ch) for ch in sorted({ch for r in rules() for ch in r.lead})) + "]"
    firsts = dict.fromkeys(r.needs[0].pattern for r in rules())
    return regex.compile(f"(?={lead})(?:" + "|".join(f"(?:{src})" for src in firsts) + ")")

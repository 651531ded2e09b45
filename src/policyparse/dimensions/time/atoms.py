"""Regex atoms of the time grammar (years, months, days, plan periods, numbers, units).

Every atom that captures takes a prefix ``p`` so that two dates can live in one pattern
(``a`` and ``b`` of a range). Values are read back by ``fields.py``.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .lexicon import lexicon

S = r"[ \t\u3000\xa0]*"  # spaces tolerated inside a phrase (到 2025 年, 每 3 年); never newlines
HAN = r"\p{Han}"


def alt(words) -> str:
    """Alternation of literal words, longest first (so 截止到 is tried before 到)."""
    return "(?:" + "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


@lru_cache(maxsize=None)
def month_cn() -> str:
    return alt(lexicon().month_numerals)


@lru_cache(maxsize=None)
def day_cn() -> str:
    return alt(lexicon().day_numerals)


@lru_cache(maxsize=None)
def cn_digits() -> str:
    return "".join(lexicon().digits)


@lru_cache(maxsize=None)
def cn_numeral_class() -> str:
    lx = lexicon()
    return "".join(lx.digits) + "".join(lx.multipliers)


# ---- years, months, days ----------------------------------------------------------
YEAR4 = r"(?<![\d.．/／A-Za-z])\d{4}(?!\d)"
# Arabic month and day numbers, also full-width (２０２４年３月１日)
MONTH_AR = r"(?:[1１][0-2０-２]|[0０]?[1-9１-９])(?!\d)"
DAY_AR = r"(?:[3３][01０１]|[12１２]\d|[0０]?[1-9１-９])(?!\d)"


def year_core() -> str:
    """A written year without its 年: 2025, 二〇二二, 两千零四, 07, 零八; 18 only before a month."""
    d = cn_digits()
    return (rf"(?:{YEAR4}|(?<![{d}十百千])[{d}]{{4}}(?![{d}])|(?<![{d}十百千])[两二一]千[{cn_numeral_class()}]{{0,5}}"
            rf"|(?<![\d.])0\d(?!\d)|(?<![{d}])零[{d}](?![{d}])"
            rf"|(?<![\d.])\d{{2}}(?={S}年{S}(?:{MONTH_AR}|{month_cn()}){S}月))")


# An end word that starts the next word is no end word: 2024年初步建成, 2025年中国, 2025年底线.
_END_WORD_GUARD = {"初": "步次级创心始衷审选赛中", "中": "国央共小心关期外华部", "底": "线层部气蕴数",
                   "末": "端梢尾"}


def _end_words(words) -> str:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        g = _END_WORD_GUARD.get(w[-1])
        parts.append(regex.escape(w) + (f"(?![{g}])" if g else ""))
    return "(?:" + "|".join(parts) + ")"


def year_src(p: str) -> str:
    """Year with 年 and what may follow it directly: 2018年度, 2025年底, 2017年上半年."""
    lx = lexicon()
    return (rf"(?P<{p}y>{year_core()}){S}年"
            rf"(?:(?P<{p}part>{alt(lx.year_parts)})|(?P<{p}yend>{_end_words(lx.year_end_words)})|(?P<{p}du>度))?")


def month_src(p: str) -> str:
    return rf"(?<![\d.个每第几半])(?P<{p}m>{MONTH_AR}|{month_cn()}){S}月"


def day_src(p: str) -> str:
    """A day; without 日/号 only at the end of the phrase (两千零四年八月十五), so 一月一链 is no date."""
    return rf"(?P<{p}d>{DAY_AR}|{day_cn()})(?:{S}(?P<{p}ds>[日号])|(?!{HAN})|(?=[到至]))"


def month_tail(p: str) -> str:
    """What may follow 月: a day, 份, or an end word (6月底)."""
    return rf"(?:{S}{day_src(p)}|份|(?P<{p}mend>{_end_words(lexicon().month_end_words)})(?![{cn_numeral_class()}]))?"  # 初一 is lunar


def date_src(p: str) -> str:
    """Y年[M月[D日]] with their tails (the usual written date)."""
    return rf"{year_src(p)}(?:(?<=年){S}{month_src(p)}{month_tail(p)})?"


def iso_src(p: str) -> str:
    """2025-05-16, 2010.01.29, 2020/1/2, 2010 01 29."""
    return (rf"(?<![\d./A-Za-z])(?:(?P<{p}y>\d{{4}})(?P<{p}sep>[-./／])(?P<{p}m>{MONTH_AR})(?P={p}sep)(?P<{p}d>{DAY_AR})"
            rf"|(?P<{p}y>\d{{4}}) (?P<{p}m>\d{{2}}) (?P<{p}d>\d{{2}}))(?!\d)(?![.\-/／]\d{{1,3}}(?!\d))(?!版)")  # 2021.1.2.3 is a version


def md_src(p: str) -> str:
    """No year: a month with a day (1月19日, 九月八号) or an Arabic month alone (10月, 6月底).

    A Chinese month alone (一月) is left out: 一月一链 is a slogan, not January.
    """
    ar = rf"(?<![\d.个每第几半上下本])(?P<{p}m>{MONTH_AR}){S}月"
    # not after "<digits>年": after a year that was not read (1357年6月10日) the month and day are no date either
    # a Chinese month with an end word is a month all the same (每年三月底前)
    cn = rf"(?<![\d.个每第几半上下本{cn_numeral_class()}])(?P<{p}m>{month_cn()}){S}月"
    ends = _end_words(lexicon().month_end_words)
    return (rf"(?<![\d{cn_numeral_class()}]{S}年{S})(?:{month_src(p)}{S}{day_src(p)}"
            rf"|{ar}(?:份|(?P<{p}mend>{ends}))?|{cn}(?P<{p}mend>{ends}))")


def any_date(p: str) -> str:
    return rf"(?:{date_src(p)}|{iso_src(p)}|{md_src(p)})"


# ---- plan periods -------------------------------------------------------------------
OPEN_Q = "“\"「『‘"
CLOSE_Q = "”\"」』’"


def plan_src(p: str) -> str:
    """十四五, “十四五”, 十四五期间, “十四五”末 (末 picks the last year, 初 the first)."""
    lx = lexicon()
    return (rf"(?<![{cn_numeral_class()}第\d])(?P<{p}q>[{OPEN_Q}])?(?P<{p}plan>{alt(lx.plan_periods)})(?({p}q)[{CLOSE_Q}])"
            rf"(?:(?P<{p}pend>{_end_words(lx.plan_end_words)})|(?P<{p}pstart>{_end_words(lx.plan_start_words)})"
            rf"|(?P<{p}psuf>{alt(lx.plan_period_suffixes)}))?"
            rf"(?![{cn_numeral_class()}\d个万亿年%％岁届次日号位名家项条])")


# ---- numbers and units (periods, durations) -----------------------------------------
def num_src(p: str) -> str:
    """A small count of units: 3, 1.5, 三, 十二, 两, 半 (never a year, never 0-led)."""
    c = cn_numeral_class()
    d = cn_digits()
    lead = d.replace("〇", "").replace("○", "").replace("零", "").replace("Ｏ", "")  # 零八年 is a year
    return (rf"(?P<{p}n>(?<![\d.．])(?!0\d)\d{{1,3}}(?:\.\d+)?(?![\d.．]\d)"
            rf"|(?<![{c}第])[{lead}十][{c}]{{0,3}}|半)")


def num_range_src(p: str) -> str:
    """3 or 3—5 (a range of counts)."""
    return rf"{num_src(p)}(?:{S}[—–\-－~～至到]{{1,2}}{S}{num_src(p + 'hi')})?"


def no_month_after() -> str:
    """三年五月 is a (reign) date, not a duration followed by a month."""
    return rf"(?!{S}(?:{MONTH_AR}|{month_cn()}){S}月)"


def duration_units() -> list[str]:
    # 3月 is March, 3日 a day, 一季度 the first quarter: these count time only with 个 (3个月)
    return [w for w in lexicon().units if w not in ("月", "日", "季", "季度", "年度")]


def duration_unit_src(p: str) -> str:
    return rf"(?P<{p}u>{alt(duration_units())})"

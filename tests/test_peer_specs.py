"""Replay the Microsoft Recognizers-Text Chinese specs through our parse_*/search functions.

Files (read-only, ../shared/peer-specs/recognizers-text/Specs): Number/Chinese/NumberModel.json,
PercentModel.json, NumberRangeModel.json, NumberWithUnit/Chinese/CurrencyModel.json. One test per
case; the cases we fail are listed in tests/peer_gaps.yaml, grouped by reason, and run as strict
xfail (so a fix, or a new failure, is noticed). ``test_pass_rates`` prints the pass rate per file;
``python tests/test_peer_specs.py`` prints the same without pytest. Nothing is written anywhere.

How a case passes (texts compared without spaces and with full-width folded to half-width):
- NumberModel — every expected result's text parses (``parse_number``) to its value; a case with
  no results must not parse as a whole. (A numeral parser, not a finder: we do not look for bare
  numbers in running text, since policy text counts things with units.)
- PercentModel — ``percent.search(Input)`` finds exactly the expected percentages (text, value).
- NumberRangeModel — each expected text, as one bounded quantity: ``parse_percent`` when it holds
  % or 百分, else ``parse_count`` with a neutral measure word 个 appended (our bounds live on
  quantities); our bound must give the same interval (range: same end points).
- CurrencyModel — ``money.search(Input)`` finds exactly the expected amounts (text, value, ISO code).

The second half of the file pins peer weaknesses we beat on policy text, one test each.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
import yaml

import policyparse
from policyparse.dimensions import money, percent
from policyparse.dimensions.number import halfwidth

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT.parent / "shared" / "peer-specs" / "recognizers-text" / "Specs"
FILES = {
    "NumberModel": SPECS / "Number" / "Chinese" / "NumberModel.json",
    "PercentModel": SPECS / "Number" / "Chinese" / "PercentModel.json",
    "NumberRangeModel": SPECS / "Number" / "Chinese" / "NumberRangeModel.json",
    "CurrencyModel": SPECS / "NumberWithUnit" / "Chinese" / "CurrencyModel.json",
}
GAPS_FILE = Path(__file__).with_name("peer_gaps.yaml")
ISO = {"Chinese yuan": "CNY", "United States dollar": "USD", "Euro": "EUR", "Japanese yen": "JPY",
       "Hong Kong dollar": "HKD", "Swiss franc": "CHF", "New Taiwan dollar": "TWD"}


def _norm(s: str) -> str:
    return re.sub(r"\s", "", halfwidth(s)).lower()


def _close(a, b) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _number(case) -> bool:
    if not case["Results"]:
        return policyparse.parse_number(case["Input"]) is None
    return all(_close(policyparse.parse_number(r["Text"]), float(r["Resolution"]["value"]))
               for r in case["Results"])


def _percent(case) -> bool:
    found = percent.search(case["Input"])
    want = case["Results"]
    return len(found) == len(want) and all(
        _norm(f.text) == _norm(w["Text"]) and _close(f.value, float(w["Resolution"]["value"].rstrip("%")))
        for f, w in zip(found, want))


def _interval(r) -> tuple:
    """Our record as (low, high, low_closed, high_closed); None ends are open-ended."""
    if r.bound == "range":
        return (r.low, r.high, True, None)  # closedness of the high end is not compared
    return {"eq": (r.value, r.value, True, True), "ge": (r.value, None, True, None),
            "gt": (r.value, None, False, None), "le": (None, r.value, None, True),
            "lt": (None, r.value, None, False)}.get(r.bound, (None, None, None, None))


def _spec_interval(s: str) -> tuple:
    m = re.fullmatch(r"([\[(])([^,]*),([^\])]*)([\])])", s)
    lo = float(m.group(2)) if m.group(2) else None
    hi = float(m.group(3)) if m.group(3) else None
    return (lo, hi, m.group(1) == "[" if lo is not None else None,
            m.group(4) == "]" if hi is not None else None)


def _range(case) -> bool:
    for w in case["Results"]:
        text = w["Text"]
        r = policyparse.parse_percent(text) if ("%" in text or "百分" in text) \
            else policyparse.parse_count(text + "个")
        if r is None:
            return False
        ours, spec = _interval(r), _spec_interval(w["Resolution"]["value"])
        if r.bound == "range":
            if not (_close(ours[0], spec[0]) and _close(ours[1], spec[1])):
                return False
        elif not all((a is None and b is None) or (a is not None and b is not None and
                     (a == b if isinstance(a, bool) else _close(a, b))) for a, b in zip(ours, spec)):
            return False
    return bool(case["Results"])


def _currency(case) -> bool:
    found = money.search(case["Input"])
    want = case["Results"]
    return len(found) == len(want) and all(
        _norm(f.text) == _norm(w["Text"]) and w["Resolution"].get("value") is not None
        and _close(f.value, float(w["Resolution"]["value"]))
        and f.currency == ISO.get(w["Resolution"].get("unit"), w["Resolution"].get("isoCurrency"))
        for f, w in zip(found, want))


REPLAY = {"NumberModel": _number, "PercentModel": _percent, "NumberRangeModel": _range,
          "CurrencyModel": _currency}


def _cases(name):
    path = FILES[name]
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _gaps() -> dict[str, dict[str, str]]:
    """{file: {input: reason}} from peer_gaps.yaml ({file: {reason: [inputs]}})."""
    raw = yaml.safe_load(GAPS_FILE.read_text(encoding="utf-8")) or {}
    return {f: {inp: reason for reason, inputs in groups.items() for inp in inputs}
            for f, groups in raw.items()}


GAPS = _gaps()


def _params():
    out = []
    for name in FILES:
        for i, case in enumerate(_cases(name)):
            reason = GAPS.get(name, {}).get(case["Input"])
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(name, case, id=f"{name}-{i}", marks=marks))
    return out


def pass_rates() -> dict[str, tuple[int, int]]:
    return {name: (sum(bool(REPLAY[name](c)) for c in _cases(name)), len(_cases(name))) for name in FILES}


needs_specs = pytest.mark.skipif(not SPECS.exists(), reason="../shared/peer-specs is not beside the checkout")


@needs_specs
@pytest.mark.parametrize("name,case", _params())
def test_peer_case(name, case):
    assert REPLAY[name](case), f"{case['Input']!r}: want {[r['Text'] for r in case['Results']]}"


@needs_specs
def test_gaps_name_real_cases():
    """Every input listed as a known gap exists in its spec file (no stale entries)."""
    for name, gaps in GAPS.items():
        inputs = {c["Input"] for c in _cases(name)}
        assert set(gaps) <= inputs, sorted(set(gaps) - inputs)


@needs_specs
def test_pass_rates():
    rates = pass_rates()
    for name, (ok, total) in rates.items():
        print(f"{name}: {ok}/{total} = {ok / total:.1%} (known gaps {len(GAPS.get(name, {}))})")
        assert ok == total - len(GAPS.get(name, {})), f"{name}: gaps file out of date"


# ---- peer weaknesses we beat, one test each ------------------------------------------------------
# recognizers-text finds the bare number or amount but drops the bound words, the approximators,
# the ranges, the ratio, and reads 一 inside idioms as the number 1. Where the peer is installed
# the test also pins its (weaker) answer, so the comparison stays honest.

def _peer(fn_name: str, module: str, text: str):
    mod = pytest.importorskip(module)
    from recognizers_number import Culture
    return [(r.text, r.resolution) for r in getattr(mod, fn_name)(text, Culture.Chinese)]


def test_bounds_with_bu_are_upper_bounds():
    m = policyparse.parse_money("最高不超过1000万元")
    assert (m.bound, m.high, m.value) == ("le", 1e7, 1e7)
    p = percent.search("给予投资机构不超过实际投资损失额50%的补偿")
    assert [(r.text, r.bound, r.high) for r in p] == [("不超过实际投资损失额50%", "le", 50)]
    assert policyparse.parse_percent("不高于50%").bound == "le"
    assert policyparse.parse_percent("不低于60%").bound == "ge"
    peer = _peer("recognize_currency", "recognizers_number_with_unit", "最高不超过1000万元")
    assert [t for t, _ in peer] == ["1000万元"]  # the bound is lost


def test_approximations():
    assert (policyparse.parse_count("600余家").bound, policyparse.parse_count("600余家").low) == ("gt", 600)
    assert (policyparse.parse_count("近百项").bound, policyparse.parse_count("近百项").value) == ("approx", 100)
    assert policyparse.parse_money("100万左右").bound == "approx"
    assert (policyparse.parse_money("超2亿元").bound, policyparse.parse_money("超2亿元").low) == ("gt", 2e8)
    assert _peer("recognize_number", "recognizers_number", "近百项") == []  # peer: nothing at all
    assert [t for t, _ in _peer("recognize_number", "recognizers_number", "600余家")] == ["600"]


def test_ranges_with_dash_and_zhi():
    r = policyparse.parse_count("10—20 家")
    assert (r.bound, r.low, r.high) == ("range", 10, 20)
    r = policyparse.parse_count("800至1000名")
    assert (r.bound, r.low, r.high) == ("range", 800, 1000)
    peer = _peer("recognize_number", "recognizers_number", "每年新认定 10—20 家")
    assert [t for t, _ in peer] == ["10", "20"]  # two unrelated numbers


def test_ratios():
    assert policyparse.parse_ratio("1︰1").terms == [1, 1]
    assert policyparse.parse_ratio("19:53:00") is None
    peer = _peer("recognize_number", "recognizers_number", "1︰1的配套资金")
    assert [t for t, _ in peer] == ["1", "1"]


def test_no_numbers_in_idioms():
    from policyparse.dimensions import count
    for text in ("加快引进培育、发展壮大一批产业技术研究院", "进一步加强", "实行“一对一”联系服务",
                 "可采取“一院一策”的方式", "市、区两级", "第一次会议"):
        assert count.search(text) == [], text
    peer = _peer("recognize_number", "recognizers_number", "进一步加强")
    assert [t for t, _ in peer] == ["一"]


if __name__ == "__main__":
    for name, (ok, total) in pass_rates().items():
        print(f"{name}: {ok}/{total} = {ok / total:.1%}")

"""Head to head with Microsoft Recognizers-Text (recognizers-text-suite) on policy phrasing.

Each case states the gold/README.md convention and what the peer is known to do wrong with it
(checked with recognizers-text-suite 1.0.2: it drops 到, ends 2025—2027年 on 2027-01-01, reads
no plan period, reads 〔2017〕 and 022-5… as dates). Ours is asserted; the peer's answer is
printed beside it, not asserted, so a peer upgrade cannot break the suite.
"""
from __future__ import annotations

import pytest

from policyparse.dimensions.time import search

CASES = [
    # text, expected (text, type, fields) list, the peer weakness shown
    ("到2027年，新增20家概念验证中心", [("到2027年", "deadline", {"year": 2027})], "peer drops 到: '2027年'"),
    ("至2020年，全市布局建设3—5家", [("至2020年", "deadline", {"year": 2020})], "peer drops 至"),
    ("工作方案（2025—2027年）", [("2025—2027年", "range", {"year": 2025, "end_year": 2027})],
     "peer ends the range on 2027-01-01, leaving 2027 out"),
    ("我市预计到“十四五”末，累计认定30家", [("到“十四五”末", "deadline", {"year": 2025})], "peer finds nothing"),
    ("“十四五”期间", [("“十四五”期间", "plan_period", {"year": 2021, "end_year": 2025})], "peer finds nothing"),
    ("依据（国科发基〔2017〕250号）", [], "peer reads 〔2017〕 as the year 2017"),
    ("（联系电话：022-58832829）", [], "peer reads 022-5 as May of the year 22"),
    ("2020年后将视实施情况优化完善", [("2020年后", "start", {"year": 2020})], "peer gives a bare year"),
    ("以三年为一个周期进行考核评估", [("以三年为一个周期", "period", {"every": 3, "unit": "year"})],
     "peer: a duration of three years"),
]


@pytest.mark.parametrize("text,want,weakness", CASES, ids=[c[0][:12] for c in CASES])
def test_policy_conventions_where_the_peer_is_weak(text, want, weakness):
    got = search(text)
    assert [(r.text, r.type) for r in got] == [(t, ty) for t, ty, _ in want], weakness
    for r, (_, _, fields) in zip(got, want):
        for k, v in fields.items():
            assert getattr(r, k) == v, f"{r.text}: {k}"


def test_print_the_peer_beside_us(capsys):
    try:
        from recognizers_date_time import recognize_datetime
        from recognizers_text import Culture
    except ImportError:
        pytest.skip("recognizers-text-suite is not installed (optional extra: peers)")
    rows = []
    for text, want, _ in CASES:
        peer = [(r.text, [v.get("timex") for v in (r.resolution or {}).get("values", [])])
                for r in recognize_datetime(text, Culture.Chinese)]
        ours = [(r.text, r.type) for r in search(text)]
        assert ours == [(t, ty) for t, ty, _ in want]
        rows.append(f"  {text[:22]:24} ours {ours}  peer {peer}")
    with capsys.disabled():
        print("\ntime vs Recognizers-Text on policy phrasing:\n" + "\n".join(rows))

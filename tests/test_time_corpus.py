"""The time dimension on the five founding corpus texts, read through the whole pipeline.

Expectations come from reading the texts (gold/README.md conventions), not from program output.
"""
from __future__ import annotations

import re

import pytest

import policyparse
from conftest import CORPUS, SEEDS

pytestmark = pytest.mark.skipif(not SEEDS, reason="corpus/*.txt is missing")


def _doc(stem: str):
    path = next(CORPUS.glob(f"{stem}*.txt"))
    doc = policyparse.read(path)
    return doc, policyparse.extract(doc, kinds=["time"])


def _find(records, text):
    return [r for r in records if r.text.replace(" ", "") == text.replace(" ", "")]


def _covering(doc, records, needle):
    """Time records overlapping any occurrence of ``needle`` in the document."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), doc.text)]
    assert spans, f"{needle!r} not in the text"
    return [r for r in records for s, e in spans if r.start < e and r.end > s]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:30])
def test_offsets_and_every_meinian_is_a_period(path):
    doc = policyparse.read(path)
    records = policyparse.extract(doc, kinds=["time"])
    assert records, "every founding text holds time expressions"
    for r in records:
        assert doc.text[r.start:r.end] == r.text
        assert r.kind == "time" and r.clause_id
    meinian = [m.start() for m in re.finditer("每年", doc.text)]
    periods = {r.start for r in records if r.type == "period" and r.text.startswith("每年")}
    assert set(meinian) <= periods


def test_tianjin_2025_plan_deadlines_and_money():
    doc, recs = _doc("tianjin_2025")
    deadlines = _find(recs, "到2027年")
    assert len(deadlines) == 5 and all((r.type, r.year) == ("deadline", 2027) for r in deadlines)
    ranges = _find(recs, "2025—2027年")
    assert len(ranges) >= 3 and all((r.type, r.year, r.end_year) == ("range", 2025, 2027) for r in ranges)
    signed = _find(recs, "2025年5月16日")
    assert [(r.type, r.year, r.month, r.day) for r in signed] == [("date", 2025, 5, 16)]
    for money in ("2600亿元", "2000亿元", "1万亿元", "800至1000名"):
        assert _covering(doc, recs, money) == []
    assert _covering(doc, recs, "一月一链") == []


def test_tianjin_2021_reply():
    doc, recs = _doc("tianjin_2021")
    plan = _find(recs, "到“十四五”末")
    assert [(r.type, r.year) for r in plan] == [("deadline", 2025)]
    assert not [r for r in recs if r.type == "plan_period"]  # inside the deadline, not beside it
    assert [(r.type, r.year, r.end_year) for r in _find(recs, "2021—2023年")] == [("range", 2021, 2023)]
    assert [(r.type, r.year, r.month) for r in _find(recs, "2020年9月以来")] == [("start", 2020, 9)]
    assert [(r.type, r.year) for r in _find(recs, "自2016年")] == [("start", 2016)]
    assert [(r.type, r.value, r.unit) for r in _find(recs, "未来3年")] == [("duration", 3.0, "year")]
    assert [(r.type, r.year, r.month, r.day) for r in _find(recs, "2021年6月17日")] == [("date", 2021, 6, 17)]
    for needle in ("第0700号", "022-58832829", "2000万元", "三年行动计划", "十七届"):
        assert _covering(doc, recs, needle) == []


def test_tianjin_2018_centre_plan():
    doc, recs = _doc("tianjin_2018_jishu")
    assert [(r.type, r.year) for r in _find(recs, "2018年启动")] == [("start", 2018)]
    assert [(r.type, r.year) for r in _find(recs, "至2020年")] == [("deadline", 2020)]
    assert [(r.type, r.value) for r in _find(recs, "以三年为建设周期")] == [("duration", 3.0)]
    assert [(r.type, r.every) for r in _find(recs, "以三年为一个周期")] == [("period", 3.0)]
    assert [(r.type, r.value) for r in _find(recs, "连续支持3年")] == [("duration", 3.0)]
    for needle in ("国科发基〔2017〕250号", "国科发创〔2017〕353号", "1.2天津", "一次性30万元"):
        assert _covering(doc, recs, needle) == []


def test_shijiazhuang_2022():
    doc, recs = _doc("shijiazhuang")
    assert [(r.type, r.year, r.month, r.day) for r in _find(recs, "2022年1月19日")] == [("date", 2022, 1, 19)]
    assert [(r.type, r.year) for r in _find(recs, "到 2025 年")] == [("deadline", 2025)]
    assert [(r.type, r.every, r.unit) for r in _find(recs, "每 3 年为 1 个评估周期")] == [("period", 3.0, "year")]
    for needle in ("〔2022〕—10", "10—20 家", "20 万元", "第十五届"):
        assert _covering(doc, recs, needle) == []


def test_tianjin_2018_institutes():
    doc, recs = _doc("tianjin_2018_chanye")
    assert [(r.type, r.year) for r in _find(recs, "到2020年")] == [("deadline", 2020)]
    assert [(r.type, r.year) for r in _find(recs, "到2025年")] == [("deadline", 2025)]
    assert [(r.type, r.value, r.unit) for r in _find(recs, "有效期为3年")] == [("duration", 3.0, "year")]
    assert [(r.type, r.year) for r in _find(recs, "2020年后")] == [("start", 2020)]
    for needle in ("上年度", "1000万元", "500万元", "300万元"):
        assert _covering(doc, recs, needle) == []

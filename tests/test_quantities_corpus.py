"""The quantity grammars on the seed corpus, through read() and extract().

Expectations are read off the texts by hand under gold/README.md's conventions (the per-file gold
JSON is not used here); they cover each bound type, ranges, per, currencies and the idioms that
must stay silent.
"""
from __future__ import annotations

import pytest

import policyparse
from conftest import CORPUS

KINDS = ["money", "percent", "ratio", "count"]
T18 = "tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian"
JS = "tianjin_2018_jishu-chuangxin-zhongxin-shishi-fangan"
DF = "tianjin_2021_renda-0700-jianyi-dafu"
T25 = "tianjin_2025_liangchuang-ronghe-gongzuo-fangan"
SJZ = "shijiazhuang_2022_shiji-chanye-jishu-yanjiuyuan-shishi-yijian"

EXPECTED = [
    (T18, "money", "最高不超过1000万元", {"bound": "le", "high": 1e7, "per": "每家每年"}),
    (T18, "money", "不高于500万元", {"bound": "le", "high": 5e6, "per": "每家每年"}),
    (T18, "money", "最高补偿300万元", {"bound": "le", "high": 3e6, "per": "单个企业项目"}),
    (T18, "money", "过百亿元", {"bound": "gt", "low": 1e10}),
    (T18, "percent", "不超过实际投资损失额50%", {"bound": "le", "high": 50}),
    (T18, "percent", "不高于50%", {"bound": "le", "high": 50}),
    (T18, "ratio", "1︰1", {"terms": [1, 1]}),
    (T18, "count", "3000次以上", {"bound": "ge", "low": 3000, "unit": "次"}),
    (T18, "count", "1万次以上", {"bound": "ge", "low": 1e4, "unit": "次"}),
    (JS, "count", "1—2家", {"bound": "range", "low": 1, "high": 2}),
    (JS, "count", "3—5家", {"bound": "range", "low": 3, "high": 5}),
    (JS, "percent", "不高于项目总投资30%", {"bound": "le", "high": 30}),
    (JS, "money", "不超过500万元", {"bound": "le", "high": 5e6}),
    (JS, "money", "30万元", {"bound": "eq", "value": 3e5}),
    (DF, "count", "600余家", {"bound": "gt", "low": 600, "unit": "家"}),
    (DF, "count", "近百项", {"bound": "approx", "value": 100, "unit": "项"}),
    (DF, "count", "近20场次", {"bound": "approx", "value": 20, "unit": "场次"}),
    (DF, "count", "1200余名", {"bound": "gt", "low": 1200, "unit": "名"}),
    (DF, "money", "2000万元", {"bound": "eq", "value": 2e7}),
    (DF, "money", "超2亿元", {"bound": "gt", "low": 2e8}),
    (DF, "money", "超3亿美金", {"bound": "gt", "low": 3e8, "currency": "USD"}),
    (DF, "money", "超过10亿元", {"bound": "gt", "low": 1e9}),
    (T25, "money", "突破2600亿元", {"bound": "gt", "low": 2.6e11}),
    (T25, "money", "突破1万亿元", {"bound": "gt", "low": 1e12}),
    (T25, "percent", "不低于60%", {"bound": "ge", "low": 60}),
    (T25, "percent", "超过50%", {"bound": "gt", "low": 50}),
    (T25, "percent", "3%", {"bound": "eq", "value": 3}),
    (T25, "count", "不少于500项", {"bound": "ge", "low": 500}),
    (T25, "count", "千余家", {"bound": "gt", "low": 1000, "unit": "家"}),
    (T25, "count", "1.5万家", {"bound": "eq", "value": 15000}),
    (T25, "count", "800至1000名", {"bound": "range", "low": 800, "high": 1000, "unit": "名"}),
    (SJZ, "money", "千亿元", {"value": 1e11}),
    (SJZ, "money", "20 万元", {"value": 2e5, "per": "每家"}),
    (SJZ, "money", "100 万左右", {"bound": "approx", "value": 1e6, "per": "每个项目"}),
    (SJZ, "count", "10—20 家", {"bound": "range", "low": 10, "high": 20}),
    (SJZ, "count", "10 个以上", {"bound": "ge", "low": 10, "unit": "个"}),
]

# surfaces that must not overlap any money/percent/ratio/count record
SILENT = [
    (T18, "一批"), (T18, "进一步"), (T18, "一对一"), (T18, "一院一策"), (T18, "两级"), (T18, "三个着力"),
    (T18, "五个现代化"), (T18, "有效期为3年"), (JS, "〔2017〕250号"), (JS, "一次性"), (JS, "9.2支持"),
    (JS, "1.1国内外"), (DF, "0700号"), (DF, "022-58832829"), (DF, "五次会议"), (DF, "一项重要举措"),
    (DF, "2018年度"), (T25, "0次浏览"), (T25, "19:53:00"), (T25, "二次开发"), (T25, "千团千企"),
    (SJZ, "1 个评估周期"), (SJZ, "第一次会议"), (SJZ, "“二次开发”"), (SJZ, "2025 年"),
]


@pytest.fixture(scope="module")
def extracted():
    out = {}
    for stem in {s for s, *_ in EXPECTED + SILENT}:
        doc = policyparse.read(CORPUS / f"{stem}.txt")
        out[stem] = (doc, policyparse.extract(doc, kinds=KINDS))
    return out


@pytest.mark.parametrize("stem,kind,text,fields", EXPECTED, ids=[f"{k}:{t}" for _, k, t, _ in EXPECTED])
def test_found(extracted, stem, kind, text, fields):
    _, records = extracted[stem]
    hits = [r for r in records if r.kind == kind and r.text == text]
    assert hits, f"{kind} {text!r} not found; got {[r.text for r in records if r.kind == kind]}"
    for key, want in fields.items():
        assert getattr(hits[0], key) == pytest.approx(want) if isinstance(want, float) \
            else getattr(hits[0], key) == want, key


@pytest.mark.parametrize("stem,surface", SILENT, ids=[s for _, s in SILENT])
def test_silent(extracted, stem, surface):
    doc, records = extracted[stem]
    at = doc.text.find(surface)
    assert at >= 0, f"{surface!r} is not in {stem}"
    while at >= 0:
        end = at + len(surface)
        assert not [r.text for r in records if r.start < end and r.end > at], surface
        at = doc.text.find(surface, end)


def test_offsets_and_no_overlaps(extracted):
    for doc, records in extracted.values():
        for r in records:
            assert doc.text[r.start:r.end] == r.text
        spans = sorted((r.start, r.end) for r in records)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "quantity records overlap"

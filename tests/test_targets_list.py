"""Targets listed under one deadline or one sentence-opening 每年 (issue 11): each item is a target
with its own metric, value, unit, bound and the shared year."""
import pytest

from policyparse.extract import extract
from policyparse.model import Document
from policyparse.normalize import normalize
from policyparse.structure import build


def _targets(body: str):
    doc = build(Document(text=normalize("关于测试的方案\n一、目标\n" + body)))
    return [r for r in extract(doc) if r.kind == "target"]


def test_three_targets_under_one_deadline():
    ts = _targets("到2025年，全市新研发10款以上人工智能产品完成备案；培育5家以上龙头企业和20家以上专精特新企业。")
    got = [(t.metric, t.value, t.unit, t.bound, t.year) for t in ts]
    # 款 is no measure word of the count convention (gold/README.md lists 家 项 名 次 …), so
    # 10款 is no count and no target
    assert got == [("龙头企业", 5, "家", "ge", 2025), ("专精特新企业", 20, "家", "ge", 2025)]


def test_the_deadline_survives_pdf_spacing():
    ts = _targets("到2 0 2 6年，培育1 0家以上龙头企业和2 0家以上专精特新企业。")
    assert [(t.metric, t.value, t.year) for t in ts] == [("龙头企业", 10, 2026), ("专精特新企业", 20, 2026)]


def test_a_sentence_opening_yearly_rate_governs_the_list():
    ts = _targets("每年，新认定50家以上高新技术企业，新增10家以上孵化器。")
    assert [(t.metric, t.value, t.year) for t in ts] == [("高新技术企业", 50, None), ("孵化器", 10, None)]


@pytest.mark.parametrize("body", [
    "每年，对认定的企业给予10万元奖励。",  # a grant, not a goal
    "每家每年，给予不超过20家企业支持。",  # a per-phrase, not a yearly rate
])
def test_no_target_without_a_goal(body):
    assert _targets(body) == []


def test_a_list_shared_out_by_fenbie_gives_each_number_a_target():
    ts = _targets("到2024年，全省货物贸易、对外投资和实际利用外资分别占比达30%、20%和15%。")
    assert [(t.value, t.unit, t.year) for t in ts] == [(30, "%", 2024), (20, "%", 2024), (15, "%", 2024)]
    assert len({t.metric for t in ts}) == 1 and "货物贸易" in ts[0].metric  # the list's metric, shared

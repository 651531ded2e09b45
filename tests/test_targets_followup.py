"""Target follow-up: the 2018 Tianjin targets against what the 2021 reply reports."""
from __future__ import annotations

import re

import pytest

from policyparse.compare.followup import follow_up, match_kind
from policyparse.store import ingest

from conftest import SEEDS


@pytest.fixture(scope="module")
def tianjin(tmp_path_factory):
    db = tmp_path_factory.mktemp("followup") / "p.sqlite"
    assert not ingest(SEEDS, db, workers=1).failed
    return follow_up(db, "天津")


def squash(s):
    return re.sub(r"\s+", "", s)


def find(fus, metric_part, year, doc_part="若干意见"):
    hits = [f for f in fus if metric_part in f.metric and f.year == year and doc_part in f.source.doc]
    assert len(hits) == 1, [(f.metric, f.year, f.source.doc) for f in fus]
    return hits[0]


def test_institutes_2020_target_reported_reached(tianjin):
    f = find(tianjin, "产业技术研究院", 2020)
    assert (f.value, f.unit) == (20, "家")
    assert f.source.clause_id and "到2020年" in f.source.sentence
    last = f.latest
    assert last is not None and last.value == 20 and last.unit == "家" and last.as_of == 2021
    assert last.source.doc_type == "答复" and last.source.clause_id
    assert "截至目前已认定总量达到20家" in squash(last.source.sentence)
    assert f.status == "reached"


def test_institutes_2025_target_partly_met(tianjin):
    f = find(tianjin, "产业技术研究院", 2025)
    assert f.value == 30 and f.latest.value == 20
    assert f.status == "67% of target"


@pytest.mark.parametrize("year,goal,status", [(2020, 200, "reached"), (2025, 600, "70% of target")])
def test_spin_offs_against_420(tianjin, year, goal, status):
    f = find(tianjin, "衍生孵化企业", year)
    assert f.value == goal
    assert [r.value for r in f.reports] == [420]
    assert "衍生孵化企业总数达到420家" in squash(f.latest.source.sentence)
    assert f.status == status


def test_only_later_documents_report(tianjin):
    # the reply restates 30 and 600 for 2025; its own 已认定 20家 is not "later" than itself
    own = [f for f in tianjin if f.source.doc_type == "答复"]
    assert own and all(not f.reports for f in own)
    # 参会企业达到600余家 counts firms at events, not spin-offs
    assert all(r.metric != "参会企业" for f in tianjin for r in f.reports)


def test_other_city_not_mixed_in(tianjin):
    assert all("石家庄" not in f.source.doc for f in tianjin)


@pytest.mark.parametrize("target,unit,metric,punit,sentence,expected", [
    ("经认定的产业技术研究院", "家", "认定总量", "家", "依据产业技术研究院政策，截至目前已认定总量达到20家", "contains"),
    ("经认定的产业技术研究院", "家", "认定总量", "家", "截至目前已认定总量达到20家", None),  # what was counted?
    ("衍生孵化企业", "家", "衍生孵化企业", "家", "", "exact"),
    ("衍生孵化企业", "家", "衍生孵化企业", "项", "", None),  # unit differs
    ("衍生孵化企业", "家", "参会企业", "家", "", None),
    ("新技术、新产品、杀手锏产品", "项", "新技术新产品和杀手铜产品", "项", "", "similar"),  # 铜: a typo
    ("专业性技术创新中心", "家", "技术创新中心", "家", "", "contains"),
])
def test_match_kind(target, unit, metric, punit, sentence, expected):
    assert match_kind(target, unit, metric, punit, sentence) == expected


def _doc(text, date, city="天津", doc_type="意见"):
    from policyparse.model import Document
    from policyparse.normalize import normalize
    from policyparse.structure import build

    doc = build(Document(text=normalize(text)))
    doc.date, doc.city, doc.doc_type = date, city, doc_type
    return doc


def test_only_reports_dated_after_the_target_count():
    policy = _doc("一、建设目标\n\n到2020年，经认定的产业技术研究院达到20家。\n", "2018-08")
    before = _doc("一、工作情况\n\n截至目前，依据产业技术研究院政策已认定总量达到5家。\n", "2017-12", doc_type="答复")
    after = _doc("一、工作情况\n\n截至目前，依据产业技术研究院政策已认定总量达到15家。\n", "2021-06", doc_type="答复")
    elsewhere = _doc("一、工作情况\n\n截至目前，依据产业技术研究院政策已认定总量达到40家。\n", "2022-01",
                     city="石家庄", doc_type="答复")
    fus = follow_up([policy, before, after, elsewhere], "天津")
    target = next(f for f in fus if f.year == 2020)
    assert [r.value for r in target.reports] == [15]
    assert target.status == "75% of target"

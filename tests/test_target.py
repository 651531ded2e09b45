"""target: goal quantities from records built by hand, then on the corpus once the grammars run."""
import pytest
import regex as re

from policyparse import read
from policyparse.dimensions import count as count_dim
from policyparse.dimensions.target import derive, match, progress
from policyparse.extract import extract
from policyparse.model import Clause, Count, Document, Money, Percent, Time

from conftest import CORPUS

QUANTITIES = ["money", "percent", "ratio", "count", "time"]


def clause_of(text, specs, offset=0):
    """A document whose only clause is ``text`` (placed at ``offset``), with records built from
    (class, surface, occurrence, fields) tuples — offsets in document coordinates."""
    doc = Document(text="前" * offset + text)
    clause = Clause(id="s3.p1", section="三", start=offset, end=offset + len(text), text=text)
    recs = []
    for cls, surface, nth, fields in specs:
        i = [m.start() for m in re.finditer(re.escape(surface), text)][nth]
        recs.append(cls(text=surface, start=offset + i, end=offset + i + len(surface), **fields))
    return doc, clause, recs


YEAR = {"unit": "year", "every": 1, "type": "period"}


def test_deadline_sentence_makes_every_listed_quantity_a_target():
    text = ("到2020年，经认定的产业技术研究院达到20家，累计开展3000次以上技术服务（含委托研发、技术转让），"
            "开发新技术、新产品、杀手锏产品400项，衍生孵化企业200家，成为组成部分。")
    doc, clause, recs = clause_of(text, [
        (Time, "到2020年", 0, {"type": "deadline", "year": 2020}),
        (Count, "20家", 0, {"value": 20, "unit": "家"}),
        (Count, "3000次以上", 0, {"value": 3000, "low": 3000, "bound": "ge", "unit": "次"}),
        (Count, "400项", 0, {"value": 400, "unit": "项"}),
        (Count, "200家", 0, {"value": 200, "unit": "家"}),
    ], offset=7)
    ts = derive(doc, clause, recs)
    assert [t.metric for t in ts] == ["经认定的产业技术研究院", "技术服务", "新技术、新产品、杀手锏产品", "衍生孵化企业"]
    assert [t.value for t in ts] == [20, 3000, 400, 200]
    assert {t.year for t in ts} == {2020}
    assert [t.cumulative for t in ts] == [False, True, False, False]
    assert ts[1].bound == "ge" and ts[1].unit == "次"
    assert ts[0].time_id == recs[0].id and ts[0].quantity_id == recs[1].id
    assert all(doc.text[t.start:t.end] == t.text and t.clause_id == "s3.p1" and t.section == "三" for t in ts)
    assert ts[0].text == "经认定的产业技术研究院达到20家"


def test_quantity_first_list_takes_the_metric_after_each_number():
    text = "到2027年，新增20家概念验证中心、20家中试平台、30家检验检测平台、20家科技型企业孵化器。"
    doc, clause, recs = clause_of(text, [
        (Time, "到2027年", 0, {"type": "deadline", "year": 2027}),
        (Count, "20家", 0, {"value": 20, "unit": "家"}), (Count, "20家", 1, {"value": 20, "unit": "家"}),
        (Count, "30家", 0, {"value": 30, "unit": "家"}), (Count, "20家", 2, {"value": 20, "unit": "家"}),
    ])
    ts = derive(doc, clause, recs)
    assert [t.metric for t in ts] == ["概念验证中心", "中试平台", "检验检测平台", "科技型企业孵化器"]
    assert [t.text for t in ts][0] == "20家概念验证中心"


def test_cumulative_verb_covers_its_whole_list_but_not_the_next_phrase():
    text = "到2027年，累计培育市级制造业单项冠军企业200家、专精特新中小企业4000家，科技型中小企业达到1.5万家。"
    doc, clause, recs = clause_of(text, [
        (Time, "到2027年", 0, {"type": "deadline", "year": 2027}),
        (Count, "200家", 0, {"value": 200, "unit": "家"}), (Count, "4000家", 0, {"value": 4000, "unit": "家"}),
        (Count, "1.5万家", 0, {"value": 15000, "unit": "家"}),
    ])
    ts = derive(doc, clause, recs)
    assert [(t.metric, t.cumulative) for t in ts] == [
        ("市级制造业单项冠军企业", True), ("专精特新中小企业", True), ("科技型中小企业", False)]


def test_yearly_rate_gives_a_target_without_year_but_a_per_phrase_does_not():
    text = "每年新认定10—20家市级产业技术研究院。每家每年奖励额度最高不超过1000万元。每年不超过500万元。"
    doc, clause, recs = clause_of(text, [
        (Time, "每年", 0, YEAR), (Count, "10—20家", 0, {"low": 10, "high": 20, "bound": "range", "unit": "家"}),
        (Time, "每年", 1, YEAR), (Money, "最高不超过1000万元", 0, {"value": 1e7, "high": 1e7, "bound": "le"}),
        (Time, "每年", 2, YEAR), (Money, "不超过500万元", 0, {"value": 5e6, "high": 5e6, "bound": "le"}),
    ])
    ts = derive(doc, clause, recs)
    assert len(ts) == 1
    t = ts[0]
    assert (t.metric, t.year, t.low, t.high, t.bound, t.time_id) == ("市级产业技术研究院", None, 10, 20, "range", recs[0].id)


def test_deadline_in_an_earlier_sentence_needs_a_goal_verb():
    text = "我市预计到“十四五”末，将累计认定产业技术研究院总量达到30家。推动产研院内部创业，力争衍生孵化企业总量达到600家。每家给予20万元建设资金。"
    doc, clause, recs = clause_of(text, [
        (Time, "到“十四五”末", 0, {"type": "deadline", "year": 2025}),
        (Count, "30家", 0, {"value": 30, "unit": "家"}), (Count, "600家", 0, {"value": 600, "unit": "家"}),
        (Money, "20万元", 0, {"value": 2e5}),
    ])
    ts = derive(doc, clause, recs)
    assert [(t.metric, t.value, t.year, t.cumulative) for t in ts] == [
        ("产业技术研究院", 30, 2025, True), ("衍生孵化企业", 600, 2025, False)]


def test_plan_period_after_dao_counts_as_its_last_year():
    text = "到“十四五”末，经认定的产业技术研究院达到30家。"
    doc, clause, recs = clause_of(text, [
        (Time, "“十四五”", 0, {"type": "plan_period", "year": 2021, "end_year": 2025}),
        (Count, "30家", 0, {"value": 30, "unit": "家"})])
    assert [t.year for t in derive(doc, clause, recs)] == [2025]


def test_reported_progress_attributes_and_support_amounts_are_not_targets():
    text = ("依据产业技术研究院政策，截至目前已认定总量达到20家。到2025年，涌现出一批总收入过百亿元的产业技术研究院，"
            "对新认定的研究院给予100万元的奖励。")
    doc, clause, recs = clause_of(text, [
        (Count, "20家", 0, {"value": 20, "unit": "家"}),
        (Time, "到2025年", 0, {"type": "deadline", "year": 2025}),
        (Money, "过百亿元", 0, {"value": 1e10, "low": 1e10, "bound": "gt"}),
        (Money, "100万元", 0, {"value": 1e6}),
    ])
    assert derive(doc, clause, recs) == []


def test_money_and_percent_targets_copy_unit_and_bound():
    text = "到2027年，技术合同成交额突破2600亿元；市属国有工业企业研发投入强度达到3%。"
    doc, clause, recs = clause_of(text, [
        (Time, "到2027年", 0, {"type": "deadline", "year": 2027}),
        (Money, "突破2600亿元", 0, {"value": 2.6e11, "low": 2.6e11, "bound": "gt"}),
        (Percent, "3%", 0, {"value": 3}),
    ])
    ts = derive(doc, clause, recs)
    assert [(t.metric, t.unit, t.bound) for t in ts] == [("技术合同成交额", "元", "gt"), ("市属国有工业企业研发投入强度", "%", "eq")]


def test_start_year_before_a_goal_verb():
    text = "2018年启动建设1—2家综合性技术创新中心。2020年市科技局投入2000万元奖励资金。"
    doc, clause, recs = clause_of(text, [
        (Time, "2018年启动", 0, {"type": "start", "year": 2018}),
        (Count, "1—2家", 0, {"low": 1, "high": 2, "bound": "range", "unit": "家"}),
        (Time, "2020年", 0, {"type": "date", "year": 2020}),
        (Money, "2000万元", 0, {"value": 2e7}),
    ])
    ts = derive(doc, clause, recs)
    assert [(t.metric, t.year) for t in ts] == [("综合性技术创新中心", 2018)]


def test_progress_lists_reported_values_and_matches_them_to_targets():
    policy_text = "到2020年，经认定的产业技术研究院达到20家，衍生孵化企业200家。"
    pdoc, pclause, precs = clause_of(policy_text, [
        (Time, "到2020年", 0, {"type": "deadline", "year": 2020}),
        (Count, "20家", 0, {"value": 20, "unit": "家"}), (Count, "200家", 0, {"value": 200, "unit": "家"})])
    targets = derive(pdoc, pclause, precs)
    reply_text = "截至目前已认定总量达到20家。衍生孵化企业总数达到420家。"
    rdoc, rclause, rrecs = clause_of(reply_text, [
        (Count, "20家", 0, {"value": 20, "unit": "家"}), (Count, "420家", 0, {"value": 420, "unit": "家"})])
    rdoc.clauses = [rclause]
    rdoc.doc_type, rdoc.date = "答复", "2021-06-17"
    reported = progress(rdoc, rrecs)
    assert [(p.value, p.as_of) for p in reported] == [(20, 2021), (420, 2021)]
    assert reported[1].metric == "衍生孵化企业"
    pairs = {(t.value, p.value) for t, p in match(targets, reported)}
    assert pairs == {(20, 20), (200, 420)}


# ---- corpus (meaningful once the quantity grammars run) ------------------------------------------

def _grammars_ready():
    return bool(count_dim.search("达到20家"))


def _targets(name, city):
    if not _grammars_ready():
        pytest.skip("count grammar not in place yet")
    doc = read(CORPUS / name)
    doc.city = doc.city or city
    recs = extract(doc, kinds=QUANTITIES + ["target"])
    return doc, recs, [r for r in recs if r.kind == "target"]


def test_corpus_tianjin_2018_yijian_targets():
    doc, _, ts = _targets("tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.txt", "天津")
    got = {(t.metric, t.value, t.year) for t in ts}
    assert {("经认定的产业技术研究院", 20, 2020), ("经认定的产业技术研究院", 30, 2025),
            ("衍生孵化企业", 200, 2020), ("衍生孵化企业", 600, 2025)} <= got
    assert len(ts) == 8  # 4 goals × 2 deadlines; 过百亿元的 is attributive
    assert all(doc.text[t.start:t.end] == t.text for t in ts)


def test_corpus_shijiazhuang_yearly_and_deadline_targets():
    _, _, ts = _targets("shijiazhuang_2022_shiji-chanye-jishu-yanjiuyuan-shishi-yijian.txt", "石家庄")
    got = {(t.metric, t.year) for t in ts}
    assert ("市级产业技术研究院", None) in got and ("经认定的市级产业技术研究院", 2025) in got
    assert not any(t.unit == "元" for t in ts)  # 20万元 / 50万元 / 100万元 are rewards


def test_corpus_reply_targets_use_fourteenth_plan_end_and_progress_is_apart():
    doc, recs, ts = _targets("tianjin_2021_renda-0700-jianyi-dafu.txt", "天津")
    assert sorted((t.value, t.year) for t in ts) == [(30, 2025), (600, 2025)]
    reported = progress(doc, recs)
    assert {420, 20} <= {p.value for p in reported}
    assert not {p.quantity_id for p in reported} & {t.quantity_id for t in ts}

"""The instrument taxonomy (lexicon/data/taxonomy.yaml), tiered schedules, percentage bases and
"other" rows with coverage — on hand-written sentences in the wording of provincial 条例 and
support measures (no gold document)."""
from __future__ import annotations

import pytest

from policyparse import read
from policyparse.compare import compare
from policyparse.compare import instruments, tiers
from policyparse.compare.base import base_in
from policyparse.compare.other import normalise_object
from policyparse.extract import extract
from policyparse.lexicon.schemas.taxonomy import Taxonomy

GOLD_IDS = """transfer_license_reward_share equity_investment_reward_share self_implementation_reward_share
rd_expense_subsidy rd_super_deduction loan_interest_subsidy fixed_asset_investment_subsidy rent_subsidy
talent_housing_subsidy talent_award first_set_equipment listing_reward hightech_certification_reward
new_rd_institution_subsidy tech_contract_reward headquarters_reward local_fiscal_contribution_reward
risk_compensation innovation_voucher pilot_platform_support guidance_fund industrial_research_institute_support""".split()

TEXT = """江苏省促进科技成果转化条例

第十条 将该项职务科技成果转让、许可给他人实施的，从该项科技成果转让净收入或者许可净收入中提取不低于百分之五十的比例；利用该项职务科技成果作价投资的，从该项科技成果形成的股份或者出资比例中提取不低于百分之五十的比例；将该项职务科技成果自行实施或者与他人合作实施的，应当在实施转化成功投产后连续三至五年，每年从实施该项科技成果的营业利润中提取不低于百分之五的比例。
第十一条 对年度研发投入1000万元及以上至5000万元、5000万元以上至1亿元、1亿元以上的企业，分别给予70%、80%和90%的补助。对新引进的企业，按其对地方财政贡献，前三年80%、后两年50%给予奖励。对在A股上市的企业，给予一次性300万元奖励。
第十二条 对企业购买本地产品的，给予不超过采购金额10%的补贴，最高200万元。
"""


def test_taxonomy_has_the_gold_ids_and_forty_instruments():
    tx = instruments.taxonomy()
    ids = [i.id for i in tx.instruments]
    assert len(ids) >= 40
    assert set(GOLD_IDS) <= set(ids)
    for i in tx.instruments:
        assert i.zh and i.en and i.beneficiary and i.roles


def test_taxonomy_schema_rejects_duplicates_and_bad_ids():
    one = {"id": "a", "zh": "甲", "en": "a", "family": "f", "beneficiary": "enterprise", "cues": ["x"], "roles": ["cap"]}
    with pytest.raises(ValueError):
        Taxonomy.model_validate({"instruments": [one, one], "grant_cues": ["给予"]})
    with pytest.raises(ValueError):
        Taxonomy.model_validate({"instruments": [{**one, "id": "Bad-Id"}], "grant_cues": ["给予"]})
    with pytest.raises(ValueError):
        Taxonomy.model_validate({"instruments": [{**one, "counts_as": {"x": "nope"}}], "grant_cues": ["给予"]})
    with pytest.raises(ValueError):
        Taxonomy.model_validate({"instruments": [{**one, "base": "营业收入"}], "grant_cues": ["给予"],
                                 "bases": [{"name": "净收入", "cues": ["净收入"]}]})


@pytest.mark.parametrize("text,first", [
    ("以技术转让或者许可方式转化职务科技成果的，应当从技术转让或者许可所取得的净收入中提取不低于70%的比例", "transfer_license_reward_share"),
    ("利用职务科技成果作价投资的，从该项科技成果形成的股份或者出资比例中提取不低于50%", "equity_investment_reward_share"),
    ("对企业按照规定享受研发费用加计扣除政策", "rd_super_deduction"),
    ("按其上年度研发投入增量的10%给予补助，最高100万元", "rd_expense_subsidy"),
    ("按照贷款市场报价利率的50%给予贴息", "loan_interest_subsidy"),
    ("按照设备购置额的10%给予补助", "fixed_asset_investment_subsidy"),
    ("给予最高30万元的办公用房租金补贴", "rent_subsidy"),
    ("给予博士研究生10万元安家补贴", "talent_housing_subsidy"),
    ("对新认定的国家级领军人才给予100万元奖励", "talent_award"),
    ("对首台（套）重大技术装备给予最高500万元奖励", "first_set_equipment"),
    ("对在境内外主板上市的企业给予300万元奖励", "listing_reward"),
    ("对首次认定为高新技术企业的，给予20万元奖励", "hightech_certification_reward"),
    ("对新型研发机构给予最高1000万元建设补助", "new_rd_institution_subsidy"),
    ("按技术合同成交额的2%给予奖励", "tech_contract_reward"),
    ("对新落户的总部企业给予最高1000万元开办补助", "headquarters_reward"),
    ("按其形成的地方财政贡献的50%给予奖励", "local_fiscal_contribution_reward"),
    ("对合作银行发生的贷款损失给予风险补偿", "risk_compensation"),
    ("每家企业每年可申领科技创新券最高50万元", "innovation_voucher"),
    ("对概念验证中心给予最高300万元支持", "pilot_platform_support"),
    ("政府引导基金参股比例不超过30%", "guidance_fund"),
])
def test_sentence_first_instrument(text, first):
    assert instruments.classify(text)[0].id == first


def test_plain_text_has_no_instrument():
    assert instruments.classify("以习近平新时代中国特色社会主义思想为指导") == ()


@pytest.mark.parametrize("before,after,base", [
    ("从该项科技成果转让净收入或者许可净收入中提取", "的比例", "净收入"),
    ("从该项科技成果形成的股份或者出资比例中提取", "的比例", "股份或出资比例"),
    ("每年从实施该项科技成果的营业利润中提取", "的比例", "营业利润"),
    ("按其对地方财政贡献，前三年", "、后两年", "地方财政贡献"),
    ("按项目固定资产投资额的", "给予补助", "固定资产投资"),
    ("给予", "的租金补贴", "租金"),
    ("给予", "的补助", None),
])
def test_percentage_base(before, after, base):
    assert base_in(before, after) == base


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    path = tmp_path_factory.mktemp("tax") / "jiangsu_2020_test.txt"
    path.write_text(TEXT, encoding="utf-8")
    return compare([read(path)])


def values(table, inst):
    return [v for r in table.rows if r.category == inst for c in r.cells.values() for v in c.values]


def test_reward_shares_by_mode_with_base_and_duration(table):
    assert table.cities == ["江苏"]
    (t,) = values(table, "transfer_license_reward_share")
    (q,) = values(table, "equity_investment_reward_share")
    own = values(table, "self_implementation_reward_share")
    assert (t.role, t.value, t.bound, t.base) == ("share", 50, "ge", "净收入")
    assert (q.role, q.value, q.base) == ("share", 50, "股份或出资比例")
    share = next(v for v in own if v.role == "share")
    duration = next(v for v in own if v.role == "duration")
    assert (share.value, share.base) == (5, "营业利润")
    assert (duration.low, duration.high, duration.unit) == (3, 5, "year")
    assert t.source.jurisdiction == "江苏省"


def test_tiered_schedule_is_one_value(table):
    (v,) = values(table, "rd_expense_subsidy")
    assert [(t.condition, t.value) for t in v.tiers] == [
        ("1000万元及以上至5000万元", 70), ("5000万元以上至1亿元", 80), ("1亿元以上", 90)]
    assert v.role == "rate"
    # the amounts in the conditions are part of the schedule, not thresholds of their own
    assert all(x.role != "threshold" for x in values(table, "rd_expense_subsidy"))


def test_period_schedule(table):
    (v,) = values(table, "local_fiscal_contribution_reward")
    assert [(t.condition, t.value) for t in v.tiers] == [("前三年", 80), ("后两年", 50)]
    assert v.base == "地方财政贡献"
    assert not [x for x in values(table, "local_fiscal_contribution_reward") if x.role == "duration"]


def test_listing_amount(table):
    (v,) = values(table, "listing_reward")
    assert (v.role, v.value) == ("amount", 3e6)


def test_unmatched_support_is_an_other_row_and_lowers_coverage(table):
    rows = [r for r in table.rows if r.category == "other"]
    assert rows, [r.category for r in table.rows]
    got = sorted(v.display for r in rows for c in r.cells.values() for v in c.values)
    assert got == ["≤10%", "≤200万元"] or got == ["200万元", "≤10%"]
    named, total = table.coverage["江苏"]
    assert total - named == 2 and table.coverage_share() == pytest.approx(named / total)


def test_schedule_finder_on_records(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("某市办法\n\n第一条 对国家级、省级和市级平台，分别给予100万元、50万元、20万元奖励。\n", encoding="utf-8")
    doc = read(path)
    extract(doc)
    money = [r for r in doc.records if r.kind == "money"]
    clause = next(c for c in doc.clauses if "分别" in c.text)
    (s,) = tiers.find(clause.text, clause.start, money)
    assert s.conditions == ["国家级", "省级", "市级平台"] and [r.value for r in s.values] == [1e6, 5e5, 2e5]


def test_object_normalised():
    assert normalise_object("一次性300万元奖励") == "奖励"
    assert normalise_object("不超过50万元的资金支持") == "资金支持"


LADDER = """湖南省促进总部经济发展若干措施（测试文本）

一、落户奖励。对新落户的总部企业，按其实缴注册资本给予落户奖励：实缴注册资本5亿元以上的，奖励1000万元；2亿元以上不足5亿元的，奖励500万元；1亿元以上不足2亿元的，奖励300万元。
二、对年营业收入首次突破1亿元的企业，给予50万元奖励。
"""


def test_ladder_of_conditional_segments_is_one_schedule(tmp_path):
    path = tmp_path / "hunan.txt"
    path.write_text(LADDER, encoding="utf-8")
    table = compare([read(path)])
    (v,) = values(table, "headquarters_reward")
    assert [(t.condition, t.value) for t in v.tiers] == [
        ("实缴注册资本5亿元以上", 1e7), ("2亿元以上不足5亿元", 5e6), ("1亿元以上不足2亿元", 3e6)]
    assert v.role == "amount"
    # a qualifying minimum outside a ladder is a threshold, the grant an amount
    got = {(x.role, x.value) for x in values(table, "scale_upgrade_reward")}
    assert got == {("threshold", 1e8), ("amount", 5e5)}
    assert table.coverage_share() == 1.0


MEASURES = """福建省关于支持企业创新发展的若干措施（测试文本）

一、支持企业加大研发投入。对上年度研发费用投入500万元以上且增长20%以上的企业，按其研发费用增量部分的10%给予补助，单个企业最高500万元。
二、落实研发费用加计扣除政策，制造业企业研发费用按100%在税前加计扣除。
三、对企业技术改造项目贷款，按照同期贷款市场报价利率的50%给予贴息，贴息期限不超过3年，单个项目年度贴息最高200万元。
四、对新建产业化项目，固定资产投资5000万元以上的，按设备投资额的10%给予补助，最高1000万元。
五、对入驻园区的科技型企业，前三年给予100%房租补贴，后两年给予50%房租补贴，每家企业每年补贴面积不超过500平方米。
六、对新引进的博士研究生，给予每人30万元安家补贴，分三年发放；对硕士研究生给予10万元生活补贴。
七、对新认定的国家级领军人才给予100万元奖励。
八、对首台（套）重大技术装备，按照销售价格的30%给予奖励，最高不超过500万元。
九、对在上海证券交易所、深圳证券交易所上市的企业，给予500万元奖励；在新三板挂牌的企业，给予100万元奖励。
十、对首次认定的高新技术企业给予30万元奖励，重新认定的给予10万元奖励。
十一、对新型研发机构，按照其上年度研发经费支出的20%给予运营补助，每年最高1000万元，连续支持3年。
十二、对技术合同登记成交额达到1000万元以上的技术输出方，按成交额的1%给予奖励，最高100万元。
十三、对风险补偿资金池合作银行发放的科技贷款发生的损失，按照损失本金的40%给予补偿。
十四、每家企业每年可申领科技创新券不超过30万元，按照服务费用的50%抵扣。
十五、对新建的概念验证中心，给予最高300万元建设补助；对中试平台按其设备投入的30%给予支持，最高1000万元。
十六、省级引导基金对子基金的出资比例不超过子基金规模的20%。
"""


@pytest.fixture(scope="module")
def measures(tmp_path_factory):
    path = tmp_path_factory.mktemp("measures") / "fujian.txt"
    path.write_text(MEASURES, encoding="utf-8")
    return compare([read(path)])


@pytest.mark.parametrize("inst,role,value,base", [
    ("rd_expense_subsidy", "threshold", 5e6, None),
    ("rd_expense_subsidy", "threshold", 20, "研发投入"),  # 增长20%以上的: a qualifying minimum
    ("rd_expense_subsidy", "rate", 10, "研发投入"),
    ("rd_expense_subsidy", "cap", 5e6, None),
    ("rd_super_deduction", "rate", 100, "研发投入"),
    ("loan_interest_subsidy", "rate", 50, "贷款利息"),
    ("loan_interest_subsidy", "duration", 3, None),
    ("loan_interest_subsidy", "cap", 2e6, None),
    ("fixed_asset_investment_subsidy", "threshold", 5e7, None),
    ("fixed_asset_investment_subsidy", "rate", 10, "固定资产投资"),
    ("talent_housing_subsidy", "amount", 3e5, None),
    ("talent_award", "amount", 1e6, None),
    ("first_set_equipment", "rate", 30, "销售额"),
    ("listing_reward", "amount", 5e6, None),
    ("listing_reward", "amount", 1e6, None),
    ("hightech_certification_reward", "amount", 3e5, None),
    ("new_rd_institution_subsidy", "rate", 20, "研发投入"),  # the institution before the R&D subsidy
    ("new_rd_institution_subsidy", "cap", 1e7, None),
    ("tech_contract_reward", "rate", 1, "技术合同成交额"),
    ("risk_compensation", "rate", 40, "损失"),
    ("innovation_voucher", "cap", 3e5, None),
    ("innovation_voucher", "rate", 50, "服务费用"),
    ("pilot_platform_support", "cap", 3e6, None),  # 概念验证…建设补助 is not the seed's construction funding
    ("guidance_fund", "rate", 20, "基金规模"),
])
def test_measures_cells(measures, inst, role, value, base):
    got = [(v.role, v.value if v.value is not None else v.high, v.base) for v in values(measures, inst)]
    assert any(r == role and x == pytest.approx(value) and (base is None or b == base) for r, x, b in got), got


def test_measures_rent_schedule_and_full_coverage(measures):
    (rent,) = values(measures, "rent_subsidy")
    assert [(t.condition, t.value) for t in rent.tiers] == [("前三年", 100), ("后两年", 50)]
    assert not values(measures, "construction_subsidy")  # no 产业技术研究院 named: not the seed row
    assert measures.coverage_share() == 1.0


HEADQUARTERS = """广西壮族自治区南宁市支持总部经济发展办法（测试文本）

一、对新引进的总部企业，按其当年对区经济贡献的60%给予奖励，连续奖励3年。
二、对企业租用办公用房的，给予租金补贴，第一年补贴100%，第二年补贴50%，每年最高100万元。
三、对获得国家科学技术奖一等奖的，给予500万元奖励。
四、入选国家“万人计划”的人才，给予200万元奖励。
五、获得天使投资的企业，按实际融资额的10%给予奖励，最高100万元。
"""


def test_headquarters_measures(tmp_path):
    path = tmp_path / "nanning.txt"
    path.write_text(HEADQUARTERS, encoding="utf-8")
    table = compare([read(path)])
    got = {(r.category, v.role, v.value if v.value is not None else v.high, v.base)
           for r in table.rows for c in r.cells.values() for v in c.values if not v.tiers}
    assert ("local_fiscal_contribution_reward", "rate", 60, "地方财政贡献") in got  # 按…区经济贡献的60%
    assert ("local_fiscal_contribution_reward", "duration", 3, None) in got
    assert ("science_award_reward", "amount", 5e6, None) in got
    assert ("talent_award", "amount", 2e6, None) in got
    assert ("financing_reward", "rate", 10, "融资额") in got
    (rent,) = [v for v in values(table, "rent_subsidy") if v.tiers]
    assert [(t.condition, t.value) for t in rent.tiers] == [("第一年", 100), ("第二年", 50)]


def test_a_procedure_deadline_is_no_duration(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("江西省支持企业融资若干措施（测试文本）\n\n一、对企业技术改造贷款按贷款利息的50%给予贴息，企业应在放款后30日内提出申请，"
                    "贴息期限不超过2年。\n", encoding="utf-8")
    table = compare([read(path)])
    got = [(v.role, v.value, v.unit) for v in values(table, "loan_interest_subsidy")]
    assert ("rate", 50, "%") in got and ("duration", 2, "year") in got and len(got) == 2
    everything = [v for r in table.rows for c in r.cells.values() for v in c.values]
    assert everything and not [v for v in everything if v.kind == "time" and v.unit == "day"]


def test_one_share_for_several_transfer_modes(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("湖北省促进科技成果转化条例（测试文本）\n\n第十条 以转让、许可或者作价投资方式转化职务科技成果的，应当从转让净收入、许可净收入"
                    "或者作价投资取得的股份或者出资比例中提取不低于百分之七十的比例，用于奖励完成和转化该项科技成果做出重要贡献的人员。\n",
                    encoding="utf-8")
    table = compare([read(path)])
    for inst in ("transfer_license_reward_share", "equity_investment_reward_share"):
        assert [(v.role, v.value, v.bound) for v in values(table, inst)] == [("share", 70, "ge")], inst
    assert not values(table, "self_implementation_reward_share")


@pytest.mark.parametrize("own,before,want", [
    ("研发费用增量部分", "按其", "研发投入"),  # a record's own base, in its short name
    ("同期贷款市场报价利率", "按照", "贷款利息"),
    ("百分之", "从该项科技成果转让净收入中提取不低于", "净收入"),  # an own base naming nothing known
    ("某种收入", "给予", "某种收入"),  # nothing around it either: as written
    (None, "给予", None),
])
def test_a_records_own_base_is_preferred_when_known(own, before, want):
    from types import SimpleNamespace

    from policyparse.compare.base import base_of

    rec = SimpleNamespace(base=own, text="50%")
    assert base_of(rec, before, "的比例") == want

"""Instrument categories on the corpus clauses (lexicon/data/instruments.yaml)."""
import pytest

from policyparse import read
from policyparse.dimensions.obligation.instruments import beneficiaries, classify, lexicon
from policyparse.lexicon.schemas.instruments import InstrumentsLexicon

from conftest import CORPUS

TJ = CORPUS / "tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.txt"
TJ_TIC = CORPUS / "tianjin_2018_jishu-chuangxin-zhongxin-shishi-fangan.txt"
SJZ = CORPUS / "shijiazhuang_2022_shiji-chanye-jishu-yanjiuyuan-shishi-yijian.txt"


def clause_with(path, phrase):
    doc = read(path)
    return next(c.text for c in doc.clauses if phrase in c.text)


@pytest.mark.parametrize("path,phrase,expected", [
    (TJ, "通过认定的产业技术研究院，有效期为3年", {"accreditation"}),
    (TJ, "每家每年奖励额度最高不超过1000万元", {"performance_reward", "evaluation_cycle"}),
    (TJ, "1︰1的配套资金支持", {"matching_funds", "import_tax_subsidy", "project_funding"}),
    (TJ, "不超过实际投资损失额50%的补偿", {"investment_loss_compensation"}),
    (SJZ, "每家给予 20 万元建设资金", {"accreditation", "construction_subsidy"}),
    (SJZ, "50 万元的绩效后补助奖励", {"performance_reward", "evaluation_cycle"}),
    (SJZ, "省级产业技术研究院给予 100 万元的奖励", {"accreditation", "provincial_reward"}),
    (SJZ, "每年支持 10 个以上联合攻关项目", {"project_funding"}),
    (SJZ, "到 2025 年", {"accreditation", "target"}),
    (TJ_TIC, "不高于项目总投资30%的财政补助资金", {"construction_subsidy", "performance_reward", "evaluation_cycle"}),
])
def test_corpus_clause_categories(path, phrase, expected):
    assert set(classify(clause_with(path, phrase))) == expected


def test_same_category_across_cities():
    tj = classify(clause_with(TJ, "每家每年奖励额度最高不超过1000万元"))
    sjz = classify(clause_with(SJZ, "50 万元的绩效后补助奖励"))
    assert "performance_reward" in tj and "performance_reward" in sjz


def test_provincial_reward_is_not_also_a_performance_reward():
    assert classify("对新认定的省级产业技术研究院给予 100 万元的奖励") == ["accreditation", "provincial_reward"]


def test_plain_text_has_no_category():
    assert classify("以习近平新时代中国特色社会主义思想为指导") == []


def test_beneficiaries_found_in_text():
    assert beneficiaries("对新认定的市级产业技术研究院，每家给予 20 万元建设资金", "construction_subsidy") == ["产业技术研究院"]


def test_lexicon_loads_and_names_are_unique():
    assert len({i.name for i in lexicon().instruments}) == len(lexicon().instruments) >= 10
    with pytest.raises(ValueError):
        InstrumentsLexicon.model_validate({"instruments": [
            {"name": "a", "label": "甲", "cues": ["x"]}, {"name": "a", "label": "乙", "cues": ["y"]}]})

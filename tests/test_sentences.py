"""Sentence spans and obligation conditions on the edge cases their fast paths must keep."""
import pytest

from policyparse.dimensions.obligation.parse import conditions
from policyparse.dimensions.sentences import FULL_STOPS, spans


@pytest.mark.parametrize("text,expected", [
    ("甲（乙。丙）丁。戊", [(0, 7), (8, 9)]),  # a stop inside brackets ends no sentence
    ("“a。b”。c", [(0, 5), (6, 7)]),  # nor inside quotes
    ("a）。b", [(0, 2), (3, 4)]),  # a stray closer leaves the depth at 0
    ("a（b；c", [(0, 5)]),  # an unclosed bracket holds the rest together
    (" a 。\u3000b ", [(1, 2), (5, 6)]),  # ASCII and ideographic space trimmed
    ("。；", []),  # empty sentences are dropped
])
def test_spans(text, expected):
    assert spans(text) == expected


def test_spans_full_stops_keep_semicolon_sentences_whole():
    assert spans("a；b。c", FULL_STOPS) == [(0, 3), (4, 5)]


@pytest.mark.parametrize("sentence,expected", [
    ("加强监管", []),
    ("未能享受进口税收优惠的，可申请补助", ["未能享受进口税收优惠的"]),  # leading …的，
    ("对符合条件的企业，给予支持", ["符合条件的"]),  # 对… is a topic, 符合条件的 the condition
    ("经市政府批准后，由市科技局组织实施", ["经市政府批准后"]),
    ("同等条件下优先支持", ["同等条件下"]),
    ("对于符合条件的，给予奖励", ["对于符合条件的"]),  # the shorter matches inside it are not repeated
])
def test_conditions(sentence, expected):
    assert conditions(sentence) == expected

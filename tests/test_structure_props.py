"""Invariants of build() on generated documents made of policy-like lines."""
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.model import Document
from policyparse.normalize import normalize
from policyparse.structure import build
from policyparse.structure.paragraphs import paragraphs

LINES = st.sampled_from([
    "一、总体要求", "二、主要任务", "三、保障措施", "（一）加强领导。各区要落实。", "(二) 加大支持，每家给予 20 万元。",
    "1.完善机制。推动改革。", "2、强化服务", "（1）细则", "——聚焦产业。围绕需求。", "--企业主体。", "第一条 为了规范。",
    "第二章 认定", "附件：申报书", "附件", "天津市人民政府", "2022年1月19日", "〔2022〕—10", "各区人民政府：",
    "现将《天津市若干措施》印发给你们，请遵照执行。", "天津市支持创新的若干措施", "本意见自发布之日起实施。",
    "0次浏览", "发布时间:2025-05-18 19:53:00", "-", "到2025年，经认定的产业技术研究院达到30家。",
    "1.1国内外发展趋势", "目录 ........ 3", "（联系单位及电话：天津市科学技术局，022-58832829）",
    "坚持以产业技术研发为重点，瞄准产业链、创新链的中高端，高标准遴选高校、科研院所进行合作", "律，由市、县两级政府共同支持。",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=25), st.sampled_from(["\n", "\n\n", "\r\n\r\n"]))
def test_clauses_and_sections_hold_their_invariants(lines, sep):
    doc = build(Document(text=normalize(sep.join(lines))))
    text = doc.text
    for c in doc.clauses:
        assert text[c.start:c.end] == c.text and c.text
    for a, b in zip(doc.clauses, doc.clauses[1:]):
        assert a.end <= b.start
    assert len({c.id for c in doc.clauses}) == len(doc.clauses)
    first = doc.clauses[0].start if doc.clauses else len(text)
    for p in paragraphs(text):  # everything after the chrome is covered, paragraph by paragraph
        if p.start >= first:
            assert doc.clause_at(p.start) is not None and doc.clause_at(p.start).end == p.end
    ids = [s.id for s in doc.walk()]
    assert len(ids) == len(set(ids))
    for s in doc.walk():
        assert 0 <= s.start < s.end <= len(text)
        for ch in s.children:
            assert s.start < ch.start and ch.end <= s.end and ch.level > s.level
    for a in doc.attachments:
        assert all(s.end <= a.start for s in doc.sections)
    assert 0 <= doc.body_start <= len(text)

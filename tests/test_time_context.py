"""Times written without a year take it from their clause or the document date (issue 11)."""
from policyparse.extract import extract
from policyparse.model import Document
from policyparse.normalize import normalize
from policyparse.structure import build


def _times(body: str, date=None):
    doc = build(Document(text=normalize("关于申报的通知\n" + body)))
    if date:
        doc.date = date
    return [r for r in extract(doc, ["time"])]


def test_month_day_range_takes_the_document_year():
    t = next(r for r in _times("申报时间为3月1日-3月31日。", "2024-02-10") if r.type == "range")
    assert (t.year, t.month, t.day, t.end_year, t.end_month, t.end_day) == (2024, 3, 1, 2024, 3, 31)
    assert t.year_inferred


def test_a_year_written_earlier_in_the_clause_wins():
    ts = _times("2023年度申报工作，受理时间为12月1日-1月15日。", "2024-02-10")
    r = next(t for t in ts if t.type == "range")
    assert (r.year, r.end_year) == (2023, 2024) and r.year_inferred


def test_deadline_with_clock_takes_the_year_and_keeps_the_time():
    r = next(t for t in _times("请于5月20日17:30前提交材料。", "2024-05-01") if t.type == "deadline")
    assert (r.year, r.month, r.day, r.hour, r.minute) == (2024, 5, 20, 17, 30)


def test_a_yearly_deadline_keeps_no_year():
    ts = _times("每年三月底前报送上年度总结。", "2024-05-01")
    r = next(t for t in ts if t.type == "deadline")
    assert r.month == 3 and r.year is None and not r.year_inferred


def test_no_document_date_no_year():
    r = next(t for t in _times("申报时间为3月1日-3月31日。") if t.type == "range")
    assert r.year is None and not r.year_inferred

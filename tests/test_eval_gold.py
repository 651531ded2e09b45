"""Locating gold snippets in normalised text, and every gold file in gold/ loading cleanly."""
import json
from pathlib import Path

import pytest

from policyparse.eval import GoldError, TextIndex, load_gold
from policyparse.eval.locate import key

ROOT = Path(__file__).resolve().parents[1]
GOLD_FILES = sorted((ROOT / "gold").glob("*.json"))
# development gold on real documents (gold/real/ → corpus/real/): looked at while writing rules
REAL_DEV_FILES = sorted((ROOT / "gold" / "real").glob("*.json"))


def test_whitespace_inside_the_document_is_ignored():
    ix = TextIndex("目标：到 2025 年，达到 50 家。")
    s, e = ix.locate("到2025年")
    assert ix.text[s:e] == "到 2025 年"
    s, e = ix.locate("50家")
    assert ix.text[s:e] == "50 家"


def test_page_break_inside_a_word():
    ix = TextIndex("对产业技\n\n术研究院依托单位")
    s, e = ix.locate("产业技术研究院")
    assert ix.text[s:e] == "产业技\n\n术研究院"


def test_width_differences_are_ignored():
    ix = TextIndex("（一）其中市、区各占50%，不超过1000万元")
    assert ix.locate("(一)") == (0, 3)
    s, e = ix.locate("各占５０％")
    assert ix.text[s:e] == "各占50%"
    assert key("１０００万元") == key("1000万元")


def test_context_picks_the_occurrence():
    text = "每家每年奖励额度最高；每家每年补贴额度不高于"
    ix = TextIndex(text)
    s, _ = ix.locate("每年", context="每家每年补贴额度")
    assert s == text.index("每家每年补贴") + 2
    assert ix.locate("每年", occurrence=2) == (s, s + 2)
    assert ix.locate("每年") == (2, 4)


@pytest.mark.parametrize("args,reason", [
    (("每年", "每家每年"), "occurs 2 times"),
    (("每月", "每家每年补贴"), "not inside context"),
    (("每月", None), "not found"),
])
def test_locate_failures_say_why(args, reason):
    ix = TextIndex("每家每年奖励；每家每年补贴")
    with pytest.raises(LookupError, match=reason):
        ix.locate(*args)
    with pytest.raises(LookupError, match="only 2 occurrence"):
        ix.locate("每年", occurrence=3)


def test_unlocatable_gold_record_is_a_one_line_error_naming_file_and_text(tmp_path, corpus_dir):
    p = tmp_path / "bad.json"
    p.write_text(json.dumps({"file": "corpus/tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.txt",
                             "records": [{"kind": "money", "text": "最高不超过9999万元", "value": 9.999e7}]},
                            ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldError) as ei:
        load_gold(p, corpus=corpus_dir)
    msg = str(ei.value)
    assert msg.startswith(f"{p}: ") and "最高不超过9999万元" in msg and "\n" not in msg


def test_invalid_gold_record_is_an_error(tmp_path, corpus_dir):
    p = tmp_path / "bad.json"
    p.write_text(json.dumps({"file": "x/tianjin_2021_renda-0700-jianyi-dafu.txt",
                             "records": [{"kind": "obligation", "text": "全面开展大学科技园认定工作"}]},
                            ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldError, match="invalid"):  # an obligation needs a deontic
        load_gold(p, corpus=corpus_dir)


def test_gold_dir_exists():
    assert len(GOLD_FILES) >= 3


@pytest.mark.parametrize("path", GOLD_FILES + REAL_DEV_FILES, ids=lambda p: p.stem)
def test_every_gold_record_locates(path, corpus_dir):
    gf = load_gold(path, corpus=ROOT / "corpus" / "real" if path.parent.name == "real" else corpus_dir)
    raw = json.loads(path.read_text(encoding="utf-8"))["records"]
    assert len(gf.records) == len(raw)
    ix = TextIndex(gf.doc.text)
    for g, r in zip(gf.records, raw):
        rec = g.record
        assert gf.doc.text[rec.start:rec.end] == rec.text
        assert key(rec.text) == key(r["text"])
        # a snippet that occurs more than once must say which occurrence it means
        if "context" not in r and "occurrence" not in r:
            assert ix.count(r["text"]) == 1, f"{path.name}: {r['text']!r} is ambiguous without context"

#!/usr/bin/env python
"""Dev-only: score two peer libraries on our gold money and time records, beside policyparse.

    .venv/bin/python scripts/peers.py [GOLD_DIR] [--corpus DIR]

Peers: jionlp (jio.ner.extract_money / extract_time) and Microsoft Recognizers-Text
(recognize_currency / recognize_datetime, culture zh-cn). Their outputs are mapped to our
record shape (values in yuan, bounds from their modifiers) and scored with the same matcher
as ours (policyparse.eval). A peer that is not importable is skipped with a one-line note.
Network access is blocked while peers run: nothing may be downloaded.

Adapter rules, applied to both peers alike (they have no deadline/start notion of their own):
  * a point (year/month/day) right after 到/至/截至 in the document is a ``deadline``;
  * an open span (end 'inf', or the reference year not named in the text: "2020年后",
    "…以来") is a ``start``.
Recognizers-Text ends date ranges exclusively; its "2021—2023年" ends 2023-01-01 (P2Y), so the
mapped end_year is 2022: that is its reading, kept as given.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import logging
import re
import socket
import sys
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policyparse.eval import evaluate, load_gold_dir  # noqa: E402
from policyparse.model import Document, Money, Record, Time  # noqa: E402

KINDS = ("money", "time")
_DEADLINE_BEFORE = ("截至", "到", "至")
_UNIT = {"Y": "year", "M": "month", "W": "week", "D": "day"}


@contextlib.contextmanager
def no_network():
    """Any connection attempt raises: peers must work offline."""
    real = socket.socket.connect

    def refuse(self, *a, **k):
        raise OSError("network blocked by scripts/peers.py")
    socket.socket.connect = refuse
    try:
        yield
    finally:
        socket.socket.connect = real


def reference_date(doc: Document) -> dt.date:
    """The document's date, else 1 January of the year in its file name, else today."""
    if doc.date and re.match(r"\d{4}-\d{2}-\d{2}$", doc.date):
        return dt.date.fromisoformat(doc.date)
    m = re.search(r"_(\d{4})_", Path(doc.path or "").name)
    return dt.date(int(m.group(1)), 1, 1) if m else dt.date.today()


def paragraphs(text: str):
    """(offset, paragraph) for every non-empty line: peers run paragraph by paragraph."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, line
        pos += len(line) + 1


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def point_type(doc_text: str, start: int) -> str:
    before = doc_text[max(0, start - 4):start].rstrip()  # "到 2025 年" has a space after 到
    return "deadline" if before.endswith(_DEADLINE_BEFORE) else "date"


def quantity(bound: str, num) -> dict:
    """Our value/low/high for a bound and one number (or a [low, high] pair)."""
    if isinstance(num, (list, tuple)):
        return {"low": float(num[0]), "high": float(num[1]), "bound": "range"}
    v = float(num)
    if bound in ("gt", "ge"):
        return {"value": v, "low": v, "bound": bound}
    if bound in ("lt", "le"):
        return {"value": v, "high": v, "bound": bound}
    return {"value": v, "bound": bound}


# ---------------------------------------------------------------- jionlp
def jionlp_predictor() -> Callable[[Document], list[Record]]:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp as jio  # prints a banner on import

    def money_bound(text: str, definition: str, num) -> str:
        if isinstance(num, list):
            return "range"
        if definition == "blur+":  # 超过 / 以上 / 余
            return "ge" if text.endswith("以上") else "gt"
        if definition == "blur-":  # 近 / 不足 / 以下
            return "approx" if text.startswith("近") else ("le" if text.endswith(("以下", "以内")) else "lt")
        return "approx" if definition == "blur" else "eq"

    def predict(doc: Document) -> list[Record]:
        ref = reference_date(doc)
        base = {"year": ref.year, "month": ref.month, "day": ref.day}
        out: list[Record] = []
        for off, para in paragraphs(doc.text):
            # jionlp logs (and swallows) its own parse failures; keep them out of the report
            logging.disable(logging.CRITICAL)
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    monies = jio.ner.extract_money(para, with_parsing=True)
                    times = jio.ner.extract_time(para, time_base=base, with_parsing=True)
            finally:
                logging.disable(logging.NOTSET)
            for m in monies:
                s, e = trim(doc.text, off + m["offset"][0], off + m["offset"][1])
                d = m.get("detail") or {}
                if "num" not in d:
                    continue
                text = doc.text[s:e]
                cur = "USD" if d.get("case") == "美元" else ("CNY" if d.get("case") == "元" else str(d.get("case")))
                out.append(Money(text=text, start=s, end=e, currency=cur,
                                 **quantity(money_bound(text, d.get("definition", ""), d["num"]), d["num"])))
            for t in times:
                rec = jionlp_time(doc.text, off, t, ref)
                if rec is not None:
                    out.append(rec)
        return out

    return predict


def _iso(v) -> Optional[dt.datetime]:
    try:
        return dt.datetime.fromisoformat(v)
    except (TypeError, ValueError):
        return None


def jionlp_time(doc_text: str, off: int, t: dict, ref: dt.date) -> Optional[Time]:
    s, e = trim(doc_text, off + t["offset"][0], off + t["offset"][1])
    d = t.get("detail") or {}
    kind, val = d.get("type") or t.get("type"), d.get("time")
    base = dict(text=doc_text[s:e], start=s, end=e)
    if kind == "time_point" and isinstance(val, list):
        a = _iso(val[0])
        return Time(type=point_type(doc_text, s), year=a.year, **base) if a else None
    if kind == "time_span" and isinstance(val, list):
        a, b = _iso(val[0]), _iso(val[1])  # an open end is 'inf'
        if a is None:
            return None
        # open-ended: 'inf', or running to the reference year without naming it ("2020年9月以来")
        if b is None or (b.year == ref.year and str(b.year) not in base["text"]):
            return Time(type="start", year=a.year, **base)
        return Time(type="range", year=a.year, end_year=b.year, **base)
    if kind == "time_period" and isinstance(val, dict):
        unit, n = next(iter((val.get("delta") or {}).items()), (None, None))
        if unit in ("year", "month", "week", "day"):
            return Time(type="period", every=float(n), unit=unit, **base)
        return None
    if kind == "time_delta" and isinstance(val, dict):
        unit, n = next(iter(val.items()), (None, None))
        if unit in ("year", "month", "week", "day") and not isinstance(n, list):
            return Time(type="duration", value=float(n), unit=unit, **base)
    return None


# ---------------------------------------------------------------- recognizers-text
def recognizers_predictor() -> Callable[[Document], list[Record]]:
    from recognizers_date_time import recognize_datetime
    from recognizers_number_with_unit import recognize_currency
    from recognizers_text import Culture

    def predict(doc: Document) -> list[Record]:
        ref = reference_date(doc)
        refdt = dt.datetime(ref.year, ref.month, ref.day)
        out: list[Record] = []
        for off, para in paragraphs(doc.text):
            for r in recognize_currency(para, Culture.Chinese):
                res = r.resolution or {}
                if res.get("value") in (None, ""):
                    continue
                s, e = trim(doc.text, off + r.start, off + r.end + 1)  # their end is inclusive
                out.append(Money(text=doc.text[s:e], start=s, end=e, currency=res.get("isoCurrency") or "CNY",
                                 value=float(res["value"]), bound="eq"))
            for r in recognize_datetime(para, Culture.Chinese, reference=refdt):
                rec = recognizers_time(doc.text, off, r)
                if rec is not None:
                    out.append(rec)
        return out

    return predict


def _year(s: Optional[str]) -> Optional[int]:
    return int(s[:4]) if s and s[:4].isdigit() else None


def recognizers_time(doc_text: str, off: int, r) -> Optional[Time]:
    s, e = trim(doc_text, off + r.start, off + r.end + 1)
    values = (r.resolution or {}).get("values") or []
    if not values:
        return None
    v = values[0]
    timex, typ, mod = v.get("timex", ""), v.get("type", ""), v.get("Mod", "")
    base = dict(text=doc_text[s:e], start=s, end=e)
    if mod in ("since", "after", "since-end"):
        return Time(type="start", year=_year(v.get("start") or v.get("value")), **base)
    if mod in ("before", "until"):
        return Time(type="deadline", year=_year(v.get("end") or v.get("value")), **base)
    if typ == "set":
        m = re.fullmatch(r"P(\d+(?:\.\d+)?)([YMWD])", timex)
        return Time(type="period", every=float(m.group(1)), unit=_UNIT[m.group(2)], **base) if m else None
    if typ == "duration":
        m = re.fullmatch(r"P(\d+(?:\.\d+)?)([YMWD])", timex)
        return Time(type="duration", value=float(m.group(1)), unit=_UNIT[m.group(2)], **base) if m else None
    if typ in ("date", "daterange") and not timex.startswith("("):
        return Time(type=point_type(doc_text, s), year=_year(timex), **base)  # XXXX-10 → year None
    if typ == "daterange":
        a, b = v.get("start"), v.get("end")
        last = dt.date.fromisoformat(b) - dt.timedelta(days=1) if b else None  # their end is exclusive
        return Time(type="range", year=_year(a), end_year=last.year if last else None, **base)
    return None


# ---------------------------------------------------------------- report
def ours() -> Callable[[Document], list[Record]]:
    from policyparse.extract import extract
    return lambda doc: extract(doc.model_copy(), KINDS)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dir", nargs="?", default=str(ROOT / "gold"))
    ap.add_argument("--corpus", default=None)
    args = ap.parse_args(argv)
    files, errors = load_gold_dir(args.gold_dir, args.corpus)
    for e in errors:
        print(f"gold error: {e}")
    n_gold = {k: sum(g.kind == k for f in files for g in f.records) for k in KINDS}
    print(f"{len(files)} gold files; gold records: " + ", ".join(f"{k} {n}" for k, n in n_gold.items()))

    systems: list[tuple[str, Callable]] = [("policyparse", ours)]
    systems += [("jionlp", jionlp_predictor), ("recognizers-text", recognizers_predictor)]
    rows = []
    for name, make in systems:
        try:
            with no_network():
                predict = make()
        except ImportError as e:
            print(f"skip {name}: not importable ({e})")
            continue
        with no_network():
            ev = evaluate(files, predict, KINDS)
        for line in ev.errors:
            print(f"{name}: {line}")
        d = ev.as_dict()
        for k in KINDS + ("all",):
            s = d["all"] if k == "all" else d["kinds"].get(k)
            if s:
                rows.append((name, k, s))
    head = f"{'system':<17} {'kind':<6} {'gold':>4} {'pred':>4} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6} {'spanF1':>7}"
    print(head)
    print("-" * len(head))
    for name, k, s in rows:
        print(f"{name:<17} {k:<6} {s['gold']:>4} {s['pred']:>4} {s['tp']:>4} {s['precision']:>6.3f} "
              f"{s['recall']:>6.3f} {s['f1']:>6.3f} {s['span_f1']:>7.3f}")
    print("P/R/F1: span overlap + normalised value (money value/low/high ±1e-6; time type+year+end_year+every+value);"
          " spanF1: overlap only.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

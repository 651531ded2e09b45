"""Generic runner over every src/policyparse/dimensions/*/examples.yaml (Duckling style).

File format — a YAML list; each item is one example:

    - text: 每家每年奖励额度最高不超过1000万元      # the input handed to search()
      expect: {text: 最高不超过1000万元, value: 1.0e+7, high: 1.0e+7, bound: le, per: 每家每年}
    - text: 一批                                     # a negative: search() must find nothing
      expect: null
    - text: 少于三成
      expect: {text: 少于三成, value: 30, high: 30, bound: lt}
      xfail: 成 (tenths) is not read yet              # optional: a known failure, run strictly

Rules, for the dimension <kind> whose folder holds the file:
- ``policyparse.dimensions.<kind>.search(text)`` must return exactly one record when ``expect``
  is a mapping, none when it is null.
- Every field named in ``expect`` must equal the record's field (floats to a relative 1e-9;
  lists element-wise); fields not named are not checked. ``text`` in ``expect`` is the matched
  surface, and ``text[start:end]`` of the input must equal it.
- When ``expect`` names ``text`` and the module has ``parse``, ``parse(expect.text)`` must give
  the same fields too (the whole surface parses alone).
- ``expect`` may also be a list of mappings (10、20、30万元 → three records): search() must
  return exactly that many records, in order, each checked as above.
- ``xfail: <reason>`` marks a known gap: it must still fail (strict), so a fix is noticed.
- Also accepted, for dimensions whose search takes context: the list under a top-level
  ``examples:`` key, ``phrase`` as a synonym of ``text``, and any other key of an item (e.g.
  ``city: 天津``) passed to ``search`` as a keyword argument.
"""
from __future__ import annotations

import importlib
import math
from pathlib import Path

import pytest
import yaml

DIMENSIONS = Path(__file__).resolve().parents[1] / "src" / "policyparse" / "dimensions"
QUANTITY_KINDS = {"money", "percent", "count", "area"}


def _load():
    cases = []
    for f in sorted(DIMENSIONS.glob("*/examples.yaml")):
        kind = f.parent.name
        items = yaml.safe_load(f.read_text(encoding="utf-8")) or []
        if isinstance(items, dict):
            items = items.get("examples") or []
        for i, item in enumerate(items):
            if "text" not in item and "phrase" in item:
                item = {**item, "text": item["phrase"]}
            marks = []
            if item.get("xfail"):
                marks.append(pytest.mark.xfail(strict=True, reason=str(item["xfail"])))
            cases.append(pytest.param(kind, item, id=f"{kind}-{i}-{item['text'][:24]}", marks=marks))
    return cases


CASES = _load()


def _same(got, want) -> bool:
    if isinstance(want, bool) or want is None or isinstance(want, str):
        return got == want
    if isinstance(want, (int, float)):
        return isinstance(got, (int, float)) and not isinstance(got, bool) and \
            math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(_same, got, want))
    return got == want


def _mismatches(record, expect: dict) -> list[str]:
    return [f"{k}: got {getattr(record, k, None)!r}, want {v!r}"
            for k, v in expect.items() if not _same(getattr(record, k, None), v)]


def test_examples_exist():
    kinds = {f.parent.name for f in DIMENSIONS.glob("*/examples.yaml")}
    assert {"money", "percent", "ratio", "count"} <= kinds
    assert len(CASES) >= 200


@pytest.mark.parametrize("kind,item", CASES)
def test_example(kind, item):
    module = importlib.import_module(f"policyparse.dimensions.{kind}")
    text, expect = item["text"], item.get("expect")
    # from_context: fields the words around the span decide (5月底完成: the verb makes a deadline),
    # so parse() of the span alone cannot give them
    from_context = set(item.get("from_context", ()))
    context = {k: v for k, v in item.items() if k not in ("text", "phrase", "expect", "xfail", "from_context")}
    found = module.search(text, **context)
    for r in found:
        assert text[r.start:r.end] == r.text, "offsets must index the input"
        assert r.kind == kind
    if expect is None:
        assert found == [], f"expected nothing, got {[(r.text, r.model_dump()) for r in found]}"
        return
    if isinstance(expect, list):
        assert len(found) == len(expect), f"expected {len(expect)} {kind}, got {[r.text for r in found]}"
        for record, want in zip(sorted(found, key=lambda r: r.start), expect):
            assert not _mismatches(record, want), _mismatches(record, want)
            if kind in QUANTITY_KINDS:
                _check_bound_convention(record)
        return
    assert len(found) == 1, f"expected one {kind}, got {[r.text for r in found]}"
    record = found[0]
    assert not _mismatches(record, expect), _mismatches(record, expect)
    if "text" in expect and hasattr(module, "parse"):
        alone = module.parse(expect["text"])
        assert alone is not None, f"parse({expect['text']!r}) gave None"
        assert not _mismatches(alone, {k: v for k, v in expect.items() if k not in ("per", "base", *from_context)}), \
            _mismatches(alone, expect)
    if kind in QUANTITY_KINDS:
        _check_bound_convention(record)


def _check_bound_convention(r):
    """gold/README.md: le/lt → value = high; ge/gt → value = low; range → low+high, no value."""
    if r.bound in ("le", "lt"):
        assert r.high == r.value and r.low is None
    elif r.bound in ("ge", "gt"):
        assert r.low == r.value and r.high is None
    elif r.bound == "range":
        assert r.value is None and r.low is not None and r.high is not None and r.low < r.high
    else:
        assert r.value is not None and r.low is None and r.high is None

"""Value-level changes between the records of two aligned clauses.

Records of one kind are paired by role before anything is called added or removed. A role is
what a value is *of* (ROLE: a percentage's base, a target's metric, a count's unit, a time's
type and unit). Each old record's offset is carried into the new text through the character
diff (diff-match-patch xIndex), and within a role:

1. values on both sides (every compared field equal) are unchanged, nearest first — so an 80%
   that moved inside a merged clause is neither removed nor added;
2. a tiered schedule (as many values of the role on both sides, not just reordered) is compared
   tier by tier, in order;
3. what is left of the role pairs with the nearest of the role (三年 → 2年 is one change).

Only then do values of one kind pair by nearness alone (as before: within a few characters),
and what is still unpaired is added/removed; for departments a removal and an addition in the
same clause read as a replacement (市科技主管部门 → 市科技局).
"""
from __future__ import annotations

from typing import Iterable

from diff_match_patch import diff_match_patch

from ..model import Record
from .model import Change

# the fields whose change matters, per kind (everything else is span bookkeeping)
FIELDS: dict[str, tuple[str, ...]] = {
    "money": ("value", "low", "high", "bound", "per", "currency"),
    "percent": ("value", "low", "high", "bound", "base"),
    "ratio": ("terms",),
    "count": ("value", "low", "high", "bound", "unit"),
    "area": ("value", "low", "high", "bound", "unit"),
    "time": ("type", "year", "month", "day", "end_year", "every", "value", "unit"),
    "department": ("name", "role", "text"),  # text: 市科技主管部门 → 市科技局 is a change of wording
    "target": ("metric", "value", "unit", "bound", "year"),
    "obligation": ("deontic",),
}
# whole-clause insertions/deletions report these kinds as added/removed values
STANDALONE = ("money", "percent", "ratio", "count", "area", "time", "department", "target")
# what a value is of: values of one role pair before any is called added or removed
ROLE: dict[str, tuple[str, ...]] = {
    "money": ("currency",), "percent": ("base",), "ratio": (), "count": ("unit",), "area": ("unit",),
    "time": ("type", "unit"), "target": ("metric", "unit"), "department": ("name",), "obligation": (),
}


def _local(records: Iterable[Record], spans: list[tuple[int, int, int]]) -> list[tuple[int, Record]]:
    """(offset in the concatenated clause text, record) for records inside the given clauses.

    spans: (clause start in doc, clause end in doc, offset of that clause in the concatenation)
    """
    out = []
    for r in records:
        for s, e, base in spans:
            if s <= r.start < e:
                out.append((base + r.start - s, r))
                break
    return out


def _differs(a: Record, b: Record) -> list[str]:
    return [f for f in FIELDS.get(a.kind, ()) if getattr(a, f, None) != getattr(b, f, None)]


def _show(r: Record) -> str:
    if r.kind == "obligation":
        return f"{r.cue or '∅'}({r.deontic})"
    if r.kind == "department":
        return r.name if r.name == r.text else f"{r.text}[{r.name}]"
    return r.text


def _fmt(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return f"{int(v):,}"
    return str(v)


def _summary(kind: str, change: str, old: Record | None, new: Record | None, fields: list[str]) -> str:
    if change == "added":
        return f"{kind} added: {_show(new)}"
    if change == "removed":
        return f"{kind} removed: {_show(old)}"
    detail = ", ".join(f"{f} {_fmt(getattr(old, f, None))}→{_fmt(getattr(new, f, None))}" for f in fields)
    return f"{kind} {change}: {_show(old)} → {_show(new)}" + (f" ({detail})" if detail else "")


def value_changes(old_text: str, new_text: str, diffs, old_recs: list[tuple[int, Record]],
                  new_recs: list[tuple[int, Record]]) -> list[Change]:
    dmp = diff_match_patch()
    changes: list[Change] = []
    for kind in FIELDS:
        olds = [(p, r) for p, r in old_recs if r.kind == kind]
        news = [(p, r) for p, r in new_recs if r.kind == kind]
        if not olds and not news:
            continue
        mapped = [dmp.diff_xIndex(diffs, p) for p, _ in olds]
        used_o: set[int] = set()
        used_n: set[int] = set()
        for i, j in _pairs(kind, olds, news, mapped, used_o, used_n):
            a, b = olds[i][1], news[j][1]
            fields = _differs(a, b)
            if fields:
                changes.append(Change(kind=kind, change="changed", field=fields[0], old=a.model_dump(),
                                      new=b.model_dump(), summary=_summary(kind, "changed", a, b, fields)))
        gone = [olds[i][1] for i in range(len(olds)) if i not in used_o]
        came = [news[j][1] for j in range(len(news)) if j not in used_n]
        if kind == "department":
            while gone and came:
                a, b = gone.pop(0), came.pop(0)
                changes.append(Change(kind=kind, change="replaced", field="name", old=a.model_dump(),
                                      new=b.model_dump(), summary=_summary(kind, "replaced", a, b, [])))
        for a in gone:
            changes.append(Change(kind=kind, change="removed", old=a.model_dump(),
                                  summary=_summary(kind, "removed", a, None, [])))
        for b in came:
            changes.append(Change(kind=kind, change="added", new=b.model_dump(),
                                  summary=_summary(kind, "added", None, b, [])))
    return changes


def _role(kind: str, r: Record) -> tuple:
    return tuple(getattr(r, f, None) for f in ROLE[kind])


def _pairs(kind: str, olds, news, mapped: list[int], used_o: set[int], used_n: set[int]):
    """(i, j) pairs of old and new records of one kind, in the order described above; marks them used."""
    def greedy(cands):
        for _, i, j in sorted(cands):
            if i not in used_o and j not in used_n:
                used_o.add(i)
                used_n.add(j)
                yield i, j

    def dist(i, j):
        return abs(mapped[i] - news[j][0])

    if kind in ROLE:
        roles: dict[tuple, tuple[list[int], list[int]]] = {}
        for i, (_, r) in enumerate(olds):
            roles.setdefault(_role(kind, r), ([], []))[0].append(i)
        for j, (_, r) in enumerate(news):
            roles.setdefault(_role(kind, r), ([], []))[1].append(j)
        for os_, ns in roles.values():
            if not os_ or not ns:
                continue
            same = [(dist(i, j), i, j) for i in os_ for j in ns if not _differs(olds[i][1], news[j][1])]
            if len(os_) == len(ns) >= 2 and len({i for _, i, _ in same}) < len(os_):
                # a tiered schedule whose values changed: tier by tier, in written order
                order_o = sorted(os_, key=lambda i: olds[i][0])
                order_n = sorted(ns, key=lambda j: news[j][0])
                yield from greedy([(k, i, j) for k, (i, j) in enumerate(zip(order_o, order_n))])
                continue
            yield from greedy(same)
            yield from greedy([(dist(i, j), i, j) for i in os_ for j in ns])
    # by nearness alone: a value whose role changed too (每家 → 每个项目), within a few characters
    yield from greedy([(dist(i, j), i, j) for i, (_, r) in enumerate(olds) for j in range(len(news))
                       if dist(i, j) <= max(12, (r.end - r.start) + 6)])


def standalone(records: list[tuple[int, Record]], change: str) -> list[Change]:
    """Values of a clause inserted or deleted whole."""
    out = []
    for _, r in records:
        if r.kind in STANDALONE:
            old, new = (r, None) if change == "removed" else (None, r)
            out.append(Change(kind=r.kind, change=change, old=old and old.model_dump(),
                              new=new and new.model_dump(), summary=_summary(r.kind, change, old, new, [])))
    return out

"""Clause alignment that survives renumbering, moves, splits and merges.

Similarity is character-level (rapidfuzz's normalised Indel similarity on the clause's words:
Chinese has no whitespace to tokenise on). Pairs are chosen globally (Hungarian assignment over
the whole similarity matrix, never greedily), with the heading path as a small tie-breaker.
Splits and merges are found first, by containment: one old clause whose words are covered by
two or more consecutive new clauses (or the reverse).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

import numpy as np
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

from ..model import Clause
from .text import key

MIN_SIMILARITY = 0.5  # below this two clauses are unrelated: one deleted, one inserted
PATH_BONUS = 0.02  # same heading path: enough to break ties between repeated boilerplate
CONTAINED = 90.0  # partial_ratio at which a short clause counts as contained in a long one


@dataclass
class Match:
    old: list[int]
    new: list[int]
    similarity: float


def _path_tail(c: Clause) -> str:
    # the heading path without its numbers would be ideal; the path itself is a fine tie-breaker
    return c.section


def _regroups(long: list[str], short: list[str]) -> list[tuple[int, list[int]]]:
    """long[i] covered by ≥2 consecutive short clauses, each contained in it."""
    found = []
    used: set[int] = set()
    for i, lk in enumerate(long):
        if len(lk) < 8:
            continue
        run: list[int] = []
        best: list[int] = []
        for j, sk in enumerate(short):
            ok = (j not in used and 0 < len(sk) < len(lk) * 0.95
                  and fuzz.partial_ratio(sk, lk) >= CONTAINED)
            if ok:
                run.append(j)
            else:
                if len(run) > len(best):
                    best = run
                run = []
        if len(run) > len(best):
            best = run
        if len(best) >= 2:
            covered = sum(len(short[j]) for j in best)
            if covered >= 0.8 * len(lk) and _joined_ratio([short[j] for j in best], lk) >= 85:
                found.append((i, best))
                used.update(best)
    return found


def _joined_ratio(parts: list[str], whole: str) -> float:
    """How well ``parts`` joined make ``whole``; a merge may also reorder its sentences (two
    clauses merged with the second first), so a few parts are tried in every order."""
    if len(parts) > 4:
        return fuzz.ratio("".join(parts), whole)
    return max(fuzz.ratio("".join(p), whole) for p in permutations(parts))


def align(old: list[Clause], new: list[Clause]) -> list[Match]:
    ok = [key(c.text) for c in old]
    nk = [key(c.text) for c in new]
    matches: list[Match] = []
    taken_old: set[int] = set()
    taken_new: set[int] = set()

    # exact word-for-word matches first: they are certain, and keep the matrix small
    by_key: dict[str, list[int]] = {}
    for j, k in enumerate(nk):
        by_key.setdefault(k, []).append(j)
    for i, k in enumerate(ok):
        cands = [j for j in by_key.get(k, []) if j not in taken_new]
        if k and cands:
            j = min(cands, key=lambda j: (old[i].section != new[j].section, abs(j - i)))
            matches.append(Match([i], [j], 1.0))
            taken_old.add(i)
            taken_new.add(j)

    # splits (one old → several new), then merges (several old → one new): the same search
    # with the two sides swapped
    for split in (True, False):
        rest_old = [i for i in range(len(old)) if i not in taken_old]
        rest_new = [j for j in range(len(new)) if j not in taken_new]
        (one_rest, one_keys), (many_rest, many_keys) = (
            ((rest_old, ok), (rest_new, nk)) if split else ((rest_new, nk), (rest_old, ok)))
        for a, bs in _regroups([one_keys[x] for x in one_rest], [many_keys[y] for y in many_rest]):
            one, many = one_rest[a], [many_rest[b] for b in bs]
            sim = fuzz.ratio("".join(many_keys[y] for y in many), one_keys[one]) / 100
            if split:
                matches.append(Match([one], many, sim))
                taken_old.add(one)
                taken_new.update(many)
            else:
                matches.append(Match(many, [one], sim))
                taken_new.add(one)
                taken_old.update(many)
    rest_old = [i for i in range(len(old)) if i not in taken_old]
    rest_new = [j for j in range(len(new)) if j not in taken_new]

    # global 1:1 assignment on what is left
    if rest_old and rest_new:
        sim = process.cdist([ok[i] for i in rest_old], [nk[j] for j in rest_new],
                            scorer=fuzz.ratio, dtype=np.float32, workers=1) / 100.0
        same_path = np.array([[old[i].section == new[j].section for j in rest_new] for i in rest_old])
        score = sim + PATH_BONUS * same_path
        rows, cols = linear_sum_assignment(-score)
        for r, c in zip(rows, cols):
            if sim[r, c] >= MIN_SIMILARITY:
                matches.append(Match([rest_old[r]], [rest_new[c]], float(sim[r, c])))
                taken_old.add(rest_old[r])
                taken_new.add(rest_new[c])

    matches += [Match([i], [], 0.0) for i in range(len(old)) if i not in taken_old]
    matches += [Match([], [j], 0.0) for j in range(len(new)) if j not in taken_new]
    return matches


def moved(matches: list[Match]) -> set[int]:
    """Indices (into matches) of 1:1 pairs outside the longest order-preserving chain."""
    pairs = sorted((m.old[0], m.new[0], k) for k, m in enumerate(matches) if m.old and m.new)
    seq = [n for _, n, _ in pairs]
    # longest increasing subsequence, O(n log n), keeping predecessors to recover the chain
    import bisect
    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    for i, v in enumerate(seq):
        p = bisect.bisect_left(tails, v)
        if p == len(tails):
            tails.append(v)
            tails_idx.append(i)
        else:
            tails[p] = v
            tails_idx[p] = i
        prev[i] = tails_idx[p - 1] if p else -1
    chain: set[int] = set()
    i = tails_idx[-1] if tails_idx else -1
    while i >= 0:
        chain.add(i)
        i = prev[i]
    return {pairs[i][2] for i in range(len(pairs)) if i not in chain}

"""One sentence → its obligation parts: cue, subject, aim, object, conditions.

Cues come from deontic.yaml (the first one in the sentence wins; 原则上应 beats 应 at one
position). A sentence with no cue is a bare imperative when, after enumerators (一是),
conditions (对…的，) and a stated subject, it opens with a verb: the verb lexicon first, jieba's
part-of-speech tag second (jieba says 完善 is a verb but 常态化 is a noun, so the lexicon of
adverbials is tried before it).
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

import regex as re

from ...lexicon import load
from ...lexicon.schemas.deontic import DeonticLexicon
from ..union import union
from .context import lexicon

_PUNCT = re.compile(r"[，,。；;：:、（(）)“”《》]")
_OBJECT_STOP = re.compile(r"[，,。；;：:（(]")
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》")
_BY = re.compile(r"由([^，。；由]{2,20}?)(?:共同|统一|具体)?(?:牵头|负责|给予|组织|统筹|承担|开展|实施|支持|提供|出资|联合)")

_OBJECT_LEADS = ("的", "了", "对")  # a particle the object does not start with


@dataclass
class Cue:
    word: str
    deontic: str
    start: int
    end: int


def deontic_lexicon() -> DeonticLexicon:
    return load("deontic", DeonticLexicon)


@lru_cache(maxsize=1)
def _cue_regex() -> "re.Pattern":
    parts = []
    for c in sorted(deontic_lexicon().cues, key=lambda c: len(c.cue), reverse=True):
        p = re.escape(c.cue)
        if c.not_preceded_by:
            # (?<!x)cue written as cue(?<!(?:x)cue): the same test, but with the literal first the
            # engine jumps to the cue's characters instead of trying every alternative everywhere
            p += "".join(f"(?<!(?:{x}){re.escape(c.cue)})" for x in c.not_preceded_by)
        if c.not_followed_by:
            p += f"(?!{'|'.join(c.not_followed_by)})"
        parts.append(f"(?P<c{len(parts)}>{p})")
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def _cue_order():
    return sorted(deontic_lexicon().cues, key=lambda c: len(c.cue), reverse=True)


def _blank(m) -> str:
    return "　" * len(m.group())


def first_cue(s: str) -> Optional[Cue]:
    """The first deontic cue outside quotes (“政府引导+多元化投资” names a model, not a cue)."""
    # _QUOTED can only match from “ or 《: without them the sentence is its own mask
    masked = _QUOTED.sub(_blank, s) if "“" in s or "《" in s else s
    m = _cue_regex().search(masked)
    if not m:
        return None
    c = _cue_of_group()[m.lastindex]
    return Cue(c.cue, c.deontic, m.start(), m.end())


@lru_cache(maxsize=1)
def _cue_of_group() -> dict:
    """{number of the group c<k>: the k-th cue} (m.lastgroup names that group; its number is an int
    index instead of a name to parse)."""
    order = _cue_order()
    return {n: order[int(name[1:])] for name, n in _cue_regex().groupindex.items()
            if name.startswith("c") and name[1:].isdigit()}


@lru_cache(maxsize=1)
def _jieba():
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    # the default POS tokenizer itself (pseg.cut only forwards to it, one generator deeper per word)
    return pseg.dt


# per thread (a generator must not be shared between threads):
# string -> [pairs tagged so far, jieba's generator or None once exhausted]
_LOCAL = threading.local()


def _memo() -> dict[str, list]:
    d = getattr(_LOCAL, "tokens", None)
    if d is None:
        d = _LOCAL.tokens = {}
    return d


def clear_tokens() -> None:
    """Forget tagged strings (called once per clause, so the memo stays small)."""
    _memo().clear()


def iter_tokens(s: str) -> Iterator[tuple[str, str]]:
    """jieba's (word, tag) pairs of ``s``, tagged lazily and once per string.

    posseg is the slow part, and its HMM runs per run of unknown characters as the words are
    asked for: a caller that needs only the first word(s) does not pay for the rest.
    """
    entry = _entry(s)
    done, i = entry[0], 0
    while True:
        if i < len(done):
            yield done[i]
            i += 1
            continue
        if not _draw(entry):
            return


def _entry(s: str) -> list:
    """[pairs tagged so far, jieba's generator or None once exhausted] of ``s``."""
    memo = _memo()
    entry = memo.get(s)
    if entry is None:
        if len(memo) > 1024:  # a caller that never clears
            memo.clear()
        entry = memo[s] = [[], _jieba().cut(s)]
    return entry


def _draw(entry: list) -> bool:
    """Tag one more word of the entry's string; False when there is none."""
    if entry[1] is None:
        return False
    w = next(entry[1], None)
    if w is None:
        entry[1] = None
        return False
    entry[0].append((w.word, w.flag))
    return True


def first_token(s: str) -> Optional[tuple[str, str]]:
    """``next(iter_tokens(s), None)`` without a generator (most callers want only the first word)."""
    entry = _entry(s)
    if entry[0] or _draw(entry):
        return entry[0][0]
    return None


def tokens(s: str) -> list[tuple[str, str]]:
    return list(iter_tokens(s))


@lru_cache(maxsize=1)
def _lead_regexes():
    lex = lexicon()
    verbs = sorted(lex.imperative_verbs, key=len, reverse=True)
    adv = sorted(lex.adverbials, key=len, reverse=True)
    enum = sorted(lex.enumerators, key=len, reverse=True)
    return (re.compile(f"(?:{'|'.join(map(re.escape, verbs))})"),
            re.compile(f"(?:{'|'.join(map(re.escape, adv))})+"),
            re.compile(f"(?:{'|'.join(map(re.escape, enum))})+"),
            re.compile(f"(?:{'|'.join(map(re.escape, sorted(lex.prepositions, key=len, reverse=True)))})"))


def skip_enumerators(s: str, i: int = 0) -> int:
    m = _lead_regexes()[2].match(s, i)
    return m.end() if m else i


def skip_leading_phrases(s: str, i: int) -> int:
    """Past leading conditions and prepositional phrases closed by a comma (对…的， / 根据…，)."""
    _, _, _, prep = _lead_regexes()
    while True:
        comma = _PUNCT_COMMA.search(s, i)
        if not comma:
            return i
        head = s[i:comma.start()]
        if head.endswith(("的", "后", "下", "前", "时", "中")) or prep.match(s, i) \
                or head.startswith("目前"):
            i = comma.end()
            continue
        return i


_PUNCT_COMMA = re.compile(r"[，,]")


def opens_with_verb(s: str, i: int, lexicon_only: bool = False) -> Optional[tuple[int, int]]:
    """The span of the verb a bare imperative opens with at ``i`` (after adverbials), or None.

    ``lexicon_only``: trust only the verb lexicon (short bullet labels such as 治理结构, where
    jieba's tag would make a noun phrase a verb).
    """
    verbs, adv, _, _ = _lead_regexes()
    m = adv.match(s, i)
    j = m.end() if m else i
    v = verbs.match(s, j)
    if v and whole_word(s, v.start(), v.end()):
        return v.span()
    if lexicon_only or j >= len(s):  # nothing left to tag
        return None
    first = first_token(s[j:j + 12])
    if first and first[1] in ("v", "vd", "vi", "vg"):
        return j, j + len(first[0])
    if first and first[0] in _BENEFACTIVE and m:  # 积极为企业提供…: adverb, 为/向 X, then the verb
        for w, flag in iter_tokens(s[j + 1:j + 24]):
            if w in "，,。；;":
                break
            if flag in ("v", "vd", "vi") or verbs.fullmatch(w):
                k = s.find(w, j + 1)
                return k, k + len(w)
    return None


_BENEFACTIVE = frozenset({"为", "向"})


# A verb followed by one of these is the first half of a noun (研究院, 创新中心, 服务机构).
_NOUN_TAIL = re.compile(r"院|中心|所(?!有)|机构|人员|体系|主体|能力|资金|平台|基金|联盟|专项|项目|工作站|实验室")


def whole_word(s: str, a: int, b: int) -> bool:
    """False when s[a:b] is only the start of a noun (研究 in 研究院, 创新 in 创新中心)."""
    return not _NOUN_TAIL.match(s, b)


def first_verb(s: str, i: int, end: int) -> Optional[tuple[int, int]]:
    """The first verb at or after ``i``: a lexicon verb right there (after adverbials), else jieba's."""
    v = opens_with_verb(s, i)
    if v:
        return v
    pos = i
    verbs, _, _, _ = _lead_regexes()
    for w, flag in iter_tokens(s[i:end]):
        if flag in ("v", "vd", "vi", "vg") or (flag == "vn" and verbs.fullmatch(w)):
            return pos, pos + len(w)
        pos += len(w)
    return None


_NOT_SUBJECT_START = frozenset({"会同", "与", "同", "和", "向", "跟", "协同", "配合"})


@lru_cache(maxsize=1)
def _adverb_words() -> frozenset:
    return frozenset(lexicon().adverbials)


def noun_phrase_subject(s: str, i: int, cue_start: int) -> Optional[tuple[int, int]]:
    """A short noun phrase between ``i`` and the cue: the sentence's stated subject."""
    seg = s[i:cue_start]
    if not (2 <= len(seg.strip()) <= 24) or _PUNCT_COMMA.search(seg) or "。" in seg:
        return None
    if seg.startswith(("由", "每")) or opens_with_verb(s, i):
        return None
    toks = []
    for w, f in iter_tokens(seg):
        if f.startswith("v") and f != "vn":
            return None  # a verb: no noun phrase (the words after it need no tagging)
        toks.append((w, f))
    # trailing adverbs belong to the predicate (各区（功能区）共同要…, 青浦区重点推进…: jieba may tag
    # the adverb a noun, the adverbial lexicon knows it)
    adverbs = _adverb_words()
    while toks and (toks[-1][1] in ("d", "ad", "c") or toks[-1][0] in adverbs) and len(toks) > 1:
        toks.pop()
    if not toks or toks[0][0] in _NOT_SUBJECT_START or toks[0][0] in adverbs:
        return None  # 会同X制定…: X joins the omitted subject; 稳步有序推进…: no subject at all
    if toks[-1][1] not in ("n", "nr", "ns", "nt", "nz", "nrt", "j", "r", "x", "vn", "l", "an", "ng", "m", "q"):
        return None
    text = "".join(w for w, _ in toks).strip()
    a = s.index(text, i)
    return a, a + len(text)


def _leading_conditions(s: str) -> list[tuple[int, int]]:
    """Leading comma phrases ending in 的 (未能享受进口税收优惠的，), past topic phrases (对…，)."""
    prep = _lead_regexes()[3]
    out, pos = [], skip_enumerators(s)
    for m in _PUNCT_COMMA.finditer(s, pos):
        head = s[pos:m.start()]
        if head.endswith("的") and len(head) >= 3:
            out.append((pos, m.start()))
        elif not (prep.match(s, pos) or head.endswith(("后", "下", "时", "前", "中"))):
            break
        pos = m.end()
    return out


@lru_cache(maxsize=1)
def _condition_patterns() -> tuple:
    return tuple(re.compile(p) for p in lexicon().conditions)


@lru_cache(maxsize=1)
def _condition_any() -> tuple:
    return tuple(union(lexicon().conditions))


def conditions(s: str) -> list[str]:
    out: list[str] = []
    # a leading condition is a head ending in 的 right before a comma: without 的， or 的, none
    spans: list[tuple[int, int]] = _leading_conditions(s) if "的，" in s or "的," in s else []
    if not any(p.search(s) for p in _condition_any()):  # no condition pattern matches anywhere
        return [s[a:b] for a, b in spans]  # _leading_conditions' spans are in order
    for p in _condition_patterns():
        for m in p.finditer(s):
            if any(a <= m.start() and m.end() <= b for a, b in spans):
                continue  # 符合条件的 inside a longer …的， already kept
            spans = [(a, b) for a, b in spans if not (m.start() <= a and b <= m.end())]
            spans.append((m.start(), m.end()))
    for a, b in sorted(spans):
        out.append(s[a:b])
    return out


def by_agent(s: str, i: int) -> Optional[tuple[int, int]]:
    if "由" not in s:
        return None  # _BY opens with 由
    m = _BY.search(s, i)
    return (m.start(1), m.end(1)) if m else None


def object_after(s: str, i: int) -> Optional[str]:
    stop = _OBJECT_STOP.search(s, i)
    obj = s[i:stop.start() if stop else len(s)].strip()
    if obj.startswith(_OBJECT_LEADS):  # what _OBJECT_LEAD.sub("", obj) removes: one leading char
        obj = obj[1:]
    return obj[:40] or None

"""obligation: one record per sentence (split at 。；) that directs or enables action.

``derive(doc, clause, records) -> list[Obligation]``; ``records`` are the clause's quantity
and department records in document offsets. Only task sections count (context.py): background
(指导思想, 目标, 功能定位, definitions), front matter, replies' reports and form annexes (申报表,
编写提纲) give none; other annexes (任务清单, 考评指标) are read like the body.
deontic/cue from deontic.yaml, or shall with cue None for a bare imperative; actor = the stated
subject (a department, 由X…, or a noun phrase before the cue; `actors` lists every stated party,
`actor` is the first), else the bodies of the clause's
trailing （…负责）, else the document's issuer (actor_inferred=True for those two).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from ...model import Clause, Document, Obligation, Record
from .. import department
from .. import target as target_dim
from ..sentences import spans
from . import parse as P
from ..union import union
from .context import TASK, carried, classify, lexicon, section

_NUMBER = re.compile(r"\s*(?:第[一二三四五六七八九十百零〇\d]+条(?:之[一二三四五六七八九十]+)?|[一二三四五六七八九十百]+、|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[.．、](?!\d)|——|--|—)\s*")
# the clause's trailing responsibility note: （市科技局负责） or （责任单位：市科委、市财政局）
# a responsibility note: （X负责） / （X牵头，Y配合） / （责任单位：X、Y）
_NOTE = re.compile(r"[（(]([^（()）]*(?:负责|牵头|配合)|[^（()）]*单位\s*[:：][^（()）]*)[）)]\s*[。；;]?")
_ACTION_CUES = {"给予", "予以", "支持", "鼓励", "引导", "倡导"}  # cues that are themselves the action
_JOIN = re.compile(r"\s*(?:、|和|及|以及|与)\s*")
_COMMITMENT = re.compile(r"(?:我们|我局|我委|我厅|我市|本局)将")
_JOINT = re.compile(r"(?:市、(?:区|县)|省、市|省市)(?:两级)?(?:政府|财政)?(?=联手|共同|要|应|可|负责)")

_BY_LEAD = re.compile(r"(?:主要|一般|原则上|统一)?")
_IS = re.compile(r"为|是")
_MOVE = re.compile(r"\s*(?:将|把)")
_NOT_SUBJECT = re.compile(r"[、，由将把对在]")  # a subject phrase holds none of these


def _dept_run(s: str, deps: list["_Mention"], start: int) -> list["_Mention"]:
    """Departments forming one list that starts at ``start`` (offsets local to ``s``)."""
    run = [d for d in deps if d.start == start][:1]
    if not run:
        return []
    for d in deps:
        if d.start >= run[-1].end and _JOIN.fullmatch(s[run[-1].end:d.start]):
            run.append(d)
    return run


_CO_LEAD = re.compile(r"会同|联合|协同|配合")


def _clause_verb(s: str, at: int, clause_from: Optional[int] = None) -> Optional[tuple[int, int]]:
    """The first verb from ``at`` up to the end of the comma clause that ``clause_from`` (default
    ``at``) is in: the verb after an adverbial (按照…) or a co-party phrase (会同…)."""
    comma = _CLAUSE_END.search(s, at if clause_from is None else clause_from)
    return P.first_verb(s, at, comma.start() if comma else len(s))
_CLAUSE_END = re.compile(r"[，,；;：:]")
_APPROVED = re.compile(r"经(市|省)(?:人民)?政府同意")
_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")


@lru_cache(maxsize=512)
def _canonical_for(name: str, city: Optional[str], province: Optional[str], place: Optional[str]) -> str:
    found = department.search(name, city, province, place=place)
    covered = sum(d.end - d.start for d in found) >= len(name.replace(" ", "").replace("、", ""))
    if found and found[0].start == 0 and covered and found[0].resolved is not False:
        # 阿坝州人民政府办公室 → 阿坝藏族羌族自治州人民政府办公室; a joint signature on one line
        # (…发展和改革委员会…建设和管理委员会): the first body leads
        return found[0].name
    return name


def _canonical(name: str, doc: Document) -> str:
    """An issuer as the department dimension names it for the document's jurisdiction."""
    j = doc.jurisdiction
    return _canonical_for(name, doc.city, doc.province, j.name if j is not None else None)


def issuer_of(doc: Document) -> Optional[str]:
    """The document's issuer; when the header names none, 经市人民政府同意 in the preamble says
    the government's general office issued it (GB/T 9704 practice): 办公厅 for a municipality
    or province, 办公室 for a prefecture-level city."""
    if doc.issuers:
        return _canonical(doc.issuers[0], doc)
    m = _APPROVED.search(doc.text, 0, 1000)  # the first 1000 characters, without copying them
    if not m:
        return None
    if m.group(1) == "省":
        return f"{doc.province}省人民政府办公厅" if doc.province else None
    city = (doc.city or "").removesuffix("市")
    if not city:
        return None
    return f"{city}市人民政府{'办公厅' if city in _MUNICIPALITIES else '办公室'}"


def _section_title(doc: Document, clause: Clause, s: str) -> bool:
    """A heading that names a group of items (五、组织保障 / （二）建设原则 / （一）组建)."""
    sec = section(doc, clause.section_id) if clause.section_id else None
    if sec is not None and not sec.children:
        return False  # （一）建立…制度。 heads its own text: it is the first directive
    return any(p.search(s) for p in _title_patterns())


@lru_cache(maxsize=1)
def _title_patterns() -> list:
    lex = lexicon()
    return union(lex.task_headings + lex.background_headings)


@lru_cache(maxsize=1)
def _skip_patterns() -> list:
    return union(lexicon().not_obligation)


def _names(deps: list["_Mention"]) -> tuple:
    """Every body of a list, the leading one first: Chinese policy texts name the leading body
    first (（市科技局、市教委…按职责分工负责）→ 天津市科学技术局 leads), `actor` is it, `actors` all."""
    return tuple(d.name for d in deps if d.name)


class _Mention:
    """What a sentence needs of a department record: its local offsets and its name."""
    __slots__ = ("start", "end", "name")

    def __init__(self, start: int, end: int, name: Optional[str]):
        self.start, self.end, self.name = start, end, name

    def moved(self, delta: int) -> "_Mention":
        return _Mention(self.start + delta, self.end + delta, self.name)


_UNSET = object()


def _start(m: _Mention) -> int:
    return m.start


def derive(doc: Document, clause: Clause, records: list[Record]) -> list[Obligation]:
    if classify(doc, clause) != TASK:
        return []
    text, base, end = clause.text, clause.start, clause.end
    if clause.section_id.startswith("att") and any(text.strip() == a.title for a in doc.attachments):
        return []  # the annex's title line names it, directs nothing
    # the clause's records as (start, end, record) in clause offsets (a pydantic copy each cost
    # ~4 % of extract); departments also as light views with their name (getattr on the other
    # kinds went through pydantic's __getattr__ and an AttributeError each); ids only for links
    local = [(r.start - base, r.end - base, r) for r in records if base <= r.start and r.end <= end]
    deps = [_Mention(ra, rb, getattr(r, "name", None)) for ra, rb, r in local if r.kind == "department"]
    if len(deps) > 1:
        deps.sort(key=_start)  # stable, as sorted() was
    body = _NUMBER.match(text)
    body_start = body.end() if body else 0
    parts = _noted(text, deps)
    targets: Optional[set] = None  # only needed for cue-less sentences holding a quantity
    skip = _skip_patterns()
    heading, clause_id, path = clause.heading, clause.id, clause.section
    issuer: object = _UNSET  # looked up once, and only when a sentence names no actor
    P.clear_tokens()  # jieba tags are shared by the sentences of this clause only
    out: list[Obligation] = []
    leads = carried(doc)
    before: Optional[tuple] = None  # the stated actors of the sentence before, when it ended with ；
    for a, b, responsible in parts:
        if a < body_start:
            a = body_start
        if b <= a:
            continue
        s = text[a:b]
        first = heading and a == body_start
        if first and _section_title(doc, clause, s):
            continue  # 组织保障 / 建设原则 over their items: a section's name, not a directive
        i = P.skip_enumerators(s)
        rest = s[i:]
        if not rest.strip() or any(p.search(rest) for p in skip):
            continue
        label = first and len(s) <= 8
        if s.endswith(("：", ":")) and len(s) > 1:  # a lead-in's colon is its final punctuation
            b, s = b - 1, s[:-1]
        ob = _one(s, i, a, [d.moved(-a) for d in deps if a <= d.start and d.end <= b], label)
        if ob is None:
            continue
        deontic, cue, aim, obj, actor, stated = ob
        inside = [r for ra, rb, r in local if a <= ra and rb <= b]
        if cue is None and inside and not aim:
            if targets is None:
                targets = {t.quantity_id for t in target_dim.derive(doc, clause, records)}
            if any(r.id in targets for r in inside):
                continue
        if stated:
            if text.startswith(("：", ":"), b) or text[a:b].endswith(("：", ":")):  # 各地区要：…
                leads[clause.section_id or ""] = actor
        else:
            lead = before or _lead_for(leads, clause.section_id)
            if lead is not None:  # the subject of the sentence before (…；) or of the lead-in above
                actor = lead
            elif responsible:
                actor = _names(responsible)
            else:
                if issuer is _UNSET:
                    issuer = issuer_of(doc)
                actor = (issuer,) if issuer else ()
        before = actor if stated and text.startswith("；", b) else None
        out.append(Obligation(
            text=s, start=base + a, end=base + b, clause_id=clause_id, section=path,
            actor=actor[0] if actor else None, actors=list(actor), actor_inferred=not stated, deontic=deontic, cue=cue, aim=aim, object=obj,
            conditions=P.conditions(s), links=[r.id for r in inside],
        ))
    return out


def _noted(text: str, deps: list) -> list[tuple[int, int, list]]:
    """The clause's sentences (start, end, bodies of the responsibility note they stand under).
    A note — （合肥海关负责）, （省商务厅牵头，合肥海关配合）, （责任单位：…） — after a sentence end
    covers the sentences since the note before; sentences after the last note have none."""
    if not ("负责" in text or "单位" in text or "牵头" in text):
        return [(a, b, []) for a, b in spans(text)]
    notes = [m for m in _NOTE.finditer(text) if m.end() == len(text.rstrip("。；; ")) or
             m.start() > 0 and text[m.start() - 1] in "。；;.！）)"]
    out, prev = [], 0
    for m in notes:
        inside = [d for d in deps if m.start() <= d.start and d.end <= m.end()]
        out += [(prev + a, prev + b, inside) for a, b in spans(text[prev:m.start()])]
        prev = m.end()
    out += [(prev + a, prev + b, []) for a, b in spans(text[prev:])] if text[prev:].strip("。；; ") else []
    return out


def _lead_for(leads: dict, sid: Optional[str]) -> Optional[str]:
    """The lead-in actor of this section or the nearest one above it (s2.1.3 → s2.1 → s2)."""
    if not leads:
        return None
    sid = sid or ""
    while True:
        if sid in leads:
            return leads[sid]
        if "." not in sid:
            return None
        sid = sid.rsplit(".", 1)[0]


def _one(s: str, i: int, a: int, deps: list["_Mention"], label: bool = False):
    """(deontic, cue, aim, object, actor, stated) for one sentence, or None when it is no obligation."""
    cue = P.first_cue(s)
    j = P.skip_leading_phrases(s, i)
    actor: Optional[tuple] = None  # the subjects, the leading one first
    after_subject = j
    run = _dept_run(s, deps, j) or (_dept_run(s, deps, i) if i != j else [])
    if run and (cue is None or run[0].start < cue.start):
        actor = _names(run) or None
        after_subject = run[-1].end
    elif cue is not None:
        np = P.noun_phrase_subject(s, j, cue.start)
        if np and s[np[0]] != "对":  # 对符合条件的企业给予…: a topic, the granting body acts
            actor, after_subject = (s[np[0]:np[1]],), np[1]
    if actor is None:
        addressed = _addressee(s, deps, j, cue)
        if addressed is not None:  # 鼓励企业加大投入 / 请市财政局做好…: the party whose behaviour is directed
            return addressed
    by = P.by_agent(s, j)
    if by and cue is not None and cue.deontic in ("support", "encourage") and by[0] > cue.start:
        by = None  # 优先支持由联盟组织…: the alliance is who is supported, not who acts
    if by and cue is None and not _BY_LEAD.fullmatch(s[j:by[0] - 1]):
        by = None  # without a cue only 由X… opening the sentence names who acts
    if by and actor is None:
        by_deps = [d for d in deps if d.start == by[0]]
        actor = _names(by_deps[:1]) or (s[by[0]:by[1]],)
    if cue is not None and (actor is None or cue.start >= after_subject):
        if by and by[0] > cue.start:  # 可以由…高校牵头: the agent's verb is the aim
            v = P.first_verb(s, by[1], len(s))
            aim, obj_from = (s[v[0]:v[1]], v[1]) if v else (None, by[1])
        elif cue.word in _ACTION_CUES:
            aim, obj_from = cue.word, cue.end
        elif _IS.match(s, cue.end):  # 原则上应为独立法人实体
            aim, obj_from = s[cue.end], cue.end + 1
        elif _MOVE.match(s, cue.end):  # 要将…纳入…: the verb after the moved thing
            v = P._lead_regexes()[0].search(s, cue.end + 2)
            aim = s[v.start():v.end()] if v else None
            return cue.deontic, cue.word, aim, s[cue.end:v.start()].strip()[1:] or None if v else None, \
                actor, actor is not None
        else:
            v = P.first_verb(s, cue.end, len(s))
            aim, obj_from = (s[v[0]:v[1]], v[1]) if v else (None, cue.end)
        return cue.deontic, cue.word, aim, P.object_after(s, obj_from), actor, actor is not None
    joint = _JOINT.match(s, j) if actor is None else None
    if joint:  # 市、区联手建立…: the city and its districts together
        actor, after_subject = (joint.group(),), joint.end()
    if actor is not None:  # 专家委员会主要负责…: adverbs between the subject and its verb
        adv = _ADVERBS.match(s, after_subject)
        if adv:
            after_subject = adv.end()
    v = P.opens_with_verb(s, after_subject, lexicon_only=label)
    if v is None and run and not label and P._lead_regexes()[3].match(s, after_subject):
        # 市财政局按照以下程序拨付… / 市财政局根据…，对地块成本予以清算: a body, its adverbial, its verb
        v = _clause_verb(s, after_subject)
    if v is None and by is not None:  # 主要由龙头企业牵头: the agent's verb
        v = P.first_verb(s, by[1], len(s))
    if v is None and not label and s.startswith(("将", "把"), after_subject):
        v = P.first_verb(s, after_subject + 1, len(s))  # 将体制机制创新作为…的重中之重
    if v is None and actor is None and not label and _CO_LEAD.match(s, j):
        # 会同市财政局制定…: a co-party phrase, then the omitted subject's verb
        v = _clause_verb(s, _CO_LEAD.match(s, j).end() + 2, j)
        if v is not None:
            return "shall", None, s[v[0]:v[1]], P.object_after(s, v[1]), None, False
    if v is None and actor is None and not label:
        v, actor = _class_subject(s, j)
    if v is None and actor is None and not label:
        v, np = _subject_then_verb(s, j)
        if v is None:
            v, np = _tagged_subject_then_verb(s, j)
        actor = (np,) if np else None
    if v is None and not label:
        commit = _COMMITMENT.search(s, j)
        if commit:  # 我们将积极采纳…: a forward commitment of the issuer
            v = P.first_verb(s, commit.end(), len(s))
    if v is None:
        return None
    return "shall", None, s[v[0]:v[1]], P.object_after(s, v[1]), actor, actor is not None


_ADDRESS = re.compile(r"请|要求|责成")
_ADVERBS = re.compile(r"(?:主要|具体|共同|统一|分别|积极|切实|进一步|继续|全面)+")
_AND_CUE = re.compile(r"(?:和|、|并|与|及)(?:支持|引导|鼓励|推动|帮助)")
_QUALIFIER = re.compile(r"(?:有条件|符合条件|具备条件|有能力|有实力)的")
# 鼓励/引导/倡导 X 做 Y → X, the party whose behaviour is encouraged; 支持 X … stays with the
# supporting body (issue 9; gold/README.md)
_ENCOURAGED = frozenset({"鼓励", "引导", "倡导"})


def _addressee(s: str, deps: list["_Mention"], j: int, cue):
    """Institutional Grammar's attribute where the sentence opens with a directing verb:
    鼓励/引导/倡导 X 做 Y and 请/要求/责成 X 做 Y → X (a body's canonical name, or the class as
    written), when X is followed by what X does. The result is _one's tuple, or None."""
    if cue is not None and cue.start == j and cue.word in _ENCOURAGED:
        k, deontic, word = cue.end, cue.deontic, cue.word
        both = _AND_CUE.match(s, k)  # 鼓励和支持 X / 鼓励、支持 X: one party for both verbs
        if both:
            k = both.end()
    elif cue is None or cue.start > j:
        m = _ADDRESS.match(s, j)
        if not m:
            return None
        k, deontic, word = m.end(), "shall", None
        if cue is not None and cue.start < k + 12:  # 要求各区要加强…: the cue is the addressee's
            return None
    else:
        return None
    qualifier = _QUALIFIER.match(s, k)  # 鼓励有条件的市设立…: the party is 市
    if qualifier:
        k = qualifier.end()
    run = _dept_run(s, deps, k)
    if run:
        v = P.first_verb(s, run[-1].end, min(len(s), run[-1].end + 12))
        if v is None or v[0] != run[-1].end and not s.startswith(("积极", "加快", "加大", "进一步"), run[-1].end):
            return None
        return deontic, word, word or s[v[0]:v[1]], P.object_after(s, v[1]), _names(run), True
    v, np = _parties_then_verb(s, k)  # jieba's words first: 服务商 holds the verb 服务
    if v is None:
        v, np = _subject_then_verb(s, k)
    if v is None or not np:
        return None
    return deontic, word, word or s[v[0]:v[1]], P.object_after(s, v[1]), _parties(np), True


_JOINERS = frozenset({"和", "及", "以及", "与", "、"})


def _parties_then_verb(s: str, k: int):
    """高校和科研院所开放…: nouns joined by 和/及/与/、 (jieba), adverbs, then a verb."""
    if len(s) - k < 3 or _NOT_SUBJECT.match(s, k):
        return None, None
    pos, np_end, verb, last_noun, skip_to = k, None, None, False, 0
    for w, flag in P.iter_tokens(s[k:k + 30]):
        if pos < skip_to:  # inside a bracket that belongs to the noun: 服务商（云）
            pos += len(w)
            continue
        if np_end is None and last_noun and w in ("（", "("):
            close = s.find("）" if w == "（" else ")", pos, pos + 12)
            if close > 0:
                pos += len(w)
                skip_to = close + 1
                continue
        if np_end is None and pos == k and flag == "r" and w in ("各", "该", "本"):  # 各服务商: a determiner
            pos += len(w)
            continue
        if np_end is None and (flag.startswith(_NOUNISH) and not flag.startswith("nr") or flag == "vn" and pos > k):
            pos, last_noun = pos + len(w), True
            continue
        if np_end is None and w in _JOINERS and last_noun:
            pos, last_noun = pos + len(w), False
            continue
        if np_end is None:
            np_end = pos
        if flag in ("d", "ad"):
            pos += len(w)
            continue
        if flag in ("v", "vd", "vi", "i"):  # an idiom after the parties is their predicate (积极参与)
            verb = (pos, pos + len(w))
        elif flag == "p" and pos > k:  # 服务商对中小企业给予优惠: a prepositional phrase opens the predicate
            verb = (pos, pos + len(w))
        break
    if verb is None or np_end is None or not (1 <= np_end - k <= 20) or not last_noun:
        return None, None
    return verb, s[k:np_end]


_PARTY_JOIN = re.compile(r"和|及|以及|与|、")


def _parties(np: str) -> tuple:
    """高校和科研院所 → (高校, 科研院所): the first of several parties leads (gold/README.md)."""
    return tuple(p for p in _PARTY_JOIN.split(np) if p) or (np,)


def _subject_then_verb(s: str, j: int):
    """三是产研院探索…: a short noun phrase, then a verb from the imperative lexicon."""
    verbs = P._lead_regexes()[0]
    stop = _NOT_SUBJECT.search(s, j)  # a verb after this one has it in its subject: none passes
    last = stop.start() if stop else len(s)
    # from j + 1: a verb at j has no subject before it (the verbs are plain words, so a match
    # does not depend on where the scan starts)
    for m in verbs.finditer(s, j + 1, min(len(s), j + 14), overlapped=True):
        if m.start() > last:
            break  # overlapped matches come in order of their start
        if not P.whole_word(s, m.start(), m.end()):
            continue  # 创新 inside 技术创新中心
        np = P.noun_phrase_subject(s, j, m.start())
        if np and np[1] == m.start():
            return (m.start(), m.end()), s[np[0]:np[1]]
    return None, None


@lru_cache(maxsize=1)
def _classes() -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(lexicon().actor_classes, key=len, reverse=True))) or "(?!)")


def _class_subject(s: str, j: int):
    """申请人按照要求提交材料 / 项目单位应…: an actor class (obligation.yaml), adverbs, an adverbial
    (按照…) and the verb → (verb span, (class,)), else (None, None)."""
    m = _classes().match(s, j)
    if not m:
        return None, None
    k = m.end()
    adv = _ADVERBS.match(s, k)
    k = adv.end() if adv else k
    v = P.opens_with_verb(s, k)
    if v is None and P._lead_regexes()[3].match(s, k):
        v = _clause_verb(s, k)
    return (v, (m.group(),)) if v else (None, None)


_SUBJECT_PREPS = frozenset({"按照", "根据", "依据", "依照", "按", "结合", "围绕", "针对", "通过", "向", "会同"})
_NOUNISH = ("n", "nr", "ns", "nt", "nz", "nrt", "j", "b", "ng", "an")


def _tagged_subject_then_verb(s: str, j: int):
    """企业承担主要投入责任 / 专家委员会主要负责提出…: nouns (jieba), adverbs, then a verb."""
    # exact prefilter: the subject is 2 to 12 characters without _NOT_SUBJECT ones and a verb
    # follows it, so none comes out when s[j:j+2] holds one or fewer than 3 characters are left
    if len(s) - j < 3 or _NOT_SUBJECT.search(s, j, j + 2):
        return None, None
    pos, np_end, verb = j, None, None
    for w, flag in P.iter_tokens(s[j:j + 24]):
        if np_end is None and flag.startswith(_NOUNISH) and not flag.startswith("nr") or (np_end is None and flag == "vn" and pos > j):
            pos += len(w)
            continue
        if np_end is None:
            np_end = pos
        if flag in ("d", "ad"):
            pos += len(w)
            continue
        if flag in ("v", "vd", "vi"):
            verb = (pos, pos + len(w))
        elif flag == "p" and pos == np_end and w in _SUBJECT_PREPS:  # 统筹主体按照规划统筹…: subject, adverbial, verb
            verb = _clause_verb(s, pos + len(w), pos)
        break
    if verb is None or np_end is None or not (2 <= np_end - j <= 12):
        return None, None
    if _NOT_SUBJECT.search(s[j:np_end]) or _CO_LEAD.match(s, j):
        return None, None
    np = _trim_adverbs(s[j:np_end])  # 青浦区重点推进…: jieba tags 重点 a noun
    return (verb, np) if np else (None, None)


def _trim_adverbs(np: str) -> str:
    adverbs = P._adverb_words()
    cut = True
    while cut:
        cut = next((a for a in adverbs if len(a) > 1 and np.endswith(a) and len(np) > len(a)), None)
        if cut:
            np = np[:-len(cut)]
    return "" if np in adverbs else np

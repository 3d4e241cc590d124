"""Section labels: canonical section ids of the taxonomy for every section of a document.

Rules decide first (a heading that is a synonym, a compound such as ``活动背景与目标``, the
first clause of a slogan heading, a synonym inside the heading); a trained model
(``models/section_classifier.json``, char n-gram TF-IDF + logistic regression evaluated in
plain Python, read on first use) decides what the rules leave open; weak keyword cues come last. Without the model file
the rules alone label the document. Short synonyms and keywords inside a heading count on word boundaries only.

:func:`written_parts` finds the parts a document writes without a section of their own (a line or table cell
that is a part's name, a lead such as ``目标：``), for the rules that ask whether a part is there.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .chinese.sentences import CLAUSE_STOPS, stop_class
from .headings import taxonomy
from .kinds import plan_types
from .model import Document, Section
from .normalise import fold_traditional

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "section_classifier.json"  # a checkout
PACKAGED_MODEL_PATH = Path(__file__).resolve().parent / "models" / "section_classifier.json"  # an installed wheel
MODEL_MIN_CONFIDENCE = 0.45
TASKS_PRIOR = 0.35
# Labels that only make sense in a summary (or only in a plan), swapped for the other kind of document.
DOC_TYPE_SWAPS: dict[str, dict[str, str]] = {
    "plan": {"sum_achievements": "tasks"},
    "work_summary": {"tasks": "sum_achievements", "evaluation": "sum_achievements"},  # 开发工作评价 judges work done
}
# Kinds that both recount work done and lay out work to do (a speech, a report): their headings keep what they say.
# A report (政府工作报告, 实践报告) looks back and ahead alike: its headings say which.
RECOUNTING_DOC_TYPES = frozenset({"speech", "bulletin", "minutes", "report"})
# Kinds that direct work (a notice, an opinion): an unnamed top item is a piece of the work directed.
DIRECTIVE_DOC_TYPES = frozenset({"notice", "opinion"})
SUMMARY_DOC_TYPES = frozenset({"work_summary"})  # kinds that recount work done: its parts are achievements
ATTACHMENT, ATTACHMENT_NUMBER = "attachment", "附"  # the segmenter numbers an attachment 附件 / 附件2
SECTION_NAME_CONFIDENCE = 0.9  # a rule label this sure means the heading names a section (synonym, stem, compound)
ENTRY_NAME_CONFIDENCE = 0.7  # an entry of a list whose own words name a section this surely (…评估, …风险) keeps them
LIST_ITEM_DISCOUNT = 0.6  # an entry inherits its list's labels with this share of the parent's confidence
LIST_MIN_CONFIDENCE = 0.45  # a parent labelled less surely passes nothing on
LETTER_SPACED_MAX = 12  # a heading this short may be written with spaces between its characters
WORK_AREA_MIN_LENGTH = 8  # a verb-led heading this long names a piece of work
SHORT_WORD = 3  # a contained synonym this short counts only on word boundaries (目的 in 项目的… is none)
ENTRY_TOPIC_MAX = 20  # a work entry this short may name its topic (加强宣传推介); a longer one is a sentence
COMPOUND_PART_MAX = 4  # a part of a compound this short may be named by its head word (申报程序)
HEADED_MAX = 12
UMBRELLA_NAMED_MAX = 24  # a heading this short holding an umbrella heading (2025年工作总体部署) is one
SHARED_MODIFIER_MAX = 2  # parts this short before a head word are its modifiers (组织和管理风险)
OF_TERM_CONFIDENCE = 0.85  # X的Y whose words without 的 are a term (synonym or stem) speaks first
HEADED_PART_MAX = 8  # a part of a compound this short may end with a head word of two characters or more (研究概况)
NO_PART_MAX = 10  # a heading naming no part (组委会联系方式) is this short  # a right-headed compound heading (宣传专项任务) is at most this long
MODEL_MAX_LEVEL = 2  # deeper items are list entries; the model is trained for section headings
# An entry of an assurance part (保障措施) naming the leadership is that leadership alone: 组织实施 as a part of its own
# is organization and safeguards, 加强组织实施 among the measures is organization.
ASSURANCE_ENTRY = ("safeguards", "organization")
WORK_ENTRY_MIN = 5  # an entry of a work list led by a verb (明确审核机构) is this long at least
PERSON_NAME_MAX = 3  # a heading that is only a person's name (张晓明：) is this short
PERSON_SIBLINGS_MIN = 2  # siblings headed by names, this many or more: a plan's shares of work, person by person
PRINCIPLE_MAX = 8  # a heading led by 坚持 this short names a principle (坚持需求引领); a longer one is a sentence
# Parts whose entries also take the parts their words touch (强化督促落实 under 保障措施 is a safeguard and an
# evaluation, 加强宣传推介 under 主要任务 a task and publicity), unless the entry names a part itself (加强组织领导).
WORK_LIST_SECTIONS = ("tasks", "safeguards")

_EDGE = " \t“”\"'《》：:。，,；;！!？?、"
_CLAUSE = re.compile(r"[，,；;：:]")
_SENTENCE_END = stop_class(CLAUSE_STOPS + "\n")


@dataclass(frozen=True)
class Labelling:
    labels: tuple[str, ...]
    confidence: float
    source: str  # rule | model | none


@dataclass(frozen=True)
class Lexicon:
    synonyms: dict[str, str]  # heading → section id
    extra_labels: dict[str, tuple[str, ...]]  # synonym → further sections it names (组织实施 → safeguards)
    stems: dict[str, str]  # short word → section id
    heads: dict[str, str]  # word a heading may end with → section id
    keyword_ids: dict[str, str]  # keyword → section id (first section that lists it)
    prefixes: tuple[str, ...]
    joiners: re.Pattern[str]
    synonym_re: re.Pattern[str]  # every synonym of two or more characters, longest first
    keyword_re: re.Pattern[str]
    topics: dict[str, str]  # word naming what a compound is about (宣传, 考核) → section id
    light_heads: frozenset[str]  # head words that take their topic's section (措施, 要求)
    content_heads: dict[str, str]  # head words that keep their own section beside the topic's (目标, 阶段)
    fillers: tuple[str, ...]  # words that may stand between a topic and its head (专项, 整体)
    kind_synonyms: dict[str, dict[str, tuple[str, ...]]]  # doc type → heading → sections (a form's 基本情况)
    kind_heads: dict[str, dict[str, tuple[str, ...]]]  # doc type → word a heading ends with → sections (…规划)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Synonyms, stems and keywords of the taxonomy, indexed for lookup."""
    tax = taxonomy()
    synonyms: dict[str, str] = {}
    keywords: list[tuple[str, str]] = []
    for sec in tax["sections"]:
        for word in sec.get("synonyms", []):
            synonyms.setdefault(word, sec["id"])
        keywords.extend((k, sec["id"]) for k in sec.get("keywords", []))
    stems = {w: sid for sid, words in tax.get("heading_stems", {}).items() for w in words}
    heads = {w: sid for w, sid in stems.items() if len(w) >= 2}
    heads.update({w: sid for sid, words in (tax.get("heading_heads") or {}).items() for w in words})
    keyword_ids: dict[str, str] = {}
    for word, sid in keywords:
        keyword_ids.setdefault(word, sid)
    compounds: dict[str, Any] = tax.get("compound_heads") or {}
    return Lexicon(
        synonyms=synonyms,
        extra_labels={w: tuple(ids) for w, ids in (tax.get("synonym_extra_labels") or {}).items()},
        stems=stems,
        heads=heads,
        keyword_ids=keyword_ids,
        prefixes=tuple(tax.get("heading_prefixes", [])),
        joiners=_longest_first(tax.get("joiners", [])),
        synonym_re=_longest_first([w for w in synonyms if len(w) >= 2]),
        keyword_re=_longest_first(list(keyword_ids)),
        topics={w: sid for sid, words in (compounds.get("topics") or {}).items() for w in words},
        light_heads=frozenset(compounds.get("light") or ()),
        content_heads={w: sid for sid, words in (compounds.get("content") or {}).items() for w in words},
        fillers=tuple(compounds.get("fillers") or ()),
        kind_synonyms={
            kind: {h: tuple(ids) for h, ids in headings.items()}
            for kind, headings in (tax.get("kind_synonyms") or {}).items()
        },
        kind_heads={
            kind: {w: (sid,) for sid, words in heads.items() for w in words}
            for kind, heads in (tax.get("kind_heads") or {}).items()
        },
    )


def _longest_first(words: list[str]) -> re.Pattern[str]:
    longest_first = sorted(set(words), key=lambda w: (-len(w), w))  # ties in a fixed order: one pattern every run
    return re.compile("|".join(re.escape(w) for w in longest_first))


def clean_heading(heading: str) -> str:
    return heading.strip(_EDGE)


_NOTE = re.compile(r"[ \t]*[（(][^（）()]*[）)]?$")  # a trailing note: （30分）, （1000字左右，包括…）, cut or whole


def without_note(heading: str) -> str:
    """The heading without trailing bracketed notes (a score, a word count, what to write), when anything is left."""
    h = heading
    while True:
        cut = _NOTE.sub("", h).rstrip(_EDGE)
        if cut == h or len(cut) < 2:
            return h
        h = cut


# ------------------------------------------------------------------ rules


def _term_label(term: str, lex: Lexicon, prefix: str = "") -> str | None:
    for candidate in (term, prefix + term):
        if candidate in lex.synonyms:
            return lex.synonyms[candidate]
    for p in lex.prefixes:
        if term.startswith(p) and term[len(p) :] in lex.synonyms:
            return lex.synonyms[term[len(p) :]]
    if term in lex.stems:
        return lex.stems[term]
    for p in lex.prefixes:
        if term.startswith(p) and term[len(p) :] in lex.stems:
            return lex.stems[term[len(p) :]]
    return None


def compound_labels(heading: str, lex: Lexicon | None = None) -> tuple[str, ...]:
    """Labels of a heading joined from parts (``活动背景与目标`` → background, goals); () unless every part maps.

    Neighbouring parts that together are a term count as one (``评选原则、程序和时间``: 评选原则 and 程序和时间),
    the fewest parts first; a short part may be named by its head word (``申报程序和要求``: 申报程序 is steps).
    """
    lex = lex or lexicon()
    pieces = [p for p in lex.joiners.split(heading) if p]
    if len(pieces) < 2:
        return ()
    cuts = [(m.start(), m.end()) for m in lex.joiners.finditer(heading)]
    starts = [0] + [e for _, e in cuts]
    ends = [s for s, _ in cuts] + [len(heading)]
    if len(starts) != len(pieces) or any(heading[a:b] != p for a, b, p in zip(starts, ends, pieces, strict=True)):
        return ()  # joiners side by side or at an edge: no reading of parts
    shared = _shared_head(pieces)
    if shared is not None:
        return (shared,)
    prefix = next((p for p in lex.prefixes if pieces[0].startswith(p)), "")
    n = len(pieces)
    best: list[tuple[str, ...] | None] = [None] * n + [()]  # best[i]: labels of the fewest parts covering i..n
    size = [0] * n + [0]
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, n + 1):
            rest = best[j]
            if rest is None or (i == 0 and j == n):
                continue
            label = _part_label(heading[starts[i] : ends[j - 1]], lex, prefix)
            if label is not None and (best[i] is None or size[j] + 1 < size[i]):
                best[i], size[i] = (label, *rest), size[j] + 1
    return tuple(dict.fromkeys(best[0])) if best[0] is not None else ()


def _shared_head(pieces: list[str]) -> str | None:
    """The section of a head word the last part ends with when the parts before it are its modifiers, as short as
    the last part's (组织和管理风险 is 组织风险 and 管理风险), else None."""
    last = pieces[-1]
    head = next((w for w, _ in _heads_longest() if last.endswith(w) and len(last) > len(w)), None)
    if head is None:
        return None
    modifier = last[: -len(head)]
    if len(modifier) > SHARED_MODIFIER_MAX or any(len(p) != len(modifier) for p in pieces[:-1]):
        return None
    return lexicon().heads[head]


def _part_label(part: str, lex: Lexicon, prefix: str) -> str | None:
    """The section one part of a compound names: a term, a head word alone (总结和展望), or a short part ending
    with a head word that keeps its own part (申报程序)."""
    label = _term_label(part, lex, prefix) or lex.heads.get(part)
    if label is None and len(part) <= HEADED_PART_MAX:
        label = next((sid for head, sid in _heads_longest() if part.endswith(head) and part != head), None)
    if label is None and len(part) <= COMPOUND_PART_MAX:
        label = next((sid for head, sid in lex.content_heads.items() if part.endswith(head) and part != head), None)
    return label


@lru_cache(maxsize=1)
def _heads_longest() -> tuple[tuple[str, str], ...]:
    """The head words of two characters or more, longest first (进展情况 before 情况)."""
    heads = lexicon().heads.items()
    return tuple(sorted(((w, sid) for w, sid in heads if len(w) >= 2), key=lambda x: (-len(x[0]), x[0])))


def _run_on_labels(heading: str, lex: Lexicon) -> tuple[str, ...]:
    """The one label of two terms of the same section written without a joiner (活动流程安排 → steps)."""
    for cut in range(2, len(heading) - 1):
        first = _term_label(heading[:cut], lex)
        if first is not None and first == _term_label(heading[cut:], lex):
            return (first,)
    return ()


def _headed_labels(heading: str, lex: Lexicon) -> tuple[str, ...]:
    """The labels of a right-headed compound: a topic and a head word (宣传目标, 考核程序, 安全要求, 需求分析阶段).

    A light head (措施, 要求) takes its topic's section; a content head (目标, 阶段) keeps its own and adds the
    topic's; a content head after words that are no topic names the heading alone (需求分析阶段 is a stage).
    """
    if len(heading) > HEADED_MAX or _CLAUSE.search(heading) or " " in heading:
        return ()  # a slogan or a sentence: its first clause speaks (加强宣传，营造氛围)
    lead = (*lex.prefixes, *_work_verbs())  # 活动安全要求, 强化安全治理: the compound follows the lead word
    h = next((heading[len(p) :] for p in lead if heading.startswith(p) and len(heading) > len(p) + 2), heading)
    for cut in range(1, len(h) - 1):
        head, modifier = h[cut:], h[:cut]
        for filler in lex.fillers:
            if modifier.endswith(filler) and len(modifier) > len(filler):
                modifier = modifier[: -len(filler)]
                break
        topic = lex.topics.get(modifier)
        if head in lex.light_heads and topic is not None:
            return (topic,)
        if head in lex.content_heads and (topic is not None or _term_label(modifier, lex) is not None):
            own = lex.content_heads[head]
            return (own, topic) if topic is not None and topic != own else (own,)
    return ()


def _synonym_labels(word: str, lex: Lexicon) -> tuple[str, ...]:
    """The section a synonym names, then the further sections the taxonomy says it also names."""
    return tuple(dict.fromkeys((lex.synonyms[word], *lex.extra_labels.get(word, ()))))


def _contained_synonym(text: str, lex: Lexicon) -> tuple[str, ...]:
    """The sections of the longest synonym inside ``text`` (earliest on ties) that is a word there, () when none.

    ``目的`` inside ``项目的阶段划分`` is no synonym of goals: a short synonym counts on word boundaries only.
    """
    found = sorted(_overlapping(lex.synonym_re, text), key=lambda m: (len(m.group(0)), -m.start()), reverse=True)
    for m in found:
        if _modifies_name(text, m, lex):
            continue
        if len(m.group(0)) > SHORT_WORD or _on_word_boundaries(text, m.start(), m.end()):
            return _synonym_labels(m.group(0), lex)
    return ()


NAME_WORD_LABELS = frozenset({"theme"})  # words that may stand inside the name of a thing (主题征文, 主题班会)


def _modifies_name(text: str, m: re.Match[str], lex: Lexicon) -> bool:
    """Whether a theme word inside a heading is part of a name, not the part's name: more words follow it
    (“…”主题征文, 主题党日活动 name an event; 活动主题及口号 is the theme, a joiner follows)."""
    if lex.synonyms.get(m.group(0)) not in NAME_WORD_LABELS or m.end() >= len(text):
        return False
    after = text[m.end()]
    return "\u4e00" <= after <= "\u9fff" and not lex.joiners.match(text, m.end())


def _overlapping(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every match of ``pattern`` starting at each position (a longer one hides none that starts inside it)."""
    out: list[re.Match[str]] = []
    for i in range(len(text)):
        m = pattern.match(text, i)
        if m:
            out.append(m)
    return out


@lru_cache(maxsize=4096)
def _word_bounds(text: str) -> frozenset[int]:
    from .extract.nlp import words  # jieba, loaded once; only when a short synonym has to be judged

    bounds = {0, len(text)}
    at = 0
    for word in words(text):
        found = text.find(word, at)
        if found < 0:
            return frozenset(range(len(text) + 1))  # the segmenter changed the text: do not judge
        at = found + len(word)
        bounds.update((found, at))
    return frozenset(bounds)


def _edge(text: str, at: int) -> bool:
    """Whether ``at`` is the edge of the text or touches a character that is not a Han character."""
    return at <= 0 or at >= len(text) or not ("\u4e00" <= text[at - 1] <= "\u9fff" and "\u4e00" <= text[at] <= "\u9fff")


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a word of ``text``. A word the heading ends with (工作目标, 保障措施) or one set
    off by punctuation, digits or spaces on both sides is one without asking the segmenter, so a document whose
    headings need no judging never loads jieba (start-up and the workers' memory)."""
    if end >= len(text) or (_edge(text, start) and _edge(text, end)):
        return True
    bounds = _word_bounds(text)
    return start in bounds and end in bounds


def _head_stem(text: str, lex: Lexicon) -> str | None:
    """The section of the stem a heading ends with (需求变更风险 → risk_safety, 项目启动阶段 → steps)."""
    best = max((w for w in lex.heads if text.endswith(w)), key=len, default=None)
    return lex.heads[best] if best else None


@lru_cache(maxsize=4096)
def rule_labels(heading: str) -> Labelling | None:
    """Labels from the taxonomy alone, or None when the heading says nothing the rules know.

    A trailing note (``媒体报道（12分）``, ``项目方案（包括研究内容…）``) is left out first; the note is read only when
    the heading without it says nothing.
    """
    h = clean_heading(heading)
    bare = without_note(h)
    return _rule_labels(bare) or (_rule_labels(h) if bare != h else None)


def _rule_labels(h: str) -> Labelling | None:
    lex = lexicon()
    if not h:
        return None
    if h in lex.synonyms:
        return Labelling(_synonym_labels(h, lex), 1.0, "rule")
    label = _term_label(h, lex)
    if label is not None:
        return Labelling((label,), 0.95, "rule")
    labels = compound_labels(h, lex) or _run_on_labels(h, lex)
    if labels:
        return Labelling(labels, 0.9, "rule")
    labels = _headed_labels(h, lex)
    if labels:
        return Labelling(labels, 0.8, "rule")
    if len(h) <= PRINCIPLE_MAX and not _CLAUSE.search(h) and h.startswith(_principle_leads()):
        return Labelling(("principles",), 0.8, "rule")  # 坚持需求引领: a principle, wherever it stands
    joined = _of_labels(h)
    if joined is not None and joined.confidence >= OF_TERM_CONFIDENCE:
        return joined  # 风险的评估 is a 风险评估: the words without 的 are a term, before any word inside speaks
    clause = _CLAUSE.split(h, maxsplit=1)[0]
    if clause != h:
        term = _term_label(clause, lex)
        found = (term,) if term else _contained_synonym(clause, lex)
        if found:
            return Labelling(found, 0.8, "rule")
    found = _contained_synonym(h, lex)
    if found:
        return Labelling(found, 0.75, "rule")
    head = _head_stem(h, lex)
    if head and not names_work_area(h):  # 构建…国家标准 is a piece of work, not an 考核标准 part
        return Labelling((head,), 0.7, "rule")
    return joined


_OF = re.compile(r"(?<!目)的(?=.)")  # the 的 of 目的 is part of a word; one at the end is no joint


def _of_labels(h: str) -> Labelling | None:
    """A heading written with 的 between its words (项目的人员分配, 活动的宣传推广): read as the words without it, a
    little less surely; None when that says nothing either."""
    bare = _OF.sub("", h)
    if bare == h or len(bare) < 2:
        return None
    found = _rule_labels(bare)
    return replace(found, confidence=round(found.confidence * 0.9, 3)) if found is not None else None


def names_no_part(heading: str) -> bool:
    """A short heading ending with a word of the taxonomy's ``no_part_heads`` (联系方式, 会议联系人): a block of
    practical details that is no part of the plan, labelled nothing and passing nothing on."""
    h = without_note(clean_heading(heading))
    return len(h) <= NO_PART_MAX and h.endswith(tuple(taxonomy().get("no_part_heads") or ()))


def names_work_area(heading: str) -> bool:
    """A long heading led by a verb of work (加强…, 完善…机制): it names a piece of work, whatever its nouns."""
    return len(heading) >= WORK_AREA_MIN_LENGTH and heading.startswith(tuple(taxonomy().get("work_verbs", [])))


def keyword_labels(heading: str, first_sentence: str = "") -> Labelling | None:
    """Weak cues: a keyword in the heading, else (when given) in the first sentence of the body."""
    lex = lexicon()
    for text, confidence in ((clean_heading(heading), 0.6), (first_sentence, 0.45)):
        for m in lex.keyword_re.finditer(text):  # leftmost, longest first; a short one on word boundaries
            if len(m.group(0)) > SHORT_WORD or _on_word_boundaries(text, m.start(), m.end()):
                return Labelling((lex.keyword_ids[m.group(0)],), confidence, "rule")
    return None


# ------------------------------------------------------------------ the model


@dataclass(frozen=True)
class SectionModel:
    """A char n-gram TF-IDF + multinomial logistic regression, evaluated in plain Python: a heading
    holds a few dozen of the n-grams, so the sparse sums are cheaper than importing numpy."""

    ngram_range: tuple[int, int]
    vocabulary: dict[str, int]
    idf: list[float]
    coef: list[list[float]]  # (classes, features)
    intercept: list[float]
    classes: tuple[str, ...]

    def predict(self, text: str) -> tuple[str, float]:
        """The most likely section id and its probability."""
        counts: dict[int, float] = {}
        lo, hi = self.ngram_range
        for n in range(lo, hi + 1):
            for i in range(len(text) - n + 1):
                j = self.vocabulary.get(text[i : i + n])
                if j is not None:
                    counts[j] = counts.get(j, 0.0) + 1.0
        x = {j: c * self.idf[j] for j, c in counts.items()}  # sparse tf-idf
        norm = math.sqrt(math.fsum(v * v for v in x.values()))
        if norm > 0:
            x = {j: v / norm for j, v in x.items()}
        scores = [
            math.fsum(row[j] * v for j, v in x.items()) + b for row, b in zip(self.coef, self.intercept, strict=True)
        ]
        top = max(scores)
        probs = [math.exp(score - top) for score in scores]
        total = math.fsum(probs)
        k = max(range(len(probs)), key=probs.__getitem__)
        return self.classes[k], probs[k] / total


def model_from_dict(data: dict[str, Any]) -> SectionModel:
    vocab = {term: i for i, term in enumerate(data["vocabulary"])}
    return SectionModel(
        ngram_range=(int(data["ngram_range"][0]), int(data["ngram_range"][1])),
        vocabulary=vocab,
        idf=[float(v) for v in data["idf"]],
        coef=[[float(v) for v in row] for row in data["coef"]],
        intercept=[float(v) for v in data["intercept"]],
        classes=tuple(data["classes"]),
    )


class _ModelOnUse:
    """The model file read at the first heading the rules leave open (most documents need none)."""

    def __init__(self, path: str | None) -> None:
        self.path = path

    def predict(self, text: str) -> tuple[str, float]:
        model = load_model(self.path)
        return model.predict(text) if model is not None else ("", 0.0)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> SectionModel | None:
    """The trained section model, or None when the file is absent or unreadable."""
    p = Path(path) if path else (MODEL_PATH if MODEL_PATH.is_file() else PACKAGED_MODEL_PATH)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return model_from_dict(data)


def model_text(heading: str, first_sentence: str) -> str:
    """What the model reads: the heading, then the start of the body."""
    return f"{clean_heading(heading)}|{first_sentence[:30]}"


# ------------------------------------------------------------------ sections and documents


def first_sentence(section: Section, text: str) -> str:
    start = section.heading_span[1]
    end = section.children[0].span[0] if section.children else section.span[1]
    body = text[start:end].lstrip()
    m = _SENTENCE_END.search(body)
    return body[: m.start()] if m else body[:80]


def label_section(
    section: Section, text: str, model: SectionModel | _ModelOnUse | None, sentence_cue: bool = False
) -> Labelling:
    """Rules first, then the model, then weak keyword cues: in the heading, and with ``sentence_cue`` (a kind of
    document whose unnamed top items get no prior) in the first sentence of the body."""
    if section.number.startswith(ATTACHMENT_NUMBER):
        return Labelling((ATTACHMENT,), 1.0, "rule")  # 附件2 …: whatever its name says
    found = rule_labels(section.heading)
    if found is None and " " in section.heading and len(section.heading) <= LETTER_SPACED_MAX:
        found = rule_labels(section.heading.replace(" ", ""))  # 填 表 说 明
    if found is not None:
        return found
    sentence = first_sentence(section, text)
    if model is not None and section.level <= MODEL_MAX_LEVEL:
        label, prob = model.predict(model_text(section.heading, sentence))
        if prob >= MODEL_MIN_CONFIDENCE:
            return Labelling((label,), round(prob, 3), "model")
    work_area = names_work_area(clean_heading(section.heading))  # 完善…激励机制 is a piece of work, not 考核
    weak = None
    if section.level == 1 and not work_area:
        weak = keyword_labels(section.heading, sentence if sentence_cue else "")
    if weak is not None:
        return weak
    if section.level == 1 and (section.children or work_area):
        return Labelling(("tasks",), TASKS_PRIOR, "rule")  # a named work area (with sub-items, or verb-led): tasks
    return Labelling((), 0.0, "none")


# ------------------------------------------------------------------ parts written without a section of their own

LEAD_MAX = 12  # the name of a lead (``软件目标：…``) is at most this long
NAME_MAX = 16  # a line or table cell that is only a part's name (``下周计划``) is at most this long
LEAD_MIN_CONFIDENCE = ENTRY_NAME_CONFIDENCE  # a lead's name says its part this surely (目标, 软件目标, 任务)
NAME_MIN_CONFIDENCE = SECTION_NAME_CONFIDENCE  # a bare name: a synonym, a stem or a compound of them
_PIECE = re.compile(r"[^\n\t]+")  # a line, or a table cell (readers join cells with tabs)
_LEAD = re.compile(rf"([^\s，。；：:,;！？!?、（）()]{{1,{LEAD_MAX}}})[ \t]*[：:]")
_NAME_STOPS = re.compile(r"[，。；,;！？!?]")
_OPENING_MARKER = re.compile(
    r"[ \t]*(?:第[一二三四五六七八九十\d]{1,3}[章节部分]|[（(][一二三四五六七八九十\d]{1,3}[）)][、.．]?"
    r"|[一二三四五六七八九十\d]{1,3}(?:\.\d{1,2})*[、.．]|[①-⑳]|[•·●▪◆■◇□※*-])?[ \t]*"
)


def written_parts(
    text: str,
    spans: tuple[tuple[int, int], ...],
    doc_type: str | None = None,
    skip: frozenset[int] = frozenset(),
) -> dict[str, tuple[int, int]]:
    """Parts a document writes without a section of their own, each with the place of its first mention.

    A part is written when a line or a table cell of ``spans`` is its name (``下周计划``, a column headed
    ``工作目标``) or opens with a lead naming it (``目标：…``, ``软件目标：1.…``, ``任务：…``). Lines starting
    at an offset in ``skip`` (the document's own headings, labelled already) are not read again.
    """
    found: dict[str, tuple[int, int]] = {}
    for start, end in spans:
        for piece in _PIECE.finditer(text, start, end):
            first = piece.start() + len(piece.group(0)) - len(piece.group(0).lstrip())
            at = _OPENING_MARKER.match(text, piece.start(), piece.end())
            begin = at.end() if at else piece.start()
            if first in skip or begin in skip:
                continue
            labels = _piece_labels(text[begin : piece.end()].rstrip())
            for label in for_doc_type(Labelling(labels, 1.0, "rule"), doc_type).labels:
                found.setdefault(label, (begin, piece.end()))
    return found


def _piece_labels(piece: str) -> tuple[str, ...]:
    """The parts a line or cell names: all of it a part's name, or a lead naming one."""
    if not piece:
        return ()
    if len(piece) <= NAME_MAX and not _NAME_STOPS.search(piece):
        named = rule_labels(piece.rstrip("：:"))
        if named is not None and named.confidence >= NAME_MIN_CONFIDENCE:
            return named.labels
    lead = _LEAD.match(piece)
    if lead:
        named = rule_labels(lead.group(1))
        if named is not None and named.confidence >= LEAD_MIN_CONFIDENCE and not names_work_area(lead.group(1)):
            return named.labels
    return ()


def for_doc_type(found: Labelling, doc_type: str | None) -> Labelling:
    """Adjust labels that depend on the document type (主要工作 is a summary's achievements, a plan's tasks).

    A document of no known kind is read as a plan: keeping a summary's labels there cost held-back activities.
    """
    if doc_type in RECOUNTING_DOC_TYPES:
        return found
    swap = DOC_TYPE_SWAPS.get("work_summary" if doc_type in SUMMARY_DOC_TYPES else "plan", {})
    if not any(label in swap for label in found.labels):
        return found
    labels = tuple(dict.fromkeys(swap.get(label, label) for label in found.labels))
    return replace(found, labels=labels)


def kind_labels(heading: str, doc_type: str | None, profile: str | None = None) -> Labelling | None:
    """The labels a heading has in this kind of document only (a form's 基本情况 → logistics; a summary's
    个人发展规划, a heading ending with a word of the plan ahead → next_steps), or None.

    ``profile``: the sub-kind recognised within the kind; a plan read as a software or technical project's (profile
    ``technical_plan``) names its parts as a technical plan does, when its own kind has no such words.
    """
    lex = lexicon()
    kind = doc_type if doc_type in lex.kind_synonyms or doc_type in lex.kind_heads else profile
    if kind is None:
        return None
    h = without_note(clean_heading(heading))
    labels = lex.kind_synonyms.get(kind, {}).get(h)
    if labels:
        return Labelling(labels, 1.0, "rule")
    named = rule_labels(h)
    if named is not None and named.confidence >= SECTION_NAME_CONFIDENCE:
        return None  # 总结和展望, 下周计划: a section's own name says it
    heads = lex.kind_heads.get(kind, {})
    head = max((w for w in heads if h.endswith(w) and len(h) > len(w)), key=len, default=None)
    return Labelling(heads[head], 0.8, "rule") if head else None


def list_item_labels(section: Section, parent: Labelling | None) -> Labelling | None:
    """A numbered entry of a goals/tasks/steps list: its parent's labels, less sure.

    None when the parent is no list section or the entry's own heading is a section name
    (``（三）工作要求`` under 主要任务 keeps its own label).
    """
    if (
        parent is None
        or not section.number
        or parent.confidence < LIST_MIN_CONFIDENCE
        or not set(parent.labels) & _list_sections()
    ):
        return None  # a parent named only by the tasks prior is no known list
    own = rule_labels(section.heading)
    if (
        own is not None
        and own.confidence >= ENTRY_NAME_CONFIDENCE
        and not names_work_area(clean_heading(section.heading))
    ):
        return None  # 软件产品评估 keeps its name; 加大…监督检查力度 is a piece of the list's work
    labels = tuple(label for label in parent.labels if label in _list_sections())  # 考核程序's entries are steps
    labels = tuple(dict.fromkeys((*labels, *entry_topics(section.heading, labels))))
    return Labelling(labels, round(parent.confidence * LIST_ITEM_DISCOUNT, 3), "rule")


def entry_topics(heading: str, list_labels: tuple[str, ...]) -> tuple[str, ...]:
    """The parts a work entry is also about (加强宣传推介 → publicity, 开展能力评价 → evaluation): the taxonomy's
    ``entry_topics`` words in a short entry of a tasks or safeguards list, on word boundaries, unless a name
    follows the word (建设考核管理平台 is no 考核). () for entries of other lists."""
    h = clean_heading(heading)
    if not set(WORK_LIST_SECTIONS) & set(list_labels) or len(h) > ENTRY_TOPIC_MAX:
        return ()
    names = tuple(taxonomy().get("entry_topic_names") or ())
    found: list[str] = []
    for label, words in (taxonomy().get("entry_topics") or {}).items():
        for word in words:
            at = h.find(word)
            if at < 0 or label in list_labels or not _on_word_boundaries(h, at, at + len(word)):
                continue
            if any(n in h[at + len(word) :] for n in names):
                continue  # the word names what a body or a system is for (技术评价实验室): it adds nothing
            found.append(label)
            break
    return tuple(found)


def umbrella_labels(section: Section, text: str, found: Labelling) -> Labelling:
    """An umbrella heading (总体要求) with no sub-headings also names the parts its body holds (坚持…原则 → principles).

    The umbrella headings and the cues of each part are data (``umbrella_headings`` of the taxonomy).
    """
    spec: dict[str, Any] = taxonomy().get("umbrella_headings") or {}
    h = clean_heading(section.heading)
    if h not in spec.get("headings", []) and not (
        len(h) <= UMBRELLA_NAMED_MAX and not _CLAUSE.search(h) and any(w in h for w in spec.get("headings", []))
    ):
        return found
    body = text[section.heading_span[1] : section.span[1]]
    extra = [label for label, cue in (spec.get("parts") or {}).items() if re.search(cue, body)]
    labels = tuple(dict.fromkeys((*found.labels, *extra)))
    return replace(found, labels=labels) if labels != found.labels else found


def entry_labels(parent: Labelling) -> Labelling:
    """The labels of a sub-heading that names nothing of its own: its parent's, read through ``entry_labels``.

    The entries of an assurance section are measures (形成改革发展合力 under 组织实施 is a safeguard, not
    the organisation); the taxonomy's ``entry_labels`` says so per parent label.
    """
    mapping: dict[str, list[str]] = taxonomy().get("entry_labels") or {}
    labels = tuple(dict.fromkeys(x for label in parent.labels for x in mapping.get(label, [label])))
    return Labelling(labels, round(parent.confidence * LIST_ITEM_DISCOUNT, 3), "rule")


@lru_cache(maxsize=1)
def _list_sections() -> frozenset[str]:
    return frozenset(taxonomy().get("list_sections", []))


def _bare_person_name(heading: str) -> bool:
    """A heading that is only a person's name (``张晓明：``), a word the taxonomy does not know."""
    from .extract.leaders import is_person_name  # the surnames of extract, loaded when a short heading is read

    h = clean_heading(heading)
    return len(h) <= PERSON_NAME_MAX and rule_labels(h) is None and is_person_name(h)


def person_shares(sections: tuple[Section, ...], doc_type: str | None) -> frozenset[str]:
    """Ids of the sections of a plan headed by people's names, when two siblings or more are (最终分工: 张晓明：…,
    李青：…): each is that person's share of the work, the division. One name alone may be a word (高效, 黄山)."""
    if doc_type not in plan_types():
        return frozenset()
    named = [s.id for s in sections if _bare_person_name(fold_traditional(s.heading))]
    return frozenset(named) if len(named) >= PERSON_SIBLINGS_MIN else frozenset()


def work_entry(heading: str, found: Labelling, parent: Labelling) -> Labelling:
    """An entry of a work list led by a verb of work (明确审核机构, 发挥记录作用 under 全面推行…制度) is a piece of that
    work, and of the parts it is about (加强安全保障 → tasks, risk_safety), unless its words name a part surely."""
    h = clean_heading(heading)
    if found.confidence >= SECTION_NAME_CONFIDENCE or len(h) < WORK_ENTRY_MIN or not h.startswith(_work_verbs()):
        return found
    labels = ("tasks", *entry_topics(h, ("tasks",)))
    return Labelling(labels, round(max(parent.confidence, TASKS_PRIOR) * LIST_ITEM_DISCOUNT, 3), "rule")


PROBLEMS = "sum_problems"
PROBLEM_CONFIDENCE = 0.7  # a heading stating a problem is a problems entry this surely
PROBLEM_SHARE = 0.5  # more than this share of a summary's top parts stating problems makes it a list of problems


def states_problem(heading: str) -> bool:
    """Whether a heading states a problem met (用户培训不到位, 外部系统错误导致BUG): a word of the taxonomy's
    ``problem_words``, not led by a verb of putting it right (解决…无法…的问题)."""
    h = clean_heading(heading)
    spec = taxonomy()
    if h.startswith(tuple(spec.get("problem_fixing_verbs") or ())) or h.startswith(_work_verbs()):
        return False
    return any(w in h for w in spec.get("problem_words") or ())


def problem_entry(heading: str, found: Labelling) -> Labelling:
    """A summary's heading that states a problem is a 存在问题 entry, unless its words name a part surely."""
    if found.confidence >= SECTION_NAME_CONFIDENCE or PROBLEMS in found.labels or not states_problem(heading):
        return found
    return Labelling((PROBLEMS,), PROBLEM_CONFIDENCE, "rule")


def problem_list(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """A summary whose top parts are mostly problems stated (8 headings, most naming a fault met) is a list of its
    problems: the others of them, named by no sure rule (需求有始无终), are problems too."""
    stated = sum(1 for s in sections if PROBLEMS in s.labels)
    if len(sections) < 3 or stated <= PROBLEM_SHARE * len(sections):
        return sections
    return tuple(_as_problem(s) for s in sections)


def _as_problem(section: Section) -> Section:
    """A part of a list of problems, and its parts, as problems, unless a sure rule names them otherwise."""
    if section.label_source == "rule" and (section.label_confidence or 0) >= SECTION_NAME_CONFIDENCE:
        return section
    children = tuple(_as_problem(c) for c in section.children)
    return replace(
        section, labels=(PROBLEMS,), label_confidence=PROBLEM_CONFIDENCE, label_source="rule", children=children
    )


@lru_cache(maxsize=1)
def _work_verbs() -> tuple[str, ...]:
    return tuple(taxonomy().get("work_verbs", []))


@lru_cache(maxsize=1)
def _principle_leads() -> tuple[str, ...]:
    return tuple(taxonomy().get("principle_leads") or ())


def _labelled(
    section: Section,
    text: str,
    model: SectionModel | _ModelOnUse | None,
    doc_type: str | None,
    parent: Labelling | None = None,
    shares: frozenset[str] = frozenset(),
    profile: str | None = None,
) -> Section:
    probe = replace(section, heading=fold_traditional(section.heading))  # matched folded, kept as written
    if names_no_part(probe.heading):
        children = tuple(_labelled(c, text, model, doc_type, None, profile=profile) for c in section.children)
        return replace(section, labels=(), label_confidence=None, label_source="none", children=children)
    prior = doc_type in plan_types() or doc_type in SUMMARY_DOC_TYPES or doc_type in DIRECTIVE_DOC_TYPES
    found = (
        (Labelling(("division",), SECTION_NAME_CONFIDENCE, "rule") if section.id in shares else None)
        or kind_labels(probe.heading, doc_type, profile)
        or list_item_labels(probe, parent)
        or for_doc_type(label_section(probe, text, model, sentence_cue=not prior), doc_type)
    )
    if not found.labels and parent is not None and parent.labels:
        found = entry_labels(parent)  # names nothing of its own: a part of its parent's section (海报 under 宣传方案)
        topics = entry_topics(probe.heading, found.labels)  # 加强宣传推介 under a work area: tasks and publicity
        found = replace(found, labels=tuple(dict.fromkeys((*found.labels, *topics)))) if topics else found
    elif not found.labels and section.level == 1 and prior:
        # an unnamed top item of a plan is a work area; of a summary, a piece of work done
        found = for_doc_type(Labelling(("tasks",), TASKS_PRIOR, "rule"), doc_type)
    if parent is not None and "tasks" in parent.labels and "tasks" not in found.labels:
        found = work_entry(probe.heading, found, parent)
    if doc_type in SUMMARY_DOC_TYPES and (parent is None or PROBLEMS in parent.labels):
        found = problem_entry(probe.heading, found)
    whole, named = ASSURANCE_ENTRY
    if parent is not None and whole in parent.labels and named in found.labels and whole in found.labels:
        found = replace(found, labels=tuple(label for label in found.labels if label != whole))
    if not section.children:
        found = umbrella_labels(probe, text, found)
    inner = person_shares(section.children, doc_type)
    children = tuple(_labelled(c, text, model, doc_type, found, inner, profile) for c in section.children)
    source: Any = found.source
    return replace(
        section,
        labels=found.labels,
        label_confidence=found.confidence if found.labels else None,
        label_source=source,
        children=children,
    )


def classify(doc: Document, text: str, *, model_path: str | None = None, use_model: bool = True) -> Document:
    """The document with ``labels``, ``label_confidence`` and ``label_source`` set on every section."""
    model = _ModelOnUse(model_path) if use_model else None
    text = fold_traditional(text)
    shares = person_shares(doc.sections, doc.doc_type)
    sections = tuple(_labelled(s, text, model, doc.doc_type, None, shares, doc.profile) for s in doc.sections)
    if doc.doc_type in SUMMARY_DOC_TYPES:
        sections = problem_list(sections)
    return replace(doc, sections=sections)


__all__ = [
    "MODEL_PATH",
    "Labelling",
    "SectionModel",
    "classify",
    "compound_labels",
    "entry_labels",
    "for_doc_type",
    "keyword_labels",
    "kind_labels",
    "label_section",
    "lexicon",
    "list_item_labels",
    "load_model",
    "model_from_dict",
    "model_text",
    "rule_labels",
    "without_note",
    "written_parts",
]

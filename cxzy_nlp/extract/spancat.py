"""The trained span categorizer (opt-in, ``--model``): goal, activity, owner, deadline and amount spans.

A spaCy pipeline in spaCy's own on-disk format (``models/spacy_spans/``, no pickle): blank ``zh``
segmenting with jieba and the domain dictionary, and one ``spancat`` whose candidates are the plan's
units (each sentence and each clause, for goals and activities) and short word n-grams (owners,
deadlines, amounts). ``cxzy train`` rebuilds it byte for byte (:mod:`cxzy_nlp.train_spans`).

The rules stay the default. ``--model`` sets :data:`MODEL_ENV` (worker processes inherit it) and
:func:`with_model` then adds what the model finds and the rules missed; ``CXZY_SPAN_MODE=alone`` puts
the model's goals, activities and owners in place of the rules' (for ``cxzy eval`` only). spaCy is
imported on first use, never on the default path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CxzyError
from ..model import Activity, Document, Goal, Owner, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from thinc.types import Ragged

LABELS = ("goal", "activity", "owner", "deadline", "amount")
UNIT_LABELS = ("goal", "activity")  # whole sentences or clauses
SPANS_KEY = "sc"
MAX_NGRAM = 5  # owners, deadlines and amounts are at most this many jieba words
MAX_UNIT = 120  # a longer sentence is not offered as one candidate
MODEL_DIR = "spacy_spans"
MODEL_ENV = "CXZY_SPAN_MODEL"
MODE_ENV = "CXZY_SPAN_MODE"  # "combined" (default) or "alone"
DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / MODEL_DIR  # a checkout
PACKAGED_MODEL = Path(__file__).resolve().parents[1] / "models" / MODEL_DIR  # an installed wheel
CHUNK = 4000  # characters per piece handed to spaCy (cut at a line end)
SUGGESTER = "cxzy.plan_units.v1"
OWNER_REACH = 200  # an activity's owner is named within this many characters of its first sentence

SENTENCE_END = frozenset("。！？；!?;")
CLAUSE_END = SENTENCE_END | frozenset("，,：:")


class SpanModelError(CxzyError):
    """The span model is missing, unreadable, or spaCy is not installed."""

    code = "span-model"


@dataclass(frozen=True)
class Found:
    """One span the model labels, offsets into the analysed text."""

    label: str
    span: Span
    score: float


# ------------------------------------------------------------------ candidates


def unit_bounds(words: list[str]) -> list[tuple[int, int]]:
    """Sentences and clauses as (first word, end word) pairs, line ends and spaces left out."""
    out: set[tuple[int, int]] = set()
    for ends in (SENTENCE_END, CLAUSE_END):
        start = 0
        for i, w in enumerate([*words, "\n"]):
            line_end = "\n" in w
            if line_end or w in ends:
                hi = i if line_end else i + 1
                lo = start
                while lo < hi and not words[lo].strip():
                    lo += 1
                if 0 < hi - lo <= MAX_UNIT:
                    out.add((lo, hi))
                start = i + 1
    return sorted(out)


def suggest(words: list[str], max_ngram: int = MAX_NGRAM) -> list[tuple[int, int]]:
    """Candidate spans of one text: its units and every n-gram of up to ``max_ngram`` words not broken by a line."""
    out = set(unit_bounds(words))
    for i, w in enumerate(words):
        if not w.strip():
            continue
        for n in range(1, max_ngram + 1):
            if i + n > len(words) or not words[i + n - 1].strip() or "\n" in words[i + n - 1]:
                break
            out.add((i, i + n))
    return sorted(out)


def make_suggester(max_ngram: int) -> Callable[..., Ragged]:
    from thinc.api import get_current_ops
    from thinc.types import Ragged

    def suggester(docs: Iterable[Doc], *, ops: Any = None) -> Ragged:
        ops = ops or get_current_ops()
        spans: list[tuple[int, int]] = []
        lengths: list[int] = []
        for doc in docs:
            found = suggest([t.text for t in doc], max_ngram)
            spans.extend(found)
            lengths.append(len(found))
        data = ops.asarray2i(spans) if spans else ops.xp.zeros((0, 2), dtype="i")
        return Ragged(data, ops.asarray1i(lengths))

    return suggester


def register() -> None:
    """Make the suggester known to spaCy's registry (before building or loading the pipeline)."""
    from spacy.util import registry

    if SUGGESTER not in registry.misc.get_all():
        registry.misc.register(SUGGESTER, func=make_suggester)


# ------------------------------------------------------------------ the pipeline


def blank_pipeline() -> Language:
    """Blank ``zh`` with the jieba segmenter, the domain terms loaded into jieba first."""
    try:
        import spacy
    except ImportError:
        raise SpanModelError("使用 --model 需要安装 spaCy：pip install spacy jieba") from None
    from .nlp import load_jieba

    load_jieba()
    register()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


@lru_cache(maxsize=2)
def load_model(path: str) -> Language:
    """The trained pipeline at ``path`` (once per process)."""
    from .nlp import load_jieba

    folder = Path(path)
    if not (folder / "config.cfg").is_file():
        raise SpanModelError(f"找不到跨度模型：{folder}（用 cxzy train 生成）")
    try:
        import spacy
    except ImportError:
        raise SpanModelError("使用 --model 需要安装 spaCy：pip install spacy jieba") from None
    load_jieba()
    register()
    try:
        return spacy.load(folder)
    except (OSError, ValueError, KeyError) as exc:
        raise SpanModelError(f"跨度模型无法读取：{folder}（{exc}）") from None


def active_model() -> str | None:
    """The model path chosen with ``--model`` (``CXZY_SPAN_MODEL``), or None on the default, rules-only path."""
    value = os.environ.get(MODEL_ENV, "").strip()
    if not value:
        return None
    if value in ("1", "default"):
        return str(DEFAULT_MODEL if DEFAULT_MODEL.is_dir() else PACKAGED_MODEL)
    return value


def _pieces(text: str, span: Span) -> Iterator[Span]:
    lo, hi = span
    while lo < hi:
        cut = hi if hi - lo <= CHUNK else text.rfind("\n", lo, lo + CHUNK) + 1
        if cut <= lo:
            cut = min(hi, lo + CHUNK)
        yield lo, cut
        lo = cut


def predict(text: str, span: Span, path: str) -> list[Found]:
    """The spans the model labels in ``text[span]``, in order."""
    nlp = load_model(path)
    out: list[Found] = []
    for lo, hi in _pieces(text, span):
        doc = nlp(text[lo:hi])
        group = doc.spans[SPANS_KEY]
        scores = group.attrs.get("scores")
        for i, s in enumerate(group):
            score = float(scores[i].max()) if scores is not None else 1.0
            out.append(Found(s.label_, (lo + s.start_char, lo + s.end_char), round(score, 4)))
    return sorted(out, key=lambda f: (f.span, f.label))


# ------------------------------------------------------------------ merging with the rules


def _overlaps(a: Span, b: Span) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and inter * 2 >= shorter


def _best(found: list[Found], label: str) -> list[Found]:
    """Spans of one label, a clause dropped when a sentence holding it was found too (one per unit)."""
    spans = [f for f in found if f.label == label]
    keep = []
    for f in spans:
        if not any(g is not f and g.span[0] <= f.span[0] and f.span[1] <= g.span[1] for g in spans):
            keep.append(f)
    return keep


_MARK = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]?\s*)")


def _section_of(doc: Document, at: int) -> str | None:
    best = None
    for s in doc.all_sections():
        if s.span[0] <= at < s.span[1]:
            best = s.id
    return best


def model_goals(doc: Document, text: str, found: list[Found]) -> list[Goal]:
    return [
        Goal(text[f.span[0] : f.span[1]], f.span, _section_of(doc, f.span[0]), measurable=False)
        for f in _best(found, "goal")
    ]


def model_activities(doc: Document, text: str, found: list[Found]) -> list[Activity]:
    owners = [f for f in found if f.label == "owner"]
    items = _best(found, "activity")
    out = []
    for i, f in enumerate(items):
        words = text[f.span[0] : f.span[1]]
        reach = min(f.span[0] + OWNER_REACH, items[i + 1].span[0] if i + 1 < len(items) else doc.span[1])
        owner = next((text[o.span[0] : o.span[1]] for o in owners if f.span[0] <= o.span[0] < reach), None)
        name = _MARK.sub("", words).rstrip("。；;，,：: ")[:30]
        out.append(Activity(name, words, f.span, _section_of(doc, f.span[0]), owner=owner))
    return out


def with_model(doc: Document, text: str, path: str | None = None, mode: str | None = None) -> Document:
    """``doc`` with the model's spans added where the rules found nothing there (``mode`` "combined"), or in
    place of the rules' goals, activities and owners (``mode`` "alone")."""
    path = path or active_model()
    if path is None:
        return doc
    mode = mode or os.environ.get(MODE_ENV, "combined")
    found = predict(text, doc.span, path)
    goals = model_goals(doc, text, found)
    acts = model_activities(doc, text, found)
    owner_spans = [f for f in found if f.label == "owner"]
    if mode == "alone":
        owners = _unique_owners(text, owner_spans)
        return replace(doc, goals=tuple(goals), activities=tuple(acts), owners=owners)
    new_goals = [g for g in goals if not any(_overlaps(g.span, x.span) for x in doc.goals)]
    new_acts = [a for a in acts if not any(_overlaps(a.span, x.span) for x in doc.activities)]
    filled = tuple(_with_owner(a, text, owner_spans) for a in doc.activities)
    known = {o.name for o in doc.owners}
    extra = tuple(o for o in _unique_owners(text, owner_spans) if o.name not in known)
    return replace(
        doc,
        goals=tuple(sorted((*doc.goals, *new_goals), key=lambda g: g.span)),
        activities=tuple(sorted((*filled, *new_acts), key=lambda a: a.span)),
        owners=tuple(sorted((*doc.owners, *extra), key=lambda o: o.span)),
    )


def _with_owner(activity: Activity, text: str, owners: list[Found]) -> Activity:
    if activity.owner:
        return activity
    for o in owners:
        if activity.span[0] <= o.span[0] < activity.span[1]:
            return replace(activity, owner=text[o.span[0] : o.span[1]])
    return activity


def _unique_owners(text: str, spans: list[Found]) -> tuple[Owner, ...]:
    seen: set[str] = set()
    out = []
    for f in spans:
        name = text[f.span[0] : f.span[1]].strip()
        if name and name not in seen:
            seen.add(name)
            out.append(Owner(name, f.span, how="cue"))
    return tuple(out)


__all__ = [
    "LABELS",
    "MODEL_ENV",
    "Found",
    "SpanModelError",
    "active_model",
    "blank_pipeline",
    "load_model",
    "predict",
    "suggest",
    "unit_bounds",
    "with_model",
]

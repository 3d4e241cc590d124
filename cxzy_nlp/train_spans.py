"""Training of the span categorizer (:mod:`cxzy_nlp.extract.spancat`) from the project's own corpora.

Gold spans come from ``corpora/generated`` (the gold items of synthetic plans: goals, activities with
their owner and deadline, budget items and totals) and the goals quoted in ``corpora/handwritten``.
A goal or activity is taught as the sentence where it begins (what a reviewer reads as the item);
owners, deadlines and amounts as their words. Seeds are fixed and training runs on one thread, so
``cxzy train`` writes the same bytes every time.
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
SEED = 20240101
EPOCHS = 8
BATCH = 8
DROPOUT = 0.1


@dataclass(frozen=True)
class SpanConfig:
    """Size of the network; the shipped model and the fast test use different ones."""

    width: int = 64
    rows: tuple[int, int, int, int] = (4000, 1000, 1000, 500)  # NORM, PREFIX, SUFFIX, SHAPE hash rows
    depth: int = 2
    hidden: int = 64
    epochs: int = EPOCHS


TINY = SpanConfig(width=16, rows=(500, 100, 100, 50), depth=1, hidden=16, epochs=1)


@dataclass(frozen=True)
class GoldText:
    """One training text and its gold spans (label, (start, end)) in characters."""

    text: str
    spans: tuple[tuple[str, tuple[int, int]], ...]


_DEADLINE = re.compile(
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:底|中旬|上旬|下旬)?(?:前|以前|之前)?|\d{4}年(?:底|年底)?(?:前|以前)?"
)
_AMOUNT = re.compile(r"\d[\d,，.]*(?:万|亿)?元")


def plan_gold(plan: Any) -> GoldText:
    """Gold spans of one synthetic plan."""
    text: str = plan.text
    spans: list[tuple[str, tuple[int, int]]] = []
    for item in plan.items:
        lo, hi = item.span
        if item.kind in ("goal", "activity"):
            spans.append((item.kind, (lo, hi)))
        if item.kind == "activity":
            owner = item.fields.get("owner")
            at = text.find(owner, lo, hi) if owner else -1
            if at >= 0:
                spans.append(("owner", (at, at + len(owner))))
        if item.kind in ("activity", "goal") and (item.fields.get("when") or item.fields.get("deadline")):
            spans.extend(("deadline", m.span()) for m in _DEADLINE.finditer(text, lo, hi))
        if item.kind in ("budget_item", "budget_total"):
            spans.extend(("amount", m.span()) for m in _AMOUNT.finditer(text, lo, hi))
    return GoldText(text, tuple(spans))


def handwritten_gold(folder: Path) -> list[GoldText]:
    """The goals quoted in the annotation files of the hand-written plans."""
    out = []
    for note in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        source = note.with_suffix(".txt")
        if not source.is_file():
            continue
        text = source.read_text(encoding="utf-8")
        data = json.loads(note.read_text(encoding="utf-8"))
        spans = []
        for goal in data.get("goals") or []:
            quote = str(goal.get("text") or "") if isinstance(goal, dict) else ""
            at = text.find(quote) if quote else -1
            if at >= 0:
                spans.append(("goal", (at, at + len(quote))))
        if spans:
            out.append(GoldText(text, tuple(spans)))
    return out


def training_texts(plans: Iterable[Any], handwritten: Path) -> list[GoldText]:
    """Gold texts of the training split's synthetic plans and of the hand-written plans in ``handwritten``."""
    return [plan_gold(p) for p in plans] + handwritten_gold(handwritten)


def _reference(nlp: Any, gold: GoldText) -> Any:
    """The gold Doc: units for goals and activities (the sentence holding the start), words for the rest."""
    from spacy.tokens import Span as SpacySpan

    from .extract.spancat import SPANS_KEY, UNIT_LABELS, suggest, unit_bounds

    doc = nlp.make_doc(gold.text)
    words = [t.text for t in doc]
    units = [u for u in unit_bounds(words)]
    sentences: dict[int, tuple[int, int]] = {}
    for lo, hi in units:  # the longest unit starting at each word is its sentence
        if hi - lo > sentences.get(lo, (0, 0))[1] - sentences.get(lo, (0, 0))[0]:
            sentences[lo] = (lo, hi)
    candidates = set(suggest(words))
    spans = []
    seen: set[tuple[str, int, int]] = set()
    for label, (lo, hi) in gold.spans:
        span = doc.char_span(lo, hi, alignment_mode="expand")
        if span is None:
            continue
        start, end = span.start, span.end
        if label in UNIT_LABELS:
            while start < end and not doc[start].text.strip():
                start += 1
            found = next((u for s, u in sorted(sentences.items()) if s <= start < u[1]), None)
            if found is None:
                continue
            start, end = found
        if (start, end) not in candidates or (label, start, end) in seen:
            continue
        seen.add((label, start, end))
        spans.append(SpacySpan(doc, start, end, label=label))
    doc.spans[SPANS_KEY] = spans
    return doc


def build_pipeline(config: SpanConfig) -> Any:
    """The untrained pipeline: blank zh (jieba) + spancat over the plan's units and short n-grams."""
    from .extract.spancat import LABELS, MAX_NGRAM, SPANS_KEY, SUGGESTER, blank_pipeline

    nlp = blank_pipeline()
    w = config.width
    spancat = nlp.add_pipe(
        "spancat",
        config={
            "spans_key": SPANS_KEY,
            "threshold": 0.5,
            "max_positive": 1,
            "suggester": {"@misc": SUGGESTER, "max_ngram": MAX_NGRAM},
            "model": {
                "@architectures": "spacy.SpanCategorizer.v1",
                "reducer": {"@layers": "spacy.mean_max_reducer.v1", "hidden_size": config.hidden},
                "scorer": {"@layers": "spacy.LinearLogistic.v1"},
                "tok2vec": {
                    "@architectures": "spacy.Tok2Vec.v2",
                    "embed": {
                        "@architectures": "spacy.MultiHashEmbed.v2",
                        "width": w,
                        "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                        "rows": list(config.rows),
                        "include_static_vectors": False,
                    },
                    "encode": {
                        "@architectures": "spacy.MaxoutWindowEncoder.v2",
                        "width": w,
                        "window_size": 1,
                        "maxout_pieces": 3,
                        "depth": config.depth,
                    },
                },
            },
        },
    )
    for label in LABELS:
        spancat.add_label(label)  # type: ignore[attr-defined]
    return nlp


def fit_span_model(texts: list[GoldText], config: SpanConfig = SpanConfig(), seed: int = SEED) -> Any:
    """Train the pipeline on ``texts`` (one thread, fixed seeds); returns the spaCy ``Language``."""
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch
    from threadpoolctl import threadpool_limits

    fix_random_seed(seed)
    nlp = build_pipeline(config)
    examples = [Example(nlp.make_doc(g.text), _reference(nlp, g)) for g in texts]
    rng = random.Random(seed)
    with threadpool_limits(1):
        optimizer = nlp.initialize(lambda: examples)
        for epoch in range(config.epochs):
            order = list(examples)
            rng.shuffle(order)
            losses: dict[str, float] = {}
            for batch in minibatch(order, size=BATCH):
                nlp.update(batch, sgd=optimizer, drop=DROPOUT, losses=losses)
            log.info("span model epoch %d: loss %.3f", epoch + 1, losses.get("spancat", 0.0))
    return nlp


def write_model(nlp: Any, folder: Path) -> Path:
    """The pipeline in spaCy's on-disk format (config, weights as msgpack, strings; no pickle)."""
    import shutil

    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(folder)
    return folder


def train_spans(
    texts: list[GoldText], models: Path, config: SpanConfig = SpanConfig(), seed: int = SEED
) -> dict[str, Any]:
    """Rebuild ``models/spacy_spans`` from ``texts``; what was written and from how much."""
    from .extract.spancat import MODEL_DIR

    nlp = fit_span_model(texts, config, seed)
    folder = write_model(nlp, models / MODEL_DIR)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return {"path": str(folder), "texts": len(texts), "spans": sum(len(g.spans) for g in texts), "bytes": size}


def evaluate_spans(nlp: Any, texts: Iterable[GoldText]) -> dict[str, tuple[float, float, int]]:
    """Per label: precision and recall of the model's spans against the taught ones (exact words), and the gold count."""
    from .extract.spancat import SPANS_KEY

    tp: dict[str, int] = {}
    found: dict[str, int] = {}
    gold: dict[str, int] = {}
    for g in texts:
        ref, doc = _reference(nlp, g), nlp(g.text)  # a SpanGroup needs its Doc alive
        want = {(s.label_, s.start, s.end) for s in ref.spans[SPANS_KEY]}
        got = {(s.label_, s.start, s.end) for s in doc.spans[SPANS_KEY]}
        for label, *_ in want:
            gold[label] = gold.get(label, 0) + 1
        for item in got:
            found[item[0]] = found.get(item[0], 0) + 1
            tp[item[0]] = tp.get(item[0], 0) + (item in want)
    return {
        label: (tp.get(label, 0) / found[label] if found.get(label) else 0.0, tp.get(label, 0) / n, n)
        for label, n in sorted(gold.items())
    }


def gold_counts(texts: Iterable[GoldText]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for g in texts:
        for label, _ in g.spans:
            counts[label] = counts.get(label, 0) + 1
    return counts


__all__ = ["TINY", "GoldText", "SpanConfig", "fit_span_model", "plan_gold", "train_spans", "training_texts"]

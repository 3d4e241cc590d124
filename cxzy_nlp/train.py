"""Training and evaluation of the section classifier (``cxzy train``, ``cxzy eval``).

Training data: the taxonomy synonyms, synthetic plans from :mod:`cxzy_nlp.synth` (fixed seeds)
and hand-labelled headings in ``corpora/**/*.jsonl`` (``{"heading": ..., "labels": [...],
"body": ...}``). The model is a char n-gram TF-IDF + logistic regression written as JSON
(vocabulary, idf, coefficients), rebuilt byte for byte from the same inputs; no pickle.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .classify import model_text
from .errors import CxzyError
from .headings import taxonomy

MODEL_FILE = "section_classifier.json"
TRAIN_SEED = 20240101
HELDOUT_SEED = 977
N_SYNTH = 300
HELDOUT_EVERY = 5
FORMAT_VERSION = 1
_WS = re.compile(r"\s\s+")


@dataclass(frozen=True)
class Example:
    text: str  # model_text(heading, first sentence)
    label: str  # primary section id


# ------------------------------------------------------------------ training data


def taxonomy_examples() -> list[Example]:
    """Every synonym and keyword of the taxonomy as a bare heading."""
    out = []
    for sec in taxonomy()["sections"]:
        for word in sec.get("synonyms", []) + sec.get("keywords", []):
            out.append(Example(model_text(word, ""), sec["id"]))
    return out


def synth_examples(n: int, seed: int) -> list[Example]:
    """Headings and first sentences of the gold sections of ``n`` freshly generated plans."""
    from .synth import generate_corpus

    return plans_examples(generate_corpus(n, seed=seed))


def plans_examples(plans: Iterable[Any]) -> list[Example]:
    """Examples from the gold section trees of synthetic plans."""
    out: list[Example] = []
    for plan in plans:
        for gold in _walk_gold(plan.sections):
            if gold.labels:
                out.append(Example(model_text(gold.heading, _gold_first_sentence(plan.text, gold)), gold.labels[0]))
    return out


def is_heldout(index: int) -> bool:
    """Every fifth plan of ``corpora/generated/plans.jsonl`` is kept out of training for ``cxzy eval``."""
    return index % HELDOUT_EVERY == 0


def corpus_plans(corpora: Path, *, heldout: bool) -> list[Any]:
    """Plans of ``corpora/generated`` (training split, or the held-out split of ``plans.jsonl``)."""
    from .synth.corpus import read_plans

    generated = corpora / "generated"
    out: list[Any] = []
    for name in ("plans.jsonl",) if heldout else ("plans.jsonl", "clean.jsonl", "long.jsonl"):
        path = generated / name
        if not path.is_file():
            continue
        try:
            plans = list(read_plans(path))
        except (ValueError, KeyError, TypeError) as exc:  # UnicodeDecodeError is a ValueError
            raise CorpusError(f"语料文件无法读取：{path}（{exc}）") from None
        out.extend(p for i, p in enumerate(plans) if name != "plans.jsonl" or is_heldout(i) == heldout)
    return out


class CorpusError(CxzyError):
    """A corpus file that cannot be read (partly written, wrong format)."""

    code = "corpus"


def _walk_gold(sections: Iterable[Any]) -> Iterator[Any]:
    for s in sections:
        yield s
        yield from _walk_gold(s.children)


def _gold_first_sentence(text: str, gold: Any) -> str:
    end = gold.children[0].span[0] if gold.children else gold.span[1]
    body = text[gold.heading_span[1] : end].lstrip("：: \n")
    m = re.search(r"[。！？；\n]", body)
    return body[: m.start()] if m else body[:80]


def corpus_examples(corpora: Path) -> list[Example]:
    """Hand-labelled headings: ``*.jsonl`` records with ``heading`` and ``labels`` (not under ``generated/``)."""
    out: list[Example] = []
    if not corpora.is_dir():
        return out
    for path in sorted(p for p in corpora.rglob("*.jsonl") if "generated" not in p.relative_to(corpora).parts):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict) and rec.get("heading") and rec.get("labels"):
                out.append(Example(model_text(str(rec["heading"]), str(rec.get("body", ""))), str(rec["labels"][0])))
    return out


# ------------------------------------------------------------------ fitting and export


def fit_section_model(examples: list[Example], seed: int = TRAIN_SEED) -> dict[str, Any]:
    """Fit TF-IDF + logistic regression; return the JSON-ready model."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    texts = [_WS.sub(" ", e.text) for e in examples]
    labels = [e.label for e in examples]
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=2, max_features=6000, lowercase=False)
    x = vec.fit_transform(texts)
    clf = LogisticRegression(C=8.0, max_iter=3000, random_state=seed)
    with threadpool_limits(1):  # one BLAS thread: same floats on every machine, and no oversubscription
        clf.fit(x, labels)
    vocab = sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])
    return {
        "format": FORMAT_VERSION,
        "kind": "char-tfidf-logreg",
        "ngram_range": [1, 3],
        "classes": [str(c) for c in clf.classes_],
        "vocabulary": [term for term, _ in vocab],
        "idf": [round(float(v), 6) for v in vec.idf_],
        "coef": [[round(float(v), 5) for v in row] for row in clf.coef_],
        "intercept": [round(float(v), 5) for v in clf.intercept_],
        "examples": len(examples),
    }


def write_json(data: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    return path


def train(
    corpora: Path, models: Path, *, n_synth: int = N_SYNTH, seed: int = TRAIN_SEED, spans: bool = True
) -> dict[str, Any]:
    """Rebuild every model under ``models/``; returns what was written and from how many examples.

    ``spans``: also the span model (:func:`train_span_model`) when the corpora hold span annotations.
    """
    plans = corpus_plans(corpora, heldout=False)
    generated = plans_examples(plans) if plans else synth_examples(n_synth, seed)
    examples = taxonomy_examples() + generated + corpus_examples(corpora)
    model = fit_section_model(examples, seed)
    path = write_json(model, models / MODEL_FILE)
    return {
        "path": str(path),
        "examples": len(examples),
        "classes": len(model["classes"]),
        "features": len(model["vocabulary"]),
        "spans": train_span_model(corpora, models) if spans else None,
    }


def train_span_model(corpora: Path, models: Path) -> dict[str, Any] | None:
    """The spaCy span model (``models/spacy_spans``), or None when the corpora hold no span annotations."""
    from .train_spans import train_spans, training_texts

    texts = training_texts(corpus_plans(corpora, heldout=False), corpora / "handwritten")
    return train_spans(texts, models) if texts else None


# ------------------------------------------------------------------ evaluation


@dataclass(frozen=True)
class Scores:
    name: str
    boundary_precision: float
    boundary_recall: float
    label_accuracy: float
    sections: int
    documents: int

    @property
    def boundary_f1(self) -> float:
        p, r = self.boundary_precision, self.boundary_recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class RealScores:
    """Figures on the golden files written by reading real documents (one split)."""

    name: str  # "heldout" | "dev"
    files: int
    figures: dict[str, float | None]
    absent: tuple[str, ...] = ()


REAL_SPLITS = ("heldout", "dev")


def evaluate_real(golden: Path, shared: Path, splits: Iterable[str] = REAL_SPLITS) -> list[RealScores]:
    """Structure and extraction figures on ``golden/<split>`` (files below ``shared``), each split apart."""
    from .goldeval import evaluate_folder

    out = []
    for split in splits:
        folder = golden / split
        if not folder.is_dir():
            continue
        tally, absent = evaluate_folder(folder, shared)
        out.append(RealScores(split, tally.files, tally.figures(), tuple(absent)))
    return out


def evaluate_second(golden: Path, shared: Path) -> list[RealScores]:
    """The second reading of some dev files (``golden/../second/dev``) beside the first reading of the same files.

    Both readings are scored on one analysis of each file, so the two rows differ only by the reader: what any
    reader marks against what one reader's habits add (tests/golden/second/README.md).
    """
    from .goldeval import Tally, gold_files, load_gold, score_file
    from .pipeline import analyse

    second = golden.parent / "second" / "dev"
    if not second.is_dir():
        return []
    first_t, second_t, absent = Tally(), Tally(), []
    for path in gold_files(second):
        gold = load_gold(path)
        source = shared / str(gold.get("file", ""))
        first = golden / "dev" / path.name
        if not source.is_file() or not first.is_file():
            absent.append(path.name)
            continue
        analysis = analyse(source, stages="extract")
        second_t.add(score_file(analysis, gold))
        first_t.add(score_file(analysis, load_gold(first)))
    return [
        RealScores("dev-同文件第一读", first_t.files, first_t.figures(), tuple(absent)),
        RealScores("second-第二读", second_t.files, second_t.figures(), tuple(absent)),
    ]


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def evaluate_synth(
    n: int = 60,
    seed: int = HELDOUT_SEED,
    *,
    use_model: bool = True,
    model_path: str | None = None,
    corpora: Path | None = None,
) -> Scores:
    """Section-start F1 (all levels) and label accuracy on held-out synthetic plans.

    The held-out split of ``corpora/generated/plans.jsonl`` when present, else ``n`` plans
    generated with a seed training never uses.
    """
    from .synth import generate_corpus

    plans = corpus_plans(corpora, heldout=True) if corpora else []
    name = "corpora 留出集" if plans else "synth"
    return score_plans(plans or generate_corpus(n, seed=seed), name, use_model=use_model, model_path=model_path)


def score_plans(plans: Iterable[Any], name: str, *, use_model: bool = True, model_path: str | None = None) -> Scores:
    from .classify import classify
    from .pipeline import analyse_text

    tp = n_found = n_gold = labels_ok = labels_n = n_plans = 0
    for plan in plans:
        analysis = analyse_text(plan.text, stages="segment")
        if analysis.text != plan.text:
            continue  # gold spans index a text the normaliser changed; not comparable
        n_plans += 1
        found = {}
        for doc in analysis.documents:
            doc = classify(doc, analysis.text, use_model=use_model, model_path=model_path)
            found.update({s.span[0]: s for s in doc.all_sections()})
        gold = {g.span[0]: g for g in _walk_gold(plan.sections)}
        n_found += len(found)
        n_gold += len(gold)
        for start, g in gold.items():
            if start in found:
                tp += 1
                if g.labels:
                    labels_n += 1
                    labels_ok += found[start].labels[:1] == tuple(g.labels[:1])
    return Scores(name, _ratio(tp, n_found), _ratio(tp, n_gold), _ratio(labels_ok, labels_n), n_gold, n_plans)


def evaluate_handwritten(corpora: Path, *, use_model: bool = True, model_path: str | None = None) -> Scores | None:
    """Headings (all levels) and labels of the hand-written plans against their annotation files."""
    from .classify import classify
    from .pipeline import analyse

    folder = corpora / "handwritten"
    notes = sorted(folder.glob("*.json")) if folder.is_dir() else []
    found_n = hits = labels_ok = labelled = wanted = 0
    for note in notes:
        source = note.with_suffix(".txt")
        if not source.is_file():
            continue
        expected = json.loads(note.read_text(encoding="utf-8")).get("sections", [])
        analysis = analyse(source, stages="segment")
        got: dict[str, Any] = {}
        for doc in analysis.documents:
            doc = classify(doc, analysis.text, use_model=use_model, model_path=model_path)
            got.update({_norm(s.heading): s for s in doc.all_sections()})
        depth = max((int(e.get("level", 1)) for e in expected), default=0)  # annotations stop at some level
        found_n += sum(1 for s in got.values() if s.level <= depth)
        for exp in expected:
            wanted += 1
            s = got.get(_norm(exp["heading"]))
            if s is not None:
                hits += 1
                if exp.get("labels"):  # an unlabelled list entry may carry its list's labels
                    labelled += 1
                    labels_ok += set(s.labels) == set(exp["labels"])
    if not wanted:
        return None
    return Scores(
        "corpora 手写方案", _ratio(hits, found_n), _ratio(hits, wanted), _ratio(labels_ok, labelled), wanted, len(notes)
    )


def load_golden(path: Path) -> list[dict[str, Any]]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    docs: list[dict[str, Any]] = data["documents"]
    return docs


def _norm(h: str) -> str:
    return re.sub(r"[\s：:。]", "", h)


def evaluate_golden(source: Path, golden: Path, *, use_model: bool = True, model_path: str | None = None) -> Scores:
    """Top-level heading precision/recall and label accuracy of one file against its golden outline."""
    from .classify import classify
    from .pipeline import analyse

    analysis = analyse(source, stages="segment")
    docs = [classify(d, analysis.text, use_model=use_model, model_path=model_path) for d in analysis.documents]
    expected = load_golden(golden)
    found_top = sum(len(d.sections) for d in docs)
    tp = labels_ok = n_gold = 0
    used: set[int] = set()
    for exp in expected:
        n_gold += len(exp["headings"])
        doc = _matching_document(analysis.text, docs, exp["title"], used)
        if doc is None:
            continue
        got = {(_norm(s.number), _norm(s.heading)): s for s in doc.sections}
        for number, heading, labels in exp["headings"]:
            s = got.get((_norm(number), _norm(heading)))
            if s is not None:
                tp += 1
                labels_ok += set(s.labels) == set(labels)
    return Scores(source.name, _ratio(tp, found_top), _ratio(tp, n_gold), _ratio(labels_ok, n_gold), n_gold, len(docs))


RENDER_FORMATS = ("txt", "docx", "pdf")
_HEADING_KEY = re.compile(r"[\s，,。：:、]")


def evaluate_rendered(
    fmt: str, n: int = 40, seed: int = HELDOUT_SEED, *, use_model: bool = True, model_path: str | None = None
) -> Scores:
    """Top-level headings of ``n`` synthetic plans rendered as ``fmt`` (Word numbering, PDF layout).

    Rendering moves the text, so headings are matched by number and wording, not by span.
    """
    import tempfile

    from .classify import classify
    from .pipeline import analyse
    from .synth import generate_corpus
    from .synth import render as render_plan

    if fmt not in RENDER_FORMATS:
        raise CxzyError(f"不支持的评测格式：{fmt}（可用：{'、'.join(RENDER_FORMATS)}）")
    tp = n_found = n_gold = labels_ok = 0
    plans = generate_corpus(n, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        for i, plan in enumerate(plans):
            analysis = analyse(render_plan(plan, fmt, Path(tmp) / f"plan{i}.{fmt}"), stages="segment")
            found = {
                _heading_key(s.number, s.heading): s
                for d in analysis.documents
                for s in classify(d, analysis.text, use_model=use_model, model_path=model_path).sections
            }
            gold = {_heading_key(g.number, g.heading): g for g in plan.sections}
            hits = found.keys() & gold.keys()
            tp, n_found, n_gold = tp + len(hits), n_found + len(found), n_gold + len(gold)
            labels_ok += sum(found[k].labels[:1] == tuple(gold[k].labels[:1]) for k in hits)
    return Scores(f"synth {fmt}", _ratio(tp, n_found), _ratio(tp, n_gold), _ratio(labels_ok, tp), n_gold, len(plans))


def _heading_key(number: str, heading: str) -> str:
    return _HEADING_KEY.sub("", number + heading)


def _matching_document(text: str, docs: list[Any], keyword: str, used: set[int]) -> Any:
    for i, doc in enumerate(docs):
        head_end = doc.sections[0].span[0] if doc.sections else doc.span[0] + 200
        head = text[doc.span[0] : min(head_end, doc.span[0] + 300)]
        if i not in used and keyword in head:
            used.add(i)
            return doc
    return None


__all__ = [
    "RENDER_FORMATS",
    "Example",
    "Scores",
    "corpus_examples",
    "evaluate_golden",
    "evaluate_handwritten",
    "evaluate_rendered",
    "evaluate_synth",
    "fit_section_model",
    "load_golden",
    "synth_examples",
    "taxonomy_examples",
    "train",
    "train_span_model",
]

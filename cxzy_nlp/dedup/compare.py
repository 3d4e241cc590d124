"""Passages of a corpus → MinHash LSH candidates → aligned shared passages → copy and boilerplate.

``compare(corpus)`` is the whole dedup stage; it reads as a chain:
``corpus_to_passages → passages_to_candidates → groups_to_shared`` here, then
``shared_to_documents → documents_to_pairs → pairs_to_clusters`` in :mod:`.documents`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Span
from .align import align, align_keys
from .boilerplate import BoilerplateKind, BoilerplateRules, StockFormulas, stock_formulas
from .corpus import Corpus, CorpusDoc
from .documents import (
    BoilerplatePassage,
    DocumentCopy,
    DocumentPair,
    SharedPassage,
    documents_to_pairs,
    pairs_to_clusters,
    shared_to_documents,
)
from .minhash import MinHashRules, ShingleHash, estimated_jaccard, lsh_candidates, shingle_counts, signatures
from .passages import PassageRules, passage_spans, strip_key

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class DedupRules:
    passages: PassageRules = field(default_factory=PassageRules)
    minhash: MinHashRules = field(
        default_factory=lambda: MinHashRules(shingle=4, perms=120, bands=40, rows=3, threshold=0.2)
    )
    boilerplate: BoilerplateRules = field(default_factory=BoilerplateRules)
    min_similarity: float = 0.5  # aligned share of both passages needed to call them the same text
    min_matched: int = 12  # and at least this many aligned content characters
    cluster_share: float = 0.1  # documents sharing this share of either's text are clustered
    max_group_pairs: int = 50  # passages of one key aligned with each near-duplicate key
    extend_window: int = 4  # passages either side of a copied pair compared with their counterparts
    extend_similarity: float = 0.6  # ... and kept when aligned this closely (stricter: no MinHash evidence)


@dataclass
class PassageTable:
    """Every comparable passage of the corpus: owning document, span, key, unique-key id."""

    doc: list[int] = field(default_factory=list)
    span: list[Span] = field(default_factory=list)
    uid: list[int] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # unique keys; uid indexes this list
    members: list[list[int]] = field(default_factory=list)  # uid → passages with that key


@dataclass
class DedupResult:
    corpus: Corpus
    copies: list[SharedPassage]
    boilerplate: list[BoilerplatePassage]
    documents: dict[int, DocumentCopy]
    pairs: list[DocumentPair]
    clusters: list[list[int]]
    stats: dict[str, float] = field(default_factory=dict)

    def doc(self, i: int) -> CorpusDoc:
        return self.corpus.docs[i]


# ------------------------------------------------------------------ passages


def corpus_to_passages(corpus: Corpus, rules: DedupRules) -> PassageTable:
    table = PassageTable()
    by_key: dict[str, int] = {}
    for d, doc in enumerate(corpus.docs):
        text = corpus.text_of(doc)
        for span in passage_spans(text, doc.span, rules.passages):
            key = strip_key(text[span[0] : span[1]])
            if len(key) < rules.passages.min_key_chars:
                continue
            uid = by_key.setdefault(key, len(table.keys))
            if uid == len(table.keys):
                table.keys.append(key)
                table.members.append([])
            table.members[uid].append(len(table.doc))
            table.doc.append(d)
            table.span.append(span)
            table.uid.append(uid)
    return table


def passages_to_candidates(
    table: PassageTable, rules: DedupRules, counts: np.ndarray, shingle_hash: ShingleHash | None = None
) -> np.ndarray:
    """Pairs of unique keys whose MinHash estimate reaches the threshold, shape ``(m, 2)``."""
    sig = signatures(table.keys, rules.minhash, shingle_hash, counts > rules.minhash.frequent_keys)
    pairs = lsh_candidates(sig, rules.minhash)
    return pairs[estimated_jaccard(sig, pairs) >= rules.minhash.threshold]


# ------------------------------------------------------------------ shared passages


@dataclass
class _Shared:
    copies: list[SharedPassage] = field(default_factory=list)
    boilerplate: dict[tuple[int, Span], BoilerplatePassage] = field(default_factory=dict)
    sizes: dict[int, int] = field(default_factory=dict)  # content characters per document, filled lazily

    def mark(self, doc: int, span: Span, kind: BoilerplateKind, owners: int) -> None:
        self.boilerplate.setdefault((doc, span), BoilerplatePassage(doc, span, kind, owners))


def _key_owners(corpus: Corpus, table: PassageTable) -> list[list[int]]:
    """Distinct owner ids of the passages of every key (owners numbered in corpus order)."""
    ids: dict[str, int] = {}
    doc_owner = [ids.setdefault(d.owner, len(ids)) for d in corpus.docs]
    return [
        [doc_owner[table.doc[m[0]]]] if len(m) == 1 else sorted({doc_owner[table.doc[p]] for p in m})
        for m in table.members
    ]


def _template_keys(corpus: Corpus, table: PassageTable) -> set[int]:
    allow = {d for d, doc in enumerate(corpus.docs) if doc.role == "allow"}
    if not allow:
        return set()
    return {uid for uid, members in enumerate(table.members) if any(table.doc[p] in allow for p in members)}


def common_keys(
    corpus: Corpus, table: PassageTable, key_owners: list[list[int]], neighbours: dict[int, set[int]], rules: DedupRules
) -> dict[int, tuple[BoilerplateKind, int]]:
    """Unique keys that are boilerplate by frequency or template, with the number of owners sharing them.

    A key's owners are those of the key itself and of its direct near-duplicates (no chaining,
    so a long chain of loosely similar passages does not become "common").
    """
    owners = [frozenset(o) for o in key_owners]
    templates = _template_keys(corpus, table)
    corpus_owners = len({d.owner for d in corpus.docs if d.role != "allow"})
    out: dict[int, tuple[BoilerplateKind, int]] = {}
    for uid in range(len(table.keys)):
        near = neighbours.get(uid, set())
        if len(owners[uid]) < 2 and not near:
            continue
        seen = set(owners[uid]).union(*(owners[v] for v in near)) if near else owners[uid]
        if uid in templates or near & templates:
            out[uid] = ("template", len(seen))
        elif rules.boilerplate.is_common(len(seen), corpus_owners):
            out[uid] = ("common", len(seen))
    return out


def _key_pairs(
    table: PassageTable, candidates: list[tuple[int, int]], skip: Mapping[int, object]
) -> list[tuple[int, int]]:
    """Key pairs to align: a key with itself when several passages share it, and candidate pairs."""
    same = [(u, u) for u, members in enumerate(table.members) if len(members) > 1 and u not in skip]
    return same + [(u, v) for u, v in candidates if u not in skip and v not in skip]


def _member_pairs(table: PassageTable, u: int, v: int, limit: int) -> list[tuple[int, int]]:
    mu, mv = table.members[u][:limit], table.members[v][:limit]
    if u == v:
        return [(mu[i], mu[j]) for i in range(len(mu)) for j in range(i + 1, len(mu))]
    return [(p, q) for p in mu for q in mv]


@dataclass
class _Context:
    """What deciding one passage pair needs: the corpus, its tables and the boilerplate evidence."""

    corpus: Corpus
    table: PassageTable
    rules: DedupRules
    stock: StockFormulas | None
    common: np.ndarray  # sampled shingles shared by many owners
    template: np.ndarray  # sampled shingles of allow-listed templates
    shared: _Shared
    anchors: list[tuple[int, int]] = field(default_factory=list)  # passage pairs recorded as copying


def _template_shingles(corpus: Corpus, table: PassageTable, k: int) -> np.ndarray:
    import numpy as np

    from .frequency import _sampled
    from .minhash import shingle_hashes

    keys = [table.keys[u] for u in sorted(_template_keys(corpus, table))]
    if not keys:
        return np.empty(0, dtype=np.uint64)
    return np.unique(_sampled(shingle_hashes(keys, k)[0]))


def groups_to_shared(
    corpus: Corpus, table: PassageTable, pairs: np.ndarray, rules: DedupRules, counts: np.ndarray | None = None
) -> _Shared:
    from .frequency import common_shingles

    shared = _Shared()
    neighbours: dict[int, set[int]] = defaultdict(set)
    uid_pairs = [(int(u), int(v)) for u, v in pairs.tolist()]
    for u, v in uid_pairs:
        neighbours[u].add(v)
        neighbours[v].add(u)
    key_owners = _key_owners(corpus, table)
    common = common_keys(corpus, table, key_owners, neighbours, rules)
    for uid, (kind, owners) in common.items():
        for p in table.members[uid]:
            if corpus.docs[table.doc[p]].role == "input":
                shared.mark(table.doc[p], table.span[p], kind, owners)
    corpus_owners = len({d.owner for d in corpus.docs if d.role != "allow"})
    k = rules.minhash.shingle
    ctx = _Context(
        corpus,
        table,
        rules,
        stock_formulas() if rules.boilerplate.use_stock else None,
        common_shingles(
            table.keys,
            key_owners,
            k,
            lambda n: rules.boilerplate.is_common(n, corpus_owners),
            counts,
            min(rules.boilerplate.min_owners, rules.boilerplate.min_share_owners),
        ),
        _template_shingles(corpus, table, k),
        shared,
    )
    done = set(_key_pairs(table, uid_pairs, common))
    _decide(ctx, list(done))
    around = [pair for pair in _pairs_around_anchors(ctx, common) if pair not in done]
    _decide(ctx, around)
    return shared


def _decide(ctx: _Context, key_pairs: list[tuple[int, int]]) -> None:
    """Align each key pair, then record its passages as copying or boilerplate."""
    matches = [m for u, v in key_pairs if (m := _match_keys(ctx.table, u, v, ctx.rules))]
    for match, found in zip(matches, _frequency_kinds(ctx, matches), strict=True):
        _record_key_match(ctx, match, found)


def _pairs_around_anchors(ctx: _Context, skip: Mapping[int, object]) -> list[tuple[int, int]]:
    """Seed and extend: near a copied passage pair, neighbouring passages of the two documents are compared too.

    Copying is usually done a block at a time; a neighbour edited beyond what MinHash catches is
    still found when its alignment with the neighbour on the other side is close enough.
    """
    from .align import similar_keys

    table, window = ctx.table, ctx.rules.extend_window
    if window <= 0 or not ctx.anchors:
        return []
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for p, d in enumerate(table.doc):
        first.setdefault(d, p)
        last[d] = p
    out: set[tuple[int, int]] = set()
    for p, q in ctx.anchors:
        dp, dq = table.doc[p], table.doc[q]
        for off in range(-window, window + 1):
            a = p + off
            if off == 0 or not first[dp] <= a <= last[dp]:
                continue
            for b in range(max(first[dq], q + off - 1), min(last[dq], q + off + 1) + 1):
                u, v = table.uid[a], table.uid[b]
                if u == v or u in skip or v in skip or (dp == dq and abs(a - b) <= window):
                    continue
                if similar_keys(table.keys[u], table.keys[v], ctx.rules.extend_similarity):
                    out.add((min(u, v), max(u, v)))
    return sorted(out)


def _reportable(corpus: Corpus, a: int, b: int) -> bool:
    """A pair is reported when one side is a new input (not two indexed or template files)."""
    roles = (corpus.docs[a].role, corpus.docs[b].role)
    return "allow" not in roles and "input" in roles


@dataclass(frozen=True)
class _KeyMatch:
    """Two keys aligned once: the runs, and the matched stretch of the first key."""

    u: int
    v: int
    runs: list[tuple[int, int, int]]
    piece: str


def _match_keys(table: PassageTable, u: int, v: int, rules: DedupRules) -> _KeyMatch | None:
    runs = align_keys(table.keys[u], table.keys[v])
    matched = sum(n for _, _, n in runs)
    if matched < rules.min_matched or 2 * matched / (len(table.keys[u]) + len(table.keys[v])) < rules.min_similarity:
        return None
    return _KeyMatch(u, v, runs, table.keys[u][runs[0][0] : runs[-1][0] + runs[-1][2]])


def _frequency_kinds(ctx: _Context, matches: list[_KeyMatch]) -> list[BoilerplateKind | None]:
    """Template or common for each match whose matched text is mostly template or common shingles."""
    from .frequency import common_shares

    k, cover = ctx.rules.minhash.shingle, ctx.rules.boilerplate.min_cover
    pieces = [m.piece for m in matches]
    template = common_shares(pieces, k, ctx.template) >= cover
    common = common_shares(pieces, k, ctx.common) >= cover
    kinds: list[BoilerplateKind | None] = []
    for t, c in zip(template.tolist(), common.tolist(), strict=True):
        kinds.append("template" if t else "common" if c else None)
    return kinds


def _record_key_match(ctx: _Context, m: _KeyMatch, kind: BoilerplateKind | None) -> None:
    """Record every reportable pair of passages of two matched keys, as copying or boilerplate."""
    corpus, table = ctx.corpus, ctx.table
    stock_checked = kind is not None or ctx.stock is None
    for p, q in _member_pairs(table, m.u, m.v, ctx.rules.max_group_pairs):
        da, db = table.doc[p], table.doc[q]
        if not _reportable(corpus, da, db) or _overlap(table, p, q):
            continue
        ta, tb = corpus.text_of(corpus.docs[da]), corpus.text_of(corpus.docs[db])
        al = align(ta, table.span[p], tb, table.span[q], m.runs)
        if al is None:
            return
        if not stock_checked and ctx.stock is not None:
            if ctx.stock.is_stock(ta[al.span_a[0] : al.span_a[1]]) or ctx.stock.is_stock(
                tb[al.span_b[0] : al.span_b[1]]
            ):
                kind = "stock"
            stock_checked = True
        if kind is not None:
            for d, span in ((da, al.span_a), (db, al.span_b)):
                if corpus.docs[d].role == "input":
                    ctx.shared.mark(d, span, kind, 1)
            continue
        ctx.shared.copies.append(_ordered(da, al.span_a, db, al.span_b, al.similarity, al.matched))
        ctx.anchors.append((p, q))


def _ordered(da: int, sa: Span, db: int, sb: Span, similarity: float, matched: int) -> SharedPassage:
    """The shared passage with its sides in a canonical order (lower document, then lower span first)."""
    if (da, sa) > (db, sb):
        da, sa, db, sb = db, sb, da, sa
    return SharedPassage(da, sa, db, sb, round(similarity, 4), matched)


def _overlap(table: PassageTable, p: int, q: int) -> bool:
    if table.doc[p] != table.doc[q]:
        return False
    (a0, a1), (b0, b1) = table.span[p], table.span[q]
    return a0 < b1 and b0 < a1


# ------------------------------------------------------------------ the stage


def compare(corpus: Corpus, rules: DedupRules = DedupRules(), shingle_hash: ShingleHash | None = None) -> DedupResult:
    """Find copied passages and boilerplate across (and inside) the corpus's documents."""
    import time

    t0 = time.perf_counter()
    table = corpus_to_passages(corpus, rules)
    t1 = time.perf_counter()
    counts = shingle_counts(table.keys, rules.minhash, shingle_hash)
    pairs = passages_to_candidates(table, rules, counts, shingle_hash)
    t2 = time.perf_counter()
    shared = groups_to_shared(corpus, table, pairs, rules, counts if shingle_hash is None else None)
    t3 = time.perf_counter()
    documents = shared_to_documents(corpus, shared.copies, shared.boilerplate.values(), shared.sizes)
    doc_pairs = documents_to_pairs(corpus, shared.copies, shared.sizes)
    clusters = pairs_to_clusters(doc_pairs, rules.cluster_share)
    t4 = time.perf_counter()
    stats = {
        "documents": len(corpus.docs),
        "passages": len(table.doc),
        "unique_passages": len(table.keys),
        "candidate_pairs": len(pairs),
        "copied_passages": len(shared.copies),
        "boilerplate_passages": len(shared.boilerplate),
        "seconds_passages": t1 - t0,
        "seconds_minhash_lsh": t2 - t1,
        "seconds_align": t3 - t2,
        "seconds_documents": t4 - t3,
    }
    return DedupResult(
        corpus,
        shared.copies,
        sorted(shared.boilerplate.values(), key=lambda b: (b.doc, b.span)),
        documents,
        doc_pairs,
        clusters,
        stats,
    )

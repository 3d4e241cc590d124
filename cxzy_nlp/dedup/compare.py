"""Passages of a corpus → MinHash LSH candidates → aligned shared passages → copy and boilerplate.

``compare(corpus)`` is the whole dedup stage; it reads as a chain:
``corpus_to_passages → passages_to_candidates → groups_to_shared`` here, then
``shared_to_documents → documents_to_pairs → pairs_to_clusters`` in :mod:`.documents`.

What is copying and what is boilerplate (issue 19):

- Boilerplate is text found in a bundled stock formula (``stock``), in an allow-listed template
  (``template``), or shared by many *unrelated* documents (``common``). Copies of one document
  never make their text common: before owners are counted, documents are collapsed into
  *families* of near-duplicates (:func:`document_families`), and every document of a family
  counts as one owner, the family's. Four departments filing one plan are one owner, so the
  plan's text is reported as copied between them, with who and when, whatever their number.
- Two documents are near-duplicates when their texts are identical, or when at least
  ``DedupRules.family_share`` (70%) of *each* one's content characters lie in passages found in
  the other: the same passage, or one that MinHash LSH pairs with it and that aligns at
  ``min_similarity``. Containment on both sides, not on one: a template filled in by many
  departments (the template a third of each plan) links no two of them, so its text stays
  common; a short text wholly contained in a long one does not make the long one its copy.
  A passage held by more than ``family_fanout`` families is too widespread to tell who copied
  whom and is not counted as evidence. Measured on generated plans (``cxzy_nlp.synth``): a copy
  and its source with 5-10% of the characters edited reach 0.8-0.98, independent plans of one theme
  at most 0.67; real plans sharing a template (realdocs doc046-055) at most 0.28. Copies edited more
  heavily (20%: 0.5-0.8) may stay apart, and four or more of them can then look common.
- A file compared with itself is no copy: an indexed entry with the same text as an input file
  and the same path (or one path a tail of the other) is that file checked again and is left out
  (:func:`drop_rechecked`). The same text under another path, another department or another year is
  an unchanged resubmission and is reported against its earlier entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
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
from .minhash import MinHashRules, ShingleHash, lsh_candidates, shingle_counts, signatures
from .passages import PassageRules, passage_spans, strip_key

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class DedupRules:
    passages: PassageRules = field(default_factory=PassageRules)
    minhash: MinHashRules = field(default_factory=MinHashRules)
    boilerplate: BoilerplateRules = field(default_factory=BoilerplateRules)
    min_similarity: float = 0.5  # aligned share of both passages needed to call them the same text
    min_matched: int = 12  # and at least this many aligned content characters
    cluster_share: float = 0.1  # documents sharing this share of either's text are clustered
    max_group_pairs: int = 50  # passages of one key aligned with each near-duplicate key
    extend_window: int = 4  # passages either side of a copied pair compared with their counterparts
    extend_similarity: float = 0.6  # ... and kept when aligned this closely (stricter: no MinHash evidence)
    family_share: float = 0.7  # share of each document found in the other that makes two documents near-duplicates
    family_fanout: int = 50  # a passage held by more families than this is no evidence of a family


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
    families: list[list[int]] = field(
        default_factory=list
    )  # near-duplicate documents (two or more), see the module doc

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
    return lsh_candidates(sig, rules.minhash, rules.minhash.threshold)  # filtered band by band: bounded memory


# ------------------------------------------------------------------ shared passages


@dataclass
class _Shared:
    copies: list[SharedPassage] = field(default_factory=list)
    boilerplate: dict[tuple[int, Span], BoilerplatePassage] = field(default_factory=dict)
    sizes: dict[int, int] = field(default_factory=dict)  # content characters per document, filled lazily
    families: list[int] = field(default_factory=list)  # family (lowest member) of every document
    candidates: int = 0  # distinct candidate key pairs

    def mark(self, doc: int, span: Span, kind: BoilerplateKind, owners: int) -> None:
        self.boilerplate.setdefault((doc, span), BoilerplatePassage(doc, span, kind, owners))


# ------------------------------------------------------------------ families and owners


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _identical_documents(corpus: Corpus, table: PassageTable, uf: _UnionFind) -> None:
    """Join documents whose passage keys are the same, in the same order (identical text, punctuation aside)."""
    first: dict[tuple[int, ...], int] = {}
    keys: dict[int, list[int]] = defaultdict(list)
    for p, d in enumerate(table.doc):
        keys[d].append(table.uid[p])
    for d, uids in keys.items():
        if corpus.docs[d].role == "allow":
            continue
        seen = first.setdefault(tuple(uids), d)
        if seen != d:
            uf.union(seen, d)


def _close_neighbours(
    table: PassageTable, neighbours: Mapping[int, set[int]], min_similarity: float
) -> dict[int, list[int]]:
    """LSH neighbours whose keys align closely enough to be the same text (the MinHash estimate alone is loose)."""
    from .align import similar_keys

    out: dict[int, list[int]] = defaultdict(list)
    for u, near in neighbours.items():
        for v in near:
            if u < v and similar_keys(table.keys[u], table.keys[v], min_similarity):
                out[u].append(v)
                out[v].append(u)
    return out


def document_families(
    corpus: Corpus, table: PassageTable, close: Mapping[int, Sequence[int]], rules: DedupRules
) -> list[int]:
    """The family of every document: the lowest document index among its near-duplicates (see the module doc).

    ``close`` gives the keys aligning with each key (:func:`_close_neighbours`). Allow-listed templates
    are never in a family; each is its own.
    """
    uf = _UnionFind(len(corpus.docs))
    _identical_documents(corpus, table, uf)
    group = [uf.find(d) for d in range(len(corpus.docs))]
    allow = {d for d, doc in enumerate(corpus.docs) if doc.role == "allow"}
    chars: dict[int, int] = defaultdict(int)  # content characters of each group's representative
    for p, d in enumerate(table.doc):
        if group[d] == d:
            chars[d] += len(table.keys[table.uid[p]])
    holders: dict[int, frozenset[int]] = {}

    def held_by(u: int) -> frozenset[int]:
        if u not in holders:
            holders[u] = frozenset(group[table.doc[q]] for q in table.members[u] if table.doc[q] not in allow)
        return holders[u]

    links: dict[tuple[int, int], int] = defaultdict(int)  # (group, other group) → characters of group found there
    for p, d in enumerate(table.doc):
        u = table.uid[p]
        if group[d] != d or d in allow or (len(table.members[u]) == 1 and u not in close):
            continue
        linked = set(held_by(u)).union(*(held_by(v) for v in close.get(u, ())))
        linked.discard(d)
        if len(linked) > rules.family_fanout:
            continue
        for e in linked:
            links[(d, e)] += len(table.keys[u])
    for (a, b), n in links.items():
        if a < b and n >= rules.family_share * chars[a] and links.get((b, a), 0) >= rules.family_share * chars[b]:
            uf.union(a, b)
    return [uf.find(d) for d in range(len(corpus.docs))]


def effective_owners(corpus: Corpus, families: Sequence[int]) -> list[str]:
    """Owner of every document for counting how widely text is shared: a family's smallest owner for all its members.

    The smallest, not the first: the answer must not depend on the order of the input files.
    """
    family_owner: dict[int, str] = {}
    for d, doc in enumerate(corpus.docs):
        f = families[d]
        family_owner[f] = min(family_owner.get(f, doc.owner), doc.owner)
    return [family_owner[families[d]] for d in range(len(corpus.docs))]


def _key_owners(table: PassageTable, owners: Sequence[str]) -> list[list[int]]:
    """Distinct owner ids of the passages of every key (owners numbered in corpus order)."""
    ids: dict[str, int] = {}
    doc_owner = [ids.setdefault(o, len(ids)) for o in owners]
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
    corpus: Corpus,
    table: PassageTable,
    key_owners: list[list[int]],
    neighbours: Mapping[int, Sequence[int]],
    rules: DedupRules,
    corpus_owners: int,
) -> dict[int, tuple[BoilerplateKind, int]]:
    """Unique keys that are boilerplate by frequency or template, with the number of owners sharing them.

    A key's owners are those of the key itself and of its direct near-duplicates, the keys that align
    with it (``neighbours``; no chaining, so a long chain of loosely similar passages does not become
    "common", and an LSH candidate that does not align adds nothing); ``key_owners`` counts a family
    of near-duplicate documents as one owner.
    """
    owners = [frozenset(o) for o in key_owners]
    templates = _template_keys(corpus, table)
    out: dict[int, tuple[BoilerplateKind, int]] = {}
    for uid in range(len(table.keys)):
        near = set(neighbours.get(uid, ()))
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
    uid_pairs = _canonical_pairs(pairs, len(table.keys))
    shared.candidates = len(uid_pairs)
    for u, v in uid_pairs:
        neighbours[u].add(v)
        neighbours[v].add(u)
    close = _close_neighbours(table, neighbours, rules.min_similarity)
    shared.families = document_families(corpus, table, close, rules)
    owners = effective_owners(corpus, shared.families)
    key_owners = _key_owners(table, owners)
    corpus_owners = len({o for o, d in zip(owners, corpus.docs, strict=True) if d.role != "allow"})
    common = common_keys(corpus, table, key_owners, close, rules, corpus_owners)
    for uid, (kind, n) in common.items():
        for p in table.members[uid]:
            if corpus.docs[table.doc[p]].role == "input":
                shared.mark(table.doc[p], table.span[p], kind, n)
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
            lambda n: rules.boilerplate.is_common_shingle(n, corpus_owners),
            counts,
            min(rules.boilerplate.min_owners, rules.boilerplate.min_share_owners),
        ),
        _template_shingles(corpus, table, k),
        shared,
    )
    key_pairs = _key_pairs(table, uid_pairs, common)
    done = set(key_pairs)
    _decide(ctx, key_pairs)  # in this fixed order, not a set's: the first mark of a passage wins
    around = [pair for pair in _pairs_around_anchors(ctx, common) if pair not in done]
    _decide(ctx, around)
    return shared


def _canonical_pairs(pairs: np.ndarray, n: int) -> list[tuple[int, int]]:
    """Distinct candidate key pairs ``(u, v)``, ``u < v``, sorted: the result must not depend on the order
    in which a candidate step (in memory, or partitions on a cluster) hands them over."""
    import numpy as np

    from .minhash import codes_to_pairs, pair_codes

    if len(pairs) == 0:
        return []
    both = np.sort(np.asarray(pairs, dtype=np.int64).reshape(-1, 2), axis=1)
    return [(u, v) for u, v in codes_to_pairs(pair_codes(both, n), n).tolist()]


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
    for p, q in {*ctx.anchors, *((q, p) for p, q in ctx.anchors)}:  # both ways: the window is not symmetric
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


def _same_file(a: str, b: str) -> bool:
    """Whether two recorded paths can name one file: equal, or one a tail of the other (``2024/a.docx``, ``收文/2024/a.docx``)."""
    pa, pb = PurePath(a.replace("\\", "/")).parts, PurePath(b.replace("\\", "/")).parts
    if not pa or not pb:
        return False
    n = min(len(pa), len(pb))
    return pa[-n:] == pb[-n:]


def drop_rechecked(corpus: Corpus) -> Corpus:
    """The corpus without indexed files that are an input file checked again (same text, same file; see the module doc)."""
    inputs: dict[str, list[str]] = defaultdict(list)  # text → paths of input files holding it
    for doc in corpus.docs:
        if doc.role == "input" and doc.index == 0:
            inputs[corpus.text_of(doc)].append(doc.path)
    if not inputs:
        return corpus
    keep = [
        doc
        for doc in corpus.docs
        if doc.role != "index" or not any(_same_file(doc.path, p) for p in inputs.get(corpus.text_of(doc), ()))
    ]
    return corpus if len(keep) == len(corpus.docs) else Corpus(keep, corpus.texts)


def compare(
    corpus: Corpus,
    rules: DedupRules = DedupRules(),
    shingle_hash: ShingleHash | None = None,
    candidates: Callable[[PassageTable, DedupRules], tuple[np.ndarray, np.ndarray]] | None = None,
) -> DedupResult:
    """Find copied passages and boilerplate across (and inside) the corpus's documents.

    Indexed entries that are an input file checked again are left out (:func:`drop_rechecked`);
    the result's corpus is then a copy without them. ``candidates`` computes the shingle counts and
    the candidate key pairs elsewhere (:mod:`.partitioned`: on a Dask cluster), with the same result.
    """
    import time

    t0 = time.perf_counter()
    corpus = drop_rechecked(corpus)
    table = corpus_to_passages(corpus, rules)
    t1 = time.perf_counter()
    if candidates is not None:
        counts, pairs = candidates(table, rules)
    else:
        counts = shingle_counts(table.keys, rules.minhash, shingle_hash)
        pairs = passages_to_candidates(table, rules, counts, shingle_hash)
    t2 = time.perf_counter()
    shared = groups_to_shared(corpus, table, pairs, rules, counts if shingle_hash is None else None)
    t3 = time.perf_counter()
    documents = shared_to_documents(corpus, shared.copies, shared.boilerplate.values(), shared.sizes)
    doc_pairs = documents_to_pairs(corpus, shared.copies, shared.sizes, shared.families)
    clusters = pairs_to_clusters(doc_pairs, rules.cluster_share)
    families = _family_groups(shared.families)
    t4 = time.perf_counter()
    stats = {
        "documents": len(corpus.docs),
        "passages": len(table.doc),
        "unique_passages": len(table.keys),
        "candidate_pairs": shared.candidates,
        "copied_passages": len(shared.copies),
        "boilerplate_passages": len(shared.boilerplate),
        "families": len(families),
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
        families,
    )


def _family_groups(families: Sequence[int]) -> list[list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for d, f in enumerate(families):
        groups[f].append(d)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))

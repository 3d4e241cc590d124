"""Partitioned copy detection (MinHash by partitions, LSH by a shuffle on band keys) gives the in-memory result."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cxzy_nlp.config import Config
from cxzy_nlp.dedup import build_corpus, compare
from cxzy_nlp.dedup.compare import DedupRules, corpus_to_passages, passages_to_candidates
from cxzy_nlp.dedup.minhash import MinHashRules, lsh_candidates, shingle_counts
from cxzy_nlp.dedup.render import result_to_dict
from cxzy_nlp.model import Analysis, Document, SourceInfo

pytest.importorskip("distributed", reason="cxzy-nlp[dask] is part of [dev]; CI installs it")


def synth_corpus(families: int, independent: int):
    """Generated plans (cxzy_nlp.synth): copy families of four departments, and independent plans."""
    from cxzy_nlp.synth import generate_copy_family, iter_plans

    plans = [p for f in range(families) for p in generate_copy_family(100 + f, size=2).members]
    plans += list(iter_plans(independent, seed=3))
    analyses = [
        Analysis(
            source=SourceInfo(f"plan{i:05d}.txt", "txt", f"{i:064x}", len(p.text)),
            text=p.text,
            documents=(Document(title=p.title, span=(0, len(p.text))),),
        )
        for i, p in enumerate(plans)
    ]
    return build_corpus(analyses)


@pytest.fixture(scope="module")
def client():
    from cxzy_nlp.corpus.distributed import client_for, close_clients

    yield client_for(Config(jobs=2, executor="dask"))
    close_clients()


def _timeless(result) -> str:
    record = result_to_dict(result)
    record["stats"] = {k: v for k, v in record["stats"].items() if not k.startswith("seconds_")}
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def test_same_candidates_and_result_on_generated_plans(client) -> None:
    from cxzy_nlp.dedup.partitioned import _partitions, partitioned_candidates, partitioned_compare

    corpus = synth_corpus(families=25, independent=200)  # 300 plans
    rules = DedupRules()
    table = corpus_to_passages(corpus, rules)
    counts = shingle_counts(table.keys, rules.minhash)
    expected = passages_to_candidates(table, rules, counts)
    assert len(_partitions(table.keys, 2000)) >= 3  # really partitioned
    got_counts, got = partitioned_candidates(table, rules, client, partition_keys=2000, shuffle=3)
    assert np.array_equal(got_counts, counts)
    assert len(expected) > 100 and np.array_equal(got, expected)

    memory = compare(corpus, rules)
    spread = partitioned_compare(corpus, rules, client=client, partition_keys=2000, shuffle=3)
    assert memory.copies and memory.pairs and memory.families  # the comparison has something to agree on
    assert spread.copies == memory.copies and spread.pairs == memory.pairs
    assert _timeless(spread) == _timeless(memory)


def test_large_buckets_star_from_the_lowest_key(client) -> None:
    """A bucket over ``bucket_cap`` gives star edges from its lowest key id, in memory and by partitions alike."""
    from cxzy_nlp.dedup.compare import PassageTable
    from cxzy_nlp.dedup.partitioned import partitioned_candidates

    keys = [f"关于做好{i}项重点工作的通知要求各单位认真落实" for i in range(40)] * 1
    keys = [k + "高度重视加强领导明确责任" for k in keys]
    rules = DedupRules(minhash=MinHashRules(perms=4, bands=1, rows=4, threshold=0.0, bucket_cap=4, frequent_keys=10**6))
    table = PassageTable(keys=keys)
    sig_pairs = passages_to_candidates(table, rules, shingle_counts(keys, rules.minhash))
    _, got = partitioned_candidates(table, rules, client, partition_keys=5, shuffle=2)
    assert np.array_equal(got, sig_pairs)
    # control: the rule bites (without the cap every pair of a bucket would be a candidate)
    from cxzy_nlp.dedup.minhash import signatures

    sig = signatures(keys, rules.minhash)
    assert len(lsh_candidates(sig, rules.minhash)) < len(
        lsh_candidates(sig, MinHashRules(perms=4, bands=1, rows=4, threshold=0.0, bucket_cap=1000))
    )


def test_report_and_check_against_use_the_partitioned_copy_detection(client, monkeypatch) -> None:
    """Under ``executor="dask"`` ``cxzy report`` and ``cxzy check --against`` find copies by partitions, with the same result."""
    import cxzy_nlp.dedup.partitioned as partitioned
    from cxzy_nlp.corpus.check import corpus_findings
    from cxzy_nlp.corpus.report import report_links

    calls: list[int] = []
    real = partitioned.partitioned_compare

    def spy(corpus, rules, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(len(corpus.docs))
        return real(corpus, rules, **kwargs)

    monkeypatch.setattr(partitioned, "partitioned_compare", spy)
    from cxzy_nlp.synth import generate_copy_family

    plans = generate_copy_family(101, size=2).members[:3]
    analyses = [
        Analysis(
            source=SourceInfo(f"p{i}.txt", "txt", f"{i:064x}", len(p.text)),
            text=p.text,
            documents=(Document(title=p.title, span=(0, len(p.text))),),
        )
        for i, p in enumerate(plans)
    ]
    keys = {(a.source.path, 0): a.source.path for a in analyses}
    dask = Config(jobs=2, executor="dask")
    local_findings, local_links = corpus_findings(analyses), report_links(analyses, keys)
    assert calls == []  # control: the local path does not partition
    assert corpus_findings(analyses, config=dask) == local_findings
    assert report_links(analyses, keys, config=dask) == local_links
    assert calls == [3, 3] and local_links[0]  # both went through the partitioned path, and found copies


@pytest.mark.parametrize(("frequent_keys", "bucket_cap"), [(3, 2), (50, 8)])
def test_conditions_of_large_corpora_give_the_same_candidates(client, frequent_keys: int, bucket_cap: int) -> None:
    """What a 30,000-plan corpus brings, forced on 200 plans: keys made only of frequent shingles in every
    partition, buckets over ``bucket_cap`` everywhere, many partitions and shuffle outputs. Same pairs, same result."""
    import sys
    from pathlib import Path

    from cxzy_nlp.dedup.partitioned import partitioned_candidates, partitioned_compare

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from diff_dedup import pairs_diff, result_diff

    corpus = synth_corpus(families=10, independent=160)
    rules = DedupRules(minhash=MinHashRules(frequent_keys=frequent_keys, bucket_cap=bucket_cap))
    table = corpus_to_passages(corpus, rules)
    counts = shingle_counts(table.keys, rules.minhash)
    expected = passages_to_candidates(table, rules, counts)
    _, got = partitioned_candidates(table, rules, client, partition_keys=500, shuffle=5)
    assert len(expected) > 50 and pairs_diff(expected, got) == []
    memory = compare(corpus, rules)
    assert result_diff(memory, partitioned_compare(corpus, rules, client=client, partition_keys=500, shuffle=5)) == []
    # control: the diff names what differs
    assert result_diff(memory, compare(corpus, DedupRules())) != []


def test_result_does_not_depend_on_the_order_of_candidate_pairs(monkeypatch) -> None:
    """A candidate step may hand its pairs over in any order (partitions, shuffle outputs, ``(v, u)`` or
    repeated): the result is the same. Before, pairs were decided in a set's order, which follows the
    order they came in; the first decision on a passage wins (its boilerplate kind and owner count, the
    order of the copies), so the same pairs in another order gave another result."""
    import importlib

    cmp = importlib.import_module("cxzy_nlp.dedup.compare")  # the module (the package exports a function of that name)

    corpus = synth_corpus(families=10, independent=80)
    rules = DedupRules()

    def handed_over(order):  # type: ignore[no-untyped-def]
        def candidates(table, r):  # type: ignore[no-untyped-def]
            counts = shingle_counts(table.keys, r.minhash)
            pairs = passages_to_candidates(table, r, counts)
            return counts, order(pairs)

        return candidates

    def shuffled(p: np.ndarray) -> np.ndarray:
        p = p[np.random.default_rng(7).permutation(len(p))]
        return np.concatenate([p[:, ::-1][: len(p) // 2], p[len(p) // 2 :], p[:10]])  # some reversed, some repeated

    memory = compare(corpus, rules)
    assert len(memory.copies) > 20 and memory.boilerplate
    for order in (lambda p: p[::-1], shuffled):
        other = compare(corpus, rules, candidates=handed_over(order))
        assert other.copies == memory.copies and _timeless(other) == _timeless(memory)

    # control, the old behaviour: pairs taken as they come, decided in a set's order
    real_key_pairs = cmp._key_pairs
    monkeypatch.setattr(cmp, "_canonical_pairs", lambda pairs, n: [(int(u), int(v)) for u, v in pairs.tolist()])
    monkeypatch.setattr(cmp, "_key_pairs", lambda *a: list(set(real_key_pairs(*a))))
    old = compare(corpus, rules, candidates=handed_over(shuffled))
    assert old.copies != memory.copies and _timeless(old) != _timeless(memory)


@pytest.mark.slow
def test_same_result_on_ten_thousand_generated_plans(client) -> None:
    """The issue's size: 10,000 generated plans (a quarter in copy families, as benchmarks/bench_dask.py makes
    them). The partitioned copy detection gives the in-memory result field by field (passages, pairs, families)."""
    import sys
    from pathlib import Path

    from cxzy_nlp.dedup.partitioned import partitioned_compare

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from diff_dedup import result_diff

    corpus = synth_corpus(families=500, independent=7500)  # families of five (an original and four copies)
    assert len(corpus.texts) == 10_000
    memory = compare(corpus)
    assert len(memory.pairs) > 100 and len(memory.copies) > 500  # copies to agree on
    spread = partitioned_compare(corpus, client=client)
    assert result_diff(memory, spread) == []
    assert _timeless(spread) == _timeless(memory)

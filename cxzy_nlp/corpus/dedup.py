"""Copy detection over files: analyse them, give each its owner, add the index and the templates, compare."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from ..config import DEFAULT_CONFIG, Config
from ..dedup import Corpus, DedupResult, DedupRules, build_corpus, compare
from ..errors import ConfigError


def compare_corpus(corpus: Corpus, rules: DedupRules = DedupRules(), config: Config = DEFAULT_CONFIG) -> DedupResult:
    """:func:`cxzy_nlp.dedup.compare` on the executor of ``config``: under ``dask`` MinHash and LSH run by
    partitions on the cluster (:mod:`cxzy_nlp.dedup.partitioned`), with the same result."""
    if config.executor == "dask":
        from ..dedup.partitioned import partitioned_compare
        from .distributed import client_for

        return partitioned_compare(corpus, rules, client=client_for(config))
    return compare(corpus, rules)


def dedup_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    against: str | os.PathLike[str] | None = None,
    allow: Iterable[str | os.PathLike[str]] = (),
    manifest: str | os.PathLike[str] | None = None,
    rules: DedupRules = DedupRules(),
    config: Config = DEFAULT_CONFIG,
) -> DedupResult:
    """Analyse the files (up to extraction) and compare them with each other, the index and templates."""
    from pathlib import Path

    from .batch import analyse_files, iter_inputs
    from .index import extend_with_index
    from .owners import resolve_owners

    if against is not None and not Path(against).is_file():
        raise ConfigError(f"找不到查重索引：{against}")
    allow = list(allow)
    for folder in allow:
        if not Path(folder).exists():
            raise ConfigError(f"找不到模板文件夹：{folder}")
    inputs = list(iter_inputs(paths))
    if not inputs:
        raise ConfigError("没有找到可读取的文件")
    owners = resolve_owners(inputs, paths, manifest)
    analyses = analyse_files(inputs, config, stages="extract")
    corpus = build_corpus(analyses, owners=owners)
    templates = list(iter_inputs(allow))
    if templates:
        build_corpus(analyse_files(templates, config, stages="extract"), role="allow", corpus=corpus)
    extend_with_index(corpus, against)
    return compare_corpus(corpus, rules, config)

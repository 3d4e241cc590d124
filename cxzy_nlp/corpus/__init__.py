"""Work over many files: one home for the batch, the cache, owners, corpus findings, dedup inputs and the index.

The stages (read → normalise → segment → classify → extract → check, and dedup's comparison) each
handle one file or the analyses they are given; :mod:`cxzy_nlp.pipeline` chains them for one file.
This layer runs them over files and folders and is what each command calls:

=================  ==========================================  =====================
command            library function                            module
=================  ==========================================  =====================
``cxzy extract``   :func:`extract_files`                       ``corpus.files``
``cxzy outline``   :func:`outline_files`                       ``corpus.files``
``cxzy check``     :func:`check_files`                         ``corpus.check``
``cxzy dedup``     :func:`dedup_files`                         ``corpus.dedup``
``cxzy report``    :func:`report_summary`, :func:`write_report` ``corpus.report``
``cxzy index``     :func:`index_add`, ``index_list``, ``index_rm`` ``corpus.index``
``cxzy feedback``  :func:`feedback_files`                      ``corpus.feedback``
=================  ==========================================  =====================

Departments and years come from one rule (:mod:`cxzy_nlp.corpus.owners`). Layers import downwards
only: ``cli → corpus → report → pipeline → stages``; no stage imports this package (a test checks).
Submodules load lazily, so ``cxzy --help`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "extract_files": "files",
    "outline_files": "files",
    "check_files": "check",
    "corpus_findings": "check",
    "dedup_files": "dedup",
    "report_summary": "report",
    "write_report": "report",
    "index_add": "index",
    "index_list": "index",
    "index_rm": "index",
    "resolve_owners": "owners",
    "submission_board": "board",
    "feedback_files": "feedback",
    "read_manifest": "owners",
    "iter_inputs": "batch",
    "run_batch": "batch",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(name)

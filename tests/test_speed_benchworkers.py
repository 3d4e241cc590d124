"""``bench_workers.py --keep DIR --reuse --files N`` checks N plans, even where DIR holds the plans of a larger run."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _bench_workers():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_workers
    finally:
        sys.path.remove(str(BENCHMARKS))
    return bench_workers


def test_a_kept_folder_of_more_plans_is_narrowed_to_the_files_asked_for(tmp_path: Path) -> None:
    bench = _bench_workers()
    corpus = tmp_path / "plans"
    corpus.mkdir()
    for name in bench.plan_names(6):
        (corpus / name).write_text(name, encoding="utf-8")
    wanted = bench.plan_names(3)
    assert wanted == ["plan0000.txt", "plan0001.docx", "plan0002.pdf"]  # the names bench_check gives them
    folder = bench.only_these(corpus, wanted, tmp_path / "run-3")
    assert sorted(p.name for p in folder.iterdir()) == sorted(wanted)
    assert all((folder / n).read_text(encoding="utf-8") == n for n in wanted)
    assert len(list(corpus.iterdir())) == 6  # the kept plans stay
    # control: a folder holding exactly the plans asked for is used as it is
    assert bench.only_these(corpus, bench.plan_names(6), tmp_path / "run-6") == corpus

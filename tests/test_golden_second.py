"""The second, blind reading of some dev files (tests/golden/second): well formed, its snippets in the files'
texts, and scored beside the first reading of the same files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cxzy_nlp.goldeval import Locator, gold_files, load_gold
from cxzy_nlp.train import evaluate_second

ROOT = Path(__file__).resolve().parents[1]
SECOND = ROOT / "tests" / "golden" / "second" / "dev"
FIRST = ROOT / "tests" / "golden" / "real" / "dev"
SHARED = ROOT.parent / "shared"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (the real documents) is not here")


def test_every_second_reading_has_a_first_one() -> None:
    files = gold_files(SECOND)
    assert len(files) >= 16
    for path in files:
        gold = load_gold(path)
        assert gold.get("split") == "dev", path.name
        assert "second" in str(gold.get("author", "")), path.name
        assert (FIRST / path.name).is_file(), f"{path.name}: no first reading to compare with"


@needs_shared
@pytest.mark.parametrize("path", gold_files(SECOND), ids=lambda p: p.stem)
def test_snippets_occur_in_the_text(path: Path) -> None:
    gold = load_gold(path)
    source = SHARED / str(gold["file"])
    text = source.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
    locator = Locator(text)
    missing = [
        str(item.get("text") or item.get("name"))
        for doc in gold["documents"]
        for key in ("goals", "activities")
        for item in doc.get(key) or []
        if item and locator.find(str(item.get("text") or item.get("name"))) is None
    ]
    assert not missing, missing


def test_a_second_reading_without_first_is_reported_not_scored(tmp_path: Path) -> None:
    (tmp_path / "real" / "dev").mkdir(parents=True)
    (tmp_path / "second" / "dev").mkdir(parents=True)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "x.txt").write_text("一、总体要求\n为做好工作，制定本方案。\n", encoding="utf-8")
    gold = {"file": "x.txt", "split": "dev", "documents": [{"title": None, "kind": "other"}]}
    (tmp_path / "second" / "dev" / "x.yaml").write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    rows = evaluate_second(tmp_path / "real", tmp_path / "shared")
    assert [r.files for r in rows] == [0, 0]
    assert rows[0].absent == ("x.yaml",)
    (tmp_path / "real" / "dev" / "x.yaml").write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    rows = evaluate_second(tmp_path / "real", tmp_path / "shared")
    assert [r.files for r in rows] == [1, 1]
    assert rows[0].figures["kind_accuracy"] == rows[1].figures["kind_accuracy"]

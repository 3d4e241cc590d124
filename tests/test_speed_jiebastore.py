"""jieba's prefix dictionary and posseg's tags read on demand from the store (``extract/nlp.py``): every key jieba
asks about gets the value of the plain dictionary, so segmentation and tagging are the same, while a process that
segments a few phrases reads a few hundred keys instead of unmarshalling all ≈500,000 (and reading 350,000 tag
lines)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

jieba = pytest.importorskip("jieba")

from cxzy_nlp.extract import nlp  # noqa: E402
from cxzy_nlp.synth import generate_plan  # noqa: E402

# invented phrases, written for this test
PHRASES = [
    "县教育局党组成员张伟同志负责组织实施",
    "各乡镇人民政府要加强统筹协调，确保2024年底前完成",
    "建立健全长效机制，推进APP与大数据平台建设",
    "组织召开动员部署会议并印发实施方案",
    "王小红",
]


def _texts() -> list[str]:
    plan = generate_plan(3, size=3)
    text = getattr(plan, "text", None) or str(plan)
    lines = [line for line in text.splitlines() if line.strip()]
    return PHRASES + lines[:60]


@pytest.fixture(scope="module")
def plain() -> Any:
    tokenizer = jieba.Tokenizer()
    tokenizer.check_initialized()
    return tokenizer


@pytest.fixture(scope="module")
def plain_tags(plain: Any) -> Any:
    from jieba.posseg import POSTokenizer

    return POSTokenizer(plain)


@pytest.fixture(scope="module")
def store(plain: Any, plain_tags: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("jieba") / "freq.marshal"
    assert nlp.write_store(plain, path, plain_tags.word_tag_tab)
    return path


def _stored(store: Path) -> Any:
    tokenizer = jieba.Tokenizer()
    tags = nlp.read_store(tokenizer, store)
    assert isinstance(tags, nlp.Stored) and dict.__len__(tags) == 0
    tokenizer.stored_tags = tags
    return tokenizer


def test_every_key_asked_gets_the_plain_value(plain: Any, store: Path) -> None:
    stored = _stored(store)
    for text in _texts():
        for i in range(len(text)):
            for j in range(i + 1, min(len(text), i + 8) + 1):
                key = text[i:j]
                assert (key in stored.FREQ) == (key in plain.FREQ), key
                assert stored.FREQ.get(key) == plain.FREQ.get(key), key
    assert stored.total == plain.total


def test_segmentation_and_tags_are_the_same(plain: Any, plain_tags: Any, store: Path) -> None:
    from jieba.posseg import POSTokenizer

    stored = _stored(store)
    for text in _texts():
        assert list(stored.cut(text)) == list(plain.cut(text)), text
        assert list(stored.cut(text, HMM=False)) == list(plain.cut(text, HMM=False)), text
    tag_stored = POSTokenizer(stored)
    tag_stored.word_tag_tab = stored.stored_tags
    for text in _texts():
        assert [tuple(p) for p in tag_stored.cut(text)] == [tuple(p) for p in plain_tags.cut(text)], text
    for word in ["教育局", "张伟", "组织", "实施", "县", "教育", "教育局党"]:
        assert stored.stored_tags.get(word, "x") == plain_tags.word_tag_tab.get(word, "x"), word
    assert dict.__len__(stored.stored_tags) < 3000  # the tags of the words met, not all 350,000


def test_posseg_is_imported_with_its_tags_read_on_demand(store: Path) -> None:
    """In a fresh interpreter: load_jieba reads the store (written by an earlier process) and posseg's tag table
    is the store's, read on demand; the tags of a phrase are those of the plain import (test_speed_jiebaload)."""
    import subprocess
    import sys

    from conftest import ROOT

    probe = (
        "from cxzy_nlp.extract.nlp import load_jieba, Stored\n"
        "j = load_jieba(); import jieba.posseg as p\n"
        "print(type(j.dt.FREQ).__name__, type(p.dt.word_tag_tab).__name__, dict.__len__(p.dt.word_tag_tab) < 5000,"
        " [tuple(x) for x in p.cut('县教育局党组成员张伟同志负责组织实施')])\n"
    )
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TMPDIR": str(store.parent)}
    for _ in range(2):  # the first run may write the store, the second reads it
        done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.startswith("Stored Stored True"), done.stdout + done.stderr
    assert "('张伟', 'nr')" in done.stdout and "('教育局', 'n')" in done.stdout


def test_a_few_phrases_read_a_few_keys(store: Path) -> None:
    stored = _stored(store)
    assert dict.__len__(stored.FREQ) == 0  # nothing unmarshalled into the dict at start
    for text in PHRASES:
        list(stored.cut(text))
    # each key costs one bisection, once: the keys read grow with the phrases, not with the dictionary
    assert stored.FREQ.lookups < 40 * sum(map(len, PHRASES))
    assert dict.__len__(stored.FREQ) < 2000


def test_added_and_deleted_words_win_and_walking_gives_the_plain_dict(plain: Any, store: Path) -> None:
    stored = _stored(store)
    stored.add_word("统筹协调推进", freq=50, tag="v")
    assert stored.FREQ["统筹协调推进"] == 50 and "统筹协调推" in stored.FREQ
    stored.del_word("统筹协调推进")
    assert stored.FREQ.get("统筹协调推进") == 0
    fresh = _stored(store)
    assert len(fresh.FREQ) == len(plain.FREQ)
    assert dict(fresh.FREQ.items()) == plain.FREQ


def test_a_damaged_or_foreign_store_is_refused(store: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.marshal"
    damaged.write_bytes(store.read_bytes()[:1000])
    tokenizer = jieba.Tokenizer()
    assert nlp.read_store(tokenizer, damaged) is False
    assert not tokenizer.initialized and tokenizer.FREQ == {}
    assert nlp.read_store(tokenizer, tmp_path / "missing.marshal") is False
    own = jieba.Tokenizer(dictionary=str(tmp_path / "own.txt"))  # a dictionary of its own is never stored
    assert nlp.read_store(own, store) is False

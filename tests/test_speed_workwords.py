"""The word list of ``extract.workwords`` answers as jieba does, and only where it can."""

from __future__ import annotations

import random
from importlib import resources

import pytest

from cxzy_nlp.extract import workwords
from cxzy_nlp.extract.activities import names_work
from cxzy_nlp.extract.patterns import patterns

jieba = pytest.importorskip("jieba")


def _jieba_says(name: str) -> bool:
    import jieba.posseg as pseg

    from cxzy_nlp.extract.nlp import load_jieba

    load_jieba()
    return any(p.flag.startswith(workwords.DOING_TAGS) for p in pseg.cut(name))


def _listed() -> list[str]:
    return sorted(w for w, (_, tag) in workwords.lexicon().entries.items() if len(w) > 1 and tag != "-")


def test_the_shipped_list_is_what_jieba_builds() -> None:
    shipped = resources.files("cxzy_nlp").joinpath("data/work_words.txt").read_text(encoding="utf-8")
    assert workwords.build(set(_listed())) == shipped
    # control: one word more gives another list (its frequency, tag and seams)
    assert workwords.build(set(_listed()) | {"篮球场"}) != shipped


# fmt: off
NAMES = [
    # name, what the list answers (None: left to jieba)
    ("几点说明", True),          # 说明 is a verb to jieba
    ("重点问题", False),
    ("工作人员", False),
    ("落实责任", False),        # jieba tags 落实 as an adjective: the list keeps jieba's reading, not ours
    ("技术规格说明书", False),  # 说明书 whole, not 说明
    ("调研报告", True),          # 调研 vn
    ("软件产品标准", True),      # 软件产品 is one word (l) to jieba, not 软件 + 产品
    ("近3年知识产权材料", None),  # a digit against Chinese characters: jieba's HMM
    ("Web服务器", None),
    ("纸质版材料", None),        # 版 alone: a single character is left to jieba
]
# fmt: on


@pytest.mark.parametrize(("name", "listed"), NAMES)
def test_the_list_answers_as_jieba_where_it_answers(name: str, listed: bool | None) -> None:
    assert workwords.listed_doing_word(name) is listed
    assert workwords.holds_doing_word(name) is _jieba_says(name)


def test_names_of_listed_words_side_by_side_read_as_jieba_reads_them() -> None:
    words = _listed()
    rng = random.Random(20)
    names = ["".join(rng.sample(words, rng.choice((2, 3)))) for _ in range(3000)]
    answered = [(n, workwords.listed_doing_word(n)) for n in names]
    decided = [(n, a) for n, a in answered if a is not None]
    assert len(decided) > 0.9 * len(names)
    assert [n for n, a in decided if a is not _jieba_says(n)] == []
    assert {a for _, a in decided} == {True, False}


def test_a_route_over_the_list_without_its_seam_words_can_differ_from_jiebas() -> None:
    """Control for the test above: the seam words are what make the routes jieba's (问题 + 材料 holds 题材)."""
    full = workwords.lexicon()
    listed = {w: e for w, e in full.entries.items() if e[1] != "-" or len(w) == 1}
    bare = workwords.Lexicon(listed, full.total)
    names = ["".join(random.Random(i).sample(_listed(), 3)) for i in range(3000)]
    assert any(bare.route(n) != full.route(n) for n in names)


def test_names_work_keeps_jiebas_decision_for_names_of_things() -> None:
    things = [name for name, _ in NAMES if patterns().thing_heads.search(name)]
    assert len(things) >= 8
    for name in things:
        assert names_work(f"“{name}”") is _jieba_says(name)
    assert names_work("落实责任") is True and _jieba_says("落实责任") is False  # not named as a thing: work

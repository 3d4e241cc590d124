"""per_text keeps a function's answers for the latest texts; find_dates, so kept, answers as it did without."""

from __future__ import annotations

import random

from cxzy_nlp.extract.dates import _find_dates, find_dates, in_name
from cxzy_nlp.textmemo import per_text

# invented lines, written for this test: days, ranges, a month span, a quoted name, a festival, a dotted range
_LINES = [
    "2024年3月1日至3月15日：召开动员会，部署全年工作。",
    "请各单位于2024年6月底前报送总结材料。",
    "6.11—6.14 组织现场观摩；7月1日：开展主题党日活动",
    "“2023年科技创新大赛”征集系统于9月上线。",
    "国庆节前夕组织慰问，3—5月完成调研，2025—2027年全面推进。",
    "第二阶段（2024年7月—12月）：总结提高。",
    "附件：1.2024年重点项目推荐汇总表",
]


def _calls() -> tuple[list[tuple[str, int]], object]:
    seen: list[tuple[str, int]] = []

    @per_text
    def length_after(text: str, start: int) -> int:
        seen.append((text, start))
        return len(text) - start

    return seen, length_after


def test_a_question_asked_twice_of_one_text_is_answered_once() -> None:
    seen, length_after = _calls()
    text = "".join(["一", "二三四五"])
    assert length_after(text, 1) == 4  # type: ignore[operator]
    assert length_after(text, 1) == 4  # type: ignore[operator]
    assert length_after(text, 2) == 3  # type: ignore[operator]
    assert len(seen) == 2


def test_control_a_text_equal_but_not_the_same_object_is_asked_again() -> None:
    seen, length_after = _calls()
    first, second = "".join(["一", "二三"]), "".join(["一二", "三"])
    assert first == second and first is not second
    assert length_after(first, 0) == length_after(second, 0) == 3  # type: ignore[operator]
    assert len(seen) == 2


def test_a_few_texts_are_kept_and_older_ones_forgotten() -> None:
    seen, length_after = _calls()
    texts = ["".join(["文", str(i)]) for i in range(6)]
    for text in texts:
        length_after(text, 0)  # type: ignore[operator]
    length_after(texts[-1], 0)  # kept
    assert len(seen) == 6
    length_after(texts[0], 0)  # forgotten: asked again
    assert len(seen) == 7
    length_after.forget()  # type: ignore[attr-defined]
    length_after(texts[-1], 0)  # type: ignore[operator]
    assert len(seen) == 8


def test_an_argument_that_cannot_be_a_key_is_answered_without_memory() -> None:
    seen: list[tuple[str, int]] = []

    @per_text
    def count(text: str, chars: list[str]) -> int:
        seen.append((text, len(chars)))
        return sum(text.count(c) for c in chars)

    text = "一二一"
    assert count(text, ["一"]) == count(text, ["一"]) == 2
    assert len(seen) == 2


def _uncached(text: str, span: tuple[int, int], year: int | None, names: bool) -> list:
    found = _find_dates.__wrapped__(text, span, year)  # type: ignore[attr-defined]
    return list(found) if names else [e for e in found if e.kind == "festival" or not in_name(text, e.span)]


def _questions(text: str, seed: int) -> list[tuple[tuple[int, int], int | None, bool]]:
    rng = random.Random(seed)
    cuts = sorted({0, len(text), *(i + 1 for i, c in enumerate(text) if c == "\n")})
    out = []
    for _ in range(120):
        a, b = sorted(rng.sample(cuts, 2)) if rng.random() < 0.5 else sorted(rng.sample(range(len(text) + 1), 2))
        out.append(((a, b), rng.choice([None, 2024]), rng.random() < 0.5))
    return out


def _mismatches(finder: object) -> int:
    """Questions (each asked twice: the second answer comes from memory) where ``finder`` and the finder itself
    disagree."""
    text = "\n".join(_LINES)
    questions = _questions(text, 7)
    return sum(
        finder(text, span, year, names=names) != _uncached(text, span, year, names)  # type: ignore[operator]
        for span, year, names in questions + questions
    )


def test_find_dates_kept_answers_as_the_finder_itself_over_many_spans() -> None:
    _find_dates.forget()  # type: ignore[attr-defined]
    assert _mismatches(find_dates) == 0


def test_control_a_memory_keyed_on_too_little_gives_other_answers() -> None:
    memo: dict[tuple[int | None, bool], list] = {}

    def keyed_without_the_span(text: str, span: tuple[int, int], year: int | None, *, names: bool) -> list:
        if (year, names) not in memo:  # the first span's answer serves every later span
            memo[year, names] = _uncached(text, span, year, names)
        return memo[year, names]

    assert _mismatches(keyed_without_the_span) > 0


def test_the_kept_answers_are_immutable() -> None:
    text = "\n".join(_LINES)
    got = find_dates(text, (0, len(text)), 2024)
    got.clear()  # the caller's list is its own
    assert find_dates(text, (0, len(text)), 2024)
    assert isinstance(_find_dates(text, (0, len(text)), 2024), tuple)

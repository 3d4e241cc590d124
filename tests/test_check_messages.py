"""Messages speak to a Chinese reviewer (issue 15): no internal names or English words outside the quoted
text of the document, on the examples and the seed page; each opens with the rule's Chinese name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

from cxzy_nlp.check import catalogue
from cxzy_nlp.model import Finding

ALLOWED = frozenset({"GB", "T"})  # GB/T 9704, the standard named in the basis of a rule
_QUOTED = re.compile(r"“[^”]*”")  # the document's own words, quoted
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z_-]*")


def foreign_words(message: str) -> list[str]:
    """ASCII words of ``message`` outside its quotations, other than the allowed ones."""
    return [w for w in _ASCII_WORD.findall(_QUOTED.sub("", message)) if w not in ALLOWED]


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("【模板占位符未填】在“二、XX任务”中，模板占位符“XX”未填写", []),
        ("缺少“实施步骤”部分：implementation_plan应当写明这一内容", ["implementation_plan"]),
        ("标题编号不是公文标准层次序数（GB/T 9704）", []),
        ("missing-section：缺少目标", ["missing-section"]),
    ],
)
def test_the_scan_finds_english_words_outside_quotes(message: str, words: list[str]) -> None:
    assert foreign_words(message) == words


def _inputs() -> list[Path]:
    files = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix != ".csv")
    seed = SHARED / "seeds" / "000_61f72360f45c4ab3.txt"
    return files + ([seed] if seed.is_file() else [])


@pytest.mark.slow
def test_messages_on_the_examples_and_the_seed_are_chinese_and_named() -> None:
    from cxzy_nlp.pipeline import analyse

    findings: list[Finding] = [f for path in _inputs() for d in analyse(path).documents for f in d.findings]
    assert len(findings) > 20
    assert [(f.rule, f.message) for f in findings if foreign_words(f.message)] == []
    names = {r.id: r.name for r in catalogue().values()}
    assert [f.message for f in findings if not f.message.startswith(f"【{names[f.rule]}】")] == []

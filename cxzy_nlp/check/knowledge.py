"""The domain knowledge the checks read: YAML files under ``cxzy_nlp/data/``, loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import Severity


@lru_cache(maxsize=16)  # the data files, each parsed once
def load_data(name: str) -> Any:
    """One YAML file of ``cxzy_nlp/data/`` as plain data, parsed once (shared: read it, never change it)."""
    from ..datacache import load_yaml

    text = resources.files("cxzy_nlp").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return load_yaml(text)  # libyaml when present, kept between runs by the command line


@dataclass(frozen=True)
class RuleInfo:
    """One entry of the rule catalogue."""

    id: str
    severity: Severity
    family: str
    zh: str  # one-line description
    name: str = ""  # the rule's Chinese name (缺少必备章节)
    basis: str = ""  # why: the standard, regulation or era fact behind it
    fires: tuple[str, ...] = ()  # examples that raise it
    passes: tuple[str, ...] = ()  # look-alikes that do not


@lru_cache(maxsize=1)
def catalogue() -> dict[str, RuleInfo]:
    """Every rule id with its default severity, Chinese name and description, basis and examples."""
    rules = load_data("checks.yaml")["rules"]
    return {
        r["id"]: RuleInfo(
            r["id"],
            r["severity"],
            r["family"],
            r["zh"],
            r.get("name", ""),
            r.get("basis", ""),
            tuple(r.get("fires", ())),
            tuple(r.get("passes", ())),
        )
        for r in rules
    }


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern with the words used to name it in messages."""

    regex: re.Pattern[str]
    zh: str
    category: str = ""


@lru_cache(maxsize=1)
def placeholders() -> tuple[Pattern, ...]:
    items = load_data("placeholders.yaml")["placeholders"]
    return tuple(Pattern(re.compile(i["pattern"]), i["zh"], i.get("kind", "")) for i in items)


@lru_cache(maxsize=1)
def placeholder_instructions() -> re.Pattern[str]:
    """Words of a sentence that shows a form's slots on purpose."""
    return re.compile(load_data("placeholders.yaml")["instruction_cues"])


@lru_cache(maxsize=1)
def placeholder_examples() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The specimen names (张三、李四) and the words of a sentence that uses them as an example."""
    data = load_data("placeholders.yaml")
    return re.compile(data["specimen_names"]), re.compile(data["example_cues"])


@lru_cache(maxsize=1)
def placeholder_signature_box() -> re.Pattern[str]:
    """Words just before a blank that make it a box for a signer (签字、盖章：年 月 日)."""
    return re.compile(load_data("placeholders.yaml")["signature_box"])


@lru_cache(maxsize=1)
def residue() -> dict[str, re.Pattern[str]]:
    """One alternation per kind: ``residue``, ``censor_gaps``, ``informal_voice``."""
    data = load_data("residue.yaml")
    return {kind: re.compile("|".join(f"(?:{p})" for p in patterns)) for kind, patterns in data.items()}


@lru_cache(maxsize=1)
def stock_phrases() -> tuple[Pattern, ...]:
    items = load_data("stock_phrases.yaml")["phrases"]
    return tuple(Pattern(re.compile(i["pattern"]), i["pattern"], i["category"]) for i in items)


@lru_cache(maxsize=1)
def stock_regex() -> re.Pattern[str]:
    """All stock phrases as one alternation."""
    return re.compile("|".join(f"(?:{p.regex.pattern})" for p in stock_phrases()))


@lru_cache(maxsize=1)
def era() -> dict[str, Any]:
    return load_data("era.yaml")  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def cues() -> dict[str, re.Pattern[str]]:
    """Word cues of the content rules (measure, hedge, empty_verbs, owner, time, spending)."""
    return {name: re.compile(pattern) for name, pattern in load_data("checks.yaml")["cues"].items()}


@lru_cache(maxsize=1)
def genres() -> dict[str, tuple[str, ...]]:
    """文种 of a title and the self-references (本方案, 本计划…) that agree with it."""
    return {genre: tuple(words) for genre, words in load_data("checks.yaml")["genres"].items()}

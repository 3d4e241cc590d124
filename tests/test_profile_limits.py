"""Profiles are untrusted input: size, encoding, nesting, aliases, types and regular expressions are bounded."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
import yaml.composer
import yaml.scanner

from cxzy_nlp.check import load_profile
from cxzy_nlp.check import profile as profile_module
from cxzy_nlp.errors import ConfigError

LAUGHS = "lol0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)
)

# fmt: off
MALFORMED = [
    # name, bytes, words the message must quote
    ("wrong-type-list", "title_words: 实施方案\n".encode(), ["title_words", "列表", "实施方案"]),
    ("wrong-type-setting", "rules:\n  length: {max_chars: 很多}\n".encode(), ["max_chars", "整数", "很多"]),
    ("wrong-type-switch", "rules:\n  placeholder: {enabled: 关闭}\n".encode(), ["enabled", "关闭"]),
    ("wrong-type-labels", "required_sections:\n- {name: 目标, labels: goals}\n".encode(), ["labels", "goals"]),
    ("nested-setting", b"rules: &r\n  length: *r\n", ["rules.length.length"]),
    ("non-utf8", "name: 我的配置\nzh: 通用\n".encode("gbk"), ["UTF-8", "第 6 字节"]),
    ("utf16", "name: 我的配置\n".encode("utf-16"), ["UTF-8"]),
    ("deep-nesting", ("rules: " + "[" * 3000 + "]" * 3000 + "\n").encode(), ["嵌套", "16"]),
    ("deep-block", ("zh:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60))).encode(), ["嵌套"]),
    ("billion-laughs", LAUGHS.encode(), ["billion laughs"]),
    ("too-many-aliases", ("title_words: &w [a]\nrules: {" + ", ".join(f"k{i}: *w" for i in range(100)) + "}\n").encode(),
     ["别名"]),
    ("unknown-field", b"required_section: []\n", ["required_section", "required_sections"]),
    ("catastrophic-regex", "required_sections:\n- {name: 目标, labels: [goals], inline: '(\\d+)+个目标'}\n".encode(),
     ["(\\\\d+)+个目标", "嵌套的重复"]),
    ("ambiguous-alternation", "required_sections:\n- {name: 目标, labels: [goals], inline: '(?:目标|目标任务)*完成'}\n".encode(),
     ["分支"]),
    ("huge", b"zh: '" + b"x" * (300 * 1024) + b"'\n", ["字节", "上限"]),
]
# fmt: on


@pytest.mark.parametrize(("name", "content", "quoted"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_profile_gives_a_chinese_config_error_quoting_the_problem(
    tmp_path: Path, name: str, content: bytes, quoted: list[str]
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as info:
        load_profile(str(path))
    for word in quoted:
        assert word in info.value.message, info.value.message
    assert str(path) in info.value.message


def _yaml_steps(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Tokens PyYAML scans plus nodes it composes while ``load_yaml_limited`` reads ``text`` (refused or not).

    An operation count, not a wall time, so a busy machine can neither pass nor fail it.
    """
    steps = 0
    fetch, compose = yaml.scanner.Scanner.fetch_more_tokens, yaml.composer.Composer.compose_node

    def counted_fetch(self: Any) -> Any:
        nonlocal steps
        steps += 1
        return fetch(self)

    def counted_compose(self: Any, parent: Any, index: Any) -> Any:
        nonlocal steps
        steps += 1
        return compose(self, parent, index)

    with monkeypatch.context() as patch:
        patch.setattr(yaml.scanner.Scanner, "fetch_more_tokens", counted_fetch)
        patch.setattr(yaml.composer.Composer, "compose_node", counted_compose)
        try:
            profile_module.load_yaml_limited(text.encode(), "p.yaml")
        except ConfigError:
            pass
    return steps


def _nested(depth: int) -> str:
    return "rules: " + "[" * depth + "]" * depth + "\n"


def test_deep_nesting_is_refused_after_the_same_work_however_deep(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="嵌套超过"):
        profile_module.load_yaml_limited(_nested(30_000).encode(), "p.yaml")
    shallow, deep = _yaml_steps(_nested(3000), monkeypatch), _yaml_steps(_nested(30_000), monkeypatch)
    # ten times the brackets, the same work: composing stops at level 17, and PyYAML's scanner looks at most
    # 1,024 characters ahead for a simple key
    assert deep == shallow and deep < 2000, (shallow, deep)


def test_control_without_the_depth_limit_the_work_grows_with_the_nesting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profile_module, "MAX_DEPTH", 10**6)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)  # else Python's own recursion guard stops the composer instead
    try:
        shallow, deep = _yaml_steps(_nested(300), monkeypatch), _yaml_steps(_nested(600), monkeypatch)
    finally:
        sys.setrecursionlimit(limit)
    assert deep >= shallow * 1.8, (shallow, deep)


def test_billion_laughs_is_refused_quickly_without_growing_the_process(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(LAUGHS, encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import resource, time
        from cxzy_nlp.check import load_profile
        from cxzy_nlp.errors import ConfigError
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t = time.perf_counter()
        try:
            load_profile({str(path)!r})
        except ConfigError:
            pass
        print(time.perf_counter() - t, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=True)
    seconds, grown_mb = map(float, out.stdout.split())
    assert seconds < 1.0 and grown_mb < 50, out.stdout


def test_control_the_node_limit_is_what_refuses_the_laughs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(LAUGHS, encoding="utf-8")
    monkeypatch.setattr(profile_module, "MAX_NODES", 10**12)
    monkeypatch.setattr(profile_module, "MAX_ALIASES", 10**6)
    with pytest.raises(ConfigError) as info:
        load_profile(str(path))
    assert "billion laughs" not in info.value.message  # refused later, for its unknown fields only


def test_control_the_refused_regex_really_backtracks() -> None:
    code = "import re; re.search(r'(\\d+)+个目标', '1' * 40)"
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([sys.executable, "-c", code], timeout=2)


def test_fifo_as_profile_is_refused_without_blocking(tmp_path: Path) -> None:
    for name in ("profile.yaml", "profile"):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        started = time.perf_counter()
        with pytest.raises(ConfigError) as info:
            load_profile(str(fifo))
        assert "不是普通文件" in info.value.message and time.perf_counter() - started < 2.0


# fmt: off
ACCEPTED = [
    "extends: implementation_plan\nrules:\n  length: {max_chars: 3000}\n  empty-section: {stock_share: 1}\n",
    "required_sections:\n- {name: 目标, labels: [goals], inline: '实现[一二三\\d]+个目标|成立[^。；]{0,30}领导小组'}\n",
    "rules:\n  placeholder: &p {severity: info}\n  scrape-residue: *p\n",
    "\ufeffname: 带BOM的配置\nzh: 通用\n",
    "title_words: [方案, 计划]\nrules:\n  placeholder: {enabled: false}\n  date-logic: {year_tolerance: 2}\n",
]
# fmt: on


@pytest.mark.parametrize("content", ACCEPTED)
def test_well_formed_profiles_still_load(tmp_path: Path, content: str) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(content, encoding="utf-8")
    load_profile(str(path))


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+", r"(a|ab)*c", r"(\d{1,2})+", r"^(\w+\s?)*$", r"(a|a)*", r"(.*a){12}"],
)
def test_patterns_that_backtrack_catastrophically_are_refused(pattern: str) -> None:
    with pytest.raises(ConfigError):
        profile_module.safe_pattern(pattern, "p.yaml", "inline")


@pytest.mark.parametrize(
    "pattern",
    [r"x(?:a|b|c)+y", r"(?:具体|主要|总体|工作)目标(?:是|为|如下)?[：:]", r"[^。；]{0,30}领导小组", r"(?>a+)+"],
)
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    assert profile_module.safe_pattern(pattern, "p.yaml", "inline") == pattern

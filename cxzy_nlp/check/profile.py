"""Check profiles: required sections, severities, switches and thresholds per document type.

Built-in profiles live in ``cxzy_nlp/profiles/<name>.yaml``; a user file may say
``extends: implementation_plan`` and override only what differs. ``rules`` mappings merge
per rule; lists (``required_sections``, ``title_words``) replace the parent's.

A profile is untrusted input, so it is read with limits before anything else: only a regular
file of at most ``MAX_PROFILE_BYTES``, strict UTF-8, YAML nesting at most ``MAX_DEPTH`` deep, at
most ``MAX_ALIASES`` aliases and ``MAX_NODES`` nodes once aliases are expanded (a billion-laughs
anchor is refused while it is being composed, before it is built), every field of the type the
built-in profiles give it, and regular expressions (``inline``) no longer than
``MAX_PATTERN_CHARS`` and free of the shapes that backtrack catastrophically (nested
quantifiers such as ``(a+)+``, overlapping alternatives under a repeat such as ``(a|ab)*``).
Every refusal is a :class:`~cxzy_nlp.errors.ConfigError` in Chinese quoting the problem.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import SEVERITIES, Severity
from .knowledge import catalogue

DEFAULT_PROFILE = "default"


@dataclass(frozen=True)
class RequiredSection:
    """One required family: any section labelled with one of ``labels`` satisfies it."""

    name: str
    labels: tuple[str, ...]
    inline: str | None = None  # regex: the family declared inside another section (具体目标：…)
    activities: int | None = None  # this many activities extract found are the family written without a heading
    lines: str | None = (
        None  # regex: a third or more of the text's lines matching it are the family (a list of problems)
    )


@dataclass(frozen=True)
class Profile:
    name: str
    zh: str = ""
    title_words: tuple[str, ...] = ()
    required_sections: tuple[RequiredSection, ...] = ()
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)

    def enabled(self, rule: str) -> bool:
        return bool(self.rules.get(rule, {}).get("enabled", True))

    def severity(self, rule: str) -> Severity:
        configured = self.rules.get(rule, {}).get("severity")
        if configured:
            return configured  # type: ignore[no-any-return]
        info = catalogue().get(rule)
        return info.severity if info else "warn"

    def setting(self, rule: str, key: str, default: Any = None) -> Any:
        return self.rules.get(rule, {}).get(key, default)


@lru_cache(maxsize=1)
def builtin_names() -> tuple[str, ...]:
    """Names of the profiles shipped in the package."""
    folder = resources.files("cxzy_nlp").joinpath("profiles")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")))


# ------------------------------------------------------------------ reading untrusted YAML

MAX_PROFILE_BYTES = 256 * 1024
MAX_DEPTH = 16  # nested mappings and lists
MAX_ALIASES = 64
MAX_NODES = 20_000  # scalars, lists and mappings, each alias counted as the size of what it names
MAX_PATTERN_CHARS = 1000
_TYPE_NAMES = {"str": "文字", "int": "整数", "float": "数值", "bool": "true 或 false", "list": "列表", "dict": "映射"}


def _short(value: Any, limit: int = 60) -> str:
    """A value quoted in a message, cut short (a profile's value may be huge)."""
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= limit else text[:limit] + "…"


def _bounded_loader(text: str, origin: str) -> Any:
    """A SafeLoader that counts depth, aliases and expanded nodes while composing, and stops at the limits."""
    import yaml
    from yaml.events import AliasEvent

    class BoundedLoader(yaml.SafeLoader):
        depth = 0
        aliases = 0
        nodes = 0
        sizes: dict[int, int]

        def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
            if self.check_event(AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    mark = self.peek_event().start_mark
                    raise ConfigError(
                        f"检查配置 {origin} 使用了超过 {MAX_ALIASES} 个 YAML 别名（*引用），已拒绝（第 {mark.line + 1} 行）"
                    )
                node = super().compose_node(parent, index)
                self._count(self.sizes.get(id(node), 1), node)
                return node
            self.depth += 1
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise ConfigError(f"检查配置 {origin} 的嵌套超过 {MAX_DEPTH} 层，已拒绝（第 {mark.line + 1} 行）")
            before = self.nodes
            try:
                node = super().compose_node(parent, index)
            finally:
                self.depth -= 1
            self._count(1, node)
            self.sizes[id(node)] = self.nodes - before
            return node

        def _count(self, n: int, node: Any) -> None:
            self.nodes += n
            if self.nodes > MAX_NODES:
                line = node.start_mark.line + 1 if node is not None else 0
                raise ConfigError(
                    f"检查配置 {origin} 展开后超过 {MAX_NODES} 个节点（别名层层引用，疑似“billion laughs”），"
                    f"已拒绝（第 {line} 行）"
                )

    loader = BoundedLoader(text)
    loader.sizes = {}
    return loader


def load_yaml_limited(data: str | bytes, origin: str) -> Any:
    """Parse one YAML document of a profile within the limits of the module doc."""
    import yaml

    if isinstance(data, bytes):
        if len(data) > MAX_PROFILE_BYTES:
            raise ConfigError(f"检查配置 {origin} 有 {len(data)} 字节，超过上限 {MAX_PROFILE_BYTES} 字节")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad = data[exc.start : exc.start + 4].hex(" ")
            raise ConfigError(
                f"检查配置 {origin} 不是 UTF-8 编码：第 {exc.start} 字节起为 {bad}；请另存为 UTF-8"
            ) from None
    else:
        text = data
        if len(text) > MAX_PROFILE_BYTES:
            raise ConfigError(f"检查配置 {origin} 有 {len(text)} 个字符，超过上限 {MAX_PROFILE_BYTES}")
    loader = _bounded_loader(text, origin)
    try:
        node = loader.get_single_node()
        return None if node is None else loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise ConfigError(f"检查配置 {origin} 不是有效的 YAML：{exc}") from None
    except RecursionError:
        raise ConfigError(f"检查配置 {origin} 的结构引用自身或嵌套过深，已拒绝") from None
    finally:
        loader.dispose()


def _read_yaml(data: str | bytes, origin: str) -> dict[str, Any]:
    parsed = load_yaml_limited(data, origin)
    if not isinstance(parsed, dict):
        raise ConfigError(f"检查配置 {origin} 应为键值映射，实际为 {type(parsed).__name__}")
    _validate_shape(parsed, origin)
    return parsed


def read_profile_file(path: str) -> bytes:
    """The bytes of a profile file: a regular file only (never blocks on a FIFO or device), at most the size limit."""
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ConfigError(f"无法读取检查配置文件 {path}：{exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"检查配置 {path} 不是普通文件（目录、管道或设备），已拒绝")
        if info.st_size > MAX_PROFILE_BYTES:
            raise ConfigError(f"检查配置 {path} 有 {info.st_size} 字节，超过上限 {MAX_PROFILE_BYTES} 字节")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(MAX_PROFILE_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"无法读取检查配置文件 {path}：{exc.strerror}") from None
    finally:
        os.close(fd)


# ------------------------------------------------------------------ shape and types

_TOP_LEVEL: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "zh": str,
    "extends": str,
    "title_words": list,
    "required_sections": list,
    "rules": dict,
}


def _type_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return "或".join(_TYPE_NAMES.get(k.__name__, k.__name__) for k in kinds)


def _expect(value: Any, kind: type | tuple[type, ...], origin: str, where: str) -> None:
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        ok = False  # YAML true is no number
    else:
        ok = isinstance(value, kind)
    if not ok:
        raise ConfigError(
            f"检查配置 {origin} 中 {where} 应为{_type_name(kind)}，实际为 {_short(value)}（{type(value).__name__}）"
        )


def _expect_strings(value: Any, origin: str, where: str) -> None:
    _expect(value, list, origin, where)
    for i, item in enumerate(value):
        _expect(item, str, origin, f"{where}[{i}]")


def _validate_shape(raw: dict[str, Any], origin: str) -> None:
    """Every top-level field of the type the built-in profiles give it; unknown fields named."""
    for key, value in raw.items():
        if not isinstance(key, str) or key not in _TOP_LEVEL:
            raise ConfigError(f"检查配置 {origin} 中有未知的字段 {_short(key)}；可用字段：{'、'.join(_TOP_LEVEL)}")
        if value is None:
            continue
        _expect(value, _TOP_LEVEL[key], origin, key)
    if raw.get("title_words") is not None:
        _expect_strings(raw["title_words"], origin, "title_words")
    for i, item in enumerate(raw.get("required_sections") or []):
        where = f"required_sections[{i}]"
        _expect(item, dict, origin, where)
        for key in ("name", "inline", "lines"):
            if item.get(key) is not None:
                _expect(item[key], str, origin, f"{where}.{key}")
        if item.get("labels") is not None:
            _expect_strings(item["labels"], origin, f"{where}.labels")
    for rid, opts in (raw.get("rules") or {}).items():
        if not isinstance(rid, str):
            raise ConfigError(f"检查配置 {origin} 中的规则名应为文字，实际为 {_short(rid)}")
        if opts is not None and not isinstance(opts, dict):
            raise ConfigError(f"检查配置 {origin} 中规则 {rid} 的设置应为映射，实际为 {_short(opts)}")


def _setting_kind(value: Any) -> type | tuple[type, ...]:
    if isinstance(value, bool):
        return bool
    if isinstance(value, (int, float)):
        return (int, float) if isinstance(value, float) else int
    return type(value)


def _validate_setting_types(rules: dict[str, Any], defaults: dict[str, Any], origin: str) -> None:
    """A setting the built-in profiles know must keep the type they give it (``max_chars: 很多`` is refused)."""
    for rid, opts in rules.items():
        known = defaults.get(rid) or {}
        for key, value in (opts or {}).items():
            where = f"rules.{rid}.{key}"
            if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
                raise ConfigError(f"检查配置 {origin} 中 {where} 应为文字、数值或文字列表，实际为 {_short(value)}")
            if key == "enabled":
                _expect(value, bool, origin, where)
            elif key in known and value is not None:
                kind = _setting_kind(known[key])
                _expect(value, kind, origin, where)
                if kind is list:
                    for i, item in enumerate(value):
                        _expect(item, str, origin, f"{where}[{i}]")


# ------------------------------------------------------------------ regular expressions a profile brings


def _regex_parser() -> Any:
    try:
        import re._constants as constants
        import re._parser as parser
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as constants  # type: ignore[no-redef]
        import sre_parse as parser  # type: ignore[no-redef]
    return parser, constants


def _first_chars(items: Any, c: Any) -> set[Any] | None:
    """The characters a sequence can start with, or None when that is not a small known set."""
    for op, av in items:
        if op is c.LITERAL:
            return {av}
        if op is c.SUBPATTERN:
            return _first_chars(av[-1], c)
        if op in (c.AT,):
            continue
        return None
    return None  # can be empty


def _backtracking_risk(items: Any, c: Any, under_repeat: bool = False) -> str | None:
    """Why a parsed pattern can backtrack catastrophically, or None."""
    repeats = tuple(op for op in (c.MAX_REPEAT, c.MIN_REPEAT) if op is not None)
    safe = tuple(getattr(c, name) for name in ("POSSESSIVE_REPEAT", "ATOMIC_GROUP") if hasattr(c, name))
    for op, av in items:
        if op in safe:
            continue
        if op in repeats:
            lo, hi, sub = av
            many = hi == c.MAXREPEAT or hi >= 10
            if under_repeat and hi > lo:
                return "嵌套的重复（如 (a+)+ 或 (\\d{1,2})+）"
            if many and (reason := _backtracking_risk(sub, c, True)):
                return reason
            if many and _ambiguous_branch(sub, c):
                return "重复中的分支可以从同一个字开始（如 (a|ab)*）"
        elif op is c.SUBPATTERN:
            if reason := _backtracking_risk(av[-1], c, under_repeat):
                return reason
        elif op is c.BRANCH:
            for alternative in av[1]:
                if reason := _backtracking_risk(alternative, c, under_repeat):
                    return reason
    return None


def _ambiguous_branch(items: Any, c: Any) -> bool:
    """Whether a repeated body holds an alternation whose branches may start with the same character."""
    for op, av in items:
        if op is c.SUBPATTERN and _ambiguous_branch(av[-1], c):
            return True
        if op is c.BRANCH:
            seen: set[Any] = set()
            for alternative in av[1]:
                first = _first_chars(alternative, c)
                if first is None or first & seen:
                    return True
                seen |= first
    return False


def safe_pattern(pattern: Any, origin: str, where: str) -> str:
    """A profile's regular expression, refused when too long, invalid or prone to catastrophic backtracking."""
    _expect(pattern, str, origin, where)
    if len(pattern) > MAX_PATTERN_CHARS:
        raise ConfigError(
            f"检查配置 {origin} 中 {where} 的正则表达式有 {len(pattern)} 个字符，超过上限 {MAX_PATTERN_CHARS}"
        )
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise ConfigError(f"检查配置 {origin} 中 {where} 不是有效的正则表达式：{_short(pattern)}（{exc}）") from None
    parser, constants = _regex_parser()
    reason = _backtracking_risk(parser.parse(pattern), constants)
    if reason:
        raise ConfigError(
            f"检查配置 {origin} 中 {where} 的正则表达式 {_short(pattern)} 含有{reason}，"
            f"在某些文字上会运行极久；请改写为不嵌套重复的形式"
        )
    return pattern


def _builtin_raw(name: str) -> dict[str, Any]:
    if name not in builtin_names():
        raise ConfigError(f"没有名为 {name!r} 的内置检查配置；可用：{'、'.join(builtin_names())}")
    return copy.deepcopy(_builtin_parsed(name))


@lru_cache(maxsize=64)
def _builtin_parsed(name: str) -> dict[str, Any]:
    """A profile shipped in the package, parsed once, by libyaml when present (trusted data: the limits
    of :func:`load_yaml_limited` are for users' files)."""
    from ..datacache import load_yaml

    text = resources.files("cxzy_nlp").joinpath(f"profiles/{name}.yaml").read_text(encoding="utf-8-sig")
    parsed = load_yaml(text)
    if not isinstance(parsed, dict):
        raise ConfigError(f"检查配置 {name} 应为键值映射，实际为 {type(parsed).__name__}")
    _validate_shape(parsed, name)
    return parsed


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(parent)
    for key, value in child.items():
        if key == "rules":
            rules = {rid: dict(opts) for rid, opts in parent.get("rules", {}).items()}
            for rid, opts in (value or {}).items():
                rules[rid] = {**rules.get(rid, {}), **(opts or {})}
            merged["rules"] = rules
        elif key != "extends":
            merged[key] = value
    return merged


def _resolve(raw: dict[str, Any], origin: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    parent_name = raw.get("extends")
    if not parent_name:
        return raw
    if parent_name in seen:
        raise ConfigError(f"检查配置 {origin} 的 extends 形成循环：{' → '.join((*seen, parent_name))}")
    parent = _resolve(_builtin_raw(parent_name), parent_name, (*seen, parent_name))
    return _merge(parent, raw)


def _validate_rules(rules: dict[str, Any], origin: str) -> None:
    known = catalogue()
    for rid, opts in rules.items():
        if opts is None:
            continue
        if rid not in known:
            raise ConfigError(f"检查配置 {origin} 中的规则 {rid!r} 不存在；用 `cxzy rules` 查看全部规则")
        if not isinstance(opts, dict):
            raise ConfigError(f"检查配置 {origin} 中规则 {rid} 的设置应为映射，实际为 {opts!r}")
        severity = opts.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise ConfigError(
                f"检查配置 {origin} 中规则 {rid} 的 severity 只能是 error、warn 或 info，实际为 {severity!r}"
            )


def profile_from_dict(raw: dict[str, Any], origin: str = "<dict>") -> Profile:
    """A profile from its YAML mapping, parents resolved and settings validated."""
    _validate_shape(raw, origin)
    data = _resolve(raw, origin, (str(raw.get("name", origin)),))
    rules = {rid: opts or {} for rid, opts in (data.get("rules") or {}).items()}
    _validate_rules(rules, origin)
    if origin != DEFAULT_PROFILE:
        _validate_setting_types(rules, _builtin_raw(DEFAULT_PROFILE).get("rules") or {}, origin)
    required = []
    for i, item in enumerate(data.get("required_sections") or []):
        if not isinstance(item, dict) or not item.get("labels"):
            raise ConfigError(
                f"检查配置 {origin} 的 required_sections 每项需要 name 和 labels，实际为 {_short(item, 120)}"
            )
        inline = item.get("inline")
        if inline is not None:
            safe_pattern(inline, origin, f"{item.get('name') or f'required_sections[{i}]'} 的 inline")
        lines = item.get("lines")
        if lines is not None:
            safe_pattern(lines, origin, f"{item.get('name') or f'required_sections[{i}]'} 的 lines")
        activities = item.get("activities")
        if activities is not None and (not isinstance(activities, int) or activities < 1):
            raise ConfigError(
                f"检查配置 {origin} 的 required_sections 中 activities 应为正整数，实际为 {_short(activities, 40)}"
            )
        required.append(
            RequiredSection(str(item.get("name", item["labels"][0])), tuple(item["labels"]), inline, activities, lines)
        )
    return Profile(
        name=str(data.get("name", origin)),
        zh=str(data.get("zh", "")),
        title_words=tuple(data.get("title_words") or ()),
        required_sections=tuple(required),
        rules={rid: dict(opts) for rid, opts in rules.items()},
    )


@lru_cache(maxsize=32)
def builtin_profile(name: str) -> Profile:
    return profile_from_dict(_builtin_raw(name), name)


def load_profile(spec: str | Path) -> Profile:
    """A built-in profile by name, or a user YAML file by path."""
    text = str(spec)
    path = Path(text)
    if text.endswith((".yaml", ".yml")) or path.is_file() or (path.exists() and not path.is_dir()):
        try:
            modified = Path(text).stat().st_mtime_ns
        except OSError as exc:
            raise ConfigError(f"无法读取检查配置文件 {text}：{exc.strerror}") from None
        return _file_profile(text, modified)
    return builtin_profile(builtin_by_zh().get(text, text))


@lru_cache(maxsize=1)
def builtin_by_zh() -> dict[str, str]:
    """Built-in profile names by their Chinese names (工作计划 → work_schedule): a reviewer may use either."""
    return {builtin_profile(name).zh: name for name in builtin_names() if builtin_profile(name).zh}


@lru_cache(maxsize=8)
def _file_profile(path: str, modified: int) -> Profile:
    """A user profile file, read once per modification (a batch checks many documents with it)."""
    return profile_from_dict(_read_yaml(read_profile_file(path), path), path)


@lru_cache(maxsize=1)
def _builtin_title_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each built-in profile's 文种 words (parents resolved), without building every profile."""
    out = []
    for name in builtin_names():
        raw = _builtin_raw(name)
        data = _resolve(raw, name, (str(raw.get("name", name)),))
        out.append((name, tuple(data.get("title_words") or ())))
    return tuple(out)


def _title_kind(title: str) -> tuple[str, int, int] | None:
    """The built-in profile whose 文种 word closes the title (latest end, then longest word): name, end, length."""
    best: tuple[str, int, int] | None = None
    for name, words in _builtin_title_words():
        for word in words:
            at = title.rfind(word)
            if at >= 0 and (best is None or (at + len(word), len(word)) > (best[1], best[2])):
                best = (name, at + len(word), len(word))
    return best


def profile_for_doc_type(doc_type: str | None, title: str | None) -> Profile:
    """The built-in profile of a document type, guessed from the title's 文种 when the type is unknown.

    A title whose 文种 word is a longer form of the one the type goes by (开发计划 for a 计划)
    names the more specific kind, and its profile is taken.
    """
    names = builtin_names()
    guess = _title_kind(title) if title else None
    if doc_type and doc_type in names:
        if guess and guess[0] != doc_type:
            own = [w for w in builtin_profile(doc_type).title_words if title and title.endswith(w, 0, guess[1])]
            if own and all(len(w) < guess[2] for w in own):
                return builtin_profile(guess[0])
        return builtin_profile(doc_type)
    return builtin_profile(guess[0] if guess else DEFAULT_PROFILE)


def resolve_profile(
    profile: str | Profile | None, doc_type: str | None, title: str | None, chosen: str | None = None
) -> Profile:
    """The profile to apply to one document: the one given, else the built-in one the structure stage
    chose within its kind (``Document.profile``), else the built-in one for its type."""
    if isinstance(profile, Profile):
        return profile
    if profile:
        return load_profile(profile)
    if chosen and chosen in builtin_names():
        return builtin_profile(chosen)
    return profile_for_doc_type(doc_type, title)


@dataclass(frozen=True)
class RuleRow:
    """One rule as a profile applies it: the library result behind ``cxzy rules``."""

    id: str
    severity: Severity
    enabled: bool
    family: str
    description: str
    name: str = ""


def rules(profile: str | Path | None = None) -> list[RuleRow]:
    """Every rule of the catalogue with the severity and switch of ``profile`` (the catalogue's defaults without one)."""
    chosen = load_profile(profile) if profile else None
    return [
        RuleRow(
            id=info.id,
            severity=chosen.severity(info.id) if chosen else info.severity,
            enabled=chosen.enabled(info.id) if chosen else True,
            family=info.family,
            description=info.zh,
            name=info.name,
        )
        for info in catalogue().values()
    ]

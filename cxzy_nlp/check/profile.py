"""Check profiles: required sections, severities, switches and thresholds per document type.

Built-in profiles live in ``cxzy_nlp/profiles/<name>.yaml``; a user file may say
``extends: implementation_plan`` and override only what differs. ``rules`` mappings merge
per rule; lists (``required_sections``, ``title_words``) replace the parent's.
"""

from __future__ import annotations

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


def _read_yaml(text: str, origin: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"检查配置 {origin} 不是有效的 YAML：{exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"检查配置 {origin} 应为键值映射，实际为 {type(data).__name__}")
    return data


def _builtin_raw(name: str) -> dict[str, Any]:
    if name not in builtin_names():
        raise ConfigError(f"没有名为 {name!r} 的内置检查配置；可用：{'、'.join(builtin_names())}")
    text = resources.files("cxzy_nlp").joinpath(f"profiles/{name}.yaml").read_text(encoding="utf-8")
    return _read_yaml(text, name)


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
    data = _resolve(raw, origin, (str(raw.get("name", origin)),))
    rules = data.get("rules") or {}
    _validate_rules(rules, origin)
    required = []
    for item in data.get("required_sections") or []:
        if not isinstance(item, dict) or not item.get("labels"):
            raise ConfigError(f"检查配置 {origin} 的 required_sections 每项需要 name 和 labels，实际为 {item!r}")
        inline = item.get("inline")
        if inline is not None:
            try:
                re.compile(inline)
            except re.error as exc:
                raise ConfigError(
                    f"检查配置 {origin} 中 {item.get('name')} 的 inline 不是有效的正则表达式：{inline!r}（{exc}）"
                ) from None
        required.append(RequiredSection(str(item.get("name", item["labels"][0])), tuple(item["labels"]), inline))
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
    if text.endswith((".yaml", ".yml")) or Path(text).is_file():
        try:
            modified = Path(text).stat().st_mtime_ns
        except OSError as exc:
            raise ConfigError(f"无法读取检查配置文件 {text}：{exc.strerror}") from None
        return _file_profile(text, modified)
    return builtin_profile(text)


@lru_cache(maxsize=8)
def _file_profile(path: str, modified: int) -> Profile:
    """A user profile file, read once per modification (a batch checks many documents with it)."""
    try:
        raw = _read_yaml(Path(path).read_text(encoding="utf-8"), path)
    except OSError as exc:
        raise ConfigError(f"无法读取检查配置文件 {path}：{exc.strerror}") from None
    return profile_from_dict(raw, path)


def profile_for_doc_type(doc_type: str | None, title: str | None) -> Profile:
    """The built-in profile of a document type, guessed from the title's 文种 when the type is unknown."""
    names = builtin_names()
    if doc_type and doc_type in names:
        return builtin_profile(doc_type)
    if title:
        best: tuple[int, str] | None = None
        chosen = DEFAULT_PROFILE
        for name in names:
            for word in builtin_profile(name).title_words:
                at = title.rfind(word)
                if at >= 0 and (best is None or (at + len(word), len(word)) > (best[0], len(best[1]))):
                    best = (at + len(word), word)
                    chosen = name
        if best is not None:
            return builtin_profile(chosen)
    return builtin_profile(DEFAULT_PROFILE)


def resolve_profile(profile: str | Profile | None, doc_type: str | None, title: str | None) -> Profile:
    """The profile to apply to one document: the one given, else the built-in one for its type."""
    if isinstance(profile, Profile):
        return profile
    if profile:
        return load_profile(profile)
    return profile_for_doc_type(doc_type, title)


@dataclass(frozen=True)
class RuleRow:
    """One rule as a profile applies it: the library result behind ``cxzy rules``."""

    id: str
    severity: Severity
    enabled: bool
    family: str
    description: str


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
        )
        for info in catalogue().values()
    ]

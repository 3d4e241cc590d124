"""The reviewer in control: ``cxzy.toml`` found beside the checked files, and the filters a linter offers.

``cxzy.toml`` (in the checked folder or one of its parents)::

    reviewer = "张三"
    profile = "工作计划"            # a built-in id, its Chinese name, or a YAML path (relative to the file)
    select = ["missing-section"]    # only these rules (ids or Chinese names); empty: all
    ignore = ["length"]
    min-severity = "warn"
    [severity]
    placeholder = "warn"

Options given on the command line win over the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import SEVERITIES, Analysis, Finding
from .knowledge import catalogue

CONFIG_NAME = "cxzy.toml"
SEVERITY_RANK = {"info": 1, "warn": 2, "error": 3}
# executor and scheduler: read by config.executor_settings for the commands that run files
_KEYS = {"reviewer", "profile", "select", "ignore", "min-severity", "severity", "executor", "scheduler"}


@dataclass(frozen=True)
class ReviewSettings:
    """What the reviewer asked for: profile, rules kept or left out, severities, the lowest severity shown."""

    profile: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: str = "info"
    severity: dict[str, str] = field(default_factory=dict)
    reviewer: str | None = None
    path: Path | None = None  # the cxzy.toml read, if any


def find_config(paths: Sequence[str | os.PathLike[str]]) -> Path | None:
    """The first ``cxzy.toml`` in the folder of the first checked path or one of its parents."""
    if not paths:
        return None
    start = Path(paths[0]).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
    return None


def rule_id(name: str, origin: str) -> str:
    """A rule id from its id or its Chinese name; an unknown one is a :class:`ConfigError`."""
    rules = catalogue()
    if name in rules:
        return name
    for info in rules.values():
        if name in (info.name, info.zh):
            return info.id
    raise ConfigError(f"{origin} 中的规则 {name!r} 不存在；用 `cxzy rules` 查看全部规则")


def _strings(value: Any, key: str, origin: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{origin} 中 {key} 应为规则列表，实际为 {value!r}")
    return tuple(rule_id(v, origin) for v in value)


def _severity(value: Any, key: str, origin: str) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"{origin} 中 {key} 只能是 error、warn 或 info，实际为 {value!r}")
    return str(value)


def load_settings(path: str | os.PathLike[str]) -> ReviewSettings:
    """Read a ``cxzy.toml``; every bad key or value is a :class:`ConfigError` quoting it."""
    import tomllib

    p = Path(path)
    origin = f"配置文件 {p}"
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取{origin}：{exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin} 不是有效的 TOML：{exc}") from None
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"{origin} 中有未知的设置 {sorted(unknown)!r}；可用：{'、'.join(sorted(_KEYS))}")
    profile = data.get("profile")
    if profile is not None and not isinstance(profile, str):
        raise ConfigError(f"{origin} 中 profile 应为文字，实际为 {profile!r}")
    if profile and profile.endswith((".yaml", ".yml")) and not Path(profile).is_absolute():
        profile = str(p.parent / profile)
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{origin} 中 [severity] 应为“规则 = 级别”的表，实际为 {severity!r}")
    reviewer = data.get("reviewer")
    return ReviewSettings(
        profile=profile,
        select=_strings(data.get("select", []), "select", origin),
        ignore=_strings(data.get("ignore", []), "ignore", origin),
        min_severity=_severity(data.get("min-severity", "info"), "min-severity", origin),
        severity={rule_id(k, origin): _severity(v, f"severity.{k}", origin) for k, v in severity.items()},
        reviewer=str(reviewer) if reviewer is not None else None,
        path=p,
    )


def settings_for(
    paths: Sequence[str | os.PathLike[str]],
    profile: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    min_severity: str | None = None,
) -> ReviewSettings:
    """The settings of a run: the ``cxzy.toml`` found for ``paths``, overridden by what the command line gives."""
    found = find_config(paths)
    base = load_settings(found) if found else ReviewSettings()
    origin = "命令行"
    chosen_select = tuple(rule_id(r, origin) for r in select)
    chosen_ignore = tuple(rule_id(r, origin) for r in ignore)
    return replace(
        base,
        profile=profile or base.profile,
        select=chosen_select or base.select,
        ignore=(*base.ignore, *chosen_ignore),
        min_severity=_severity(min_severity, "--min-severity", origin) if min_severity else base.min_severity,
    )


def keep(finding: Finding, settings: ReviewSettings) -> Finding | None:
    """The finding as the reviewer wants it (severity re-graded), or None when left out."""
    if settings.select and finding.rule not in settings.select:
        return None
    if finding.rule in settings.ignore:
        return None
    severity = settings.severity.get(finding.rule, finding.severity)
    if SEVERITY_RANK.get(severity, 0) < SEVERITY_RANK[settings.min_severity]:
        return None
    return finding if severity == finding.severity else replace(finding, severity=severity)  # type: ignore[arg-type]


def apply_settings(analysis: Analysis, settings: ReviewSettings) -> Analysis:
    """The analysis with each document's findings filtered and re-graded by ``settings``."""
    if not (settings.select or settings.ignore or settings.severity or settings.min_severity != "info"):
        return analysis
    docs = []
    for doc in analysis.documents:
        kept = tuple(f for f in (keep(x, settings) for x in doc.findings) if f is not None)
        docs.append(replace(doc, findings=kept))
    return replace(analysis, documents=tuple(docs))


__all__ = ["CONFIG_NAME", "ReviewSettings", "apply_settings", "find_config", "load_settings", "settings_for"]
